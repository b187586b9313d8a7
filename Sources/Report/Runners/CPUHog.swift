import Foundation
import Synchronization
import VMM

/// A thread that busy-loops on one host CPU until stopped: the competitor of the
/// contention runs. Pinned to the same CPU as the measured worker (or vCPU thread),
/// it takes about half the CPU under the kernel's fair scheduler, which the worker
/// sees as run delay and the guest sees as steal.
public final class CPUHog {
    public let cpu: Int
    private let stopRequested = Atomic<Bool>(false)
    private let spinning = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let pinError = Mutex<Error?>(nil)

    /// Starts the hog and returns once it is pinned and spinning.
    public init(cpu: Int) throws {
        self.cpu = cpu
        let thread = Thread { [self] in
            do {
                try HostThread.pinCurrentThread(to: cpu)
            } catch {
                pinError.withLock { $0 = error }
                spinning.signal()
                stopped.signal()
                return
            }
            spinning.signal()
            var counter: UInt64 = 0
            while !stopRequested.load(ordering: .relaxed) { counter &+= 1 }
            withExtendedLifetime(counter) {}
            stopped.signal()
        }
        thread.name = "perfv-hog-cpu\(cpu)"
        thread.start()
        spinning.wait()
        if let error = pinError.withLock({ $0 }) {
            stopped.wait()
            throw error
        }
    }

    /// Stops the loop and waits for the thread to leave it.
    public func stop() {
        guard !stopRequested.exchange(true, ordering: .relaxed) else { return }
        stopped.wait()
    }

    deinit {
        stop()
    }
}
