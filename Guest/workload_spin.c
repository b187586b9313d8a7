/* SPIN: burns CPU at ring 3 for arg0 ms of kvmclock time and reports how
 * much of it KVM's steal-time record says the vCPU did not get. */
#include "runtime.h"

#define SPIN_MAX_MS 86400000ull /* a day: keeps ms * 1e6 in range */
/* Busy iterations between clock reads. Under PVM RDTSC traps (~10 us), so
 * reading the clock every iteration would spend the spin in the host; this
 * keeps the vCPU mostly running guest code, at the cost of overshooting the
 * end by one batch (tens of microseconds). */
#define SPIN_BATCH 20000u

static void burn(void) {
    for (uint32_t i = 0; i < SPIN_BATCH; i++) __asm__ volatile("" ::: "memory");
}

void perfv_workload_spin(uint32_t vcpu, struct perfv_boot_params *params) {
    uint64_t ms = params->arg[0];
    if (ms > SPIN_MAX_MS) {
        if (vcpu == 0) perfv_print("PerfV guest: spin of %lu ms is too long\n", ms);
        perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
    }
    if (!perfv_clock_available(vcpu)) perfv_exit(vcpu, PERFV_EXIT_NO_CLOCK);
    uint64_t duration_ns = ms * 1000000ull;
    struct guest_region spin;
    guest_region_begin(&spin, vcpu);
    while (perfv_clock_ns(vcpu) - spin.start_ns < duration_ns) burn();
    guest_region_end(&spin, vcpu);
    guest_report_region(vcpu, &spin);
    perfv_print("PerfV guest: vCPU %u spun %lu ns, steal %lu ns\n", vcpu, spin.wall_ns, spin.steal_ns);
    perfv_exit(vcpu, PERFV_EXIT_OK);
}
