#if canImport(Glibc)
import Glibc
#endif

/// Reads MSRs through Linux's msr driver: a pread(2) of 8 bytes at offset `msr` of
/// `/dev/cpu/<n>/msr` runs RDMSR on CPU n. One descriptor per CPU, opened once.
///
/// Needs the `msr` module (`modprobe msr`) and CAP_SYS_RAWIO (root).
public final class MSRDeviceRegisters: VirtualCounterRegisters, @unchecked Sendable {
    // Descriptors are only read after init and closed in deinit.
    private let descriptors: [Int32]

    /// Opens `/dev/cpu/<n>/msr` for every CPU in `cpus`.
    public init(cpus: [Int]) throws {
        var opened: [Int32] = []
        do {
            for cpu in cpus {
                let path = "/dev/cpu/\(cpu)/msr"
                opened.append(try SystemCall.retryingOnInterrupt("open(\(path))") { open(path, O_RDONLY | O_CLOEXEC) })
            }
        } catch {
            opened.forEach { _ = close($0) }
            throw error
        }
        descriptors = opened
    }

    deinit { descriptors.forEach { _ = close($0) } }

    public func totalOverVCPUs(msr: UInt32) throws -> UInt64 {
        var total: UInt64 = 0
        for descriptor in descriptors {
            var value: UInt64 = 0
            let count = try SystemCall.retryingOnInterrupt("pread(msr 0x\(String(msr, radix: 16)))") {
                pread(descriptor, &value, MemoryLayout<UInt64>.size, off_t(msr))
            }
            guard count == MemoryLayout<UInt64>.size else {
                throw PerfVError.systemCall(call: "pread(msr)", errno: EIO)
            }
            total &+= value
        }
        return total
    }
}
