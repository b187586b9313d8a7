import SystemCalls
import CGuestABI
#if canImport(Glibc)
import Glibc
#endif

/// A block device backed by a host file (pread/pwrite at the request's offset).
/// Per-request mode: OUT32 to PERFV_PORT_BLOCK_REQUEST with the GPA of one
/// `perfv_block_request`. Batched mode: OUT32 to PERFV_PORT_BLOCK_DOORBELL with a count;
/// the requests are ring entries 0..<count at PERFV_GPA_BLOCK_RING, run in order.
/// Every descriptor is validated (op, length, buffer inside RAM, offset overflow); a bad
/// one gets PERFV_BLOCK_EINVAL in its status, a failed host call PERFV_BLOCK_EIO.
public final class BlockDevice {
    public static let requestPort = UInt16(PERFV_PORT_BLOCK_REQUEST)
    public static let doorbellPort = UInt16(PERFV_PORT_BLOCK_DOORBELL)
    public static let ringCapacity = Int(PERFV_BLOCK_RING_BYTES) / MemoryLayout<perfv_block_request>.stride
    /// The largest single transfer accepted (bigger lengths get EINVAL).
    public static let maximumRequestBytes: UInt32 = 1 << 30

    public let path: String
    private let descriptor: FileDescriptor

    /// Opens (O_RDWR) an existing file, or creates it when `create` is set.
    public init(path: String, create: Bool = false) throws {
        self.path = path
        descriptor = try VMMError.wrapping { () throws(SystemCallError) in
            try FileDescriptor(opening: path, O_RDWR | (create ? O_CREAT : 0))
        }
    }

    /// Handles one request descriptor at `address`; returns the bytes transferred.
    /// A descriptor outside RAM has nowhere to put a status and is skipped.
    func handleRequest(at address: UInt64, memory: GuestMemory) -> UInt64 {
        guard let request = try? memory.load(perfv_block_request.self, at: address) else { return 0 }
        let (status, bytes) = perform(request, memory: memory)
        let statusOffset = UInt64(MemoryLayout<perfv_block_request>.offset(of: \perfv_block_request.status)!)
        try? memory.store(status.rawValue, at: address + statusOffset)
        return bytes
    }

    /// Runs ring entries 0..<count in order; returns the bytes transferred.
    func handleDoorbell(count: UInt32, memory: GuestMemory, vcpu: Int) throws -> UInt64 {
        guard Int(count) <= BlockDevice.ringCapacity else {
            throw VMMError.invalidBlockDoorbell(vcpu: vcpu, count: count, capacity: BlockDevice.ringCapacity)
        }
        var total: UInt64 = 0
        for index in 0..<UInt64(count) {
            total += handleRequest(at: GuestLayout.blockRing + index * UInt64(MemoryLayout<perfv_block_request>.stride), memory: memory)
        }
        return total
    }

    private func perform(_ request: perfv_block_request, memory: GuestMemory) -> (perfv_block_status, UInt64) {
        let length = UInt64(request.length)
        let (end, overflow) = request.offset.addingReportingOverflow(length)
        guard request.op == PERFV_BLOCK_READ.rawValue || request.op == PERFV_BLOCK_WRITE.rawValue,
              request.length > 0, request.length <= BlockDevice.maximumRequestBytes,
              !overflow, end <= UInt64(Int64.max),
              let buffer = try? memory.pointer(at: request.buffer_gpa, length: length)
        else { return (PERFV_BLOCK_EINVAL, 0) }
        var done = 0
        while done < Int(length) {
            let position = Int64(request.offset) + Int64(done)
            let rest = UnsafeMutableRawBufferPointer(start: buffer + done, count: Int(length) - done)
            let result: Int
            do {
                result = request.op == PERFV_BLOCK_READ.rawValue
                    ? try descriptor.read(into: rest, atOffset: position)
                    : try descriptor.write(UnsafeRawBufferPointer(rest), atOffset: position)
            } catch {
                return (PERFV_BLOCK_EIO, UInt64(done))
            }
            if result == 0 {
                // Reading past the end of the file: the rest reads as zeros.
                guard request.op == PERFV_BLOCK_READ.rawValue else { return (PERFV_BLOCK_EIO, UInt64(done)) }
                (buffer + done).initializeMemory(as: UInt8.self, repeating: 0, count: Int(length) - done)
                break
            }
            done += result
        }
        return (PERFV_BLOCK_OK, length)
    }
}
