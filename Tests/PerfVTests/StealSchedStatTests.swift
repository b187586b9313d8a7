import Foundation
import Testing
@testable import PerfV

/// The schedstat parser: three numbers on one line, and everything that is not.
@Suite("Steal: schedstat parser")
struct StealSchedStatTests {
    @Test func parsesThreeFields() throws {
        let stat = try SchedStat.parse("102834 91777 2\n")
        #expect(stat == SchedStat(onCPUNanoseconds: 102_834, runDelayNanoseconds: 91_777, timeslices: 2))
    }

    @Test func parsesThisThreadsFile() throws {
        let text = try String(contentsOfFile: "/proc/thread-self/schedstat", encoding: .utf8)
        let stat = try SchedStat.parse(text)
        #expect(stat.onCPUNanoseconds > 0)
        #expect(stat.timeslices > 0)
    }

    static func reason(_ text: String) -> String? {
        do {
            _ = try SchedStat.parse(text, path: "/test/schedstat")
            return nil
        } catch let PerfVError.malformedFile(path, reason) {
            return path == "/test/schedstat" ? reason : "wrong path \(path)"
        } catch {
            return "unexpected error \(error)"
        }
    }

    @Test func empty() {
        #expect(Self.reason("") == "the file is empty")
    }

    @Test func truncatedMidLine() {
        #expect(Self.reason("102834 917") == "found 2 of 3 values (on-CPU ns, run delay ns, timeslices); timeslices is missing")
    }

    @Test func truncatedAfterLastValue() {
        #expect(Self.reason("102834 91777 2") == "the line is cut off (no newline at its end)")
    }

    @Test func missingColumns() {
        #expect(Self.reason("102834\n") == "found 1 of 3 values (on-CPU ns, run delay ns, timeslices); run delay ns is missing")
    }

    @Test func extraColumns() throws {
        let reason = try #require(Self.reason("1 2 3 4\n"))
        #expect(reason.contains("unexpected text after the 3 values: '4'"))
    }

    @Test func extraLines() throws {
        let reason = try #require(Self.reason("1 2 3\n4 5 6\n"))
        #expect(reason.contains("unexpected text after the line"))
    }

    @Test func garbage() {
        #expect(Self.reason("garbage\n") == "on-CPU ns is not a decimal number: 'garbage'")
    }

    @Test func nonNumeric() {
        #expect(Self.reason("1 2x 3\n") == "run delay ns is not a decimal number: '2x'")
    }

    @Test func negative() {
        #expect(Self.reason("1 -2 3\n") == "run delay ns is negative: '-2'")
    }

    @Test func overflowing() {
        #expect(Self.reason("1 2 18446744073709551616\n") == "timeslices does not fit in 64 bits: '18446744073709551616'")
    }

    @Test func hugeContent() throws {
        let reason = try #require(Self.reason(String(repeating: "7", count: 6 << 20)))
        #expect(reason.hasPrefix("on-CPU ns does not fit in 64 bits"))
        #expect(reason.count < 200)
    }
}
