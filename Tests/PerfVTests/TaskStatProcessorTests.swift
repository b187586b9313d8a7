import Testing
@testable import PerfV

@Suite("TaskStatProcessor")
struct TaskStatProcessorTests {
    static func parse(_ text: String) throws -> Int32 {
        var text = text
        return try text.withUTF8 { try TaskStatProcessor.parse(UnsafeRawBufferPointer($0), path: "stat") }
    }

    @Test func readsField39AfterACommandNameWithBlanksAndParentheses() throws {
        let fields = (4...52).map { $0 == 39 ? "7" : $0 == 18 ? "-2" : "\($0)" }.joined(separator: " ")
        #expect(try Self.parse("1234 (a b) c)) R \(fields)\n") == 7)
    }

    @Test func aLineThatEndsBeforeField39IsMalformed() {
        #expect(throws: PerfVError.self) { try Self.parse("1 (x) S 1 2 3\n") }
        #expect(throws: PerfVError.self) { try Self.parse("no name at all\n") }
    }

    @Test func theCallingThreadsOwnStatNamesItsCPU() throws {
        let bytes = try SystemRoot.live.readBytes("/proc/thread-self/stat", limit: 1023)
        let cpu = try bytes.withUnsafeBytes { try TaskStatProcessor.parse($0, path: "/proc/thread-self/stat") }
        #expect(cpu >= 0)
    }
}
