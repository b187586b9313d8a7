import Testing
@testable import PerfV

/// `throttle::` on the atlas entries that have cgroup files, and its parsers on
/// malformed content: every failure is a typed error naming the file.
@Suite("Counters: throttle component on fixtures")
struct ComponentThrottleFixtureTests {
    static func entry(_ name: String) -> SystemRoot {
        SystemRoot(prefix: SystemEnvironmentAtlasTests.atlasDirectory + "/" + name)
    }

    /// The totals the component reads now, in `events` order.
    static func totals(_ component: ThrottleComponent) throws -> [Int64] {
        let indices = Array(component.events.indices)
        var totals = [Int64](repeating: -1, count: indices.count)
        try indices.withUnsafeBufferPointer { indices in
            try totals.withUnsafeMutableBufferPointer { try component.readTotals(of: indices, into: $0) }
        }
        return totals
    }

    @Test("docker on cgroup v2 with --cpus=1.5: the namespace root's cpu.stat, µs turned into ns")
    func dockerV2Quota() throws {
        let component = ThrottleComponent(root: Self.entry("docker-in-kvm-cgroup-v2-quota"))
        #expect(component.status == .enabled)
        #expect(component.controller == CgroupCPUController(version: 2, directory: "/sys/fs/cgroup"))
        #expect(component.quota?.cpus == 1.5)
        #expect(component.events.map(\.qualifiedName) == ["throttle::throttled_ns", "throttle::nr_throttled", "throttle::nr_periods"])
        #expect(try Self.totals(component) == [8_734_120_000, 312, 4120])
    }

    @Test("a Kubernetes pod on cgroup v1 without a cgroup namespace: the host path is absent, the mount is the pod's group")
    func kubernetesV1() throws {
        let component = ThrottleComponent(root: Self.entry("kubernetes-pod-in-kvm-cgroup-v1"))
        #expect(component.status == .enabled)
        #expect(component.controller == CgroupCPUController(version: 1, directory: "/sys/fs/cgroup/cpu,cpuacct"))
        #expect(component.quota?.cpus == 2.0)
        #expect(try Self.totals(component) == [21_873_400_512, 407, 5821])
    }

    @Test("a group without a quota is enabled and says throttling cannot happen")
    func noQuota() throws {
        let component = ThrottleComponent(root: Self.entry("podman-in-kvm-cgroup-v2"))
        #expect(component.status == .enabled)
        #expect(component.quota?.limitMicroseconds == nil)
        #expect(component.summary.contains("no CPU quota: throttling by this group cannot happen"))
        #expect(try Self.totals(component) == [0, 0, 0])
    }

    @Test("an entry without a cpu controller or without cpu.stat is disabled with the reason")
    func disabled() throws {
        let none = ThrottleComponent(root: Self.entry("xen-pv"))
        guard case let .disabled(reason) = none.status else { Issue.record("xen-pv has no cpu.stat"); return }
        #expect(reason.contains("/proc/self/cgroup"), "\(reason)")
        #expect(none.events.isEmpty)

        let bare = try FixtureRoot()
        guard case let .disabled(noController) = ThrottleComponent(root: bare.root).status else {
            Issue.record("an empty root has no cpu controller"); return
        }
        #expect(noController.contains("neither cgroup.controllers (v2) nor a cpu or cpu,cpuacct hierarchy (v1)"))

        let withoutCPU = try FixtureRoot()
        try withoutCPU.write("/sys/fs/cgroup/cgroup.controllers", "memory pids\n")
        try withoutCPU.write("/proc/self/cgroup", "0::/\n")
        guard case let .disabled(notListed) = ThrottleComponent(root: withoutCPU.root).status else {
            Issue.record("cgroup.controllers without cpu"); return
        }
        #expect(notListed.contains("does not list cpu (it lists memory pids)"))
    }

