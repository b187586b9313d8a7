import Foundation
import PerfV

/// The human-readable rendering: one section per subsystem, labels aligned.
struct InfoText {
    let info: SystemInfo
    private var lines: [String] = []
    private static let labelWidth = 22
    private static let lineWidth = 100

    init(_ info: SystemInfo) { self.info = info }

    func render() -> String {
        var text = self
        text.overview()
        text.hypervisor()
        text.cpu()
        text.clocks()
        text.kvm()
        text.pmu()
        text.numa()
        text.steal()
        text.papi()
        text.components()
        return text.lines.joined(separator: "\n")
    }

    private mutating func section(_ title: String) {
        if !lines.isEmpty { lines.append("") }
        lines.append(title)
    }

    /// One "label   value" line; a long value wraps at spaces under the value column.
    private mutating func row(_ label: String, _ value: String) {
        let padding = String(repeating: " ", count: max(1, InfoText.labelWidth - label.count))
        var prefix = "  " + label + padding
        for line in wrap(value, width: InfoText.lineWidth - prefix.count) {
            lines.append(prefix + line)
            prefix = String(repeating: " ", count: prefix.count)
        }
    }

    /// `text` split at spaces into lines of at most `width` characters (a longer word stays whole).
    private func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(current)
        return lines
    }

    /// A continuation line under the value column.
    private mutating func more(_ value: String) {
        row("", value)
    }

    private mutating func overview() {
        section("Overview")
        row("source", info.origin == "live" ? "this machine (live)" : "root \(info.origin), probes \(info.probeSource)")
        row("layers", info.layers.summary)
        for layer in info.layers.layers { more("\(layer.kind): \(layer.name) — \(layer.detail)") }
        if let provider = info.cloud.provider {
            row("cloud", provider + (info.cloud.instanceType.map { ", instance type \($0)" } ?? "")
                + " (" + info.cloud.evidence.joined(separator: ", ") + ")")
        }
        let container = info.container
        row("container", (container.runtime ?? "none")
            + (container.evidence.isEmpty ? "" : " (" + container.evidence.joined(separator: ", ") + ")"))
        row("cgroup", container.cgroupVersion.map { "v\($0)" } ?? "unknown")
        row("CPU quota", container.cpuQuota.map { String(format: "%.2f CPUs", $0) + " (\(container.cpuQuotaSource ?? ""))" } ?? "none")
        if let error = info.containerError { row("cgroup error", error) }
        let verdict = info.verdict
        row("verdict", "hypervisor \(verdict.hypervisor ?? (verdict.hypervisorPresent ? "unknown" : "none")) (\(verdict.hypervisorSource)), "
            + "PMU \(verdict.pmuReason), clock \(verdict.clockAccess), PAPI counts hardware: \(verdict.papiHardwareCounts ? "yes" : "no")")
    }

    private mutating func hypervisor() {
        let hypervisor = info.hypervisor
        section("Hypervisor")
        let fromCPUID = hypervisor.source == "cpuid"
        let facts = hypervisor.evidence?.facts ?? []
        if fromCPUID {
            row("running in a VM", hypervisor.present ? "yes (CPUID.1:ECX[31] set)" : "no (CPUID.1:ECX[31] clear)")
        } else {
            row("running in a VM", hypervisor.present
                ? "yes (root evidence, no CPUID leaves: \(facts.joined(separator: "; ")))"
                : "no (no CPUID leaves; the root shows no hypervisor flag, /sys/hypervisor, /proc/xen, DMI or PCI evidence)")
        }
        if let vendor = hypervisor.vendor {
            row("vendor", vendor + (hypervisor.vendorName.map { " (\($0))" } ?? ""))
        } else if !fromCPUID, let name = hypervisor.vendorName {
            row("vendor", "\(name) (named by root evidence; no CPUID signature was read)")
        } else if hypervisor.present {
            row("vendor", fromCPUID
                ? "unknown: no printable signature in leaves 0x40000000-0x4000FF00"
                : "unknown: the root evidence names no hypervisor (no CPUID signature was read)")
        }
        row("decided from", hypervisor.source)
        if let evidence = hypervisor.evidence, !evidence.facts.isEmpty {
            row("root evidence", evidence.facts.joined(separator: "; "))
        }
        for block in hypervisor.signatures {
            row("leaf " + hex(block.baseLeaf), "\"\(block.signature)\", max leaf \(hex(block.maxLeaf))")
            if let features = block.kvmFeatures {
                more("KVM features: " + (features.isEmpty ? "none" : features.joined(separator: " ")))
            }
            if let hints = block.kvmHints {
                more("KVM hints (0x40000001 EDX): " + (hints.isEmpty ? "none (no realtime hint)" : hints.joined(separator: " ")))
            }
            if let hyperV = block.hyperVFeatures {
                more("Hyper-V features (base+3 EAX \(hex(hyperV.eax))): reference TSC page \(hyperV.referenceTSCPage ? "yes" : "no")")
            }
            if let counters = block.perfvCounters {
                more("PerfV counters: MSRs \(hex(counters.msrBase)) +\(counters.msrCount), ABI version \(counters.abiVersion)")
            }
            if let timing = block.timing {
                more("timing leaf: TSC \(timing.tscKilohertz) kHz, APIC bus \(timing.apicBusKilohertz) kHz")
            }
        }
    }

    private mutating func cpu() {
        let cpu = info.cpu
        section("CPU")
        row("model", cpu.brand ?? (cpu.identitySource == "cpuid"
            ? "unknown: CPUID 0x80000002-0x80000004 hold no brand string" : "unknown: no model name in \(cpu.identitySource)"))
        row("identity", "\(cpu.signature) (from \(cpu.identitySource))")
        if let topology = cpu.topology {
            row("topology", "\(topology.logicalCPUCount) logical CPUs, \(topology.cores) cores, "
                + "\(topology.sockets) socket\(topology.sockets == 1 ? "" : "s") (from \(topology.source.rawValue))")
        } else {
            row("topology", "unknown: \(cpu.topologyError ?? "")")
        }
    }

    private mutating func clocks() {
        let tsc = info.tsc
        section("TSC & clocks")
        row("TSC invariant", tscInvariance(tsc))
        if let frequency = tsc.frequency {
            row("TSC frequency", String(format: "%.3f MHz", frequency.hertz / 1e6) + " (\(frequencySource(frequency)))")
        } else {
            row("TSC frequency", "unknown (\(tsc.frequencyError ?? "no reason given"))")
        }
        row("TSC to ns", tsc.tscToNanosecondsAvailable ? "available" : "unavailable: \(tsc.reason ?? "")")
        if let current = info.clocksource.current {
            row("clocksource", current + " (available: \(info.clocksource.available.joined(separator: " ")))")
        } else {
            row("clocksource", "unknown: \(info.clocksource.error ?? "")")
        }
        let access = info.clocksource.access
        row("clock_gettime", "\(access.mode): \(access.reason)")
        if let warning = access.warning { row("warning", warning) }
        if info.clocks.isEmpty {
            row("clocks", info.clocksError ?? "none")
        } else {
            let width = info.clocks.map(\.name.count).max() ?? 0
            row("clocks", pad("clock", width) + "  " + padLeft("resolution", 10) + "  " + padLeft("read cost", 10) + "  source")
            for clock in info.clocks {
                let resolution = clock.resolutionNs.map(duration) ?? "unknown"
                more(pad(clock.name, width) + "  " + padLeft(resolution, 10) + "  " + padLeft(duration(clock.readCostNs), 10)
                    + "  \(clock.source)")
            }
        }
    }

    private mutating func kvm() {
        let kvm = info.kvm
        section("KVM")
        row("/dev/kvm", kvm.available
            ? "available, API version \(kvm.apiVersion.map(String.init) ?? "?")"
            : unavailable(kvm.reason))
        row("flavor", kvm.flavor == .unknown && kvm.modules.isEmpty
            ? "none: no KVM module loaded" : "\(kvm.flavor.rawValue), \(kvm.virtualization) virtualization")
        row("modules", kvm.modules.isEmpty ? "none" : kvm.modules.joined(separator: " "))
        if let flag = kvm.hardwareVirtualizationFlag {
            row("CPU flag", flag == "none" ? "no vmx/svm flag" : flag)
        }
        if let pmu = kvm.guestPMUEnabled {
            row("guest vPMU", pmu ? "enabled (kvm.enable_pmu=Y)" : "disabled (kvm.enable_pmu=N)")
        }
        for capability in kvm.capabilities {
            row(capability == kvm.capabilities.first ? "capabilities" : "",
                "\(capability.name) (\(capability.number)): " + (capability.supported ? "yes" : "no"))
        }
    }

    private mutating func pmu() {
        let pmu = info.pmu
        section("PMU")
        row("hardware counters", pmu.available ? "available" : "unavailable")
        if let reason = pmu.reason { row("reason", reason) }
        if let amdCoreCounters = pmu.amdCoreCounters {
            // Leaf 0xA is Intel's; AMD states its core counters in 0x80000001 ECX[23].
            row("CPUID", "AMD core counters \(amdCoreCounters ? "yes" : "no") (0x80000001 ECX[23]); leaf 0xA is Intel-only")
        } else if let version = pmu.cpuidArchPerfmonVersion, let counters = pmu.cpuidGeneralCounters {
            row("CPUID leaf 0xA", "version \(version), \(counters) general counters")
        } else {
            row("CPUID leaf 0xA", "not read: no CPUID leaves")
        }
        if let leaf = pmu.architecturalPerfmon, leaf.version > 0 {
            more("\(leaf.generalCounters) × \(leaf.generalCounterWidth)-bit general, \(leaf.fixedCounters) × \(leaf.fixedCounterWidth)-bit fixed; "
                + "missing events: " + (leaf.missingEvents.isEmpty ? "none" : leaf.missingEvents.joined(separator: ", ")))
        }
        row("probes", pmu.probeSource)
        row("event sources", pmu.eventSources.isEmpty ? "none" : pmu.eventSources.joined(separator: " "))
        row("perf_event_paranoid", pmu.perfEventParanoid.map(String.init) ?? "unreadable: \(pmu.paranoidError ?? "")")
        row("software events", pmu.softwareEventsAvailable ? "available (task-clock opened)" : unavailable(pmu.softwareProbe))
    }

    private mutating func numa() {
        let numa = info.numa
        section("NUMA")
        guard numa.available else {
            row("NUMA", unavailable(numa.reason))
            return
        }
        row("nodes", "\(numa.nodes.count)")
        for node in numa.nodes {
            let memory = node.memoryBytes.map { "\(gibibytes($0)) GiB" } ?? "memory unknown"
            let free = node.freeMemoryBytes.map { ", \(gibibytes($0)) GiB free" } ?? ""
            row("node \(node.id)", "CPUs \(cpuRanges(node.cpus)), \(memory)\(free)")
        }
        for (index, distances) in numa.distances.enumerated() {
            row(index == 0 ? "distances" : "", distances.map { String(format: "%4d", $0) }.joined())
        }
    }

    private mutating func steal() {
        let steal = info.steal
        section("Steal")
        guard let total = steal.totalNs else {
            row("steal", "unknown: \(steal.error ?? "")")
            return
        }
        row("since boot", "\(milliseconds(total)) ms, all CPUs (\(steal.source))")
        let perCPU = steal.perCPUNs.enumerated().compactMap { cpu, value in value.map { "cpu\(cpu) \(milliseconds($0)) ms" } }
        if !perCPU.isEmpty { row("per CPU", perCPU.joined(separator: ", ")) }
    }

    private mutating func papi() {
        let papi = info.papi
        section("PAPI")
        guard papi.available else {
            row("PAPI", unavailable(papi.error))
            return
        }
        row("version", papi.version ?? "?")
        row("running in a VM", papi.virtualized == true
            ? "yes, vendor \(papi.vmVendor.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown")" : "no")
        for component in papi.components {
            row(component == papi.components.first ? "components" : "",
                component.name + ": " + (component.isEnabled
                    ? "enabled, \(component.counterCount) counters, \(component.nativeEventCount) native events"
                        + (component.presetEventCount.map { ", \($0) presets" } ?? "")
                        + (component.pmuNames.flatMap { $0.isEmpty ? nil : ", PMU " + $0.joined(separator: " ") } ?? "")
                        + (papi.refutedComponents?[component.name].map { ", but not believed: \($0)" } ?? "")
                    : "disabled: \(component.disabledReason ?? "no reason given")"))
        }
    }

    private mutating func components() {
        section("PerfV counter components")
        if info.components.isEmpty {
            row("components", info.origin == "live" ? "none" : ProbeSource.notMeasured("components"))
        }
        for component in info.components {
            let state = component.enabled
                ? "enabled, \(component.events.count) events" + (component.devices.map { " on " + $0.joined(separator: ", ") } ?? "")
                : "disabled: \(component.disabledReason ?? "no reason given")"
            row(component.name, state)
        }
    }

    // MARK: formatting

    /// "unavailable: <reason>", or "unknown: <reason>" when the reason is only that nothing was measured.
    private func unavailable(_ reason: String?) -> String {
        (ProbeSource.isNotMeasured(reason) ? "unknown: " : "unavailable: ") + (reason ?? "no reason given")
    }

    /// "yes (CPUID 0x80000007 EDX[8] set; …)", naming the evidence invariance was decided from.
    private func tscInvariance(_ tsc: TSCInfo) -> String {
        var flags: [String] = []
        if let constant = tsc.constantTSC { flags.append(constant ? "constant_tsc" : "no constant_tsc") }
        if let nonstop = tsc.nonstopTSC { flags.append(nonstop ? "nonstop_tsc" : "no nonstop_tsc") }
        let answer = tsc.invariant ? "yes" : "no"
        switch tsc.invariantEvidence {
        case TSCInfo.cpuidInvariantEvidence?:
            let bit = "\(TSCInfo.cpuidInvariantEvidence) \(tsc.invariant ? "set" : "clear")"
            return answer + " (" + ([bit] + (flags.isEmpty ? [] : ["/proc/cpuinfo: " + flags.joined(separator: ", ")]))
                .joined(separator: "; ") + ")"
        case .some:
            // Linux sets both flags from CPUID 0x80000007 EDX[8]: the pair is its word for invariant.
            return answer + " (derived from /proc/cpuinfo flags, no CPUID leaves: " + flags.joined(separator: ", ")
                + (tsc.invariant ? "; the kernel treats the pair as an invariant TSC)" : ")")
        case nil:
            return "unknown (no CPUID leaves and no /proc/cpuinfo flags)"
        }
    }

    private func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// A duration given in ns, in the unit that keeps it short: "0.39 ns", "25.1 ns", "4 ms".
    private func duration(_ nanoseconds: Double) -> String {
        switch nanoseconds {
        case ..<10: return String(format: "%.2f ns", nanoseconds)
        case ..<10_000: return String(format: "%.1f ns", nanoseconds)
        case ..<1_000_000: return String(format: "%.1f µs", nanoseconds / 1e3).replacingOccurrences(of: ".0 µs", with: " µs")
        default: return String(format: "%.1f ms", nanoseconds / 1e6).replacingOccurrences(of: ".0 ms", with: " ms")
        }
    }

    private func milliseconds(_ nanoseconds: Int64) -> String {
        String(format: "%.2f", Double(nanoseconds) / 1e6)
    }

    private func gibibytes(_ bytes: Int64) -> String {
        String(format: "%.1f", Double(bytes) / Double(1 << 30))
    }

    private func frequencySource(_ frequency: TSCFrequency) -> String {
        switch frequency.source {
        case .cpuidCrystalRatio: return "CPUID 0x15 crystal ratio"
        case .cpuidBaseFrequency: return "CPUID 0x16 base frequency"
        case .hypervisorTimingLeaf: return "hypervisor timing leaf \(frequency.leaf.map(hex) ?? "")"
        case .calibrated:
            let window = frequency.calibrationNanoseconds.map { String(format: " over %.0f ms", Double($0) / 1e6) } ?? ""
            return "calibrated against CLOCK_MONOTONIC_RAW\(window)"
        }
    }

    /// "0-3,8" for [0, 1, 2, 3, 8].
    private func cpuRanges(_ cpus: [Int]) -> String {
        guard !cpus.isEmpty else { return "none" }
        var ranges: [String] = []
        var start = cpus[0], end = cpus[0]
        for cpu in cpus.dropFirst() {
            if cpu == end + 1 { end = cpu; continue }
            ranges.append(start == end ? "\(start)" : "\(start)-\(end)")
            start = cpu; end = cpu
        }
        ranges.append(start == end ? "\(start)" : "\(start)-\(end)")
        return ranges.joined(separator: ",")
    }
}
