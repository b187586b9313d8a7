import SystemCalls
import Foundation

/// The process's resident memory, from /proc/self/statm and /proc/self/smaps.
enum ResidentMemory {
    /// One mapping of /proc/self/smaps: where it starts, its size and its resident bytes.
    struct Mapping: Equatable, Sendable {
        var start: UInt64
        var size: UInt64
        var residentBytes: UInt64
    }

    /// Resident set size in bytes (statm field 2 × page size).
    static func residentBytes() throws -> UInt64 {
        let path = "/proc/self/statm"
        let text = try read(path)
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = UInt64(fields[1]) else {
            throw BenchmarkError.unreadableFile(path: path, reason: "no resident page count in '\(text.prefix(80))'")
        }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Every mapping with its Rss.
    static func mappings() throws -> [Mapping] {
        try parseSmaps(read("/proc/self/smaps"))
    }

    /// Parses smaps text: a header line "start-end perms ..." per mapping, then
    /// "Key: value kB" lines, of which "Rss:" is used.
    static func parseSmaps(_ text: String) throws -> [Mapping] {
        var mappings: [Mapping] = []
        for line in text.split(separator: "\n") {
            if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
               let start = UInt64(line[..<dash], radix: 16),
               let end = UInt64(line[line.index(after: dash)..<space], radix: 16) {
                guard end >= start else {
                    throw BenchmarkError.unreadableFile(path: "/proc/self/smaps", reason: "mapping ends before it starts: '\(line)'")
                }
                mappings.append(Mapping(start: start, size: end - start, residentBytes: 0))
            } else if line.hasPrefix("Rss:") {
                let number = line.dropFirst(4).split(separator: " ").first.flatMap { UInt64($0) }
                guard let kilobytes = number, !mappings.isEmpty else {
                    throw BenchmarkError.unreadableFile(path: "/proc/self/smaps", reason: "bad Rss line '\(line)'")
                }
                mappings[mappings.count - 1].residentBytes = kilobytes * 1024
            }
        }
        return mappings
    }

    /// The resident bytes of a new guest RAM mapping of `size` bytes: the new (or changed)
    /// mapping in `after` closest in size to `size` and at least that large, minus what
    /// mappings of `before` inside it already held. The kernel may merge an anonymous
    /// mapping with a neighbour that has the same flags, so the RAM need not be a mapping
    /// of its own.
    static func residentBytesOfNewMapping(size: UInt64, before: [Mapping], after: [Mapping]) throws -> UInt64 {
        let old = Set(before.map { [$0.start, $0.size] })
        let candidates = after.filter { $0.size >= size && !old.contains([$0.start, $0.size]) }
        guard let mapping = candidates.min(by: { $0.size < $1.size }) else {
            throw BenchmarkError.unavailable("no new mapping of at least \(size) bytes (the guest RAM) in /proc/self/smaps")
        }
        let end = mapping.start + mapping.size
        let inherited = before.filter { $0.start >= mapping.start && $0.start + $0.size <= end }
            .reduce(UInt64(0)) { $0 + $1.residentBytes }
        return mapping.residentBytes > inherited ? mapping.residentBytes - inherited : 0
    }

    /// The whole file; procfs files report size 0, so this reads until EOF.
    static func read(_ path: String) throws -> String {
        do {
            let file = try FileDescriptor(opening: path, O_RDONLY)
            return String(decoding: try file.readToEnd(), as: UTF8.self)
        } catch {
            throw BenchmarkError.systemCall(error.about(path))
        }
    }
}
