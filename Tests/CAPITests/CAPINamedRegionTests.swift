import Foundation
import Testing

extension CAPITests {
    /// Real programs using named regions — PerfV's own calls, a PAPI-HL code and a
    /// LIKWID code switched by their include and link lines, Fortran — run with
    /// an output directory; their rank files must have exact per-thread counts,
    /// the nesting, and adjusted ≤ raw everywhere.
    @Suite("Named regions: programs and their rank files")
    struct NamedRegions {
        /// The source at `path` with one include line replaced: the whole switch to PerfV.
        static func switchingInclude(_ path: String, from original: String, to replacement: String, in work: URL) throws -> URL {
            let text = try String(contentsOf: CAPITestSupport.packageRoot.appendingPathComponent(path), encoding: .utf8)
            try #require(text.contains("#include <\(original)>"))
            let switched = work.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
            try text.replacingOccurrences(of: "#include <\(original)>", with: "#include <\(replacement)>")
                .write(to: switched, atomically: true, encoding: .utf8)
            return switched
        }

        /// Runs `program` with `variables` added to the environment; requires exit 0 and "ok".
        static func runProgram(_ program: String, _ variables: [String: String]) throws -> (output: String, error: String) {
            let run = try CAPITestSupport.run(program, [], environment: ProcessInfo.processInfo.environment.merging(variables) { $1 })
            try #require(run.status == 0 && run.output.contains("ok"), "exit \(run.status)\n\(run.output)\n\(run.error)")
            return (run.output, run.error)
        }

        /// Every thread has `count` calls of `inner` nested in `count` of `outer`
        /// (per thread: `innerPerOuter` inner calls per outer call).
        static func checkThreads(_ file: NamedRegionRankFile, threads: Int, outer: String, inner: String,
                                 outerCalls: Int, innerPerOuter: Int, outerParent: (String) -> String? = { _ in nil }) {
            #expect(file.threads.count == threads, "threads: \(file.threads.keys.sorted())")
            for thread in file.threads.keys {
                let outerRegion = file.region(outer, under: outerParent(thread), thread: thread)
                #expect(outerRegion?.count == outerCalls, "thread \(thread): \(outer)")
                #expect(file.region(inner, under: outer, thread: thread)?.count == outerCalls * innerPerOuter,
                        "thread \(thread): \(inner) under \(outer)")
            }
            file.checkConsistency()
        }

