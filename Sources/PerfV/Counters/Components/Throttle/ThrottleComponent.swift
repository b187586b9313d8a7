import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// CFS bandwidth throttling of the calling process's cgroup (`throttle::<event>`):
/// time its run queues were runnable but held back because the group had used its
/// CPU quota for the period, from the group's cpu.stat.
///
/// - `throttle::throttled_ns`: throttled time, summed over the group's per-CPU run
///   queues (so up to N × wall with threads on N CPUs), in ns (v2's µs × 1000).
/// - `throttle::nr_throttled`, `throttle::nr_periods`: periods throttled, and periods
///   with runnable tasks.
///
/// The kernel adds a throttled span to the total when the span ends (the next
/// period's refill), so a read while another thread of the group is throttled lacks
/// that span until then. The group's own thread cannot read while it is throttled.
///
/// Disabled, with the reason, where there is no cpu controller or its cpu.stat cannot
/// be read. A group without a quota is enabled (its counters stay at zero; an
/// ancestor's quota shows in the ancestor's cpu.stat) and says so in ``summary``.
/// Each read is one pread(2) of the kept-open cpu.stat into a stack buffer: no fopen,
/// no allocation, no lock, so event sets on several threads can share it.
public final class ThrottleComponent: CumulativeCounterComponent, @unchecked Sendable {
    public let name = "throttle"
    public let summary: String
    public let status: ComponentStatus
    public let events: [CounterEvent]
    /// The group read; nil when the component is disabled.
    public let controller: CgroupCPUController?
    /// The group's quota; nil when it has none or the component is disabled.
    public let quota: CgroupCPUQuota?

    /// The largest cpu.stat accepted (a 6.x v2 file is about 250 bytes).
    static let statLimit = 1024
    /// Only pread after init, which several threads may do at once.
    private let statFile: SharedFileDescriptor?

    /// The calling process's group under `root` (``SystemRoot/live`` for this machine).
    public convenience init(root: SystemRoot = .live) {
        do {
            self.init(controller: try CgroupCPUController.locate(root: root), root: root)
        } catch {
            self.init(disabledBy: error)
        }
    }

    /// The group `controller` names; reads its cpu.stat once to check it.
    public convenience init(controller: CgroupCPUController, root: SystemRoot = .live) {
        do {
            let quota = try CgroupCPUQuota.read(directory: controller.directory, version: controller.version, root: root)
            let file: SharedFileDescriptor
            do {
                file = SharedFileDescriptor(try FileDescriptor(opening: root.resolve(controller.statPath), O_RDONLY))
            } catch {
                throw PerfVError.systemCall(error)
            }
            _ = try Self.readStat(file, controller: controller)
            let limit = quota?.limitMicroseconds.map { "quota \($0) µs per \(quota!.periodMicroseconds) µs" }
            self.init(summary: "CFS bandwidth throttling of this process's cgroup (\(controller.statPath)); "
                          + (limit ?? "no CPU quota: throttling by this group cannot happen"),
                      status: .enabled, controller: controller, quota: quota, statFile: file)
        } catch {
            self.init(disabledBy: error)
        }
    }

    private convenience init(disabledBy error: Error) {
        self.init(summary: "CFS bandwidth throttling of this process's cgroup (cpu.stat)",
                  status: .disabled(reason: "\(error)"), controller: nil, quota: nil, statFile: nil)
    }

    private init(summary: String, status: ComponentStatus, controller: CgroupCPUController?, quota: CgroupCPUQuota?,
                 statFile: SharedFileDescriptor?) {
        self.summary = summary
        self.status = status
        self.controller = controller
        self.quota = quota
        self.statFile = statFile
        events = status.isEnabled ? ThrottleEvent.allCases.map { $0.event(component: "throttle") } : []
    }

    public func readTotals(of indices: UnsafeBufferPointer<Int>, into totals: UnsafeMutableBufferPointer<Int64>) throws {
        guard let statFile, let controller else {
            throw CounterError.componentDisabled(event: name, component: name, reason: "\(status)")
        }
        let stat = try Self.readStat(statFile, controller: controller)
        for (slot, index) in indices.enumerated() {
            totals[slot] = ThrottleEvent.allCases[index].total(in: stat)
        }
    }

    /// One pread of cpu.stat at offset 0 into a stack buffer, parsed in place.
    private static func readStat(_ file: SharedFileDescriptor, controller: CgroupCPUController) throws -> CgroupCPUStat {
        try withUnsafeTemporaryAllocation(byteCount: statLimit + 1, alignment: 1) { buffer in
            let count: Int
            do throws(SystemCallError) {
                count = try file.descriptor.read(into: buffer, atOffset: 0)
            } catch {
                throw PerfVError.systemCall(error.about(controller.statPath))
            }
            guard count <= statLimit else {
                throw PerfVError.malformedFile(path: controller.statPath, reason: "longer than \(statLimit) bytes")
            }
            return try CgroupCPUStat.parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]),
                                           version: controller.version, path: controller.statPath)
        }
    }
}
