import CGuestABI
import Foundation
import PerfV
import VMM

/// The JSON (and text) shape of one `vm run`.
struct VMRunReport: Encodable {
    struct Guest: Encodable {
        var wall_ns: UInt64?
        var steal_ns: UInt64?
        var adjusted_ns: UInt64?
    }
    struct Exits: Encodable {
        var total: UInt64
        var by_reason: [String: UInt64]
        var block_device_exits: UInt64
        var block_device_requests: UInt64
    }
    struct Host: Encodable {
        var wall_ns: UInt64
        var setup_ns: UInt64
        var first_exit_ns: UInt64?
        var run_delay_ns: [UInt64?]
    }
    struct VCPUCounters: Encodable {
        var vcpu: Int
        var values: [String: UInt64]
        var unavailable: [String]
        var results: [String: UInt64]
    }

    var parameters: [String: String]
    /// FNV-1a 64 of the result bytes, as 0x-prefixed hex (a JSON number cannot hold 64 bits exactly).
    var checksum: String?
    var guest: Guest
    var exits: Exits
    var host: Host
    var counters: [VCPUCounters]
    var console: String

    init(_ result: RunResult, parameters: [String: String]) {
        self.parameters = parameters
        checksum = result.checksum.map { "0x" + String($0, radix: 16) }
        guest = Guest(wall_ns: result.guestWallNanoseconds, steal_ns: result.guestStealNanoseconds,
                      adjusted_ns: result.guestAdjustedNanoseconds)
        exits = Exits(total: result.exitsTotal, by_reason: result.exitsByReason,
                      block_device_exits: result.blockDeviceExits, block_device_requests: result.blockDeviceRequests)
        host = Host(wall_ns: result.hostWallNanoseconds, setup_ns: result.setupNanoseconds,
                    first_exit_ns: result.firstExitNanoseconds, run_delay_ns: result.runDelayNanoseconds)
        counters = result.counters.enumerated().map { vcpu, values in
            VCPUCounters(
                vcpu: vcpu, values: values.byName,
                unavailable: VirtualCounter.allCases.filter { !values.isAvailable($0) }.map(\.description),
                results: Dictionary(uniqueKeysWithValues: result.reports[vcpu].results.map { (VMRunReport.resultName($0.key), $0.value) }))
        }
        console = result.console
    }

    static func resultName(_ key: UInt64) -> String {
        switch key {
        case UInt64(PERFV_RESULT_CHECKSUM.rawValue): return "checksum"
        case UInt64(PERFV_RESULT_WALL_NS.rawValue): return "wall_ns"
        case UInt64(PERFV_RESULT_STEAL_NS.rawValue): return "steal_ns"
        case UInt64(PERFV_RESULT_BYTES.rawValue): return "bytes"
        case UInt64(PERFV_RESULT_REQUESTS.rawValue): return "requests"
        case UInt64(PERFV_RESULT_GP_FAULTS.rawValue): return "gp_faults"
        case UInt64(PERFV_RESULT_AVAILABLE_MASK.rawValue): return "available_mask"
        default: return "key_\(key)"
        }
    }

    var text: String {
        func milliseconds(_ value: UInt64?) -> String {
            value.map { String(format: "%.3f ms", Double($0) / 1e6) } ?? "not reported"
        }
        var lines = ["guest console:"]
        lines += console.split(separator: "\n", omittingEmptySubsequences: false).dropLast(console.hasSuffix("\n") ? 1 : 0).map { "  | \($0)" }
        lines.append("")
        lines.append("checksum        \(checksum ?? "not reported")")
        lines.append("guest wall      \(milliseconds(guest.wall_ns))")
        lines.append("guest steal     \(milliseconds(guest.steal_ns))")
        lines.append("steal-adjusted  \(milliseconds(guest.adjusted_ns))")
        let reasons = exits.by_reason.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("exits           \(exits.total) (\(reasons))")
        if exits.block_device_requests > 0 {
            lines.append("block device    \(exits.block_device_requests) requests in \(exits.block_device_exits) exits")
        }
        lines.append("host wall       \(milliseconds(host.wall_ns)) (VM set-up \(milliseconds(host.setup_ns)), first exit after \(milliseconds(host.first_exit_ns)))")
        for entry in counters {
            lines.append("")
            lines.append("vCPU \(entry.vcpu) virtual counters (host run delay over the whole VM run \(milliseconds(host.run_delay_ns[entry.vcpu])))")
            for counter in VirtualCounter.allCases {
                let value = entry.values[counter.description].map(String.init) ?? "unavailable"
                lines.append("  \(counter.description.padding(toLength: 24, withPad: " ", startingAt: 0)) \(value)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
