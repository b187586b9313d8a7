/// How much each suite measures: the full run for figures, `--quick` for a smoke run.
struct BenchmarkSettings: Sendable {
    var quick: Bool
    /// Host CPU for the harness thread and every vCPU thread, if pinned.
    var pinnedCPU: Int?
    /// The libperfv.so the footprint rows measure (an installed one); nil for the one built beside perfv-bench.
    var libperfv: String? = nil

    /// Repetitions of each interleaved microbenchmark (clock, steal, region reads).
    var readRepetitions: Int { quick ? 9 : 41 }
    /// Target time of one batch of reads, in ns (the batch size follows from the cost).
    var batchNanoseconds: Double { quick ? 200_000 : 1_000_000 }
    /// Repetitions of the VMM exit loop comparison, and exits per run.
    var exitRepetitions: Int { quick ? 3 : 15 }
    var exitsPerRun: UInt64 { quick ? 100 : 1000 }
    /// Repetitions of VM start and memory.
    var startRepetitions: Int { quick ? 3 : 11 }
    /// Repetitions of an MMM size (after one warm-up run of each side): more for the
    /// short small sizes, whose runs a scheduler hiccup distorts more.
    func mmmRepetitions(size: UInt32) -> Int {
        if quick { return 1 }
        return size <= 256 ? 15 : size <= 512 ? 9 : 5
    }
    var mmmSizes: [UInt32] { [256, 512, 1024] }
    /// Guest RAM of the VMM comparisons (fits MMM at N = 1024: 3 × 8 MiB after an 8 MiB heap base).
    var guestRAMBytes: UInt64 { 64 << 20 }
}
