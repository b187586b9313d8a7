/* The minimal KVM loop baseline; see include/perfv_kvm_loop.h for what the
 * guest executes. Facts used: Documentation/virt/kvm/api.rst (KVM_CREATE_VM,
 * KVM_SET_USER_MEMORY_REGION, KVM_CREATE_VCPU, KVM_SET_CPUID2, KVM_SET_SREGS,
 * KVM_SET_REGS, KVM_RUN, KVM_ENABLE_CAP(KVM_CAP_X86_USER_SPACE_MSR),
 * KVM_X86_SET_MSR_FILTER) and the x86-64 long-mode data structures (page
 * tables, GDT, 64-bit TSS and its I/O permission bitmap, IDT gates). */
#define _GNU_SOURCE
#include "perfv_kvm_loop.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* ---- guest-physical layout (identity-mapped) ---------------------------- */
#define GPA_PML4        0x1000u
#define GPA_PDPT        0x2000u
#define GPA_PD          0x3000u
#define GPA_GDT         0x4000u
#define GPA_IDT         0x5000u
#define GPA_TSS         0x6000u
#define GPA_CODE        0x8000u
#define KERNEL_STACK_TOP 0x10000u
#define USER_STACK_TOP  0x20000u
#define LARGE_PAGE      (2u << 20)
#define MAX_RAM         (1ull << 30) /* one page directory of 2 MiB pages */

#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UDATA 0x1B /* 0x18 | RPL 3 */
#define SEL_UCODE 0x23 /* 0x20 | RPL 3 */
#define SEL_TSS   0x28
#define GDT_BYTES 0x38 /* null, kcode, kdata, udata, ucode, 16-byte TSS */

/* 64-bit TSS: RSP0 at offset 4, I/O map base (u16) at 102; the bitmap follows
 * the 104-byte TSS. 0xC1 zero bytes allow ports 0..0x607; the CPU may read one
 * byte past the last port's, hence the final 0xFF. */
#define TSS_BYTES       104u
#define IO_BITMAP_BYTES 0xC2u
#define TSS_LIMIT       (TSS_BYTES + IO_BITMAP_BYTES - 1)
#define PORT_LIMIT      0x608u

/* Page-table and CPU bits. */
#define PTE_PRESENT 1ull
#define PTE_WRITE   2ull
#define PTE_USER    4ull
#define PTE_LARGE   0x80ull
#define CR0_PE (1ull << 0)
#define CR0_MP (1ull << 1)
#define CR0_ET (1ull << 4)
#define CR0_NE (1ull << 5)
#define CR0_WP (1ull << 16)
#define CR0_PG (1ull << 31)
#define CR4_PAE (1ull << 5)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define EFER_LME (1ull << 8)
#define EFER_LMA (1ull << 10)
#define USER_RFLAGS 0x3002ull /* IOPL 3 and the reserved bit, interrupts off */

/* ---- the guest code -------------------------------------------------------
 * Position-independent; this loop copies it to GPA_CODE, and the benchmark
 * wraps the same bytes in a PerfV guest image (perfv_kvm_loop_guest_code), so
 * PerfV's VMM and this loop run identical guest instructions.
 * Registers at the common IRETQ stub: RBX = K, RDX = port, RDI = MSR,
 * R8 = done port, R11 = done value (AL of the done OUT), R9 = user stack top,
 * R10 = address of the CPL3 loop to run. */
