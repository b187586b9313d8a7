import Foundation

/// The merged regions as a Chrome trace (chrome://tracing, ui.perfetto.dev). Rank
/// files hold totals, not timestamps, so this is a layout, not a timeline: each rank
/// file is a process, each of its threads a track; each region is one complete event
/// as long as its raw total (all calls), its children laid end to end from its start,
/// top-level regions end to end from 0. Each rank also gets a counter track, "steal",
/// holding the rank's total steal and run delay (ms) over the span of its longest track.
struct RegionsChromeTrace {
    let report: RegionsReport

    /// What the trace shows, in its `otherData`, for whoever opens the file.
    static let explanation = "Rank files hold totals, not timestamps, so the trace is a layout, not a timeline: "
        + "each rank file is a process, each of its threads a track; each region is one complete event as long as "
        + "its raw time summed over its calls, its children end to end from its start, top-level regions end to end from 0. "
        + "Counter track \"steal\" per rank: the rank's total steal and run delay (ms)."

    func render() throws -> String {
        var events: [ChromeTraceEvent] = []
        for (pid, file) in report.rankFiles.enumerated() {
            events.append(ChromeTraceEvent(name: "process_name", ph: "M", pid: pid,
                                           args: ["name": .string("rank \(file.rank) · \(report.files[pid])")]))
            var end = 0.0
            var steal: Int64 = 0, runDelay: Int64 = 0
            for (index, threadID) in file.threads.keys.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }).enumerated() {
                guard let thread = file.threads[threadID] else { continue }
                let tid = Int(threadID) ?? index
                events.append(ChromeTraceEvent(name: "thread_name", ph: "M", pid: pid, tid: tid, args: ["name": .string("thread \(threadID)")]))
                end = max(end, layOut(thread.children(of: -1), of: thread, from: 0, pid: pid, tid: tid, into: &events))
                for id in thread.children(of: -1) {
                    steal += thread.regions[id]?.stealNanoseconds ?? 0
                    runDelay += thread.regions[id]?.runDelayNanoseconds ?? 0
                }
            }
            events.append(ChromeTraceEvent(name: "steal", ph: "C", ts: 0, pid: pid,
                                           args: ["steal_ms": .number(Double(steal) / 1e6), "run_delay_ms": .number(Double(runDelay) / 1e6)]))
            events.append(ChromeTraceEvent(name: "steal", ph: "C", ts: end, pid: pid, args: ["steal_ms": .number(0), "run_delay_ms": .number(0)]))
        }
        let trace = ChromeTrace(traceEvents: events, displayTimeUnit: "ms", otherData: ["what": Self.explanation])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(trace), as: UTF8.self) + "\n"
    }

    /// Emits `ids` (regions of `thread`) end to end from `start` µs, each followed by
    /// its children inside it; returns where the last one ends.
    private func layOut(_ ids: [String], of thread: RankFileThread, from start: Double, pid: Int, tid: Int,
                        into events: inout [ChromeTraceEvent]) -> Double {
        var cursor = start
        for id in ids {
            guard let region = thread.regions[id], let id = Int(id) else { continue }
            let duration = Double(region.realTimeNanoseconds) / 1e3
            events.append(ChromeTraceEvent(name: region.name, ph: "X", cat: "region", ts: cursor, dur: duration, pid: pid, tid: tid, args: [
                "calls": .number(Double(region.regionCount)),
                "raw_ms": .number(Double(region.realTimeNanoseconds) / 1e6),
                "adjusted_ms": .number(Double(region.adjustedNanoseconds) / 1e6),
                "steal_ms": .number(Double(region.stealNanoseconds) / 1e6),
                "run_delay_ms": .number(Double(region.runDelayNanoseconds) / 1e6),
            ]))
            _ = layOut(thread.children(of: id), of: thread, from: cursor, pid: pid, tid: tid, into: &events)
            cursor += duration
        }
        return cursor
    }
}
