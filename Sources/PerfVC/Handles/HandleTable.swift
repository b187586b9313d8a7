import CPerfV
import Synchronization

/// The live objects of one kind (regions or event sets), addressed from C by
/// ``HandleToken``s.
///
/// A fixed number of slots, each with one atomic state word and one atomic word
/// holding the object's retained pointer. The state word packs
/// `generation << 32 | inUse << 2 | claimed << 1 | live`:
/// - a call takes its object with one compare-and-swap that checks the token's
///   generation and sets `inUse`, and gives it back with one atomic store: no
///   lock, no allocation. The objects (PerfV's `Region`, `EventSet`) are not
///   thread-safe, so a second thread calling on the same handle meanwhile gets
///   PERFV_EBUSY instead of a data race, and a destroy cannot release the
///   object under a call in progress;
/// - destroying bumps the generation, so every older token — destroyed,
///   destroyed twice, or from before a shutdown — is refused with PERFV_EHANDLE.
/// A slot's generation wraps after 2^32 reuses; generation 0 is skipped so small
/// integers cast to handles never match.
final class HandleTable<Object: AnyObject>: Sendable {
    let kind: HandleKind
    private let states: InlineArray<4096, Atomic<UInt64>>
    private let objects: InlineArray<4096, Atomic<UInt>>

    private static var liveBit: UInt64 { 1 }
    private static var claimedBit: UInt64 { 2 }
    private static var inUseBit: UInt64 { 4 }
    private static var lowHalf: UInt64 { 0xFFFF_FFFF }

    /// The number of slots: how many handles of this kind can be live at once.
    var capacity: Int { states.count }

    init(kind: HandleKind) {
        self.kind = kind
        states = InlineArray { _ in Atomic(UInt64(1) << 32) }
        objects = InlineArray { _ in Atomic(0) }
    }

    /// Stores `object` in a free slot and returns its token.
    func insert(_ object: Object) throws -> HandleToken {
        for slot in 0..<capacity {
            let state = states[slot].load(ordering: .relaxed)
            // Live or claimed slots are taken.
            guard state & Self.lowHalf == 0 else { continue }
            guard states[slot].compareExchange(expected: state, desired: state | Self.claimedBit,
                                               ordering: .acquiring).exchanged else { continue }
            objects[slot].store(UInt(bitPattern: Unmanaged.passRetained(object).toOpaque()), ordering: .relaxed)
            states[slot].store(state | Self.liveBit, ordering: .releasing)
            return HandleToken(kind: kind, slot: slot, generation: Self.generation(of: state))
        }
        throw CallFailure(PERFV_ENOMEM, "all \(capacity) \(kind.label) handles are in use; destroy some first")
    }

    /// Runs `body` with exclusive use of the object `handle` names.
    func withObject<Result>(_ handle: OpaquePointer?, _ body: (Object) throws -> Result) throws -> Result {
        let token = try HandleToken(handle, expected: kind, capacity: capacity)
        let current = states[token.slot].load(ordering: .relaxed)
        try validate(current, token)
        let (exchanged, original) = states[token.slot].compareExchange(
            expected: current, desired: current | Self.inUseBit, ordering: .acquiring)
        if !exchanged { try refuse(original, token) }
        // While inUse is set nothing else changes the word, so the old value is the unlocked state.
        defer { states[token.slot].store(current, ordering: .releasing) }
        let bits = objects[token.slot].load(ordering: .relaxed)
        return try body(Unmanaged<Object>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).takeUnretainedValue())
    }

    /// Releases the object `handle` names and retires the token.
    func remove(_ handle: OpaquePointer?) throws {
        try remove(HandleToken(handle, expected: kind, capacity: capacity))
    }

    /// Releases every live object; returns how many were in use by calls in
    /// progress on other threads and so were left alone.
    func removeAll() -> Int {
        var busy = 0
        for slot in 0..<capacity {
            let state = states[slot].load(ordering: .acquiring)
            guard state & Self.liveBit != 0 else { continue }
            do {
                try remove(HandleToken(kind: kind, slot: slot, generation: Self.generation(of: state)))
            } catch {
                busy += 1
            }
        }
        return busy
    }

    private func remove(_ token: HandleToken) throws {
        let current = states[token.slot].load(ordering: .relaxed)
        try validate(current, token)
        let (exchanged, original) = states[token.slot].compareExchange(
            expected: current, desired: (current & ~Self.lowHalf) | Self.claimedBit, ordering: .acquiring)
        if !exchanged { try refuse(original, token) }
        let bits = objects[token.slot].exchange(0, ordering: .relaxed)
        var next = token.generation &+ 1
        if next == 0 { next = 1 }
        states[token.slot].store(UInt64(next) << 32, ordering: .releasing)
        Unmanaged<Object>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).release()
    }

    /// Throws PERFV_EHANDLE unless `state` is the live slot of `token`, and
    /// PERFV_EBUSY when a call holds it.
    private func validate(_ state: UInt64, _ token: HandleToken) throws {
        guard state & Self.liveBit != 0, Self.generation(of: state) == token.generation else {
            throw CallFailure(PERFV_EHANDLE, "\(HandleToken.hex(UInt(bitPattern: token.pointer))) is not a live \(kind.label) "
                              + "(destroyed, or created before perfv_shutdown)")
        }
        guard state & Self.inUseBit == 0 else {
            throw CallFailure(PERFV_EBUSY, "the \(kind.label) is in use by a call on another thread")
        }
    }

    /// The error for a lost compare-and-swap: `state` is what another thread made of the slot.
    private func refuse(_ state: UInt64, _ token: HandleToken) throws -> Never {
        try validate(state, token)
        throw CallFailure(PERFV_EBUSY, "the \(kind.label) changed during the call; try again")
    }

    private static func generation(of state: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: state >> 32) }
}
