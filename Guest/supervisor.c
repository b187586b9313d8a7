#include "perfv_guest_abi.h"
/* Placeholder entry until the guest runtime lands. */
__attribute__((section(".text.entry"), noreturn)) void perfv_supervisor_entry(void) {
    for (;;) __asm__ volatile("hlt");
}
