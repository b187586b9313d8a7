import VMM

/// report.html: one self-contained page (inline CSS and SVG; no scripts, fonts or
/// requests) that shows a sweep's results the way a person reads them: what was
/// skipped first, then the reading in plain words, the machine, the charts, the tables.
public struct HTMLReport {
    public let results: SweepResults

    public init(results: SweepResults) {
        self.results = results
    }

    public func html() -> String {
        var body = header + notices + reading + machine
        body += mmmSection + contentionSection + ioSection + netSection + overheadSection + summaryTable + method
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>PerfV sweep — \(HTMLText.escape(results.startedAt))</title>
        <style>\(Self.style)</style></head>
        <body>\(body)</body></html>

        """
    }

    private var analysis: SweepAnalysis { results.analysis }
    private var plan: SweepPlan { results.plan }

    // MARK: - Top of the page

    private var header: String {
        let status: String
        switch results.status {
        case .complete: status = "complete"
        case .running: status = "still running when this page was written"
        case .interrupted: status = "interrupted — partial results"
        case .failed: status = "failed — partial results"
        }
        return """
        <header><h1>PerfV sweep: what virtualization costs</h1>
        <p class="meta">PerfV \(HTMLText.escape(results.perfvVersion)) · started \(HTMLText.escape(results.startedAt))\(results.finishedAt.map { " · finished \(HTMLText.escape($0))" } ?? "") · \(status) · \(results.runs.count) runs</p>
        <p class="meta"><code>\(HTMLText.escape(results.commandLine.joined(separator: " ")))</code></p></header>

        """
    }

    private var notices: String {
        var out = ""
        for part in results.skipped {
            out += "<div class=\"notice warn\"><strong>Skipped: \(HTMLText.escape(part.what)).</strong> \(HTMLText.escape(part.reason))</div>\n"
        }
        for check in analysis.checksumMismatches {
            let detail = check.checksums.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: ", "))" }.joined(separator: " · ")
            out += "<div class=\"notice error\"><strong>Checksum mismatch at N=\(check.size).</strong> The runs did not compute the same matrix: \(HTMLText.escape(detail))</div>\n"
        }
        if results.status == .interrupted {
            out += "<div class=\"notice warn\"><strong>Interrupted.</strong> The sweep was stopped before it finished; the page shows the runs completed until then.</div>\n"
        }
        let clamped = Dictionary(grouping: results.runs.filter { $0.stealClamp != nil }, by: { $0.stealClamp ?? "" })
        for (reason, runs) in clamped.sorted(by: { $0.key < $1.key }) {
            out += "<div class=\"notice warn\"><strong>Steal clamped in \(runs.count) runs.</strong> \(HTMLText.escape(reason)) (steal_clamped in results.json).</div>\n"
        }
        for failure in results.failures {
            out += "<div class=\"notice error\"><strong>Failed: \(HTMLText.escape(failure.caseID)).</strong> \(HTMLText.escape(failure.message))</div>\n"
        }
        return out
    }

    private var reading: String {
        let items = ResultsReading(results: results).sentences.map { "<li>\(HTMLText.escape($0))</li>" }.joined(separator: "\n")
        return "<section><h2>What the results say</h2><ul class=\"reading\">\n\(items)\n</ul></section>\n"
    }

    private var machine: String {
        let rows = MachineSummary(machine: results.machine).rows
            .map { "<tr><th>\(HTMLText.escape($0.label))</th><td>\(HTMLText.escape($0.value))</td></tr>" }.joined(separator: "\n")
        return "<section><h2>The machine</h2><table class=\"machine\">\n\(rows)\n</table></section>\n"
    }

    // MARK: - Charts

    private func mmmPoints(kernel: Workload.MMMKernel, side: Side, contention: Contention, adjusted: Bool) -> [ChartSeries.Point] {
        plan.mmmSizes.compactMap { size in
            analysis.summary(.mmm(size: size, kernel: kernel, side: side, contention: contention)).map {
                ChartSeries.Point(x: Double(size), summary: adjusted ? $0.adjustedNs : $0.wallNs)
            }
        }
    }

    private func timeChart(_ series: [ChartSeries]) -> String {
        SVGLineChart(xTitle: "matrix size N (N×N doubles)", yTitle: "time per multiplication (median, p25–p75)",
                     series: series.filter { !$0.points.isEmpty },
                     xLabel: { String(Int($0)) }, yLabel: { NumberText.duration(nanoseconds: $0) }).svg()
    }

    private func figure(_ title: String, _ caption: String, _ svg: String) -> String {
        "<figure><figcaption><strong>\(HTMLText.escape(title))</strong><br>\(HTMLText.escape(caption))</figcaption>\n\(svg)</figure>\n"
    }

    private var mmmSection: String {
        guard plan.workloads.contains(.mmm) else { return "" }
        var figures = ""
        for kernel in plan.mmmKernels {
            let series = [
                ChartSeries(name: "host, raw", color: ChartPalette.host, points: mmmPoints(kernel: kernel, side: .host, contention: .none, adjusted: false)),
                ChartSeries(name: "host, steal-adjusted", color: ChartPalette.hostAdjusted, dashed: true, points: mmmPoints(kernel: kernel, side: .host, contention: .none, adjusted: true)),
                ChartSeries(name: "guest, raw", color: ChartPalette.guestRaw, points: mmmPoints(kernel: kernel, side: .guest, contention: .none, adjusted: false)),
                ChartSeries(name: "guest, steal-adjusted", color: ChartPalette.guestAdjusted, dashed: true, points: mmmPoints(kernel: kernel, side: .guest, contention: .none, adjusted: true)),
            ]
            guard series.contains(where: { !$0.points.isEmpty }) else { continue }
            figures += figure("MMM \(kernel.rawValue): host vs guest", "Same machine code on the host and in a PerfV VM; no hog. Raw time includes waiting for the CPU (other load on this machine); steal-adjusted time removes it. Log–log axes.", timeChart(series))
        }
        return figures.isEmpty ? "" : "<section><h2>Matrix multiplication: host vs guest</h2><div class=\"grid\">\n\(figures)</div></section>\n"
    }

    /// Each contention chart is normalized by the uncontended steal-adjusted median of the
    /// same size (the time the work takes with a CPU to itself), so "2×" reads as "took
    /// twice as long" at every N, and an adjusted line near 1× says steal accounted for it.
    private func relativePoints(kernel: Workload.MMMKernel, side: Side, contention: Contention, adjusted: Bool) -> [ChartSeries.Point] {
        plan.mmmSizes.compactMap { size in
            guard let reference = analysis.summary(.mmm(size: size, kernel: kernel, side: side, contention: .none))?.adjustedNs.median,
                  reference > 0,
                  let summary = analysis.summary(.mmm(size: size, kernel: kernel, side: side, contention: contention)) else { return nil }
            return ChartSeries.Point(x: Double(size), summary: adjusted ? summary.adjustedNs : summary.wallNs, scale: 1 / reference)
        }
    }

    private var contentionSection: String {
        guard plan.workloads.contains(.mmm), plan.contention.contains(.pinnedHog) else { return "" }
        var figures = ""
        for side in [Side.guest, .host] {
            for kernel in plan.mmmKernels {
                let series = [
                    ChartSeries(name: "uncontended, raw", color: ChartPalette.uncontended, points: relativePoints(kernel: kernel, side: side, contention: .none, adjusted: false)),
                    ChartSeries(name: "pinned hog, raw", color: ChartPalette.contendedRaw, points: relativePoints(kernel: kernel, side: side, contention: .pinnedHog, adjusted: false)),
                    ChartSeries(name: "pinned hog, steal-adjusted", color: ChartPalette.contendedAdjusted, dashed: true, points: relativePoints(kernel: kernel, side: side, contention: .pinnedHog, adjusted: true)),
                ]
                guard !series[1].points.isEmpty else { continue }
                let what = side == .guest
                    ? "A busy thread shares the vCPU thread's core. Raw: guest kvmclock time; adjusted: minus the steal KVM reports to the guest."
                    : "A busy thread shares the worker's core. Raw: wall time; adjusted: minus the worker's run delay."
                let chart = SVGLineChart(
                    xTitle: "matrix size N (N×N doubles)", yTitle: "time ÷ uncontended steal-adjusted time",
                    series: series.filter { !$0.points.isEmpty }, xLabel: { String(Int($0)) },
                    yLabel: { "\(NumberText.tick($0))×" }, yScale: .linear,
                    reference: (1, "uncontended, adjusted (1×)")).svg()
                figures += figure("MMM \(kernel.rawValue) in the \(side.rawValue), under a pinned CPU hog", what + " Runs shorter than a scheduler slice (small N) may not meet the hog at all.", chart)
            }
        }
        return figures.isEmpty ? "" : "<section><h2>Contention: time to run MMM, adjusted with steal time</h2><p>The PAPI-V experiment: a CPU hog shares the core; where steal accounting covers the hog, the steal-adjusted line stays at the uncontended time (1×) while raw time grows.</p><div class=\"grid\">\n\(figures)</div></section>\n"
    }

    private var ioSection: String {
        guard plan.workloads.contains(.io) else { return "" }
        let count = plan.ioBlockCount
        let categories = plan.ioBlockSizes.map { (x: Double($0), label: ByteCountText.short($0)) }
        func series(_ metric: (CaseSummary) -> Summary?) -> [ChartSeries] {
            let lines: [(String, String, IORoute)] = [
                ("host pwrite/pread", ChartPalette.host, .systemCalls),
                ("guest, exit per request", ChartPalette.guestPerRequest, .guest(.perRequest)),
                ("guest, batched ring", ChartPalette.guestBatched, .guest(.batched)),
            ]
            return lines.compactMap { name, color, route in
                let points = plan.ioBlockSizes.compactMap { size -> ChartSeries.Point? in
                    guard let summary = analysis.summary(.io(blockCount: count, blockSize: size, route: route)),
                          let value = metric(summary) else { return nil }
                    return ChartSeries.Point(x: Double(size), summary: value)
                }
                return points.isEmpty ? nil : ChartSeries(name: name, color: color, points: points)
            }
        }
        let throughput = series(\.megabytesPerSecond)
        guard !throughput.isEmpty else { return "" }
        let rates = series(\.requestsPerSecond)
        let caption = "Write then read \(count) blocks of each size through a file in the page cache. Log scale; the number above a bar is its median."
        let figures = figure("I/O throughput", caption, SVGBarChart(categories: categories, yTitle: "MB/s (10⁶ bytes/s)", series: throughput).svg())
            + figure("I/O request rate", "Requests (writes + reads) per second, same runs.", SVGBarChart(categories: categories, yTitle: "requests per second", series: rates).svg())
        return "<section><h2>I/O: host system calls vs the guest's block device</h2><div class=\"grid\">\n\(figures)</div></section>\n"
    }

    private var netSection: String {
        guard plan.workloads.contains(.net) else { return "" }
        let count = plan.netPacketCount
        let categories = plan.netPacketSizes.map { (x: Double($0), label: ByteCountText.short($0)) }
        func series(_ metric: (CaseSummary) -> Summary?) -> [ChartSeries] {
            let lines: [(String, String, NetRoute)] = [
                ("host send(2)", ChartPalette.host, .socket),
                ("guest, exit per packet", ChartPalette.guestPerRequest, .guest(.perPacket)),
                ("guest, \(NetCase.batchPackets) per doorbell", ChartPalette.guestBatched, .guest(.batched)),
            ]
            return lines.compactMap { name, color, route in
                let points = plan.netPacketSizes.compactMap { size -> ChartSeries.Point? in
                    guard let summary = analysis.summary(.net(packetCount: count, packetSize: size, route: route)),
                          let value = metric(summary) else { return nil }
                    return ChartSeries.Point(x: Double(size), summary: value)
                }
                return points.isEmpty ? nil : ChartSeries(name: name, color: color, points: points)
            }
        }
        let throughput = series(\.megabytesPerSecond)
        guard !throughput.isEmpty else { return "" }
        let caption = "Send \(count) UDP datagrams of each payload size to a receiver on 127.0.0.1, which checks afterwards that every one arrived once, in order, intact. In the guest the VMM sends each datagram the network device's ring holds. Log scale; the number above a bar is its median."
        let figures = figure("Network throughput", caption, SVGBarChart(categories: categories, yTitle: "MB/s (10⁶ payload bytes/s)", series: throughput).svg())
            + figure("Network packet rate", "Datagrams per second, same runs.", SVGBarChart(categories: categories, yTitle: "packets per second", series: series(\.requestsPerSecond)).svg())
        return "<section><h2>Network: host UDP sends vs the guest's network device</h2><div class=\"grid\">\n\(figures)</div></section>\n"
    }

    private var overheadSection: String {
        let rows = analysis.overheads
        guard !rows.isEmpty else { return "" }
        var colors: [String: String] = [:]
        for reason in Set(rows.flatMap { $0.contributions.map(\.reason) }).sorted() {
            colors[reason] = ChartPalette.reasons[colors.count % ChartPalette.reasons.count]
        }
        let legend = colors.sorted { $0.key < $1.key }
            .map { "<span class=\"swatch\" style=\"background:\($0.value)\"></span>\(HTMLText.escape($0.key)) exits" }
            .joined(separator: " ") + " <span class=\"swatch\" style=\"background:\(SVGOverheadChart.unexplainedColor)\"></span>not explained by exits"
        var costs = ""
        if results.exitCosts.isEmpty {
            costs = "<p>No exit cost was measured, so the overhead is shown without a decomposition.</p>"
        } else {
            let rowsHTML = results.exitCosts.map {
                "<tr><td>\(HTMLText.escape($0.reason))</td><td>\(NumberText.duration(nanoseconds: $0.nanosecondsPerExit.median))</td><td>\(NumberText.duration(nanoseconds: $0.nanosecondsPerExit.p25)) – \(NumberText.duration(nanoseconds: $0.nanosecondsPerExit.p75))</td><td>\($0.nanosecondsPerExit.count) × \($0.exitsPerRun)</td><td>\(HTMLText.escape($0.method))</td></tr>"
            }.joined(separator: "\n")
            costs = "<table class=\"data\"><tr><th>exit kind</th><th>cost per exit (median)</th><th>p25 – p75</th><th>runs × exits</th><th>how it was measured</th></tr>\n\(rowsHTML)\n</table>"
        }
        return """
        <section><h2>The overhead, explained</h2>
        <p>For each guest case: measured overhead = median guest time − median host time, both steal-adjusted so that other load on the machine cancels out. Exits explain Σ (exits of a kind per run × measured cost of one such exit). The full bar is the overhead; the coloured part is what the exits account for.</p>
        <p class="legend">\(legend)</p>
        \(SVGOverheadChart(rows: rows, reasonColors: colors).svg())
        <h3>Cost of one exit on this machine</h3>
        \(costs)
        </section>

        """
    }

    // MARK: - Tables and method

    private var summaryTable: String {
        guard !analysis.summaries.isEmpty else { return "" }
        let rows = analysis.summaries.map { summary -> String in
            let throughput = summary.megabytesPerSecond.map { "\(NumberText.significant($0.median)) MB/s" } ?? ""
            let exits = summary.exitsTotal.map { NumberText.significant($0.median) } ?? ""
            return "<tr><td>\(HTMLText.escape(summary.sweepCase.label))</td><td>\(summary.wallNs.count)</td>"
                + "<td>\(NumberText.duration(nanoseconds: summary.wallNs.median))</td>"
                + "<td>\(NumberText.duration(nanoseconds: summary.wallNs.p25)) – \(NumberText.duration(nanoseconds: summary.wallNs.p75))</td>"
                + "<td>\(NumberText.duration(nanoseconds: summary.wallNs.min)) – \(NumberText.duration(nanoseconds: summary.wallNs.max))</td>"
                + "<td>\(NumberText.duration(nanoseconds: summary.adjustedNs.median))</td>"
                + "<td>\(NumberText.duration(nanoseconds: summary.stealNs.median))</td>"
                + "<td>\(summary.runDelayNs.map { NumberText.duration(nanoseconds: $0.median) } ?? "")</td>"
                + "<td>\(exits)</td><td>\(throughput)</td></tr>"
        }.joined(separator: "\n")
        return """
        <section><h2>Every case</h2>
        <table class="data"><tr><th>case</th><th>runs</th><th>wall median</th><th>p25 – p75</th><th>min – max</th><th>adjusted median</th><th>steal median</th><th>run delay median</th><th>exits</th><th>throughput</th></tr>
        \(rows)
        </table><p class="meta">Steal: /proc/stat steal on the worker's CPUs (host) or KVM's steal-time record (guest). Run delay: the worker thread's wait for a CPU over the measured work (host), or the vCPU thread's over the whole VM run, start-up included (guest), from schedstat. Every run with all its fields is in results.json and results.csv next to this page.</p></section>

        """
    }

    private var method: String {
        """
        <section><h2>How these numbers were measured</h2><ul>
        <li><strong>Host</strong>: a PerfV region around the kernel call on a thread pinned to one core: wall time (CLOCK_MONOTONIC via the vDSO), thread and process CPU time, steal on the CPUs the thread ran on (/proc/stat) and the thread's run delay (/proc/thread-self/schedstat).</li>
        <li><strong>Guest</strong>: a fresh PerfV VM per run; the workload runs at ring 3 and times itself with kvmclock and KVM's steal-time record (no exits to read either). The VMM counts exits by reason.</li>
        <li><strong>Steal-adjusted time</strong> = wall time − time the work was runnable but not running (steal in the guest; run delay on the host). It estimates the time the work would have taken on an uncontended CPU; it cannot undo cache pollution by the competitor.</li>
        <li><strong>Statistics</strong>: \(plan.warmups) warm-up run(s) discarded per case, then \(plan.repetitions) measured; medians with p25–p75 ranges (linear interpolation), never a lone mean.</li>
        <li><strong>Network</strong>: a fresh UDP receiver on 127.0.0.1 per run, read after the timed sends (its buffer holds the whole run); a run counts only if every datagram arrived once, in order, with the content sent. Host: send(2) on a connected socket; guest: the VMM's send(2) per descriptor of the device's transmit ring.</li>
        <li><strong>Checksums</strong>: FNV-1a 64 of the result matrix; host and guest run the same C source compiled with the same flags (no FMA contraction), so equal inputs must give bit-identical results.</li>
        </ul></section>

        """
    }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;margin:24px 32px;max-width:1340px;line-height:1.4}
    h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:26px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
    .meta{color:#666;font-size:13px;margin:2px 0}code{font-size:12px;background:#f4f4f4;padding:1px 4px;border-radius:3px}
    .notice{padding:10px 14px;border-radius:6px;margin:10px 0;font-size:14px}.warn{background:#fff4d6;border:1px solid #e6c15a}.error{background:#fde2e1;border:1px solid #d9534f}
    ul.reading li{margin:4px 0;font-size:15px}
    table.machine th{text-align:left;padding:3px 14px 3px 0;color:#555;font-weight:600;vertical-align:top}table.machine td{padding:3px 0}
    table.data{border-collapse:collapse;font-size:12.5px;margin:6px 0}table.data th,table.data td{border-bottom:1px solid #e4e4e4;padding:4px 10px;text-align:left}table.data th{background:#f6f6f6}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px 24px}
    figure{margin:0}figcaption{font-size:13px;color:#444;margin-bottom:4px}svg.chart{max-width:100%;height:auto;font-family:inherit}
    .legend{font-size:13px}.swatch{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px;border-radius:2px}
    """
}
