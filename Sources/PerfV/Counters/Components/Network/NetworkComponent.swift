/// Traffic of the network interfaces (`net::<interface>:<counter>`, e.g. `net::lo:tx_packets`):
/// bytes, packets, errors and drops, received and transmitted, from
/// /sys/class/net/<interface>/statistics/, like PAPI's generic network component.
///
/// The interfaces are those of this process's network namespace when the component is
/// created. An event set opens the file of each event it adds (and reads it once to
/// check it), keeps it open, and reads it with one pread per event: no fopen, no
/// allocation. Disabled, with the reason, where /sys/class/net lists no interface.
public final class NetworkComponent: CounterComponent {
    public let name = "net"
    public let summary = "network interface traffic: bytes, packets, errors, drops both ways (/sys/class/net/<interface>/statistics)"
    public let status: ComponentStatus
    public let events: [CounterEvent]
    public let unavailableEvents: [UnavailableCounterEvent]
    /// The interfaces found, sorted.
    public let interfaces: [String]
    public var devices: [String] { interfaces }
    private let root: SystemRoot
    /// The statistics file of each of ``events``.
    private let paths: [String]

    static let classPath = "/sys/class/net"

    /// The interfaces under `root` (``SystemRoot/live`` for this machine).
    public init(root: SystemRoot = .live) {
        self.root = root
        interfaces = root.directoryEntries(Self.classPath)
        var events: [CounterEvent] = []
        var paths: [String] = []
        var unavailable: [UnavailableCounterEvent] = []
        for interface in interfaces {
            for counter in NetworkCounter.allCases {
                let event = CounterEvent(component: name, name: "\(interface):\(counter.rawValue)",
                                         summary: counter.summary(interface: interface), unit: counter.unit, kind: .kernelAccounting)
                let path = Self.path(interface: interface, counter: counter)
                if root.exists(path) {
                    events.append(event)
                    paths.append(path)
                } else {
                    unavailable.append(UnavailableCounterEvent(event: event, reason: "\(path) does not exist"))
                }
            }
        }
        self.events = events
        self.paths = paths
        unavailableEvents = unavailable
        if events.isEmpty {
            status = .disabled(reason: interfaces.isEmpty
                ? "no network interfaces (\(Self.classPath) is absent or empty)"
                : "no interface has statistics files (\(Self.classPath)/<interface>/statistics)")
        } else {
            status = .enabled
        }
    }

    static func path(interface: String, counter: NetworkCounter) -> String {
        "\(classPath)/\(interface)/statistics/\(counter.rawValue)"
    }

    public func makeEventSet() throws -> any ComponentEventSet {
        let files = SysfsCounterFiles(paths: paths, scales: Array(repeating: 1, count: paths.count), root: root)
        return CumulativeEventSet(events: events, resolve: { [self] event in
            let index = try index(of: event)
            try files.open(eventAt: index)
            return index
        }, readTotals: files.readTotals)
    }

    /// The position of `event` (`<interface>:<counter>`) in ``events``, or the error naming what is wrong.
    private func index(of event: String) throws -> Int {
        if let index = events.firstIndex(where: { $0.name == event }) { return index }
        let qualified = "\(name)\(EventName.separator)\(event)"
        if let missing = unavailableEvents.first(where: { $0.event.name == event }) {
            throw CounterError.eventUnavailable(event: qualified, reason: missing.reason)
        }
        let interface = interfaceName(of: event)
        if event.contains(":"), !interfaces.contains(interface) {
            throw CounterError.unknownDevice(event: qualified, kind: "interface", device: interface, known: interfaces)
        }
        let sameInterface = events.filter { interfaceName(of: $0.name) == interface }
        throw CumulativeEventSet.unknownEvent(event, component: name, offered: sameInterface.isEmpty ? events : sameInterface)
    }

    /// `lo` in `lo:rx_bytes`: Linux interface names cannot contain ':' (dev_valid_name).
    private func interfaceName(of event: String) -> String {
        event.lastIndex(of: ":").map { String(event[..<$0]) } ?? event
    }
}
