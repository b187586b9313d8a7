import Testing
@testable import perfv_bench

@Suite("Bench loaded libraries")
struct LoadedLibrariesTests {
    @Test func takesResolvedPathsAndSkipsTheVDSO() throws {
        let ldd = """
            \tlinux-vdso.so.1 (0x00007ffd)
            \tlibperfv.so => /opt/lib/libperfv.so (0x00007f17)
            \tlibswiftCore.so => /opt/lib/perfv/libswiftCore.so (0x00007f18)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f19)
            """
        #expect(try LoadedLibraries.parse(ldd, binary: "a.out")
                == ["/opt/lib/libperfv.so", "/opt/lib/perfv/libswiftCore.so", "/lib64/ld-linux-x86-64.so.2"])
    }

    @Test func anUnresolvedLibraryMakesTheFigureUnavailable() {
        #expect(throws: BenchmarkError.self) {
            try LoadedLibraries.parse("\tlibswiftCore.so => not found\n", binary: "a.out")
        }
    }

    @Test func onlyLibrariesOutsideTheDistributionAreShipped() {
        #expect(LoadedLibraries.isDistributions("/lib/x86_64-linux-gnu/libc.so.6"))
        #expect(LoadedLibraries.isDistributions("/usr/lib/x86_64-linux-gnu/libpapi.so.7.0"))
        #expect(LoadedLibraries.isDistributions("/lib64/ld-linux-x86-64.so.2"))
        #expect(!LoadedLibraries.isDistributions("/opt/swift/usr/lib/swift/linux/libswiftCore.so"))
        #expect(!LoadedLibraries.isDistributions("/usr/local/lib/libperfv.so"))
    }
}
