/* IO: write M blocks of B bytes through the block device, read them back and
 * verify them. Per-request mode exits once per request (OUT of the request's
 * GPA); batched mode queues up to PERFV_BLOCK_RING_ENTRIES requests in the
 * ring and exits once per batch (OUT of the count to the doorbell). Only the
 * device traffic is timed: filling, clearing and checking the data is not. */
#include "runtime.h"
#include "perfv_kernels.h"

#define IO_REQUEST_BYTES 64u /* room for the per-request descriptor at heap_base */

struct io_job {
    uint32_t mode;
    uint32_t block_bytes;
    uint64_t block_count;
    uint8_t *data;                            /* block i at data + i * block_bytes */
    volatile struct perfv_block_request *request; /* per-request mode */
};

static void describe(volatile struct perfv_block_request *request, const struct io_job *job,
                     enum perfv_block_op op, uint64_t block) {
    request->op = op;
    request->status = PERFV_BLOCK_PENDING;
    request->offset = block * job->block_bytes;
    request->buffer_gpa = (uint64_t)(uintptr_t)(job->data + block * job->block_bytes);
    request->length = job->block_bytes;
    request->reserved = 0;
}

/* Runs op over every block. Returns the first failing block's status, or
 * PERFV_BLOCK_OK; *failed_block names it. */
static uint32_t transfer(const struct io_job *job, enum perfv_block_op op, uint64_t *failed_block) {
    if (job->mode == PERFV_IO_PER_REQUEST) {
        for (uint64_t block = 0; block < job->block_count; block++) {
            describe(job->request, job, op, block);
            perfv_out32(PERFV_PORT_BLOCK_REQUEST, (uint32_t)(uintptr_t)job->request);
            uint32_t status = job->request->status;
            if (status != PERFV_BLOCK_OK) {
                *failed_block = block;
                return status;
            }
        }
        return PERFV_BLOCK_OK;
    }
    volatile struct perfv_block_request *ring =
        (volatile struct perfv_block_request *)(uintptr_t)PERFV_GPA_BLOCK_RING;
    for (uint64_t first = 0; first < job->block_count; first += PERFV_BLOCK_RING_ENTRIES) {
        uint64_t count = job->block_count - first;
        if (count > PERFV_BLOCK_RING_ENTRIES) count = PERFV_BLOCK_RING_ENTRIES;
        for (uint64_t entry = 0; entry < count; entry++) describe(&ring[entry], job, op, first + entry);
        perfv_out32(PERFV_PORT_BLOCK_DOORBELL, (uint32_t)count);
        for (uint64_t entry = 0; entry < count; entry++) {
            uint32_t status = ring[entry].status;
            if (status != PERFV_BLOCK_OK) {
                *failed_block = first + entry;
                return status;
            }
        }
    }
    return PERFV_BLOCK_OK;
}

static void fill_pattern(const struct io_job *job) {
    uint8_t *p = job->data;
    for (uint64_t block = 0; block < job->block_count; block++)
        for (uint32_t j = 0; j < job->block_bytes; j++) *p++ = perfv_io_pattern_byte(block, j);
}

static void clear_data(const struct io_job *job) {
    volatile uint8_t *p = job->data;
    for (uint64_t i = 0; i < job->block_count * job->block_bytes; i++) p[i] = 0;
}

/* Returns true if every byte matches; otherwise *bad_block, *bad_byte name the first miss. */
static bool verify_pattern(const struct io_job *job, uint64_t *bad_block, uint32_t *bad_byte) {
    const uint8_t *p = job->data;
    for (uint64_t block = 0; block < job->block_count; block++)
        for (uint32_t j = 0; j < job->block_bytes; j++)
            if (*p++ != perfv_io_pattern_byte(block, j)) {
                *bad_block = block;
                *bad_byte = j;
                return false;
            }
    return true;
}

void perfv_workload_io(uint32_t vcpu, struct perfv_boot_params *params) {
    if (vcpu != 0) perfv_exit(vcpu, PERFV_EXIT_OK); /* one device, one driver */
    uint64_t blocks = params->arg[0], block_bytes = params->arg[1], mode = params->arg[2];
    uint64_t request_at = perfv_align_up(params->heap_base, 64);
    uint64_t data_at = perfv_align_up(request_at + IO_REQUEST_BYTES, 4096);
    if (blocks == 0 || blocks > UINT32_MAX || block_bytes == 0 || block_bytes > UINT32_MAX ||
        mode > PERFV_IO_BATCHED || data_at + blocks * block_bytes > params->ram_bytes) {
        perfv_print("PerfV guest: io blocks=%lu bytes=%lu mode=%lu does not fit %lu bytes of RAM or is invalid\n",
                    blocks, block_bytes, mode, params->ram_bytes);
        perfv_exit(vcpu, PERFV_EXIT_BAD_ARGUMENTS);
    }
    if (!perfv_clock_available(vcpu)) perfv_exit(vcpu, PERFV_EXIT_NO_CLOCK);

    struct io_job job = {
        .mode = (uint32_t)mode,
        .block_bytes = (uint32_t)block_bytes,
        .block_count = blocks,
        .data = (uint8_t *)(uintptr_t)data_at,
        .request = (volatile struct perfv_block_request *)(uintptr_t)request_at,
    };
    struct guest_region writing, reading;
    uint64_t failed_block = 0;

    fill_pattern(&job);
    guest_region_begin(&writing, vcpu);
    uint32_t status = transfer(&job, PERFV_BLOCK_WRITE, &failed_block);
    guest_region_end(&writing, vcpu);
    if (status != PERFV_BLOCK_OK) {
        perfv_print("PerfV guest: io write of block %lu failed with status %x\n", failed_block, status);
        perfv_exit(vcpu, PERFV_EXIT_IO_ERROR);
    }

    clear_data(&job);
    guest_region_begin(&reading, vcpu);
    status = transfer(&job, PERFV_BLOCK_READ, &failed_block);
    guest_region_end(&reading, vcpu);
    if (status != PERFV_BLOCK_OK) {
        perfv_print("PerfV guest: io read of block %lu failed with status %x\n", failed_block, status);
        perfv_exit(vcpu, PERFV_EXIT_IO_ERROR);
    }

    uint64_t checksum = perfv_fnv1a64(job.data, (size_t)(blocks * block_bytes));
    perfv_report(vcpu, PERFV_RESULT_CHECKSUM, checksum);
    uint64_t bad_block = 0;
    uint32_t bad_byte = 0;
    if (!verify_pattern(&job, &bad_block, &bad_byte)) {
        perfv_print("PerfV guest: io block %lu byte %u read back differs from what was written\n",
                    bad_block, bad_byte);
        perfv_exit(vcpu, PERFV_EXIT_VERIFY_FAILED);
    }
    struct guest_region both = {
        .wall_ns = writing.wall_ns + reading.wall_ns,
        .steal_ns = writing.steal_ns + reading.steal_ns,
    };
    perfv_report(vcpu, PERFV_RESULT_BYTES, 2 * blocks * block_bytes);
    perfv_report(vcpu, PERFV_RESULT_REQUESTS, 2 * blocks);
    guest_report_region(vcpu, &both);
    perfv_print("PerfV guest: io %lu x %lu bytes %s checksum=%lx wall=%lu ns\n", blocks, block_bytes,
                mode == PERFV_IO_BATCHED ? "batched" : "per-request", checksum, both.wall_ns);
    perfv_exit(vcpu, PERFV_EXIT_OK);
}
