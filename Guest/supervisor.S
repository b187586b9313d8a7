/* The guest's ring-0 supervisor. Under PVM every instruction here is emulated
 * (about 1 us each), so it does only what ring 3 cannot: register the KVM
 * paravirtual records, drop to ring 3, serve the MSR system calls and report
 * fatal exceptions. The VMM builds the GDT, IDT, TSS, page tables and
 * SYSCALL MSRs itself, from the addresses in the image header. */
#include "supervisor_layout.h"

    .section .text.supervisor, "ax", @progbits
    .code64

/* First code of every vCPU: CPL0, RSP = its kernel stack, RDI = vCPU index,
 * RSI = boot params. Registers kvm_steal_time and kvmclock (GPA | enabled;
 * the GPAs are below 4 GiB, so EDX = 0), then IRETQs to perfv_user_entry at
 * CPL3 on the vCPU's user stack, RDI and RSI unchanged. IOPL = 3 lets the
 * workload's port I/O through on hardware KVM; PVM ignores IOPL and checks
 * the TSS I/O bitmap the VMM sets up instead. */
    .globl perfv_supervisor_entry
    .type perfv_supervisor_entry, @function
perfv_supervisor_entry:
    xor %edx, %edx
    mov %rdi, %rax
    shl $SV_STEAL_SHIFT, %rax
    add $(SV_PARAVIRT + SV_KVM_MSR_ENABLED), %rax
    mov $SV_MSR_STEAL_TIME, %ecx
    wrmsr
    mov %rdi, %rax
    shl $SV_PVCLOCK_SHIFT, %rax
    add $(SV_PARAVIRT + SV_PVCLOCK_OFFSET + SV_KVM_MSR_ENABLED), %rax
    mov $SV_MSR_SYSTEM_TIME_NEW, %ecx
    wrmsr
    pushq $SV_SEL_UDATA
    lea 1(%rdi), %rax
    shl $SV_USER_STACK_SHIFT, %rax
    add $SV_USER_STACKS, %rax
    push %rax
    pushq $SV_USER_RFLAGS
    pushq $SV_SEL_UCODE
    pushq $perfv_user_entry
    iretq
    .size perfv_supervisor_entry, . - perfv_supervisor_entry

/* System calls. The workload enters ring 0 with INT3 (RAX = number), so this
 * is the #BP stub, vector 3, whose gate the VMM gives DPL 3. SYSCALL is not
 * usable: under PVM it does not switch the vCPU to CPL0, so the RDMSR
 * behind it would #GP. INT3 is delivered like any exception, on the kernel
 * stack (TSS.RSP0), and IRETQ returns after it. Clobbers RAX, RCX, RDX. */
    .globl perfv_exception_3
    .type perfv_exception_3, @function
perfv_exception_3:
    cmp $SV_SYS_RDMSR, %eax
    jne .Lnot_rdmsr
    mov %edi, %ecx
    .globl perfv_rdmsr_instruction
perfv_rdmsr_instruction:
    rdmsr
    shl $32, %rdx
    or %rdx, %rax
    xor %edx, %edx
    iretq
.Lnot_rdmsr:
    cmp $SV_SYS_WRMSR, %eax
    jne .Lnot_wrmsr
    mov %edi, %ecx
    mov %esi, %eax
    mov %rsi, %rdx
    shr $32, %rdx
    .globl perfv_wrmsr_instruction
perfv_wrmsr_instruction:
    wrmsr
    xor %edx, %edx
    iretq
.Lnot_wrmsr:
    cmp $SV_SYS_TRIPLE_FAULT, %eax
    jne .Lnot_triple_fault
    /* With an IDT limit of 0 no exception can be delivered: #UD -> #GP -> #DF
     * -> shutdown, which KVM reports as KVM_EXIT_SHUTDOWN. */
    lidt perfv_empty_idtr
    ud2
.Lnot_triple_fault:
    /* VMware backdoor: IN32 at CPL0, where no I/O bitmap applies; the VMM
     * answers in EAX and rewrites EBX, ECX (and EDX) itself. */
    cmp $SV_SYS_VMWARE_BACKDOOR, %eax
    jne .Lunknown_system_call
    mov %edx, %eax
    mov %esi, %ebx
    mov %edi, %ecx
    mov $SV_VMWARE_PORT, %edx
    inl %dx, %eax
    iretq
.Lunknown_system_call:
    mov $-1, %rax
    mov $1, %edx
    iretq
    .size perfv_exception_3, . - perfv_exception_3

/* IA32_LSTAR. Nothing in the runtime executes SYSCALL (see above); if
 * something does, this #UD reports it with RIP here. */
    .globl perfv_syscall_entry
perfv_syscall_entry:
    ud2

/* Exception stubs, one per vector 0..31 (3 is the system call above), each
 * the target of its IDT gate. They leave a uniform frame (vector, error
 * code, CPU frame) and jump to perfv_exception_report; #GP first checks for
 * the MSR system calls. */
