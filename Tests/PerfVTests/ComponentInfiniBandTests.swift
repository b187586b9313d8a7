import Foundation
import Testing
@testable import PerfV

/// `ib::` on the atlas's InfiniBand node (built from the kernel's documented sysfs
/// layout, Documentation/ABI/stable/sysfs-class-infiniband: no measurements), on
/// fixture roots with changing and bad counter files, and live where an HCA exists.
@Suite("Counters: the ib component (InfiniBand and RoCE port counters)")
struct ComponentInfiniBandTests {
    static let entry = SystemRoot(prefix: SystemEnvironmentAtlasTests.atlasDirectory + "/bare-metal-intel-infiniband")

    static func port(_ device: String, _ port: Int, _ directory: String, _ counter: String) -> String {
        "/sys/class/infiniband/\(device)/ports/\(port)/\(directory)/\(counter)"
    }

    @Test("the atlas node: both HCAs' ports, counters and hw_counters (not lifespan), data in bytes")
    func atlasNode() throws {
        let component = InfiniBandComponent(root: Self.entry)
        #expect(component.status == .enabled)
        #expect(component.ports == ["mlx5_0:1", "mlx5_1:1"])
        let names = Set(component.events.map(\.name))
        #expect(names.contains("mlx5_0:1:port_rcv_data") && names.contains("mlx5_1:1:np_cnp_sent"))
        #expect(!names.contains { $0.hasSuffix(":lifespan") })
        // 21 PMA counters per port, 9 mlx5 hw_counters on the IB port, 12 on the RoCE port.
        #expect(component.events.count == 21 + 9 + 21 + 12)
        let data = try #require(component.events.first { $0.name == "mlx5_0:1:port_xmit_data" })
        #expect(data.unit == .bytes && data.kind == .device)
        #expect(data.summary.contains("divided by 4"), "\(data.summary)")
        #expect(component.events.first { $0.name == "mlx5_0:1:port_xmit_packets" }?.unit == .events)

        // The totals the files hold, scaled: the example values are 2.5e9 and 1.75e9 words on mlx5_0,
        // twice that on mlx5_1.
        let wanted = ["mlx5_0:1:port_xmit_data", "mlx5_0:1:port_rcv_data", "mlx5_1:1:port_xmit_data",
                      "mlx5_0:1:port_xmit_packets", "mlx5_1:1:rp_cnp_handled"]
        let indices = try wanted.map { name in try #require(component.events.firstIndex { $0.name == name }) }
        let files = SysfsCounterFiles(paths: component.files.map(\.path), scales: component.files.map(\.scale), root: Self.entry)
        for index in indices { try files.open(eventAt: index) }
        var totals = [Int64](repeating: -1, count: indices.count)
        try indices.withUnsafeBufferPointer { indices in
            try totals.withUnsafeMutableBufferPointer { try files.readTotals(of: indices, into: $0) }
        }
        #expect(totals == [10_000_000_000, 7_000_000_000, 20_000_000_000, 41_000_000, 9])
    }

    @Test("an event set counts port_xmit_data growth in bytes (4 per word) and hw_counters as they are")
    func countsGrowth() throws {
        let fixture = try FixtureRoot()
        try fixture.write(Self.port("mlx5_0", 1, "counters", "port_xmit_data"), "100\n")
        try fixture.write(Self.port("mlx5_0", 1, "counters", "port_xmit_packets"), "10\n")
        try fixture.write(Self.port("mlx5_0", 1, "hw_counters", "out_of_sequence"), "5\n")
        try fixture.write(Self.port("mlx5_0", 1, "hw_counters", "lifespan"), "10\n")
        let component = InfiniBandComponent(root: fixture.root)
        #expect(component.events.map(\.name) == ["mlx5_0:1:port_xmit_data", "mlx5_0:1:port_xmit_packets",
                                                 "mlx5_0:1:out_of_sequence"])
        let set = try EventSet(events: ["ib::mlx5_0:1:port_xmit_data", "ib::mlx5_0:1:out_of_sequence",
                                        "ib::mlx5_0:1:port_xmit_packets"], components: ComponentRegistry([component]))
        try set.start()
        try fixture.write(Self.port("mlx5_0", 1, "counters", "port_xmit_data"), "350\n")
        try fixture.write(Self.port("mlx5_0", 1, "counters", "port_xmit_packets"), "13\n")
        try fixture.write(Self.port("mlx5_0", 1, "hw_counters", "out_of_sequence"), "7\n")
        #expect(try set.read() == [1000, 2, 3])
        try set.stop()
    }

    @Test("an unknown HCA port names the real ones; an unknown counter suggests close names; N/A is a typed error")
    func badNamesAndContent() throws {
        let registry = ComponentRegistry([InfiniBandComponent(root: Self.entry)])
        #expect(throws: CounterError.unknownDevice(event: "ib::mlx5_2:1:port_rcv_data", kind: "HCA port", device: "mlx5_2:1",
                                                   known: ["mlx5_0:1", "mlx5_1:1"])) {
            try EventSet(events: ["ib::mlx5_2:1:port_rcv_data"], components: registry)
        }
        #expect { try EventSet(events: ["ib::mlx5_0:1:port_rcv_dat"], components: registry) } throws: { error in
            guard case let .unknownEvent(_, _, suggestions)? = error as? CounterError else { return false }
            return suggestions.first == "ib::mlx5_0:1:port_rcv_data"
        }

        // A counter the HCA cannot give reads "N/A (no PMA)" (drivers/infiniband/core/sysfs.c).
        let fixture = try FixtureRoot()
        let path = Self.port("qib0", 1, "counters", "port_xmit_wait")
        try fixture.write(path, "N/A (no PMA)\n")
        let component = InfiniBandComponent(root: fixture.root)
        #expect(component.status == .enabled)
        #expect(performing: { try EventSet(events: ["ib::qib0:1:port_xmit_wait"], components: ComponentRegistry([component])) },
                throws: { isMalformed($0, path: path) })
    }

    @Test("without an HCA it is disabled and says so")
    func noHCA() throws {
        let absent = try FixtureRoot()
        #expect(InfiniBandComponent(root: absent.root).status
                == .disabled(reason: "no InfiniBand HCA (/sys/class/infiniband absent)"))
        try absent.makeDirectory("/sys/class/infiniband")
        #expect(InfiniBandComponent(root: absent.root).status
                == .disabled(reason: "no InfiniBand HCA (/sys/class/infiniband is empty)"))
        try absent.makeDirectory("/sys/class/infiniband/rxe0/ports/1")
        guard case let .disabled(reason) = InfiniBandComponent(root: absent.root).status else {
            Issue.record("a port without counter files cannot be counted"); return
        }
        #expect(reason.contains("rxe0"), "\(reason)")
    }

    @Test("live: every port counter of this machine's HCAs reads, or the component says there is none")
    func live() throws {
        let component = InfiniBandComponent()
        guard SystemRoot.live.exists(InfiniBandCounterFile.classPath) else {
            #expect(component.status == .disabled(reason: "no InfiniBand HCA (/sys/class/infiniband absent)"))
            print("ib:: live: \(component.status)")
            return
        }
        print("ib:: live: \(component.status), ports \(component.ports)")
        guard component.status.isEnabled else { return }
        let set = try EventSet(events: component.events.prefix(4).map(\.qualifiedName), components: ComponentRegistry([component]))
        try set.start()
        try set.stop()
        #expect(try set.read().allSatisfy { $0 >= 0 })
    }
}
