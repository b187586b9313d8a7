import CLinux
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The named regions of one thread: the open ones, and everything the thread's
/// completed calls recorded.
///
/// Only its own thread calls ``begin(_:)`` and ``end(_:)``; they allocate only
/// when a table grows (a new name, a deeper nesting level, more samples than the
/// capacity so far). ``record()`` runs on any thread: the `busy` flag keeps it
/// from reading while the owner appends, and is contended only during a flush.
final class NamedRegionThread: @unchecked Sendable {
    let threadID: Int32
    private let eventCount: Int
    private let configuration: NamedRegionConfiguration

    /// One ``Region`` per nesting level: a Region measures one interval at a time.
    private var levels: [Region] = []
    /// Table indices of the open regions, innermost last.
    private var open: [Int] = []
    private var table: [NamedRegionStats] = []
    /// eventCount totals per table entry, entry after entry.
    private var counterTotals: [Int64] = []
    private var samples: [NamedRegionSample] = []
    private let busy = Atomic<Bool>(false)

    private static let countersDropped = OneTimeWarning()

    init(configuration: NamedRegionConfiguration) {
        self.configuration = configuration
        threadID = perfv_gettid()
        eventCount = configuration.eventNames.count
        open.reserveCapacity(NamedRegions.maximumDepth)
        samples.reserveCapacity(NamedRegions.initialSampleCapacity)
    }

    func begin(_ name: UnsafeRawBufferPointer) throws(NamedRegionError) {
        let depth = open.count
        guard depth < NamedRegions.maximumDepth else { throw .nestingTooDeep(limit: NamedRegions.maximumDepth) }
        let entry = entryIndex(named: name, parent: innermost ?? -1)
        let region = try level(depth)
        do {
            try region.begin()
        } catch let error as CounterError where region.events != nil {
            // PAPI counts one event set per thread at a time, so nested levels may
            // refuse theirs: this level goes on timing without counters.
            Self.countersDropped.emit("named regions: \(error.description); nested regions are timed without counters")
            levels[depth] = try Self.makeRegion(events: [])
            do { try levels[depth].begin() } catch { throw NamedRegionError(wrapping: error) }
        } catch {
            throw NamedRegionError(wrapping: error)
        }
        open.append(entry)
    }

    func end(_ name: UnsafeRawBufferPointer) throws(NamedRegionError) {
        guard let entry = innermost else { throw .notBegun(name: String(decoding: name, as: UTF8.self)) }
        guard table[entry].hasName(name) else {
            throw .mismatchedNesting(ended: String(decoding: name, as: UTF8.self),
                                     innermost: String(decoding: table[entry].name, as: UTF8.self))
        }
        open.removeLast()
        let measurement: RegionMeasurement
        let region = levels[open.count]
        do { measurement = try region.end(copyingCounters: false) } catch { throw NamedRegionError(wrapping: error) }
        exclusively {
            samples.append(NamedRegionSample(region: Int32(entry), wallNanoseconds: measurement.wallNanoseconds,
                                             adjustedNanoseconds: measurement.adjustedWallNanoseconds))
            table[entry].stealNanoseconds += measurement.stealNanoseconds
            table[entry].runDelayNanoseconds += measurement.runDelayNanoseconds
            if measurement.skippedReads.contains(.runDelayAndSteal) { table[entry].waitingReadsSkipped += 1 }
            // A level that fell back to timing only has no values to add.
            let counters = region.lastCounterValues
            if counters.count == eventCount {
                for event in 0..<eventCount {
                    counterTotals[entry * eventCount + event] += counters[event]
                }
            }
        }
    }

    /// The table index of the innermost open region. Indexed, not `open.last`: the
    /// generic `last` allocates per call when unspecialized (debug builds).
    private var innermost: Int? {
        open.isEmpty ? nil : open[open.count - 1]
    }

    /// A copy of what the thread recorded, taken while the owner is not appending.
    func record() -> NamedRegionThreadRecord {
        exclusively {
            // Copied into fresh storage, so the owner's next append does not copy the shared buffer.
            NamedRegionThreadRecord(
                threadID: threadID,
                regions: table.withUnsafeBufferPointer { Array($0) },
                samples: samples.withUnsafeBufferPointer { Array($0) },
                counterTotals: counterTotals.withUnsafeBufferPointer { Array($0) })
        }
    }

    /// Closes the levels' files when the thread exits; the record stays for the output.
    func retire() {
        levels.removeAll()
    }

    /// The table index of `name` under `parent`, added on first use.
    private func entryIndex(named name: UnsafeRawBufferPointer, parent: Int) -> Int {
        // Linear: a thread has few distinct regions, and this compares no strings
        // unless parent and length match.
        for index in table.indices where table[index].parent == parent && table[index].hasName(name) {
            return index
        }
        exclusively {
            table.append(NamedRegionStats(name: Array(name), parent: parent))
            counterTotals.append(contentsOf: repeatElement(0, count: eventCount))
        }
        return table.count - 1
    }

    private func level(_ depth: Int) throws(NamedRegionError) -> Region {
        if depth == levels.count { levels.append(try Self.makeRegion(events: configuration.eventNames)) }
        return levels[depth]
    }

    /// A region for the calling thread counting `events`; when this thread cannot
    /// count them, a region that only times.
    private static func makeRegion(events: [String]) throws(NamedRegionError) -> Region {
        if !events.isEmpty {
            do {
                return try Region(events: EventSet(events: events))
            } catch {
                countersDropped.emit("named regions: \(error); regions are timed without counters")
            }
        }
        do { return try Region() } catch { throw NamedRegionError(wrapping: error) }
    }

    private func exclusively<Result>(_ body: () -> Result) -> Result {
        while !busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            sched_yield()
        }
        defer { busy.store(false, ordering: .releasing) }
        return body()
    }
}
