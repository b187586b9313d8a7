import CPerfV

// perfv_team_region_*: the fork-join regions of docs/steal-adjustment.md over
// PerfV's TeamRegion; each call takes its handle exclusively from the handle table.

/// Runs `body` on the team region `handle` names.
private func withTeamRegion(_ handle: perfv_team_region_t?, _ body: (TeamRegionBox) throws -> Void) -> Int32 {
    Entry.callInitialized {
        try LibraryState.shared.teamRegions.withObject(handle, body)
    }
}

@c @implementation
public func perfv_team_region_create(_ excluded: UnsafePointer<Int32>?, _ excludedCount: Int32,
                                     _ region: UnsafeMutablePointer<perfv_team_region_t?>?) -> Int32 {
    Entry.callInitialized {
        guard let region else { throw CallFailure.invalidArgument("region is NULL") }
        guard excludedCount >= 0 else { throw CallFailure.invalidArgument("excluded_count \(excludedCount) is negative") }
        guard excluded != nil || excludedCount == 0 else {
            throw CallFailure.invalidArgument("excluded is NULL but excluded_count is \(excludedCount)")
        }
        let threadIDs = Set(UnsafeBufferPointer(start: excluded, count: Int(excludedCount)))
        region.pointee = try LibraryState.shared.create(in: LibraryState.shared.teamRegions) {
            try TeamRegionBox(excluding: threadIDs)
        }.pointer
    }
}

@c @implementation
public func perfv_team_region_begin(_ region: perfv_team_region_t?) -> Int32 {
    withTeamRegion(region) { try $0.begin() }
}

@c @implementation
public func perfv_team_region_end(_ region: perfv_team_region_t?,
                                  _ measurement: UnsafeMutablePointer<perfv_team_measurement_t>?) -> Int32 {
    withTeamRegion(region) { box in
        // Refuse before ending, so the region stays begun and the caller can retry.
        guard let measurement else { throw CallFailure.invalidArgument("measurement is NULL") }
        measurement.pointee = try box.end()
    }
}

@c @implementation
public func perfv_team_region_threads(_ region: perfv_team_region_t?, _ threads: UnsafeMutablePointer<perfv_team_thread_t>?,
                                      _ capacity: Int32, _ count: UnsafeMutablePointer<Int32>?) -> Int32 {
    withTeamRegion(region) { box in
        let measured = try box.lastThreads()
        count?.pointee = Int32(measured.count)
        let output = try CValuesOutput.buffer(threads, capacity: capacity, needed: measured.count, argument: "threads")
        for (index, thread) in measured.enumerated() { output[index] = thread }
    }
}

@c @implementation
public func perfv_team_region_destroy(_ region: perfv_team_region_t?) -> Int32 {
    Entry.callInitialized {
        try LibraryState.shared.teamRegions.remove(region)
    }
}
