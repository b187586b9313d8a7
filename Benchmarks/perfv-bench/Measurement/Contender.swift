/// One side of a read comparison: a name and a batch runner. The batch closure is
/// written with the call inline in its loop (`BatchTimer.nanosecondsPerCall` is
/// inlined), so a call is timed without an indirect call around it.
struct Contender {
    let name: String
    /// Runs the call `iterations` times; returns ns per call.
    let batch: (Int) throws -> Double

    init(_ name: String, batch: @escaping (Int) throws -> Double) {
        self.name = name
        self.batch = batch
    }

    /// Iterations that take about `targetNanoseconds` (at least 16), from the fastest
    /// of three trial batches.
    func iterations(targetNanoseconds: Double) throws -> Int {
        var fastest = Double.infinity
        for _ in 0..<3 { fastest = min(fastest, try batch(16)) }
        return max(16, Int(targetNanoseconds / max(fastest, 1)))
    }

    /// Calibrates every contender, then measures them interleaved (`SideBySide`);
    /// returns ns per call, by contender, by repetition.
    static func measure(_ contenders: [Contender], repetitions: Int, batchNanoseconds: Double) throws -> [[Double]] {
        let iterations = try contenders.map { try $0.iterations(targetNanoseconds: batchNanoseconds) }
        return try SideBySide.measure(repetitions: repetitions, contenders.indices.map { index in
            { try contenders[index].batch(iterations[index]) }
        })
    }
}
