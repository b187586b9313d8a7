/// The steal column of /proc/stat: time the hypervisor ran something else while a
/// vCPU of this guest wanted to run, in USER_HZ ticks.
///
/// Parsing is a pure function of the text, so it can be tested on any content:
///
///     let steal = try ProcStatSteal.parse(text)
///     steal.allCPUsTicks          // the aggregate "cpu" line
///     steal.perCPUTicks[1]        // "cpu1", nil when the line is absent
public struct ProcStatSteal: Equatable, Sendable {
    /// Steal of the aggregate `cpu` line (the sum over all CPUs), in USER_HZ ticks.
    public var allCPUsTicks: Int64
    /// Steal of each `cpuN` line, indexed by CPU number; `nil` where the kernel
    /// printed no line (an offline CPU), never a made-up zero.
    public var perCPUTicks: [Int64?]

    public init(allCPUsTicks: Int64, perCPUTicks: [Int64?]) {
        self.allCPUsTicks = allCPUsTicks
        self.perCPUTicks = perCPUTicks
    }

    /// Largest CPU count Linux supports (CONFIG_NR_CPUS ≤ 8192); the default bound
    /// on `cpuN` numbers when parsing text that comes from somewhere else.
    public static let linuxMaximumCPUCount = 8192

    /// Parses the cpu lines at the top of /proc/stat content; later lines are ignored.
    ///
    /// - Parameter cpuCapacity: CPU numbers must be below this bound.
    /// - Throws: `PerfVError.malformedFile(path: "/proc/stat", reason:)` for empty,
    ///   cut-off, non-numeric, negative or overflowing content, or lines with fewer
    ///   than 8 values (kernels older than 2.6.11 print no steal).
    public static func parse(_ text: String, cpuCapacity: Int = linuxMaximumCPUCount) throws -> ProcStatSteal {
        var text = text
        let perCPU = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(0, cpuCapacity))
        defer { perCPU.deallocate() }
        let aggregate = try text.withUTF8 { utf8 in
            try ProcStatParser.parse(UnsafeRawBufferPointer(utf8), perCPUStealTicks: perCPU).allCPUsStealTicks
        }
        let lastPresent = perCPU.lastIndex { $0 != ProcStatParser.absent } ?? -1
        let ticks = perCPU[0..<(lastPresent + 1)].map { $0 == ProcStatParser.absent ? nil : $0 }
        return ProcStatSteal(allCPUsTicks: aggregate, perCPUTicks: ticks)
    }
}
