/// One part of a sweep split over several jobs (`perfv-report sweep --shard I/N`):
/// shard ``index`` of ``count``, counting from 0.
///
/// The partition: the sweep's comparison groups (the cases a comparison needs — host
/// and guest, uncontended and contended, of one MMM size and kernel; the host and guest
/// routes of one I/O block size), in plan order, are dealt round-robin: group g runs in
/// shard g mod N. A group never splits, so every shard's own analysis (overhead,
/// slowdown under contention) is complete; the N shards together run every case once.
/// Each shard also runs the exit-cost calibration: it is a property of the node.
public struct SweepShard: Codable, Equatable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole plan: shard 0 of 1.
    public static let whole = SweepShard(validIndex: 0, count: 1)

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw .countNotPositive(count: count) }
        guard index >= 0, index < count else { throw .indexOutOfRange(index: index, count: count) }
        self.init(validIndex: index, count: count)
    }

    private init(validIndex: Int, count: Int) {
        index = validIndex
        self.count = count
    }

    /// Parses "I/N", e.g. "0/4".
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .malformed(text: text)
        }
        try self.init(index: index, count: count)
    }

    /// The shard of a Slurm job array task: index SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN,
    /// count SLURM_ARRAY_TASK_COUNT (Slurm's ids are whatever `--array` says, e.g. 1-8).
    /// Nil outside a job array. An array with a step (`--array=0-10:2`) gives indices
    /// beyond the count: an error, since shards must be 0…N−1.
    public static func fromSlurm(environment: [String: String]) throws(ShardError) -> SweepShard? {
        let names = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT"]
        let present = names.filter { environment[$0] != nil }
        if present.isEmpty { return nil }
        guard present.count == names.count else { throw .slurmIncomplete(missing: names.filter { environment[$0] == nil }) }
        var numbers: [Int] = []
        for name in names {
            let value = environment[name] ?? ""
            guard let number = Int(value) else { throw .slurmVariable(name: name, value: value) }
            numbers.append(number)
        }
        return try SweepShard(index: numbers[0] - numbers[1], count: numbers[2])
    }

    /// The items of this shard: every ``count``-th, starting at ``index``.
    public func select<Item>(_ items: [Item]) -> [Item] {
        items.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
