/// What CPUID says the processor is: vendor, family/model/stepping and brand string.
public struct CPUIdentity: Sendable, Equatable, Codable {
    /// Leaf 0 EBX, EDX, ECX, e.g. "AuthenticAMD", "GenuineIntel".
    public var vendor: String
    /// Display family: leaf 1 EAX[11:8], plus the extended family EAX[27:20] when the base is 0xF.
    public var family: Int
    /// Display model: leaf 1 EAX[7:4], plus the extended model EAX[19:16] << 4 when the family is 6 or 0xF.
    public var model: Int
    /// Leaf 1 EAX[3:0].
    public var stepping: Int
    /// Leaves 0x80000002–0x80000004, trimmed; nil when the processor does not have them.
    public var brand: String?
    /// Highest basic leaf (leaf 0 EAX).
    public var maxBasicLeaf: UInt32
    /// Highest extended leaf (leaf 0x80000000 EAX); 0 when the extended range is absent.
    public var maxExtendedLeaf: UInt32

    /// Reads the identity through `cpuid`.
    public init(cpuid: some CPUIDSource) {
        let leaf0 = cpuid.query(leaf: 0)
        maxBasicLeaf = leaf0.eax
        vendor = CPUIdentity.text(CPUIDRegisters.bytes(leaf0.ebx, leaf0.edx, leaf0.ecx))

        let signature = maxBasicLeaf >= 1 ? cpuid.query(leaf: 1).eax : 0
        (family, model, stepping) = CPUIdentity.decode(signature: signature)

        let extended = cpuid.query(leaf: 0x8000_0000).eax
        // Without an extended range, some processors echo a basic leaf here.
        maxExtendedLeaf = extended >= 0x8000_0000 && extended <= 0x8000_FFFF ? extended : 0
        if maxExtendedLeaf >= 0x8000_0004 {
            let words = (0x8000_0002...0x8000_0004).flatMap { leaf -> [UInt32] in
                let registers = cpuid.query(leaf: UInt32(leaf))
                return [registers.eax, registers.ebx, registers.ecx, registers.edx]
            }
            let bytes = words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
            let brand = CPUIdentity.text(bytes)
            self.brand = brand.isEmpty ? nil : brand
        } else {
            brand = nil
        }
    }

    /// Family, model and stepping from the CPUID leaf 1 EAX signature, with the
    /// extended fields applied as Intel's SDM and AMD's APM define them.
    public static func decode(signature eax: UInt32) -> (family: Int, model: Int, stepping: Int) {
        let baseFamily = Int((eax >> 8) & 0xF)
        let baseModel = Int((eax >> 4) & 0xF)
        let extendedModel = Int((eax >> 16) & 0xF)
        let extendedFamily = Int((eax >> 20) & 0xFF)
        let family = baseFamily == 0xF ? baseFamily + extendedFamily : baseFamily
        let model = (baseFamily == 0x6 || baseFamily == 0xF) ? (extendedModel << 4) + baseModel : baseModel
        return (family, model, Int(eax & 0xF))
    }

    /// Bytes up to the first NUL as text, trimmed of the padding spaces CPUs add.
    private static func text(_ bytes: [UInt8]) -> String {
        let visible = bytes.prefix { $0 != 0 }.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }
        return String(KernelText.trimmed(Substring(String(decoding: visible, as: UTF8.self))))
    }
}
