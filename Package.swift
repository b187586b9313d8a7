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
        // The Prometheus text exposition format for `perfv-report export`.
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        // C shims and system libraries.
        .target(name: "CLinux"),
        // The one system-call layer every target uses: owning FileDescriptor, the EINTR
        // retry, SystemCallError. `package` access keeps the raw helpers out of the products' API.
        .target(name: "SystemCalls", dependencies: ["CLinux"]),
        .systemLibrary(name: "CPAPI", pkgConfig: "papi", providers: [.apt(["libpapi-dev"])]),
        // <numa.h> only: PerfV opens libnuma with dlopen when NUMA facts are first asked
        // for (NUMALibrary), so programs linking libperfv do not run its constructor at start.
        .systemLibrary(name: "CNUMA", providers: [.apt(["libnuma-dev"])]),
        .target(name: "CGuestABI"),
        // The MMM kernels, run on the host and inside the guest; their floating-point
        // rules are pragmas in the source, so no unsafe flags keep dependents out.
        .target(name: "CKernels"),

        // The measurement library.
        .target(name: "PerfV", dependencies: ["SystemCalls", "CLinux", "CPAPI", "CNUMA", "CGuestABI"]),

        // What needs Foundation about the system facts: their JSON, reading a capture's
        // probes.json/expected.json, writing and packing captures. Kept out of PerfV so
        // libperfv.so links no Foundation (and none of its 41 MB of ICU).
        .target(name: "SystemReport", dependencies: ["PerfV"]),

        // The C interface: the hand-written header, implemented in Swift with @c @implementation.
        .target(name: "CPerfV"),
        .target(name: "PerfVC", dependencies: ["PerfV", "CPerfV"]),

        // The embedded VMM and its guest image, built from Guest/ by the plugin.
        .executableTarget(name: "perfv-guest-embed"),
        .plugin(name: "GuestBuilder", capability: .buildTool(), dependencies: ["perfv-guest-embed"]),
        .target(
            name: "VMM",
            dependencies: ["PerfV", "SystemCalls", "CPUContention", "CLinux", "CGuestABI", "CKernels"],
            plugins: ["GuestBuilder"]
        ),

        // Threads that compete for a core (CPU hogs), pinning and real-time scheduling:
        // the contention of the sweep's steal experiments and of the tests.
        .target(name: "CPUContention", dependencies: ["SystemCalls", "CLinux"]),

        // What a sweep produced and how it reads: plan and results model, statistics,
        // JSON/CSV writers, the HTML report. Knows nothing of how runs are made.
        .target(name: "Report", dependencies: ["PerfV", "SystemReport", "VMM", "SystemCalls"]),
        // Making the runs: host and guest runners, CPU hogs, exit-cost calibration,
        // the sweep itself; it writes its results through Report.
        .target(name: "Sweep", dependencies: ["Report", "PerfV", "VMM", "CPUContention", "SystemCalls", "CKernels", "CGuestABI"]),

        // A node's admin tools: monitor's table and JSON lines, the Prometheus export and its
        // /metrics endpoint, per-job steal for Slurm. The sampling model is PerfV's Monitor folder.
        .target(name: "NodeMetrics", dependencies: ["PerfV", "Report", "Sweep", "SystemCalls", "VMM",
                                                    .product(name: "Prometheus", package: "swift-prometheus")]),

        // The CLI.
        .executableTarget(
            name: "perfv-report",
            dependencies: ["Sweep", "Report", "SystemReport", "PerfV", "VMM", "NodeMetrics", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Benchmarks: the harness and its C baselines (a minimal KVM loop, PAPI-style /proc/stat reads).
        .target(name: "CBaselines", path: "Benchmarks/CBaselines"),
        .executableTarget(
            name: "perfv-bench",
            dependencies: ["PerfV", "PerfVC", "CPerfV", "VMM", "Report", "CPUContention", "SystemCalls", "CBaselines", "CLinux", "CPAPI", "CGuestABI", "CKernels",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/perfv-bench"
        ),

        .testTarget(name: "PerfVTests", dependencies: ["PerfV", "SystemReport", "SystemCalls", "CPUContention", "CLinux", "CPAPI", "CGuestABI"]),
        .testTarget(name: "VMMTests", dependencies: ["VMM", "PerfV", "SystemReport", "SystemCalls", "CPUContention", "CGuestABI", "CKernels"]),
        // Report and Sweep share one test target: the sweep tests read what the writers wrote.
        // Fixtures: rank files the regions tests read from the source tree.
        .testTarget(name: "ReportTests", dependencies: ["Report", "Sweep", "SystemCalls", "CPUContention", "PerfV", "SystemReport", "VMM", "NodeMetrics"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CAPITests", dependencies: ["PerfVC", "CPerfV", "PerfV", "CKernels"]),
        // Builds a throwaway package that depends on a tagged clone of this one.
        .testTarget(name: "PackageTests"),
        .testTarget(name: "BenchTests", dependencies: ["perfv-bench", "Report"], path: "Benchmarks/BenchTests"),
    ],
    swiftLanguageModes: [.v5]
)
