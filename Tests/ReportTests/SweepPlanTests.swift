import Foundation
import Testing
import VMM
@testable import Report
@testable import Sweep

@Suite("Sweep plan")
struct SweepPlanTests {
    @Test("the standard plan is valid and expands to host and guest cases, contended and not")
    func standardPlan() throws {
        let plan = SweepPlan.standard
        try plan.validate()
        let cases = plan.cases
        let mmm = cases.filter { $0.kind == .mmm }
        #expect(mmm.count == plan.mmmSizes.count * plan.mmmKernels.count * plan.contention.count * plan.sides.count)
        let io = cases.filter { $0.kind == .io }
        #expect(io.count == plan.ioBlockSizes.count * (1 + plan.ioModes.count))
        #expect(Set(cases.map(\.id)).count == cases.count, "case ids are unique")
        #expect(io.filter { $0.side == .host }.allSatisfy { if case let .io(io) = $0 { io.route == .systemCalls } else { false } })
        let net = cases.filter { $0.kind == .net }
        #expect(net.count == plan.netPacketSizes.count * (1 + plan.netModes.count))
        #expect(net.filter { $0.side == .host }.allSatisfy { if case let .net(net) = $0 { net.route == .socket } else { false } })
    }

    @Test("without guest runs no guest case remains")
    func hostOnly() {
        let cases = SweepPlan.standard.hostOnly.cases
        #expect(!cases.isEmpty)
        #expect(cases.allSatisfy { $0.side == .host })
    }

    @Test("the cases a comparison needs are grouped to run interleaved, in plan order")
    func comparisonGroups() {
        let cases = SweepPlan.standard.cases
        let groups = Sweep.comparisonGroups(cases)
        #expect(groups.flatMap { $0 }.count == cases.count)
        #expect(Set(groups.flatMap { $0 }.map(\.id)) == Set(cases.map(\.id)))
        for group in groups {
            #expect(Set(group.map { sweepCase -> String in
                switch sweepCase {
                case let .mmm(mmm): "mmm/\(mmm.kernel.rawValue)/\(mmm.size)"
                case let .io(io): "io/\(io.blockSize)x\(io.blockCount)"
                case let .net(net): "net/\(net.packetSize)x\(net.packetCount)"
                }
            }).count == 1)
        }
        let mmm = groups.filter { $0.first?.kind == .mmm }
        #expect(mmm.count == SweepPlan.standard.mmmSizes.count * SweepPlan.standard.mmmKernels.count)
        #expect(mmm.allSatisfy { Set($0.map(\.id)).count == 4 }, "host and guest, with and without the hog")
        let io = groups.filter { $0.first?.kind == .io }
        #expect(io.allSatisfy { $0.compactMap { if case let .io(io) = $0 { io.route } else { nil } } == IORoute.all })
        let net = groups.filter { $0.first?.kind == .net }
        #expect(net.count == SweepPlan.standard.netPacketSizes.count)
        #expect(net.allSatisfy { $0.compactMap { if case let .net(net) = $0 { net.route } else { nil } } == NetRoute.all })
    }

    @Test("a plan from before the network cases (no net_* keys) still reads, with the standard network parameters")
    func planWithoutNetworkKeys() throws {
        var old = SweepPlan.standard
        old.workloads = [.mmm, .io]
        let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(old)) as! [String: Any]
        let stripped = encoded.filter { !$0.key.hasPrefix("net_") }
        #expect(stripped.count == encoded.count - 3)
        let decoded = try JSONDecoder().decode(SweepPlan.self, from: try JSONSerialization.data(withJSONObject: stripped))
        #expect(decoded == old)
        #expect(!decoded.cases.contains { $0.kind == .net })
    }

    @Test("a guest case's baseline is the same work on the host")
    func baseline() {
        let guest = SweepCase.mmm(size: 256, kernel: .blocked, side: .guest, contention: .none)
        #expect(guest.hostBaseline == .mmm(size: 256, kernel: .blocked, side: .host, contention: .none))
        let io = SweepCase.io(blockCount: 8, blockSize: 4096, route: .guest(.batched))
        #expect(io.hostBaseline == .io(blockCount: 8, blockSize: 4096, route: .systemCalls))
        let net = SweepCase.net(packetCount: 8, packetSize: 64, route: .guest(.perPacket))
        #expect(net.hostBaseline == .net(packetCount: 8, packetSize: 64, route: .socket))
        #expect(net.id == "net/per-packet/64x8/guest")
    }

    @Test("invalid plans are rejected with a message naming the problem",
          arguments: [
            ({ (plan: inout SweepPlan) in plan.mmmSizes = [64, 0] }, PlanError.notPositive(name: "MMM size N", value: 0)),
            ({ (plan: inout SweepPlan) in plan.mmmSizes = [-3] }, PlanError.notPositive(name: "MMM size N", value: -3)),
            ({ (plan: inout SweepPlan) in plan.repetitions = 0 }, PlanError.notPositive(name: "repetitions", value: 0)),
            ({ (plan: inout SweepPlan) in plan.workloads = [] }, PlanError.empty("workloads")),
            ({ (plan: inout SweepPlan) in plan.ioBlockCount = 0 }, PlanError.notPositive(name: "I/O block count", value: 0)),
            ({ (plan: inout SweepPlan) in plan.warmups = -1 }, PlanError.negative(name: "warm-ups", value: -1)),
            ({ (plan: inout SweepPlan) in plan.netPacketSizes = [4] }, PlanError.tooSmall(name: "network packet size", value: 4, limit: 8)),
            ({ (plan: inout SweepPlan) in plan.netPacketSizes = [65508] }, PlanError.tooLarge(name: "network packet size", value: 65508, limit: 65507)),
            ({ (plan: inout SweepPlan) in plan.netPacketCount = 0 }, PlanError.notPositive(name: "network packet count", value: 0)),
            ({ (plan: inout SweepPlan) in plan.netModes = [] }, PlanError.empty("network modes")),
          ] as [(@Sendable (inout SweepPlan) -> Void, PlanError)])
    func invalid(change: @Sendable (inout SweepPlan) -> Void, expected: PlanError) {
        var plan = SweepPlan.standard
        change(&plan)
        #expect(throws: expected) { try plan.validate() }
        #expect(!expected.description.isEmpty)
    }

    @Test("work too large for a VM's memory is named, and allowed on the host side")
    func guestMemory() {
        var plan = SweepPlan.standard
        plan.mmmSizes = [16384] // 3 × 2 GiB of matrices
        #expect(throws: PlanError.self) { try plan.validate() }
        plan.sides = [.host]
        #expect(throws: Never.self) { try plan.validate() }
        plan = SweepPlan.standard
        plan.ioBlockSizes = [4 << 20] // 1024 × 4 MiB
        #expect(throws: PlanError.self) { try plan.validate() }
    }
}
