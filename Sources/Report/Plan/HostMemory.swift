import Foundation

/// The memory the sweep's host-side buffers may take: /proc/meminfo's MemAvailable
/// (the kernel's estimate of what can be allocated without swapping). A buffer
/// beyond it would abort the process in the allocator, so it is refused first.
public enum HostMemory {
    /// MemAvailable in bytes, or nil when the file or the line is missing (old kernels, odd sandboxes).
    public static func availableBytes(meminfo path: String = "/proc/meminfo") -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kibibytes = Int(fields[1]) else { return nil }
            return kibibytes.multipliedReportingOverflow(by: 1024).overflow ? Int.max : kibibytes * 1024
        }
        return nil
    }

    /// Throws ``PlanError/insufficientMemory(what:bytes:available:)`` when `bytes` exceed `available`
    /// (nil: unknown, so nothing is refused).
    package static func check(_ bytes: Int, for what: String, available: Int? = availableBytes()) throws {
        if let available, bytes > available {
            throw PlanError.insufficientMemory(what: what, bytes: bytes, available: available)
        }
    }
}
