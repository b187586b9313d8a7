/* Numbers the ring-0 assembly (supervisor.S) needs from perfv_guest_abi.h,
 * spelled as plain integers because the assembler cannot read the C header.
 * image_header.c checks every one against the ABI at compile time. */
#ifndef PERFV_SUPERVISOR_LAYOUT_H
#define PERFV_SUPERVISOR_LAYOUT_H

#define SV_PARAVIRT            0x5000
#define SV_PVCLOCK_OFFSET      0x800   /* PERFV_PVCLOCK_RECORD(0) - PERFV_GPA_PARAVIRT */
#define SV_STEAL_SHIFT         6       /* 64-byte kvm_steal_time per vCPU */
#define SV_PVCLOCK_SHIFT       5       /* 32-byte pvclock_vcpu_time_info per vCPU */
#define SV_MAILBOX             0x6000
#define SV_SLOT_SHIFT          6       /* 64-byte mailbox slot per vCPU */
#define SV_SLOT_RESERVED       32      /* offsetof(struct perfv_mailbox_slot, reserved) */
#define SV_MAX_VCPUS_MASK      15      /* PERFV_MAX_VCPUS - 1 */
#define SV_USER_STACKS         0x600000
#define SV_USER_STACK_SHIFT    16      /* 64 KiB user stack per vCPU */
#define SV_SEL_UDATA           0x1B
#define SV_SEL_UCODE           0x23
#define SV_SEL_TSS             0x28
#define SV_TSS_SHIFT           4       /* one 16-byte TSS descriptor per vCPU */
#define SV_USER_RFLAGS         0x3002  /* IOPL = 3, IF = 0, bit 1 is always 1 */
#define SV_MSR_STEAL_TIME      0x4b564d03
#define SV_MSR_SYSTEM_TIME_NEW 0x4b564d01
#define SV_KVM_MSR_ENABLED     1
#define SV_PORT_FAULT          0x520
#define SV_SYS_RDMSR           0
#define SV_SYS_WRMSR           1
#define SV_SYS_TRIPLE_FAULT    2
#define SV_SYS_VMWARE_BACKDOOR 3
#define SV_VMWARE_PORT         0x5658

#endif
