/// What a batch job lost on its CPUs between its prolog and epilog: steal and
/// run-queue delay on those CPUs, and its cgroup's throttling — the figures Slurm's
/// own accounting does not keep.
public struct JobSteal: Sendable, Equatable, Codable {
    public var jobID: String
    /// The CPUs the job was given.
    public var cpus: [Int]
    /// Wall time between begin and end, in seconds.
    public var seconds: Double
    /// Steal summed over the job's CPUs, in CPU-seconds.
    public var stealSeconds: Double?
    /// `stealSeconds` over (`seconds` × CPU count): the share of the job's CPU time stolen.
    public var stealRatio: Double?
    /// Steal per job CPU in seconds, in the order of `cpus`.
    public var stealSecondsPerCPU: [Double?]
    /// Run-queue delay summed over the job's CPUs in seconds; nil without /proc/schedstat.
    public var runQueueDelaySeconds: Double?
    public var cgroupDirectory: String?
    public var cgroupThrottledPeriods: Int64?
    public var cgroupPeriods: Int64?
    public var cgroupThrottledSeconds: Double?
    /// Sources that could not be read, with why.
    public var unavailable: [String]

    /// The deltas from the job's `begin` sample to its `end` sample on `cpus`.
    public init(jobID: String, cpus: [Int], begin: NodeSample, end: NodeSample) throws {
        let interval = try NodeInterval(from: begin, to: end)
        self.jobID = jobID
        self.cpus = cpus
        seconds = interval.seconds
        let byCPU = Dictionary(uniqueKeysWithValues: interval.cpus.map { ($0.cpu, $0) })
        stealSecondsPerCPU = cpus.map { byCPU[$0]?.stealRatio.map { $0 * interval.seconds } }
        let stolen = stealSecondsPerCPU.compactMap { $0 }
        stealSeconds = stolen.count == cpus.count && !cpus.isEmpty ? stolen.reduce(0, +) : nil
        stealRatio = stealSeconds.map { $0 / (interval.seconds * Double(cpus.count)) }
        let delays = cpus.compactMap { byCPU[$0]?.runQueueDelayRatio }
        runQueueDelaySeconds = delays.count == cpus.count && !cpus.isEmpty ? delays.reduce(0, +) * interval.seconds : nil
        cgroupDirectory = end.cgroupDirectory
        cgroupPeriods = interval.cgroupPeriods
        cgroupThrottledPeriods = interval.cgroupThrottledPeriods
        cgroupThrottledSeconds = interval.cgroupThrottledRatio.map { $0 * interval.seconds }
        var unavailable = Array(Set(begin.unavailable + end.unavailable)).sorted()
        let missing = cpus.filter { byCPU[$0]?.stealRatio == nil }
        if !missing.isEmpty {
            unavailable.append("steal: /proc/stat has no line for CPU \(missing.map(String.init).joined(separator: ","))")
        }
        self.unavailable = unavailable
    }
}
