/// One region of one thread in a rank file: its totals over all its calls.
struct RankFileRegion: Decodable {
    let name: String
    /// The enclosing region's id on the same thread; -1 at top level.
    let parentRegionID: Int
    let regionCount: Int64
    let realTimeNanoseconds: Int64
    let adjustedNanoseconds: Int64
    let stealNanoseconds: Int64
    let runDelayNanoseconds: Int64
    /// Present only when the program counted `throttle::throttled_ns` (PERFV_EVENTS).
    let throttledNanoseconds: Int64?

    enum CodingKeys: String, CodingKey {
        case name
        case parentRegionID = "parent_region_id"
        case regionCount = "region_count"
        case realTimeNanoseconds = "real_time_nsec"
        case adjustedNanoseconds = "adjusted_nsec"
        case stealNanoseconds = "steal_nsec"
        case runDelayNanoseconds = "run_delay_nsec"
        case throttledNanoseconds = "throttle::throttled_ns"
    }
}
