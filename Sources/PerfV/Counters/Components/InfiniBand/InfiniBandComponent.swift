/// InfiniBand and RoCE port counters (`ib::<device>:<port>:<counter>`, e.g.
/// `ib::mlx5_0:1:port_rcv_data`), like PAPI's infiniband component: every file of
/// /sys/class/infiniband/<device>/ports/<port>/counters and hw_counters.
///
/// `port_xmit_data` and `port_rcv_data` are in bytes (the files count 4-byte words).
/// HCAs without extended port counters give the 32-bit PortCounters, which saturate
/// instead of wrapping (IBA), so long runs on such HCAs can undercount.
/// An event set opens the file of each event it adds (and reads it once: a counter
/// the HCA cannot give, "N/A (no PMA)", fails there with the file named) and reads
/// it with one pread per event. Disabled, with the reason, where there is no HCA.
public final class InfiniBandComponent: CounterComponent {
    public let name = "ib"
    public let summary = "InfiniBand/RoCE port counters (/sys/class/infiniband/<device>/ports/<port>/counters and hw_counters); "
        + "port_xmit_data and port_rcv_data in bytes"
    public let status: ComponentStatus
    public let events: [CounterEvent]
    /// `<device>:<port>` of every port found, in event order.
    public let ports: [String]
    public var devices: [String] { ports }
    private let root: SystemRoot
    /// The counter file of each of ``events``.
    let files: [InfiniBandCounterFile]

    /// The HCAs under `root` (``SystemRoot/live`` for this machine).
    public init(root: SystemRoot = .live) {
        self.root = root
        let classPath = InfiniBandCounterFile.classPath
        var files: [InfiniBandCounterFile] = []
        var ports: [String] = []
        let devices = root.directoryEntries(classPath)
        for device in devices {
            let portNumbers = root.directoryEntries("\(classPath)/\(device)/ports").sorted {
                (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1)
            }
            for port in portNumbers {
                ports.append("\(device):\(port)")
                let directory = "\(classPath)/\(device)/ports/\(port)"
                for counter in root.directoryEntries(directory + "/counters") {
                    files.append(InfiniBandCounterFile(device: device, port: port, counter: counter, isDriverCounter: false))
                }
                let standard = Set(files.lazy.filter { $0.device == device && $0.port == port }.map(\.counter))
                for counter in root.directoryEntries(directory + "/hw_counters")
                where !InfiniBandCounterFile.notCounters.contains(counter) && !standard.contains(counter) {
                    files.append(InfiniBandCounterFile(device: device, port: port, counter: counter, isDriverCounter: true))
                }
            }
        }
        self.files = files
        self.ports = ports
        events = files.map { CounterEvent(component: "ib", name: $0.eventName, summary: $0.summary, unit: $0.unit, kind: .device) }
        if devices.isEmpty {
            status = .disabled(reason: root.exists(classPath)
                ? "no InfiniBand HCA (\(classPath) is empty)" : "no InfiniBand HCA (\(classPath) absent)")
        } else if files.isEmpty {
            status = .disabled(reason: "no port counters under \(classPath)/<device>/ports/<port>/counters "
                + "(devices \(devices.joined(separator: ", ")))")
        } else {
            status = .enabled
        }
    }

    public func makeEventSet() throws -> any ComponentEventSet {
        let counterFiles = SysfsCounterFiles(paths: files.map(\.path), scales: files.map(\.scale), root: root)
        return CumulativeEventSet(events: events, resolve: { [self] event in
            let index = try index(of: event)
            try counterFiles.open(eventAt: index)
            return index
        }, readTotals: counterFiles.readTotals)
    }

    /// The position of `event` (`<device>:<port>:<counter>`) in ``events``, or the error naming what is wrong.
    private func index(of event: String) throws -> Int {
        if let index = events.firstIndex(where: { $0.name == event }) { return index }
        let qualified = "\(name)\(EventName.separator)\(event)"
        // Counter names have no ':'; what is before the last one is <device>:<port>.
        if let separator = event.lastIndex(of: ":") {
            let port = String(event[..<separator])
            if !ports.contains(port) {
                throw CounterError.unknownDevice(event: qualified, kind: "HCA port", device: port, known: ports)
            }
            let samePort = events.filter { $0.name.hasPrefix(port + ":") }
            throw CumulativeEventSet.unknownEvent(event, component: name, offered: samePort)
        }
        throw CumulativeEventSet.unknownEvent(event, component: name, offered: events)
    }
}
