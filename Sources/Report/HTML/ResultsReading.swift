import VMM

/// The results in plain words: a few sentences a reader can act on, each computed
/// from the medians in the analysis or the machine's facts (nothing is said that the
/// data does not show; the one published fact it repeats names its source).
struct ResultsReading {
    let results: SweepResults

    var sentences: [String] {
        var out: [String] = []
        out += host
        out += checksums
        out += mmm
        out += contention
        out += io
        out += network
        out += overhead
        if out.isEmpty { out.append("No case finished, so there is nothing to read yet.") }
        return out
    }

    private var analysis: SweepAnalysis { results.analysis }

    /// When the machine the sweep calls "host" is itself a VM, every host number includes its hypervisor.
    private var host: [String] {
        let hypervisor = results.machine.hypervisor
        guard hypervisor.present else { return [] }
        let name = [hypervisor.vendorName, hypervisor.vendor.map { "signature \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return ["The \"host\" of this sweep is itself a virtual machine (hypervisor: \(name.isEmpty ? "unknown" : name)): host times include that hypervisor's costs, and each guest run is a VM inside that VM."]
    }

    private var checksums: [String] {
        let checks = analysis.checksumChecks
        guard !checks.isEmpty else { return [] }
        let mismatched = checks.filter { !$0.matches }
        if mismatched.isEmpty {
            let sides = Set(results.runs.filter { $0.sweepCase.kind == .mmm }.map(\.sweepCase.side))
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
            out.append("MMM \(kernel.rawValue), N=\(size): \(NumberText.duration(nanoseconds: host.adjustedNs.median)) on the host, \(NumberText.duration(nanoseconds: guest.adjustedNs.median)) in the guest (steal-adjusted medians; raw \(NumberText.duration(nanoseconds: host.wallNs.median)) and \(NumberText.duration(nanoseconds: guest.wallNs.median))) — the guest is \(NumberText.percent(abs(ratio))) \(direction).")
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
                let verdict = abs(adjusted) <= Self.accountedDeviation
                    ? "\(source) accounts for the CPU the hog took"
                    : "\(source) does not account for all of the CPU the hog took"
                out.append("With a CPU hog pinned to the same core (\(side == .guest ? "the vCPU thread's" : "the worker's")), MMM \(kernel.rawValue) N=\(size) on the \(side.rawValue) took \(NumberText.significant(raw))× as long in raw wall time, while the steal-adjusted time landed \(NumberText.percent(abs(adjusted))) \(adjusted >= 0 ? "above" : "below") the uncontended (also adjusted) time: \(verdict).")
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
            guard let host = analysis.summary(.io(blockCount: count, blockSize: blockSize, route: .systemCalls))?.megabytesPerSecond else { continue }
            var parts = ["\(ByteCountText.short(blockSize)) blocks: host \(NumberText.significant(host.median)) MB/s"]
            for mode in Workload.IOMode.allCases {
                if let guest = analysis.summary(.io(blockCount: count, blockSize: blockSize, route: .guest(mode)))?.megabytesPerSecond {
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

    private var network: [String] {
        guard results.plan.workloads.contains(.net) else { return [] }
        let count = results.plan.netPacketCount
        var out: [String] = []
        for packetSize in results.plan.netPacketSizes.sorted() {
            guard let host = analysis.summary(.net(packetCount: count, packetSize: packetSize, route: .socket)),
                  let hostRate = host.requestsPerSecond, let hostThroughput = host.megabytesPerSecond else { continue }
            var parts = ["\(ByteCountText.short(packetSize)) datagrams: host \(NumberText.significant(hostRate.median)) packets/s (\(NumberText.significant(hostThroughput.median)) MB/s)"]
            for mode in Workload.NetMode.allCases {
                if let rate = analysis.summary(.net(packetCount: count, packetSize: packetSize, route: .guest(mode)))?.requestsPerSecond {
                    parts.append("guest \(mode.rawValue) \(NumberText.significant(rate.median)) packets/s (\(NumberText.percent(rate.median / hostRate.median)) of the host)")
                }
            }
            out.append(parts.joined(separator: ", ") + ".")
        }
        guard !out.isEmpty else { return [] }
        var sentences = ["UDP to 127.0.0.1 (\(count) datagrams per run, every one verified at the receiver; higher is better): " + out.joined(separator: " ")]
        let slower = analysis.overheads.filter { $0.overheadNs > 0 }
        let perPacket = slower.filter { $0.guestCaseID.hasPrefix("net/per-packet/") }
        let batched = slower.filter { $0.guestCaseID.hasPrefix("net/batched/") }
        if let explained = Summary(perPacket.compactMap(\.explainedFraction))?.median, let cost = results.exitCosts.first {
            var sentence = "With one exit per packet, \(NumberText.significant(perPacket[0].contributions.first?.exits ?? 0)) exits × \(NumberText.duration(nanoseconds: cost.nanosecondsPerExit.median)) account for \(NumberText.percent(explained)) of the guest's overhead over the host (median over packet sizes)"
            if let perPacketOverhead = Summary(perPacket.map(\.overheadNs))?.median, let batchedOverhead = Summary(batched.map(\.overheadNs))?.median {
                sentence += "; ringing once per \(NetCase.batchPackets) packets cut the median overhead from \(NumberText.duration(nanoseconds: perPacketOverhead)) to \(NumberText.duration(nanoseconds: batchedOverhead))"
            }
            sentences.append(sentence + ".")
        }
        return sentences
    }

    private var overhead: [String] {
        guard let cost = results.exitCosts.first else { return [] }
        var out = ["One \(cost.reason) exit costs \(NumberText.duration(nanoseconds: cost.nanosecondsPerExit.median)) here (median of the calibration runs; /dev/kvm: \(results.machine.kvm.flavor.rawValue))."]
        let slower = analysis.overheads.filter { $0.overheadNs > 0 }
        let io = slower.filter { $0.guestCaseID.hasPrefix("io/") }.compactMap(\.explainedFraction)
        if let median = Summary(io)?.median {
            let perRequest = slower.filter { $0.guestCaseID.hasPrefix("io/per-request") }.compactMap(\.explainedFraction)
            var sentence = "For guest I/O, exits × their calibrated cost account for \(NumberText.percent(median)) of the measured overhead (median over the I/O cases where the guest was slower)"
            if let perRequestMedian = Summary(perRequest)?.median, perRequestMedian > 0.75 {
                sentence += "; with one exit per request they account for \(NumberText.percent(perRequestMedian)) — essentially all of it"
                if perRequestMedian > 1.05 { sentence += " (above 100%: their exits at the calibrated cost come to more than the overhead measured)" }
                let batched = slower.filter { $0.guestCaseID.hasPrefix("io/batched") }.map(\.overheadNs)
                let perRequestOverhead = slower.filter { $0.guestCaseID.hasPrefix("io/per-request") }.map(\.overheadNs)
                if let batchedMedian = Summary(batched)?.median, let perRequestOverheadMedian = Summary(perRequestOverhead)?.median,
                   batchedMedian < perRequestOverheadMedian {
                    sentence += "; batching requests behind one doorbell cut the median overhead from \(NumberText.duration(nanoseconds: perRequestOverheadMedian)) to \(NumberText.duration(nanoseconds: batchedMedian))"
                }
                sentence += "."
            } else {
                sentence += "."
            }
            out.append(sentence)
        }
        let mmm = slower.filter { $0.guestCaseID.hasPrefix("mmm/") }
        if let largest = mmm.max(by: { $0.overheadNs < $1.overheadNs }) {
            let explained = mmm.compactMap(\.explainedFraction)
            let share = Summary(explained).map { NumberText.percent($0.median) } ?? "0%"
            out.append("For guest MMM, the multiply itself makes no VM exits (the run's exits are console output and hypercalls after the timed region), so exits explain \(share) of its overhead; the largest, \(NumberText.duration(nanoseconds: largest.overheadNs)) for \(largest.label), is time the exit counters cannot attribute (this sweep does not measure where it goes).\(pagingNote)")
        }
        return out
    }

    /// How far the contended steal-adjusted median may land from the uncontended one
    /// and still be said to account for the hog (the sweep tests' bound).
    static let accountedDeviation = 0.15

    /// What is known, from a published source, about this host's flavor of KVM and guest memory.
    private var pagingNote: String {
        guard results.machine.kvm.flavor == .pvm else { return "" }
        return " This host's KVM is PVM, which runs guests under shadow paging (\(Self.pvmCitation)); this sweep did not measure its share."
    }

    static let pvmCitation = "Huang et al., \"PVM: Efficient Shadow Paging for Deploying Secure Containers in Cloud-native Environment\", SOSP 2023"
}
