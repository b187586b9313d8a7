import VMM

/// How an I/O case's requests reach the storage.
public enum IORoute: Hashable, Sendable {
    /// Host: one pwrite/pread system call per block.
    case systemCalls
    /// Guest: the VM's block device, driven in one of the VMM's modes.
    case guest(Workload.IOMode)

    /// Every route, the host's first.
    public static let all: [IORoute] = [.systemCalls] + Workload.IOMode.allCases.map(IORoute.guest)

    public var side: Side {
        switch self {
        case .systemCalls: return .host
        case .guest: return .guest
        }
    }

    /// The name results and ids use: `syscall`, or the guest mode's.
    public var name: String {
        switch self {
        case .systemCalls: return "syscall"
        case let .guest(mode): return mode.rawValue
        }
    }

    public init?(name: String) {
        guard let route = Self.all.first(where: { $0.name == name }) else { return nil }
        self = route
    }
}
