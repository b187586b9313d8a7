/* PERSONALITY: reads what the VMM's hypervisor personality (arg0) presents
 * and reports it raw; the host judges it (VMM's PersonalityReport).
 * - CPUID: leaves 0 and 1, the 0x40000000 block, PerfV's block.
 * - Hyper-V time sources: TIME_REF_COUNT twice around a spin of arg1 ms,
 *   each read bracketed by kvmclock reads; VP_RUNTIME before and after;
 *   GUEST_OS_ID written and read back. Then two accesses that must #GP
 *   (the unimplemented HYPERCALL MSR, a write to TIME_REF_COUNT).
 * - VMware backdoor: GETVERSION, GETHZ and GETVERSION with a wrong magic.
 * Every personality runs every probe: the absent ones must fault (MSRs) or
 * float (the port), and the host checks that too. MSR reads and the backdoor
 * enter the emulated supervisor, so there are only a dozen of them. */
#include "runtime.h"

#define SPIN_MAX_MS 10000ull
#define SPIN_BATCH 20000u

static void spin_for(uint32_t vcpu, uint64_t ms) {
    uint64_t start = perfv_clock_ns(vcpu);
    while (perfv_clock_ns(vcpu) - start < ms * 1000000ull)
        for (uint32_t i = 0; i < SPIN_BATCH; i++) __asm__ volatile("" ::: "memory");
}

static void report_cpuid(uint32_t vcpu) {
    for (uint32_t slot = 0; slot < PERFV_PERSONALITY_CPUID_SLOTS; slot++) {
        uint32_t registers[4];
        perfv_cpuid(perfv_personality_cpuid_leaf(slot), 0, registers);
        for (uint32_t r = 0; r < 4; r++)
            perfv_report(vcpu, (enum perfv_result_key)(PERFV_RESULT_CPUID_BASE + 4 * slot + r), registers[r]);
    }
}

/* Reads an MSR and reports it under key; counts a #GP instead. */
static void read_and_report(uint32_t vcpu, uint32_t msr, enum perfv_result_key key, uint32_t *faults) {
    uint64_t value;
    if (perfv_read_msr(msr, &value)) perfv_report(vcpu, key, value);
    else (*faults)++;
}

static uint32_t probe_hyperv(uint32_t vcpu, uint64_t spin_ms) {
    uint32_t faults = 0;
    uint64_t ignored;
    perfv_report(vcpu, PERFV_RESULT_KVMCLOCK_0, perfv_clock_ns(vcpu));
    read_and_report(vcpu, PERFV_HV_MSR_TIME_REF_COUNT, PERFV_RESULT_TIME_REF_0, &faults);
    perfv_report(vcpu, PERFV_RESULT_KVMCLOCK_1, perfv_clock_ns(vcpu));
    read_and_report(vcpu, PERFV_HV_MSR_VP_RUNTIME, PERFV_RESULT_VP_RUNTIME_0, &faults);
    spin_for(vcpu, spin_ms);
    read_and_report(vcpu, PERFV_HV_MSR_VP_RUNTIME, PERFV_RESULT_VP_RUNTIME_1, &faults);
    perfv_report(vcpu, PERFV_RESULT_KVMCLOCK_2, perfv_clock_ns(vcpu));
    read_and_report(vcpu, PERFV_HV_MSR_TIME_REF_COUNT, PERFV_RESULT_TIME_REF_1, &faults);
    perfv_report(vcpu, PERFV_RESULT_KVMCLOCK_3, perfv_clock_ns(vcpu));
    if (!perfv_write_msr(PERFV_HV_MSR_GUEST_OS_ID, PERFV_GUEST_OS_ID_VALUE)) faults++;
    read_and_report(vcpu, PERFV_HV_MSR_GUEST_OS_ID, PERFV_RESULT_GUEST_OS_ID, &faults);
    if (!perfv_read_msr(PERFV_HV_MSR_HYPERCALL, &ignored)) faults++;
    if (!perfv_write_msr(PERFV_HV_MSR_TIME_REF_COUNT, 0)) faults++;
    return faults;
}

static void probe_vmware(uint32_t vcpu) {
    struct perfv_backdoor_registers version =
        perfv_vmware_backdoor(PERFV_VMWARE_MAGIC, PERFV_VMWARE_CMD_GETVERSION, 0xFFFFFFFFu);
    perfv_report(vcpu, PERFV_RESULT_VMWARE_VERSION_EAX, version.eax);
    perfv_report(vcpu, PERFV_RESULT_VMWARE_VERSION_EBX, version.ebx);
    perfv_report(vcpu, PERFV_RESULT_VMWARE_VERSION_ECX, version.ecx);
    struct perfv_backdoor_registers hz = perfv_vmware_backdoor(PERFV_VMWARE_MAGIC, PERFV_VMWARE_CMD_GETHZ, 0xFFFFFFFFu);
    perfv_report(vcpu, PERFV_RESULT_VMWARE_HZ_EAX, hz.eax);
    perfv_report(vcpu, PERFV_RESULT_VMWARE_HZ_EBX, hz.ebx);
    perfv_report(vcpu, PERFV_RESULT_VMWARE_HZ_ECX, hz.ecx);
    struct perfv_backdoor_registers bad =
        perfv_vmware_backdoor(PERFV_VMWARE_MAGIC ^ 1u, PERFV_VMWARE_CMD_GETVERSION, 0xFFFFFFFFu);
    perfv_report(vcpu, PERFV_RESULT_VMWARE_BAD_MAGIC_EAX, bad.eax);
    perfv_print("PerfV guest: backdoor version %x magic %x type %u, hz %x:%x bus %u\n",
                version.eax, version.ebx, version.ecx, hz.ebx, hz.eax, hz.ecx);
}

void perfv_workload_personality(uint32_t vcpu, struct perfv_boot_params *params) {
    if (vcpu != 0) perfv_exit(vcpu, PERFV_EXIT_OK);
    uint64_t spin_ms = params->arg[1];
    if (params->arg[0] > PERFV_PERSONALITY_NONE || spin_ms > SPIN_MAX_MS) perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
    if (!perfv_clock_available(vcpu)) perfv_exit(vcpu, PERFV_EXIT_NO_CLOCK);

    report_cpuid(vcpu);
    uint32_t mul;
    int8_t shift;
    perfv_clock_scale(vcpu, &mul, &shift);
    perfv_report(vcpu, PERFV_RESULT_PVCLOCK_MUL, mul);
    perfv_report(vcpu, PERFV_RESULT_PVCLOCK_SHIFT, (uint8_t)shift);

    uint32_t faults = probe_hyperv(vcpu, spin_ms);
    perfv_report(vcpu, PERFV_RESULT_GP_FAULTS, faults);
    probe_vmware(vcpu);
    perfv_print("PerfV guest: personality %lu probed, %u MSR accesses raised #GP\n", params->arg[0], faults);
    perfv_exit(vcpu, PERFV_EXIT_OK);
}
