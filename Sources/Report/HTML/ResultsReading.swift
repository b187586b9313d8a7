/// The results in plain words: a few sentences a reader can act on, each computed
/// from the medians in the analysis (nothing is said that the data does not show).
struct ResultsReading {
    let results: SweepResults

    var sentences: [String] {
        var out: [String] = []
        out += checksums
        out += mmm
        out += contention
        out += io
        out += overhead
        if out.isEmpty { out.append("No case finished, so there is nothing to read yet.") }
        return out
    }

    private var analysis: SweepAnalysis { results.analysis }

    private var checksums: [String] {
        let checks = analysis.checksumChecks
        guard !checks.isEmpty else { return [] }
        let mismatched = checks.filter { !$0.matches }
        if mismatched.isEmpty {
            let sides = Set(results.runs.filter { $0.workload == .mmm }.map(\.side))
            let both = sides.contains(.host) && sides.contains(.guest)
            return ["Every MMM result matrix is bit-identical across kernels and repetitions, size by size" + (both ? ", on the host and in the guest: the guest computed exactly what the host computed." : ".")]
        }
        return mismatched.map { "CHECKSUM MISMATCH at N=\($0.size): \($0.checksums.map { "\($0.key) from \($0.value.joined(separator: ", "))" }.joined(separator: "; ")). These runs did not compute the same matrix; do not trust their timings." }
    }

    private var mmm: [String] {
        var out: [String] = []
        for kernel in results.plan.mmmKernels {
            let pairs = results.plan.mmmSizes.sorted().compactMap { size -> (Int, CaseSummary, CaseSummary)? in
                guard let host = analysis.summary(.mmm(size: size, kernel: kernel, side: .host, contention: .none)),
                      let guest = analysis.summary(.mmm(size: size, kernel: kernel, side: .guest, contention: .none)) else { return nil }
                return (size, host, guest)
            }
            guard let (size, host, guest) = pairs.last else { continue }
            let ratio = guest.adjustedNs.median / host.adjustedNs.median - 1
            let direction = ratio >= 0 ? "slower" : "faster"
            out.append("MMM \(kernel.rawValue), N=\(size): \(NumberText.duration(nanoseconds: host.adjustedNs.median)) on the host, \(NumberText.duration(nanoseconds: guest.adjustedNs.median)) in the guest (steal-adjusted medians; raw \(NumberText.duration(nanoseconds: host.wallNs.median)) and \(NumberText.duration(nanoseconds: guest.wallNs.median))) — the guest is \(NumberText.percent(abs(ratio))) \(direction).\(abs(ratio) < 0.05 ? " Guest code runs natively at ring 3, so a large product costs about the same inside the VM." : "")")
        }
        return out
    }

    private var contention: [String] {
        guard results.plan.contention.contains(.pinnedHog) else { return [] }
        var out: [String] = []
        for side in [Side.guest, .host] {
            // The largest size with both an uncontended and a contended run says the most.
            for kernel in results.plan.mmmKernels {
                let sizes = results.plan.mmmSizes.sorted().reversed()
                guard let (size, calm, busy) = sizes.lazy.compactMap({ size -> (Int, CaseSummary, CaseSummary)? in
                    guard let calm = analysis.summary(.mmm(size: size, kernel: kernel, side: side, contention: .none)),
                          let busy = analysis.summary(.mmm(size: size, kernel: kernel, side: side, contention: .pinnedHog)) else { return nil }
                    return (size, calm, busy)
                }).first else { continue }
                let raw = busy.wallNs.median / calm.wallNs.median
                let adjusted = busy.adjustedNs.median / calm.adjustedNs.median - 1
                let source = side == .guest ? "KVM's steal-time record, read by the guest," : "the worker thread's run delay"
                out.append("With a CPU hog pinned to the same core (\(side == .guest ? "the vCPU thread's" : "the worker's")), MMM \(kernel.rawValue) N=\(size) on the \(side.rawValue) took \(NumberText.significant(raw))× as long in raw wall time, while the steal-adjusted time landed \(NumberText.percent(abs(adjusted))) \(adjusted >= 0 ? "above" : "below") the uncontended (also adjusted) time: \(source) accounts for the CPU the hog took.")
                break
            }
        }
        return out
    }

    private var io: [String] {
        guard results.plan.workloads.contains(.io) else { return [] }
        var out: [String] = []
        let count = results.plan.ioBlockCount
        for blockSize in results.plan.ioBlockSizes.sorted() {
            guard let host = analysis.summary(.io(blockCount: count, blockSize: blockSize, mode: .syscall, side: .host))?.megabytesPerSecond else { continue }
            var parts = ["\(ByteCountText.short(blockSize)) blocks: host \(NumberText.significant(host.median)) MB/s"]
            for mode in IOMode.guestModes {
                if let guest = analysis.summary(.io(blockCount: count, blockSize: blockSize, mode: mode, side: .guest))?.megabytesPerSecond {
                    parts.append("guest \(mode.rawValue) \(NumberText.significant(guest.median)) MB/s (\(NumberText.percent(guest.median / host.median)) of the host)")
                }
            }
            out.append(parts.joined(separator: ", ") + ".")
        }
        if out.count > 1 {
            out.insert("I/O throughput (write then read \(count) blocks, page cache; higher is better):", at: 0)
            return [out.joined(separator: " ")]
        }
        return out
    }

    private var overhead: [String] {
        guard let cost = results.exitCosts.first else { return [] }
        var out = ["One \(cost.reason) exit costs \(NumberText.duration(nanoseconds: cost.nanosecondsPerExit.median)) here (median of the calibration runs) — on bare-metal hardware KVM it is 1–2 µs."]
        let slower = analysis.overheads.filter { $0.overheadNs > 0 }
        let io = slower.filter { $0.guestCaseID.hasPrefix("io/") }.compactMap(\.explainedFraction)
        if let median = Summary(io)?.median {
            let perRequest = slower.filter { $0.guestCaseID.hasPrefix("io/per-request") }.compactMap(\.explainedFraction)
            var sentence = "For guest I/O, exits × their calibrated cost account for \(NumberText.percent(median)) of the measured overhead (median over the I/O cases where the guest was slower)"
            if let perRequestMedian = Summary(perRequest)?.median, perRequestMedian > 0.75 {
                sentence += "; with one exit per request they account for \(NumberText.percent(perRequestMedian)) — essentially all of it"
                if perRequestMedian > 1.05 { sentence += " (above 100% because one exit's cost varies between runs here, and the calibration runs' exits were dearer)" }
                sentence += ". That is why batching requests behind one doorbell closes most of the gap."
            } else {
                sentence += "."
            }
            out.append(sentence)
        }
        let mmm = slower.filter { $0.guestCaseID.hasPrefix("mmm/") }
        if let largest = mmm.max(by: { $0.overheadNs < $1.overheadNs }) {
            let explained = mmm.compactMap(\.explainedFraction)
            let share = Summary(explained).map { NumberText.percent($0.median) } ?? "0%"
            out.append("For guest MMM, the multiply itself makes no VM exits (the run's exits are console output and hypercalls after the timed region), so exits explain \(share) of its overhead; the largest, \(NumberText.duration(nanoseconds: largest.overheadNs)) for \(largest.label), is work the exit counters cannot see — memory access under the VM's shadow page tables, caches, timer differences.")
        }
        return out
    }
}
