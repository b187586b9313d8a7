/// CPUID answers recorded in a text table: the `cpuid` file of an environment
/// entry (data/environments/<shape>/cpuid) or of a `perfv-report capture`.
///
/// One leaf per line, six hexadecimal numbers separated by blanks:
///
///     # leaf     subleaf  eax      ebx      ecx      edx
///     0x00000000 0x0 0x0000000d 0x68747541 0x444d4163 0x69746e65
///
/// `#` starts a comment. A leaf not in the table answers zero, as processors
/// answer for leaves they do not implement; a leaf recorded only for subleaf 0
/// answers the same for every subleaf.
public struct RecordedCPUID: CPUIDSource, Equatable {
    /// Name of the table inside an entry or capture.
    public static let fileName = "cpuid"
    /// Longest table accepted (a full dump is a few hundred lines).
    public static let sizeLimit = 1024 * 1024

    public var leaves: [Key: CPUIDRegisters]

    public struct Key: Hashable, Sendable, Comparable {
        public var leaf: UInt32
        public var subleaf: UInt32
        public init(leaf: UInt32, subleaf: UInt32 = 0) {
            self.leaf = leaf
            self.subleaf = subleaf
        }
        public static func < (lhs: Key, rhs: Key) -> Bool { (lhs.leaf, lhs.subleaf) < (rhs.leaf, rhs.subleaf) }
    }

    public init(leaves: [Key: CPUIDRegisters]) { self.leaves = leaves }

    public func query(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters {
        leaves[Key(leaf: leaf, subleaf: subleaf)] ?? leaves[Key(leaf: leaf, subleaf: 0)] ?? .zero
    }

    /// Parses the table; `path` names the file in errors.
    public static func parse(_ text: String, path: String) throws -> RecordedCPUID {
        let body = try KernelText.content(text, path: path, limit: sizeLimit)
        var leaves: [Key: CPUIDRegisters] = [:]
        for (number, rawLine) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = KernelText.trimmed(rawLine.prefix { $0 != "#" })
            if line.isEmpty { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let values = fields.compactMap { field -> UInt32? in
                let digits = field.hasPrefix("0x") || field.hasPrefix("0X") ? field.dropFirst(2) : field[...]
                return UInt32(digits, radix: 16)
            }
            guard fields.count == 6, values.count == 6 else {
                throw PerfVError.malformedFile(
                    path: path, reason: "line \(number + 1): expected 6 hexadecimal numbers (leaf subleaf eax ebx ecx edx), found \"\(KernelText.excerpt(line))\"")
            }
            leaves[Key(leaf: values[0], subleaf: values[1])] =
                CPUIDRegisters(eax: values[2], ebx: values[3], ecx: values[4], edx: values[5])
        }
        return RecordedCPUID(leaves: leaves)
    }

    /// Reads `<directory>/cpuid`, or nil when the entry has no table.
    public static func read(directory: String) throws -> RecordedCPUID? {
        let root = SystemRoot(prefix: directory)
        let file = "/" + fileName
        guard root.exists(file) else { return nil }
        return try parse(root.readText(file, limit: sizeLimit), path: root.resolve(file))
    }

    /// Every leaf a detection may ask, read from `cpuid`: the basic range
    /// 0…max (subleaves of 0x4, 0x7, 0xB, 0xD), every hypervisor block and
    /// the extended range 0x80000000…max.
    public static func dump(from cpuid: some CPUIDSource) -> RecordedCPUID {
        var leaves: [Key: CPUIDRegisters] = [:]
        func record(_ leaf: UInt32, _ subleaf: UInt32 = 0) {
            leaves[Key(leaf: leaf, subleaf: subleaf)] = cpuid.query(leaf: leaf, subleaf: subleaf)
        }
        let maxBasic = min(cpuid.query(leaf: 0).eax, 0x7F)
        for leaf in 0...maxBasic {
            switch leaf {
            case 0x4:
                // Cache descriptors until type (EAX[4:0]) is 0.
                for subleaf in UInt32(0)..<16 {
                    record(leaf, subleaf)
                    if cpuid.query(leaf: leaf, subleaf: subleaf).eax & 0x1F == 0 { break }
                }
            case 0x7:
                let count = min(cpuid.query(leaf: 0x7).eax, 8)
                for subleaf in 0...count { record(leaf, subleaf) }
            case 0xB:
                // Topology levels until the level type (ECX[15:8]) is 0.
                for subleaf in UInt32(0)..<8 {
                    record(leaf, subleaf)
                    if (cpuid.query(leaf: leaf, subleaf: subleaf).ecx >> 8) & 0xFF == 0 { break }
                }
            case 0xD:
                for subleaf in UInt32(0)..<20 { record(leaf, subleaf) }
            default:
                record(leaf)
            }
        }
        if maxBasic >= 1, cpuid.query(leaf: 1).ecx & (1 << 31) != 0 {
            for base in stride(from: UInt32(0x4000_0000), through: HypervisorInfo.lastBase, by: 0x100) {
                guard let block = HypervisorBlock.read(base: base, cpuid: cpuid) else { continue }
                for leaf in base...min(max(block.highestLeaf, base + 0x10), base + 0xFF) { record(leaf) }
            }
        }
        let maxExtended = cpuid.query(leaf: 0x8000_0000).eax
        if maxExtended >= 0x8000_0000 && maxExtended <= 0x8000_00FF {
            for leaf in 0x8000_0000...maxExtended { record(leaf) }
        }
        return RecordedCPUID(leaves: leaves)
    }

    /// The table as text, in leaf order, with its header comment.
    public var text: String {
        func hex(_ value: UInt32, _ width: Int = 8) -> String {
            let digits = String(value, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var lines = ["# leaf subleaf eax ebx ecx edx (hexadecimal; see data/environments/README.md)"]
        for key in leaves.keys.sorted() {
            let r = leaves[key]!
            lines.append([hex(key.leaf), hex(key.subleaf, 1), hex(r.eax), hex(r.ebx), hex(r.ecx), hex(r.edx)].joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
