/* MMM: C = A·B in double precision with the kernels the host runs
 * (Sources/CKernels/mmm.c, same source and flags), split by rows over the
 * vCPUs. Only the multiply is timed, as on the host. */
#include "runtime.h"
#include "perfv_kernels.h"

/* Coordination between the vCPUs, at heap_base; RAM starts zeroed. */
struct mmm_sync {
    volatile uint32_t arrived;                 /* vCPUs other than 0 waiting to start */
    volatile uint32_t released;                /* set by vCPU 0 once A and B are ready */
    volatile uint64_t steal_ns[PERFV_MAX_VCPUS]; /* each vCPU's steal over its share */
};
#define MMM_SYNC_BYTES 4096u
_Static_assert(sizeof(struct mmm_sync) <= MMM_SYNC_BYTES, "sync block fits its page");
#define MMM_MAX_N 65536u /* keeps n*n*8 far from overflowing 64 bits */

static void multiply(uint32_t kernel, uint32_t n, uint32_t block, const double *a, const double *b,
                     double *c, uint32_t row_begin, uint32_t row_end) {
    if (kernel == PERFV_MMM_BLOCKED)
        perfv_mmm_blocked(n, a, b, c, block, row_begin, row_end);
    else
        perfv_mmm_naive(n, a, b, c, row_begin, row_end);
}

void perfv_workload_mmm(uint32_t vcpu, struct perfv_boot_params *params) {
    uint64_t n64 = params->arg[0], kernel64 = params->arg[1], block64 = params->arg[2];
    uint32_t vcpus = params->vcpu_count;
    uint64_t sync_at = perfv_align_up(params->heap_base, 64);
    uint64_t matrix_bytes = n64 * n64 * sizeof(double);
    uint64_t a_at = sync_at + MMM_SYNC_BYTES;
    uint64_t b_at = perfv_align_up(a_at + matrix_bytes, 64);
    uint64_t c_at = perfv_align_up(b_at + matrix_bytes, 64);
    if (n64 == 0 || n64 > MMM_MAX_N || kernel64 > PERFV_MMM_BLOCKED || block64 > UINT32_MAX ||
        c_at + matrix_bytes > params->ram_bytes) {
        if (vcpu == 0)
            perfv_print("PerfV guest: mmm n=%lu kernel=%lu block=%lu does not fit %lu bytes of RAM or is invalid\n",
                        n64, kernel64, block64, params->ram_bytes);
        perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
    }
    if (!perfv_clock_available(vcpu)) perfv_exit(vcpu, PERFV_EXIT_NO_CLOCK);

    uint32_t n = (uint32_t)n64, kernel = (uint32_t)kernel64, block = (uint32_t)block64;
    struct mmm_sync *sync = (struct mmm_sync *)(uintptr_t)sync_at;
    double *a = (double *)(uintptr_t)a_at, *b = (double *)(uintptr_t)b_at, *c = (double *)(uintptr_t)c_at;
    uint32_t row_begin = (uint32_t)(n64 * vcpu / vcpus), row_end = (uint32_t)(n64 * (vcpu + 1) / vcpus);
    struct guest_region whole, share;

    if (vcpu == 0) {
        perfv_mmm_init(n, a, b, c);
        /* Start the clock only when everyone is here, so vCPU start-up skew
         * is not timed. */
        while (__atomic_load_n(&sync->arrived, __ATOMIC_ACQUIRE) != vcpus - 1) perfv_cpu_relax();
        guest_region_begin(&whole, vcpu);
        __atomic_store_n(&sync->released, 1u, __ATOMIC_RELEASE);
    } else {
        __atomic_fetch_add(&sync->arrived, 1u, __ATOMIC_ACQ_REL);
        while (__atomic_load_n(&sync->released, __ATOMIC_ACQUIRE) == 0) perfv_cpu_relax();
    }

    guest_region_begin(&share, vcpu);
    multiply(kernel, n, block, a, b, c, row_begin, row_end);
    guest_region_end(&share, vcpu);
    sync->steal_ns[vcpu] = share.steal_ns;
    __atomic_fetch_add(&params->vcpus_done, 1u, __ATOMIC_ACQ_REL);

    if (vcpu != 0) {
        guest_report_region(vcpu, &share);
        perfv_exit(vcpu, PERFV_EXIT_OK);
    }
    while (__atomic_load_n(&params->vcpus_done, __ATOMIC_ACQUIRE) != vcpus) perfv_cpu_relax();
    guest_region_end(&whole, vcpu);
    /* The region ends with the last vCPU, so steal stretches it by about the
     * largest steal any vCPU suffered in it: vCPU 0's over the whole region
     * (it waits for the others) or another vCPU's over its share. Each vCPU
     * reads its own kvm_steal_time while it runs, when KVM has brought the
     * record up to date; steal that delays a vCPU's start past the release is
     * flushed into its record before it sees the release, so it is missed. */
    for (uint32_t i = 1; i < vcpus; i++)
        if (sync->steal_ns[i] > whole.steal_ns) whole.steal_ns = sync->steal_ns[i];

    uint64_t checksum = perfv_fnv1a64(c, (size_t)matrix_bytes);
    perfv_report(vcpu, PERFV_RESULT_CHECKSUM, checksum);
    guest_report_region(vcpu, &whole);
    perfv_print("PerfV guest: mmm n=%u %s vcpus=%u checksum=%lx wall=%lu ns steal=%lu ns\n", n,
                kernel == PERFV_MMM_BLOCKED ? "blocked" : "naive", vcpus, checksum, whole.wall_ns,
                whole.steal_ns);
    perfv_exit(vcpu, PERFV_EXIT_OK);
}
