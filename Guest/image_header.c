/* The image header: the first bytes of the guest image (section
 * .perfv_header, placed at PERFV_GPA_IMAGE by linker.ld). The VMM reads it to
 * build the IDT and SYSCALL MSRs without running guest ring-0 code. */
#include <stddef.h>
#include "perfv_guest_abi.h"
#include "supervisor_layout.h"

/* The assembly's copies of the ABI numbers must be the ABI's. */
_Static_assert(SV_PARAVIRT == PERFV_GPA_PARAVIRT, "paravirt page");
_Static_assert(SV_PARAVIRT + SV_PVCLOCK_OFFSET == PERFV_PVCLOCK_RECORD(0), "pvclock records");
_Static_assert((1 << SV_STEAL_SHIFT) == PERFV_STEAL_RECORD(1) - PERFV_STEAL_RECORD(0), "steal stride");
_Static_assert((1 << SV_PVCLOCK_SHIFT) == PERFV_PVCLOCK_RECORD(1) - PERFV_PVCLOCK_RECORD(0), "pvclock stride");
_Static_assert(SV_MAILBOX == PERFV_GPA_MAILBOX, "mailbox");
_Static_assert((1 << SV_SLOT_SHIFT) == sizeof(struct perfv_mailbox_slot), "mailbox slot");
_Static_assert(SV_SLOT_RESERVED == offsetof(struct perfv_mailbox_slot, reserved), "slot reserved");
_Static_assert(SV_MAX_VCPUS_MASK + 1 == PERFV_MAX_VCPUS, "vCPU limit");
_Static_assert(SV_USER_STACKS == PERFV_GPA_USER_STACKS, "user stacks");
_Static_assert((1 << SV_USER_STACK_SHIFT) == PERFV_USER_STACK_BYTES, "user stack size");
_Static_assert(SV_SEL_UDATA == PERFV_SEL_UDATA && SV_SEL_UCODE == PERFV_SEL_UCODE, "user selectors");
_Static_assert(SV_SEL_TSS == PERFV_SEL_TSS && (1 << SV_TSS_SHIFT) == 16, "TSS selectors");
_Static_assert(SV_MSR_STEAL_TIME == PERFV_MSR_KVM_STEAL_TIME, "steal-time MSR");
_Static_assert(SV_MSR_SYSTEM_TIME_NEW == PERFV_MSR_KVM_SYSTEM_TIME_NEW, "kvmclock MSR");
_Static_assert(SV_PORT_FAULT == PERFV_PORT_FAULT, "fault port");
_Static_assert(SV_SYS_RDMSR == PERFV_SYS_RDMSR && SV_SYS_WRMSR == PERFV_SYS_WRMSR &&
               SV_SYS_TRIPLE_FAULT == PERFV_SYS_TRIPLE_FAULT, "system call numbers");
_Static_assert(SV_SYS_VMWARE_BACKDOOR == PERFV_SYS_VMWARE_BACKDOOR && SV_VMWARE_PORT == PERFV_VMWARE_PORT,
               "VMware backdoor system call");

/* Entry points defined in supervisor.S and user_start.S. */
extern const char perfv_supervisor_entry[], perfv_user_entry[], perfv_syscall_entry[];
#define PERFV_EXCEPTIONS(X) \
    X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) \
    X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
#define DECLARE_EXCEPTION(v) extern const char perfv_exception_##v[];
PERFV_EXCEPTIONS(DECLARE_EXCEPTION)
#define EXCEPTION_ADDRESS(v) (uint64_t)(uintptr_t)perfv_exception_##v,

__attribute__((section(".perfv_header"), used))
const struct perfv_image_header perfv_image_header = {
    .magic = PERFV_IMAGE_MAGIC,
    .abi_version = PERFV_ABI_VERSION,
    .header_bytes = sizeof(struct perfv_image_header),
    .supervisor_entry = (uint64_t)(uintptr_t)perfv_supervisor_entry,
    .user_entry = (uint64_t)(uintptr_t)perfv_user_entry,
    .syscall_entry = (uint64_t)(uintptr_t)perfv_syscall_entry,
    .exception_entry = { PERFV_EXCEPTIONS(EXCEPTION_ADDRESS) },
};

/* Every port the workload uses must be allowed by the shared I/O bitmap. */
_Static_assert(PERFV_PORT_SERIAL < (PERFV_IO_BITMAP_BYTES - 1) * 8 &&
               PERFV_PORT_HYPERCALL + 3 < (PERFV_IO_BITMAP_BYTES - 1) * 8 &&
               PERFV_PORT_BLOCK_REQUEST + 3 < (PERFV_IO_BITMAP_BYTES - 1) * 8 &&
               PERFV_PORT_BLOCK_DOORBELL + 3 < (PERFV_IO_BITMAP_BYTES - 1) * 8,
               "workload ports are inside the I/O bitmap");
_Static_assert(PERFV_GPA_TSS + PERFV_TSS_STRIDE * PERFV_MAX_VCPUS <= PERFV_GPA_IO_BITMAP &&
               PERFV_GPA_IO_BITMAP + PERFV_IO_BITMAP_BYTES <= PERFV_GPA_BOOT_PARAMS,
               "the I/O bitmap sits between the TSSes and the boot parameters");

/* perfv_exception_report (supervisor.S) saves RAX, RCX, RDX below the frame
 * in this order, and its offsets (24: vector ... 64: RSP) follow the struct. */
_Static_assert(offsetof(struct perfv_fault_frame, vector) == 24 &&
               offsetof(struct perfv_fault_frame, error_code) == 32 &&
               offsetof(struct perfv_fault_frame, rip) == 40 &&
               offsetof(struct perfv_fault_frame, rsp) == 64 &&
               sizeof(struct perfv_fault_frame) == 80, "fault frame layout");
