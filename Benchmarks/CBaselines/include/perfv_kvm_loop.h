/* The baseline of PerfV's VMM exit benchmark: the smallest KVM user-space loop
 * that can run the same guest situation as PerfV's VMM (64-bit long mode, a
 * CPL3 loop, port I/O allowed by a TSS I/O bitmap, RDMSR through an INT3
 * system call whose MSR is denied by a KVM MSR filter so it exits to user
 * space). Written from the KVM API (Documentation/virt/kvm/api.rst) alone; it
 * shares no code with PerfV. The benchmark also wraps this same guest code in a
 * PerfV guest image (perfv_kvm_loop_guest_code) and runs it under PerfV's VMM,
 * so the two sides differ only in the VMM; PerfV's side ends with the exit
 * hypercall (an OUT of 1 to port 0x510) instead of the done OUT.
 *
 * What the guest executes per iteration (K iterations, then one "done" OUT):
 *   PORT_IO, at CPL3:  outb %al,%dx ; dec %rbx ; jnz          (1 exit)
 *   RDMSR,   at CPL3:  xor %eax,%eax ; int3 ; dec %rbx ; jnz
 *            at CPL0 (the INT3 handler, the same 8 instructions PerfV's
 *            supervisor runs for its RDMSR system call):
 *                      cmp $0,%eax ; jne ; mov %edi,%ecx ; rdmsr (1 exit) ;
 *                      shl $32,%rdx ; or %rdx,%rax ; xor %edx,%edx ; iretq
 * The host loop: KVM_RUN → look at exit_reason → (RDMSR: store the value) →
 * KVM_RUN. It reads its clocks only at the first exit and at the done exit,
 * so (done − first) / K is the cost of one exit round trip, in wall time and in
 * the thread's CPU time. */
#ifndef PERFV_KVM_LOOP_H
#define PERFV_KVM_LOOP_H
#include <stddef.h>
#include <stdint.h>

enum perfv_kvm_loop_kind {
    PERFV_KVM_LOOP_PORT_IO = 0, /* K × outb to `port` from CPL3 */
    PERFV_KVM_LOOP_RDMSR = 1    /* K × INT3 → CPL0 RDMSR of `msr` (denied by the filter: user-space exit) */
};

struct perfv_kvm_loop_config {
    const char *kvm_path;         /* "/dev/kvm" */
    uint64_t ram_bytes;           /* guest RAM, a multiple of 2 MiB in [2 MiB, 1 GiB] */
    uint32_t kind;                /* enum perfv_kvm_loop_kind */
    uint64_t count;               /* K, may be 0 */
    uint16_t port;                /* PORT_IO: the port written (< 0x608, not done_port) */
    uint16_t done_port;           /* the OUT that ends the run (< 0x608) */
    uint32_t msr;                 /* RDMSR: the MSR read; must lie in the filtered range */
    uint32_t msr_filter_base;     /* MSRs [base, base + count) exit to user space */
    uint32_t msr_filter_count;    /* 1 ... 0x2000 */
    uint64_t msr_value;           /* what the host answers for every RDMSR */
};

/* The run's landmarks, and what it counted. The clocks are read only at the first
 * exit and at the done exit, never inside the loop. */
struct perfv_kvm_loop_timing {
    uint64_t first_exit_ns;       /* CLOCK_MONOTONIC right after the first KVM_RUN that returned an exit */
    uint64_t done_exit_ns;        /* CLOCK_MONOTONIC right after the KVM_RUN that returned the done OUT */
    uint64_t first_exit_cpu_ns;   /* CLOCK_THREAD_CPUTIME_ID at the first exit (includes guest time) */
    uint64_t done_exit_cpu_ns;    /* CLOCK_THREAD_CPUTIME_ID at the done exit */
    uint64_t port_io_exits;       /* OUT exits to `port` */
    uint64_t msr_exits;           /* KVM_EXIT_X86_RDMSR exits */
};

/* A failure: which call failed, errno (0 when not a system call) and the text. */
struct perfv_kvm_loop_error {
    int errno_value;
    char message[256];
};

struct perfv_kvm_loop;

/* Offsets of the guest code's entry points from its first byte. */
struct perfv_kvm_loop_guest_entries {
    uint64_t loop_entry;   /* CPL0 entry used by this loop (registers set by the host) */
    uint64_t image_entry;  /* CPL0 entry of a PerfV guest image (reads struct perfv_boot_params at RSI) */
    uint64_t port_io_loop; /* CPL3 port I/O loop */
    uint64_t rdmsr_loop;   /* CPL3 RDMSR loop */
    uint64_t int3_handler; /* CPL0 handler of vector 3 (the RDMSR system call) */
};

/* The guest code (position-independent) and its entry points, so the benchmark
 * can run the very same instructions under PerfV's VMM as a guest image. */
const unsigned char *perfv_kvm_loop_guest_code(size_t *bytes, struct perfv_kvm_loop_guest_entries *entries);

/* Opens kvm_path, creates the VM (one memslot, MSR filter), writes the page
 * tables, GDT, TSS with I/O bitmap, IDT and guest code, creates one vCPU in
 * long mode at CPL0 on the entry stub (which IRETQs to the CPL3 loop).
 * Returns NULL and fills *error on failure. */
struct perfv_kvm_loop *perfv_kvm_loop_create(const struct perfv_kvm_loop_config *config,
                                             struct perfv_kvm_loop_error *error);

/* Runs the guest once, from the entry stub to the done OUT, on the calling
 * thread. Returns 0, or -1 with *error filled (an unexpected exit reason, a
 * wrong exit count, or a failed ioctl). A loop object runs only once. */
int perfv_kvm_loop_run(struct perfv_kvm_loop *loop, struct perfv_kvm_loop_timing *timing,
                       struct perfv_kvm_loop_error *error);

/* Unmaps and closes everything. NULL is allowed. */
void perfv_kvm_loop_destroy(struct perfv_kvm_loop *loop);

#endif
