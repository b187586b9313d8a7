/// A rank file as named regions write it (PerfV's NamedRegionReport): PAPI-HL's
/// `rank_XXXXXX.json` layout, `threads` → thread id → `regions` → region id, plus
/// PerfV's per-region adjusted time, steal and run delay. Only what the regions
/// command reads is decoded; counters and the per-call distributions are ignored.
struct RankFile: Decodable {
    let rank: Int
    /// Thread id (gettid, as text) → that thread's regions.
    let threads: [String: RankFileThread]
}
