import CNUMA
#if canImport(Glibc)
import Glibc
#endif

/// libnuma, opened with dlopen(3) the first time NUMA facts are asked for rather
/// than linked: its constructor reads /proc/self/status and every node's meminfo at
/// load, which every program linking libperfv paid at start (~0.3 ms here) whether
/// or not it asked. The functions are the default (newest) versions, the ones
/// <numa.h> declares.
public struct NUMALibrary: @unchecked Sendable {
    /// The library, or why it could not be opened; opened once per process.
    public static let shared: Result<NUMALibrary, NUMALibraryError> = Result { () throws(NUMALibraryError) in
        try NUMALibrary(path: "libnuma.so.1")
    }

    public let available: @convention(c) () -> Int32
    public let maxNode: @convention(c) () -> Int32
    public let numPossibleCPUs: @convention(c) () -> Int32
    public let bitmaskIsBitSet: @convention(c) (UnsafePointer<bitmask>?, UInt32) -> Int32
    public let allocateCPUMask: @convention(c) () -> UnsafeMutablePointer<bitmask>?
    public let bitmaskFree: @convention(c) (UnsafeMutablePointer<bitmask>?) -> Void
    public let nodeToCPUs: @convention(c) (Int32, UnsafeMutablePointer<bitmask>?) -> Int32
    public let nodeSize64: @convention(c) (Int32, UnsafeMutablePointer<Int64>?) -> Int64
    public let distance: @convention(c) (Int32, Int32) -> Int32
    public let toNodeMemory: @convention(c) (UnsafeMutableRawPointer?, Int, Int32) -> Void
    /// `numa_nodes_ptr`: the nodes with memory or CPUs, set up by libnuma's constructor.
    private let nodesPointer: UnsafeMutablePointer<UnsafeMutablePointer<bitmask>?>

    public var nodes: UnsafeMutablePointer<bitmask>? { nodesPointer.pointee }

    /// dlopen(3)s `path` (kept open for the process) and dlsym(3)s every function.
    init(path: String) throws(NUMALibraryError) {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .notLoaded(path: path, reason: dlerror().map { String(cString: $0) } ?? "dlopen failed")
        }
        func symbol<Function>(_ name: String, as type: Function.Type) throws(NUMALibraryError) -> Function {
            guard let address = dlsym(handle, name) else { throw .missingSymbol(path: path, name: name) }
            return unsafeBitCast(address, to: type)
        }
        available = try symbol("numa_available", as: (@convention(c) () -> Int32).self)
        maxNode = try symbol("numa_max_node", as: (@convention(c) () -> Int32).self)
        numPossibleCPUs = try symbol("numa_num_possible_cpus", as: (@convention(c) () -> Int32).self)
        bitmaskIsBitSet = try symbol("numa_bitmask_isbitset", as: (@convention(c) (UnsafePointer<bitmask>?, UInt32) -> Int32).self)
        allocateCPUMask = try symbol("numa_allocate_cpumask", as: (@convention(c) () -> UnsafeMutablePointer<bitmask>?).self)
        bitmaskFree = try symbol("numa_bitmask_free", as: (@convention(c) (UnsafeMutablePointer<bitmask>?) -> Void).self)
        nodeToCPUs = try symbol("numa_node_to_cpus", as: (@convention(c) (Int32, UnsafeMutablePointer<bitmask>?) -> Int32).self)
        nodeSize64 = try symbol("numa_node_size64", as: (@convention(c) (Int32, UnsafeMutablePointer<Int64>?) -> Int64).self)
        distance = try symbol("numa_distance", as: (@convention(c) (Int32, Int32) -> Int32).self)
        toNodeMemory = try symbol("numa_tonode_memory", as: (@convention(c) (UnsafeMutableRawPointer?, Int, Int32) -> Void).self)
        guard let nodes = dlsym(handle, "numa_nodes_ptr") else { throw .missingSymbol(path: path, name: "numa_nodes_ptr") }
        nodesPointer = nodes.assumingMemoryBound(to: UnsafeMutablePointer<bitmask>?.self)
    }
}
