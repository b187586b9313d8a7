/* HELLO: proves the boot path, ring 3 and the serial console work. */
#include "runtime.h"

void perfv_workload_hello(uint32_t vcpu, struct perfv_boot_params *params) {
    (void)params;
    perfv_print("PerfV guest: hello from vCPU %u\n", vcpu);
    perfv_exit(vcpu, PERFV_EXIT_OK);
}
