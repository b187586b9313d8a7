/// A KVM capability the VMM checks with KVM_CHECK_EXTENSION, named for error messages.
public struct KVMCapability: Sendable, CustomStringConvertible {
    public let name: String
    public let number: Int32

    public var description: String { "\(name) (\(number))" }

    public static let userMemory = KVMCapability(name: "KVM_CAP_USER_MEMORY", number: 3)
    public static let extendedCPUID = KVMCapability(name: "KVM_CAP_EXT_CPUID", number: 7)
    public static let immediateExit = KVMCapability(name: "KVM_CAP_IMMEDIATE_EXIT", number: 136)
    public static let userSpaceMSR = KVMCapability(name: "KVM_CAP_X86_USER_SPACE_MSR", number: 188)
    public static let msrFilter = KVMCapability(name: "KVM_CAP_X86_MSR_FILTER", number: 189)

    /// What the VMM cannot run without.
    public static let required: [KVMCapability] = [userMemory, extendedCPUID, immediateExit, userSpaceMSR, msrFilter]
}
