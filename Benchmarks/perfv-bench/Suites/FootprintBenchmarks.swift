import Foundation

/// Comparison 8: what linking libperfv costs a C program, against linking libpapi:
/// the start time of an empty program, and the bytes of libperfv.so with the Swift
/// runtime it loads (what scripts/install-libperfv ships).
struct FootprintBenchmarks {
    let settings: BenchmarkSettings

    static let group = "8. Footprint of libperfv"
    static let perfvStart = "int main(void) { return 0; } linked with libperfv.so: posix_spawn to exit"
    static let baselineStart = "the same program linked with libpapi.so"
    static let perfvClosure = "libperfv.so + the libraries ldd resolves for it outside /lib and /usr/lib"
    static let baselineClosure = "the libraries the libpapi program loads beyond a plain C program's"
    /// The goals: start within 1.5 ms of PAPI's; at most 15 MB to install.
    static let startExcessTarget = Target.atMost(1_500_000, of: .difference)
    static let closureTarget = Target.atMost(15_000_000, of: .perfv)

    func rows() -> [BenchmarkRow] {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-bench-footprint-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let programs: (plain: EmptyCProgram, perfv: EmptyCProgram, papi: EmptyCProgram, library: String)
        do {
            let library = try settings.libperfv ?? Self.builtLibrary()
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            programs = (try EmptyCProgram(linking: nil, in: work),
                        try EmptyCProgram(linking: "perfv", searchPath: (library as NSString).deletingLastPathComponent, in: work),
                        try EmptyCProgram(linking: "papi", in: work), library)
        } catch {
            return [
                BenchmarkRow(unavailable: "footprint.c_start", group: Self.group, perfv: Self.perfvStart,
                             baseline: Self.baselineStart, target: Self.startExcessTarget, reason: "\(error)"),
                BenchmarkRow(unavailable: "footprint.installed_closure", group: Self.group, perfv: Self.perfvClosure,
                             baseline: Self.baselineClosure, unit: .bytes, target: Self.closureTarget, reason: "\(error)"),
            ]
        }
        return [startRow(perfv: programs.perfv, papi: programs.papi),
                closureRow(library: programs.library, plain: programs.plain, papi: programs.papi)]
    }

    /// libperfv.so beside this executable: `swift build` builds it there with perfv-bench.
    static func builtLibrary() throws -> String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent("libperfv.so").path
        guard FileManager.default.fileExists(atPath: library) else {
            throw BenchmarkError.unavailable("no libperfv.so beside perfv-bench: build it with `swift build -c release --product perfv`, "
                                             + "or pass --libperfv PREFIX/lib/libperfv.so after scripts/install-libperfv")
        }
        return library
    }

    /// Start time; each sample is the mean of a few runs, as one run takes a few ms.
    private func startRow(perfv: EmptyCProgram, papi: EmptyCProgram) -> BenchmarkRow {
        let runsPerSample = settings.quick ? 5 : 20
        do {
            // One run of each first, so neither side pays for reading its files from disk.
            _ = try ProgramRun.nanoseconds(perfv.path)
            _ = try ProgramRun.nanoseconds(papi.path)
            func sample(_ program: EmptyCProgram) throws -> Double {
                try (0..<runsPerSample).map { _ in try ProgramRun.nanoseconds(program.path) }.reduce(0, +) / Double(runsPerSample)
            }
            let samples = try SideBySide.measure(repetitions: settings.startRepetitions * 2, [
                { try sample(perfv) },
                { try sample(papi) },
            ])
            return try BenchmarkRow(
                name: "footprint.c_start", group: Self.group, perfv: Self.perfvStart, baseline: Self.baselineStart,
                samples: PairedSamples(perfv: samples[0], baseline: samples[1]), target: Self.startExcessTarget,
                note: "each sample is the mean of \(runsPerSample) runs; met compares the median per-repetition "
                    + "difference (perfv − baseline) with 1.5 ms")
        } catch {
            return BenchmarkRow(unavailable: "footprint.c_start", group: Self.group, perfv: Self.perfvStart,
                                baseline: Self.baselineStart, target: Self.startExcessTarget, reason: "\(error)")
        }
    }

    /// What must be shipped: libperfv.so and every library ldd resolves for it outside the
    /// distribution's directories (the Swift runtime, unless it was linked in statically).
    private func closureRow(library: String, plain: EmptyCProgram, papi: EmptyCProgram) -> BenchmarkRow {
        do {
            // ldd lists what a library loads, not the library itself.
            let runtime = try LoadedLibraries(of: library).paths.filter { !LoadedLibraries.isDistributions($0) }
            let perfvBytes = try ([library] + runtime).map(LoadedLibraries.fileBytes).reduce(0, +)
            let plainLibraries = Set(try LoadedLibraries(of: plain.path).paths)
            let papiBytes = try LoadedLibraries(of: papi.path).paths.filter { !plainLibraries.contains($0) }
                .map(LoadedLibraries.fileBytes).reduce(0, +)
            return try BenchmarkRow(
                name: "footprint.installed_closure", group: Self.group, perfv: Self.perfvClosure,
                baseline: Self.baselineClosure, unit: .bytes,
                samples: PairedSamples(perfv: [perfvBytes], baseline: [papiBytes]), target: Self.closureTarget,
                note: "sizes on disk, one sample; 15 MB = 15,000,000 bytes; shipped beside libperfv.so: "
                    + (runtime.isEmpty ? "nothing (the Swift runtime is linked in)"
                                       : runtime.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")))
        } catch {
            return BenchmarkRow(unavailable: "footprint.installed_closure", group: Self.group, perfv: Self.perfvClosure,
                                baseline: Self.baselineClosure, unit: .bytes, target: Self.closureTarget, reason: "\(error)")
        }
    }
}