__asm__(
    ".pushsection .rodata.perfv_kvm_loop_guest, \"a\"\n"
    ".globl perfv_kvm_loop_guest_begin\n"
    "perfv_kvm_loop_guest_begin:\n"
    /* CPL0 entry of this loop (the host set the registers): IRETQ to the CPL3 loop in R10. */
    "perfv_kvm_loop_entry:\n"
    "    pushq $0x1B\n"
    "    pushq %r9\n"
    "    pushq $0x3002\n"
    "    pushq $0x23\n"
    "    pushq %r10\n"
    "    iretq\n"
    /* CPL0 entry of the PerfV image (RSI = struct perfv_boot_params: arg[0] = kind at
     * +32, arg[1] = K at +40, arg[2] = port or MSR at +48). Done = exit hypercall:
     * OUT of 1 (PERFV_HC_EXIT) to port 0x510; the mailbox's status a0 is 0 (RAM starts zeroed). */
    "perfv_kvm_loop_image_entry:\n"
    "    mov 40(%rsi), %rbx\n"
    "    mov 48(%rsi), %rdx\n"
    "    mov 48(%rsi), %rdi\n"
    "    mov $0x510, %r8d\n"
    "    mov $1, %r11d\n"
    "    mov $0x610000, %r9\n"
    "    lea perfv_kvm_loop_port_io(%rip), %r10\n"
    "    cmpq $1, 32(%rsi)\n"
    "    jne perfv_kvm_loop_entry\n"
    "    lea perfv_kvm_loop_rdmsr(%rip), %r10\n"
    "    jmp perfv_kvm_loop_entry\n"
    /* CPL3: K port writes, then the done OUT. */
    "perfv_kvm_loop_port_io:\n"
    "    test %rbx, %rbx\n"
    "    jz 2f\n"
    "1:  outb %al, %dx\n"
    "    dec %rbx\n"
    "    jnz 1b\n"
    "2:  mov %r11d, %eax\n"
    "    mov %r8d, %edx\n"
    "    outb %al, %dx\n"
    "    ud2\n"
    /* CPL3: K RDMSR system calls (INT3, RAX = 0), then the done OUT. */
    "perfv_kvm_loop_rdmsr:\n"
    "    test %rbx, %rbx\n"
    "    jz 2f\n"
    "1:  xor %eax, %eax\n"
    "    int3\n"
    "    dec %rbx\n"
    "    jnz 1b\n"
    "2:  mov %r11d, %eax\n"
    "    mov %r8d, %edx\n"
    "    outb %al, %dx\n"
    "    ud2\n"
    /* CPL0, IDT vector 3: the RDMSR system call. */
    "perfv_kvm_loop_int3:\n"
    "    cmp $0, %eax\n"
    "    jne 3f\n"
    "    mov %edi, %ecx\n"
    "    rdmsr\n"
    "    shl $32, %rdx\n"
    "    or %rdx, %rax\n"
    "    xor %edx, %edx\n"
    "    iretq\n"
    "3:  mov $-1, %rax\n"
    "    mov $1, %edx\n"
    "    iretq\n"
    ".globl perfv_kvm_loop_guest_end\n"
    "perfv_kvm_loop_guest_end:\n"
    /* Offsets of the entry points from the start of the code; 16-byte aligned
     * as the x86-64 ABI aligns an array of this size (the compiler may use movaps). */
    "    .balign 16\n"
    ".globl perfv_kvm_loop_guest_offsets\n"
    "perfv_kvm_loop_guest_offsets:\n"
    "    .quad perfv_kvm_loop_entry - perfv_kvm_loop_guest_begin\n"
    "    .quad perfv_kvm_loop_image_entry - perfv_kvm_loop_guest_begin\n"
    "    .quad perfv_kvm_loop_port_io - perfv_kvm_loop_guest_begin\n"
    "    .quad perfv_kvm_loop_rdmsr - perfv_kvm_loop_guest_begin\n"
    "    .quad perfv_kvm_loop_int3 - perfv_kvm_loop_guest_begin\n"
    ".popsection\n");

extern const unsigned char perfv_kvm_loop_guest_begin[], perfv_kvm_loop_guest_end[];
extern const uint64_t perfv_kvm_loop_guest_offsets[5];

const unsigned char *perfv_kvm_loop_guest_code(size_t *bytes, struct perfv_kvm_loop_guest_entries *entries) {
    *bytes = (size_t)(perfv_kvm_loop_guest_end - perfv_kvm_loop_guest_begin);
    entries->loop_entry = perfv_kvm_loop_guest_offsets[0];
    entries->image_entry = perfv_kvm_loop_guest_offsets[1];
    entries->port_io_loop = perfv_kvm_loop_guest_offsets[2];
    entries->rdmsr_loop = perfv_kvm_loop_guest_offsets[3];
    entries->int3_handler = perfv_kvm_loop_guest_offsets[4];
    return perfv_kvm_loop_guest_begin;
}

