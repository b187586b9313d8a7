/// What a root's files say about virtualization, without CPUID: the kernel's
/// `hypervisor` flag in /proc/cpuinfo, DMI strings, /sys/hypervisor/type,
/// /proc/xen, and the PCI vendor IDs of virtual devices
/// (/proc/bus/pci/devices, /sys/bus/pci/devices/*/vendor).
///
/// Live detection trusts CPUID; this is what detection falls back to on a
/// root without recorded CPUID leaves, and a second opinion otherwise (a Xen
/// PV guest, for one, is not told by CPUID that it is one).
public struct VirtualizationEvidence: Sendable, Equatable, Codable {
    public static let hypervisorTypePath = "/sys/hypervisor/type"
    public static let procXenPath = "/proc/xen"
    public static let procPCIPath = "/proc/bus/pci/devices"
    public static let sysPCIPath = "/sys/bus/pci/devices"

    /// The hypervisor the evidence names ("KVM", "Xen", …); nil when it names none.
    @AlwaysEncoded public var hypervisor: String?
    /// The `hypervisor` flag was in /proc/cpuinfo (the kernel saw CPUID.1:ECX[31]).
    public var cpuinfoHypervisorFlag: Bool
    /// One line per fact, naming its file, e.g. "/sys/hypervisor/type: xen".
    public var facts: [String]

    /// PCI vendor IDs of virtual devices and who makes them.
    public static let virtualPCIVendors: [UInt16: (device: String, hypervisor: String?)] = [
        0x1AF4: ("virtio (Red Hat)", "KVM"),
        0x15AD: ("VMware virtual device", "VMware"),
        0x1414: ("Microsoft Hyper-V device", "Hyper-V"),
        0x5853: ("Xen platform device", "Xen"),
        0x80EE: ("VirtualBox device", "VirtualBox"),
        0x1D0F: ("Amazon (Nitro ENA/NVMe)", "KVM"),
        0x1AE0: ("Google (gVNIC)", "KVM"),
    ]

    /// Collects the evidence under `root`; `cpuFlags` from /proc/cpuinfo when read.
    public static func gather(root: SystemRoot, cpuFlags: Set<String>?, dmi: DMIIdentity?) -> VirtualizationEvidence {
        var facts: [String] = []
        var named: [String] = []
        let flag = cpuFlags?.contains("hypervisor") == true
        if flag { facts.append("/proc/cpuinfo: hypervisor flag") }

        if let text = try? root.readText(hypervisorTypePath, limit: KernelText.oneValueLimit),
           let type = try? KernelText.singleLine(text, path: hypervisorTypePath) {
            facts.append("\(hypervisorTypePath): \(type)")
            if type == "xen" { named.append("Xen") }
        }
        if root.exists(procXenPath) {
            facts.append("\(procXenPath) exists")
            named.append("Xen")
        }
        if let dmi, let hypervisor = dmi.hypervisor {
            facts.append("DMI (\(dmi.source)): \(dmi.sysVendor ?? "?") / \(dmi.productName ?? "?")")
            named.append(hypervisor)
        }
        for vendor in pciVendors(root: root) {
            guard let known = virtualPCIVendors[vendor] else { continue }
            let digits = String(vendor, radix: 16)
            facts.append("PCI vendor 0x" + String(repeating: "0", count: 4 - digits.count) + digits + ": " + known.device)
            if let hypervisor = known.hypervisor { named.append(hypervisor) }
        }
        return VirtualizationEvidence(hypervisor: named.first, cpuinfoHypervisorFlag: flag, facts: facts)
    }

    /// Distinct PCI vendor IDs, from /proc/bus/pci/devices (second column:
    /// vendor << 16 | device, hexadecimal) or else /sys/bus/pci/devices/*/vendor.
    static func pciVendors(root: SystemRoot) -> [UInt16] {
        var vendors: [UInt16] = []
        func add(_ vendor: UInt16) { if !vendors.contains(vendor) { vendors.append(vendor) } }
        if let text = try? root.readText(procPCIPath, limit: 1024 * 1024) {
            for line in text.split(separator: "\n") {
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if fields.count >= 2, let id = UInt32(fields[1], radix: 16) { add(UInt16(id >> 16)) }
            }
        } else {
            for device in root.directoryEntries(sysPCIPath) {
                let path = "\(sysPCIPath)/\(device)/vendor"
                guard let text = try? root.readText(path, limit: KernelText.oneValueLimit),
                      let line = try? KernelText.singleLine(text, path: path),
                      let id = UInt16(line.hasPrefix("0x") ? line.dropFirst(2) : line, radix: 16) else { continue }
                add(id)
            }
        }
        return vendors
    }
}
