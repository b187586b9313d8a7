import CPerfV
import PerfV

// perfv_init, perfv_shutdown and the version and error-text calls.

@c @implementation
public func perfv_init(_ header_version: Int32) -> Int32 {
    Entry.call { try initializeLibrary(header: header_version) }
}

/// perfv_init, and for perfv_init_named the variables the named regions read
/// their events and output directory from. Opens the library even when those
/// come too late (PERFV_ESTATE).
func initializeLibrary(header: Int32, namedRegionVariables: (events: String, outputDirectory: String)? = nil) throws {
    try LibraryVersion.checkCompatible(header: header)
    // Before opening: another thread may begin a named region as soon as the library is open.
    let accepted = namedRegionVariables.map {
        NamedRegions.useEnvironment(eventsVariable: $0.events, outputDirectoryVariable: $0.outputDirectory)
    } ?? true
    LibraryState.shared.initialize()
    NamedRegions.writeAtExit()
    guard accepted else {
        throw CallFailure.badState("a named region has already read its configuration; the variables are not read")
    }
}

@c @implementation
public func perfv_shutdown() -> Int32 {
    Entry.call { try LibraryState.shared.shutdown() }
}

@c @implementation
public func perfv_is_initialized() -> Int32 {
    LibraryState.shared.isInitialized ? 1 : 0
}

@c @implementation
public func perfv_library_version() -> Int32 {
    LibraryVersion.number
}

@c @implementation
public func perfv_version_string() -> UnsafePointer<CChar>? {
    LibraryVersion.cString
}

@c @implementation
public func perfv_strerror(_ status: Int32) -> UnsafePointer<CChar>? {
    StatusText.cString(StatusText.text(for: status))
}

@c @implementation
public func perfv_last_error_message() -> UnsafePointer<CChar>? {
    // Only when the thread's buffer cannot be allocated is there no message storage at all.
    guard let buffer = LastErrorMessage.buffer() else { return StatusText.cString("") }
    return UnsafePointer(buffer)
}
