/// The parts of /proc/cpuinfo PerfV uses: one entry per logical CPU with its
/// package and core, and the feature flags the kernel reports (which include
/// the kernel's own synthetic flags such as `constant_tsc`, `nonstop_tsc`).
public struct ProcCPUInfo: Sendable, Equatable {
    public struct Processor: Sendable, Equatable {
        /// "processor" field.
        public var index: Int
        /// "physical id" field (socket), when present.
        public var physicalID: Int?
        /// "core id" field, when present.
        public var coreID: Int?
    }

    public static let path = "/proc/cpuinfo"
    /// Longest /proc/cpuinfo accepted: ~2 KiB per CPU leaves room for 2048 CPUs.
    public static let sizeLimit = 4 * 1024 * 1024

    public var processors: [Processor]
    /// The "flags" of the first processor.
    public var flags: Set<String>
    /// The first processor's "vendor_id", "cpu family", "model", "stepping" and
    /// "model name", for a root without CPUID leaves.
    public var vendorID: String? = nil
    public var family: Int? = nil
    public var model: Int? = nil
    public var stepping: Int? = nil
    public var modelName: String? = nil

    /// Parses the text of /proc/cpuinfo (x86 layout: "key<TAB>: value" lines,
    /// a blank line between processors).
    public static func parse(_ text: String, path: String = path) throws -> ProcCPUInfo {
        let body = try KernelText.content(text, path: path, limit: sizeLimit)
        var processors: [Processor] = []
        var flags: Set<String>?
        var vendorID: String?, family: Int?, model: Int?, stepping: Int?, modelName: String?
        for (number, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if KernelText.trimmed(line).isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw PerfVError.malformedFile(path: path, reason: "line \(number + 1) has no ':' (\"\(KernelText.excerpt(line))\")")
            }
            let key = KernelText.trimmed(line[..<colon])
            let value = KernelText.trimmed(line[line.index(after: colon)...])
            func integer() throws -> Int {
                guard let parsed = Int(value) else {
                    throw PerfVError.malformedFile(path: path, reason: "line \(number + 1): \(key) is not an integer (\"\(KernelText.excerpt(value))\")")
                }
                return parsed
            }
            switch key {
            case "processor":
                processors.append(Processor(index: try integer()))
            case "physical id", "core id":
                guard !processors.isEmpty else {
                    throw PerfVError.malformedFile(path: path, reason: "line \(number + 1): \(key) before any processor line")
                }
                if key == "physical id" {
                    processors[processors.count - 1].physicalID = try integer()
                } else {
                    processors[processors.count - 1].coreID = try integer()
                }
            case "vendor_id" where vendorID == nil: vendorID = String(value)
            case "cpu family" where family == nil: family = Int(value)
            case "model" where model == nil: model = Int(value)
            case "stepping" where stepping == nil: stepping = Int(value)
            case "model name" where modelName == nil: modelName = String(value)
            case "flags" where flags == nil:
                flags = Set(value.split(separator: " ").map(String.init))
            default:
                continue
            }
        }
        guard !processors.isEmpty else {
            throw PerfVError.malformedFile(path: path, reason: "no \"processor\" entries")
        }
        guard let flags else {
            throw PerfVError.malformedFile(path: path, reason: "no \"flags\" line")
        }
        return ProcCPUInfo(processors: processors, flags: flags, vendorID: vendorID, family: family,
                           model: model, stepping: stepping, modelName: modelName)
    }

    /// Reads and parses /proc/cpuinfo under `root`.
    public static func read(root: SystemRoot) throws -> ProcCPUInfo {
        try parse(root.readText(path, limit: sizeLimit))
    }
}
