import PerfV

extension RegionMeasurement {
    /// Two consecutive regions as one (the I/O write and read phases): every time
    /// and count is a delta, so they add; the CPUs are the first's begin and the
    /// second's end.
    func combined(with next: RegionMeasurement) -> RegionMeasurement {
        var names = counterNames
        var values = counterValues
        for (name, value) in zip(next.counterNames, next.counterValues) {
            if let index = names.firstIndex(of: name) { values[index] += value } else { names.append(name); values.append(value) }
        }
        return RegionMeasurement(
            wallNanoseconds: wallNanoseconds + next.wallNanoseconds,
            threadCPUNanoseconds: threadCPUNanoseconds + next.threadCPUNanoseconds,
            processCPUNanoseconds: processCPUNanoseconds + next.processCPUNanoseconds,
            runDelayNanoseconds: runDelayNanoseconds + next.runDelayNanoseconds,
            stealNanoseconds: stealNanoseconds + next.stealNanoseconds,
            cpuAtBegin: cpuAtBegin, cpuAtEnd: next.cpuAtEnd,
            adjustedWallNanoseconds: adjustedWallNanoseconds + next.adjustedWallNanoseconds,
            counterNames: names, counterValues: values,
            stealClamp: stealClamp ?? next.stealClamp,
            skippedReads: skippedReads.union(next.skippedReads))
    }

    /// The region's counters by qualified name, for a ``RunRecord``.
    var countersByName: [String: Int64] {
        Dictionary(zip(counterNames, counterValues), uniquingKeysWith: +)
    }
}
