/// The machine's NUMA layout from libnuma.
public struct NUMAInfo: Sendable, Equatable, Codable {
    /// `numa_available() >= 0`: the kernel supports the NUMA policy calls.
    public var available: Bool
    /// Why `available` is false; nil when it is true.
    @AlwaysEncoded public var reason: String?
    /// The nodes that have memory or CPUs (`numa_nodes_ptr`), in id order.
    public var nodes: [NUMANode]
    /// `numa_distance(from, to)` for every pair of `nodes`, row-major in node
    /// order; 10 is local, larger is farther (ACPI SLIT units).
    public var distances: [[Int]]

    /// Queries libnuma (``NUMALibrary``). Not thread-safe against other libnuma users
    /// changing policy; it only reads.
    public static func gather(root: SystemRoot = .live) -> NUMAInfo {
        let numa: NUMALibrary
        switch NUMALibrary.shared {
        case let .success(library): numa = library
        case let .failure(error): return NUMAInfo(available: false, reason: error.description, nodes: [], distances: [])
        }
        guard numa.available() >= 0 else {
            let reason = root.exists("/sys/devices/system/node")
                ? "numa_available() returned -1: the NUMA policy system calls (get_mempolicy) are refused"
                : "numa_available() returned -1: the kernel has no NUMA support (no /sys/devices/system/node)"
            return NUMAInfo(available: false, reason: reason, nodes: [], distances: [])
        }
        let maxNode = numa.maxNode()
        let nodeIDs = (0...max(0, Int(maxNode))).filter { numa.bitmaskIsBitSet(numa.nodes, UInt32($0)) != 0 }
        let possibleCPUs = Int(numa.numPossibleCPUs())
        let nodes = nodeIDs.map { id -> NUMANode in
            var cpus: [Int] = []
            if let mask = numa.allocateCPUMask() {
                if numa.nodeToCPUs(Int32(id), mask) == 0 {
                    cpus = (0..<possibleCPUs).filter { numa.bitmaskIsBitSet(mask, UInt32($0)) != 0 }
                }
                numa.bitmaskFree(mask)
            }
            var free: Int64 = -1
            let size = numa.nodeSize64(Int32(id), &free)
            return NUMANode(id: id, cpus: cpus,
                            memoryBytes: size >= 0 ? size : nil,
                            freeMemoryBytes: size >= 0 && free >= 0 ? free : nil)
        }
        let distances = nodeIDs.map { from in nodeIDs.map { to in Int(numa.distance(Int32(from), Int32(to))) } }
        return NUMAInfo(available: true, reason: nil, nodes: nodes, distances: distances)
    }
}
