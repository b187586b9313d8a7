/// One process's named regions as the rank file holds them, in the layout of
/// PAPI-HL's `rank_XXXXXX.json`: `threads` → thread id → `regions` → region id →
/// the region's name, its `parent_region_id` (-1 at top level), `region_count`,
/// `real_time_nsec`, the counters by name, plus PerfV's adjusted time, steal,
/// run delay and per-call minimum, median and maximum.
struct NamedRegionReport {
    let rank: Int
    let eventNames: [String]
    /// Thread id (gettid) and its regions, indexed by region id.
    let threads: [(threadID: Int32, regions: [NamedRegionSummary])]

    /// The report's JSON text, indented like PAPI-HL's.
    func json() -> String {
        var lines = ["{"]
        lines.append("  \"perfv_version\": \(JSONString.quoted(PerfVVersion.string)),")
        lines.append("  \"rank\": \(rank),")
        lines.append("  \"events\": [\(eventNames.map(JSONString.quoted).joined(separator: ", "))],")
        lines.append("  \"threads\": {")
        for (threadIndex, thread) in threads.enumerated() {
            lines.append("    \"\(thread.threadID)\": {")
            lines.append("      \"regions\": {")
            for (id, region) in thread.regions.enumerated() {
                let fields = regionFields(region).map { "          \(JSONString.quoted($0.key)): \($0.value)" }
                lines.append("        \"\(id)\": {")
                lines.append(fields.joined(separator: ",\n"))
                lines.append("        }" + (id == thread.regions.count - 1 ? "" : ","))
            }
            lines.append("      }")
            lines.append("    }" + (threadIndex == threads.count - 1 ? "" : ","))
        }
        lines.append("  }")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A region's fields in output order; values are JSON text.
    private func regionFields(_ region: NamedRegionSummary) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [
            ("name", JSONString.quoted(region.name)),
            ("parent_region_id", "\(region.parent)"),
            ("region_count", "\(region.count)"),
        ]
        for (prefix, distribution) in [("real_time_nsec", region.wall), ("adjusted_nsec", region.adjusted)] {
            fields += [
                (prefix, "\(distribution.total)"),
                (prefix + "_min", "\(distribution.minimum)"),
                (prefix + "_median", "\(distribution.median)"),
                (prefix + "_max", "\(distribution.maximum)"),
            ]
        }
        fields += [
            ("steal_nsec", "\(region.stealNanoseconds)"), ("run_delay_nsec", "\(region.runDelayNanoseconds)"),
            ("waiting_reads_skipped", "\(region.waitingReadsSkipped)"),
        ]
        fields += zip(eventNames, region.counters).map { ($0, "\($1)") }
        return fields
    }
}
