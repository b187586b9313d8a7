import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Reads MSRs through Linux's msr driver: a pread(2) of 8 bytes at offset `msr` of
/// `/dev/cpu/<n>/msr` runs RDMSR on CPU n. One descriptor per CPU, opened once.
///
/// Needs the `msr` module (`modprobe msr`) and CAP_SYS_RAWIO (root).
public final class MSRDeviceRegisters: VirtualCounterRegisters, @unchecked Sendable {
    // Descriptors are only read after init; they close with this object.
    private let descriptors: [SharedFileDescriptor]

    /// Opens `/dev/cpu/<n>/msr` for every CPU in `cpus`.
    public init(cpus: [Int]) throws {
        do {
            descriptors = try cpus.map { cpu throws(SystemCallError) in
                SharedFileDescriptor(try FileDescriptor(opening: "/dev/cpu/\(cpu)/msr", O_RDONLY))
            }
        } catch {
            throw PerfVError.systemCall(error)
        }
    }

    public func totalOverVCPUs(msr: UInt32) throws -> UInt64 {
        var total: UInt64 = 0
        for shared in descriptors {
            var value: UInt64 = 0
            let count: Int
            do {
                count = try withUnsafeMutableBytes(of: &value) { raw throws(SystemCallError) in
                    try shared.descriptor.read(into: raw, atOffset: Int64(msr))
                }
            } catch {
                throw PerfVError.systemCall(error.about("msr 0x\(String(msr, radix: 16))"))
            }
            guard count == MemoryLayout<UInt64>.size else {
                throw PerfVError.systemCall(SystemCallError(call: "pread(msr 0x\(String(msr, radix: 16)))", errno: EIO))
            }
            total &+= value
        }
        return total
    }
}
