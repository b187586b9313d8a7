/// A complete HTTP/1.1 response with a body; the connection closes after it.
struct HTTPResponse: Equatable {
    var status: Int
    var reason: String
    var contentType: String
    var body: String

    /// The media type Prometheus scrapers ask for (text exposition format 0.0.4).
    static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The response to `request`: metrics for GET (or HEAD) /metrics, 404 for any other path, 405 for other methods.
    static func answering(_ request: HTTPRequestHead, metrics: () -> String) -> HTTPResponse {
        guard request.path == "/metrics" else {
            return HTTPResponse(status: 404, reason: "Not Found", contentType: "text/plain; charset=utf-8",
                                body: "Not found: only /metrics is served here.\n")
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, reason: "Method Not Allowed", contentType: "text/plain; charset=utf-8",
                                body: "Only GET and HEAD are allowed on /metrics.\n")
        }
        let response = HTTPResponse(status: 200, reason: "OK", contentType: prometheusContentType, body: metrics())
        return request.method == "HEAD" ? response.withoutBody : response
    }

    static func badRequest(_ reason: String) -> HTTPResponse {
        HTTPResponse(status: 400, reason: "Bad Request", contentType: "text/plain; charset=utf-8", body: "Bad request: \(reason)\n")
    }

    private var withoutBody: HTTPResponse {
        var copy = self
        copy.body = ""
        return copy
    }

    /// The bytes on the wire.
    var bytes: [UInt8] {
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n"
        return Array(head.utf8) + Array(body.utf8)
    }
}
