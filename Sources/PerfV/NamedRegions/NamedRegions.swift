#if canImport(Glibc)
import Glibc
#endif

/// Regions identified by name, like PAPI-HL's and LIKWID's markers: begin and
/// end by name on any thread, nest them, and get a summary per name and thread
/// written at exit.
///
/// ```swift
/// import PerfV
///
/// NamedRegions.writeAtExit()
/// try NamedRegions.begin("solve")
/// try NamedRegions.begin("assemble")   // nested: its parent is "solve"
/// assemble()
/// try NamedRegions.end("assemble")
/// try NamedRegions.end("solve")
/// ```
///
/// **Output.** ``flush()`` (and the exit handler ``writeAtExit()`` installs) writes
/// `$PERFV_OUTPUT_DIRECTORY/perfv_<run>/rank_<NNNNNN>.json` in the layout of
/// PAPI-HL's output (docs/c-api.md, "Named regions"): per thread and region the
/// call count, raw and adjusted totals with their per-call minimum, median and
/// maximum, steal, run delay and the counters of `PERFV_EVENTS` (comma-separated
/// event names; invalid ones are named on stderr once and left out). The rank
/// comes from `OMPI_COMM_WORLD_RANK`, `PMI_RANK` or `SLURM_PROCID`, else 0.
///
/// **Cost.** Each call is a ``Region`` begin or end (one per nesting level and
/// thread, created on first use) plus a name lookup among the thread's regions.
/// Per-thread state is found through a pthread key; no lock is shared between
/// threads, and a thread allocates only when its tables grow.
public enum NamedRegions {
    /// The longest name, in UTF-8 bytes.
    public static let maximumNameLength = 255
    /// The most regions open at once on one thread.
    public static let maximumDepth = 64
    /// Per-call values each thread has room for before its buffer first grows.
    static let initialSampleCapacity = 4096

    /// Registers the exit handler when first read; a static let is initialized once.
    private static let exitHandler: Void = {
        atexit {
            do {
                if let path = try NamedRegions.flush() { fputs("perfv: named regions written to \(path)\n", stderr) }
            } catch {
                fputs("perfv: \(error)\n", stderr)
            }
        }
    }()

    /// Opens region `name` on the calling thread, inside the innermost open one.
    public static func begin(_ name: String) throws(NamedRegionError) {
        var name = name
        // withUTF8 rethrows untyped errors; Result carries the typed one through.
        try name.withUTF8 { bytes in Result { () throws(NamedRegionError) in try begin(utf8: UnsafeRawBufferPointer(bytes)) } }.get()
    }

    /// Closes region `name`, which must be the innermost open one on this thread.
    public static func end(_ name: String) throws(NamedRegionError) {
        var name = name
        try name.withUTF8 { bytes in Result { () throws(NamedRegionError) in try end(utf8: UnsafeRawBufferPointer(bytes)) } }.get()
    }

    /// ``begin(_:)`` for a name given as UTF-8 bytes (a C string).
    package static func begin(utf8 name: UnsafeRawBufferPointer) throws(NamedRegionError) {
        try checkName(name)
        try NamedRegionRegistry.shared.current().begin(name)
    }

    /// ``end(_:)`` for a name given as UTF-8 bytes (a C string).
    package static func end(utf8 name: UnsafeRawBufferPointer) throws(NamedRegionError) {
        try checkName(name)
        try NamedRegionRegistry.shared.current().end(name)
    }

    /// Reads the events and output directory from these variables instead of
    /// `PERFV_EVENTS` and `PERFV_OUTPUT_DIRECTORY` (the PAPI-HL header passes
    /// `PAPI_EVENTS`, `PAPI_OUTPUT_DIRECTORY`). Returns false, changing nothing,
    /// once a named region has begun in this process.
    @discardableResult
    public static func useEnvironment(eventsVariable: String, outputDirectoryVariable: String) -> Bool {
        NamedRegionRegistry.shared.useEnvironment(eventsVariable: eventsVariable,
                                                  outputDirectoryVariable: outputDirectoryVariable)
    }

    /// Writes every thread's completed calls so far to this rank's file and
    /// returns its path; nil (and no file) when no named region was used.
    /// Regions open meanwhile are not counted until they end. Call it again to
    /// rewrite the file with the calls since added.
    @discardableResult
    public static func flush() throws(NamedRegionError) -> String? {
        guard let report = NamedRegionRegistry.shared.report() else { return nil }
        let directory = NamedRegionRegistry.shared.configuration().outputDirectory
        do {
            return try NamedRegionOutput.write(report.json(), directory: directory, rank: report.rank)
        } catch {
            throw .output(error)
        }
    }

    /// Makes the process write its rank file when it exits (atexit); once, however
    /// often it is called.
    public static func writeAtExit() {
        exitHandler
    }

    private static func checkName(_ name: UnsafeRawBufferPointer) throws(NamedRegionError) {
        guard !name.isEmpty else { throw .emptyName }
        guard name.count <= maximumNameLength else { throw .nameTooLong(length: name.count, limit: maximumNameLength) }
    }
}
