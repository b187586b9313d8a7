import ArgumentParser
import class Sweep.PacketReceiver
import VMM

extension Workload.NetMode: ExpressibleByArgument {}

extension VMCommand {
    /// `perfv-report vm run net`: the NET workload's datagrams through the VM's network
    /// device to a receiver on 127.0.0.1, which then checks every one arrived, in order, intact.
    struct Net: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "net", abstract: "Send P UDP datagrams of S bytes through the VM's network device to 127.0.0.1.")

        @Option(name: .long, help: "Number of datagrams P.")
        var packets: UInt32

        @Option(name: .long, help: "Datagram payload size S in bytes (8...65507).")
        var packetSize: UInt32

        @Option(name: .long, help: "per-packet (one doorbell exit per packet) or batched (one per --batch packets).")
        var mode: Workload.NetMode

        @Option(name: .long, help: "Packets per doorbell in batched mode (1...4096).")
        var batch: UInt32 = 64

        @OptionGroup var machine: MachineOptions

        func validate() throws {
            guard packets >= 1 else { throw ValidationError("--packets must be at least 1") }
            guard packetSize >= UInt32(Workload.netSequenceBytes), packetSize <= NetworkDevice.maximumPacketBytes else {
                throw ValidationError("--packet-size must be in \(Workload.netSequenceBytes)...\(NetworkDevice.maximumPacketBytes)")
            }
            guard batch >= 1, batch <= UInt32(NetworkDevice.ringCapacity) else {
                throw ValidationError("--batch must be in 1...\(NetworkDevice.ringCapacity)")
            }
            // The guest fills every packet before it sends any.
            guard MachineConfiguration.memoryBytes(forDataBytes: UInt64(packets) * UInt64(packetSize)) <= machine.memoryMib << 20 else {
                throw ValidationError("\(packets) packets of \(packetSize) bytes do not fit in \(machine.memoryMib) MiB of guest RAM; raise --memory-mib")
            }
        }

        func run() throws {
            let receiver = try PacketReceiver(packetCount: Int(packets), packetSize: Int(packetSize))
            var configuration = machine.configuration(.net(packets: packets, packetBytes: packetSize, mode: mode, batch: batch), vcpus: 1)
            configuration.networkDestinationPort = receiver.port
            try VMCommand.execute(configuration, json: machine.json,
                                  parameters: ["workload": "net", "packets": "\(packets)", "packet_size": "\(packetSize)",
                                               "mode": mode.rawValue, "batch": "\(batch)", "receiver_port": "\(receiver.port)"])
            try receiver.verify()
            if !machine.json { print("receiver on 127.0.0.1:\(receiver.port): all \(packets) datagrams arrived once, in order, intact") }
        }
    }
}
