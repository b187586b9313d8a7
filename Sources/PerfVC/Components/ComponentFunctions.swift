import CPerfV
import PerfV

// perfv_component_*: the registry of counter components (PerfV's
// ComponentRegistry.shared), enabled or not, in registration order.

/// The component at `index`, or PERFV_EINVAL naming the valid range.
private func component(at index: Int32) throws -> any CounterComponent {
    let all = ComponentRegistry.shared.all
    guard index >= 0, Int(index) < all.count else {
        throw CallFailure.invalidArgument("component index \(index) is out of range; there are \(all.count) components")
    }
    return all[Int(index)]
}

@c @implementation
public func perfv_component_count(_ count: UnsafeMutablePointer<Int32>?) -> Int32 {
    Entry.callInitialized {
        try CValuesOutput.store(Int32(ComponentRegistry.shared.all.count), to: count, argument: "count")
    }
}

@c @implementation
public func perfv_component_name(_ index: Int32, _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                 _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    Entry.callInitialized {
        try CStringOutput.write(component(at: index).name, to: buffer, capacity: capacity, length: length)
    }
}

@c @implementation
public func perfv_component_enabled(_ index: Int32, _ enabled: UnsafeMutablePointer<Int32>?) -> Int32 {
    Entry.callInitialized {
        try CValuesOutput.store(component(at: index).status.isEnabled ? 1 : 0, to: enabled, argument: "enabled")
    }
}

@c @implementation
public func perfv_component_disabled_reason(_ index: Int32, _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                            _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    Entry.callInitialized {
        var reason = ""
        if case let .disabled(text) = try component(at: index).status { reason = text }
        try CStringOutput.write(reason, to: buffer, capacity: capacity, length: length)
    }
}
