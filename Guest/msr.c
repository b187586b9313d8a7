/* The supervisor's system calls: INT3 with the number in RAX
 * (supervisor.S, perfv_exception_3). They clobber RAX, RCX and RDX; RDX comes
 * back 0 when the MSR instruction succeeded and 1 when it raised #GP and the
 * supervisor recovered. */
#include "runtime.h"

bool perfv_read_msr(uint32_t msr, uint64_t *value) {
    uint64_t result, failed;
    __asm__ volatile("int3"
                     : "=a"(result), "=d"(failed)
                     : "a"((uint64_t)PERFV_SYS_RDMSR), "D"((uint64_t)msr)
                     : "rcx", "memory");
    *value = failed ? 0 : result;
    return failed == 0;
}

bool perfv_write_msr(uint32_t msr, uint64_t value) {
    uint64_t clobbered, failed;
    __asm__ volatile("int3"
                     : "=a"(clobbered), "=d"(failed)
                     : "a"((uint64_t)PERFV_SYS_WRMSR), "D"((uint64_t)msr), "S"(value)
                     : "rcx", "memory");
    (void)clobbered;
    return failed == 0;
}

struct perfv_backdoor_registers perfv_vmware_backdoor(uint32_t magic, uint32_t command, uint32_t ebx_in) {
    uint64_t eax, ebx, ecx, edx;
    __asm__ volatile("int3"
                     : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx)
                     : "a"((uint64_t)PERFV_SYS_VMWARE_BACKDOOR), "d"((uint64_t)magic), "D"((uint64_t)command),
                       "S"((uint64_t)ebx_in)
                     : "memory");
    return (struct perfv_backdoor_registers){ (uint32_t)eax, (uint32_t)ebx, (uint32_t)ecx, (uint32_t)edx };
}

void perfv_triple_fault(void) {
    __asm__ volatile("int3" : : "a"((uint64_t)PERFV_SYS_TRIPLE_FAULT) : "rcx", "rdx", "memory");
    __builtin_unreachable();
}

uint32_t perfv_count_recovered_msr_faults(void) {
    uint32_t recovered = 0;
    uint64_t ignored;
    if (!perfv_read_msr(PERFV_MSR_BASE + 0x1000, &ignored)) recovered++;
    if (!perfv_write_msr(PERFV_MSR_COUNTER0, 0)) recovered++;
    return recovered;
}
