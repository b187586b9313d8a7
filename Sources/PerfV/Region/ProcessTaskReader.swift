import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Reads every thread of the process: lists /proc/self/task, then reads each
/// thread's schedstat (``SchedStat``) and the CPU it last ran on (``TaskStatProcessor``).
///
/// Cost: the listing and the per-thread paths allocate, and each thread costs two
/// open + pread + close; threads come and go, so no descriptor is kept.
/// A thread that exits between the listing and its reads is left out.
final class ProcessTaskReader {
    static let taskDirectory = "/proc/self/task"

    /// Holds one schedstat or stat line (stat is ~300 bytes; the command name is at most 64).
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)

    deinit { buffer.deallocate() }

    /// A sample of every thread of the process but `excluded`, in thread-id order.
    func readTasks(excluding excluded: Set<Int32>) throws -> [TaskSample] {
        var samples: [TaskSample] = []
        for name in SystemRoot.live.directoryEntries(Self.taskDirectory) {
            guard let threadID = Int32(name), !excluded.contains(threadID) else { continue }
            let directory = "\(Self.taskDirectory)/\(name)"
            guard let schedStat = try read("\(directory)/schedstat", parse: SchedStat.parse),
                  let cpu = try read("\(directory)/stat", parse: TaskStatProcessor.parse)
            else { continue }
            samples.append(TaskSample(threadID: threadID, schedStat: schedStat, cpu: cpu))
        }
        return samples.sorted { $0.threadID < $1.threadID }
    }

    /// The parsed content of `path`, or `nil` when the thread is gone (ENOENT, ESRCH).
    private func read<Value>(
        _ path: String, parse: (UnsafeRawBufferPointer, String) throws -> Value
    ) throws -> Value? {
        let count: Int
        do {
            count = try FileDescriptor(opening: path, O_RDONLY).read(into: buffer, atOffset: 0)
        } catch where error.errno == ENOENT || error.errno == ESRCH {
            return nil
        } catch {
            throw PerfVError.systemCall(error)
        }
        guard count < buffer.count else {
            throw PerfVError.malformedFile(path: path, reason: "longer than \(buffer.count - 1) bytes")
        }
        return try parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]), path)
    }
}
