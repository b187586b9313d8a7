import CPerfV

// perfv_eventset_*: each call takes its handle's event set exclusively from the
// handle table; read allocates nothing.

/// Runs `body` on the event set `handle` names.
private func withEventSet(_ handle: perfv_eventset_t?, _ body: (EventSetBox) throws -> Void) -> Int32 {
    Entry.callInitialized {
        try LibraryState.shared.eventSets.withObject(handle, body)
    }
}

@c @implementation
public func perfv_eventset_create(_ eventset: UnsafeMutablePointer<perfv_eventset_t?>?) -> Int32 {
    Entry.callInitialized {
        guard let eventset else { throw CallFailure.invalidArgument("eventset is NULL") }
        eventset.pointee = try LibraryState.shared.create(in: LibraryState.shared.eventSets) { EventSetBox() }.pointer
    }
}

@c @implementation
public func perfv_eventset_add(_ eventset: perfv_eventset_t?, _ event: UnsafePointer<CChar>?) -> Int32 {
    withEventSet(eventset) { box in
        try box.add(CStringOutput.read(event, argument: "event"))
    }
}

@c @implementation
public func perfv_eventset_count(_ eventset: perfv_eventset_t?, _ count: UnsafeMutablePointer<Int32>?) -> Int32 {
    withEventSet(eventset) { box in
        try CValuesOutput.store(Int32(box.names.count), to: count, argument: "count")
    }
}

@c @implementation
public func perfv_eventset_event_name(_ eventset: perfv_eventset_t?, _ index: Int32,
                                      _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                      _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    withEventSet(eventset) { box in
        let names = box.eventSet?.eventNames ?? []
        guard index >= 0, Int(index) < names.count else {
            throw CallFailure.invalidArgument("event index \(index) is out of range; the set has \(names.count) events")
        }
        try CStringOutput.write(names[Int(index)], to: buffer, capacity: capacity, length: length)
    }
}

@c @implementation
public func perfv_eventset_start(_ eventset: perfv_eventset_t?) -> Int32 {
    withEventSet(eventset) { try $0.start() }
}

@c @implementation
public func perfv_eventset_read(_ eventset: perfv_eventset_t?, _ values: UnsafeMutablePointer<Int64>?,
                                _ capacity: Int32) -> Int32 {
    withEventSet(eventset) { box in
        try box.read(into: CValuesOutput.buffer(values, capacity: capacity, needed: box.names.count))
    }
}

@c @implementation
public func perfv_eventset_stop(_ eventset: perfv_eventset_t?, _ values: UnsafeMutablePointer<Int64>?,
                                _ capacity: Int32) -> Int32 {
    withEventSet(eventset) { box in
        // Check the caller's array before stopping, so a bad array leaves the set running.
        let output = values == nil ? nil : try CValuesOutput.buffer(values, capacity: capacity, needed: box.names.count)
        try box.stop()
        if let output { try box.read(into: output) }
    }
}

@c @implementation
public func perfv_eventset_reset(_ eventset: perfv_eventset_t?) -> Int32 {
    withEventSet(eventset) { try $0.reset() }
}

@c @implementation
public func perfv_eventset_destroy(_ eventset: perfv_eventset_t?) -> Int32 {
    Entry.callInitialized {
        try LibraryState.shared.eventSets.remove(eventset)
    }
}
