import VMM

// The VMM's kernel and mode names are the ones plans and results store.
extension Workload.MMMKernel: Codable {}
extension Workload.IOMode: Codable {}
extension Workload.NetMode: Codable {}
