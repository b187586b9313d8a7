import VMM

/// An MMM configuration: `size`×`size` doubles multiplied by `kernel` on `side`.
public struct MMMCase: Hashable, Sendable {
    public var size: Int
    public var kernel: Workload.MMMKernel
    public var side: Side
    public var contention: Contention

    public init(size: Int, kernel: Workload.MMMKernel, side: Side, contention: Contention) {
        self.size = size
        self.kernel = kernel
        self.side = side
        self.contention = contention
    }
}
