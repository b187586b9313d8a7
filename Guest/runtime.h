/* Ring-3 services of the guest runtime: console, hypercalls, KVM paravirtual
 * time and steal, MSR system calls. Everything here runs natively at CPL3;
 * only the MSR system calls enter the (emulated) supervisor. */
#ifndef PERFV_GUEST_RUNTIME_H
#define PERFV_GUEST_RUNTIME_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "perfv_guest_abi.h"

/* ---- console (console.c): COM1 THR, one OUT per byte -------------------- */
/** Formats to the serial port under a lock shared by all vCPUs, so lines
 *  do not interleave. Understands %s %c %u %x %lu %lx %%. */
__attribute__((format(printf, 1, 2))) void perfv_print(const char *format, ...);

/* ---- hypercalls (hypercall.c): mailbox slot, then OUT32 the number ------ */
void perfv_report(uint32_t vcpu, enum perfv_result_key key, uint64_t value);
void perfv_snapshot(uint32_t vcpu, uint64_t tag);
__attribute__((noreturn)) void perfv_exit(uint32_t vcpu, enum perfv_exit_status status);

/* ---- KVM paravirtual clock and steal (paravirt_clock.c) ----------------- */
/** True once KVM has filled in this vCPU's pvclock record. */
bool perfv_clock_available(uint32_t vcpu);
/** kvmclock nanoseconds: this vCPU's pvclock_vcpu_time_info, read with its
 *  version protocol, scaled from RDTSC. No exit on hardware KVM; under PVM
 *  RDTSC at CPL3 traps (about 10 us), so a read costs tens of microseconds. */
uint64_t perfv_clock_ns(uint32_t vcpu);
/** Nanoseconds this vCPU has been runnable but not running, from its
 *  kvm_steal_time record (version protocol). No exit. */
uint64_t perfv_steal_ns(uint32_t vcpu);

/** This vCPU's pvclock scale: ns = ((tsc - tsc_timestamp) << shift) * mul >> 32
 *  (a negative shift shifts right), so the TSC frequency KVM runs it at. */
void perfv_clock_scale(uint32_t vcpu, uint32_t *mul, int8_t *shift);

/** Guest-side timing of one region: kvmclock wall and steal deltas, raw.
 *  The host adjusts wall for steal (PerfV's StealAdjustment), so the formula
 *  and its clamp live in one place. */
struct guest_region {
    uint64_t start_ns, start_steal_ns;
    uint64_t wall_ns, steal_ns;
};
void guest_region_begin(struct guest_region *region, uint32_t vcpu);
void guest_region_end(struct guest_region *region, uint32_t vcpu);
/** Reports WALL_NS and STEAL_NS of the region. */
void guest_report_region(uint32_t vcpu, const struct guest_region *region);

/* ---- MSR system calls (msr.c) ------------------------------------------- */
/** RDMSR through the supervisor. False if the read raised #GP (the
 *  supervisor recovered; *value is then 0). */
bool perfv_read_msr(uint32_t msr, uint64_t *value);
/** WRMSR through the supervisor. False if the write raised #GP. */
bool perfv_write_msr(uint32_t msr, uint64_t value);
/** Tries an RDMSR of an MSR nobody implements (PERFV_MSR_BASE + 0x1000) and
 *  a WRMSR to the read-only PERFV_MSR_COUNTER0; both should raise #GP and be
 *  recovered by the supervisor. Returns how many were (2 when all is well). */
uint32_t perfv_count_recovered_msr_faults(void);
/** The registers a VMware backdoor call left (the IN's EAX, EBX, ECX, EDX). */
struct perfv_backdoor_registers { uint32_t eax, ebx, ecx, edx; };
/** IN32 from PERFV_VMWARE_PORT with EAX = magic, ECX = command, EBX = ebx_in,
 *  through the supervisor (CPL0: the I/O bitmap stops ring 3 at 0x608). */
struct perfv_backdoor_registers perfv_vmware_backdoor(uint32_t magic, uint32_t command, uint32_t ebx_in);
/** Asks the supervisor for a triple fault; does not return. */
__attribute__((noreturn)) void perfv_triple_fault(void);

/* ---- workloads (workload_*.c) -------------------------------------------- */
__attribute__((noreturn)) void perfv_workload_hello(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_mmm(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_io(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_counters(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_fault(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_spin(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_exit_loop(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_net(uint32_t vcpu, struct perfv_boot_params *params);
__attribute__((noreturn)) void perfv_workload_personality(uint32_t vcpu, struct perfv_boot_params *params);

/* ---- small helpers ------------------------------------------------------- */
static inline void perfv_out8(uint16_t port, uint8_t value) {
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port) : "memory");
}
static inline void perfv_out32(uint16_t port, uint32_t value) {
    __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port) : "memory");
}
static inline uint64_t perfv_align_up(uint64_t value, uint64_t alignment) {
    return (value + alignment - 1) & ~(alignment - 1);
}
/** CPUID: KVM answers it from the table the VMM set (an exit handled in the kernel). */
static inline void perfv_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]) {
    __asm__ volatile("cpuid"
                     : "=a"(registers[0]), "=b"(registers[1]), "=c"(registers[2]), "=d"(registers[3])
                     : "a"(leaf), "c"(subleaf));
}
static inline void perfv_cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }

#endif
