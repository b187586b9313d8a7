import ArgumentParser
import CPUContention
import Foundation
import PerfV
import VMM

/// `perfv-bench`: PerfV and its VMM against raw clocks, PAPI, /proc/stat reads and a
/// minimal C KVM loop, as side-by-side ratios measured in one run.
@main
struct PerfVBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perfv-bench",
        abstract: "Benchmarks PerfV against its baselines, side by side in one run, and prints the table.",
        discussion: "Build in release: swift run -c release perfv-bench [--json] [--quick]. The table goes to stdout; with --json the JSON report goes to stdout and the table to stderr.")

    @Flag(help: "Print the JSON report on stdout (the table then goes to stderr).")
    var json = false

    @Flag(help: "Print the table as Markdown (for the README) instead of plain text.")
    var markdown = false

    @Flag(help: "A smoke run: few repetitions, short batches and loops. Not for figures.")
    var quick = false

    @Option(help: "Also write the JSON report to this file.")
    var output: String?

    @Option(help: "Print the table of a JSON report saved earlier (with --output) instead of measuring.")
    var render: String?

    @Option(help: "Pin the harness thread and every vCPU thread to this host CPU.")
    var cpu: Int?

    @Option(help: "The libperfv.so whose footprint to measure, e.g. PREFIX/lib/libperfv.so from scripts/install-libperfv (default: the one built beside perfv-bench).")
    var libperfv: String?

    @Option(parsing: .upToNextOption,
            help: "Run only these comparisons: \(Comparison.allCases.map(\.rawValue).joined(separator: ", ")).")
    var only: [Comparison] = []

    enum Comparison: String, CaseIterable, ExpressibleByArgument {
        case clock, thread, steal, region, start, exit, guest, footprint
    }

    func validate() throws {
        if let cpu, cpu < 0 { throw ValidationError("--cpu must be a CPU number, not \(cpu)") }
    }

    func run() throws {
        if let render {
            let report: BenchmarkReport
            do {
                report = try BenchmarkReport.decode(Data(contentsOf: URL(fileURLWithPath: render)))
            } catch {
                throw ValidationError("cannot read the report \(render): \(error)")
            }
            let table = markdown ? MarkdownRenderer.render(report) : TableRenderer.render(report)
            FileHandle.standardOutput.write(Data(table.utf8))
            return
        }
        if let cpu { try PinnedThread.pinCallingThread(to: cpu) }
        let settings = BenchmarkSettings(quick: quick, pinnedCPU: cpu, libperfv: libperfv)
        let startedAt = ISO8601DateFormatter().string(from: Date())
        var machine = MachineDescription.current()
        let selected = Comparison.allCases.filter { only.isEmpty || only.contains($0) }

        var rows: [BenchmarkRow] = []
        for comparison in selected {
            progress("running \(comparison.rawValue) …")
            let began = Date()
            switch comparison {
            case .clock: rows += ClockReadBenchmarks(settings: settings).realTimeRows()
            case .thread: rows += ClockReadBenchmarks(settings: settings).threadTimeRows()
            case .steal: rows += StealReadBenchmarks(settings: settings).rows()
            case .region: rows += RegionBenchmarks(settings: settings).rows()
            case .exit: rows += ExitRoundTripBenchmarks(settings: settings).rows()
            case .start: rows += VMStartBenchmarks(settings: settings).rows()
            case .guest: rows += GuestEfficiencyBenchmarks(settings: settings).rows()
            case .footprint: rows += FootprintBenchmarks(settings: settings).rows()
            }
            progress("  done in \(FixedDecimal.text(Date().timeIntervalSince(began), digits: 1)) s")
        }
        machine.loadAverageAtEnd = MachineDescription.loadAverage()
        // Comparisons run in `Comparison` order (memory before the exit runs, see VMStartBenchmarks);
        // the table lists them in the order, 1 to 8.
        rows = rows.enumerated().sorted { ($0.element.group, $0.offset) < ($1.element.group, $1.offset) }.map(\.element)

        let report = BenchmarkReport(
            command: (["perfv-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
            startedAt: startedAt, quick: quick, machine: machine, method: BenchmarkReport.methodText, rows: rows)
        let table = markdown ? MarkdownRenderer.render(report) : TableRenderer.render(report)
        if json || output != nil {
            let data = try report.json()
            if let output {
                do {
                    try data.write(to: URL(fileURLWithPath: output))
                } catch {
                    throw ValidationError("cannot write \(output): \(error.localizedDescription)")
                }
            }
            if json {
                FileHandle.standardError.write(Data(table.utf8))
                FileHandle.standardOutput.write(data + Data("\n".utf8))
                return
            }
        }
        FileHandle.standardOutput.write(Data(table.utf8))
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("perfv-bench: \(message)\n".utf8))
    }
}
