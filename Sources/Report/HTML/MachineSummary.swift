/// The machine facts the report leads with, read from the `perfv-report info --json`
/// object stored in results.json (keys as issue 2 defines them).
struct MachineSummary {
    let rows: [(label: String, value: String)]

    init(machine: JSONValue) {
        func value(_ paths: String...) -> String? {
            for path in paths { if let text = machine[path: path]?.text, !text.isEmpty { return text } }
            return nil
        }
        var rows: [(String, String)] = []
        if let brand = value("cpu.brand", "cpu.brand_string", "cpu.model_name") { rows.append(("CPU", brand)) }
        if let cores = value("cpu.topology.logical_cpu_count", "cpu.logical_cpus", "cpu.cores") { rows.append(("CPUs", cores)) }
        let present = machine[path: "hypervisor.present"]
        let vendor = value("hypervisor.vendor")
        switch present {
        case .bool(true)?: rows.append(("Hypervisor", "yes — \(vendor ?? "vendor unknown")"))
        case .bool(false)?: rows.append(("Hypervisor", "none (bare metal)"))
        default: rows.append(("Hypervisor", vendor ?? "unknown"))
        }
        let kvmAvailable = machine[path: "kvm.available"]
        var kvm = kvmAvailable == .bool(true) ? "usable" : kvmAvailable == .bool(false) ? "not usable" : "unknown"
        if let flavor = value("kvm.flavor") { kvm += " — \(flavor)" }
        if let reason = value("kvm.reason"), kvmAvailable == .bool(false) { kvm += " (\(reason))" }
        rows.append(("/dev/kvm", kvm))
        var clock = value("clocksource.current") ?? "unknown"
        if let available = machine[path: "clocksource.available"], case let .array(list) = available {
            clock += " (available: \(list.compactMap(\.text).joined(separator: ", ")))"
        }
        rows.append(("Clocksource", clock))
        switch machine[path: "pmu.available"] {
        case .bool(true)?: rows.append(("PMU", "available"))
        case .bool(false)?: rows.append(("PMU", "not available — \(value("pmu.reason") ?? "no reason given")"))
        default: rows.append(("PMU", "unknown"))
        }
        if let steal = machine[path: "steal.total_ns"], case let .number(ns) = steal {
            rows.append(("Steal since boot", NumberText.duration(nanoseconds: ns)))
        }
        if let nodes = machine[path: "numa.nodes"] {
            if case let .array(list) = nodes { rows.append(("NUMA nodes", String(list.count))) } else if let text = nodes.text { rows.append(("NUMA nodes", text)) }
        }
        if let papi = value("papi.version") { rows.append(("PAPI", papi)) }
        self.rows = rows
    }
}
