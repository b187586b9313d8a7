import CPerfV
import PerfV

// The PAPI_get_* timer equivalents. They read PerfV's clocks directly: no
// perfv_init needed, no failure possible, nothing allocated.

@c @implementation
public func perfv_get_real_nsec() -> CLongLong {
    Clock.monotonic.nanoseconds()
}

@c @implementation
public func perfv_get_real_usec() -> CLongLong {
    Clock.monotonic.nanoseconds() / 1000
}

@c @implementation
public func perfv_get_real_cyc() -> CLongLong {
    // The TSC would need 2^63 cycles (~100 years at 3 GHz) to look negative.
    CLongLong(bitPattern: TimestampCounter.read())
}

@c @implementation
public func perfv_get_virt_nsec() -> CLongLong {
    Clock.threadCPUTime.nanoseconds()
}

@c @implementation
public func perfv_get_virt_usec() -> CLongLong {
    Clock.threadCPUTime.nanoseconds() / 1000
}
