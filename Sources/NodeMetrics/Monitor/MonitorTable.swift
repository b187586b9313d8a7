import PerfV
import Report

/// The screen `perfv-report monitor` redraws on a terminal: one row per CPU, then
/// the node-wide figures and every clocksource warning seen so far.
public enum MonitorTable {
    /// ANSI: cursor home, clear screen.
    public static let clearScreen = "\u{1B}[H\u{1B}[2J"

    public static func render(_ interval: NodeInterval, unavailable: [String], warnings: [String]) -> String {
        var rows = [["CPU", "steal", "run-queue delay"]]
        for cpu in interval.cpus {
            rows.append(["cpu\(cpu.cpu)",
                         cpu.stealRatio.map(NumberText.percent) ?? "–",
                         cpu.runQueueDelayRatio.map { NumberText.duration(nanoseconds: $0 * 1e9) + "/s" } ?? "–"])
        }
        var lines = [TerminalTable.layout(rows)]
        lines.append("over \(NumberText.fixed(interval.seconds, digits: 2)) s:")
        if let steal = interval.stealTotalRatio { lines.append("  steal, all CPUs        \(NumberText.significant(steal)) CPUs") }
        if let switches = interval.contextSwitchesPerSecond {
            lines.append("  context switches       \(NumberText.compact(switches))/s")
        }
        if let delay = interval.taskRunDelayRatio {
            lines.append("  run delay, all tasks   \(NumberText.duration(nanoseconds: delay * 1e9))/s")
        }
        if let throttled = interval.cgroupThrottledPeriods, let periods = interval.cgroupPeriods {
            lines.append("  cgroup throttled       \(throttled) of \(periods) periods, "
                + NumberText.duration(nanoseconds: (interval.cgroupThrottledRatio ?? 0) * 1e9) + "/s")
        }
        lines.append("  clocksource            \(interval.clocksource ?? "unknown")")
        lines += unavailable.map { "  unavailable: \($0)" }
        lines += warnings.map { "WARNING: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
