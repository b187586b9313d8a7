#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket on the IPv4 loopback (127.0.0.1), for tests that put known traffic
/// on `lo`: socket(2), bind(2), getsockname(2), sendto(2), through ``FileDescriptor``.
package struct UDPSocket: ~Copyable {
    private let descriptor: FileDescriptor
    /// The port the socket is bound to, in host byte order.
    package let port: UInt16

    /// A socket bound to 127.0.0.1 on a port the kernel picks.
    package init() throws(SystemCallError) {
        let raw = try SystemCall.retryingOnInterrupt("socket(AF_INET, SOCK_DGRAM)") {
            socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        // Owned from here, so a failure below closes it.
        let opened = FileDescriptor(adopting: raw)
        var address = Self.loopback(port: 0)
        _ = try SystemCall.retryingOnInterrupt("bind(127.0.0.1)") {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(raw, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = try SystemCall.retryingOnInterrupt("getsockname") {
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(raw, $0, &length) }
            }
        }
        port = UInt16(bigEndian: address.sin_port)
        descriptor = opened
    }

    /// Sends `payload` as one datagram to 127.0.0.1:`port`; returns the bytes sent.
    @discardableResult
    package func send(_ payload: UnsafeRawBufferPointer, toPort port: UInt16) throws(SystemCallError) -> Int {
        var address = Self.loopback(port: port)
        return try SystemCall.retryingOnInterrupt("sendto(127.0.0.1:\(port))") {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor.rawValue, payload.baseAddress, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Receives one datagram into `buffer` without waiting; nil when none is queued.
    package func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int? {
        do throws(SystemCallError) {
            return try SystemCall.retryingOnInterrupt("recv") {
                recv(descriptor.rawValue, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            }
        } catch {
            if error.errno == EAGAIN || error.errno == EWOULDBLOCK { return nil }
            throw error
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // INADDR_LOOPBACK
        return address
    }
}
