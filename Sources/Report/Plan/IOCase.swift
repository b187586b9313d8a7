/// An I/O configuration: `blockCount` blocks of `blockSize` bytes written, then read
/// back, along `route` (which decides the side).
public struct IOCase: Hashable, Sendable {
    public var blockCount: Int
    public var blockSize: Int
    public var route: IORoute

    public init(blockCount: Int, blockSize: Int, route: IORoute) {
        self.blockCount = blockCount
        self.blockSize = blockSize
        self.route = route
    }
}
