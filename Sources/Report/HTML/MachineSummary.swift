import PerfV

/// The machine facts the report leads with, read from the sweep machine's ``SystemInfo``.
struct MachineSummary {
    let rows: [(label: String, value: String)]

    init(machine: SystemInfo) {
        var rows: [(String, String)] = []
        if let brand = machine.cpu.brand { rows.append(("CPU", brand)) }
        if let topology = machine.cpu.topology { rows.append(("CPUs", String(topology.logicalCPUCount))) }
        let hypervisor = machine.hypervisor
        rows.append(("Hypervisor", hypervisor.present
            ? "yes — \(hypervisor.vendorName ?? hypervisor.vendor ?? "vendor unknown"); the \"host\" side of this sweep is itself a VM"
            : "none (bare metal)"))
        var kvm = machine.kvm.available ? "usable" : "not usable"
        kvm += " — \(machine.kvm.flavor.rawValue)"
        if let reason = machine.kvm.reason, !machine.kvm.available { kvm += " (\(reason))" }
        rows.append(("/dev/kvm", kvm))
        var clock = machine.clocksource.current ?? "unknown"
        if !machine.clocksource.available.isEmpty { clock += " (available: \(machine.clocksource.available.joined(separator: ", ")))" }
        rows.append(("Clocksource", clock))
        rows.append(("PMU", machine.pmu.available ? "available" : "not available — \(machine.pmu.reason ?? "no reason given")"))
        if let steal = machine.steal.totalNs { rows.append(("Steal since boot", NumberText.duration(nanoseconds: Double(steal)))) }
        if machine.numa.available { rows.append(("NUMA nodes", String(machine.numa.nodes.count))) }
        if let papi = machine.papi.version { rows.append(("PAPI", papi)) }
        self.rows = rows
    }
}
