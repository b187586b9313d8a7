import Foundation
import Report
#if canImport(Glibc)
import Glibc
#endif

/// Tells the person at the terminal how far the sweep is and how long it will take.
///
/// On a terminal (stderr is a TTY) it redraws one line: a bar, the case, the
/// repetition and the estimated time left. Otherwise (a log file, a pipe, CI) it
/// prints one plain line per finished case. The estimate scales the elapsed time by
/// the remaining share of the plan's estimated duration (``SweepCase/estimatedNanoseconds``).
public final class ProgressReporter {
    public enum Style: Sendable { case bar, lines, silent }

    private let style: Style
    private let totalCost: Double
    private let caseCount: Int
    private var doneCost = 0.0
    private var finishedCost = 0.0
    private var casesDone = 0
    /// Set when the first run starts, so set-up and calibration do not skew the estimate.
    private var started: Date?
    private let caseNumbers: [String: Int]
    private var current: SweepCase?
    private var repetition = 0
    private var repetitionsPerCase = 0

    /// `style` nil picks a bar when stderr is a terminal and plain lines otherwise.
    public init(cases: [SweepCase], runsPerCase: Int, style: Style? = nil) {
        self.style = style ?? (isatty(STDERR_FILENO) == 1 ? .bar : .lines)
        totalCost = cases.reduce(0) { $0 + $1.estimatedNanoseconds * Double(runsPerCase) }
        caseCount = cases.count
        caseNumbers = Dictionary(cases.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        repetitionsPerCase = runsPerCase
    }

    /// Seconds left, from the work done so far; nil until something finished.
    public var estimatedSecondsLeft: Double? {
        guard doneCost > 0, let started else { return nil }
        let elapsed = Date().timeIntervalSince(started)
        return elapsed * max(totalCost - doneCost, 0) / doneCost
    }

    /// Run `run` (0-based, warm-ups first) of `sweepCase` is starting.
    public func start(_ sweepCase: SweepCase, run: Int) {
        if started == nil { started = Date() }
        current = sweepCase
        repetition = run
        redraw()
    }

    /// The current run (warm-up or measured) finished.
    public func runFinished() {
        guard let current else { return }
        doneCost += current.estimatedNanoseconds
        redraw()
    }

    /// The current case finished; `summary` is nil when it produced no runs.
    public func finish(_ sweepCase: SweepCase, summary: CaseSummary?, failure: String? = nil) {
        casesDone += 1
        // A case that failed early still counts as done, so the estimate does not stall.
        finishedCost += sweepCase.estimatedNanoseconds * Double(repetitionsPerCase)
        doneCost = max(doneCost, finishedCost)
        if style == .lines {
            let result: String
            if let failure {
                result = "FAILED: \(failure)"
            } else if let summary {
                result = "median \(NumberText.duration(nanoseconds: summary.wallNs.median)) (p25–p75 \(NumberText.duration(nanoseconds: summary.wallNs.p25))–\(NumberText.duration(nanoseconds: summary.wallNs.p75)))"
            } else {
                result = "no runs"
            }
            emit("[\(casesDone)/\(caseCount)] \(sweepCase.label): \(result)\(etaText)\n")
        } else if style == .bar, let failure {
            emit("\r\u{1B}[2K\(sweepCase.label) FAILED: \(failure)\n")
        }
    }

    /// Prints a line that must not be overdrawn by the bar (a warning, a notice).
    public func note(_ line: String) {
        guard style != .silent else { return }
        emit((style == .bar ? "\r\u{1B}[2K" : "") + line + "\n")
        redraw()
    }

    /// Clears the bar so the table can follow.
    public func close() {
        if style == .bar { emit("\r\u{1B}[2K") }
    }

    private var etaText: String {
        estimatedSecondsLeft.map { " · ETA \(NumberText.clock(seconds: $0))" } ?? ""
    }

    private func redraw() {
        guard style == .bar, let current else { return }
        let fraction = totalCost > 0 ? min(doneCost / totalCost, 1) : 0
        let width = 28
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        let line = "\(bar) \(percent)% [\(caseNumbers[current.id] ?? casesDone + 1)/\(caseCount)] \(current.label) run \(min(repetition + 1, repetitionsPerCase))/\(repetitionsPerCase)\(etaText)"
        emit("\r\u{1B}[2K" + line)
    }

    private func emit(_ text: String) {
        fputs(text, stderr)
        fflush(stderr)
    }
}
