/* Ring-3 main of every vCPU: checks the boot parameters and runs the
 * workload they name. Every path ends in PERFV_HC_EXIT. */
#include "runtime.h"

__attribute__((noreturn)) void perfv_user_main(uint64_t vcpu_index, struct perfv_boot_params *params);

void perfv_user_main(uint64_t vcpu_index, struct perfv_boot_params *params) {
    uint32_t vcpu = (uint32_t)vcpu_index;
    if (params->abi_version != PERFV_ABI_VERSION) {
        perfv_print("PerfV guest: boot params ABI %u, runtime ABI %u\n", params->abi_version, PERFV_ABI_VERSION);
        perfv_exit(vcpu, PERFV_EXIT_BAD_ABI);
    }
    if (params->vcpu_count == 0 || params->vcpu_count > PERFV_MAX_VCPUS || vcpu >= params->vcpu_count) {
        perfv_print("PerfV guest: vCPU %u of %u is out of range\n", vcpu, params->vcpu_count);
        perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
    }
    switch ((enum perfv_workload)params->workload) {
    case PERFV_WORKLOAD_HELLO: perfv_workload_hello(vcpu, params);
    case PERFV_WORKLOAD_MMM: perfv_workload_mmm(vcpu, params);
    case PERFV_WORKLOAD_IO: perfv_workload_io(vcpu, params);
    case PERFV_WORKLOAD_COUNTERS: perfv_workload_counters(vcpu, params);
    case PERFV_WORKLOAD_FAULT: perfv_workload_fault(vcpu, params);
    case PERFV_WORKLOAD_SPIN: perfv_workload_spin(vcpu, params);
    case PERFV_WORKLOAD_NOP: perfv_exit(vcpu, PERFV_EXIT_OK);
    case PERFV_WORKLOAD_EXIT_LOOP: perfv_workload_exit_loop(vcpu, params);
    case PERFV_WORKLOAD_NET: perfv_workload_net(vcpu, params);
    case PERFV_WORKLOAD_PERSONALITY: perfv_workload_personality(vcpu, params);
    }
    perfv_print("PerfV guest: unknown workload %u\n", params->workload);
    perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
}
