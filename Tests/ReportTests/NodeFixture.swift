import Foundation

/// A node laid out like `/` for the `monitor` and `job` commands' `--root`: /proc/stat
/// (the kernel's cpu lines, steal as value 8, and ctxt), Cpus_allowed_list in
/// /proc/self/status, and the clocksource; no cgroup and no /proc/schedstat, so the
/// commands must say those are unavailable.
final class NodeFixture {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init(allowedCPUs: String = "1-2") throws {
        directory = try TemporaryDirectory()
        try setSteal([0, 0, 0, 0], contextSwitches: 100)
        try write("/proc/self/status", "Name:\tslurmstepd\nCpus_allowed_list:\t\(allowedCPUs)\n")
        try write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc\n")
        try write("/sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc kvm-clock\n")
    }

    /// Rewrites /proc/stat with `steal` ticks per CPU.
    func setSteal(_ steal: [Int64], contextSwitches: Int64) throws {
        var text = "cpu  100 0 50 1000 0 0 0 \(steal.reduce(0, +)) 0 0\n"
        for (cpu, ticks) in steal.enumerated() { text += "cpu\(cpu) 25 0 12 250 0 0 0 \(ticks) 0 0\n" }
        try write("/proc/stat", text + "intr 1 0\nctxt \(contextSwitches)\nbtime 1700000000\n")
    }

    func write(_ file: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
