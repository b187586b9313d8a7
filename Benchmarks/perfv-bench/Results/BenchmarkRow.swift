import Report

/// One line of the table: PerfV's figure, the baseline's, measured side by side, and
/// their ratio with its target. JSON keys are snake_case (`perfv_ns`, `baseline_ns`, ...).
struct BenchmarkRow: Codable, Equatable, Sendable {
    enum Unit: String, Codable, Sendable {
        case nanoseconds = "ns"
        case bytes
    }

    /// Stable identifier, e.g. "clock.real_time.vs_vdso".
    var name: String
    /// The comparison it belongs to (1...7 of the issue), e.g. "Real-time read".
    var group: String
    /// What PerfV executes for one sample.
    var perfv: String
    /// What the baseline executes (its name).
    var baseline: String
    var unit: Unit
    /// Medians; time rows fill the `_ns` pair, memory rows the `_bytes` pair.
    var perfvNs: Double?
    var baselineNs: Double?
    var perfvBytes: Double?
    var baselineBytes: Double?
    /// Median of the per-repetition ratios.
    var ratio: Double?
    /// Median of the per-repetition differences, PerfV's figure minus the baseline's.
    var difference: Double?
    var ratioIs: PairedSamples.Direction
    var target: Target?
    /// nil when there is no target or no figure.
    var met: Bool?
    var perfvSpread: Summary?
    var baselineSpread: Summary?
    var ratioSpread: Summary?
    var differenceSpread: Summary?
    /// Why a figure is missing, or why a target is missed, or a caveat.
    var note: String?

    /// A row from paired samples (in `unit`, per operation).
    init(name: String, group: String, perfv: String, baseline: String, unit: Unit = .nanoseconds,
         samples: PairedSamples, ratioIs direction: PairedSamples.Direction = .perfvOverBaseline,
         target: Target? = nil, note: String? = nil) throws {
        self.name = name
        self.group = group
        self.perfv = perfv
        self.baseline = baseline
        self.unit = unit
        ratioIs = direction
        self.target = target
        let perfvSummary = try Summary(samples: samples.perfv)
        let baselineSummary = try Summary(samples: samples.baseline)
        let ratioSummary = try Summary(samples: samples.ratios(direction))
        let differenceSummary = try Summary(samples: samples.differences())
        perfvSpread = perfvSummary
        baselineSpread = baselineSummary
        ratioSpread = ratioSummary
        differenceSpread = differenceSummary
        switch unit {
        case .nanoseconds:
            perfvNs = perfvSummary.median
            baselineNs = baselineSummary.median
        case .bytes:
            perfvBytes = perfvSummary.median
            baselineBytes = baselineSummary.median
        }
        ratio = ratioSummary.median
        difference = differenceSummary.median
        met = target.map { target in
            switch target.quantity {
            case .ratio: return target.isMet(by: ratioSummary.median)
            case .difference: return target.isMet(by: differenceSummary.median)
            case .perfv: return target.isMet(by: perfvSummary.median)
            }
        }
        self.note = note
    }

    /// A row whose figure could not be measured here; `reason` says why.
    init(unavailable name: String, group: String, perfv: String, baseline: String, unit: Unit = .nanoseconds,
         ratioIs direction: PairedSamples.Direction = .perfvOverBaseline, target: Target? = nil, reason: String) {
        self.name = name
        self.group = group
        self.perfv = perfv
        self.baseline = baseline
        self.unit = unit
        ratioIs = direction
        self.target = target
        note = reason
    }

    /// The target for the table; one on the difference also shows the difference, which
    /// the table's columns (medians and ratio) do not.
    var targetText: String {
        guard let target else { return "" }
        guard target.quantity == .difference, let difference else { return target.text(unit: unit) }
        return target.text(unit: unit) + " (is " + Format.value(difference, unit: unit) + ")"
    }

    /// The median on PerfV's side in the row's unit.
    var perfvValue: Double? { unit == .bytes ? perfvBytes : perfvNs }
    /// The median on the baseline's side in the row's unit.
    var baselineValue: Double? { unit == .bytes ? baselineBytes : baselineNs }
}
