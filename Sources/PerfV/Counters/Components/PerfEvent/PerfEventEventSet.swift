#if canImport(Glibc)
import Glibc
#endif
import CLinux
import SystemCalls

/// The perf_event counters of one ``EventSet``: a group of fds under one leader.
///
/// The first event opened leads the group; the others join it, so one
/// ioctl(2) starts, stops or resets them all and one read(2) of the leader
/// (PERF_FORMAT_GROUP) returns every value. The fds close with the event set.
final class PerfEventEventSet: ComponentEventSet {
    private let component: PerfEventComponent
    /// The group, leader first.
    private var descriptors: [SharedFileDescriptor] = []
    /// The PERF_FORMAT_GROUP record: nr, time_enabled, time_running, then one value per event.
    private var record = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: PerfEventEventSet.headerWords)
    private static let headerWords = 3

    init(component: PerfEventComponent) {
        self.component = component
    }

    deinit {
        record.deallocate()
    }

    var count: Int { descriptors.count }

    func add(event: String) throws -> CounterEvent {
        let request = try component.request(for: event)
        let qualified = request.event.qualifiedName
        var attr = descriptors.isEmpty ? request.attributesAsLeader : request.attributesAsMember
        do {
            let leader = descriptors.first?.descriptor.rawValue ?? -1
            descriptors.append(SharedFileDescriptor(try FileDescriptor(openingPerfEventForCallingThread: &attr, groupLeader: leader)))
        } catch {
            switch error.errno {
            case EACCES, EPERM:
                throw CounterError.permissionDenied(
                    event: qualified, reason: PerfEventParanoia().explanation(userModeAlternative: nil))
            case ENOENT, EOPNOTSUPP, ENODEV:
                throw CounterError.eventUnavailable(
                    event: qualified, reason: PerfEventComponent.reason(for: error, opening: request.definition))
            default:
                throw CounterError.systemCall(error, event: qualified)
            }
        }
        let grown = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: PerfEventEventSet.headerWords + count)
        grown.initialize(repeating: 0)
        record.deallocate()
        record = grown
        return request.event
    }

    func start() throws {
        try groupIoctl(perfv_PERF_EVENT_IOC_RESET, "ioctl(PERF_EVENT_IOC_RESET)")
        try groupIoctl(perfv_PERF_EVENT_IOC_ENABLE, "ioctl(PERF_EVENT_IOC_ENABLE)")
    }

    func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        let expected = record.count * MemoryLayout<UInt64>.stride
        let bytes: Int
        do {
            bytes = try descriptors[0].descriptor.read(into: UnsafeMutableRawBufferPointer(record))
        } catch {
            throw CounterError.systemCall(error, event: nil)
        }
        // 0 bytes (end of file): the pinned group could not be put on the PMU and is in error state.
        guard bytes == expected else {
            throw CounterError.shortRead(component: component.name, expected: expected, got: bytes)
        }
        for index in 0..<count {
            values[index] = Int64(bitPattern: record[PerfEventEventSet.headerWords + index])
        }
    }

    func stop() throws {
        try groupIoctl(perfv_PERF_EVENT_IOC_DISABLE, "ioctl(PERF_EVENT_IOC_DISABLE)")
    }

    func reset() throws {
        try groupIoctl(perfv_PERF_EVENT_IOC_RESET, "ioctl(PERF_EVENT_IOC_RESET)")
    }

    /// ioctl(2) with PERF_IOC_FLAG_GROUP: applies `request` to the leader and its group.
    private func groupIoctl(_ request: UInt, _ call: String) throws {
        do {
            try descriptors[0].descriptor.ioctl(request, value: UInt(PERF_IOC_FLAG_GROUP.rawValue), call)
        } catch {
            throw CounterError.systemCall(error, event: nil)
        }
    }
}
