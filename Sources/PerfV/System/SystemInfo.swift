import Foundation

/// Everything PerfV can tell about the machine it runs on: hypervisor, CPU,
/// TSC and clocks, KVM, PMU, NUMA, steal time and PAPI's view.
///
/// `perfv-report info` prints it; the sweep report and the C API embed it.
/// Every section is gathered even when others fail; a section that cannot be
/// read says why in its own `reason`/`error` field rather than stopping the rest.
public struct SystemInfo: Sendable, Equatable, Codable {
    public var hypervisor: HypervisorInfo
    public var cpu: CPUInfo
    public var tsc: TSCInfo
    public var clocksource: ClocksourceStatus
    /// Resolution and read cost of each clock; empty when not measured.
    public var clocks: [ClockSummary]
    /// Why `clocks` is empty.
    public var clocksError: String?
    public var kvm: KVMHostInfo
    public var pmu: PMUInfo
    public var numa: NUMAInfo
    public var steal: StealSummary
    public var papi: PAPISummary
    /// PerfV's counter components (perf, papi, steal, …), each enabled or disabled with its reason.
    public var components: [ComponentSummary]

    /// Gathers every section (about 0.1–0.5 s: the TSC calibration sleeps
    /// ~30 ms when CPUID has no frequency, and the clock survey times each clock).
    ///
    /// - Parameters:
    ///   - cpuid: the CPUID to ask; the real processor by default.
    ///   - root: where /proc, /sys and /dev are; the real root by default.
    ///   - measureClocks: whether to run the clock survey.
    public static func gather(cpuid: some CPUIDSource = HardwareCPUID(), root: SystemRoot = .live,
                              measureClocks: Bool = true) -> SystemInfo {
        let identity = CPUIdentity(cpuid: cpuid)
        let hypervisor = HypervisorInfo(cpuid: cpuid)
        let procCPUInfo = Result { try ProcCPUInfo.read(root: root) }
            .mapError { $0 as? PerfVError ?? .malformedFile(path: ProcCPUInfo.path, reason: "\($0)") }
        let cpuFlags = try? procCPUInfo.get().flags
        let clocksource = Result { try Clocksource.read(root: root) }
            .mapError { $0 as? PerfVError ?? .malformedFile(path: Clocksource.currentPath, reason: "\($0)") }
        let tsc = TSCInfo.gather(cpuid: cpuid, hypervisor: hypervisor, cpuFlags: cpuFlags, clocksource: clocksource)

        var clocks: [ClockSummary] = []
        var clocksError: String?
        if measureClocks {
            do {
                clocks = try ClockSurvey.measure(tscFrequencyHz: UInt64(tsc.frequency.hertz.rounded()))
                    .map(ClockSummary.init)
            } catch {
                clocksError = "\(error)"
            }
        } else {
            clocksError = "not measured"
        }

        let pmu = PMUInfo.gather(cpuid: cpuid, identity: identity, hypervisor: hypervisor, root: root)
        return SystemInfo(
            hypervisor: hypervisor,
            cpu: CPUInfo.gather(identity: identity, root: root, procCPUInfo: procCPUInfo),
            tsc: tsc,
            clocksource: ClocksourceStatus(clocksource),
            clocks: clocks,
            clocksError: clocksError,
            kvm: KVMHostInfo.gather(root: root, cpuFlags: cpuFlags),
            pmu: pmu,
            numa: NUMAInfo.gather(root: root),
            steal: StealSummary.gather(),
            papi: PAPISummary.gather(kernelPMU: pmu),
            components: Components.shared.summaries)
    }

    /// The JSON encoder for system information: snake_case keys, sorted, so
    /// `perfv-report info --json` and reports embedding it read the same.
    public static func makeJSONEncoder(prettyPrinted: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = prettyPrinted
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The matching decoder. Foundation's `.convertFromSnakeCase` would turn
    /// "logical_cpu_count" into "logicalCpuCount"; this one restores the
    /// acronyms PerfV's property names use ("logicalCPUCount").
    public static func makeJSONDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            SnakeCaseKey(camelCaseFrom: path[path.count - 1].stringValue)
        }
        return decoder
    }

    /// A decoding key rebuilt from snake_case with PerfV's acronyms.
    private struct SnakeCaseKey: CodingKey {
        static let acronyms: Set<Substring> = ["cpu", "tsc", "pmu"]
        let stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        init(camelCaseFrom key: String) {
            let words = key.split(separator: "_")
            guard let first = words.first else { self.init(stringValue: key); return }
            let rest = words.dropFirst().map { word in
                SnakeCaseKey.acronyms.contains(word) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
            }
            self.init(stringValue: String(first) + rest.joined())
        }
    }

    /// One JSON object with every section.
    public func jsonData(prettyPrinted: Bool = true) throws -> Data {
        try SystemInfo.makeJSONEncoder(prettyPrinted: prettyPrinted).encode(self)
    }
}
