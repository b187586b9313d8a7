import Foundation

/// Everything one `perfv-bench` run measured, as printed and as written to JSON.
struct BenchmarkReport: Codable, Equatable, Sendable {
    var tool = "perfv-bench"
    /// The command line that produced it.
    var command: String
    /// UTC start time, ISO 8601.
    var startedAt: String
    var quick: Bool
    var machine: MachineDescription
    /// How the figures were taken, one sentence each.
    var method: [String]
    var rows: [BenchmarkRow]

    static let methodText = [
        "Every row compares PerfV with a baseline measured in the same process run, interleaved: each repetition runs every contender of a comparison once, in an order that rotates between repetitions.",
        "Per-call costs (rows 1-4) time a batch of calls (about 1 ms) with CLOCK_MONOTONIC and divide by the batch size; the batch size is calibrated per contender.",
        "ratio is the median of the per-repetition ratios (ratio_is says which way); perfv_ns and baseline_ns are the medians of each side; *_spread gives median, p25, p75, min and max.",
        "VMM exits (row 5): PerfV's VMM runs the minimal C loop's own guest code, wrapped in a PerfV guest image, so both sides execute identical guest instructions (Benchmarks/CBaselines/include/perfv_kvm_loop.h). PerfV's per-exit cost is (run span with K exits - run span with 0 exits) / K, the span running from vCPU 0's first exit to the end of the run; the C loop's is (done exit - first exit) / K. The .thread_cpu rows take the same runs in CPU time of the thread running the vCPU (guest time included), which leaves out waiting for a CPU.",
        "VM start and memory (row 6): one VM at a time; memory is the RSS growth with a finished VM still alive, minus the resident part of its guest RAM mapping (/proc/self/smaps).",
        "Guest efficiency (row 7): host time / guest time of the same MMM kernel with the same matrix layout; the guest times itself with kvmclock around the multiply, the host with a PerfV Region; the .steal_adjusted rows use wall minus steal / run delay from the same runs.",
        "Footprint (row 8): an empty C program linked with libperfv.so against the same program linked with libpapi.so, each run with posix_spawn to its exit; the installed closure is libperfv.so plus what ldd resolves for it outside /lib and /usr/lib (the Swift runtime, unless linked in as scripts/install-libperfv does).",
        "met compares the median ratio with the target, or, where the target says so, the median per-repetition difference (perfv - baseline) or PerfV's own median; rows without a target are informative. No baseline is tuned.",
    ]

    /// Pretty-printed JSON with snake_case keys.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws -> BenchmarkReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(BenchmarkReport.self, from: data)
    }
}
