/// Runs contenders interleaved: every repetition runs each contender once, and the
/// order rotates from one repetition to the next, so no contender always runs first
/// (cold) or last, and a slow stretch of the machine lands on all of them.
enum SideBySide {
    /// Calls each contender once per repetition; returns the samples by contender, in
    /// repetition order (sample i of every contender comes from repetition i).
    static func measure(repetitions: Int, _ contenders: [() throws -> Double]) throws -> [[Double]] {
        var samples = [[Double]](repeating: [], count: contenders.count)
        for repetition in 0..<repetitions {
            for step in 0..<contenders.count {
                let index = (repetition + step) % contenders.count
                samples[index].append(try contenders[index]())
            }
        }
        return samples
    }
}
