import Foundation

/// Named-region rank files merged: per region (by name path) the raw and adjusted
/// totals, the shares lost to steal, run delay and throttling, the imbalance across
/// threads and ranks; and the ways to show it (text, JSON, HTML, Chrome trace).
public struct RegionsReport: Encodable {
    /// The rank files read, in the order given.
    public let files: [String]
    /// One per rank file: a run's ranks and several runs' ranks alike.
    public let ranks: Int
    public let threads: Int
    /// Sorted by path, so a region follows its parent.
    public let regions: [RegionTotals]
    let rankFiles: [RankFile]

    enum CodingKeys: String, CodingKey { case files, ranks, threads, regions }

    /// Reads the rank files `paths` name (files, `perfv_<run>` directories, or
    /// directories of those) and merges them.
    public init(paths: [String]) throws(RegionsError) {
        files = try RankFileReader.locate(paths)
        var read: [RankFile] = []
        for file in files { read.append(try RankFileReader.read(file)) }
        rankFiles = read
        ranks = read.count
        threads = read.reduce(0) { $0 + $1.threads.count }
        // Ranks are counted by file: two runs' rank 0 are different processes.
        var parts: [String: [(rank: Int, region: RankFileRegion)]] = [:]
        for (fileIndex, file) in read.enumerated() {
            for thread in file.threads.values {
                for (id, region) in thread.regions {
                    guard let path = thread.namePath(of: id) else { continue }
                    parts[path, default: []].append((fileIndex, region))
                }
            }
        }
        regions = parts.map { RegionTotals(path: $0.key, parts: $0.value) }.sorted { $0.path < $1.path }
    }

    /// Whether any rank file counted throttling, so only then a column shows it.
    var hasThrottling: Bool { regions.contains { $0.throttledNanoseconds != nil } }

    public func text() -> String { RegionsText(report: self).render() }

    public func html() -> String { RegionsHTML(report: self).render() }

    /// What the Chrome trace represents, for the command's help.
    public static let chromeTraceExplanation = RegionsChromeTrace.explanation

    public func chromeTrace() throws -> String { try RegionsChromeTrace(report: self).render() }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
