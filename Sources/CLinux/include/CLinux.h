/* CLinux: the Linux kernel interfaces Swift cannot reach directly.
 * Macros built from _IO/_IOR/_IOW do not import into Swift, and variadic C
 * (syscall, ioctl) cannot be called from Swift, so both are re-exported here.
 * Struct layouts come straight from the kernel's UAPI headers. */
#pragma once
#include <stdint.h>
#include <sys/types.h>
#include <linux/kvm.h>
#include <linux/perf_event.h>

/* ---- CPU instructions ------------------------------------------------- */

/** Executes CPUID for `leaf`/`subleaf`. */
static inline void perfv_cpuid(uint32_t leaf, uint32_t subleaf,
                               uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx) {
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(subleaf));
    *eax = a; *ebx = b; *ecx = c; *edx = d;
}

/** RDTSC: not ordered against earlier loads; ~27 cycles here. */
static inline uint64_t perfv_rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/** RDTSCP: waits for earlier instructions; also returns IA32_TSC_AUX (cpu id on Linux). */
static inline uint64_t perfv_rdtscp(uint32_t *aux) {
    uint32_t lo, hi, c;
    __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(c));
    *aux = c;
    return ((uint64_t)hi << 32) | lo;
}

/** RDPMC of `counter` (ECX). Faults with #GP (SIGSEGV) unless CR4.PCE is set or a
 *  hypervisor answers the index (VMware's pseudo-performance counters 0x10000-0x10002). */
static inline uint64_t perfv_rdpmc(uint32_t counter) {
    uint32_t lo, hi;
    __asm__ volatile("rdpmc" : "=a"(lo), "=d"(hi) : "c"(counter));
    return ((uint64_t)hi << 32) | lo;
}

/* ---- variadic system calls -------------------------------------------- */

/** perf_event_open(2); glibc has no wrapper. Returns fd or -1 with errno. */
int perfv_perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu, int group_fd,
                          unsigned long flags);
/** ioctl(2) with a pointer argument. */
int perfv_ioctl_ptr(int fd, unsigned long request, void *arg);
/** ioctl(2) with an integer argument. */
int perfv_ioctl_int(int fd, unsigned long request, unsigned long arg);
/** gettid(2). */
pid_t perfv_gettid(void);
/** CPU the calling thread runs on (sched_getcpu). */
int perfv_current_cpu(void);
/** Pins the calling thread to host CPU `cpu` (sched_setaffinity on tid 0). 0 or -1 with errno. */
int perfv_pin_current_thread(int cpu);

/** Forks a child that executes RDPMC for each of `counters[0..<count]` and then _exit(0)s,
 *  so a fault kills the child, not the caller. The child runs only async-signal-safe code
 *  (the caller may be multithreaded): default SIGSEGV/SIGILL/SIGBUS, no core dump, rdpmc, _exit.
 *  Returns the child's pid (to waitpid) or -1 with errno. */
pid_t perfv_fork_rdpmc_probe(const uint32_t *counters, int count);

/* ---- ioctl request numbers -------------------------------------------- */

static const unsigned long perfv_KVM_GET_API_VERSION = KVM_GET_API_VERSION;
static const unsigned long perfv_KVM_CREATE_VM = KVM_CREATE_VM;
static const unsigned long perfv_KVM_CHECK_EXTENSION = KVM_CHECK_EXTENSION;
static const unsigned long perfv_KVM_GET_VCPU_MMAP_SIZE = KVM_GET_VCPU_MMAP_SIZE;
static const unsigned long perfv_KVM_GET_SUPPORTED_CPUID = KVM_GET_SUPPORTED_CPUID;
static const unsigned long perfv_KVM_GET_MSR_INDEX_LIST = KVM_GET_MSR_INDEX_LIST;
static const unsigned long perfv_KVM_CREATE_VCPU = KVM_CREATE_VCPU;
static const unsigned long perfv_KVM_SET_USER_MEMORY_REGION = KVM_SET_USER_MEMORY_REGION;
static const unsigned long perfv_KVM_SET_TSS_ADDR = KVM_SET_TSS_ADDR;
static const unsigned long perfv_KVM_SET_IDENTITY_MAP_ADDR = KVM_SET_IDENTITY_MAP_ADDR;
static const unsigned long perfv_KVM_CREATE_IRQCHIP = KVM_CREATE_IRQCHIP;
static const unsigned long perfv_KVM_ENABLE_CAP = KVM_ENABLE_CAP;
static const unsigned long perfv_KVM_X86_SET_MSR_FILTER = KVM_X86_SET_MSR_FILTER;
static const unsigned long perfv_KVM_RUN = KVM_RUN;
static const unsigned long perfv_KVM_GET_REGS = KVM_GET_REGS;
static const unsigned long perfv_KVM_SET_REGS = KVM_SET_REGS;
static const unsigned long perfv_KVM_GET_SREGS = KVM_GET_SREGS;
static const unsigned long perfv_KVM_SET_SREGS = KVM_SET_SREGS;
static const unsigned long perfv_KVM_GET_MSRS = KVM_GET_MSRS;
static const unsigned long perfv_KVM_SET_MSRS = KVM_SET_MSRS;
static const unsigned long perfv_KVM_SET_CPUID2 = KVM_SET_CPUID2;
static const unsigned long perfv_KVM_GET_TSC_KHZ = KVM_GET_TSC_KHZ;
static const unsigned long perfv_KVM_GET_FPU = KVM_GET_FPU;
static const unsigned long perfv_KVM_SET_FPU = KVM_SET_FPU;
static const unsigned long perfv_KVM_GET_VCPU_EVENTS = KVM_GET_VCPU_EVENTS;
static const unsigned long perfv_KVM_SET_VCPU_EVENTS = KVM_SET_VCPU_EVENTS;

static const unsigned long perfv_PERF_EVENT_IOC_ENABLE = PERF_EVENT_IOC_ENABLE;
static const unsigned long perfv_PERF_EVENT_IOC_DISABLE = PERF_EVENT_IOC_DISABLE;
static const unsigned long perfv_PERF_EVENT_IOC_RESET = PERF_EVENT_IOC_RESET;
static const unsigned long perfv_PERF_IOC_FLAG_GROUP = PERF_IOC_FLAG_GROUP;
