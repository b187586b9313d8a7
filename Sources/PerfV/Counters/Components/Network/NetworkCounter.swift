/// The per-interface counters of ``NetworkComponent``: files of
/// /sys/class/net/<interface>/statistics/ (Documentation/ABI/testing/sysfs-class-net-statistics).
enum NetworkCounter: String, CaseIterable {
    case receivedBytes = "rx_bytes"
    case receivedPackets = "rx_packets"
    case receiveErrors = "rx_errors"
    case receiveDrops = "rx_dropped"
    case transmittedBytes = "tx_bytes"
    case transmittedPackets = "tx_packets"
    case transmitErrors = "tx_errors"
    case transmitDrops = "tx_dropped"

    var unit: CounterUnit {
        self == .receivedBytes || self == .transmittedBytes ? .bytes : .events
    }

    /// What the counter counts on `interface`, in a sentence.
    func summary(interface: String) -> String {
        let what: String
        switch self {
        case .receivedBytes: what = "bytes received"
        case .receivedPackets: what = "packets received"
        case .receiveErrors: what = "receive errors (bad packets)"
        case .receiveDrops: what = "received packets dropped before reaching the protocol stack"
        case .transmittedBytes: what = "bytes transmitted"
        case .transmittedPackets: what = "packets transmitted"
        case .transmitErrors: what = "transmit errors"
        case .transmitDrops: what = "packets dropped on the way out (e.g. no buffer space)"
        }
        return "\(what) on \(interface) (\(NetworkComponent.classPath)/\(interface)/statistics/\(rawValue))"
    }
}
