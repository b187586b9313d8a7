/// What PAPI says about this machine, as `perfv-report info` reports it.
public struct PAPISummary: Sendable, Equatable, Codable {
    /// PAPI initialized.
    public var available: Bool
    /// Library version, e.g. "7.0.0.0".
    @AlwaysEncoded public var version: String?
    /// PAPI_get_hardware_info()->virtualized.
    @AlwaysEncoded public var virtualized: Bool?
    /// PAPI_get_hardware_info()->virtual_vendor_string, e.g. "KVMKVMKVM".
    @AlwaysEncoded public var vmVendor: String?
    /// The full hardware description.
    public var hardware: PAPILibrary.HardwareInfo?
    /// Every component with its disabled reason.
    public var components: [PAPILibrary.Component]
    /// Components PAPI enabled that cannot count by the kernel's word, keyed by
    /// name, with the evidence (``PAPICountingComponents``); nil in a record
    /// not yet checked against its kernel.
    public var refutedComponents: [String: String]?
    /// Why PAPI could not initialize.
    public var error: String?

    /// PAPI's view, with its components checked against `kernelPMU`.
    public static func gather(kernelPMU: PMUInfo) -> PAPISummary {
        do {
            let papi = try PAPILibrary.shared()
            return PAPISummary(available: true, version: papi.version,
                               virtualized: papi.hardwareInfo.virtualized, vmVendor: papi.hardwareInfo.vmVendor,
                               hardware: papi.hardwareInfo, components: papi.components, refutedComponents: nil,
                               error: nil).checked(against: kernelPMU)
        } catch {
            return PAPISummary(available: false, version: nil, virtualized: nil, vmVendor: nil,
                               hardware: nil, components: [], refutedComponents: [:], error: "\(error)")
        }
    }

    /// This view with ``refutedComponents`` filled in from `kernelPMU`, live or
    /// recorded alike.
    public func checked(against kernelPMU: PMUInfo) -> PAPISummary {
        var checked = self
        let refuted = PAPICountingComponents(components: components, kernelPMU: kernelPMU).refuted
        checked.refutedComponents = Dictionary(uniqueKeysWithValues: refuted.map { ($0.component.name, $0.reason) })
        return checked
    }
}
