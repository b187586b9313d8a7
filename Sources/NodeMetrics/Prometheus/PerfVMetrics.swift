import PerfV
import Prometheus
import Report

/// The Prometheus text (exposition format 0.0.4, no timestamps) of what only PerfV
/// knows about a node: the detection verdict, clock read costs, and a sweep's
/// headline figures (the last sweep's, read back, or the built-in probe's).
/// node_exporter already exports steal per CPU, so it is not repeated here.
public struct PerfVMetrics {
    /// A sweep to export and where it came from ("results" or "probe").
    public struct Sweep {
        public var source: String
        public var results: SweepResults

        public init(source: String, results: SweepResults) {
            self.source = source
            self.results = results
        }
    }

    public var info: SystemInfo
    public var sweeps: [Sweep]

    public init(info: SystemInfo, sweeps: [Sweep] = []) {
        self.info = info
        self.sweeps = sweeps
    }

    /// The labels of `perfv_vm_info`, from the same fields `perfv-report info` prints.
    public var vmInfoLabels: [(String, String)] {
        let hypervisor = info.hypervisor
        return [
            ("hypervisor", hypervisor.present ? hypervisor.vendorName ?? "unknown" : "none"),
            ("vendor", hypervisor.vendor ?? ""),
            ("cloud", info.cloud.provider ?? ""),
            ("instance_type", info.cloud.instanceType ?? ""),
            ("pmu", info.pmu.available ? "available" : "unavailable"),
            ("clocksource", info.clocksource.current ?? "unknown"),
            ("vdso", info.clocksource.access.mode),
            ("container", info.container.runtime ?? "none"),
        ]
    }

    /// The exposition text.
    public func render() -> String {
        let registry = PrometheusCollectorRegistry()
        func set(_ metric: PerfVMetric, _ labels: [(String, String)], _ value: Double) {
            registry.makeGauge(descriptor: metric.descriptor, labels: labels).set(value)
        }
        set(.vmInfo, vmInfoLabels, 1)
        for clock in info.clocks {
            set(.clockReadCost, [("clock", clock.name), ("source", clock.source)], clock.readCostNs / 1e9)
        }
        for sweep in sweeps {
            let results = sweep.results
            let source = ("source", sweep.source)
            set(.sweepInfo, [source, ("status", results.status.rawValue), ("perfv_version", results.perfvVersion),
                             ("started_at", results.startedAt)], 1)
            for part in results.skipped {
                set(.sweepSkipped, [source, ("what", part.what), ("reason", part.reason)], 1)
            }
            for summary in results.analysis.summaries {
                let labels = [source, ("case", summary.caseID)]
                set(.caseWall, labels, summary.wallNs.median / 1e9)
                set(.caseAdjusted, labels, summary.adjustedNs.median / 1e9)
                set(.caseSteal, labels, summary.stealNs.median / 1e9)
                if let runDelay = summary.runDelayNs { set(.caseRunDelay, labels, runDelay.median / 1e9) }
            }
            for cost in results.exitCosts {
                set(.exitCost, [source, ("reason", cost.reason)], cost.nanosecondsPerExit.median / 1e9)
            }
            let headlines = SweepHeadlines(results)
            for ratio in headlines.contentionSlowdowns { set(.contentionSlowdown, [source] + ratio.labels, ratio.value) }
            for ratio in headlines.guestEfficiencies { set(.guestEfficiency, [source] + ratio.labels, ratio.value) }
        }
        return Self.sortedByFamily(registry.emitToString())
    }

    /// The registry emits its families in hash order, different on every run; sorted by
    /// metric name (comments first in each family, then its samples sorted), successive
    /// textfiles differ only where a value did.
    static func sortedByFamily(_ exposition: String) -> String {
        var comments: [String: [Substring]] = [:]
        var samples: [String: [Substring]] = [:]
        for line in exposition.split(separator: "\n") {
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3)
                guard words.count >= 3 else { continue }
                comments[String(words[2]), default: []].append(line)
            } else {
                let name = line.prefix { $0 != "{" && $0 != " " }
                samples[String(name), default: []].append(line)
            }
        }
        let names = Set(comments.keys).union(samples.keys).sorted()
        return names.map { name in
            ((comments[name] ?? []) + (samples[name] ?? []).sorted()).joined(separator: "\n") + "\n"
        }.joined()
    }
}
