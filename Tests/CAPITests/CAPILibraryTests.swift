import CPerfV
import Foundation
import Synchronization
import Testing

extension CAPITests {
    @Suite("library: version, init, shutdown, error text")
    struct Library {
        @Test("the library's version is the header's")
        func versionMatchesHeader() {
            #expect(perfv_library_version() == CAPITestSupport.PERFV_VERSION_NUMBER)
            #expect(String(cString: perfv_version_string())
                    == "\(PERFV_VERSION_MAJOR).\(PERFV_VERSION_MINOR).\(PERFV_VERSION_PATCH)")
        }

        @Test("perfv_init refuses an incompatible header version and says why")
        func incompatibleVersions() throws {
            let major = Int32(PERFV_VERSION_MAJOR), minor = Int32(PERFV_VERSION_MINOR)
            let newerMajor = ((major + 1) << 16) | (minor << 8)
            #expect(perfv_init(newerMajor) == PERFV_EVERSION)
            #expect(CAPITestSupport.lastError().contains("major versions differ"))

            let newerMinor = (major << 16) | ((minor + 1) << 8)
            #expect(perfv_init(newerMinor) == PERFV_EVERSION)
            #expect(CAPITestSupport.lastError().contains("newer than libperfv"))

            #expect(perfv_init(-1) == PERFV_EVERSION)
            #expect(perfv_init(0x7FFF_FFFF) == PERFV_EVERSION)

            // A different patch level is compatible.
            let otherPatch = (major << 16) | (minor << 8) | 0xFF
            #expect(perfv_init(otherPatch) == PERFV_OK)
            #expect(perfv_is_initialized() == 1)
        }

        @Test("perfv_init twice is harmless")
        func initTwice() throws {
            try CAPITestSupport.initialize()
            try CAPITestSupport.initialize()
            #expect(perfv_is_initialized() == 1)
        }

        @Test("every status code has its own text, named after its macro")
        func statusTexts() {
            let codes: [(Int32, String)] = [
                (PERFV_OK, "PERFV_OK"), (PERFV_EINVAL, "PERFV_EINVAL"), (PERFV_EVERSION, "PERFV_EVERSION"),
                (PERFV_ENOINIT, "PERFV_ENOINIT"), (PERFV_EHANDLE, "PERFV_EHANDLE"), (PERFV_EBUFFER, "PERFV_EBUFFER"),
                (PERFV_ENOEVENT, "PERFV_ENOEVENT"), (PERFV_EDISABLED, "PERFV_EDISABLED"), (PERFV_ESTATE, "PERFV_ESTATE"),
                (PERFV_ETHREAD, "PERFV_ETHREAD"), (PERFV_EBUSY, "PERFV_EBUSY"), (PERFV_ENOMEM, "PERFV_ENOMEM"),
                (PERFV_EPERM, "PERFV_EPERM"), (PERFV_ESYS, "PERFV_ESYS"), (PERFV_EPAPI, "PERFV_EPAPI"),
                (PERFV_EOTHER, "PERFV_EOTHER"),
            ]
            for (code, name) in codes {
                #expect(String(cString: perfv_strerror(code)).hasPrefix(name + ":"), "code \(code)")
            }
            #expect(Set(codes.map(\.0)).count == codes.count)
            #expect(String(cString: perfv_strerror(-999)) == "unknown PerfV status code")
            #expect(String(cString: perfv_strerror(42)) == "unknown PerfV status code")
        }

        @Test("the last error message belongs to the thread that failed")
        func lastErrorIsPerThread() throws {
            try CAPITestSupport.initialize()
            #expect(perfv_region_begin(nil) == PERFV_EHANDLE)
            let mine = CAPITestSupport.lastError()
            #expect(mine.contains("NULL"))

            let theirs = CAPITestSupport.onAnotherThread { () -> (String, String) in
                let before = String(cString: perfv_last_error_message())
                _ = perfv_eventset_create(nil)
                return (before, String(cString: perfv_last_error_message()))
            }
            #expect(theirs.0 == "", "a fresh thread has no message")
            #expect(theirs.1.contains("eventset is NULL"))
            #expect(CAPITestSupport.lastError() == mine, "another thread's failure left this thread's message alone")
        }

