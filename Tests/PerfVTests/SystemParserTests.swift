import Testing
@testable import PerfV

/// Bad kernel text gives `PerfVError.malformedFile` naming the file, never a
/// crash and never a silent zero.
@Suite("System: parsers reject bad /proc and /sys text")
struct SystemParserTests {
    static let huge = String(repeating: "garbage ", count: 10 * 1024 * 1024 / 8)
    static let hugeLine = String(repeating: "tsc ", count: 10 * 1024 * 1024 / 4)
    static let badInputs = ["", "\n", "   \n", "\u{0}\u{1}\u{2}", "12\u{0}34", "tsc\nhpet\n", huge, hugeLine]

    @Test("current_clocksource", arguments: badInputs)
    func currentClocksource(text: String) {
        #expect {
            try Clocksource.parse(current: text, available: "tsc kvm-clock\n")
        } throws: { isMalformed($0, path: Clocksource.currentPath) }
    }

    @Test("available_clocksource", arguments: badInputs)
    func availableClocksource(text: String) {
        #expect {
            try Clocksource.parse(current: "tsc\n", available: text)
        } throws: { isMalformed($0, path: Clocksource.availablePath) }
    }

    @Test("current_clocksource with two names")
    func twoCurrentClocksources() {
        #expect {
            try Clocksource.parse(current: "tsc hpet\n", available: "tsc hpet\n")
        } throws: { isMalformed($0, path: Clocksource.currentPath) }
    }

    @Test("clocksource files as the kernel writes them")
    func goodClocksource() throws {
        #expect(try Clocksource.parse(current: "tsc\n", available: "tsc kvm-clock \n")
            == Clocksource(current: "tsc", available: ["tsc", "kvm-clock"]))
    }

    @Test("perf_event_paranoid and topology ids", arguments: badInputs + ["two", "2 3", "99999999999999999999999", "0x2", "-"])
    func integerFile(text: String) {
        #expect {
            try KernelText.integer(text, path: PMUInfo.paranoidPath)
        } throws: { isMalformed($0, path: PMUInfo.paranoidPath) }
    }

    @Test("integer files as the kernel writes them")
    func goodIntegers() throws {
        #expect(try KernelText.integer("2\n", path: PMUInfo.paranoidPath) == 2)
        #expect(try KernelText.integer("-1\n", path: PMUInfo.paranoidPath) == -1)
        #expect(try KernelText.integer("4", path: PMUInfo.paranoidPath) == 4)
    }

    @Test("CPU lists", arguments: badInputs + ["0-", "-3", "3-1", "0,,2", "a-b", "0-99999999", "1 2"])
    func cpuList(text: String) {
        #expect {
            try CPUList.parse(text, path: "/sys/devices/system/cpu/online")
        } throws: { isMalformed($0, path: "/sys/devices/system/cpu/online") }
    }

    @Test("CPU lists as the kernel writes them")
    func goodCPULists() throws {
        #expect(try CPUList.parse("0-1\n", path: "online") == [0, 1])
        #expect(try CPUList.parse("0-3,8,10-11\n", path: "online") == [0, 1, 2, 3, 8, 10, 11])
        #expect(try CPUList.parse("\n", path: "cpulist", allowEmpty: true) == [])
    }

    @Test("/proc/cpuinfo", arguments: [
        "", "\n\n", "\u{0}\u{0}", "processor : 0\n", "flags : fpu\n",
        "processor : zero\nflags : fpu\n", "physical id : 0\nprocessor : 0\nflags : fpu\n",
        "processor : 0\ngarbage without colon\nflags : fpu\n", huge,
        "processor : 0\nflags : " + hugeLine,
    ])
    func procCPUInfo(text: String) {
        #expect {
            try ProcCPUInfo.parse(text)
        } throws: { isMalformed($0, path: ProcCPUInfo.path) }
    }

    @Test("a truncated /proc/cpuinfo keeps what it has only when it is whole")
    func truncatedCPUInfo() throws {
        let whole = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu tsc constant_tsc\n\n"
        let info = try ProcCPUInfo.parse(whole)
        #expect(info.processors.count == 1)
        #expect(info.flags.contains("constant_tsc"))
        // Cut before the flags line: no flags to report, so an error rather than an empty set.
        let cut = String(whole.prefix(30))
        #expect { try ProcCPUInfo.parse(cut) } throws: { isMalformed($0, path: ProcCPUInfo.path) }
    }

    @Test("SystemRoot.readText stops after limit + 1 bytes of a large file")
    func boundedRead() throws {
        let fixture = try FixtureRoot()
        try fixture.write("/proc/cpuinfo", SystemParserTests.huge)
        let text = try fixture.root.readText("/proc/cpuinfo", limit: ProcCPUInfo.sizeLimit)
        #expect(text.utf8.count == ProcCPUInfo.sizeLimit + 1)
        #expect { try ProcCPUInfo.read(root: fixture.root) } throws: { isMalformed($0, path: ProcCPUInfo.path) }
    }
}
