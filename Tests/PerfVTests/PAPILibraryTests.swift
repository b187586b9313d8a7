import Testing
@testable import PerfV

@Suite("PAPILibrary")
struct PAPILibraryTests {
    @Test("initializes once and reports the linked version")
    func initializesOnce() throws {
        let first = try PAPILibrary.shared()
        let second = try PAPILibrary.shared()
        #expect(first === second)
        let parts = first.version.split(separator: ".")
        #expect(parts.count == 4)
        #expect(Int(parts[0]).map { $0 >= 5 } == true, "PAPI major version \(first.version)")
    }

    @Test("initializes once when many threads ask at the same time")
    func concurrentInitialization() async throws {
        let identities = try await withThrowingTaskGroup(of: ObjectIdentifier.self) { group in
            for _ in 0..<16 { group.addTask { ObjectIdentifier(try PAPILibrary.shared()) } }
            return try await group.reduce(into: Set<ObjectIdentifier>()) { $0.insert($1) }
        }
        #expect(identities.count == 1)
    }

    @Test("version numbers format as major.minor.revision.increment")
    func versionFormatting() {
        #expect(PAPILibrary.versionString(0x0700_0000) == "7.0.0.0")
        #expect(PAPILibrary.versionString(0x0601_0203) == "6.1.2.3")
    }

    @Test("every disabled component says why")
    func disabledComponentsHaveReasons() throws {
        let papi = try PAPILibrary.shared()
        #expect(!papi.components.isEmpty)
        for component in papi.components {
            #expect(!component.name.isEmpty)
            if component.isEnabled {
                #expect(component.disabledReason == nil)
            } else {
                let reason = try #require(component.disabledReason, "\(component.name) disabled without a reason")
                #expect(!reason.isEmpty)
            }
        }
    }

    @Test("hardware description is filled in")
    func hardwareInfo() throws {
        let info = try PAPILibrary.shared().hardwareInfo
        #expect(info.totalCPUCount >= 1)
        #expect(!info.cpuVendor.isEmpty)
        #expect(info.virtualized == !info.vmVendor.isEmpty)
    }

    @Test("PAPI error codes carry PAPI_strerror text")
    func errorMessages() {
        #expect(PAPILibrary.errorMessage(-1).lowercased().contains("invalid"))
        let error = PerfVError.papi(call: "PAPI_library_init", code: -1, message: PAPILibrary.errorMessage(-1))
        #expect(error.description.contains("PAPI_library_init failed"))
    }
}
