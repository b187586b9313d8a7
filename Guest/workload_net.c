/* NET: send P packets of S bytes through the network device's transmit ring.
 * Per-packet mode rings the doorbell (one exit) after every descriptor;
 * batched mode posts up to arg3 descriptors, then rings once. The packets are
 * filled before the clock starts (as the host baseline fills its buffer), so
 * only posting descriptors and the doorbells are timed. */
#include "runtime.h"
#include "perfv_kernels.h"

static void fill_packets(uint8_t *data, uint64_t packets, uint32_t packet_bytes) {
    for (uint64_t sequence = 0; sequence < packets; sequence++) {
        uint8_t *packet = data + sequence * packet_bytes;
        for (uint32_t j = 0; j < PERFV_NET_SEQUENCE_BYTES; j++) packet[j] = (uint8_t)(sequence >> (8 * j));
        for (uint32_t j = PERFV_NET_SEQUENCE_BYTES; j < packet_bytes; j++) packet[j] = perfv_net_pattern_byte(sequence, j);
    }
}

void perfv_workload_net(uint32_t vcpu, struct perfv_boot_params *params) {
    if (vcpu != 0) perfv_exit(vcpu, PERFV_EXIT_OK); /* one device, one driver */
    uint64_t packets = params->arg[0], packet_bytes = params->arg[1], mode = params->arg[2], batch = params->arg[3];
    uint64_t data_at = perfv_align_up(params->heap_base, 4096);
    if (mode == PERFV_NET_PER_PACKET) batch = 1;
    if (packets == 0 || packets > UINT32_MAX || packet_bytes < PERFV_NET_SEQUENCE_BYTES ||
        packet_bytes > PERFV_NET_MAX_PACKET_BYTES || mode > PERFV_NET_BATCHED || batch == 0 ||
        batch > PERFV_NET_RING_ENTRIES || data_at + packets * packet_bytes > params->ram_bytes) {
        perfv_print("PerfV guest: net packets=%lu bytes=%lu mode=%lu batch=%lu does not fit %lu bytes of RAM or is invalid\n",
                    packets, packet_bytes, mode, batch, params->ram_bytes);
        perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
    }
    if (!perfv_clock_available(vcpu)) perfv_exit(vcpu, PERFV_EXIT_NO_CLOCK);

    uint8_t *data = (uint8_t *)(uintptr_t)data_at;
    volatile struct perfv_net_descriptor *ring =
        (volatile struct perfv_net_descriptor *)(uintptr_t)PERFV_GPA_NET_RING;
    fill_packets(data, packets, (uint32_t)packet_bytes);

    struct guest_region sending;
    guest_region_begin(&sending, vcpu);
    uint32_t producer = 0;
    while (producer < packets) {
        uint64_t count = packets - producer;
        if (count > batch) count = batch;
        for (uint64_t k = 0; k < count; k++, producer++) {
            volatile struct perfv_net_descriptor *slot = &ring[producer % PERFV_NET_RING_ENTRIES];
            slot->buffer_gpa = (uint64_t)(uintptr_t)(data + (uint64_t)producer * packet_bytes);
            slot->length = (uint32_t)packet_bytes;
            slot->reserved = 0;
        }
        perfv_out32(PERFV_PORT_NET_DOORBELL, producer);
    }
    guest_region_end(&sending, vcpu);

    uint64_t checksum = perfv_fnv1a64(data, (size_t)(packets * packet_bytes));
    perfv_report(vcpu, PERFV_RESULT_CHECKSUM, checksum);
    perfv_report(vcpu, PERFV_RESULT_BYTES, packets * packet_bytes);
    perfv_report(vcpu, PERFV_RESULT_REQUESTS, packets);
    guest_report_region(vcpu, &sending);
    perfv_print("PerfV guest: net %lu x %lu bytes %s checksum=%lx wall=%lu ns\n", packets, packet_bytes,
                mode == PERFV_NET_BATCHED ? "batched" : "per-packet", checksum, sending.wall_ns);
    perfv_exit(vcpu, PERFV_EXIT_OK);
}
