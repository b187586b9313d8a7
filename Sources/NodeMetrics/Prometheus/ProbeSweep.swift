import Foundation
import PerfV
import Report
import Sweep

/// The short built-in probe of `export --probe`: a sweep of one MMM size, host and
/// guest, with and without a CPU hog pinned to the worker's core, plus the exit-cost
/// calibration — the sweep's own runners, so the figures mean what a sweep's mean.
/// Guest cases are skipped, with the sweep's reason, where /dev/kvm cannot be used.
public enum ProbeSweep {
    public static let plan = SweepPlan(
        workloads: [.mmm], sides: [.host, .guest], mmmSizes: [192], mmmKernels: [.blocked],
        contention: [.none, .pinnedHog], ioBlockSizes: [], ioBlockCount: 0, ioModes: [],
        repetitions: 3, warmups: 1, guestTimeoutSeconds: 60, calibrationExits: 2_000)

    /// Runs the probe into a new temporary directory and returns its results.
    public static func run(kvmPath: String) throws -> SweepResults {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-probe-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = try OutputDirectory.resolve(requested: directory, force: true)
        return try Sweep(plan: plan, output: output, commandLine: CommandLine.arguments,
                         perfvVersion: PerfVVersion.string, kvmPath: kvmPath).run()
    }
}
