/// The kernel's timekeeping clocksource
/// (/sys/devices/system/clocksource/clocksource0).
public struct Clocksource: Sendable, Equatable, Codable {
    public static let currentPath = "/sys/devices/system/clocksource/clocksource0/current_clocksource"
    public static let availablePath = "/sys/devices/system/clocksource/clocksource0/available_clocksource"

    /// The one in use, e.g. "tsc", "kvm-clock", "hpet".
    public var current: String
    /// Every one the kernel could switch to.
    public var available: [String]

    /// Parses the two files' text; `current` must be a single word.
    public static func parse(current currentText: String, available availableText: String) throws -> Clocksource {
        let current = try names(currentText, path: currentPath)
        guard current.count == 1 else {
            throw PerfVError.malformedFile(path: currentPath, reason: "expected one clocksource name, found \(current.count)")
        }
        return Clocksource(current: current[0], available: try names(availableText, path: availablePath))
    }

    /// The words of one clocksource file, each printable ASCII.
    private static func names(_ text: String, path: String) throws -> [String] {
        let names = try KernelText.words(text, path: path)
        for name in names where !name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            throw PerfVError.malformedFile(path: path, reason: "clocksource name \"\(KernelText.excerpt(name[...]))\" is not printable")
        }
        return names
    }

    /// Reads both files under `root`.
    public static func read(root: SystemRoot) throws -> Clocksource {
        try parse(current: root.readText(currentPath, limit: KernelText.oneValueLimit),
                  available: root.readText(availablePath, limit: KernelText.oneValueLimit))
    }
}
