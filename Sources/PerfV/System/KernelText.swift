/// Checks shared by the parsers of /proc and /sys text: each turns content it
/// cannot trust (empty, cut short, binary, absurdly long) into
/// `PerfVError.malformedFile` naming the file and the problem.
enum KernelText {
    /// Longest content accepted from a one-value /sys or /proc file.
    static let oneValueLimit = 4096

    /// `text` with the trailing newline removed, after checking it is not
    /// longer than `limit` bytes, not empty and free of NUL bytes.
    static func content(_ text: String, path: String, limit: Int) throws -> Substring {
        guard text.utf8.count <= limit else {
            throw PerfVError.malformedFile(path: path, reason: "longer than \(limit) bytes (\(text.utf8.count) read)")
        }
        guard !text.utf8.contains(0) else {
            throw PerfVError.malformedFile(path: path, reason: "contains NUL bytes")
        }
        let trimmed = trimmed(text[...])
        guard !trimmed.isEmpty else {
            throw PerfVError.malformedFile(path: path, reason: "empty")
        }
        return trimmed
    }

    /// The one line of a one-value file (a second non-empty line is an error).
    static func singleLine(_ text: String, path: String, limit: Int = oneValueLimit) throws -> Substring {
        let body = try content(text, path: path, limit: limit)
        guard !body.contains("\n") else {
            throw PerfVError.malformedFile(path: path, reason: "expected one line, found several")
        }
        return body
    }

    /// A decimal integer alone in a file, such as /proc/sys/kernel/perf_event_paranoid.
    static func integer(_ text: String, path: String) throws -> Int {
        let line = try singleLine(text, path: path)
        guard let value = Int(line) else {
            throw PerfVError.malformedFile(path: path, reason: "expected an integer, found \"\(excerpt(line))\"")
        }
        return value
    }

    /// Whitespace-separated words of a one-line file, such as available_clocksource.
    static func words(_ text: String, path: String) throws -> [String] {
        try singleLine(text, path: path).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// `text` without leading and trailing spaces, tabs and newlines.
    static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        return text[first...last]
    }

    /// At most 40 characters of `text`, for error messages.
    static func excerpt(_ text: Substring) -> String {
        text.count <= 40 ? String(text) : String(text.prefix(40)) + "…"
    }
}
