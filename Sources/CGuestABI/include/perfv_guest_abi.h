/* The contract between PerfV's VMM (host) and its guest runtime (Guest/).
 * Both sides include this one header, so a number changes in one place.
 * Plain C with fixed-width types only: the guest is freestanding. */
#ifndef PERFV_GUEST_ABI_H
#define PERFV_GUEST_ABI_H
#include <stdint.h>

#define PERFV_ABI_VERSION 1u

/* ---- guest-physical layout (identity-mapped: GVA == GPA) ---------------
 * 0x0000_0000 .. 0x0000_0FFF  not mapped: a NULL dereference is a #PF
 * 0x0000_1000                 GDT (null, kcode, kdata, udata, ucode, TSS[2])
 * 0x0000_2000                 IDT (256 gates)
 * 0x0000_3000                 TSS array, one 128-byte slot per vCPU
 * 0x0000_3800                 I/O permission bitmap shared by every TSS
 * 0x0000_4000                 boot parameters (struct perfv_boot_params)
 * 0x0000_5000                 paravirt page: per-vCPU kvm_steal_time (64 B
 *                             aligned) then per-vCPU pvclock records
 * 0x0000_6000                 hypercall mailbox (struct perfv_mailbox)
 * 0x0001_0000 .. 0x0001_FFFF  page tables (PML4, PDPT, PDs; 2 MiB pages)
 * 0x0002_0000 .. 0x0003_FFFF  block-device request ring (batched mode)
 * 0x0004_0000 .. 0x0004_FFFF  network-device transmit ring
 * 0x0010_0000 .. 0x001F_FFFF  per-vCPU kernel stacks, 16 KiB each
 * 0x0020_0000                 guest image (ELF PT_LOAD segments), 4 MiB max
 * 0x0060_0000 .. ram_top      user stacks (64 KiB each, per vCPU) then heap
 * PERFV_MMIO_BASE             unbacked window: accesses exit as MMIO
 * Everything in RAM is mapped user-accessible (U/S=1) and writable, and the
 * supervisor runs from and writes those pages, so CR4.SMEP/SMAP stay off.
 * The VMM loads the image's PT_LOAD segments (zero-filling p_memsz beyond
 * p_filesz) and hands over zeroed RAM. */
#define PERFV_GPA_GDT            0x1000ull
#define PERFV_GPA_IDT            0x2000ull
#define PERFV_GPA_TSS            0x3000ull
#define PERFV_TSS_STRIDE         128u
/* The workload does port I/O at CPL3. RFLAGS.IOPL = 3 allows that on hardware
 * KVM, but PVM ignores IOPL and consults the TSS I/O permission bitmap, so
 * every TSS points at this one shared bitmap: iomap_base (TSS offset 102) =
 * PERFV_GPA_IO_BITMAP - TSS base, TSS limit = iomap_base + PERFV_IO_BITMAP_BYTES - 1.
 * The bitmap is PERFV_IO_BITMAP_BYTES - 1 zero bytes (ports 0..0x607 allowed)
 * and a final 0xFF byte (the CPU may read one byte past the last port's). */
#define PERFV_GPA_IO_BITMAP      0x3800ull
#define PERFV_IO_BITMAP_BYTES    0xC2u
#define PERFV_GPA_BOOT_PARAMS    0x4000ull
#define PERFV_GPA_PARAVIRT       0x5000ull
#define PERFV_GPA_MAILBOX        0x6000ull
#define PERFV_STEAL_RECORD(vcpu)   (PERFV_GPA_PARAVIRT + 64ull * (vcpu))          /* struct kvm_steal_time */
#define PERFV_PVCLOCK_RECORD(vcpu) (PERFV_GPA_PARAVIRT + 0x800ull + 32ull * (vcpu)) /* pvclock_vcpu_time_info */
#define PERFV_GPA_PAGE_TABLES    0x10000ull
#define PERFV_GPA_BLOCK_RING     0x20000ull
#define PERFV_BLOCK_RING_BYTES   0x20000ull
#define PERFV_GPA_NET_RING       0x40000ull
#define PERFV_NET_RING_BYTES     0x10000ull
#define PERFV_GPA_KERNEL_STACKS  0x100000ull
#define PERFV_KERNEL_STACK_BYTES 0x4000ull
#define PERFV_GPA_IMAGE          0x200000ull
#define PERFV_IMAGE_MAX_BYTES    0x400000ull
#define PERFV_GPA_USER_STACKS    0x600000ull
#define PERFV_USER_STACK_BYTES   0x10000ull
#define PERFV_MAX_VCPUS          16u
#define PERFV_MMIO_BASE          0xC0000000ull
#define PERFV_MMIO_BYTES         0x200000ull

