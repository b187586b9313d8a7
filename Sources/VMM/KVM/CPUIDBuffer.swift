import CLinux

/// A heap buffer laid out as `struct kvm_cpuid2` (a count, then the flexible entry array),
/// for KVM_GET_SUPPORTED_CPUID and KVM_SET_CPUID2.
struct CPUIDBuffer {
    let raw: UnsafeMutableRawPointer
    let capacity: Int

    static let headerBytes = MemoryLayout<kvm_cpuid2>.size

    /// Allocates room for `capacity` entries with `nent` = capacity, runs `body`, frees.
    static func withBuffer<R>(capacity: Int, _ body: (CPUIDBuffer) throws -> R) rethrows -> R {
        let bytes = headerBytes + capacity * MemoryLayout<kvm_cpuid_entry2>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 8)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        defer { raw.deallocate() }
        raw.assumingMemoryBound(to: kvm_cpuid2.self).pointee.nent = UInt32(capacity)
        return try body(CPUIDBuffer(raw: raw, capacity: capacity))
    }

    /// Copies `entries` into a buffer and runs `body` on it.
    static func withEntries<R>(_ entries: [kvm_cpuid_entry2], _ body: (CPUIDBuffer) throws -> R) rethrows -> R {
        try withBuffer(capacity: entries.count) { buffer in
            let first = buffer.raw.advanced(by: headerBytes).assumingMemoryBound(to: kvm_cpuid_entry2.self)
            for (index, entry) in entries.enumerated() { first[index] = entry }
            return try body(buffer)
        }
    }

    /// The entries KVM filled in (`nent` as KVM left it).
    var entries: [kvm_cpuid_entry2] {
        let count = min(Int(raw.assumingMemoryBound(to: kvm_cpuid2.self).pointee.nent), capacity)
        let first = raw.advanced(by: CPUIDBuffer.headerBytes).assumingMemoryBound(to: kvm_cpuid_entry2.self)
        return Array(UnsafeBufferPointer(start: first, count: count))
    }
}
