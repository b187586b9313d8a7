/// Steal time since boot as `perfv-report info` reports it, read with
/// ``StealReader`` (Sources/PerfV/Steal) from /proc/stat.
public struct StealSummary: Sendable, Equatable, Codable {
    /// Steal of all CPUs since boot in ns (aggregate `cpu` line); nil when unreadable.
    @AlwaysEncoded public var totalNs: Int64?
    /// Steal per CPU in ns, indexed by CPU number; nil for a CPU without a line.
    public var perCPUNs: [Int64?]
    /// The file it comes from.
    public var source: String
    /// Why the numbers are missing.
    public var error: String?

    /// Reads /proc/stat once.
    public static func gather() -> StealSummary {
        do {
            let reader = try StealReader()
            let total = try reader.readSystemStealNanoseconds()
            let perCPU = try reader.readPerCPUStealNanoseconds()
            let online = perCPU.lastIndex { $0 != nil }.map { Array(perCPU[...$0]) } ?? []
            return StealSummary(totalNs: total, perCPUNs: online, source: ProcStatParser.path, error: nil)
        } catch {
            return StealSummary(totalNs: nil, perCPUNs: [], source: ProcStatParser.path, error: "\(error)")
        }
    }
}
