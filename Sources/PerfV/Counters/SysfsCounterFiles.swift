/// The sysfs counter files one event set reads, by event position: a file is
/// opened (and read once, to check it) when its event is added, and stays open
/// until the event set goes. Components with one file per event (`net::`, `ib::`)
/// hand ``open(eventAt:)`` and ``readTotals(of:into:)`` to a ``CumulativeEventSet``.
final class SysfsCounterFiles {
    /// The file of each event, as on a live system.
    private let paths: [String]
    /// What each file's value is multiplied by (4 for InfiniBand's 4-byte data words).
    private let scales: [Int64]
    private let root: SystemRoot
    private var files: [SysfsCounterFile?]

    init(paths: [String], scales: [Int64], root: SystemRoot) {
        precondition(paths.count == scales.count, "one scale per path")
        self.paths = paths
        self.scales = scales
        self.root = root
        files = Array(repeating: nil, count: paths.count)
    }

    /// Opens the file of the event at `index` and reads it once; throws the
    /// ``PerfVError`` of a file that cannot be opened, read or parsed.
    func open(eventAt index: Int) throws {
        guard files[index] == nil else { return }
        let file = try SysfsCounterFile(path: paths[index], root: root)
        _ = try file.read()
        files[index] = file
    }

    /// One pread per event: the totals of the events at `indices`, scaled.
    func readTotals(of indices: UnsafeBufferPointer<Int>, into totals: UnsafeMutableBufferPointer<Int64>) throws {
        for (slot, index) in indices.enumerated() {
            // Wrapping: a delta of wrapped totals is still right.
            totals[slot] = try files[index]!.read() &* scales[index]
        }
    }
}
