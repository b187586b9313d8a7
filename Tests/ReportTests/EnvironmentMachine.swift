import Foundation
import PerfV
import SystemReport

/// Machines of the environment atlas (data/environments/<shape>), read offline, so
/// the report's machine facts are real ones whatever machine runs the tests.
enum EnvironmentMachine {
    static let atlas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/environments")

    /// This build machine as captured: a KVM guest whose /dev/kvm is PVM.
    static let kvmGuestWithPVM = "this-machine-kvm-pvm-docker-papi-default"
    /// Bare metal with kvm_intel.
    static let bareMetalIntel = "bare-metal-intel"

    static func info(_ shape: String) throws -> SystemInfo {
        try SystemInfo.gather(rootDirectory: atlas.appendingPathComponent(shape).path)
    }
}
