import PerfV

extension SystemInfo {
    /// Gathers from a directory laid out like `/` (a capture, an environment
    /// entry, a mounted node): CPUID from its `cpuid` table (else the root's
    /// evidence decides), probes replayed from its `probes.json`. Nothing is
    /// probed or measured on this machine.
    public static func gather(rootDirectory: String) throws -> SystemInfo {
        let cpuid = try RecordedCPUID.read(directory: rootDirectory)
        let record = try ProbeRecord.read(directory: rootDirectory)
        var info = gather(root: SystemRoot(prefix: rootDirectory), cpuid: cpuid, probes: .recorded(record),
                          measureClocks: false)
        info.origin = rootDirectory
        return info
    }
}