/* ---- the guest image header ----------------------------------------------
 * The first bytes of the image (section .perfv_header, at PERFV_GPA_IMAGE) tell
 * the VMM where the supervisor's entry points are, so the VMM can build the IDT
 * and the SYSCALL MSRs without running any guest ring-0 code for it.
 * vCPU start state (set by the VMM): long mode, CPL0, RIP = supervisor_entry,
 * RSP = top of this vCPU's kernel stack, RDI = vCPU index, RSI = boot params GPA,
 * interrupts off. The supervisor registers steal time and kvmclock, then IRETQs
 * to user_entry at CPL3 with RFLAGS.IOPL = 3 and RSP = top of the user stack,
 * passing RDI = vCPU index and RSI = boot params GPA. */
#define PERFV_IMAGE_MAGIC 0x5646524550ull /* "PERFV" little-endian */
struct perfv_image_header {
    uint64_t magic;                 /* PERFV_IMAGE_MAGIC */
    uint32_t abi_version;           /* PERFV_ABI_VERSION */
    uint32_t header_bytes;          /* sizeof(struct perfv_image_header) */
    uint64_t supervisor_entry;      /* CPL0 entry of every vCPU */
    uint64_t user_entry;            /* CPL3 workload entry */
    uint64_t syscall_entry;         /* IA32_LSTAR (unused: see perfv_syscall) */
    uint64_t exception_entry[32];   /* IDT gate targets for vectors 0..31 */
};

/* After a fatal exception the supervisor writes the vCPU's mailbox slot
 * (a0 = vector, a1 = error code, a2 = faulting RIP, a3 = CR2) and OUTs the
 * vector to PERFV_PORT_FAULT; it never returns to the workload. At that OUT
 * the supervisor's RSP points at struct perfv_fault_frame, so the VMM can read
 * the faulting CS (its CPL) and RFLAGS there too.
 * It also saves what its own report clobbers: reserved[PERFV_FAULT_SLOT_*] =
 * RSP, RAX, RCX, RDX at the fault (every other register still holds the
 * faulting code's value when the OUT exits). It finds its slot through STR:
 * vCPU index = (TR selector - PERFV_SEL_TSS) / 16. */
