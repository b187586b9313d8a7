import Foundation
import SystemCalls
import Testing
@testable import PerfV

/// `net::` on fixture roots laid out like /sys/class/net, its file parser on bad
/// content, and live on this machine's loopback with datagrams the test sends.
@Suite("Counters: the net component (network interface statistics)")
struct ComponentNetworkTests {
    static func statistics(_ interface: String, _ counter: String) -> String {
        "/sys/class/net/\(interface)/statistics/\(counter)"
    }

    /// A root with interfaces eth0 and lo, every counter at 100.
    static func twoInterfaces() throws -> FixtureRoot {
        let fixture = try FixtureRoot()
        for interface in ["eth0", "lo"] {
            for counter in NetworkCounter.allCases { try fixture.write(statistics(interface, counter.rawValue), "100\n") }
        }
        return fixture
    }

    @Test("events are <interface>:<counter>; an event set counts the growth of the kept-open files")
    func countsGrowth() throws {
        let fixture = try Self.twoInterfaces()
        let component = NetworkComponent(root: fixture.root)
        #expect(component.status == .enabled)
        #expect(component.interfaces == ["eth0", "lo"])
        #expect(component.devices == ["eth0", "lo"])
        #expect(component.events.count == 2 * NetworkCounter.allCases.count)
        #expect(component.events.first?.qualifiedName == "net::eth0:rx_bytes")
        #expect(component.events.first { $0.name == "lo:tx_bytes" }?.unit == .bytes)
        #expect(component.events.first { $0.name == "lo:tx_packets" }?.unit == .events)

        let registry = ComponentRegistry([component])
        let set = try EventSet(events: ["net::lo:tx_packets", "eth0:rx_bytes", "net::eth0:tx_dropped"], components: registry)
        try set.start()
        try fixture.write(Self.statistics("lo", "tx_packets"), "142\n")
        try fixture.write(Self.statistics("eth0", "rx_bytes"), "1100\n")
        #expect(try set.read() == [42, 1000, 0])
        try set.stop()
        try fixture.write(Self.statistics("lo", "tx_packets"), "900\n")
        #expect(try set.read() == [42, 1000, 0], "a stopped set keeps its values")
    }

