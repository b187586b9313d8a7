#if canImport(Glibc)
import Glibc
#endif

/// What the named regions read from the environment once, at their first use in
/// the process: the counters, where the output goes, and this process's rank.
struct NamedRegionConfiguration: Sendable {
    /// The qualified names of the events every region counts; the invalid ones
    /// of the variable are left out (and named on stderr).
    let eventNames: [String]
    /// `<directory>/perfv_<run>`: the rank files go in here (``runName()``).
    let outputDirectory: String
    /// The MPI rank, named in the file name `rank_<NNNNNN>.json`.
    let rank: Int

    /// The variables an MPI launcher sets to the rank, in the order PAPI-HL reads them.
    static let rankVariables = ["OMPI_COMM_WORLD_RANK", "PMI_RANK", "SLURM_PROCID"]

    /// Reads `eventsVariable` (comma-separated event names) and
    /// `outputDirectoryVariable` (default: the current directory).
    static func fromEnvironment(eventsVariable: String, outputDirectoryVariable: String) -> NamedRegionConfiguration {
        let requested = (environment(eventsVariable) ?? "").split(separator: ",")
            .map { String($0.filter { $0 != " " }) }
            .filter { !$0.isEmpty }
        let base = environment(outputDirectoryVariable).flatMap { $0.isEmpty ? nil : $0 } ?? "."
        let rank = rankVariables.lazy.compactMap { environment($0).flatMap { Int($0) } }.first ?? 0
        return NamedRegionConfiguration(
            eventNames: validEvents(requested, variable: eventsVariable),
            outputDirectory: base + "/perfv_" + runName(),
            rank: rank)
    }

    /// The events of `requested` this machine can count, qualified; each invalid
    /// one is named on stderr, once, since this runs once per process.
    private static func validEvents(_ requested: [String], variable: String) -> [String] {
        var valid: [String] = []
        for name in requested {
            do {
                valid += try EventSet(events: valid + [name]).eventNames.suffix(1)
            } catch {
                fputs("perfv: \(variable): ignoring event \"\(name)\": \(error); named regions are timed without it\n", stderr)
            }
        }
        return valid
    }

    /// What every rank of one run shares: the Slurm job and step, else the PMIx
    /// namespace (Open MPI's mpirun), else the local time to the second. Ranks
    /// start at different seconds, so the time alone split a job's rank files.
    static func runName(environment lookup: (String) -> String? = environment) -> String {
        if let job = lookup("SLURM_JOB_ID").flatMap(safeName) {
            return "slurm-" + job + (lookup("SLURM_STEP_ID").flatMap(safeName).map { "." + $0 } ?? "")
        }
        if let namespace = lookup("PMIX_NAMESPACE").flatMap(safeName) { return "pmix-" + namespace }
        return timestamp()
    }

    /// `value` with anything but letters, digits, '.', '-' and '_' replaced by '_',
    /// so it is one path component; nil when empty.
    private static func safeName(_ value: String) -> String? {
        guard !value.isEmpty else { return nil }
        return String(value.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Local time as YYYYMMDD-HHMMSS, the directory's `<time>`.
    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var text = [CChar](repeating: 0, count: 32)
        let count = strftime(&text, text.count, "%Y%m%d-%H%M%S", &parts)
        return String(decoding: text.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
