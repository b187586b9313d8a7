import PerfV
import Testing
@testable import Report

/// The reading says only what was measured, or names its source, and says when the host is a VM.
@Suite("Results reading")
struct ResultsReadingTests {
    @Test("on a KVM guest whose /dev/kvm is PVM: the host is called a VM, shadow paging is cited, no unmeasured figure")
    func kvmGuestWithPVM() throws {
        let results = try ReportWritersTests.syntheticResults(machine: EnvironmentMachine.kvmGuestWithPVM)
        #expect(results.machine.hypervisor.present)
        #expect(results.machine.kvm.flavor == .pvm)
        let text = ResultsReading(results: results).sentences.joined(separator: "\n")
        #expect(text.contains("is itself a virtual machine"))
        #expect(text.contains("One io exit costs 10 µs here (median of the calibration runs; /dev/kvm: PVM (kvm_pvm))"), "\(text)")
        #expect(text.contains(ResultsReading.pvmCitation))
        #expect(!text.contains("bare-metal"))
        #expect(!text.contains("1–2 µs"))
    }

    @Test("on bare metal with hardware KVM: no VM notice and no shadow-paging story")
    func bareMetal() throws {
        let results = try ReportWritersTests.syntheticResults(machine: EnvironmentMachine.bareMetalIntel)
        #expect(!results.machine.hypervisor.present)
        let text = ResultsReading(results: results).sentences.joined(separator: "\n")
        #expect(!text.contains("itself a virtual machine"))
        #expect(!text.lowercased().contains("shadow"))
        #expect(!text.contains("bare-metal"))
        #expect(text.contains("One io exit costs 10 µs here (median of the calibration runs; /dev/kvm: \(results.machine.kvm.flavor.rawValue))"))
    }

    @Test("the machine table reads SystemInfo's own fields")
    func machineTable() throws {
        let machine = try EnvironmentMachine.info(EnvironmentMachine.kvmGuestWithPVM)
        let rows = Dictionary(MachineSummary(machine: machine).rows.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(rows["CPU"] == machine.cpu.brand)
        #expect(rows["CPUs"] == machine.cpu.topology.map { String($0.logicalCPUCount) })
        #expect(rows["Hypervisor"]?.contains("itself a VM") == true)
        #expect(rows["/dev/kvm"]?.contains("PVM (kvm_pvm)") == true)
        #expect(rows["Clocksource"]?.hasPrefix(machine.clocksource.current ?? "unknown") == true)
    }

    @Test("contended runs whose adjusted time strays beyond the bound are not said to be accounted for")
    func contentionVerdict() throws {
        var results = try ReportWritersTests.syntheticResults()
        // The synthetic hog runs land exactly on the uncontended adjusted time.
        #expect(ResultsReading(results: results).sentences.contains { $0.contains("accounts for the CPU the hog took") })
        results.runs = results.runs.map { run in
            var run = run
            if run.sweepCase.contention == .pinnedHog { run.adjustedNs *= 2 }
            return run
        }
        results.reanalyze()
        let sentences = ResultsReading(results: results).sentences
        #expect(sentences.contains { $0.contains("does not account for all of the CPU the hog took") })
        #expect(!sentences.contains { $0.contains("accounts for the CPU the hog took") })
    }
}
