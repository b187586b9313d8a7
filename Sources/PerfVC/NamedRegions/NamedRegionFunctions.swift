import CPerfV
import PerfV
#if canImport(Glibc)
import Glibc
#endif

// perfv_init_named, perfv_region_begin_named, perfv_region_end_named, perfv_flush:
// PerfV's NamedRegions behind the C entry, the name passed as bytes (no String per call).

/// Runs `body` on the bytes of the C string `name`.
private func withName(_ name: UnsafePointer<CChar>?, _ body: (UnsafeRawBufferPointer) throws -> Void) -> Int32 {
    Entry.callInitialized {
        guard let name else { throw CallFailure.invalidArgument("name is NULL") }
        try body(UnsafeRawBufferPointer(start: name, count: strlen(name)))
    }
}

@c @implementation
public func perfv_init_named(_ header_version: Int32, _ events_variable: UnsafePointer<CChar>?,
                             _ output_directory_variable: UnsafePointer<CChar>?) -> Int32 {
    Entry.call {
        try initializeLibrary(header: header_version, namedRegionVariables: (
            events: events_variable.map { String(cString: $0) } ?? "PERFV_EVENTS",
            outputDirectory: output_directory_variable.map { String(cString: $0) } ?? "PERFV_OUTPUT_DIRECTORY"))
    }
}

@c @implementation
public func perfv_region_begin_named(_ name: UnsafePointer<CChar>?) -> Int32 {
    withName(name) { try NamedRegions.begin(utf8: $0) }
}

@c @implementation
public func perfv_region_end_named(_ name: UnsafePointer<CChar>?) -> Int32 {
    withName(name) { try NamedRegions.end(utf8: $0) }
}

@c @implementation
public func perfv_flush() -> Int32 {
    Entry.callInitialized { _ = try NamedRegions.flush() }
}
