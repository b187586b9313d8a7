import ArgumentParser
import VMM

extension VMCommand {
    /// Options every `vm run` workload takes.
    struct MachineOptions: ParsableArguments {
        @Option(name: .long, help: "Guest RAM in MiB (a multiple of 2, 16...3072).")
        var memoryMib: UInt64 = 256

        @Option(name: .long, help: "Seconds before the watchdog stops the guest.")
        var timeout: Double = 120

        @Option(name: .long, parsing: .upToNextOption, help: "Host CPU for each vCPU thread, in vCPU order.")
        var pin: [Int] = []

        @Option(name: .long, help: "Bind guest RAM to this NUMA node (libnuma).")
        var numaNode: Int?

        @Option(name: .long, help: ArgumentHelp(
            "The hypervisor the guest sees: kvm (KVM's CPUID block, the default), hyperv (\"Microsoft Hv\" with TIME_REF_COUNT, VP_RUNTIME and GUEST_OS_ID MSRs), vmware (\"VMwareVMware\" with the 0x40000010 timing leaf and the backdoor port 0x5658) or none (no hypervisor bit, no 0x4000xxxx leaves).",
            valueName: "kvm|hyperv|vmware|none"))
        var personality: HypervisorPersonality = .kvm

        @Flag(name: .long, help: "Print one JSON object instead of text.")
        var json = false

        func validate() throws {
            let range = (GuestLayout.minimumRAMBytes >> 20)...(GuestLayout.maximumRAMBytes >> 20)
            guard range.contains(memoryMib), memoryMib % (GuestLayout.largePageBytes >> 20) == 0 else {
                throw ValidationError("--memory-mib must be an even number of MiB in 16...3072")
            }
            guard MachineConfiguration.isValidTimeout(timeout) else {
                throw ValidationError("--timeout must be \(MachineConfiguration.timeoutRule)")
            }
            if let bad = pin.first(where: { $0 < 0 }) { throw ValidationError("--pin: \(bad) is not a CPU number") }
            if let numaNode, numaNode < 0 { throw ValidationError("--numa-node must be a node number (0 or more)") }
        }

        func configuration(_ workload: Workload, vcpus: Int) -> MachineConfiguration {
            var configuration = MachineConfiguration(workload: workload)
            configuration.memoryBytes = memoryMib << 20
            configuration.vcpuCount = vcpus
            configuration.timeoutSeconds = timeout
            configuration.pinnedCPUs = pin.isEmpty ? nil : pin
            configuration.numaNode = numaNode
            configuration.personality = personality
            return configuration
        }
    }
}
