#if canImport(Glibc)
import Glibc
#endif

/// IPv4 TCP sockets for the small HTTP endpoint of `perfv-report export --listen`
/// and its tests: socket(2), bind(2), listen(2), accept(2), connect(2), poll(2),
/// getsockname(2) and setsockopt(2), each retried on EINTR, each descriptor
/// close-on-exec and owned by a ``FileDescriptor``.
package enum TCPSocket {
    /// A socket listening on `address` (dotted IPv4, e.g. "127.0.0.1") and `port`
    /// (0: the kernel picks a free one; ``localPort(of:)`` tells which).
    package static func listen(address: String, port: UInt16, backlog: Int32 = 16) throws(SystemCallError) -> FileDescriptor {
        var socketAddress = try makeAddress(address, port: port)
        let socket = FileDescriptor(adopting: try SystemCall.retryingOnInterrupt("socket") {
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        })
        var reuse: Int32 = 1
        _ = try SystemCall.retryingOnInterrupt("setsockopt(SO_REUSEADDR)") {
            setsockopt(socket.rawValue, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        }
        _ = try SystemCall.retryingOnInterrupt("bind(\(address):\(port))") {
            withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket.rawValue, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        _ = try SystemCall.retryingOnInterrupt("listen") { Glibc.listen(socket.rawValue, backlog) }
        return socket
    }

    /// The port a bound socket got (getsockname(2)).
    package static func localPort(of socket: borrowing FileDescriptor) throws(SystemCallError) -> UInt16 {
        var socketAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = try SystemCall.retryingOnInterrupt("getsockname") {
            withUnsafeMutablePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket.rawValue, $0, &length) }
            }
        }
        return UInt16(bigEndian: socketAddress.sin_port)
    }

    /// The next connection on a listening socket (accept(2), then close-on-exec:
    /// Glibc's accept4 is not visible to Swift without _GNU_SOURCE).
    package static func accept(_ socket: borrowing FileDescriptor) throws(SystemCallError) -> FileDescriptor {
        let connection = FileDescriptor(adopting: try SystemCall.retryingOnInterrupt("accept") {
            Glibc.accept(socket.rawValue, nil, nil)
        })
        // fcntl on a descriptor just made cannot fail.
        _ = fcntl(connection.rawValue, F_SETFD, FD_CLOEXEC)
        return connection
    }

    /// A socket connected to `address`:`port` (connect(2)).
    package static func connect(address: String, port: UInt16) throws(SystemCallError) -> FileDescriptor {
        var socketAddress = try makeAddress(address, port: port)
        let socket = FileDescriptor(adopting: try SystemCall.retryingOnInterrupt("socket") {
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        })
        _ = try SystemCall.retryingOnInterrupt("connect(\(address):\(port))") {
            withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(socket.rawValue, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        return socket
    }

    /// Makes reads on `socket` fail with EAGAIN after `seconds` without data
    /// (SO_RCVTIMEO), so a client that sends nothing cannot hold a blocking server.
    package static func setReceiveTimeout(_ socket: borrowing FileDescriptor, seconds: Int) throws(SystemCallError) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        _ = try SystemCall.retryingOnInterrupt("setsockopt(SO_RCVTIMEO)") {
            setsockopt(socket.rawValue, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// A sockaddr_in for dotted IPv4 `address`; EINVAL when it is not one (inet_pton(3)).
    private static func makeAddress(_ address: String, port: UInt16) throws(SystemCallError) -> sockaddr_in {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
            throw SystemCallError(call: "inet_pton(\(address))", errno: EINVAL)
        }
        return socketAddress
    }
}

extension TCPSocket {
    /// send(2) of all of `bytes` with MSG_NOSIGNAL: a peer that hung up gives EPIPE
    /// instead of a SIGPIPE that would end the serving process.
    package static func sendAll(_ socket: borrowing FileDescriptor, _ bytes: [UInt8]) throws(SystemCallError) {
        var sent = 0
        while sent < bytes.count {
            sent += try SystemCall.retryingOnInterrupt("send") {
                bytes.withUnsafeBytes { send(socket.rawValue, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            }
        }
    }

    /// Waits up to `timeoutMilliseconds` for a connection (or data) on `socket`
    /// (poll(2) for POLLIN); says whether one is there. A caller loops on it to look
    /// at a stop request between waits.
    package static func waitForInput(_ socket: borrowing FileDescriptor, timeoutMilliseconds: Int32) throws(SystemCallError) -> Bool {
        var entry = pollfd(fd: socket.rawValue, events: Int16(POLLIN), revents: 0)
        return try SystemCall.retryingOnInterrupt("poll") { poll(&entry, 1, timeoutMilliseconds) } > 0
    }
}