struct perfv_kvm_loop {
    struct perfv_kvm_loop_config config;
    int kvm_fd, vm_fd, vcpu_fd;
    void *ram;
    struct kvm_run *run;
    size_t run_bytes;
    int has_run;
};

static int fail(struct perfv_kvm_loop_error *error, int errno_value, const char *format, ...) {
    error->errno_value = errno_value;
    va_list arguments;
    va_start(arguments, format);
    int used = vsnprintf(error->message, sizeof error->message, format, arguments);
    va_end(arguments);
    if (errno_value != 0 && used >= 0 && (size_t)used < sizeof error->message)
        snprintf(error->message + used, sizeof error->message - (size_t)used, ": %s", strerror(errno_value));
    return -1;
}

/* ioctl(2), retried on EINTR (KVM_RUN is not retried here: see the run loop). */
static int kvm_ioctl(int fd, unsigned long request, void *argument) {
    int result;
    do result = ioctl(fd, request, argument);
    while (result < 0 && errno == EINTR);
    return result;
}

static uint64_t clock_ns(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

static struct kvm_segment segment(uint16_t selector, uint8_t type, uint8_t dpl, uint8_t code64) {
    struct kvm_segment s = {0};
    s.base = 0;
    s.limit = 0xFFFFFFFF;
    s.selector = selector;
    s.type = type;
    s.present = 1;
    s.dpl = dpl;
    s.db = code64 ? 0 : 1;
    s.s = 1;
    s.l = code64;
    s.g = 1;
    return s;
}

static void write_guest_tables(struct perfv_kvm_loop *loop) {
    unsigned char *ram = loop->ram;
    uint64_t *pml4 = (uint64_t *)(ram + GPA_PML4), *pdpt = (uint64_t *)(ram + GPA_PDPT),
             *pd = (uint64_t *)(ram + GPA_PD);
    uint64_t flags = PTE_PRESENT | PTE_WRITE | PTE_USER;
    pml4[0] = GPA_PDPT | flags;
    pdpt[0] = GPA_PD | flags;
    for (uint64_t i = 0; i < loop->config.ram_bytes / LARGE_PAGE; i++) pd[i] = i * LARGE_PAGE | flags | PTE_LARGE;

    /* GDT: flat descriptors with the accessed bit set; 64-bit TSS descriptor, type 0xB (busy). */
    uint64_t *gdt = (uint64_t *)(ram + GPA_GDT);
    gdt[0] = 0;
    gdt[1] = 0x00AF9B000000FFFFull; /* kernel code, L=1 */
    gdt[2] = 0x00CF93000000FFFFull; /* kernel data */
    gdt[3] = 0x00CFF3000000FFFFull; /* user data, DPL 3 */
    gdt[4] = 0x00AFFB000000FFFFull; /* user code, DPL 3, L=1 */
    uint64_t tss = GPA_TSS;
    gdt[5] = (TSS_LIMIT & 0xFFFFull) | (tss & 0xFFFFFFull) << 16 | 0xBull << 40 | 1ull << 47 |
             ((uint64_t)(TSS_LIMIT >> 16) & 0xF) << 48 | ((tss >> 24) & 0xFF) << 56;
    gdt[6] = tss >> 32;

    /* TSS: RSP0 for the INT3 stack switch, the I/O map right after it. */
    unsigned char *tss_bytes = ram + GPA_TSS;
    uint64_t rsp0 = KERNEL_STACK_TOP;
    memcpy(tss_bytes + 4, &rsp0, sizeof rsp0);
    uint16_t iomap_base = TSS_BYTES;
    memcpy(tss_bytes + 102, &iomap_base, sizeof iomap_base);
    memset(tss_bytes + TSS_BYTES, 0, IO_BITMAP_BYTES - 1);
    tss_bytes[TSS_BYTES + IO_BITMAP_BYTES - 1] = 0xFF;

    /* IDT: only vector 3, a 64-bit interrupt gate with DPL 3 (type 0xEE) so INT3 works from CPL3. */
    uint64_t handler = GPA_CODE + perfv_kvm_loop_guest_offsets[4];
    uint64_t *gate = (uint64_t *)(ram + GPA_IDT + 16 * 3);
    gate[0] = (handler & 0xFFFF) | (uint64_t)SEL_KCODE << 16 | 0xEEull << 40 | ((handler >> 16) & 0xFFFF) << 48;
    gate[1] = handler >> 32;

    memcpy(ram + GPA_CODE, perfv_kvm_loop_guest_begin,
           (size_t)(perfv_kvm_loop_guest_end - perfv_kvm_loop_guest_begin));
}

static int set_supported_cpuid(struct perfv_kvm_loop *loop, struct perfv_kvm_loop_error *error) {
    /* Long mode in EFER needs CPUID.80000001:EDX.LM in the vCPU's CPUID: pass KVM's supported set. */
    for (uint32_t capacity = 64; capacity <= 4096; capacity *= 2) {
        size_t bytes = sizeof(struct kvm_cpuid2) + capacity * sizeof(struct kvm_cpuid_entry2);
        struct kvm_cpuid2 *cpuid = calloc(1, bytes);
        if (!cpuid) return fail(error, ENOMEM, "calloc(kvm_cpuid2)");
        cpuid->nent = capacity;
        if (kvm_ioctl(loop->kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid) < 0) {
            int code = errno;
            free(cpuid);
            if (code == E2BIG) continue;
            return fail(error, code, "KVM_GET_SUPPORTED_CPUID");
        }
        int result = kvm_ioctl(loop->vcpu_fd, KVM_SET_CPUID2, cpuid);
        int code = errno;
        free(cpuid);
        return result < 0 ? fail(error, code, "KVM_SET_CPUID2") : 0;
    }
    return fail(error, E2BIG, "KVM_GET_SUPPORTED_CPUID");
}

static int set_registers(struct perfv_kvm_loop *loop, struct perfv_kvm_loop_error *error) {
    struct kvm_sregs sregs;
    if (kvm_ioctl(loop->vcpu_fd, KVM_GET_SREGS, &sregs) < 0) return fail(error, errno, "KVM_GET_SREGS");
    sregs.cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
    sregs.cr3 = GPA_PML4;
    sregs.cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
    sregs.efer = EFER_LME | EFER_LMA;
    sregs.cs = segment(SEL_KCODE, 0xB, 0, 1);
    sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = segment(SEL_KDATA, 0x3, 0, 0);
    struct kvm_segment tr = {0};
    tr.base = GPA_TSS;
    tr.limit = TSS_LIMIT;
    tr.selector = SEL_TSS;
    tr.type = 0xB;
    tr.present = 1;
    sregs.tr = tr;
    struct kvm_segment ldt = {0};
    ldt.unusable = 1;
    sregs.ldt = ldt;
    sregs.gdt.base = GPA_GDT;
    sregs.gdt.limit = GDT_BYTES - 1;
    sregs.idt.base = GPA_IDT;
    sregs.idt.limit = 0xFFF;
    if (kvm_ioctl(loop->vcpu_fd, KVM_SET_SREGS, &sregs) < 0) return fail(error, errno, "KVM_SET_SREGS");

    struct kvm_regs regs = {0};
    regs.rip = GPA_CODE + perfv_kvm_loop_guest_offsets[0];
    regs.rsp = KERNEL_STACK_TOP;
    regs.rflags = 0x2;
    regs.rbx = loop->config.count;
    regs.rdx = loop->config.port;
    regs.rdi = loop->config.msr;
    regs.r8 = loop->config.done_port;
    regs.r9 = USER_STACK_TOP;
    regs.r11 = 0; /* AL of the done OUT: any value, the port says "done" */
    regs.r10 = GPA_CODE + (loop->config.kind == PERFV_KVM_LOOP_RDMSR ? perfv_kvm_loop_guest_offsets[3]
                                                                      : perfv_kvm_loop_guest_offsets[2]);
    if (kvm_ioctl(loop->vcpu_fd, KVM_SET_REGS, &regs) < 0) return fail(error, errno, "KVM_SET_REGS");
    return 0;
}

static int trap_msrs(struct perfv_kvm_loop *loop, struct perfv_kvm_loop_error *error) {
    struct kvm_enable_cap capability = {0};
    capability.cap = KVM_CAP_X86_USER_SPACE_MSR;
    capability.args[0] = KVM_MSR_EXIT_REASON_INVAL | KVM_MSR_EXIT_REASON_UNKNOWN | KVM_MSR_EXIT_REASON_FILTER;
    if (kvm_ioctl(loop->vm_fd, KVM_ENABLE_CAP, &capability) < 0)
        return fail(error, errno, "KVM_ENABLE_CAP(KVM_CAP_X86_USER_SPACE_MSR)");
    static uint8_t denied[0x2000 / 8]; /* all zero: every MSR of the range is denied */
    struct kvm_msr_filter filter = {0};
    filter.flags = KVM_MSR_FILTER_DEFAULT_ALLOW;
    filter.ranges[0].flags = KVM_MSR_FILTER_READ | KVM_MSR_FILTER_WRITE;
    filter.ranges[0].nmsrs = loop->config.msr_filter_count;
    filter.ranges[0].base = loop->config.msr_filter_base;
    filter.ranges[0].bitmap = denied;
    if (kvm_ioctl(loop->vm_fd, KVM_X86_SET_MSR_FILTER, &filter) < 0)
        return fail(error, errno, "KVM_X86_SET_MSR_FILTER");
    return 0;
}

static int check_config(const struct perfv_kvm_loop_config *config, struct perfv_kvm_loop_error *error) {
    if (config->ram_bytes < LARGE_PAGE || config->ram_bytes > MAX_RAM || config->ram_bytes % LARGE_PAGE != 0)
        return fail(error, 0, "RAM of %llu bytes must be a multiple of 2 MiB in [2 MiB, 1 GiB]",
                    (unsigned long long)config->ram_bytes);
    if (config->kind > PERFV_KVM_LOOP_RDMSR) return fail(error, 0, "unknown loop kind %u", config->kind);
    if (config->port >= PORT_LIMIT || config->done_port >= PORT_LIMIT || config->port == config->done_port)
        return fail(error, 0, "ports 0x%x and 0x%x must differ and lie below 0x%x", config->port,
                    config->done_port, PORT_LIMIT);
    if (config->msr_filter_count == 0 || config->msr_filter_count > 0x2000 || config->msr < config->msr_filter_base ||
        config->msr - config->msr_filter_base >= config->msr_filter_count)
        return fail(error, 0, "MSR 0x%x is not in the filtered range [0x%x, +0x%x)", config->msr,
                    config->msr_filter_base, config->msr_filter_count);
    return 0;
}

struct perfv_kvm_loop *perfv_kvm_loop_create(const struct perfv_kvm_loop_config *config,
                                             struct perfv_kvm_loop_error *error) {
    if (check_config(config, error) < 0) return NULL;
    struct perfv_kvm_loop *loop = calloc(1, sizeof *loop);
    if (!loop) {
        fail(error, ENOMEM, "calloc(perfv_kvm_loop)");
        return NULL;
    }
    loop->config = *config;
    loop->kvm_fd = loop->vm_fd = loop->vcpu_fd = -1;
    loop->ram = MAP_FAILED;
    loop->run = MAP_FAILED;

    if ((loop->kvm_fd = open(config->kvm_path, O_RDWR | O_CLOEXEC)) < 0) {
        fail(error, errno, "open(%s)", config->kvm_path);
        goto failed;
    }
    if ((loop->vm_fd = ioctl(loop->kvm_fd, KVM_CREATE_VM, 0)) < 0) {
        fail(error, errno, "KVM_CREATE_VM");
        goto failed;
    }
    loop->ram = mmap(NULL, config->ram_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                     -1, 0);
    if (loop->ram == MAP_FAILED) {
        fail(error, errno, "mmap(guest RAM)");
        goto failed;
    }
    struct kvm_userspace_memory_region region = {
        .slot = 0, .flags = 0, .guest_phys_addr = 0, .memory_size = config->ram_bytes,
        .userspace_addr = (uint64_t)(uintptr_t)loop->ram};
    if (kvm_ioctl(loop->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
        fail(error, errno, "KVM_SET_USER_MEMORY_REGION");
        goto failed;
    }
    if (trap_msrs(loop, error) < 0) goto failed;
    write_guest_tables(loop);

    if ((loop->vcpu_fd = ioctl(loop->vm_fd, KVM_CREATE_VCPU, 0)) < 0) {
        fail(error, errno, "KVM_CREATE_VCPU");
        goto failed;
    }
    int map_bytes = ioctl(loop->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (map_bytes <= 0) {
        fail(error, errno, "KVM_GET_VCPU_MMAP_SIZE");
        goto failed;
    }
    loop->run_bytes = (size_t)map_bytes;
    loop->run = mmap(NULL, loop->run_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, loop->vcpu_fd, 0);
    if (loop->run == MAP_FAILED) {
        fail(error, errno, "mmap(kvm_run)");
        goto failed;
    }
    if (set_supported_cpuid(loop, error) < 0 || set_registers(loop, error) < 0) goto failed;
    return loop;

failed:
    perfv_kvm_loop_destroy(loop);
    return NULL;
}

int perfv_kvm_loop_run(struct perfv_kvm_loop *loop, struct perfv_kvm_loop_timing *timing,
                       struct perfv_kvm_loop_error *error) {
    if (loop->has_run) return fail(error, 0, "a loop object runs only once");
    loop->has_run = 1;
    struct kvm_run *run = loop->run;
    const struct perfv_kvm_loop_config *config = &loop->config;
    uint64_t first = 0, first_cpu = 0, io_exits = 0, msr_exits = 0;
    for (;;) {
        if (ioctl(loop->vcpu_fd, KVM_RUN, 0) < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return fail(error, errno, "KVM_RUN");
        }
        if (first == 0) {
            first = clock_ns(CLOCK_MONOTONIC);
            first_cpu = clock_ns(CLOCK_THREAD_CPUTIME_ID);
        }
        switch (run->exit_reason) {
        case KVM_EXIT_IO:
            if (run->io.direction == KVM_EXIT_IO_OUT && run->io.port == config->done_port) {
                timing->done_exit_ns = clock_ns(CLOCK_MONOTONIC);
                timing->done_exit_cpu_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID);
                timing->first_exit_ns = first;
                timing->first_exit_cpu_ns = first_cpu;
                timing->port_io_exits = io_exits;
                timing->msr_exits = msr_exits;
                uint64_t expected = config->count;
                uint64_t counted = config->kind == PERFV_KVM_LOOP_RDMSR ? msr_exits : io_exits;
                if (counted != expected || io_exits + msr_exits != expected)
                    return fail(error, 0, "expected %llu exits of the loop's kind, saw %llu port I/O and %llu RDMSR",
                                (unsigned long long)expected, (unsigned long long)io_exits,
                                (unsigned long long)msr_exits);
                return 0;
            }
            if (run->io.direction != KVM_EXIT_IO_OUT || run->io.port != config->port)
                return fail(error, 0, "unexpected port I/O: %s port 0x%x",
                            run->io.direction == KVM_EXIT_IO_OUT ? "OUT to" : "IN from", run->io.port);
            io_exits++;
            break;
        case KVM_EXIT_X86_RDMSR:
            if (run->msr.index != config->msr) return fail(error, 0, "unexpected RDMSR 0x%x", run->msr.index);
            run->msr.data = config->msr_value;
            run->msr.error = 0;
            msr_exits++;
            break;
        default:
            return fail(error, 0, "unexpected KVM exit reason %u", run->exit_reason);
        }
    }
}

void perfv_kvm_loop_destroy(struct perfv_kvm_loop *loop) {
    if (!loop) return;
    if (loop->run != MAP_FAILED) munmap(loop->run, loop->run_bytes);
    if (loop->vcpu_fd >= 0) close(loop->vcpu_fd);
    if (loop->ram != MAP_FAILED) munmap(loop->ram, loop->config.ram_bytes);
    if (loop->vm_fd >= 0) close(loop->vm_fd);
    if (loop->kvm_fd >= 0) close(loop->kvm_fd);
    free(loop);
}
