import CLinux
import Foundation
import PerfV

/// The machine a report was measured on, with its load at the start and the end of the run
/// (figures from a loaded machine are noisier; the ratios are what carries over).
struct MachineDescription: Codable, Equatable, Sendable {
    var cpuModel: String
    /// Online logical CPUs.
    var cpuCount: Int
    var kernel: String
    /// CPUID leaf 0x40000000 signature when CPUID.1:ECX[31] (hypervisor present) is set.
    var hypervisor: String?
    /// "PVM (software virtualization)", "hardware (kvm_intel)", ... from /sys/module.
    var kvmFlavor: String?
    var papiVersion: String?
    /// 1, 5 and 15 minute load averages (/proc/loadavg).
    var loadAverageAtStart: [Double]
    var loadAverageAtEnd: [Double]?
    /// "release" or "debug": figures from a debug build are not figures.
    var build: String

    static func current() -> MachineDescription {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return MachineDescription(
            cpuModel: cpuModel() ?? "unknown", cpuCount: sysconf(Int32(_SC_NPROCESSORS_ONLN)), kernel: release,
            hypervisor: hypervisorSignature(), kvmFlavor: kvmFlavor(), papiVersion: try? PAPILibrary.shared().version,
            loadAverageAtStart: loadAverage(), loadAverageAtEnd: nil, build: build)
    }

    static func loadAverage() -> [Double] {
        guard let text = try? ResidentMemory.read("/proc/loadavg") else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    private static func cpuModel() -> String? {
        guard let text = try? ResidentMemory.read("/proc/cpuinfo") else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func hypervisorSignature() -> String? {
        var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
        perfv_cpuid(1, 0, &eax, &ebx, &ecx, &edx)
        guard ecx & (1 << 31) != 0 else { return nil }
        perfv_cpuid(0x4000_0000, 0, &eax, &ebx, &ecx, &edx)
        let bytes = [ebx, ecx, edx].flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
    }

    private static func kvmFlavor() -> String? {
        let modules = [("kvm_pvm", "PVM (software virtualization)"), ("kvm_intel", "hardware (kvm_intel)"),
                       ("kvm_amd", "hardware (kvm_amd)")]
        return modules.first { FileManager.default.fileExists(atPath: "/sys/module/\($0.0)") }?.1
    }
}
