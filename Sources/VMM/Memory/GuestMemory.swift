import PerfV
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Guest RAM: one anonymous host mapping (mmap MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE)
/// seen by the guest at guest-physical address 0. Every host-side access is bounds-checked.
public final class GuestMemory {
    /// Size in bytes; guest-physical addresses [0, size) are RAM.
    public let size: UInt64
    let base: UnsafeMutableRawPointer

    /// Maps `size` bytes; with `numaNode`, binds the pages to that node (numa_tonode_memory).
    public init(size: UInt64, numaNode: Int? = nil) throws {
        guard size > 0, size <= GuestLayout.maximumRAMBytes else {
            throw VMMError.invalidConfiguration("RAM size \(size) must be in 1...\(GuestLayout.maximumRAMBytes) bytes")
        }
        let mapping = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mapping, mapping != MAP_FAILED else {
            throw VMMError.systemCall(.lastError(of: "mmap(guest RAM, \(size) bytes)"))
        }
        self.size = size
        self.base = mapping
        if let numaNode {
            do { try GuestMemory.bind(mapping, size: size, node: numaNode) } catch {
                munmap(mapping, Int(size))
                throw error
            }
        }
    }

    deinit { munmap(base, Int(size)) }

    /// The host pointer for KVM_SET_USER_MEMORY_REGION.
    var hostAddress: UnsafeMutableRawPointer { base }

    /// Whether [address, address+length) lies inside RAM (overflow-safe).
    public func contains(_ address: UInt64, length: UInt64) -> Bool {
        address <= size && length <= size - address
    }

    /// The host pointer for [address, address+length), or a typed error when outside RAM.
    func pointer(at address: UInt64, length: UInt64) throws -> UnsafeMutableRawPointer {
        guard contains(address, length: length) else {
            throw VMMError.guestAddressOutOfRange(address: address, length: length, ramBytes: size)
        }
        return base.advanced(by: Int(address))
    }

    /// Copies `count` bytes out of guest memory.
    public func read(at address: UInt64, count: Int) throws -> [UInt8] {
        let source = try pointer(at: address, length: UInt64(count))
        return Array(UnsafeRawBufferPointer(start: source, count: count))
    }

    /// Copies bytes into guest memory.
    public func write(_ bytes: some Collection<UInt8>, at address: UInt64) throws {
        let destination = try pointer(at: address, length: UInt64(bytes.count))
        UnsafeMutableRawBufferPointer(start: destination, count: bytes.count).copyBytes(from: bytes)
    }

    /// Reads a trivial value (a C struct or an integer) at `address`; no alignment needed.
    public func load<T>(_ type: T.Type = T.self, at address: UInt64) throws -> T {
        try pointer(at: address, length: UInt64(MemoryLayout<T>.size)).loadUnaligned(as: T.self)
    }

    /// Writes a trivial value at `address`.
    public func store<T>(_ value: T, at address: UInt64) throws {
        try pointer(at: address, length: UInt64(MemoryLayout<T>.size)).storeBytes(of: value, as: T.self)
    }

    /// Fills [address, address+length) with zero bytes.
    public func zero(at address: UInt64, length: UInt64) throws {
        try pointer(at: address, length: length).initializeMemory(as: UInt8.self, repeating: 0, count: Int(length))
    }

    /// numa_tonode_memory(3) after checking numa_available(3) and the node number.
    private static func bind(_ mapping: UnsafeMutableRawPointer, size: UInt64, node: Int) throws {
        let numa: NUMALibrary
        switch NUMALibrary.shared {
        case let .success(library): numa = library
        case let .failure(error): throw VMMError.numaUnavailable(node: node, reason: error.description)
        }
        guard numa.available() >= 0 else {
            throw VMMError.numaUnavailable(node: node, reason: "numa_available() says this kernel or machine has no NUMA support")
        }
        let highest = Int(numa.maxNode())
        guard node >= 0, node <= highest else {
            throw VMMError.numaUnavailable(node: node, reason: "nodes are 0...\(highest)")
        }
        numa.toNodeMemory(mapping, Int(size), Int32(node))
    }
}
