import SystemCalls
import CLinux
import Testing
@testable import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway child of this process's cpu cgroup that one thread joins: the place
/// to impose a quota on a region. Removed by ``remove()`` once the thread has left.
final class ChildCPUCgroup {
    let parent: CgroupCPUController
    let group: CgroupCPUController

    /// Creates `<parent>/perfv-test-<pid>-<n>` with a weight above ordinary groups (so
    /// other builds on the machine hardly delay it) and no quota yet. When cgroups cannot
    /// be made here it cancels the test with the precise reason.
    init() throws {
        guard geteuid() == 0 else { try Test.cancel("creating a cgroup needs root (euid \(geteuid()))") }
        do {
            parent = try CgroupCPUController.locate(root: .live)
        } catch {
            try Test.cancel("no cgroup cpu controller to make a child in: \(error)")
        }
        group = CgroupCPUController(version: parent.version,
                                    directory: parent.directory + "/perfv-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard mkdir(group.directory, 0o755) == 0 else {
            let error = SystemCallError.lastError(of: "mkdir(\(group.directory))")
            try Test.cancel(error.errno == EROFS ? "the cgroup file system is read-only: \(error)" : "cannot make a cgroup: \(error)")
        }
        do {
            if parent.version == 1 {
                try write("262144", to: group.directory + "/cpu.shares")
            } else {
                try write("10000", to: group.directory + "/cpu.weight")
            }
        } catch {
            remove()
            throw error
        }
    }

    /// Limits the group to `quota` µs of CPU per `period` µs.
    func limit(quota: Int, period: Int) throws {
        if group.version == 1 {
            try write("\(period)", to: group.directory + "/cpu.cfs_period_us")
            try write("\(quota)", to: group.directory + "/cpu.cfs_quota_us")
        } else {
            try write("\(quota) \(period)", to: group.directory + "/cpu.max")
        }
    }

    /// Moves the calling thread in (v1 `tasks`; v2 makes the group threaded and writes
    /// `cgroup.threads`, as cgroup-v2.rst requires for one thread of a process).
    func join() throws {
        if group.version == 1 {
            try write("\(perfv_gettid())", to: group.directory + "/tasks")
        } else {
            try write("threaded", to: group.directory + "/cgroup.type")
            try write("\(perfv_gettid())", to: group.directory + "/cgroup.threads")
        }
    }

    /// Moves the calling thread back to the parent group.
    func leave() throws {
        try write("\(perfv_gettid())", to: parent.directory + (parent.version == 1 ? "/tasks" : "/cgroup.threads"))
    }

    /// Removes the group; it must be empty.
    func remove() {
        _ = rmdir(group.directory)
    }

    private func write(_ text: String, to path: String) throws {
        let file = try FileDescriptor(opening: path, O_WRONLY)
        var text = text
        _ = try text.withUTF8 { try file.write(UnsafeRawBufferPointer($0), atOffset: 0) }
    }
}
