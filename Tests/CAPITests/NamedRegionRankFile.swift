import Foundation
import Testing

/// A rank file of named regions (perfv_<run>/rank_<NNNNNN>.json), parsed, with
/// the checks every file must pass.
struct NamedRegionRankFile {
    struct Region {
        let id: Int
        let name: String
        let parent: Int
        let count: Int
        /// Every numeric field but the ids: real_time_nsec…, adjusted_nsec…, counters.
        let values: [String: Int64]
    }

    let rank: Int
    let events: [String]
    /// Regions by thread id, sorted by region id.
    let threads: [String: [Region]]

    /// Reads `rank_<NNNNNN>.json` from the one perfv_* directory under `directory`.
    init(in directory: URL, rank: Int = 0) throws {
        let runs = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("perfv_") }
        try #require(runs.count == 1, "expected one perfv_* directory in \(directory.path), found \(runs)")
        let file = directory.appendingPathComponent(runs[0]).appendingPathComponent(String(format: "rank_%06d.json", rank))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        self.rank = try #require(json["rank"] as? Int)
        events = try #require(json["events"] as? [String])
        let threads = try #require(json["threads"] as? [String: [String: Any]])
        self.threads = try threads.mapValues { thread in
            let regions = try #require(thread["regions"] as? [String: [String: Any]])
            return try regions.map { id, fields in
                Region(id: try #require(Int(id)),
                       name: try #require(fields["name"] as? String),
                       parent: try #require(fields["parent_region_id"] as? Int),
                       count: try #require(fields["region_count"] as? Int),
                       values: fields.compactMapValues { ($0 as? NSNumber)?.int64Value })
            }.sorted { $0.id < $1.id }
        }
    }

    /// Per thread: region `name` under the region named `parent` (nil: top level).
    func region(_ name: String, under parent: String?, thread: String) -> Region? {
        let regions = threads[thread] ?? []
        let parentID = parent.map { parent in regions.first { $0.name == parent }?.id ?? -2 } ?? -1
        return regions.first { $0.name == name && $0.parent == parentID }
    }

    /// Adjusted ≤ raw for the total and every statistic, min ≤ median ≤ max, and
    /// each parent id names another region of the same thread.
    func checkConsistency() {
        for (thread, regions) in threads {
            for region in regions {
                let where_ = "thread \(thread) region \(region.name)"
                for suffix in ["", "_min", "_median", "_max"] {
                    let raw = region.values["real_time_nsec" + suffix] ?? -1
                    let adjusted = region.values["adjusted_nsec" + suffix] ?? .max
                    #expect(adjusted <= raw, "\(where_): adjusted_nsec\(suffix) \(adjusted) > real_time_nsec\(suffix) \(raw)")
                }
                for prefix in ["real_time_nsec", "adjusted_nsec"] {
                    let (low, middle, high) = (region.values[prefix + "_min"] ?? 0, region.values[prefix + "_median"] ?? 0,
                                               region.values[prefix + "_max"] ?? 0)
                    #expect(low <= middle && middle <= high, "\(where_): \(prefix) min \(low) median \(middle) max \(high)")
                }
                #expect(region.values["steal_nsec"] != nil && region.values["run_delay_nsec"] != nil, "\(where_)")
                #expect((0...region.count).contains(Int(region.values["waiting_reads_skipped"] ?? -1)), "\(where_)")
                if region.parent != -1 {
                    #expect(region.parent != region.id && regions.contains { $0.id == region.parent },
                            "\(where_): parent_region_id \(region.parent) is not another region of the thread")
                }
            }
        }
    }
}
