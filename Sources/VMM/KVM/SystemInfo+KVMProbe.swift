import PerfV

extension SystemInfo {
    /// This machine's ``SystemInfo`` with its KVM section completed by the VMM's
    /// /dev/kvm probe (``KVMSystem/probe(path:files:)``): PerfV reads only KVM's
    /// files, the VMM owns opening the device and the readiness verdict.
    public static func gatherWithKVMProbe(measureClocks: Bool = true) -> SystemInfo {
        var info = SystemInfo.gather(measureClocks: measureClocks)
        info.kvm = KVMSystem.probe(files: info.kvm)
        return info
    }
}
