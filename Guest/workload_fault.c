/* FAULT: raises the fault named by arg0 (perfv_fault_kind) on vCPU 0, so the
 * VMM's handling of each one can be tested. Each is written in assembly so
 * the compiler cannot reason about (or remove) the undefined behaviour. */
#include "runtime.h"

static void raise_fault(uint32_t kind, const struct perfv_boot_params *params) {
    switch ((enum perfv_fault_kind)kind) {
    case PERFV_FAULT_PAGE: { /* page 0 is never mapped */
        uint64_t value;
        __asm__ volatile("movq (%1), %0" : "=r"(value) : "r"((uint64_t)0) : "memory");
        return;
    }
    case PERFV_FAULT_GP: /* HLT is privileged: #GP(0) at CPL3 */
        __asm__ volatile("hlt" ::: "memory");
        return;
    case PERFV_FAULT_UD:
        __asm__ volatile("ud2" ::: "memory");
        return;
    case PERFV_FAULT_DIVIDE:
        __asm__ volatile("xorl %%edx, %%edx\n\tmovl $1, %%eax\n\tdivl %0"
                         : : "r"(0u) : "rax", "rdx", "memory");
        return;
    case PERFV_FAULT_TRIPLE:
        perfv_triple_fault();
    case PERFV_FAULT_LOOP: /* ends only when the VMM's watchdog stops the vCPU */
        for (;;) __asm__ volatile("" ::: "memory");
    case PERFV_FAULT_WRITE_OUTSIDE_RAM: /* unmapped: #PF with the write bit */
        __asm__ volatile("movq $0x50455246, (%0)" : : "r"(params->ram_bytes + 0x1000) : "memory");
        return;
    case PERFV_FAULT_UNKNOWN_MSR: /* survivable: the supervisor recovers the #GP */
        perfv_report(0, PERFV_RESULT_GP_FAULTS, perfv_count_recovered_msr_faults());
        perfv_exit(0, PERFV_EXIT_OK);
    case PERFV_FAULT_MMIO: /* the unbacked window exits as KVM_EXIT_MMIO */
        __asm__ volatile("movl $0x50455246, (%0)" : : "r"(PERFV_MMIO_BASE) : "memory");
        return;
    }
    perfv_print("PerfV guest: unknown fault kind %u\n", kind);
    perfv_exit(0, PERFV_EXIT_BAD_ARGUMENTS);
}

void perfv_workload_fault(uint32_t vcpu, struct perfv_boot_params *params) {
    if (vcpu != 0) perfv_exit(vcpu, PERFV_EXIT_OK);
    uint64_t kind = params->arg[0];
    if (kind > UINT32_MAX) kind = UINT32_MAX; /* reported as unknown below */
    raise_fault((uint32_t)kind, params);
    perfv_print("PerfV guest: fault kind %u did not happen\n", (uint32_t)kind);
    perfv_exit(vcpu, PERFV_EXIT_FAULT_NOT_RAISED);
}
