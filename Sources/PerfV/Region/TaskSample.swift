/// One thread of the process at one moment: its scheduler statistics and last CPU,
/// as ``ProcessTaskReader`` reads them for a ``TeamRegion``.
struct TaskSample {
    /// The Linux thread id.
    var threadID: Int32
    var schedStat: SchedStat
    /// The CPU the thread last ran on (`processor` of its stat file).
    var cpu: Int32
}
