/// The request line of an HTTP/1.x request ("GET /metrics HTTP/1.1"); the header
/// lines after it are read past but not used. RFC 9112 §3.
struct HTTPRequestHead: Equatable {
    var method: String
    /// The path without its query ("/metrics?x=1" is "/metrics").
    var path: String

    /// Longest head accepted; a scraper's is a few hundred bytes.
    static let limit = 8192

    /// Why a head is not a request.
    struct Malformed: Error, Equatable {
        var reason: String
    }

    /// Parses the bytes up to the blank line that ends the head.
    static func parse(_ head: [UInt8]) throws(Malformed) -> HTTPRequestHead {
        guard let lineEnd = head.firstIndex(of: UInt8(ascii: "\r")), lineEnd + 1 < head.count, head[lineEnd + 1] == UInt8(ascii: "\n") else {
            throw Malformed(reason: "the request line does not end with CRLF")
        }
        guard head[..<lineEnd].allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw Malformed(reason: "the request line has bytes that are not printable ASCII")
        }
        let parts = String(decoding: head[..<lineEnd], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isUppercase }) else {
            throw Malformed(reason: "the request line is not \"METHOD TARGET HTTP/1.x\"")
        }
        guard parts[1].hasPrefix("/") else { throw Malformed(reason: "the target \"\(parts[1].prefix(40))\" is not an absolute path") }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else {
            throw Malformed(reason: "\"\(parts[2].prefix(20))\" is not HTTP/1.0 or HTTP/1.1")
        }
        let path = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return HTTPRequestHead(method: String(parts[0]), path: String(path))
    }
}
