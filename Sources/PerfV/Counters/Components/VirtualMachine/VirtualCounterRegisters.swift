/// Where the `vmm` component reads PerfV's virtual counter MSRs from: the msr
/// driver inside a guest, or a table in tests.
public protocol VirtualCounterRegisters: AnyObject, Sendable {
    /// The value of `msr` summed over every vCPU of the VM.
    ///
    /// A hot path: no allocation, no file open, no lock.
    func totalOverVCPUs(msr: UInt32) throws -> UInt64
}
