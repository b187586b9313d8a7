/// Time the thread lost to others (`steal::<event>`), fed by ``StealReader``.
///
/// - `steal::system_ns`: steal of all CPUs (the aggregate `cpu` line of /proc/stat),
///   summed over CPUs, so up to N × the interval on N vCPUs.
/// - `steal::cpu_ns`: steal of the CPUs the thread was seen on (sched_getcpu at
///   start, at every read and at stop), summed over those CPUs.
/// - `steal::run_delay_ns`: how long the thread was runnable but waiting in this
///   kernel's run queue (field 2 of its schedstat), in ns. For a vCPU thread on
///   a host this is the steal its guest sees; inside a VM the hypervisor's steal
///   does not show here (the guest believes the thread ran) but in /proc/stat.
///
/// /proc/stat counts in USER_HZ ticks (10 ms at USER_HZ = 100), so the two
/// /proc/stat events move in steps of 10 ms; run delay is exact to the ns.
/// Each read is one pread(2) per kept-open file: no fopen, no allocation.
public final class StealComponent: CounterComponent {
    public let name = "steal"
    public let summary = "time stolen by the hypervisor (/proc/stat steal) and the thread's wait for a CPU "
        + "(schedstat run delay)"
    public let status: ComponentStatus
    public let events: [CounterEvent]

    /// Opens a ``StealReader`` for the calling thread and reads both files once;
    /// a failure disables the component with the reader's error as the reason.
    public init() {
        do {
            let reader = try StealReader()
            _ = try reader.readSystemStealNanoseconds()
            _ = try reader.readRunDelayNanoseconds()
            status = .enabled
            events = StealEvent.allCases.map { $0.event(component: "steal") }
        } catch {
            status = .disabled(reason: "\(error)")
            events = []
        }
    }

    /// Opens a ``StealReader`` for the calling thread, whose run delay the event set counts.
    public func makeEventSet() throws -> any ComponentEventSet {
        StealEventSet(component: self, reader: try StealReader())
    }
}
