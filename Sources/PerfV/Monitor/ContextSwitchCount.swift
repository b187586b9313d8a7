/// The `ctxt` line of /proc/stat: context switches on all CPUs since boot
/// (fs/proc/stat.c prints "ctxt <count>" after the cpu and intr lines).
public enum ContextSwitchCount {
    /// The count in /proc/stat content.
    ///
    /// - Throws: `PerfVError.malformedFile` when there is no ctxt line, it appears
    ///   twice, or its value is not one unsigned decimal.
    public static func parse(procStat text: String) throws -> Int64 {
        var found: Int64?
        for line in text.split(separator: "\n") where line.hasPrefix("ctxt ") || line == "ctxt" {
            guard found == nil else { throw malformed("the ctxt line appears twice") }
            let words = line.split(separator: " ")
            guard words.count == 2, let value = Int64(words[1]), value >= 0 else {
                throw malformed("line \"\(KernelText.excerpt(line))\" is not \"ctxt <count>\"")
            }
            found = value
        }
        guard let found else { throw malformed("no ctxt line (context switches since boot)") }
        return found
    }

    private static func malformed(_ reason: String) -> PerfVError {
        .malformedFile(path: ProcStatParser.path, reason: reason)
    }
}
