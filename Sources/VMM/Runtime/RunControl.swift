import Foundation
import Synchronization

/// What the host thread and the vCPU threads of one run share: the stop and pause
/// requests (atomics, checked by each vCPU before every KVM_RUN) and, under one
/// condition lock, how many vCPUs are parked or finished.
final class RunControl {
    let condition = NSCondition()
    let stopRequested = Atomic<Bool>(false)
    let pauseRequested = Atomic<Bool>(false)

    // Guarded by `condition`.
    var startedCount = 0
    var parkedCount = 0
    var finishedCount = 0
    var timedOut = false
    /// vCPU indices in the order they failed.
    var failureOrder: [Int] = []
}
