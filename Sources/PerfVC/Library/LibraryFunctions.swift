import CPerfV

// perfv_init, perfv_shutdown and the version and error-text calls.

@c @implementation
public func perfv_init(_ header_version: Int32) -> Int32 {
    Entry.call {
        try LibraryVersion.checkCompatible(header: header_version)
        LibraryState.shared.initialize()
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
