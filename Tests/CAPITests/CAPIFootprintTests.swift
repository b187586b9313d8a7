import Foundation
import Testing

extension CAPITests {
    @Suite("footprint: what libperfv.so makes a C program load")
    struct Footprint {
        /// Foundation drags in ICU (41 MB) and ~5 ms of start time; libperfv ships without it.
        /// libnuma's constructor reads /proc and /sys at load (~0.3 ms): PerfV opens it when asked.
        static let forbiddenPrefixes = ["libFoundation", "lib_FoundationICU", "libicu", "libnuma"]

        @Test("libperfv.so needs no Foundation, no ICU and no libnuma at load (readelf -d NEEDED)")
        func noFoundation() throws {
            let library = try CAPITestSupport.builtLibrary()
            let readelf = try #require(CAPITestSupport.findProgram(["readelf"]), "no readelf on PATH")
            let dynamic = try CAPITestSupport.run(readelf, ["-d", library.path])
            try #require(dynamic.status == 0, "readelf -d failed:\n\(dynamic.error)")
            let needed = Self.neededLibraries(dynamic.output)
            #expect(needed.contains("libswiftCore.so"), "readelf output not understood:\n\(dynamic.output)")
            let forbidden = needed.filter { name in Self.forbiddenPrefixes.contains { name.hasPrefix($0) } }
            // An incremental build can keep PerfVC objects compiled while PerfV still imported
            // Foundation; their autolink entries put it back until PerfVC is recompiled.
            #expect(forbidden.isEmpty, """
                libperfv.so needs \(forbidden): PerfV, PerfVC and what they import must not import Foundation, \
                and libnuma is opened by NUMALibrary (after a merge that removed one: rm -rf .build/*/PerfVC.build)
                """)
        }

        /// The names in `readelf -d` lines such as "0x…01 (NEEDED)  Shared library: [libc.so.6]".
        static func neededLibraries(_ output: String) -> [String] {
            output.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line in
                guard let open = line.lastIndex(of: "["), let close = line.lastIndex(of: "]"), open < close else { return nil }
                return String(line[line.index(after: open)..<close])
            }
        }
    }
}
