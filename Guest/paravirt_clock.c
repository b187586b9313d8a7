/* KVM's paravirtual time and steal, read from ring 3 with no exit. The
 * supervisor registered both records (MSR_KVM_SYSTEM_TIME_NEW and
 * MSR_KVM_STEAL_TIME); KVM rewrites them whenever it enters the vCPU. The
 * layouts are KVM's ABI (Linux asm/pvclock-abi.h and asm/kvm_para.h). */
#include "runtime.h"

struct pvclock_vcpu_time_info {
    uint32_t version;              /* odd while KVM is updating the record */
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;          /* ns at tsc_timestamp */
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad[2];
} __attribute__((packed));
_Static_assert(sizeof(struct pvclock_vcpu_time_info) == 32, "pvclock_vcpu_time_info is 32 bytes");

struct kvm_steal_time {
    uint64_t steal;                /* ns runnable but not running */
    uint32_t version;              /* odd while KVM is updating the record */
    uint32_t flags;
    uint8_t preempted;
    uint8_t u8_pad[3];
    uint32_t pad[11];
};
_Static_assert(sizeof(struct kvm_steal_time) == 64, "kvm_steal_time is 64 bytes");

static volatile struct pvclock_vcpu_time_info *clock_record(uint32_t vcpu) {
    return (volatile struct pvclock_vcpu_time_info *)(uintptr_t)PERFV_PVCLOCK_RECORD(vcpu);
}

static volatile struct kvm_steal_time *steal_record(uint32_t vcpu) {
    return (volatile struct kvm_steal_time *)(uintptr_t)PERFV_STEAL_RECORD(vcpu);
}

static inline void compiler_barrier(void) { __asm__ volatile("" ::: "memory"); }

/* LFENCE keeps RDTSC from running ahead of the record reads (rdtsc_ordered). */
static inline uint64_t read_tsc_ordered(void) {
    uint32_t low, high;
    __asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high) : : "memory");
    return ((uint64_t)high << 32) | low;
}

bool perfv_clock_available(uint32_t vcpu) {
    return clock_record(vcpu)->tsc_to_system_mul != 0;
}

uint64_t perfv_clock_ns(uint32_t vcpu) {
    volatile struct pvclock_vcpu_time_info *record = clock_record(vcpu);
    uint32_t version;
    uint64_t ns;
    do {
        version = record->version;
        compiler_barrier();
        uint64_t delta = read_tsc_ordered() - record->tsc_timestamp;
        int8_t shift = record->tsc_shift;
        delta = shift < 0 ? delta >> -shift : delta << shift;
        unsigned __int128 scaled = (unsigned __int128)delta * record->tsc_to_system_mul;
        ns = record->system_time + (uint64_t)(scaled >> 32);
        compiler_barrier();
    } while ((version & 1) != 0 || version != record->version);
    return ns;
}

void perfv_clock_scale(uint32_t vcpu, uint32_t *mul, int8_t *shift) {
    volatile struct pvclock_vcpu_time_info *record = clock_record(vcpu);
    uint32_t version;
    do {
        version = record->version;
        compiler_barrier();
        *mul = record->tsc_to_system_mul;
        *shift = record->tsc_shift;
        compiler_barrier();
    } while ((version & 1) != 0 || version != record->version);
}

uint64_t perfv_steal_ns(uint32_t vcpu) {
    volatile struct kvm_steal_time *record = steal_record(vcpu);
    uint32_t version;
    uint64_t steal;
    do {
        version = record->version;
        compiler_barrier();
        steal = record->steal;
        compiler_barrier();
    } while ((version & 1) != 0 || version != record->version);
    return steal;
}

void guest_region_begin(struct guest_region *region, uint32_t vcpu) {
    region->start_steal_ns = perfv_steal_ns(vcpu);
    region->start_ns = perfv_clock_ns(vcpu);
}

void guest_region_end(struct guest_region *region, uint32_t vcpu) {
    region->wall_ns = perfv_clock_ns(vcpu) - region->start_ns;
    region->steal_ns = perfv_steal_ns(vcpu) - region->start_steal_ns;
}

void guest_report_region(uint32_t vcpu, const struct guest_region *region) {
    perfv_report(vcpu, PERFV_RESULT_WALL_NS, region->wall_ns);
    perfv_report(vcpu, PERFV_RESULT_STEAL_NS, region->steal_ns);
}
