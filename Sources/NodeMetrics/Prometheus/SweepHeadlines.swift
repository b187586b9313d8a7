import Report

/// The figures of a sweep an admin watches over time: per-case medians, the exit
/// cost, the slowdown under a pinned hog (raw and steal-adjusted) and the guest's
/// efficiency against the host, each for the largest MMM size that has both cases.
struct SweepHeadlines {
    struct Ratio: Equatable {
        var labels: [(String, String)]
        var value: Double

        static func == (lhs: Ratio, rhs: Ratio) -> Bool {
            lhs.value == rhs.value && lhs.labels.elementsEqual(rhs.labels, by: ==)
        }
    }

    var contentionSlowdowns: [Ratio] = []
    var guestEfficiencies: [Ratio] = []

    init(_ results: SweepResults) {
        let analysis = results.analysis
        let sizes = results.plan.mmmSizes.sorted(by: >)
        for kernel in results.plan.mmmKernels {
            for side in [Side.host, .guest] {
                let pair = sizes.lazy.compactMap { size -> (Int, CaseSummary, CaseSummary)? in
                    guard let calm = analysis.summary(.mmm(size: size, kernel: kernel, side: side, contention: .none)),
                          let busy = analysis.summary(.mmm(size: size, kernel: kernel, side: side, contention: .pinnedHog))
                    else { return nil }
                    return (size, calm, busy)
                }.first
                if let (size, calm, busy) = pair {
                    let labels = [("kernel", kernel.rawValue), ("size", String(size)), ("side", side.rawValue)]
                    contentionSlowdowns.append(Ratio(labels: labels + [("measure", "raw")], value: busy.wallNs.median / calm.wallNs.median))
                    contentionSlowdowns.append(Ratio(labels: labels + [("measure", "adjusted")],
                                                     value: busy.adjustedNs.median / calm.adjustedNs.median))
                }
            }
            let pair = sizes.lazy.compactMap { size -> (Int, CaseSummary, CaseSummary)? in
                guard let host = analysis.summary(.mmm(size: size, kernel: kernel, side: .host, contention: .none)),
                      let guest = analysis.summary(.mmm(size: size, kernel: kernel, side: .guest, contention: .none))
                else { return nil }
                return (size, host, guest)
            }.first
            if let (size, host, guest) = pair {
                guestEfficiencies.append(Ratio(labels: [("kernel", kernel.rawValue), ("size", String(size))],
                                               value: host.adjustedNs.median / guest.adjustedNs.median))
            }
        }
    }
}
