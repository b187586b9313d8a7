import CPerfV

/// A handle as C sees it: an opaque pointer whose value encodes where the
/// object lives, never an address that is dereferenced.
///
/// Bits 0–3 hold the ``HandleKind`` (so a token is never NULL), bits 4–19 the
/// slot index, bits 32–63 the slot's generation when the handle was made.
/// Everything else is zero, so a random pointer is very likely refused outright.
struct HandleToken: Equatable {
    let kind: HandleKind
    let slot: Int
    let generation: UInt32

    private static let kindMask: UInt = 0xF
    private static let slotShift: UInt = 4
    private static let slotMask: UInt = 0xFFFF
    private static let generationShift: UInt = 32

    init(kind: HandleKind, slot: Int, generation: UInt32) {
        self.kind = kind
        self.slot = slot
        self.generation = generation
    }

    /// Decodes `pointer` as a handle of `expected` kind for a table of `capacity`
    /// slots, or throws PERFV_EHANDLE saying what is wrong with it.
    init(_ pointer: OpaquePointer?, expected: HandleKind, capacity: Int) throws {
        guard let pointer else {
            throw CallFailure(PERFV_EHANDLE, "the \(expected.label) handle is NULL")
        }
        let bits = UInt(bitPattern: pointer)
        let slot = Int((bits >> HandleToken.slotShift) & HandleToken.slotMask)
        let unused = bits & ~(HandleToken.kindMask | (HandleToken.slotMask << HandleToken.slotShift)
                              | (UInt(UInt32.max) << HandleToken.generationShift))
        guard unused == 0, let kind = HandleKind(rawValue: bits & HandleToken.kindMask), slot < capacity else {
            throw CallFailure(PERFV_EHANDLE, "\(Self.hex(bits)) is not a PerfV handle")
        }
        guard kind == expected else {
            throw CallFailure(PERFV_EHANDLE, "\(Self.hex(bits)) is \(kind.label) handle, not \(expected.label) handle")
        }
        self.init(kind: kind, slot: slot, generation: UInt32(truncatingIfNeeded: bits >> HandleToken.generationShift))
    }

    /// The opaque pointer handed to C.
    var pointer: OpaquePointer {
        let bits = kind.rawValue | (UInt(slot) << HandleToken.slotShift) | (UInt(generation) << HandleToken.generationShift)
        return OpaquePointer(bitPattern: bits)!
    }

    static func hex(_ bits: UInt) -> String { "0x" + String(bits, radix: 16) }
}
