import VMM

/// How a network case's packets reach the UDP socket.
public enum NetRoute: Hashable, Sendable {
    /// Host: one send(2) per datagram on a connected UDP socket.
    case socket
    /// Guest: the VM's network device, rung in one of its modes; the VMM sends each datagram.
    case guest(Workload.NetMode)

    /// Every route, the host's first.
    public static let all: [NetRoute] = [.socket] + Workload.NetMode.allCases.map(NetRoute.guest)

    public var side: Side {
        switch self {
        case .socket: return .host
        case .guest: return .guest
        }
    }

    /// The name results and ids use: `socket`, or the guest mode's.
    public var name: String {
        switch self {
        case .socket: return "socket"
        case let .guest(mode): return mode.rawValue
        }
    }

    public init?(name: String) {
        guard let route = Self.all.first(where: { $0.name == name }) else { return nil }
        self = route
    }
}
