import ArgumentParser
import Foundation
import NodeMetrics
import PerfV
import Sweep
import SystemCalls

/// `perfv-report monitor`: steal, run-queue delay, cgroup throttling and context
/// switches of this node, interval by interval, with a warning when the clocksource changes.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch steal per CPU, run-queue delay, cgroup throttling and context switches; warn when the clocksource changes.",
        discussion: "A refreshing table on a terminal; JSON lines (one object per interval) when piped or with --json-lines. Ctrl-C stops it."
    )

    @Option(name: .long, help: "Time between samples, e.g. 1s, 500ms, 2.5s.")
    var interval: String = "1s"

    @Option(name: .long, help: "Stop after this many intervals (default: until Ctrl-C).")
    var count: Int?

    @Flag(name: .customLong("json-lines"), help: "Print JSON lines even on a terminal.")
    var jsonLines = false

    @Option(name: .long, help: "Read /proc and /sys under this directory instead of / (a fixture).")
    var root: String?

    func validate() throws {
        guard let seconds = Self.seconds(interval), seconds >= 0.01, seconds <= 3600 else {
            throw ValidationError("--interval \(interval): expected a duration from 10ms to 3600s, e.g. 1s or 500ms")
        }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    /// "1s", "500ms", "2.5" (seconds) in seconds.
    static func seconds(_ text: String) -> Double? {
        if text.hasSuffix("ms") { return Double(text.dropLast(2)).map { $0 / 1000 } }
        if text.hasSuffix("s") { return Double(text.dropLast()) }
        return Double(text)
    }

    func run() throws {
        let sampler = try NodeSampler(root: root.map { SystemRoot(prefix: $0) } ?? .live)
        let table = !jsonLines && isatty(STDOUT_FILENO) == 1
        let step = Int64(Self.seconds(interval)! * 1e9)
        InterruptSignal.install()
        var previous = try sampler.sample()
        if !table { emit(try MonitorRecord.start(unavailable: previous.unavailable).jsonLine()) }
        var warnings: [String] = []
        var done = 0
        while count.map({ done < $0 }) ?? true {
            // Sleep in short slices so Ctrl-C ends the wait promptly.
            let wake = previous.monotonicNanoseconds + step
            while InterruptSignal.pending == nil, Clock.monotonic.nanoseconds() < wake {
                SystemCall.sleep(nanoseconds: min(100_000_000, wake - Clock.monotonic.nanoseconds()))
            }
            if InterruptSignal.pending != nil { break }
            let current = try sampler.sample()
            let interval = try NodeInterval(from: previous, to: current)
            previous = current
            done += 1
            if let warning = interval.clocksourceWarning {
                warnings.append(warning)
                if !table { emit(try MonitorRecord.warning(warning).jsonLine()) }
            }
            if table {
                emit(MonitorTable.clearScreen + MonitorTable.render(interval, unavailable: current.unavailable, warnings: warnings))
            } else {
                emit(try MonitorRecord.interval(interval).jsonLine())
            }
        }
    }

    private func emit(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
