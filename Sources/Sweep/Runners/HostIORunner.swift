import CGuestABI
import CKernels
import PerfV
import Report

/// Writes then reads back M blocks of B bytes with pwrite/pread on a scratch file,
/// timed by a PerfV ``Region`` over the system calls only (as the guest times only
/// its device requests). The data follows the guest I/O workload's pattern
/// (`perfv_io_pattern_byte` in perfv_guest_abi.h), so the FNV-1a checksum of what
/// is read back equals the guest's for the same M and B.
final class HostIORunner {
    let blockSize: Int
    let blockCount: Int
    private let file: ScratchFile
    private let data: UnsafeMutableRawBufferPointer

    /// The scratch file goes into `scratchDirectory`.
    init(scratchDirectory: String, blockSize: Int, blockCount: Int) throws {
        self.blockSize = blockSize
        self.blockCount = blockCount
        let bytes = SweepCase.io(blockCount: blockCount, blockSize: blockSize, route: .systemCalls).dataBytes
        try HostMemory.check(bytes, for: "the I/O buffer of \(blockCount) blocks of \(blockSize) bytes")
        file = try ScratchFile(in: scratchDirectory)
        data = .allocate(byteCount: bytes, alignment: 4096)
    }

    deinit {
        data.deallocate()
    }

    /// The byte the guest writes at byte `j` of block `i` (perfv_guest_abi.h).
    @inline(__always)
    static func patternByte(block i: Int, byte j: Int) -> UInt8 {
        perfv_io_pattern_byte(UInt32(truncatingIfNeeded: i), UInt32(truncatingIfNeeded: j))
    }

    /// One write-then-read pass; returns the region's measurement, bytes and
    /// requests moved, and the checksum of the data read back (verified first).
    func run(in region: Region) throws -> (measurement: RegionMeasurement, bytes: Int, requests: Int, checksum: UInt64) {
        for block in 0..<blockCount {
            for byte in 0..<blockSize { data[block * blockSize + byte] = Self.patternByte(block: block, byte: byte) }
        }
        try region.begin()
        for block in 0..<blockCount {
            let slice = UnsafeRawBufferPointer(rebasing: data[block * blockSize ..< (block + 1) * blockSize])
            try file.write(slice, at: block * blockSize)
        }
        let written = try region.end()
        data.initializeMemory(as: UInt8.self, repeating: 0)
        try region.begin()
        for block in 0..<blockCount {
            let slice = UnsafeMutableRawBufferPointer(rebasing: data[block * blockSize ..< (block + 1) * blockSize])
            try file.read(into: slice, at: block * blockSize)
        }
        let read = try region.end()
        for block in 0..<blockCount {
            for byte in 0..<blockSize where data[block * blockSize + byte] != Self.patternByte(block: block, byte: byte) {
                throw SweepError.dataMismatch(path: file.path, block: block)
            }
        }
        let checksum = perfv_fnv1a64(UnsafeRawPointer(data.baseAddress!), data.count)
        return (written.combined(with: read), 2 * blockSize * blockCount, 2 * blockCount, checksum)
    }
}
