import Foundation
import PerfV
import SystemReport
import Testing

/// `perfv-report info` on this machine lists the network, InfiniBand, VMware and
/// Hyper-V components, each enabled or disabled with its reason (issue 12).
@Suite("perfv-report info: the net, ib, vmware and hyperv components")
struct InfoComponentsCommandTests {
    static let names = ["net", "ib", "vmware", "hyperv"]

    /// The one key of `info --json` this suite reads.
    private struct PrintedComponents: Decodable { let components: [ComponentSummary] }

    @Test("text and --json list each of them, enabled or disabled with a reason; net names lo where lo exists")
    func listed() throws {
        let (status, text, stderr) = try BuiltProduct.runReport(["info"])
        #expect(status == 0, "\(stderr)")
        let section = try #require(text.components(separatedBy: "PerfV counter components\n").last)
        let rows = InfoRootCommandTests.rows(section)
        for name in Self.names {
            let row = try #require(rows.first { $0.hasPrefix("  \(name) ") }, "info lacks \(name): \(section)")
            let state = row.dropFirst(2 + name.count).drop { $0 == " " }
            #expect(state.hasPrefix("enabled, ") || (state.hasPrefix("disabled: ") && state.count > "disabled: ".count), "\(row)")
        }

        let (jsonStatus, json, jsonError) = try BuiltProduct.runReport(["info", "--json"])
        #expect(jsonStatus == 0, "\(jsonError)")
        let components = try SystemInfo.makeJSONDecoder().decode(PrintedComponents.self, from: Data(json.utf8)).components
        for name in Self.names {
            let component = try #require(components.first { $0.name == name }, "--json lacks \(name)")
            #expect(component.enabled != (component.disabledReason != nil), "\(name): enabled xor a reason")
            #expect(component.enabled == !component.events.isEmpty, "\(name): events only when enabled")
        }
        if SystemRoot.live.exists("/sys/class/net/lo/statistics/tx_packets") {
            let net = try #require(components.first { $0.name == "net" })
            #expect(net.enabled && net.devices?.contains("lo") == true)
            #expect(net.events.contains { $0.name == "lo:tx_packets" })
            #expect(rows.contains { $0.hasPrefix("  net ") && $0.contains("lo") })
        }
    }
}
