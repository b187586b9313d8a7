import CPerfV

// perfv_region_*: each call takes its handle's region exclusively from the
// handle table. Begin and end convert only: PerfV's Region allocates nothing
// and opens nothing in them when it has no event set.

/// Runs `body` on the region `handle` names.
private func withRegion(_ handle: perfv_region_t?, _ body: (RegionBox) throws -> Void) -> Int32 {
    Entry.callInitialized {
        try LibraryState.shared.regions.withObject(handle, body)
    }
}

@c @implementation
public func perfv_region_create(_ name: UnsafePointer<CChar>?, _ eventset: perfv_eventset_t?,
                                _ region: UnsafeMutablePointer<perfv_region_t?>?) -> Int32 {
    perfv_region_create_with(name, eventset, 0, region)
}

@c @implementation
public func perfv_region_create_with(_ name: UnsafePointer<CChar>?, _ eventset: perfv_eventset_t?, _ flags: Int32,
                                     _ region: UnsafeMutablePointer<perfv_region_t?>?) -> Int32 {
    Entry.callInitialized {
        guard let region else { throw CallFailure.invalidArgument("region is NULL") }
        let label = try CStringOutput.read(name, argument: "name")
        var events: [String] = []
        if eventset != nil {
            events = try LibraryState.shared.eventSets.withObject(eventset) { $0.names }
            guard !events.isEmpty else {
                throw CallFailure.invalidArgument("the event set has no events; add some or pass NULL")
            }
        }
        region.pointee = try LibraryState.shared.create(in: LibraryState.shared.regions) {
            try RegionBox(name: label, events: events, flags: flags)
        }.pointer
    }
}

@c @implementation
public func perfv_region_begin(_ region: perfv_region_t?) -> Int32 {
    withRegion(region) { try $0.begin() }
}

@c @implementation
public func perfv_region_end(_ region: perfv_region_t?,
                             _ measurement: UnsafeMutablePointer<perfv_measurement_t>?) -> Int32 {
    withRegion(region) { box in
        // Refuse before ending, so the region stays begun and the caller can retry.
        guard let measurement else { throw CallFailure.invalidArgument("measurement is NULL") }
        measurement.pointee = try box.end()
    }
}

@c @implementation
public func perfv_region_counters(_ region: perfv_region_t?, _ values: UnsafeMutablePointer<Int64>?,
                                  _ capacity: Int32, _ count: UnsafeMutablePointer<Int32>?) -> Int32 {
    withRegion(region) { box in
        let counters = try box.lastCounterValues()
        count?.pointee = Int32(counters.count)
        let output = try CValuesOutput.buffer(values, capacity: capacity, needed: counters.count)
        for (index, value) in counters.enumerated() { output[index] = value }
    }
}

@c @implementation
public func perfv_region_skipped_reads(_ region: perfv_region_t?, _ skipped: UnsafeMutablePointer<Int32>?) -> Int32 {
    withRegion(region) { box in
        try CValuesOutput.store(try box.lastSkippedReads(), to: skipped, argument: "skipped")
    }
}

@c @implementation
public func perfv_region_name(_ region: perfv_region_t?, _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                              _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    withRegion(region) { box in
        try CStringOutput.write(box.name, to: buffer, capacity: capacity, length: length)
    }
}

@c @implementation
public func perfv_region_destroy(_ region: perfv_region_t?) -> Int32 {
    Entry.callInitialized {
        try LibraryState.shared.regions.remove(region)
    }
}
