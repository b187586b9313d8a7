import PerfV
import Report

extension RunRecord {
    /// A host run's record from its PerfV region measurement.
    init(hostCase: SweepCase, repetition: Int, measurement: RegionMeasurement, checksum: String?) {
        self.init(
            sweepCase: hostCase, repetition: repetition,
            wallNs: measurement.wallNanoseconds, threadCPUNs: measurement.threadCPUNanoseconds,
            processCPUNs: measurement.processCPUNanoseconds, stealNs: measurement.stealNanoseconds,
            stealClamp: measurement.stealClamp?.description,
            runDelayNs: measurement.runDelayNanoseconds, adjustedNs: measurement.adjustedWallNanoseconds,
            checksum: checksum, counters: measurement.countersByName)
    }
}
