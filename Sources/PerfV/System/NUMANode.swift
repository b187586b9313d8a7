/// One NUMA node: its CPUs and memory.
public struct NUMANode: Sendable, Equatable, Codable {
    public var id: Int
    /// CPUs of the node (`numa_node_to_cpus`).
    public var cpus: [Int]
    /// Memory of the node in bytes (`numa_node_size64`); nil when libnuma cannot say.
    public var memoryBytes: Int64?
    /// Free memory of the node in bytes at the time of reading.
    public var freeMemoryBytes: Int64?
}
