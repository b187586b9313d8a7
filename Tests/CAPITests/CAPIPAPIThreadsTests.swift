import Foundation
import Testing

extension CAPITests {
    /// A program that initialized PAPI itself, then uses PerfV on OpenMP workers
    /// and short-lived pthreads. PAPI crashes on a thread it has not registered,
    /// so this ran into a SIGSEGV inside libpapi before PerfV registered threads.
    @Suite("PAPI initialized by the program, PerfV on other threads")
    struct PAPIThreads {
        /// libpfm4's three states on any machine: no PMU, a PMU it is told to
        /// believe in, and whatever it makes of this CPU.
        static let libpfmStates: [String?] = ["bogus", "amd64_fam17h_zen2", nil]

        @Test("runs clean under every LIBPFM_FORCE_PMU state, and leaves no thread registered with PAPI",
              arguments: libpfmStates)
        func papiThenPerfVOnOtherThreads(forcedPMU: String?) throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileC(
                "Tests/CPrograms/papi_then_perfv_threads.c", flags: ["-fopenmp"], libraries: ["papi"], into: work)

            var environment = ProcessInfo.processInfo.environment
            environment["LIBPFM_FORCE_PMU"] = forcedPMU
            let run = try CAPITestSupport.run(program, [], environment: environment)
            let state = forcedPMU ?? "unset"
            try #require(run.status == 0, "LIBPFM_FORCE_PMU=\(state): exit \(run.status)\n\(run.output)\n\(run.error)")
            #expect(run.output.contains("openmp workers: ok"))
            #expect(run.output.contains("short-lived threads: ok"))
            // The main thread and at most the 3 OpenMP workers still alive; not the 200 exited threads.
            let line = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("threads still registered") })
            let registered = try #require(line.split(separator: " ").last.flatMap { Int($0) })
            #expect(registered <= 4, "LIBPFM_FORCE_PMU=\(state): \(registered) threads left registered")
        }
    }
}
