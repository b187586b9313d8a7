/// Register-only arithmetic whose run time is proportional to `iterations`: a
/// 64-bit linear congruential generator, so every step depends on the previous one
/// and the compiler cannot vectorize or skip it.
///
/// Optimized even in debug test builds (`@_optimize(speed)`): at -Onone each step
/// would be a call into the standard library, and such code is slowed by whatever
/// else shares the core's caches, which would blur what the tests measure.
enum CPUBoundWork {
    @inline(never) @_optimize(speed)
    static func run(iterations: Int) -> UInt64 {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<iterations {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        }
        return state
    }
}