.macro EXCEPTION_WITHOUT_CODE vector
    .globl perfv_exception_\vector
perfv_exception_\vector:
    pushq $0
    pushq $\vector
    jmp perfv_exception_report
.endm
.macro EXCEPTION_WITH_CODE vector
    .globl perfv_exception_\vector
perfv_exception_\vector:
    pushq $\vector
    jmp perfv_exception_report
.endm

    EXCEPTION_WITHOUT_CODE 0
    EXCEPTION_WITHOUT_CODE 1
    EXCEPTION_WITHOUT_CODE 2
    EXCEPTION_WITHOUT_CODE 4
    EXCEPTION_WITHOUT_CODE 5
    EXCEPTION_WITHOUT_CODE 6
    EXCEPTION_WITHOUT_CODE 7
    EXCEPTION_WITH_CODE 8
    EXCEPTION_WITHOUT_CODE 9
    EXCEPTION_WITH_CODE 10
    EXCEPTION_WITH_CODE 11
    EXCEPTION_WITH_CODE 12
    EXCEPTION_WITH_CODE 14
    EXCEPTION_WITHOUT_CODE 15
    EXCEPTION_WITHOUT_CODE 16
    EXCEPTION_WITH_CODE 17
    EXCEPTION_WITHOUT_CODE 18
    EXCEPTION_WITHOUT_CODE 19
    EXCEPTION_WITHOUT_CODE 20
    EXCEPTION_WITH_CODE 21
    EXCEPTION_WITHOUT_CODE 22
    EXCEPTION_WITHOUT_CODE 23
    EXCEPTION_WITHOUT_CODE 24
    EXCEPTION_WITHOUT_CODE 25
    EXCEPTION_WITHOUT_CODE 26
    EXCEPTION_WITHOUT_CODE 27
    EXCEPTION_WITHOUT_CODE 28
    EXCEPTION_WITH_CODE 29
    EXCEPTION_WITH_CODE 30
    EXCEPTION_WITHOUT_CODE 31

/* #GP. If it came from the MSR instruction of an MSR system call (the VMM
 * injects #GP for unknown MSRs and read-only writes), finish that system call
 * with RDX = 1 instead: an exception-table fixup. The #GP was raised at CPL0,
 * so its frame sits right below the system call's INT3 frame, after the
 * CPU's 16-byte alignment of RSP: the saved RSP points at the INT3 frame. */
    .globl perfv_exception_13
perfv_exception_13:
    cmpq $perfv_rdmsr_instruction, 8(%rsp)
    je .Lmsr_faulted
    cmpq $perfv_wrmsr_instruction, 8(%rsp)
    je .Lmsr_faulted
    pushq $13
    jmp perfv_exception_report
.Lmsr_faulted:
    mov 32(%rsp), %rsp
    xor %eax, %eax
    mov $1, %edx
    iretq

/* Fatal exception: fill this vCPU's mailbox slot (slot = (TR - TSS selector)
 * / 16), OUT the vector to the fault port and halt for good; the VMM ends
 * the run at the OUT. Stack on entry: vector, error code, RIP, CS, RFLAGS,
 * RSP, SS; after the three pushes below everything is 24 bytes further. */
perfv_exception_report:
    push %rax
    push %rcx
    push %rdx
    str %ax
    movzwl %ax, %eax
    sub $SV_SEL_TSS, %eax
    shr $SV_TSS_SHIFT, %eax
    and $SV_MAX_VCPUS_MASK, %eax
    shl $SV_SLOT_SHIFT, %eax
    add $SV_MAILBOX, %eax
    mov 24(%rsp), %rcx
    mov %rcx, 0(%rax)                       /* a0 = vector */
    mov 32(%rsp), %rcx
    mov %rcx, 8(%rax)                       /* a1 = error code */
    mov 40(%rsp), %rcx
    mov %rcx, 16(%rax)                      /* a2 = faulting RIP */
    mov %cr2, %rcx
    mov %rcx, 24(%rax)                      /* a3 = CR2 */
    mov 64(%rsp), %rcx
    mov %rcx, (SV_SLOT_RESERVED + 0)(%rax)  /* faulting RSP */
    mov 16(%rsp), %rcx
    mov %rcx, (SV_SLOT_RESERVED + 8)(%rax)  /* RAX */
    mov 8(%rsp), %rcx
    mov %rcx, (SV_SLOT_RESERVED + 16)(%rax) /* RCX */
    mov 0(%rsp), %rcx
    mov %rcx, (SV_SLOT_RESERVED + 24)(%rax) /* RDX */
    mov 24(%rsp), %eax
    mov $SV_PORT_FAULT, %edx
    out %eax, %dx
.Lhalt_forever:
    hlt
    jmp .Lhalt_forever

    .section .rodata, "a", @progbits
    .balign 16
perfv_empty_idtr:
    .word 0
    .quad 0