    @Test("an unknown interface names the real ones; an unknown counter suggests close names")
    func unknownNames() throws {
        let fixture = try Self.twoInterfaces()
        let registry = ComponentRegistry([NetworkComponent(root: fixture.root)])
        #expect(throws: CounterError.unknownDevice(event: "net::eht0:rx_bytes", kind: "interface", device: "eht0",
                                                   known: ["eth0", "lo"])) {
            try EventSet(events: ["net::eht0:rx_bytes"], components: registry)
        }
        let message = CounterError.unknownDevice(event: "net::eht0:rx_bytes", kind: "interface", device: "eht0",
                                                 known: ["eth0", "lo"]).description
        #expect(message == "unknown interface eht0 in event net::eht0:rx_bytes; the interfaces here are eth0, lo")
        #expect { try EventSet(events: ["net::lo:rx_byte"], components: registry) } throws: { error in
            guard case let .unknownEvent(event, component, suggestions)? = error as? CounterError else { return false }
            return event == "net::lo:rx_byte" && component == "net" && suggestions.first == "net::lo:rx_bytes"
        }
        #expect(throws: CounterError.self) { try EventSet(events: ["net::lo"], components: registry) }
    }

    @Test("bad counter files are typed errors naming the file, when added and when read")
    func badContent() throws {
        let path = Self.statistics("lo", "tx_packets")
        for text in ["", "12", "garbage\n", "-1\n", "12 13\n", "N/A\n", "99999999999999999999\n", String(repeating: "1", count: 80) + "\n"] {
            let fixture = try Self.twoInterfaces()
            try fixture.write(path, text)
            let registry = ComponentRegistry([NetworkComponent(root: fixture.root)])
            #expect(performing: { try EventSet(events: ["net::lo:tx_packets"], components: registry) },
                    throws: { isMalformed($0, path: path) })
        }
        let fixture = try Self.twoInterfaces()
        let set = try EventSet(events: ["net::lo:tx_packets"], components: ComponentRegistry([NetworkComponent(root: fixture.root)]))
        try set.start()
        try fixture.write(path, "lots\n")
        #expect(performing: { try set.read() }, throws: { isMalformed($0, path: path) })

        var bytes = Array("18446744073\n".utf8)
        #expect(try bytes.withUnsafeBytes { try SysfsCounterFile.parse($0, path: path) } == 18_446_744_073)
        bytes = Array("7\n\n".utf8)
        #expect(performing: { try bytes.withUnsafeBytes { try SysfsCounterFile.parse($0, path: path) } },
                throws: { isMalformed($0, path: path) })
    }

    @Test("a missing counter file is an unavailable event with its reason; no interfaces disables the component")
    func missingFilesAndNoInterfaces() throws {
        let fixture = try Self.twoInterfaces()
        try FileManager.default.removeItem(atPath: fixture.path + Self.statistics("eth0", "rx_dropped"))
        let component = NetworkComponent(root: fixture.root)
        #expect(component.events.count == 2 * NetworkCounter.allCases.count - 1)
        #expect(component.unavailableEvents.map(\.event.qualifiedName) == ["net::eth0:rx_dropped"])
        #expect(throws: CounterError.eventUnavailable(event: "net::eth0:rx_dropped",
                                                      reason: "\(Self.statistics("eth0", "rx_dropped")) does not exist")) {
            try EventSet(events: ["net::eth0:rx_dropped"], components: ComponentRegistry([component]))
        }

        let empty = try FixtureRoot()
        let none = NetworkComponent(root: empty.root)
        #expect(none.status == .disabled(reason: "no network interfaces (/sys/class/net is absent or empty)"))
        #expect(none.events.isEmpty)
    }

    /// Datagrams per attempt, and how many packets beyond them an attempt may see.
    static let datagrams = 400
    static let tolerance: Int64 = 8

    @Test("live: net::lo:tx_packets counts the UDP datagrams sent to 127.0.0.1",
          .enabled(if: NetworkComponent().interfaces.contains("lo"), "this network namespace has no lo"))
    func loopbackDatagrams() throws {
        // Each datagram to a bound port on 127.0.0.1 is exactly one packet transmitted
        // (and received) on lo, counted before sendto returns. Other processes in this
        // network namespace (other tests' HTTP servers, resolvers) may also use lo, so an
        // attempt may see a few more: never fewer. Every attempt must count at least the
        // datagrams; one of up to five (each lasting milliseconds) must also be within
        // the tolerance.
        let receiver = try DatagramSocket()
        let sender = try DatagramSocket()
        try sender.connect(toLoopbackPort: try receiver.localPort())
        let payload = [UInt8](repeating: 0x5A, count: 64)
        // lo counts the IP packet, payload + UDP (8) + IPv4 (20): loopback_xmit takes the
        // length after eth_type_trans has pulled the 14-byte Ethernet header.
        let bytesPerDatagram = Int64(payload.count + 8 + 20)
        let component = NetworkComponent()
        var seen: [[Int64]] = []
        for _ in 0..<5 {
            let set = try EventSet(events: ["net::lo:tx_packets", "net::lo:tx_bytes", "net::lo:rx_packets"],
                                   components: ComponentRegistry([component]))
            try set.start()
            try payload.withUnsafeBytes { bytes in
                for _ in 0..<Self.datagrams { _ = try sender.send(bytes) }
            }
            try set.stop()
            let values = try set.read()
            seen.append(values)
            var drain = [UInt8](repeating: 0, count: 128)
            while try drain.withUnsafeMutableBytes({ try receiver.receiveWithoutWaiting(into: $0) }) != nil {}
            #expect(values[0] >= Int64(Self.datagrams), "tx_packets \(values[0]) < \(Self.datagrams) datagrams sent")
            #expect(values[1] >= Int64(Self.datagrams) * bytesPerDatagram, "tx_bytes \(values[1])")
            #expect(values[2] >= Int64(Self.datagrams), "rx_packets \(values[2])")
            if values[0] <= Int64(Self.datagrams) + Self.tolerance { break }
        }
        print("net::lo [tx_packets, tx_bytes, rx_packets] per attempt for \(Self.datagrams) datagrams of \(payload.count) bytes: \(seen)")
        #expect(seen.contains { $0[0] <= Int64(Self.datagrams) + Self.tolerance },
                "no attempt within \(Self.tolerance) packets of the \(Self.datagrams) sent: \(seen)")
    }
}
