/* EXIT_LOOP: K exits of one kind from ring 3 and nothing else, so the host
 * can time its own exit round trip as (last exit - first exit) / K. No print,
 * clock read or hypercall happens before the loop or between iterations. */
#include "runtime.h"

#define EXIT_LOOP_PORT_LIMIT ((PERFV_IO_BITMAP_BYTES - 1) * 8) /* ports the I/O bitmap allows */

void perfv_workload_exit_loop(uint32_t vcpu, struct perfv_boot_params *params) {
    if (vcpu != 0) perfv_exit(vcpu, PERFV_EXIT_OK);
    uint64_t kind = params->arg[0], count = params->arg[1], target = params->arg[2];
    if (kind == PERFV_EXIT_LOOP_PORT_IO && target < EXIT_LOOP_PORT_LIMIT) {
        uint16_t port = (uint16_t)target;
        for (uint64_t i = 0; i < count; i++) __asm__ volatile("outb %%al, %%dx" : : "a"(0), "d"(port) : "memory");
        perfv_exit(vcpu, PERFV_EXIT_OK);
    }
    if (kind == PERFV_EXIT_LOOP_RDMSR && target <= UINT32_MAX) {
        for (uint64_t i = 0; i < count; i++) {
            uint64_t value;
            if (!perfv_read_msr((uint32_t)target, &value)) perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
        }
        perfv_exit(vcpu, PERFV_EXIT_OK);
    }
    perfv_print("PerfV guest: exit loop kind %lu target %lx is invalid\n", kind, target);
    perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
}
