/// One counter file of an InfiniBand (or RoCE) port, as ``InfiniBandComponent`` offers it.
///
/// Layout (Documentation/ABI/stable/sysfs-class-infiniband):
/// /sys/class/infiniband/<device>/ports/<port>/counters/<name> holds the PMA port
/// counters every HCA has; .../hw_counters/<name> the driver's own. `port_xmit_data`
/// and `port_rcv_data` count octets divided by 4, so they are multiplied by 4 into bytes.
struct InfiniBandCounterFile {
    var device: String
    var port: String
    var counter: String
    /// True for hw_counters/, false for counters/.
    var isDriverCounter: Bool

    static let classPath = "/sys/class/infiniband"
    /// hw_counters/lifespan is the statistics cache's lifetime in ms, not a counter.
    static let notCounters: Set<String> = ["lifespan"]
    /// Counters the kernel documents in 4-byte words.
    static let wordCounters: Set<String> = ["port_xmit_data", "port_rcv_data"]

    /// `mlx5_0:1:port_rcv_data`.
    var eventName: String { "\(device):\(port):\(counter)" }

    var path: String {
        "\(Self.classPath)/\(device)/ports/\(port)/\(isDriverCounter ? "hw_counters" : "counters")/\(counter)"
    }

    /// What a file value is multiplied by to give the event's value.
    var scale: Int64 { !isDriverCounter && Self.wordCounters.contains(counter) ? 4 : 1 }

    var unit: CounterUnit { scale == 4 || counter.hasSuffix("_bytes") ? .bytes : .events }

    var summary: String {
        if scale == 4 {
            let direction = counter == "port_xmit_data" ? "transmitted" : "received"
            return "bytes \(direction) on all VLs of \(device) port \(port) (\(path) counts octets divided by 4; "
                + "PerfV multiplies by 4)"
        }
        return "\(isDriverCounter ? "driver hardware counter" : "port counter") \(counter) of \(device) port \(port) (\(path))"
    }
}
