/* First ring-3 code of every vCPU (image header user_entry), reached by the
 * supervisor's IRETQ with RSP at the 16-byte aligned top of the user stack,
 * RDI = vCPU index, RSI = boot params. The CALL gives perfv_user_main the
 * stack alignment the C ABI expects; it never returns. */
    .section .text, "ax", @progbits
    .code64
    .globl perfv_user_entry
    .type perfv_user_entry, @function
perfv_user_entry:
    xor %ebp, %ebp
    call perfv_user_main
    ud2
    .size perfv_user_entry, . - perfv_user_entry
