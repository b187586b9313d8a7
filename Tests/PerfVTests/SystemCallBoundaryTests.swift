import Foundation
import Testing

/// Keeps the system-call layer the only one: no module outside Sources/SystemCalls
/// grows its own EINTR loop, its own raw open/close/pread/ioctl, or reads errno itself.
struct SystemCallBoundaryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Code (not comments) that belongs only in the layer.
    static let forbidden: [(rule: String, pattern: String)] = [
        ("an EINTR check (retry through SystemCall.retryingOnInterrupt)", #"\bEINTR\b"#),
        ("a raw file call (use FileDescriptor)",
         #"(?<![.\w]|func )(Glibc\.)?(open|close|pread|pwrite|ftruncate|mkstemp|nanosleep)\("#),
        ("Glibc.read/Glibc.write (use FileDescriptor)", #"Glibc\.(read|write)\("#),
        ("a raw ioctl or perf_event_open (use FileDescriptor)", #"perfv_(ioctl_ptr|ioctl_int|perf_event_open)\("#),
        ("a bare errno read (use SystemCallError.lastError(of:))", #"(?<![.\w])errno(?![\w:]|\s+\w+:)"#),
    ]

    /// Files that may do what the rules forbid, and why. Empty today.
    static let allowed: [String: String] = [:]

    @Test("only Sources/SystemCalls makes raw system calls, retries EINTR or reads errno")
    func oneLayer() throws {
        var offenders: [String] = []
        for folder in ["Sources", "Benchmarks"] {
            let base = Self.packageRoot.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)!
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            for file in files {
                let relative = String(file.path.dropFirst(Self.packageRoot.path.count + 1))
                guard !relative.hasPrefix("Sources/SystemCalls/"), Self.allowed[relative] == nil else { continue }
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                for (number, line) in lines.enumerated() {
                    // Comments and string literals ("pread(msr …)" in a message) are not calls.
                    let code = (line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "")
                        .replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
                    for (rule, pattern) in Self.forbidden where code.range(of: pattern, options: .regularExpression) != nil {
                        offenders.append("\(relative):\(number + 1): \(rule): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
