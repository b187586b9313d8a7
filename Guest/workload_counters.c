/* COUNTERS: reads this vCPU's virtual counters (RDMSR trapped to the VMM)
 * before and after a SNAPSHOT hypercall, so the host can check
 * before <= its own snapshot <= after, then checks that an unknown MSR and a
 * write to a read-only counter raise #GP that the supervisor recovers. */
#include "runtime.h"

/* Some exits and some guest CPU time between the two reads. */
static void do_some_work(uint32_t vcpu) {
    perfv_print("PerfV guest: vCPU %u counters between reads\n", vcpu);
    volatile uint64_t sink = 0;
    for (uint64_t i = 0; i < 1000000; i++) sink += i;
}

/* Reads every available counter into values; unavailable ones stay 0.
 * Returns how many reads failed with #GP (none expected). */
static uint32_t read_counters(uint64_t available, uint64_t values[PERFV_COUNTER_COUNT]) {
    uint32_t failures = 0;
    for (uint32_t i = 0; i < PERFV_COUNTER_COUNT; i++) {
        values[i] = 0;
        if ((available >> i & 1) && !perfv_read_msr(PERFV_MSR_COUNTER0 + i, &values[i])) failures++;
    }
    return failures;
}

static void report_counters(uint32_t vcpu, uint64_t available, uint32_t key_base,
                            const uint64_t values[PERFV_COUNTER_COUNT]) {
    for (uint32_t i = 0; i < PERFV_COUNTER_COUNT; i++)
        if (available >> i & 1) perfv_report(vcpu, (enum perfv_result_key)(key_base + i), values[i]);
}

void perfv_workload_counters(uint32_t vcpu, struct perfv_boot_params *params) {
    (void)params;
    uint64_t available = 0;
    if (!perfv_write_msr(PERFV_MSR_CONTROL, PERFV_CTL_START) ||
        !perfv_read_msr(PERFV_MSR_AVAILABLE, &available)) {
        perfv_print("PerfV guest: vCPU %u: the PerfV control MSRs raised #GP\n", vcpu);
        perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
    }
    perfv_report(vcpu, PERFV_RESULT_AVAILABLE_MASK, available);

    uint64_t before[PERFV_COUNTER_COUNT], after[PERFV_COUNTER_COUNT];
    uint32_t failed_reads = read_counters(available, before);
    report_counters(vcpu, available, PERFV_RESULT_COUNTER_BASE, before);
    perfv_snapshot(vcpu, 1);
    do_some_work(vcpu);
    failed_reads += read_counters(available, after);
    report_counters(vcpu, available, PERFV_RESULT_COUNTER_AFTER_BASE, after);

    uint32_t decreasing = 0;
    for (uint32_t i = 0; i < PERFV_COUNTER_COUNT; i++)
        if (after[i] < before[i]) decreasing++;
    perfv_report(vcpu, PERFV_RESULT_GP_FAULTS, perfv_count_recovered_msr_faults());
    perfv_print("PerfV guest: vCPU %u counters available=%lx failed reads=%u decreasing=%u\n", vcpu,
                available, failed_reads, decreasing);
    perfv_exit(vcpu, PERFV_EXIT_OK);
}