        @Test("a long message is cut at a character boundary, NUL-terminated")
        func longMessageIsCut() throws {
            try CAPITestSupport.initialize()
            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            defer { _ = perfv_eventset_destroy(eventSet) }
            let name = "perf::" + String(repeating: "é", count: 3000)
            #expect(perfv_eventset_add(eventSet, name) == PERFV_ENOEVENT)
            let message = CAPITestSupport.lastError()
            #expect(message.utf8.count <= 1023)
            #expect(message.contains("éé"))
            #expect(!message.contains("\u{FFFD}"), "no broken UTF-8 sequence at the cut")
        }

        @Test("shutdown releases every handle; old handles stay invalid after a new init")
        func shutdownInvalidatesHandles() throws {
            try CAPITestSupport.initialize()
            var region: perfv_region_t?
            var eventSet: perfv_eventset_t?
            try #require(perfv_region_create("before-shutdown", nil, &region) == PERFV_OK)
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)

            #expect(perfv_shutdown() == PERFV_OK)
            #expect(perfv_is_initialized() == 0)
            var measurement = perfv_measurement_t()
            #expect(perfv_region_begin(region) == PERFV_ENOINIT)
            #expect(perfv_region_end(region, &measurement) == PERFV_ENOINIT)
            #expect(perfv_eventset_start(eventSet) == PERFV_ENOINIT)
            #expect(perfv_eventset_create(&eventSet) == PERFV_ENOINIT)
            var present: Int32 = -1
            #expect(perfv_system_hypervisor_present(&present) == PERFV_ENOINIT)
            #expect(present == -1)
            var count: Int32 = -1
            #expect(perfv_component_count(&count) == PERFV_ENOINIT)
            #expect(perfv_shutdown() == PERFV_ENOINIT, "shutting down twice")
            #expect(CAPITestSupport.lastError().contains("perfv_init"))

            // Timers need no initialization.
            #expect(perfv_get_real_nsec() > 0)

            try CAPITestSupport.initialize()
            #expect(perfv_region_begin(region) == PERFV_EHANDLE)
            #expect(perfv_region_destroy(region) == PERFV_EHANDLE)
            #expect(perfv_eventset_destroy(eventSet) == PERFV_EHANDLE)
        }

        /// One thread creates regions while another shuts the library down and
        /// initializes it again. A create whose call spans a whole shutdown (and no
        /// complete init) must fail, or leave a handle the re-initialized library refuses.
        @Test("a handle created while another thread runs perfv_shutdown does not survive it")
        func createDuringShutdown() throws {
            try CAPITestSupport.initialize()
            let shutdownsStarted = Atomic<Int>(0), shutdownsDone = Atomic<Int>(0), initsDone = Atomic<Int>(0)
            let stop = Atomic<Bool>(false)
            let cycler = Thread {
                for _ in 0..<40 {
                    Thread.sleep(forTimeInterval: 0.002)
                    shutdownsStarted.add(1, ordering: .sequentiallyConsistent)
                    _ = perfv_shutdown()
                    shutdownsDone.add(1, ordering: .sequentiallyConsistent)
                    _ = perfv_init(CAPITestSupport.PERFV_VERSION_NUMBER)
                    initsDone.add(1, ordering: .sequentiallyConsistent)
                }
                stop.store(true, ordering: .sequentiallyConsistent)
            }
            cycler.start()
            var spanning: [perfv_region_t?] = []
            while !stop.load(ordering: .sequentiallyConsistent) {
                let started = shutdownsStarted.load(ordering: .sequentiallyConsistent)
                let inits = initsDone.load(ordering: .sequentiallyConsistent)
                var region: perfv_region_t?
                let status = perfv_region_create("racing", nil, &region)
                let spansShutdown = shutdownsDone.load(ordering: .sequentiallyConsistent) > started
                    && initsDone.load(ordering: .sequentiallyConsistent) == inits
                if status == PERFV_OK, spansShutdown { spanning.append(region) } else { _ = perfv_region_destroy(region) }
            }
            try CAPITestSupport.initialize()
            let survivors = spanning.filter { perfv_region_begin($0) != PERFV_EHANDLE }
            #expect(survivors.isEmpty, "\(survivors.count) of \(spanning.count) handles created across a shutdown survived it")
            for region in spanning { _ = perfv_region_destroy(region) }
        }
    }
}