        @Test("C + OpenMP: 4 threads, nested regions, misuse codes, invalid events named once")
        func openMP() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileC("Tests/CPrograms/named_regions_openmp.c", flags: ["-fopenmp"], into: work)
            let output = work.appendingPathComponent("out")
            let run = try Self.runProgram(program, [
                "PERFV_OUTPUT_DIRECTORY": output.path, "PERFV_EVENTS": "perf::task-clock,no-such-event",
            ])
            #expect(run.error.split(separator: "\n").filter { $0.contains("no-such-event") }.count == 1,
                    "named once on stderr:\n\(run.error)")

            let file = try NamedRegionRankFile(in: output)
            #expect(file.rank == 0)
            #expect(file.events == ["perf::task-clock"])
            let main = try #require(file.threads.first { $0.value.contains { $0.name == "solve" } }?.key)
            // The main thread is OpenMP's thread 0: its steps sit inside "solve".
            Self.checkThreads(file, threads: 4, outer: "step", inner: "kernel", outerCalls: 3, innerPerOuter: 5,
                              outerParent: { $0 == main ? "solve" : nil })
            #expect(file.region("solve", under: nil, thread: main)?.count == 1)
            #expect(file.region("setup", under: "solve", thread: main)?.count == 1, "the refused mismatched end closed nothing")
            for regions in file.threads.values {
                for region in regions { #expect(region.values["perf::task-clock"] != nil, "\(region.name)") }
            }
        }

        @Test("a PAPI-HL code builds against libpapi, and against PerfV with only its include and link line changed")
        func papiHighLevel() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let source = "Tests/CPrograms/papi_hl_openmp.c"
            // As written: a genuine PAPI-HL program.
            let papiBuild = work.appendingPathComponent("papi")
            try FileManager.default.createDirectory(at: papiBuild, withIntermediateDirectories: true)
            _ = try CAPITestSupport.compileC(source, flags: ["-fopenmp"], libraries: ["papi"], into: papiBuild)

            let program = try CAPITestSupport.compileC(
                file: Self.switchingInclude(source, from: "papi.h", to: "perfv_papi_hl.h", in: work),
                flags: ["-fopenmp"], into: work)
            let output = work.appendingPathComponent("papi output")
            _ = try Self.runProgram(program, ["PAPI_OUTPUT_DIRECTORY": output.path, "PAPI_EVENTS": "perf::task-clock"])
            let file = try NamedRegionRankFile(in: output)
            #expect(file.events == ["perf::task-clock"], "PAPI_EVENTS is honoured")
            Self.checkThreads(file, threads: 4, outer: "compute", inner: "reduce", outerCalls: 6, innerPerOuter: 1)
        }

        @Test("a LIKWID-marker code runs on PerfV with only its include and link line changed")
        func likwid() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let source = try Self.switchingInclude("Tests/CPrograms/likwid_openmp.c", from: "likwid-marker.h",
                                                   to: "perfv_likwid.h", in: work)
            let program = try CAPITestSupport.compileC(file: source, flags: ["-fopenmp", "-DLIKWID_PERFMON"], into: work)
            let output = work.appendingPathComponent("out")
            _ = try Self.runProgram(program, ["PERFV_OUTPUT_DIRECTORY": output.path])
            Self.checkThreads(try NamedRegionRankFile(in: output), threads: 4, outer: "update", inner: "copy",
                              outerCalls: 5, innerPerOuter: 1)

            // Without LIKWID_PERFMON the markers vanish, as LIKWID's do.
            let quiet = work.appendingPathComponent("quiet")
            try FileManager.default.createDirectory(at: quiet, withIntermediateDirectories: true)
            let unmarked = try CAPITestSupport.compileC(file: source, flags: ["-fopenmp"], into: quiet)
            _ = try Self.runProgram(unmarked, ["PERFV_OUTPUT_DIRECTORY": output.appendingPathComponent("none").path])
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("none").path))
        }

        @Test("Fortran: nested named regions, misuse codes, perfv_flush")
        func fortran() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileFortran(
                file: CAPITestSupport.packageRoot.appendingPathComponent("Tests/CPrograms/named_regions.f90"), into: work)
            let output = work.appendingPathComponent("out")
            _ = try Self.runProgram(program, ["PERFV_OUTPUT_DIRECTORY": output.path])
            let file = try NamedRegionRankFile(in: output)
            Self.checkThreads(file, threads: 1, outer: "step", inner: "kernel", outerCalls: 7, innerPerOuter: 1,
                              outerParent: { _ in "solve" })
            #expect(file.region("solve", under: nil, thread: try #require(file.threads.keys.first))?.count == 1)
        }

        @Test("MPI: two ranks each write their rank file with their own counts")
        func mpi() throws {
            let mpicc = try #require(CAPITestSupport.findProgram(["mpicc"]), "no mpicc: scripts/install-deps installs openmpi")
            let mpirun = try #require(CAPITestSupport.findProgram(["mpirun"]), "no mpirun")
            func showme(_ part: String) throws -> [String] {
                let run = try CAPITestSupport.run(mpicc, ["--showme:" + part])
                try #require(run.status == 0, "\(run.error)")
                return run.output.split(whereSeparator: \.isWhitespace).map(String.init)
            }
            // cc with mpicc's flags; the -l libraries go after the source, as the linker needs them.
            let link = try showme("link")
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileC(
                "Tests/CPrograms/named_regions_mpi.c", flags: try showme("compile") + link.filter { !$0.hasPrefix("-l") },
                libraries: link.filter { $0.hasPrefix("-l") }.map { String($0.dropFirst(2)) }, into: work)
            let output = work.appendingPathComponent("out")
            let run = try CAPITestSupport.run(
                mpirun, ["--allow-run-as-root", "--oversubscribe", "-np", "2", program],
                environment: ProcessInfo.processInfo.environment.merging(["PERFV_OUTPUT_DIRECTORY": output.path]) { $1 })
            try #require(run.status == 0 && run.output.contains("ok"), "exit \(run.status)\n\(run.output)\n\(run.error)")
            for rank in 0..<2 {
                let file = try NamedRegionRankFile(in: output, rank: rank)
                #expect(file.rank == rank)
                Self.checkThreads(file, threads: 1, outer: "iteration", inner: "allreduce", outerCalls: 4, innerPerOuter: 1)
            }
        }
    }
}
