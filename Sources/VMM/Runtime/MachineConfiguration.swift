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

    /// The longest watchdog timeout: the watchdog counts nanoseconds in 64 bits (Int64.max ns, about 292 years).
    public static let maximumTimeoutSeconds = Double(Int64.max / 1_000_000_000)

    /// What a valid timeout is, for error messages.
    public static let timeoutRule = "a positive number of seconds, at most \(Int64(maximumTimeoutSeconds))"

    /// True for a timeout the watchdog can count: positive and at most ``maximumTimeoutSeconds`` (not NaN).
    public static func isValidTimeout(_ seconds: Double) -> Bool {
        seconds > 0 && seconds <= maximumTimeoutSeconds
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
