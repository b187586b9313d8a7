import CBaselines
import CGuestABI
import VMM

/// PerfV's side of the exit comparison: the minimal C loop's own guest code
/// (Benchmarks/CBaselines/kvm_loop.c) wrapped in a PerfV guest image and run by
/// PerfV's VMM (`Machine`), so both sides execute identical guest instructions and
/// differ only in the VMM. The image's CPL0 entry reads the loop kind, K and the
/// port or MSR from the boot parameters' arg[0...2], drops to CPL3 and ends with the
/// exit hypercall.
enum ExitLoopImage {
    /// The image: an ELF64 executable with one PT_LOAD segment at PERFV_GPA_IMAGE holding
    /// `struct perfv_image_header` and then the code.
    static let bytes: [UInt8] = makeImage()

    /// Where the code starts inside the segment (after the 296-byte header).
    static let codeOffset: UInt64 = 0x200
    static let segmentFileOffset: UInt64 = 0x1000

    /// What one run of the loop took on the host.
    struct Span {
        /// ns from vCPU 0's first exit to the end of the run
        /// (`RunResult.hostWallNanoseconds - firstExitNanoseconds`): K exit round trips
        /// plus the fixed cost of ending the run.
        var wall: Double
        /// The vCPU thread's CPU time over its whole life (the host_task_clock_ns virtual
        /// counter, perf_event task-clock, which includes guest time); nil when unavailable.
        var threadCPU: Double?
    }

    /// Runs one VM with the loop. Checks that the guest made exactly the exits the loop should.
    static func span(kind: KVMLoopBaseline.Kind, count: UInt64, settings: BenchmarkSettings) throws -> Span {
        let target = kind == .portIO ? UInt64(KVMLoopBaseline.loopPort) : UInt64(KVMLoopBaseline.msr)
        var configuration = MachineConfiguration(workload: .raw(number: PERFV_WORKLOAD_NOP.rawValue,
                                                                arguments: [UInt64(kind.rawValue), count, target]))
        configuration.image = bytes
        configuration.memoryBytes = settings.guestRAMBytes
        configuration.timeoutSeconds = 600
        configuration.pinnedCPUs = settings.pinnedCPU.map { [$0] }
        let result = try Machine(configuration).run()
        let io = result.exitsByReason["io", default: 0]
        let rdmsr = result.exitsByReason["rdmsr", default: 0]
        let expected: (io: UInt64, rdmsr: UInt64) = kind == .portIO ? (count + 1, 0) : (1, count)
        guard io == expected.io, rdmsr == expected.rdmsr, result.exitsTotal == io + rdmsr else {
            throw BenchmarkError.unexpectedGuestRun(
                "expected \(expected.io) port I/O and \(expected.rdmsr) RDMSR exits (the loop and the exit hypercall), "
                    + "saw \(result.exitsByReason)")
        }
        guard let firstExit = result.firstExitNanoseconds, firstExit <= result.hostWallNanoseconds else {
            throw BenchmarkError.unexpectedGuestRun("the run recorded no first exit")
        }
        return Span(wall: Double(result.hostWallNanoseconds - firstExit),
                    threadCPU: result.counters[0][.hostTaskClockNanoseconds].map { Double($0) })
    }

    private static func makeImage() -> [UInt8] {
        var size = 0
        var entries = perfv_kvm_loop_guest_entries()
        let code = perfv_kvm_loop_guest_code(&size, &entries)
        let codeAddress = PERFV_GPA_IMAGE + codeOffset

        var header = perfv_image_header()
        header.magic = PERFV_IMAGE_MAGIC
        header.abi_version = PERFV_ABI_VERSION
        header.header_bytes = UInt32(MemoryLayout<perfv_image_header>.size)
        header.supervisor_entry = codeAddress + entries.image_entry
        header.user_entry = codeAddress + entries.port_io_loop
        header.syscall_entry = codeAddress + entries.image_entry // LSTAR: nothing executes SYSCALL
        withUnsafeMutableBytes(of: &header.exception_entry) { raw in
            raw.storeBytes(of: codeAddress + entries.int3_handler, toByteOffset: 8 * Int(PERFV_SYSCALL_VECTOR), as: UInt64.self)
        }
        var segment = withUnsafeBytes(of: header) { [UInt8]($0) }
        segment += [UInt8](repeating: 0, count: Int(codeOffset) - segment.count)
        segment += UnsafeBufferPointer(start: code, count: size)

        var image: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { image += $0 } }
        // ELF header (64 bytes): ELFCLASS64, little-endian, version 1, ET_EXEC, EM_X86_64.
        image += [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        append(UInt16(2)); append(UInt16(62)); append(UInt32(1))
        append(header.supervisor_entry) // e_entry
        append(UInt64(64)); append(UInt64(0)) // e_phoff, e_shoff
        append(UInt32(0)); append(UInt16(64)); append(UInt16(56)); append(UInt16(1)) // flags, ehsize, phentsize, phnum
        append(UInt16(0)); append(UInt16(0)); append(UInt16(0)) // shentsize, shnum, shstrndx
        // Program header (56 bytes): PT_LOAD, R+X, the segment at PERFV_GPA_IMAGE.
        append(UInt32(1)); append(UInt32(5))
        append(segmentFileOffset); append(PERFV_GPA_IMAGE); append(PERFV_GPA_IMAGE)
        append(UInt64(segment.count)); append(UInt64(segment.count)); append(UInt64(0x1000))
        image += [UInt8](repeating: 0, count: Int(segmentFileOffset) - image.count)
        return image + segment
    }
}
