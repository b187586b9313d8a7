import CPUContention
import Foundation
import Synchronization
import SystemCalls
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The one system-call layer (Sources/SystemCalls): EINTR retry, errors that carry
/// the call and its errno, descriptors closed exactly once.
@Suite(.serialized)
struct SystemCallLayerTests {
    @Test("a call that fails with EINTR is repeated until it succeeds")
    func retriesInterruptedCalls() throws {
        var attempts = 0
        let result = try SystemCall.retryingOnInterrupt("test_call") { () -> Int32 in
            attempts += 1
            if attempts <= 2 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(result == 7)
        #expect(attempts == 3)
    }

    @Test("a failure carries the call and the errno it left, with the errno's name in the text")
    func failureCarriesCallAndErrno() {
        #expect(throws: SystemCallError(call: "test_call", errno: EBADF)) {
            try SystemCall.retryingOnInterrupt("test_call") { () -> Int in
                errno = EBADF
                return -1
            }
        }
        let failure = SystemCallError(call: "open(/nonexistent)", errno: ENOENT)
        #expect(failure.description == "open(/nonexistent) failed: No such file or directory (ENOENT, errno \(ENOENT))")
        #expect(failure.about("x").call == "open(/nonexistent)(x)")
        #expect(ErrnoName.code(named: ErrnoName.name(of: EOPNOTSUPP)) == EOPNOTSUPP)
        #expect(ErrnoName.name(of: 4095) == "errno 4095")
    }

    @Test("the errno is read before the call's name is built, so the name cannot overwrite it")
    func errnoReadBeforeTheName() {
        errno = ENOENT
        let failure = SystemCallError.lastError(of: { () -> String in
            errno = 0 // what a malloc while building the name could do
            return "named"
        }())
        #expect(failure == SystemCallError(call: "named", errno: ENOENT))
    }

    @Test("opening a missing file throws open(path) with ENOENT")
    func openFailure() {
        #expect(throws: SystemCallError(call: "open(/nonexistent-perfv/file)", errno: ENOENT)) {
            _ = try FileDescriptor(opening: "/nonexistent-perfv/file", O_RDONLY)
        }
    }

    @Test("a descriptor is closed when it goes out of scope, and close() closes it exactly once")
    func closesExactlyOnce() throws {
        var dropped: Int32 = -1
        do {
            let file = try FileDescriptor(opening: "/dev/null", O_RDONLY)
            dropped = file.rawValue
        }
        #expect(fcntl(dropped, F_GETFD) == -1 && errno == EBADF)

        let closed = try FileDescriptor(opening: "/dev/null", O_RDONLY)
        let number = closed.rawValue
        try closed.close()
        #expect(fcntl(number, F_GETFD) == -1 && errno == EBADF)
        // The kernel hands out the lowest free number: the next open reuses it, and it
        // stays open, so nothing closed `number` a second time after close().
        let reused = try FileDescriptor(opening: "/dev/null", O_RDONLY)
        #expect(reused.rawValue == number)
        #expect(fcntl(reused.rawValue, F_GETFD) != -1)
        #expect(fcntl(reused.rawValue, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test("a read blocked in the kernel survives signals without SA_RESTART (EINTR is retried)")
    func readSurvivesSignals() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let readEnd = SharedFileDescriptor(FileDescriptor(adopting: ends[0]))
        let writeEnd = FileDescriptor(adopting: ends[1])

        var action = sigaction()
        action.__sigaction_handler = .init(sa_handler: { _ in InterruptCount.signals.add(1, ordering: .relaxed) })
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: the kernel returns EINTR from the blocked read
        InterruptCount.signals.store(0, ordering: .relaxed)
        var previous = sigaction()
        sigaction(SIGURG, &action, &previous)
        defer { sigaction(SIGURG, &previous, nil) }

        let outcome = Mutex<Result<Int, SystemCallError>?>(nil)
        let reader = try PinnedThread.start {
            // A new thread inherits its creator's mask, and test runner threads may block signals.
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            sigaddset(&unblocked, SIGURG)
            pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
            var byte: UInt8 = 0
            let result = Result { () throws(SystemCallError) in
                try withUnsafeMutableBytes(of: &byte) { raw throws(SystemCallError) in try readEnd.descriptor.read(into: raw) }
            }
            outcome.withLock { $0 = result }
        }
        for _ in 0..<10 {
            pthread_kill(reader, SIGURG)
            usleep(10_000)
        }
        var byte: UInt8 = 42
        #expect(Glibc.write(writeEnd.rawValue, &byte, 1) == 1)
        pthread_join(reader, nil)
        #expect(InterruptCount.signals.load(ordering: .relaxed) > 0)
        #expect(outcome.withLock { $0 } == .success(1))
    }

    /// Signals the handler saw (a C handler cannot capture context).
    private enum InterruptCount {
        static let signals = Atomic<Int>(0)
    }
}
