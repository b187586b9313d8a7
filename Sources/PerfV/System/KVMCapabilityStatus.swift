/// What KVM_CHECK_EXTENSION said about one capability: the data `SystemInfo.kvm`
/// carries and capture records replay. Which capabilities are asked, and what makes
/// KVM ready, is the VMM's (`KVMCapability`, `KVMSystem.probe`).
public struct KVMCapabilityStatus: Sendable, Equatable, Codable {
    /// The constant's name in <linux/kvm.h>, e.g. "KVM_CAP_X86_USER_SPACE_MSR".
    public var name: String
    /// Its number.
    public var number: Int32
    /// KVM_CHECK_EXTENSION's answer: 0 unsupported, ≥1 supported (some return a count or mask).
    public var value: Int32
    public var supported: Bool { value > 0 }

    private enum CodingKeys: String, CodingKey { case name, number, value, supported }

    public init(name: String, number: Int32, value: Int32) {
        self.name = name
        self.number = number
        self.value = value
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name),
                  number: try container.decode(Int32.self, forKey: .number),
                  value: try container.decode(Int32.self, forKey: .value))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(number, forKey: .number)
        try container.encode(value, forKey: .value)
        try container.encode(supported, forKey: .supported)
    }
}
