/// The stack this process runs on, bottom up: hardware, the hypervisor(s),
/// and the container, each with what PerfV knows of it — what an admin reads
/// first in `perfv-report info`.
public struct SystemLayers: Sendable, Equatable, Codable {
    public struct Layer: Sendable, Equatable, Codable {
        /// "hardware", "hypervisor", "nested hypervisor" or "container".
        public var kind: String
        /// e.g. "GenuineIntel Xeon", "KVM", "docker".
        public var name: String
        /// What else is known: cloud and instance type, cgroup version and quota…
        public var detail: String
    }

    public var layers: [Layer]

    public init(cpu: CPUInfo, hypervisor: HypervisorInfo, cloud: CloudInfo, kvm: KVMHostInfo, container: ContainerInfo) {
        var layers = [Layer(kind: "hardware", name: cpu.brand ?? cpu.vendor,
                            detail: cpu.signature
                                + (hypervisor.present ? " (as the hypervisor presents it)" : ""))]
        if hypervisor.present {
            var detail: [String] = ["from \(hypervisor.source)"]
            if hypervisor.signatures.count > 1 {
                detail.append("signatures " + hypervisor.signatures.map { "\"\($0.signature)\"" }.joined(separator: ", "))
            }
            if let provider = cloud.provider {
                detail.append("cloud \(provider)" + (cloud.instanceType.map { ", instance type \($0)" } ?? ""))
            }
            layers.append(Layer(kind: "hypervisor", name: hypervisor.vendorName ?? hypervisor.vendor ?? "unknown",
                                detail: detail.joined(separator: "; ")))
            // A guest whose kernel drives VT-x/AMD-V can itself host VMs: nested virtualization.
            if kvm.virtualization == "hardware" || ["vmx", "svm"].contains(kvm.hardwareVirtualizationFlag ?? "") {
                layers.append(Layer(kind: "nested hypervisor", name: "KVM",
                                    detail: "this VM offers \(kvm.hardwareVirtualizationFlag ?? "hardware virtualization") to its own guests"))
            }
        }
        if let runtime = container.runtime {
            var detail = container.cgroupVersion.map { ["cgroup v\($0)"] } ?? ["cgroup version unknown"]
            detail.append(container.cpuQuota.map { "CPU quota " + FixedDecimal.text($0, digits: 2) + " CPUs" } ?? "no CPU quota")
            layers.append(Layer(kind: "container", name: runtime, detail: detail.joined(separator: ", ")))
        }
        self.layers = layers
    }

    /// "hardware → KVM (hypervisor) → docker (container)".
    public var summary: String {
        layers.map { $0.kind == "hardware" ? "hardware" : "\($0.name) (\($0.kind))" }.joined(separator: " → ")
    }
}
