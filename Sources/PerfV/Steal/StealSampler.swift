/// Per-CPU steal from /proc/stat, re-read only when the last sample is older than
/// a maximum age, so a ``Region`` begun and ended in a tight loop does not pay the
/// ~6 µs /proc/stat read at every boundary.
///
/// Why a sample may be reused: the kernel accounts steal on its scheduler tick
/// (4 ms at CONFIG_HZ=250) and prints it in USER_HZ ticks (10 ms), so a read taken
/// a millisecond earlier differs from a fresh one only when a tick falls in that
/// millisecond, which the 10 ms rounding already makes a coin toss.
///
/// Two buffers: a refresh parses into the spare one and swaps only on success, so
/// the sample before the current one stays intact for a region that began on it,
/// and a malformed /proc/stat leaves the last good sample in place. Not thread-safe;
/// a region owns one. Refreshing allocates nothing and opens nothing.
final class StealSampler {
    /// One ms: below the kernel's 4 ms steal accounting tick and the 10 ms USER_HZ step.
    static let defaultMaximumAgeNanoseconds: Int64 = 1_000_000

    let maximumAgeNanoseconds: Int64
    /// CLOCK_MONOTONIC time the current sample was asked for; `nil` before the first read.
    private(set) var sampledAtNanoseconds: Int64?
    /// Counts successful refreshes; names the current sample.
    private(set) var generation: UInt64 = 0

    private let reader: StealReader
    private var current: UnsafeMutableBufferPointer<Int64>
    private var previous: UnsafeMutableBufferPointer<Int64>

    init(reader: StealReader, maximumAgeNanoseconds: Int64 = defaultMaximumAgeNanoseconds) {
        self.reader = reader
        self.maximumAgeNanoseconds = maximumAgeNanoseconds
        current = .allocate(capacity: reader.cpuCapacity)
        current.initialize(repeating: ProcStatParser.absent)
        previous = .allocate(capacity: reader.cpuCapacity)
        previous.initialize(repeating: ProcStatParser.absent)
    }

    deinit {
        current.deallocate()
        previous.deallocate()
    }

    /// Re-reads /proc/stat when there is no sample yet or it is older than
    /// ``maximumAgeNanoseconds`` at `now` (CLOCK_MONOTONIC ns).
    ///
    /// - Throws: `PerfVError` from ``StealReader``; the current sample is then unchanged.
    func refreshIfOlder(now: Int64) throws {
        if let sampledAtNanoseconds, now &- sampledAtNanoseconds <= maximumAgeNanoseconds { return }
        _ = try reader.readProcStat(into: previous)
        swap(&current, &previous)
        sampledAtNanoseconds = now
        generation &+= 1
    }

    /// Steal ticks of `cpu` in sample `generation`, which must be the current sample or
    /// the one before it; `nil` when that sample has no line for `cpu` or is gone.
    func stealTicks(cpu: Int, generation sample: UInt64) -> Int64? {
        let buffer: UnsafeMutableBufferPointer<Int64>
        switch generation &- sample {
        case 0: buffer = current
        case 1: buffer = previous
        default: return nil
        }
        guard sample != 0, buffer.indices.contains(cpu), buffer[cpu] != ProcStatParser.absent else { return nil }
        return buffer[cpu]
    }

    /// Steal ticks between sample `generation` and the current one, summed over the
    /// CPUs a thread was seen on (`second` counted only when it differs from `first`).
    ///
    /// - Throws: `PerfVError.malformedFile` when a sample has no line for a CPU the thread ran on.
    func stealTicksDelta(cpus first: Int32, _ second: Int32, since sample: UInt64) throws -> Int64 {
        var ticks = try stealTicksDelta(cpu: Int(first), since: sample)
        if second != first { ticks += try stealTicksDelta(cpu: Int(second), since: sample) }
        return ticks
    }

    private func stealTicksDelta(cpu: Int, since sample: UInt64) throws -> Int64 {
        guard let atBegin = stealTicks(cpu: cpu, generation: sample),
              let atEnd = stealTicks(cpu: cpu, generation: generation)
        else {
            throw PerfVError.malformedFile(
                path: ProcStatParser.path, reason: "no 'cpu\(cpu)' line although the thread ran on CPU \(cpu)")
        }
        return atEnd - atBegin
    }
}
