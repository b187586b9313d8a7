/// The cloud a VM runs in and its instance type, from the DMI strings each
/// provider documents (AWS: sys_vendor "Amazon EC2" and product_name the
/// instance type, or a bios_version ending in ".amazon" on Xen instances;
/// GCE: "Google" / "Google Compute Engine"; Azure: the chassis asset tag
/// 7783-7084-3265-9085-8269-3286-77 on a Hyper-V "Virtual Machine").
public struct CloudInfo: Sendable, Equatable, Codable {
    /// "aws", "gce" or "azure"; nil when DMI names no cloud.
    @AlwaysEncoded public var provider: String?
    /// The instance type when DMI carries it (AWS), e.g. "m5.large".
    @AlwaysEncoded public var instanceType: String?
    /// The DMI fields that decided it, e.g. "sys_vendor=Amazon EC2".
    public var evidence: [String]

    static let azureAssetTag = "7783-7084-3265-9085-8269-3286-77"

    public init(dmi: DMIIdentity?) {
        provider = nil
        instanceType = nil
        evidence = []
        guard let dmi else { return }
        if dmi.sysVendor == "Amazon EC2" {
            provider = "aws"
            instanceType = dmi.productName
            evidence = ["sys_vendor=Amazon EC2"] + (dmi.productName.map { ["product_name=\($0)"] } ?? [])
        } else if let version = dmi.biosVersion, version.lowercased().hasSuffix("amazon") {
            provider = "aws"
            evidence = ["bios_version=\(version)"]
        } else if dmi.sysVendor == "Google" || dmi.productName == "Google Compute Engine" {
            provider = "gce"
            evidence = ["sys_vendor=\(dmi.sysVendor ?? "")", "product_name=\(dmi.productName ?? "")"]
        } else if dmi.chassisAssetTag == CloudInfo.azureAssetTag {
            provider = "azure"
            evidence = ["chassis_asset_tag=\(CloudInfo.azureAssetTag)"]
        }
    }
}
