#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket on the IPv4 loopback address (127.0.0.1): socket(2), bind(2),
/// connect(2), send(2), recv(2). The network experiment's two ends — the VMM's
/// network device and the host baseline send through one, the sweep's receiver
/// counts what arrives on another.
package struct DatagramSocket: ~Copyable {
    package let descriptor: FileDescriptor

    /// A new socket bound to 127.0.0.1:`port` (0: a free port the kernel picks).
    package init(boundToLoopbackPort port: UInt16 = 0) throws(SystemCallError) {
        let opened = FileDescriptor(adopting: try SystemCall.retryingOnInterrupt("socket(AF_INET, SOCK_DGRAM)") {
            socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        })
        var address = Self.loopback(port: port)
        let fd = opened.rawValue
        _ = try SystemCall.retryingOnInterrupt("bind(127.0.0.1:\(port))") {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        descriptor = opened
    }

    /// The port this socket is bound to (getsockname(2)).
    package func localPort() throws(SystemCallError) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = descriptor.rawValue
        _ = try SystemCall.retryingOnInterrupt("getsockname") {
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Sends every later datagram to 127.0.0.1:`port` (connect(2)), so `send` needs no address.
    package func connect(toLoopbackPort port: UInt16) throws(SystemCallError) {
        var address = Self.loopback(port: port)
        let fd = descriptor.rawValue
        _ = try SystemCall.retryingOnInterrupt("connect(127.0.0.1:\(port))") {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
    }

    /// send(2) of one datagram to the connected peer; returns the bytes sent (all of them, for UDP).
    @inline(__always)
    package func send(_ datagram: UnsafeRawBufferPointer) throws(SystemCallError) -> Int {
        let fd = descriptor.rawValue
        return try SystemCall.retryingOnInterrupt("send") { Glibc.send(fd, datagram.baseAddress, datagram.count, 0) }
    }

    /// recv(2) of the next queued datagram without waiting (MSG_DONTWAIT); nil when
    /// none is queued. Returns its full length, even if `buffer` held less (MSG_TRUNC).
    package func receiveWithoutWaiting(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int? {
        let fd = descriptor.rawValue
        do throws(SystemCallError) {
            return try SystemCall.retryingOnInterrupt("recv") {
                recv(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT) | Int32(MSG_TRUNC))
            }
        } catch {
            if error.errno == EAGAIN || error.errno == EWOULDBLOCK { return nil }
            throw error
        }
    }

    /// Asks for a receive buffer of `bytes` (SO_RCVBUFFORCE, which may exceed
    /// net.core.rmem_max but needs CAP_NET_ADMIN; else SO_RCVBUF, capped at rmem_max)
    /// and returns what the kernel granted (SO_RCVBUF read back; the kernel doubles
    /// the request to cover its bookkeeping).
    package func requestReceiveBuffer(bytes: Int) throws(SystemCallError) -> Int {
        var size = Int32(clamping: bytes)
        let fd = descriptor.rawValue
        let length = socklen_t(MemoryLayout<Int32>.size)
        let forced = (try? SystemCall.retryingOnInterrupt("setsockopt(SO_RCVBUFFORCE)") {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, length)
        }) != nil
        if !forced {
            _ = try SystemCall.retryingOnInterrupt("setsockopt(SO_RCVBUF)") { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, length) }
        }
        var granted: Int32 = 0
        var grantedLength = length
        _ = try SystemCall.retryingOnInterrupt("getsockopt(SO_RCVBUF)") { getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &grantedLength) }
        return Int(granted)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