#define PERFV_FAULT_SLOT_RSP 0 /* indexes into perfv_mailbox_slot.reserved */
#define PERFV_FAULT_SLOT_RAX 1
#define PERFV_FAULT_SLOT_RCX 2
#define PERFV_FAULT_SLOT_RDX 3
struct perfv_fault_frame {          /* what the supervisor's stack holds at the fault OUT */
    uint64_t rdx, rcx, rax;         /* the faulting code's, saved by the report stub */
    uint64_t vector, error_code;    /* pushed by the stub (0 if the CPU pushes none) */
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* GDT selectors. The user selectors follow the SYSRET layout
 * (STAR[63:48]+8 = user SS, +16 = user CS). */
#define PERFV_SEL_KCODE  0x08
#define PERFV_SEL_KDATA  0x10
#define PERFV_SEL_UDATA  0x1B /* 0x18 | RPL3 */
#define PERFV_SEL_UCODE  0x23 /* 0x20 | RPL3 */
#define PERFV_SEL_TSS    0x28 /* + 16 * vcpu_index */

/* ---- CPUID ---------------------------------------------------------------
 * KVM's block stays at 0x40000000 ("KVMKVMKVM"); PerfV's block follows. */
#define PERFV_CPUID_BASE         0x40000100u /* EAX = max leaf, EBX:ECX:EDX = signature */
#define PERFV_CPUID_COUNTERS     0x40000101u /* EAX = MSR base, EBX = MSR count, ECX = ABI version */
#define PERFV_CPUID_SIGNATURE    "PerfVPerfVVM"

/* ---- virtual counter MSRs (per vCPU, trapped to the VMM) ----------------- */
#define PERFV_MSR_BASE           0x50460000u
#define PERFV_MSR_CONTROL        (PERFV_MSR_BASE + 0)  /* W: PERFV_CTL_* bits; R: state */
#define PERFV_MSR_AVAILABLE      (PERFV_MSR_BASE + 1)  /* R: bit i set = counter index i is available */
#define PERFV_MSR_COUNTER0       (PERFV_MSR_BASE + 2)  /* R: first counter, index 0 */
enum perfv_counter_index {
    PERFV_CTR_RUN_NS = 0,          /* ns the vCPU thread spent inside KVM_RUN */
    PERFV_CTR_EXITS_TOTAL,
    PERFV_CTR_EXITS_IO,
    PERFV_CTR_EXITS_MMIO,
    PERFV_CTR_EXITS_MSR,
    PERFV_CTR_EXITS_HLT,
    PERFV_CTR_EXITS_OTHER,
    PERFV_CTR_IO_BYTES,
    PERFV_CTR_MMIO_BYTES,
    PERFV_CTR_HOST_STEAL_NS,       /* vCPU thread's run delay (schedstat) */
    PERFV_CTR_EXIT_HANDLING_NS,    /* ns the VMM spent handling exits */
    PERFV_CTR_HOST_TASK_CLOCK_NS,  /* perf_event software: task-clock */
    PERFV_CTR_HOST_PAGE_FAULTS,    /* perf_event software: page-faults */
    PERFV_CTR_HOST_CONTEXT_SWITCHES,
    PERFV_CTR_HOST_CYCLES,         /* perf_event hardware: unavailable without a PMU */
    PERFV_CTR_HOST_INSTRUCTIONS,   /* perf_event hardware: unavailable without a PMU */
    PERFV_COUNTER_COUNT
};
#define PERFV_MSR_COUNT          (2u + PERFV_COUNTER_COUNT)
#define PERFV_CTL_RESET          (1u << 0)
#define PERFV_CTL_START          (1u << 1)
#define PERFV_CTL_STOP           (1u << 2)

/* KVM paravirtual MSRs (Documentation/virt/kvm/x86/msr.rst). */
#define PERFV_MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01u
#define PERFV_MSR_KVM_STEAL_TIME      0x4b564d03u

/* ---- I/O ports (the workload runs with IOPL=3, so OUT exits directly) --- */
#define PERFV_PORT_SERIAL        0x3F8 /* COM1 THR: one byte per OUT */
#define PERFV_PORT_HYPERCALL     0x510 /* OUT32: hypercall number; args in the mailbox */
#define PERFV_PORT_FAULT         0x520 /* OUT32 from the supervisor: vector of a fatal exception */
#define PERFV_PORT_BLOCK_REQUEST 0x600 /* OUT32: GPA of one perfv_block_request (per-request mode) */
#define PERFV_PORT_BLOCK_DOORBELL 0x604 /* OUT32: number of requests queued in the ring (batched) */
#define PERFV_PORT_NET_DOORBELL  0x530 /* OUT32: the transmit ring's producer index (see perfv_net_descriptor) */

/* ---- boot parameters, written by the VMM before the first KVM_RUN ------- */
enum perfv_workload {
    PERFV_WORKLOAD_HELLO = 0,      /* print over serial, exit 0 */
    PERFV_WORKLOAD_MMM = 1,
    PERFV_WORKLOAD_IO = 2,
    PERFV_WORKLOAD_COUNTERS = 3,   /* read the virtual counters, report them */
    PERFV_WORKLOAD_FAULT = 4,      /* raise the fault in arg0 (perfv_fault_kind) */
    PERFV_WORKLOAD_SPIN = 5,       /* burn CPU for arg0 ms of guest time, report steal */
    PERFV_WORKLOAD_NOP = 6,        /* exit immediately: VM start cost */
    PERFV_WORKLOAD_EXIT_LOOP = 7,  /* K exits of one kind from CPL3 and nothing else (VMM exit cost) */
    PERFV_WORKLOAD_NET = 8,        /* send P packets of S bytes through the network device */
    PERFV_WORKLOAD_PERSONALITY = 9 /* read the personality's CPUID and time sources (arg0 = perfv_personality) */
};
enum perfv_mmm_kernel { PERFV_MMM_NAIVE = 0, PERFV_MMM_BLOCKED = 1 };
enum perfv_io_mode { PERFV_IO_PER_REQUEST = 0, PERFV_IO_BATCHED = 1 };
enum perfv_net_mode { PERFV_NET_PER_PACKET = 0, PERFV_NET_BATCHED = 1 };
enum perfv_exit_loop_kind { PERFV_EXIT_LOOP_PORT_IO = 0, PERFV_EXIT_LOOP_RDMSR = 1 };
enum perfv_fault_kind {
    PERFV_FAULT_PAGE = 0, PERFV_FAULT_GP, PERFV_FAULT_UD, PERFV_FAULT_DIVIDE,
    PERFV_FAULT_TRIPLE, PERFV_FAULT_LOOP, PERFV_FAULT_WRITE_OUTSIDE_RAM,
    PERFV_FAULT_UNKNOWN_MSR, PERFV_FAULT_MMIO
};

struct perfv_boot_params {
    uint32_t abi_version;
    uint32_t vcpu_count;
    uint64_t ram_bytes;
    uint64_t heap_base;            /* first free byte for the workload's data */
    uint32_t workload;             /* enum perfv_workload */
    uint32_t reserved0;
    uint64_t arg[6];               /* workload arguments, see perfv_workload */
    volatile uint32_t vcpus_done;  /* each vCPU increments when its share is done */
    uint32_t reserved1;
};
/* Workload arguments:
 *  MMM:  arg0 = N, arg1 = kernel (perfv_mmm_kernel), arg2 = block size (blocked kernel)
 *  IO:   arg0 = block count M, arg1 = block bytes B, arg2 = mode (perfv_io_mode)
 *  NET:  arg0 = packet count P, arg1 = packet bytes S (PERFV_NET_SEQUENCE_BYTES ..
 *        PERFV_NET_MAX_PACKET_BYTES), arg2 = mode (perfv_net_mode), arg3 = packets
 *        per doorbell in batched mode (1 .. PERFV_NET_RING_ENTRIES)
 *  FAULT: arg0 = perfv_fault_kind
 *  SPIN: arg0 = milliseconds
 *  EXIT_LOOP: arg0 = kind (perfv_exit_loop_kind), arg1 = count K (0 allowed),
 *        arg2 = port (PORT_IO: K x OUTB AL -> DX, port < 0x608) or MSR index
 *        (RDMSR: K x the INT3 RDMSR system call). vCPU 0 only, and nothing else
 *        between boot and PERFV_HC_EXIT(OK): the first user-space exit is
 *        iteration 1. A read that #GPs, or bad arguments, exit BAD_ARGUMENTS. */

/* ---- hypercalls: the guest fills the mailbox, then OUT32 the number ------ */
/* ---- hypervisor personalities (the VMM's --personality) -----------------
 * What the VMM presents at CPUID 0x40000000 and behind which MSRs and ports.
 * KVM: KVM's block (today's default). HYPERV: "Microsoft Hv" with the
 * reference counter, VP runtime and guest OS id MSRs (Hyper-V TLFS). VMWARE:
 * "VMwareVMware" with the timing leaf 0x40000010 and the backdoor port
 * (Linux arch/x86/kernel/cpu/vmware.c). NONE: no hypervisor bit and no
 * 0x4000xxxx leaves. KVM's paravirtual MSRs (kvmclock, steal time) answer in
 * every personality: KVM does not enforce its CPUID bits unless asked. */
enum perfv_personality {
    PERFV_PERSONALITY_KVM = 0, PERFV_PERSONALITY_HYPERV = 1,
    PERFV_PERSONALITY_VMWARE = 2, PERFV_PERSONALITY_NONE = 3
};
#define PERFV_HV_MSR_GUEST_OS_ID     0x40000000u /* R/W: partition-wide */
#define PERFV_HV_MSR_HYPERCALL       0x40000001u /* not implemented: #GP */
#define PERFV_HV_MSR_VP_RUNTIME      0x40000010u /* R: vCPU thread CPU time, 100 ns units */
#define PERFV_HV_MSR_TIME_REF_COUNT  0x40000020u /* R: 100 ns units since the VM was built */
#define PERFV_HV_MSR_FIRST           0x40000000u /* the trapped Hyper-V range: every */
#define PERFV_HV_MSR_COUNT           0x200u      /* other MSR in it #GPs */
#define PERFV_VMWARE_PORT            0x5658      /* "VX": IN32 with EAX = magic, ECX = command */
#define PERFV_VMWARE_MAGIC           0x564D5868u /* "VMXh" */
#define PERFV_VMWARE_CMD_GETVERSION  10u         /* EAX = version, EBX = magic, ECX = product type */
#define PERFV_VMWARE_CMD_GETHZ       45u         /* EBX:EAX = TSC Hz, ECX = bus (APIC) Hz */
/* The PERSONALITY workload's CPUID record: slot s holds the leaf below, its
 * registers reported as PERFV_RESULT_CPUID_BASE + 4*s + (0 EAX, 1 EBX, 2 ECX, 3 EDX).
 * Leaves 0 and 1, the 0x40000000 block through 0x40000010, PerfV's two leaves. */
#define PERFV_PERSONALITY_CPUID_SLOTS 21u
static inline uint32_t perfv_personality_cpuid_leaf(uint32_t slot) {
    if (slot < 2) return slot;
    if (slot < 19) return 0x40000000u + (slot - 2);
    return 0x40000100u + (slot - 19);
}

/* ---- hypercalls: the guest fills the mailbox, then OUT32 the number ------ */
enum perfv_hypercall {
    PERFV_HC_EXIT = 1,      /* a0 = exit status; this vCPU stops */
    PERFV_HC_RESULT = 2,    /* a0 = key (perfv_result_key), a1 = value */
    PERFV_HC_SNAPSHOT = 3   /* a0 = tag: the VMM records this vCPU's counters */
};
enum perfv_result_key {
    PERFV_RESULT_CHECKSUM = 1,     /* FNV-1a 64 of the result bytes */
    PERFV_RESULT_WALL_NS = 2,      /* kvmclock time of the measured region */
    PERFV_RESULT_STEAL_NS = 3,     /* kvm_steal_time delta over the region */
    /* 4 was the guest's wall - steal; the host now adjusts with PerfV's StealAdjustment. */
    PERFV_RESULT_BYTES = 5,
    PERFV_RESULT_REQUESTS = 6,
    PERFV_RESULT_GP_FAULTS = 7,    /* #GP the supervisor recovered from (unknown MSR test) */
    PERFV_RESULT_AVAILABLE_MASK = 8, /* PERFV_MSR_AVAILABLE as the guest read it */
    PERFV_RESULT_COUNTER_BASE = 0x100, /* + counter index: a counter value read via RDMSR */
    PERFV_RESULT_COUNTER_AFTER_BASE = 0x200, /* + index: the same counter read again after PERFV_HC_SNAPSHOT */
    /* PERSONALITY (vCPU 0): kvmclock k0..k3 bracket the time sources' two
     * reads: k0 <= first read <= k1, spin, k2 <= second read <= k3. */
    PERFV_RESULT_KVMCLOCK_0 = 0x300, PERFV_RESULT_KVMCLOCK_1, PERFV_RESULT_KVMCLOCK_2, PERFV_RESULT_KVMCLOCK_3,
    PERFV_RESULT_PVCLOCK_MUL = 0x304,   /* tsc_to_system_mul of this vCPU's pvclock record */
    PERFV_RESULT_PVCLOCK_SHIFT = 0x305, /* tsc_shift, as (uint8_t) */
    PERFV_RESULT_TIME_REF_0 = 0x310,    /* hyperv: TIME_REF_COUNT, first and second read */
    PERFV_RESULT_TIME_REF_1 = 0x311,
    PERFV_RESULT_VP_RUNTIME_0 = 0x312,  /* hyperv: VP_RUNTIME, first and second read */
    PERFV_RESULT_VP_RUNTIME_1 = 0x313,
    PERFV_RESULT_GUEST_OS_ID = 0x314,   /* hyperv: GUEST_OS_ID read back after writing PERFV_GUEST_OS_ID_VALUE */
    PERFV_RESULT_VMWARE_VERSION_EAX = 0x320, /* vmware: GETVERSION EAX, EBX, ECX */
    PERFV_RESULT_VMWARE_VERSION_EBX, PERFV_RESULT_VMWARE_VERSION_ECX,
    PERFV_RESULT_VMWARE_HZ_EAX = 0x323,      /* vmware: GETHZ EAX, EBX, ECX */
    PERFV_RESULT_VMWARE_HZ_EBX, PERFV_RESULT_VMWARE_HZ_ECX,
    PERFV_RESULT_VMWARE_BAD_MAGIC_EAX = 0x326, /* vmware: GETVERSION with a wrong magic */
    PERFV_RESULT_CPUID_BASE = 0x1000         /* + 4*slot + register, see perfv_personality_cpuid_leaf */
};
/* What the PERSONALITY workload writes to GUEST_OS_ID (TLFS open-source
 * encoding: bit 63 set; the rest is PerfV's and only has to come back). */
#define PERFV_GUEST_OS_ID_VALUE 0x8000000050460001ull
/* Exit status (PERFV_HC_EXIT a0) of the guest runtime's workloads. */
enum perfv_exit_status {
    PERFV_EXIT_OK = 0,
    PERFV_EXIT_BAD_ABI = 1,          /* boot params abi_version != PERFV_ABI_VERSION */
    PERFV_EXIT_BAD_ARGUMENTS = 2,    /* unknown workload/kernel/mode/kind, or data does not fit in RAM */
    PERFV_EXIT_NO_CLOCK = 3,         /* the kvmclock record was never filled in */
    PERFV_EXIT_IO_ERROR = 4,         /* a block request came back with a status other than OK */
    PERFV_EXIT_VERIFY_FAILED = 5,    /* data read back differs from what was written */
    PERFV_EXIT_FAULT_NOT_RAISED = 6  /* a FAULT workload's fault did not happen */
};
/* What the workloads report (vCPU 0 unless said otherwise):
 *  MMM: CHECKSUM (of C, n*n*8 bytes), WALL/STEAL of the multiply only
 *       (not perfv_mmm_init). Every vCPU multiplies rows [N*i/K, N*(i+1)/K) and
 *       reports its own WALL/STEAL; vCPU 0's WALL spans from releasing
 *       the others to the last one finishing, and its STEAL is the largest of
 *       its own steal over that span and the other vCPUs' steal over their
 *       shares (how far steal can have stretched the region).
 *       A/B/C follow a 4 KiB sync block at heap_base, each 64-byte aligned.
 *  IO:  vCPU 0 only. CHECKSUM (FNV-1a 64 of the M*B bytes read back, in block
 *       order), BYTES = 2*M*B and REQUESTS = 2*M (writes plus reads),
 *       WALL/STEAL over the writes and reads.
 *  NET: vCPU 0 only. CHECKSUM (FNV-1a 64 of the P*S packet bytes, in sequence
 *       order), BYTES = P*S, REQUESTS = P, WALL/STEAL over the doorbells only.
 *  COUNTERS: every vCPU, on its own counters: AVAILABLE_MASK, COUNTER_BASE+i,
 *       SNAPSHOT (tag 1), COUNTER_AFTER_BASE+i for each available i, then
 *       GP_FAULTS (2: an unknown-MSR read and a write to a read-only counter).
 *  SPIN: every vCPU: WALL/STEAL over the spin.
 *  FAULT: vCPU 0 raises it; others exit OK. UNKNOWN_MSR reports GP_FAULTS (2).
 *  PERSONALITY: vCPU 0 only (arg1 = spin ms, at most 10000): CPUID_BASE+…,
 *       PVCLOCK_MUL/SHIFT, KVMCLOCK_0..3, the Hyper-V MSRs that did not fault
 *       (TIME_REF_0/1, VP_RUNTIME_0/1, GUEST_OS_ID), GP_FAULTS (of 8 accesses),
 *       VMWARE_* (all ones where no backdoor answers).
 * The guest relies on RAM being zero at start (it never clears the sync block). */
struct perfv_mailbox_slot {        /* one per vCPU, 64 bytes */
    uint64_t a0, a1, a2, a3;
    uint64_t reserved[4];
};
struct perfv_mailbox { struct perfv_mailbox_slot slot[PERFV_MAX_VCPUS]; };

/* ---- block device --------------------------------------------------------- */
enum perfv_block_op { PERFV_BLOCK_READ = 0, PERFV_BLOCK_WRITE = 1 };
enum perfv_block_status { PERFV_BLOCK_OK = 0, PERFV_BLOCK_EIO = 1, PERFV_BLOCK_EINVAL = 2 };
struct perfv_block_request {       /* 32 bytes */
    uint32_t op;                   /* perfv_block_op */
    uint32_t status;               /* written by the VMM */
    uint64_t offset;               /* byte offset in the backing file */
    uint64_t buffer_gpa;
    uint32_t length;
    uint32_t reserved;
};
#define PERFV_BLOCK_RING_ENTRIES (PERFV_BLOCK_RING_BYTES / sizeof(struct perfv_block_request))
/* Batched mode: the guest fills ring entries 0 .. count-1 and OUTs count to
 * PERFV_PORT_BLOCK_DOORBELL; the VMM runs them in order and writes every status
 * before the OUT returns. The guest presets status to PERFV_BLOCK_PENDING, so
 * an entry the VMM skipped is caught. */
#define PERFV_BLOCK_PENDING 0xFFFFFFFFu
/* The IO workload's data: byte j of block i. A function, not a macro, so the
 * host's Swift code (which cannot import function-like macros) uses it too. */
static inline uint8_t perfv_io_pattern_byte(uint32_t block, uint32_t byte) {
    return (uint8_t)(block * 251u + byte * 7u + (byte >> 8));
}

/* ---- network device ------------------------------------------------------
 * A transmit ring of PERFV_NET_RING_ENTRIES descriptors at PERFV_GPA_NET_RING.
 * The guest writes descriptor i (a free-running 32-bit count of packets posted)
 * at ring[i % PERFV_NET_RING_ENTRIES], then OUTs i + 1 (the producer index) to
 * PERFV_PORT_NET_DOORBELL. The VMM sends every descriptor from its own consumer
 * index up to the producer index, in order, one UDP datagram each, before the
 * OUT returns, so the guest may reuse every slot afterwards. Exit per packet:
 * one OUT per descriptor; batched: one OUT per batch. A producer index more than
 * a ring ahead of the consumer, a length outside 1 .. PERFV_NET_MAX_PACKET_BYTES
 * or a buffer outside RAM stops the VM with a device error. */
struct perfv_net_descriptor {      /* 16 bytes */
    uint64_t buffer_gpa;
    uint32_t length;
    uint32_t reserved;
};
#define PERFV_NET_RING_ENTRIES (PERFV_NET_RING_BYTES / sizeof(struct perfv_net_descriptor))
#define PERFV_NET_MAX_PACKET_BYTES 65507u /* the largest UDP payload over IPv4 */
/* The NET workload's packets: bytes 0..7 hold the packet's sequence number
 * (little-endian), byte j >= 8 is perfv_net_pattern_byte(sequence, j), so a
 * receiver can check order, loss and content. */
#define PERFV_NET_SEQUENCE_BYTES 8u
static inline uint8_t perfv_net_pattern_byte(uint64_t sequence, uint32_t byte) {
    return (uint8_t)(sequence * 131u + byte * 13u + (byte >> 8));
}

/* ---- supervisor system calls (INT3 from ring 3; RAX = number) ------------
 * The system call instruction is INT3, served by exception_entry[3]; the VMM
 * gives the vector-3 gate DPL 3 (hardware KVM checks it for INT3 from CPL3;
 * PVM does not). SYSCALL cannot be used: under PVM it does not switch the
 * vCPU to CPL0 (its RDMSR #GPs), so syscall_entry only reports #UD. */
#define PERFV_SYSCALL_VECTOR 3
enum perfv_syscall {
    PERFV_SYS_RDMSR = 0,    /* RDI = msr; returns value in RAX, RDX = 0 ok / 1 #GP */
    PERFV_SYS_WRMSR = 1,    /* RDI = msr, RSI = value; RDX = 0 ok / 1 #GP */
    PERFV_SYS_TRIPLE_FAULT = 2, /* load an empty IDT and trap: tests the VMM's shutdown path */
    /* IN32 from PERFV_VMWARE_PORT at CPL0 (the TSS bitmap stops ring 3 there),
     * as Linux's vmware.c does: RDX = EAX in (magic), RDI = ECX in (command),
     * RSI = EBX in; returns EAX, EBX, ECX, EDX as the port left them. */
    PERFV_SYS_VMWARE_BACKDOOR = 3
};

#endif
