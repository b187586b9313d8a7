/// results.csv: one row per measured run, a fixed header, RFC 4180 quoting.
///
/// Map-valued fields (exits by reason, counters) are one column each, written as
/// `name=value` pairs separated by `;`, so every row has the same columns.
public enum ResultsCSV {
    public static let columns = [
        "case_id", "workload", "side", "contention", "kernel", "size", "io_mode", "block_size",
        "block_count", "repetition", "wall_ns", "thread_cpu_ns", "process_cpu_ns", "steal_ns", "steal_clamped",
        "run_delay_ns", "adjusted_ns", "vm_total_ns", "vm_run_delay_ns", "exits_total", "exit_handling_ns",
        "exits_outside_work", "exits_by_reason", "checksum", "bytes_moved", "requests", "mb_per_s", "requests_per_s", "counters",
        // Appended, so the columns before them keep their places.
        "net_mode", "packet_size", "packet_count",
    ]

    public static func text(runs: [RunRecord]) -> String {
        var lines = [columns.joined(separator: ",")]
        lines.reserveCapacity(runs.count + 1)
        for run in runs { lines.append(row(run).map(quoted).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func row(_ run: RunRecord) -> [String] {
        func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "" }
        func pairs(_ map: [String: Int64]?) -> String {
            (map ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        }
        let workload: [String?] = switch run.sweepCase {
        case let .mmm(mmm): [mmm.kernel.rawValue, String(mmm.size), nil, nil, nil]
        case let .io(io): [nil, nil, io.route.name, String(io.blockSize), String(io.blockCount)]
        case .net: [nil, nil, nil, nil, nil]
        }
        let network: [String?] = switch run.sweepCase {
        case let .net(net): [net.route.name, String(net.packetSize), String(net.packetCount)]
        case .mmm, .io: [nil, nil, nil]
        }
        let sweepCase = run.sweepCase
        return [run.caseID, sweepCase.kind.rawValue, sweepCase.side.rawValue, sweepCase.contention.rawValue]
            + workload.map(text) + [
            String(run.repetition), String(run.wallNs), text(run.threadCPUNs),
            text(run.processCPUNs), String(run.stealNs), text(run.stealClamp), text(run.runDelayNs), String(run.adjustedNs),
            text(run.vmTotalNs), text(run.vmRunDelayNs), text(run.exitsTotal), text(run.exitHandlingNs), text(run.exitsOutsideWork), pairs(run.exitsByReason),
            text(run.checksum), text(run.bytesMoved), text(run.requests),
            text(run.megabytesPerSecond.map { NumberText.fixed($0, digits: 3) }),
            text(run.requestsPerSecond.map { NumberText.fixed($0, digits: 1) }), pairs(run.counters),
        ] + network.map(text)
    }

    /// Quotes a field when it holds a comma, a quote or a line break (RFC 4180).
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
