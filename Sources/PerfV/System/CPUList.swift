/// The kernel's CPU list format ("0-3,8,10-11"), used by
/// /sys/devices/system/cpu/online and /sys/devices/system/node/node*/cpulist.
public enum CPUList {
    /// Highest CPU number accepted; Linux's NR_CPUS tops out at 8192.
    static let maximumCPU = 1 << 16

    /// The CPU numbers in `text`, ascending. An empty list (a node without CPUs
    /// writes just a newline) is allowed when `allowEmpty` is true.
    public static func parse(_ text: String, path: String, allowEmpty: Bool = false) throws -> [Int] {
        if allowEmpty && KernelText.trimmed(text[...]).isEmpty && text.utf8.count <= KernelText.oneValueLimit {
            return []
        }
        let line = try KernelText.singleLine(text, path: path, limit: 64 * 1024)
        var cpus: [Int] = []
        for item in line.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count),
                  let low = Int(bounds[0]), let high = Int(bounds[bounds.count - 1]),
                  low >= 0, low <= high, high <= maximumCPU else {
                throw PerfVError.malformedFile(path: path, reason: "bad CPU range \"\(KernelText.excerpt(item))\"")
            }
            cpus.append(contentsOf: low...high)
        }
        guard cpus.count <= maximumCPU else {
            throw PerfVError.malformedFile(path: path, reason: "more than \(maximumCPU) CPUs listed")
        }
        return Array(Set(cpus)).sorted()
    }
}
