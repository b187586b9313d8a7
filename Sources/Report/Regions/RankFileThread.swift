/// One thread's regions in a rank file, keyed by region id (as text).
struct RankFileThread: Decodable {
    let regions: [String: RankFileRegion]

    /// The name path of region `id`, its ancestors' names then its own joined by "/"
    /// ("solve/step/kernel"); nil when a parent id is missing or the parents loop.
    func namePath(of id: String) -> String? {
        var names: [String] = []
        var current = regions[id]
        while let region = current {
            names.append(region.name)
            guard region.parentRegionID >= 0 else { return names.reversed().joined(separator: "/") }
            // A chain longer than the thread's regions can only be a loop.
            guard names.count <= regions.count else { return nil }
            current = regions[String(region.parentRegionID)]
        }
        return nil
    }

    /// The ids of the regions directly under `parent` (-1: the top level), in id order.
    func children(of parent: Int) -> [String] {
        regions.filter { $0.value.parentRegionID == parent }.keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
    }
}
