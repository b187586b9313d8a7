/* Hypercalls: fill this vCPU's mailbox slot, then OUT32 the hypercall number
 * to PERFV_PORT_HYPERCALL. The OUT exits to the VMM, which reads the slot
 * before the guest runs again. */
#include "runtime.h"

static volatile struct perfv_mailbox_slot *slot_of(uint32_t vcpu) {
    return &((volatile struct perfv_mailbox *)(uintptr_t)PERFV_GPA_MAILBOX)->slot[vcpu];
}

void perfv_report(uint32_t vcpu, enum perfv_result_key key, uint64_t value) {
    volatile struct perfv_mailbox_slot *slot = slot_of(vcpu);
    slot->a0 = (uint64_t)key;
    slot->a1 = value;
    perfv_out32(PERFV_PORT_HYPERCALL, PERFV_HC_RESULT);
}

void perfv_snapshot(uint32_t vcpu, uint64_t tag) {
    slot_of(vcpu)->a0 = tag;
    perfv_out32(PERFV_PORT_HYPERCALL, PERFV_HC_SNAPSHOT);
}

void perfv_exit(uint32_t vcpu, enum perfv_exit_status status) {
    slot_of(vcpu)->a0 = (uint64_t)status;
    perfv_out32(PERFV_PORT_HYPERCALL, PERFV_HC_EXIT);
    /* The VMM never resumes an exited vCPU; if it did, stop here visibly. */
    for (;;) __builtin_trap();
}