    @Test("the process's group is found from /proc/self/cgroup: 0::<path> on v2, the cpu line on v1")
    func groupPaths() throws {
        #expect(try CgroupCPUController.groupPath(in: "0::/user.slice/app.scope\n", version: 2) == "/user.slice/app.scope")
        let v1 = "9:name=systemd:/\n2:cpuacct:/a\n1:cpu:/b/c\n0::/\n"
        #expect(try CgroupCPUController.groupPath(in: v1, version: 1) == "/b/c")
        #expect(try CgroupCPUController.groupPath(in: "3:cpu,cpuacct:/k\n", version: 1) == "/k")
        #expect(throws: PerfVError.self) { try CgroupCPUController.groupPath(in: "2:cpuacct:/a\n", version: 1) }
        #expect { try CgroupCPUController.groupPath(in: "garbage\n", version: 2) } throws: {
            isMalformed($0, path: CgroupCPUController.processCgroupPath)
        }

        let nested = try FixtureRoot()
        try nested.write("/sys/fs/cgroup/cgroup.controllers", "cpu memory\n")
        try nested.write("/sys/fs/cgroup/app/cgroup.controllers", "cpu\n")
        try nested.write("/proc/self/cgroup", "0::/app\n")
        #expect(try CgroupCPUController.locate(root: nested.root) == CgroupCPUController(version: 2, directory: "/sys/fs/cgroup/app"))
    }

    @Test("malformed cpu.stat, cpu.max and quota files are typed errors naming the file")
    func malformed() throws {
        let path = "/sys/fs/cgroup/cpu.stat"
        let cases = [
            "",                                                  // empty
            "nr_periods 1\nnr_throttled 1\n",                    // no throttled_usec
            "nr_periods 1\nnr_throttled x\nthrottled_usec 5\n",  // not a number
            "nr_periods 1\nnr_throttled -1\nthrottled_usec 5\n", // negative
            "nr_periods 1\nnr_periods 2\nnr_throttled 1\nthrottled_usec 5\n", // twice
            "nr_periods 1\nnr_throttled 1\nthrottled_usec 5",    // cut off
            "nr_periods 1 2\nnr_throttled 1\nthrottled_usec 5\n", // extra text
            "nr_periods 1\nnr_throttled 1\nthrottled_usec 99999999999999999\n", // µs overflow ns
        ]
        for text in cases {
            #expect { try CgroupCPUStat.parse(text, version: 2, path: path) } throws: { isMalformed($0, path: path) }
        }
        // v1 counts in ns under another key; v2's key does not count there.
        #expect { try CgroupCPUStat.parse("nr_periods 1\nnr_throttled 1\nthrottled_usec 5\n", version: 1, path: path) } throws: {
            isMalformed($0, path: path)
        }
        let longerKeys = "nr_periods_x 9\nnr_periods 3\nnr_throttled 2\nthrottled_time 7\nnr_bursts 0\nburst_time 0\n"
        #expect(try CgroupCPUStat.parse(longerKeys, version: 1, path: path)
                == CgroupCPUStat(periods: 3, throttledPeriods: 2, throttledNanoseconds: 7))

        let fixture = try FixtureRoot()
        try fixture.write("/sys/fs/cgroup/cgroup.controllers", "cpu\n")
        try fixture.write("/proc/self/cgroup", "0::/\n")
        try fixture.write("/sys/fs/cgroup/cpu.stat", "nr_periods 1\nnr_throttled one\nthrottled_usec 5\n")
        guard case let .disabled(reason) = ThrottleComponent(root: fixture.root).status else {
            Issue.record("a malformed cpu.stat must disable the component"); return
        }
        #expect(reason.contains("cannot parse \(path)") && reason.contains("nr_throttled"), "\(reason)")

        for text in ["0 100000\n", "max\n", "max 0\n"] {
            try fixture.write("/sys/fs/cgroup/cpu.max", text)
            #expect { try CgroupCPUQuota.read(directory: "/sys/fs/cgroup", version: 2, root: fixture.root) } throws: {
                isMalformed($0, path: "/sys/fs/cgroup/cpu.max")
            }
        }
        let v1 = try FixtureRoot()
        try v1.write("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "50000\n")
        try v1.write("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "0\n")
        #expect { try CgroupCPUQuota.read(directory: "/sys/fs/cgroup/cpu", version: 1, root: v1.root) } throws: {
            isMalformed($0, path: "/sys/fs/cgroup/cpu/cpu.cfs_period_us")
        }
    }
}
