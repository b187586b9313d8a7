import CKernels
import CPerfV
import Foundation
import PerfV
import Testing

extension CAPITests {
    /// Builds the C and Fortran examples against the built libperfv.so, runs
    /// them, and checks what they print against PerfV measured in Swift here.
    @Suite("examples: C and Fortran programs linked against libperfv.so")
    struct Examples {
        /// The matrix size the examples are run with.
        static let n = 192

        @Test("the C example builds with cc, runs, and agrees with the Swift API")
        func cExample() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileC("examples/c/mmm_region.c", flags: ["-std=c11"], into: work)
            try checkExample(program: program, language: "C")
        }

        @Test("the Fortran example builds with gfortran, runs, and agrees with the Swift API")
        func fortranExample() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileFortran(
                file: CAPITestSupport.packageRoot.appendingPathComponent("examples/fortran/mmm_region.f90"), into: work)
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("perfv.mod").path))
            try checkExample(program: program, language: "Fortran")
        }

        @Test("the PAPI timer comparison builds against libpapi and reports both clocks")
        func timerComparison() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileC("examples/c/timer_compare.c", libraries: ["papi"], into: work)
            let run = try CAPITestSupport.run(program, [])
            try #require(run.status == 0, "timer_compare failed:\n\(run.output)\n\(run.error)")
            let values = Self.parse(run.output)

            for clock in ["real_nsec", "real_usec", "real_cyc", "virt_nsec", "virt_usec"] {
                for library in ["PAPI", "perfv"] {
                    let cost = values["\(library)_get_\(clock)"].flatMap { Double($0.replacingOccurrences(of: " ns", with: "")) }
                    #expect(cost.map { $0 > 0 } == true, "\(library)_get_\(clock): \(values["\(library)_get_\(clock)"] ?? "missing")")
                }
            }
            // PAPI's real time counts from 1970 (CLOCK_REALTIME), PerfV's from boot (CLOCK_MONOTONIC).
            let papiReal = try #require(values["PAPI_get_real_nsec_value"].flatMap { Int64($0) })
            let perfvReal = try #require(values["perfv_get_real_nsec_value"].flatMap { Int64($0) })
            let unixNow = Int64(Date().timeIntervalSince1970 * 1e9)
            #expect(abs(papiReal - unixNow) < 60_000_000_000, "PAPI real time is the Unix time")
            let sinceBoot = Clock.monotonic.nanoseconds()
            #expect(perfvReal > 0 && perfvReal <= sinceBoot, "PerfV real time is CLOCK_MONOTONIC")
        }

        /// Runs an example and compares its output with this machine's facts and
        /// with PerfV's own measurement of the same region.
        private func checkExample(program: String, language: String) throws {
            let run = try CAPITestSupport.run(program, [String(Self.n)])
            try #require(run.status == 0, "\(language) example failed:\n\(run.output)\n\(run.error)")
            let values = Self.parse(run.output)

            let system = SystemInfo.gather(measureClocks: false)
            #expect(values["hypervisor_present"] == (system.hypervisor.present ? "1" : "0"))
            #expect(values["hypervisor_vendor"] == (system.hypervisor.vendor ?? ""), "same hypervisor vendor")
            #expect(values["pmu_available"] == (system.pmu.available ? "1" : "0"))
            #expect(values["clocksource"] == system.clocksource.current)
            #expect(values["perfv_version"] == String(cString: perfv_version_string()))
            if !system.pmu.available {
                #expect(values["not_counted"]?.contains("PERFV_EDISABLED") == true)
            }

            // The program did the whole multiplication.
            #expect(values["n"] == String(Self.n))
            #expect(values["checksum"] == String(Self.expectedChecksum(n: Self.n)))

            let wall = try #require(values["wall_ns"].flatMap { Int64($0) })
            let adjusted = try #require(values["adjusted_ns"].flatMap { Int64($0) })
            let threadCPU = try #require(values["thread_cpu_ns"].flatMap { Int64($0) })
            let processCPU = try #require(values["process_cpu_ns"].flatMap { Int64($0) })
            let steal = try #require(values["steal_ns"].flatMap { Int64($0) })
            let runDelay = try #require(values["run_delay_ns"].flatMap { Int64($0) })
            let taskClock = try #require(values["task_clock_ns"].flatMap { Int64($0) })
            let tolerance: Int64 = 1_000_000

            #expect(wall > 0 && threadCPU > 0)
            #expect(adjusted <= wall, "adjusted \(adjusted) ≤ wall \(wall)")
            #expect(adjusted >= threadCPU)
            #expect(threadCPU <= wall + tolerance, "thread CPU \(threadCPU) ≤ wall \(wall)")
            #expect(processCPU <= wall * Int64(ProcessInfo.processInfo.activeProcessorCount) + tolerance)
            #expect(steal >= 0 && runDelay >= 0)
            #expect(adjusted == StealAdjustment.adjustedWallNanoseconds(
                wall: wall, threadCPU: threadCPU, runDelay: runDelay, steal: steal))
            // task-clock keeps the hypervisor's steal in, the thread CPU clock leaves it out: wall bounds it.
            #expect(taskClock > 0 && taskClock <= wall + tolerance)
            #expect(values["summary"]?.contains("steal-adjusted") == true)

            // PerfV in Swift, same machine, same amount of work: the CPU times agree
            // within a wide factor (catches unit and field mix-ups, not speed changes).
            let swift = try Self.swiftMeasurement(n: Self.n)
            #expect(swift.adjustedWallNanoseconds <= swift.wallNanoseconds)
            #expect(threadCPU < swift.threadCPUNanoseconds * 10 && swift.threadCPUNanoseconds < threadCPU * 10,
                    "\(language) \(threadCPU) ns vs Swift \(swift.threadCPUNanoseconds) ns")
        }

        /// PerfV's Swift measurement of an n × n MMM (the shared C kernel).
        static func swiftMeasurement(n: Int) throws -> RegionMeasurement {
            let size = UInt32(n)
            var a = [Double](repeating: 0, count: n * n)
            var b = a, c = a
            perfv_mmm_init(size, &a, &b, &c)
            return try Region.measure { perfv_mmm_naive(size, a, b, &c, 0, size) }.measurement
        }

        /// The examples' checksum, the sum of every element of A·B with
        /// A[i][j] = (i + 2j) mod 7 and B[i][j] = (3i + j) mod 5, computed as
        /// Σₖ (Σᵢ A[i][k]) (Σⱼ B[k][j]) — a different route to the same number.
        static func expectedChecksum(n: Int) -> Int64 {
            var total: Int64 = 0
            for k in 0..<n {
                let column = (0..<n).reduce(Int64(0)) { $0 + Int64(($1 + 2 * k) % 7) }
                let row = (0..<n).reduce(Int64(0)) { $0 + Int64((3 * k + $1) % 5) }
                total += column * row
            }
            return total
        }

        /// The "key: value" lines of an example's output.
        static func parse(_ output: String) -> [String: String] {
            var values: [String: String] = [:]
            for line in output.split(separator: "\n") {
                guard let colon = line.range(of: ": ") else { continue }
                values[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
                    .trimmingCharacters(in: .whitespaces)
            }
            return values
        }
    }
}
