import CPerfV
import PerfV

// perfv_system_*: facts from the SystemInfo gathered at perfv_init.

/// Runs `body` with the gathered system facts.
private func withSystem(_ body: (SystemInfo) throws -> Void) -> Int32 {
    Entry.callInitialized { try body(LibraryState.shared.system()) }
}

@c @implementation
public func perfv_system_hypervisor_present(_ present: UnsafeMutablePointer<Int32>?) -> Int32 {
    withSystem { system in
        try CValuesOutput.store(system.hypervisor.present ? 1 : 0, to: present, argument: "present")
    }
}

@c @implementation
public func perfv_system_hypervisor_vendor(_ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                           _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    withSystem { system in
        try CStringOutput.write(system.hypervisor.vendor ?? "", to: buffer, capacity: capacity, length: length)
    }
}

@c @implementation
public func perfv_system_pmu_available(_ available: UnsafeMutablePointer<Int32>?) -> Int32 {
    withSystem { system in
        try CValuesOutput.store(system.pmu.available ? 1 : 0, to: available, argument: "available")
    }
}

@c @implementation
public func perfv_system_pmu_reason(_ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                    _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    withSystem { system in
        try CStringOutput.write(system.pmu.reason ?? "", to: buffer, capacity: capacity, length: length)
    }
}

@c @implementation
public func perfv_system_clocksource(_ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                     _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    withSystem { system in
        guard let current = system.clocksource.current else {
            throw CallFailure(PERFV_ESYS, system.clocksource.error ?? "the current clocksource could not be read")
        }
        try CStringOutput.write(current, to: buffer, capacity: capacity, length: length)
    }
}

@c @implementation
public func perfv_system_kvm_flavor(_ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                    _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    withSystem { system in
        let flavor = system.kvm.devicePresent ? system.kvm.flavor.rawValue : ""
        try CStringOutput.write(flavor, to: buffer, capacity: capacity, length: length)
    }
}
