/// The firmware's (SMBIOS/DMI) description of the machine, which hypervisors
/// and clouds fill with their own names: /sys/class/dmi/id/* and, when that
/// directory is absent, the raw table /sys/firmware/dmi/tables/DMI.
///
/// Serial numbers and UUIDs are never read.
public struct DMIIdentity: Sendable, Equatable, Codable {
    public static let directory = "/sys/class/dmi/id"
    public static let tablePath = "/sys/firmware/dmi/tables/DMI"

    /// sys_vendor (SMBIOS type 1 manufacturer), e.g. "Amazon EC2", "QEMU", "VMware, Inc.".
    public var sysVendor: String?
    /// product_name (type 1 product), e.g. "m5.large", "Google Compute Engine", "Virtual Machine".
    public var productName: String?
    /// product_version (type 1 version).
    public var productVersion: String?
    /// bios_vendor (type 0 vendor), e.g. "SeaBIOS", "Xen", "Amazon EC2".
    public var biosVendor: String?
    /// bios_version (type 0 version), e.g. "4.11.amazon".
    public var biosVersion: String?
    /// board_vendor (type 2 manufacturer).
    public var boardVendor: String?
    /// chassis_asset_tag (type 3): Azure writes 7783-7084-3265-9085-8269-3286-77.
    public var chassisAssetTag: String?
    /// The file the values came from.
    public var source: String

    /// The files PerfV reads from /sys/class/dmi/id, by property.
    public static let fileNames = ["sys_vendor", "product_name", "product_version", "bios_vendor",
                                   "bios_version", "board_vendor", "chassis_asset_tag"]

    /// Reads DMI under `root`; nil when neither the directory nor the table exists.
    public static func read(root: SystemRoot) throws -> DMIIdentity? {
        if root.exists(directory) {
            func value(_ name: String) throws -> String? {
                let path = directory + "/" + name
                guard root.exists(path) else { return nil }
                let text = try root.readText(path, limit: KernelText.oneValueLimit)
                // An empty DMI string is legal: the firmware left it blank.
                if KernelText.trimmed(text[...]).isEmpty { return nil }
                return String(try KernelText.singleLine(text, path: path))
            }
            return DMIIdentity(sysVendor: try value("sys_vendor"), productName: try value("product_name"),
                               productVersion: try value("product_version"), biosVendor: try value("bios_vendor"),
                               biosVersion: try value("bios_version"), boardVendor: try value("board_vendor"),
                               chassisAssetTag: try value("chassis_asset_tag"), source: directory)
        }
        guard root.exists(tablePath) else { return nil }
        return try parseTable(root.readBytes(tablePath, limit: 1024 * 1024))
    }

    /// Parses the SMBIOS structure table (DSP0134): each structure is type,
    /// length, handle, `length` formatted bytes, then NUL-terminated strings
    /// ending with an empty one. String fields are 1-based indexes into them.
    static func parseTable(_ bytes: [UInt8]) throws -> DMIIdentity {
        var identity = DMIIdentity(source: tablePath)
        var offset = 0
        while offset + 4 <= bytes.count {
            let type = bytes[offset], length = Int(bytes[offset + 1])
            guard length >= 4, offset + length <= bytes.count else {
                throw PerfVError.malformedFile(path: tablePath, reason: "structure at byte \(offset) overruns the table")
            }
            var strings: [String] = []
            var cursor = offset + length
            var current: [UInt8] = []
            while cursor < bytes.count {
                let byte = bytes[cursor]
                cursor += 1
                if byte != 0 { current.append(byte); continue }
                if current.isEmpty { break }
                strings.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            if strings.isEmpty, cursor < bytes.count, bytes[cursor] == 0 { cursor += 1 }
            func string(at field: Int) -> String? {
                guard field < length else { return nil }
                let index = Int(bytes[offset + field])
                return index >= 1 && index <= strings.count ? strings[index - 1] : nil
            }
            switch type {
            case 0: identity.biosVendor = string(at: 4); identity.biosVersion = string(at: 5)
            case 1: identity.sysVendor = string(at: 4); identity.productName = string(at: 5); identity.productVersion = string(at: 6)
            case 2: identity.boardVendor = string(at: 4)
            case 3: identity.chassisAssetTag = string(at: 8)
            case 127: return identity
            default: break
            }
            offset = cursor
        }
        return identity
    }

    init(sysVendor: String? = nil, productName: String? = nil, productVersion: String? = nil, biosVendor: String? = nil,
         biosVersion: String? = nil, boardVendor: String? = nil, chassisAssetTag: String? = nil, source: String) {
        self.sysVendor = sysVendor
        self.productName = productName
        self.productVersion = productVersion
        self.biosVendor = biosVendor
        self.biosVersion = biosVersion
        self.boardVendor = boardVendor
        self.chassisAssetTag = chassisAssetTag
        self.source = source
    }

    /// The hypervisor these strings name, or nil (bare metal, or unknown firmware).
    public var hypervisor: String? {
        let vendor = sysVendor ?? "", product = productName ?? "", bios = biosVendor ?? ""
        switch true {
        case vendor.hasPrefix("VMware"): return "VMware"
        case vendor == "Microsoft Corporation" && product == "Virtual Machine": return "Hyper-V"
        case vendor == "innotek GmbH" || product == "VirtualBox": return "VirtualBox"
        case vendor == "Xen" || bios == "Xen": return "Xen"
        case vendor == "QEMU" || product == "KVM" || product.hasPrefix("Standard PC"): return "KVM"
        case vendor == "Amazon EC2" && !product.hasSuffix(".metal"): return "KVM"
        case vendor == "Google" && product == "Google Compute Engine": return "KVM"
        default: return nil
        }
    }
}
