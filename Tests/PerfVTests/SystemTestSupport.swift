import Foundation
@testable import PerfV

/// CPUID answers from a table: leaves not in it read as zero, as an AMD
/// processor answers for leaves it does not implement.
struct SyntheticCPUID: CPUIDSource {
    var leaves: [UInt32: CPUIDRegisters]

    func query(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters { leaves[leaf] ?? .zero }

    /// Registers whose EBX, ECX, EDX spell `signature` (12 bytes, NUL padded)
    /// the way hypervisor leaves do, with `eax` as the max leaf.
    static func signatureLeaf(_ signature: String, eax: UInt32) -> CPUIDRegisters {
        var bytes = Array(signature.utf8.prefix(12))
        bytes += Array(repeating: 0, count: 12 - bytes.count)
        func word(_ offset: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) }
        }
        return CPUIDRegisters(eax: eax, ebx: word(0), ecx: word(4), edx: word(8))
    }

    /// A guest's basic leaves: max basic leaf 0xD, leaf 1 with the hypervisor bit.
    static func guestBasicLeaves(hypervisorBit: Bool = true) -> [UInt32: CPUIDRegisters] {
        [0: CPUIDRegisters(eax: 0xD, ebx: 0x6874_7541, ecx: 0x444D_4163, edx: 0x6974_6E65),
         1: CPUIDRegisters(eax: 0x00B0_0F21, ecx: hypervisorBit ? 1 << 31 : 0)]
    }
}

/// A directory laid out like `/`, removed when the fixture is released.
final class FixtureRoot {
    let path: String
    var root: SystemRoot { SystemRoot(prefix: path) }

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("perfv-system-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` at absolute-looking `file` (e.g. "/sys/module/kvm/parameters/enable_pmu").
    func write(_ file: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func makeDirectory(_ directory: String) throws {
        try FileManager.default.createDirectory(atPath: path + directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Whether `error` is `PerfVError.malformedFile` for `path`.
func isMalformed(_ error: any Error, path: String) -> Bool {
    if case let .malformedFile(errorPath, _)? = error as? PerfVError { return errorPath == path }
    return false
}
