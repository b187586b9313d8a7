import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The `/metrics` endpoint of `export --listen`: a blocking HTTP/1.1 server that
/// answers one connection at a time and closes it after the response — enough for
/// a Prometheus scraper every few seconds, with nothing beyond the socket calls
/// in SystemCalls.
public final class MetricsHTTPServer {
    private let socket: FileDescriptor
    /// The port it listens on (the kernel's pick when 0 was asked for).
    public let port: UInt16
    private let metrics: () -> String

    /// How long a client may take to send its request head.
    static let receiveTimeoutSeconds = 5

    /// Listens on `address` ("IPv4:PORT"); `metrics` is called once per scrape.
    public init(address: String, metrics: @escaping () -> String) throws {
        let parts = address.split(separator: ":")
        guard parts.count == 2, let requested = UInt16(parts[1]) else { throw NodeMetricsError.badListenAddress(address) }
        do {
            socket = try TCPSocket.listen(address: String(parts[0]), port: requested)
            port = try TCPSocket.localPort(of: socket)
        } catch {
            throw error.errno == EINVAL ? NodeMetricsError.badListenAddress(address) : NodeMetricsError.systemCall(error)
        }
        self.metrics = metrics
    }

    /// Serves until `shouldStop` says so (looked at every half second) or `limit` requests were answered.
    public func serve(limit: Int? = nil, shouldStop: () -> Bool) throws {
        var answered = 0
        while !shouldStop(), answered < limit ?? .max {
            do {
                guard try TCPSocket.waitForInput(socket, timeoutMilliseconds: 500) else { continue }
                let connection = try TCPSocket.accept(socket)
                try? answer(connection)
                answered += 1
            } catch {
                throw NodeMetricsError.systemCall(error)
            }
        }
    }

    /// Reads one request head and writes the response; a client that is too slow,
    /// sends too much or hangs up mid-request gets a 400 or nothing.
    private func answer(_ connection: borrowing FileDescriptor) throws(SystemCallError) {
        try TCPSocket.setReceiveTimeout(connection, seconds: Self.receiveTimeoutSeconds)
        var head: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 1)
        defer { chunk.deallocate() }
        let response: HTTPResponse
        while true {
            let count = try connection.read(into: chunk)
            head.append(contentsOf: chunk[0..<count])
            if Self.endOfHead(head) != nil || count == 0 || head.count > HTTPRequestHead.limit { break }
        }
        if let end = Self.endOfHead(head) {
            do {
                response = HTTPResponse.answering(try HTTPRequestHead.parse(Array(head[..<end])), metrics: metrics)
            } catch {
                response = .badRequest(error.reason)
            }
        } else if head.count > HTTPRequestHead.limit {
            response = .badRequest("the request head is longer than \(HTTPRequestHead.limit) bytes")
        } else {
            response = .badRequest("the connection closed before the end of the request head")
        }
        try TCPSocket.sendAll(connection, response.bytes)
    }

    /// The index just past the blank line (CRLF CRLF) that ends the head.
    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }
}
