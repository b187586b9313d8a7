import VMM

/// The JSON shape of one `vm run personality`.
struct PersonalityRunReport: Encodable {
    struct Check: Encodable {
        var name: String
        var passed: Bool
        var detail: String
    }
    var personality: String
    var passed: Bool
    var checks: [Check]
    /// The CPUID table the guest saw, in RecordedCPUID's text form (`info --root` reads it as `cpuid`).
    var cpuid: String
    var console: String

    init(_ report: PersonalityReport, console: String) {
        personality = report.personality.rawValue
        passed = report.passed
        checks = report.checks.map { Check(name: $0.name, passed: $0.passed, detail: $0.detail) }
        cpuid = report.cpuid.text
        self.console = console
    }
}
