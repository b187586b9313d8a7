/// How to build and run one VM.
public struct MachineConfiguration: Sendable {
    /// Guest RAM; a multiple of 2 MiB between `GuestLayout.minimumRAMBytes` and the MMIO window.
    public var memoryBytes: UInt64 = 256 << 20
    /// 1...PERFV_MAX_VCPUS.
    public var vcpuCount: Int = 1
    public var workload: Workload = .hello
    /// The guest ELF; nil runs the bundled guest runtime (`GuestImage.bundledELF`).
    public var image: [UInt8]? = nil
    /// A host file backing the block device (opened read/write); nil: no block device.
    public var blockDevicePath: String? = nil
    /// The UDP port on 127.0.0.1 the network device sends every packet to; nil: no network device.
    public var networkDestinationPort: UInt16? = nil
    /// The watchdog: the run fails with `.watchdogTimeout` after this many seconds (paused time excluded);
    /// at most ``maximumTimeoutSeconds``.
    public var timeoutSeconds: Double = 60
    /// Host CPU for each vCPU thread (index = vCPU); nil or a shorter array: unpinned.
    public var pinnedCPUs: [Int]? = nil
    /// Bind guest RAM to this NUMA node (libnuma).
    public var numaNode: Int? = nil
    /// Receives each console byte as the guest writes it.
    public var consoleSink: (@Sendable (UInt8) -> Void)? = nil
    public var kvmPath: String = KVMSystem.defaultPath
    /// The hypervisor the guest sees at CPUID 0x40000000, with its MSRs and ports.
    public var personality: HypervisorPersonality = .kvm

    /// The longest watchdog timeout: the watchdog counts nanoseconds in 64 bits (Int64.max ns, about 292 years).
    public static let maximumTimeoutSeconds = Double(Int64.max / 1_000_000_000)

    /// What a valid timeout is, for error messages.
    public static let timeoutRule = "a positive number of seconds, at most \(Int64(maximumTimeoutSeconds))"

    /// True for a timeout the watchdog can count: positive and at most ``maximumTimeoutSeconds`` (not NaN).
    public static func isValidTimeout(_ seconds: Double) -> Bool {
        seconds > 0 && seconds <= maximumTimeoutSeconds
    }

    /// Room beyond the data in `memoryBytes(forDataBytes:vcpuCount:)`: the workloads' sync
    /// block, the 64-byte alignment of each structure and a page of slack for each.
    static let workloadSlackBytes: UInt64 = 4 << 20

    /// Guest RAM for a workload holding `dataBytes` on `vcpuCount` vCPUs: the heap base,
    /// the data and `workloadSlackBytes`, rounded up to the 2 MiB page, at least
    /// `GuestLayout.minimumRAMBytes`. Saturates instead of overflowing, so a size no VM
    /// can hold comes back above `GuestLayout.maximumRAMBytes` and fails `validate()`.
    public static func memoryBytes(forDataBytes dataBytes: UInt64, vcpuCount: Int = 1) -> UInt64 {
        let granule = GuestLayout.largePageBytes
        let (needed, overflow) = (GuestLayout.heapBase(vcpuCount: vcpuCount) + workloadSlackBytes + granule - 1)
            .addingReportingOverflow(dataBytes)
        guard !overflow else { return UInt64.max & ~(granule - 1) }
        return max(GuestLayout.minimumRAMBytes, needed & ~(granule - 1))
    }

    /// The most workload data a VM of `vcpuCount` vCPUs can hold: the inverse of
    /// `memoryBytes(forDataBytes:vcpuCount:)` at `GuestLayout.maximumRAMBytes`.
    public static func maximumDataBytes(vcpuCount: Int = 1) -> UInt64 {
        GuestLayout.maximumRAMBytes - GuestLayout.heapBase(vcpuCount: vcpuCount) - workloadSlackBytes
    }

    public init(workload: Workload = .hello) {
        self.workload = workload
    }

    func validate() throws {
        guard (1...GuestLayout.maximumVCPUs).contains(vcpuCount) else {
            throw VMMError.invalidConfiguration("vCPU count \(vcpuCount) must be in 1...\(GuestLayout.maximumVCPUs)")
        }
        guard memoryBytes >= GuestLayout.minimumRAMBytes, memoryBytes <= GuestLayout.maximumRAMBytes,
              memoryBytes % GuestLayout.largePageBytes == 0 else {
            throw VMMError.invalidConfiguration(
                "memory \(memoryBytes) bytes must be a multiple of 2 MiB in \(GuestLayout.minimumRAMBytes >> 20)...\(GuestLayout.maximumRAMBytes >> 20) MiB")
        }
        guard Self.isValidTimeout(timeoutSeconds) else {
            throw VMMError.invalidConfiguration(
"timeout \(timeoutSeconds) s must be \(Self.timeoutRule)")
        }
        if let pinnedCPUs, let bad = pinnedCPUs.first(where: { $0 < 0 }) {
            throw VMMError.invalidConfiguration("host CPU \(bad) is not a CPU number")
        }
    }
}
