// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "PerfV",
    products: [
        .library(name: "PerfV", targets: ["PerfV"]),
        .library(name: "VMM", targets: ["VMM"]),
        .executable(name: "perfv-report", targets: ["perfv-report"]),
        // Side-by-side benchmarks: `swift run -c release perfv-bench [--json] [--quick]`.
        .executable(name: "perfv-bench", targets: ["perfv-bench"]),
        // libperfv.so: the C and Fortran interface (header in Sources/CPerfV/include/perfv.h).
        .library(name: "perfv", type: .dynamic, targets: ["PerfVC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C shims and system libraries.
        .target(name: "CLinux"),
        .systemLibrary(name: "CPAPI", pkgConfig: "papi", providers: [.apt(["libpapi-dev"])]),
        .systemLibrary(name: "CNUMA", pkgConfig: "numa", providers: [.apt(["libnuma-dev"])]),
        .target(name: "CGuestABI"),
        // The MMM kernels, run on the host and inside the guest; their floating-point
        // rules are pragmas in the source, so no unsafe flags keep dependents out.
        .target(name: "CKernels"),

        // The measurement library.
        .target(name: "PerfV", dependencies: ["CLinux", "CPAPI", "CNUMA", "CGuestABI"]),

        // The C interface: the hand-written header, implemented in Swift with @c @implementation.
        .target(name: "CPerfV"),
        .target(name: "PerfVC", dependencies: ["PerfV", "CPerfV"]),

        // The embedded VMM and its guest image, built from Guest/ by the plugin.
        .executableTarget(name: "perfv-guest-embed"),
        .plugin(name: "GuestBuilder", capability: .buildTool(), dependencies: ["perfv-guest-embed"]),
        .target(
            name: "VMM",
            dependencies: ["PerfV", "CLinux", "CGuestABI", "CKernels", "CNUMA"],
            plugins: ["GuestBuilder"]
        ),

        // Sweeps, statistics and report writers.
        .target(name: "Report", dependencies: ["PerfV", "VMM", "CKernels", "CGuestABI"]),

        // The CLI.
        .executableTarget(
            name: "perfv-report",
            dependencies: ["Report", "PerfV", "VMM", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Benchmarks: the harness and its C baselines (a minimal KVM loop, PAPI-style /proc/stat reads).
        .target(name: "CBaselines", path: "Benchmarks/CBaselines"),
        .executableTarget(
            name: "perfv-bench",
            dependencies: ["PerfV", "VMM", "Report", "CBaselines", "CLinux", "CPAPI", "CGuestABI", "CKernels",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/perfv-bench"
        ),

        .testTarget(name: "PerfVTests", dependencies: ["PerfV", "CLinux", "CPAPI", "CGuestABI"]),
        .testTarget(name: "VMMTests", dependencies: ["VMM", "PerfV", "Report", "CGuestABI", "CKernels"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "PerfV", "VMM"]),
        .testTarget(name: "CAPITests", dependencies: ["PerfVC", "CPerfV", "PerfV", "CKernels"]),
        // Builds a throwaway package that depends on a tagged clone of this one.
        .testTarget(name: "PackageTests"),
        .testTarget(name: "BenchTests", dependencies: ["perfv-bench", "Report"], path: "Benchmarks/BenchTests"),
    ],
    swiftLanguageModes: [.v5]
)
