import ArgumentParser
import Foundation
import NodeMetrics
import PerfV
import Sweep
import VMM

/// `perfv-report export`: what only PerfV knows about this node, in Prometheus's
/// text format, for node_exporter's textfile collector or scraped at /metrics.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export this node's PerfV facts to Prometheus (a textfile for node_exporter, or a /metrics endpoint).",
        discussion: """
        Exports perfv_vm_info (hypervisor, vendor, cloud, instance type, PMU, clocksource, vDSO, container), \
        the clock read costs, and with --results or --probe a sweep's headline figures. Steal per CPU is \
        node_exporter's (node_cpu_seconds_total{mode="steal"}) and is not repeated. See docs/prometheus.md.
        """
    )

    @Option(name: .long, help: "Write DIR/perfv.prom (temporary file, then rename) and exit.")
    var textfile: String?

    @Option(name: .long, help: "Serve /metrics on IPV4:PORT (e.g. 127.0.0.1:9464; port 0 picks a free one, printed on stdout) until Ctrl-C.")
    var listen: String?

    @Option(name: .long, help: "A sweep's output folder (or its results.json) whose headline figures to export.")
    var results: String?

    @Flag(name: .long, help: "Run the short built-in probe first (one MMM size, host and guest, with and without a pinned CPU hog, exit-cost calibration; a few seconds) and export its figures.")
    var probe = false

    @Option(name: .customLong("kvm-device"), help: "The KVM device the probe's guest runs use.")
    var kvmDevice = "/dev/kvm"

    @Option(name: .long, help: "With --listen: stop after this many requests (for scripts and tests).")
    var requests: Int?

    func validate() throws {
        guard (textfile == nil) != (listen == nil) else {
            throw ValidationError("give exactly one of --textfile DIR or --listen IPV4:PORT")
        }
        if let requests, requests < 1 { throw ValidationError("--requests must be at least 1") }
    }

    func run() throws {
        var sweeps: [PerfVMetrics.Sweep] = []
        if let results { sweeps.append(.init(source: "results", results: try SweepResultsFile.read(results))) }
        if probe { sweeps.append(.init(source: "probe", results: try ProbeSweep.run(kvmPath: kvmDevice))) }
        // The detection verdict is fixed; clock costs are measured again for each scrape.
        let verdict = SystemInfo.gatherWithKVMProbe(measureClocks: false)
        let render = {
            var info = verdict
            do {
                info.clocks = try ClockSurvey.measure(tscFrequencyHz: info.tsc.frequency.map { UInt64($0.hertz.rounded()) })
                    .map(ClockSummary.init)
            } catch {
                info.clocks = []
            }
            return PerfVMetrics(info: info, sweeps: sweeps).render()
        }
        if let textfile {
            print(try PrometheusTextfile.write(render(), directory: textfile))
            return
        }
        let server = try MetricsHTTPServer(address: listen!, metrics: render)
        InterruptSignal.install()
        print("serving http://\(listen!.split(separator: ":")[0]):\(server.port)/metrics")
        fflush(stdout)
        try server.serve(limit: requests) { InterruptSignal.pending != nil }
    }
}
