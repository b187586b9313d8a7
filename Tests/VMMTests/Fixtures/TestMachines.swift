import Foundation
import Testing
@testable import VMM

/// Shared helpers: is KVM here, and how to run the fixture guest.
enum TestMachines {
    /// Whether this machine has a KVM device; tests that need one check the typed error otherwise.
    static let kvmPresent = FileManager.default.fileExists(atPath: KVMSystem.defaultPath)

    /// A configuration running fixture behaviour `behaviour` with small RAM and a short watchdog.
    static func fixture(_ behaviour: FixtureGuest.Behaviour, vcpus: Int = 1, timeout: Double = 20,
                        arguments: [UInt64] = []) throws -> MachineConfiguration {
        var configuration = MachineConfiguration(workload: .raw(number: behaviour.rawValue, arguments: arguments))
        configuration.image = try FixtureGuest.elf.get()
        configuration.memoryBytes = 32 << 20
        configuration.vcpuCount = vcpus
        configuration.timeoutSeconds = timeout
        return configuration
    }

    /// Runs the configuration; without KVM, checks that the typed error says so and returns nil.
    static func run(_ configuration: MachineConfiguration) throws -> RunResult? {
        guard kvmPresent else {
            #expect(throws: VMMError.self) { try Machine(configuration) }
            do { _ = try Machine(configuration) } catch let VMMError.kvmUnavailable(path) {
                #expect(path == KVMSystem.defaultPath)
            } catch {
                Issue.record("expected .kvmUnavailable, got \(error)")
            }
            return nil
        }
        return try Machine(configuration).run()
    }

    /// Runs and returns the VMMError the run ended with (nil without KVM).
    static func failure(_ configuration: MachineConfiguration) throws -> VMMError? {
        guard kvmPresent else {
            _ = try run(configuration)
            return nil
        }
        do {
            let result = try Machine(configuration).run()
            Issue.record("expected the run to fail; console: \(result.console)")
            return nil
        } catch let error as VMMError {
            return error
        }
    }
}
