import Foundation
import PackagePlugin

/// Builds the freestanding guest image from `Guest/` (plus the shared MMM kernels)
/// with the toolchain's own clang and lld, then embeds it into the VMM module as
/// a generated Swift source, so no guest binary is ever committed.
@main
struct GuestBuilder: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageDir = context.package.directoryURL
        let guestDir = packageDir.appending(path: "Guest")
        let kernelsDir = packageDir.appending(path: "Sources/CKernels")
        let abiInclude = packageDir.appending(path: "Sources/CGuestABI/include")

        let guestSources = try FileManager.default.contentsOfDirectory(atPath: guestDir.path)
            .filter { $0.hasSuffix(".c") || $0.hasSuffix(".S") }
            .sorted()
            .map { guestDir.appending(path: $0) }
        let kernelSource = kernelsDir.appending(path: "mmm.c")
        let headers = [
            abiInclude.appending(path: "perfv_guest_abi.h"),
            kernelsDir.appending(path: "include/perfv_kernels.h"),
        ] + (try FileManager.default.contentsOfDirectory(atPath: guestDir.path)
            .filter { $0.hasSuffix(".h") || $0.hasSuffix(".ld") }
            .map { guestDir.appending(path: $0) })

        let work = context.pluginWorkDirectoryURL
        let elf = work.appending(path: "perfv-guest.elf")
        let generated = work.appending(path: "GuestImage+Bytes.swift")
        let clang = try context.tool(named: "clang").url

        // mmm.c carries its floating-point rules as pragmas, so guest and host results
        // are bit-identical: the same source at the same -O2 as a release host build,
        // not the same bytes (the guest is a static freestanding image). The other
        // flags only change the ABI surroundings, never FP arithmetic: -mno-red-zone
        // is the usual rule for code that shares a stack with exception frames,
        // -fno-builtin/-ffreestanding because there is no libc; both targets are
        // baseline x86-64 (SSE2, no FMA).
        let arguments = [
            "--target=x86_64-unknown-none-elf", "-ffreestanding", "-nostdlib", "-static",
            "-fno-pic", "-fno-pie", "-mno-red-zone", "-fno-stack-protector", "-fno-builtin",
            "-O2", "-fuse-ld=lld", "-Wall", "-Wextra",
            "-I", abiInclude.path, "-I", kernelsDir.appending(path: "include").path,
            "-Wl,-T," + guestDir.appending(path: "linker.ld").path, "-Wl,--build-id=none",
            "-o", elf.path,
        ] + guestSources.map(\.path) + [kernelSource.path]

        return [
            .buildCommand(
                displayName: "Building PerfV guest image",
                executable: clang,
                arguments: arguments,
                inputFiles: guestSources + [kernelSource] + headers,
                outputFiles: [elf]
            ),
            .buildCommand(
                displayName: "Embedding PerfV guest image",
                executable: try context.tool(named: "perfv-guest-embed").url,
                arguments: [elf.path, generated.path],
                inputFiles: [elf],
                outputFiles: [generated]
            ),
        ]
    }
}
