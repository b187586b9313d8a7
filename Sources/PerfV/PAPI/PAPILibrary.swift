import CLinux
import CPAPI

/// The process's PAPI library, initialized exactly once, and the facts PAPI
/// reports about this machine: its version, its hardware description
/// (including PAPI's own "running in a VM" verdict) and its component list
/// with the reason each disabled component gives.
///
/// Every PerfV user of PAPI goes through `try PAPILibrary.shared()` so that
/// `PAPI_library_init` runs once, whichever thread asks first, and the calling
/// thread is registered with PAPI (``PAPIThread``) before any other PAPI call:
///
/// ```swift
/// let papi = try PAPILibrary.shared()
/// print(papi.version, papi.hardwareInfo.virtualized)
/// for component in papi.components where !component.isEnabled {
///     print(component.name, component.disabledReason ?? "")
/// }
/// ```
///
/// The facts are a snapshot taken right after initialization; PAPI does not
/// change them afterwards.
public final class PAPILibrary: Sendable {
    /// PAPI's description of the hardware (`PAPI_get_hardware_info`, `PAPI_hw_info_t`).
    public struct HardwareInfo: Sendable, Equatable, Codable {
        /// `vendor_string`, e.g. "AuthenticAMD".
        public var cpuVendor: String
        /// `model_string`, e.g. "AMD EPYC".
        public var cpuModel: String
        /// `cpuid_family`, `cpuid_model`, `cpuid_stepping` (decoded, with the extended fields).
        public var cpuidFamily: Int
        public var cpuidModel: Int
        public var cpuidStepping: Int
        /// `totalcpus`: logical CPUs in the whole system.
        public var totalCPUCount: Int
        /// `threads`: hardware threads per core.
        public var threadsPerCore: Int
        /// `cores`: cores per socket.
        public var coresPerSocket: Int
        /// `sockets`.
        public var sockets: Int
        /// `nnodes`: NUMA nodes.
        public var numaNodes: Int
        /// `cpu_max_mhz` / `cpu_min_mhz`.
        public var cpuMaxMegahertz: Int
        public var cpuMinMegahertz: Int
        /// `virtualized`: PAPI's verdict that this process runs in a virtual machine.
        public var virtualized: Bool
        /// `virtual_vendor_string`: the hypervisor signature PAPI read, e.g. "KVMKVMKVM"
        /// (empty when not virtualized).
        public var vmVendor: String
        /// `virtual_vendor_version`.
        public var vmVersion: String
    }

    /// One entry of PAPI's component vector (`PAPI_get_component_info`, `PAPI_component_info_t`).
    public struct Component: Sendable, Equatable, Codable {
        /// Component index (`cidx`) to pass to other PAPI calls.
        public var index: Int32
        /// `name`, e.g. "perf_event".
        public var name: String
        /// `description`.
        public var description: String
        /// `disabled`: 0 when enabled, else the PAPI error code from the component's init.
        public var disabledCode: Int32
        /// `disabled_reason`, e.g. "Error libpfm4 no default PMU found"; nil when enabled.
        public var disabledReason: String?
        /// `num_cntrs`: hardware counters the component can use.
        public var counterCount: Int
        /// `num_native_events`.
        public var nativeEventCount: Int
        /// `num_preset_events`; nil in records written before it was kept.
        public var presetEventCount: Int? = nil
        /// `pmu_names`: the PMUs the component serves; for perf_event, the core PMU
        /// libpfm4 matched (from the kernel, or guessed from the CPU model).
        public var pmuNames: [String]? = nil

        public var isEnabled: Bool { disabledCode == 0 }
    }

    /// The linked library's version, e.g. "7.0.0.0" (`PAPI_get_opt(PAPI_LIB_VERSION)`).
    public let version: String
    /// PAPI's hardware description.
    public let hardwareInfo: HardwareInfo
    /// Every compiled-in component, enabled or not, in PAPI's index order.
    public let components: [Component]
    /// Why `PAPI_thread_init` failed, when it did: PAPI then cannot keep
    /// threads apart, so PerfV does not count through it.
    public let threadSupportError: PerfVError?

    /// The initialized library, or the error `PAPI_library_init` reported.
    ///
    /// Initialization runs on the first call only; Swift's one-time static
    /// initialization is the only lock, so later calls are a plain load and,
    /// on a thread already registered with PAPI, one `pthread_getspecific`.
    /// A failed initialization is remembered and rethrown: PAPI cannot be
    /// re-initialized reliably within one process.
    public static func shared() throws -> PAPILibrary {
        let library = try initialization.get()
        _ = try PAPIThread.register()
        return library
    }

    private static let initialization: Result<PAPILibrary, PerfVError> = Result {
        try PAPILibrary()
    }.mapError { $0 as? PerfVError ?? .papi(call: "PAPI_library_init", code: 0, message: "\($0)") }

    /// Calls `PAPI_library_init(PAPI_VER_CURRENT)` unless the process (say, a C
    /// program that links PerfV) already initialized PAPI, then
    /// `PAPI_thread_init(gettid)` (a no-op when the program set its own thread
    /// id function), registers this thread, and reads the facts.
    private init() throws {
        if PAPI_is_initialized() == PAPI_NOT_INITED {
            let result = PAPI_library_init(perfv_papi_ver_current)
            guard result == perfv_papi_ver_current else {
                // A positive result is the version of a libpapi.so that does
                // not match the headers PerfV was built against.
                if result > 0 {
                    throw PerfVError.papi(
                        call: "PAPI_library_init", code: result,
                        message: "libpapi is version \(PAPILibrary.versionString(result)) but PerfV was built against \(PAPILibrary.versionString(perfv_papi_ver_current))")
                }
                throw PerfVError.papi(call: "PAPI_library_init", code: result, message: PAPILibrary.errorMessage(result))
            }
        }

        // Before any thread other than the initializing one registers.
        let threads = PAPI_thread_init { UInt(bitPattern: Int(perfv_gettid())) }
        threadSupportError = threads == PAPI_OK ? nil
            : .papi(call: "PAPI_thread_init", code: threads, message: PAPILibrary.errorMessage(threads))
        _ = try PAPIThread.register()

        version = PAPILibrary.versionString(PAPI_get_opt(PAPI_LIB_VERSION, nil))

        guard let hardware = PAPI_get_hardware_info() else {
            throw PerfVError.papi(call: "PAPI_get_hardware_info", code: PAPI_ENOINIT,
                                  message: "returned no hardware description")
        }
        hardwareInfo = PAPILibrary.hardwareInfo(from: hardware.pointee)

        components = (0..<max(0, PAPI_num_components())).compactMap { index in
            PAPI_get_component_info(index).map { PAPILibrary.component(index: index, from: $0.pointee) }
        }
    }

    /// `PAPI_strerror(code)`, or a fallback naming the code when PAPI has no text for it.
    public static func errorMessage(_ code: Int32) -> String {
        guard let text = PAPI_strerror(code) else { return "unknown PAPI error \(code)" }
        return String(cString: text)
    }

    /// Formats a `PAPI_VERSION_NUMBER(major, minor, revision, increment)` value as "M.m.r.i".
    static func versionString(_ number: Int32) -> String {
        let value = UInt32(bitPattern: number)
        return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xff) }.joined(separator: ".")
    }

    private static func hardwareInfo(from info: PAPI_hw_info_t) -> HardwareInfo {
        HardwareInfo(
            cpuVendor: string(fromCharArray: info.vendor_string),
            cpuModel: string(fromCharArray: info.model_string),
            cpuidFamily: Int(info.cpuid_family),
            cpuidModel: Int(info.cpuid_model),
            cpuidStepping: Int(info.cpuid_stepping),
            totalCPUCount: Int(info.totalcpus),
            threadsPerCore: Int(info.threads),
            coresPerSocket: Int(info.cores),
            sockets: Int(info.sockets),
            numaNodes: Int(info.nnodes),
            cpuMaxMegahertz: Int(info.cpu_max_mhz),
            cpuMinMegahertz: Int(info.cpu_min_mhz),
            virtualized: info.virtualized != 0,
            vmVendor: string(fromCharArray: info.virtual_vendor_string),
            vmVersion: string(fromCharArray: info.virtual_vendor_version)
        )
    }

    private static func component(index: Int32, from info: PAPI_component_info_t) -> Component {
        let reason = string(fromCharArray: info.disabled_reason)
        return Component(
            index: index,
            name: string(fromCharArray: info.name),
            description: string(fromCharArray: info.description),
            disabledCode: info.disabled,
            disabledReason: info.disabled == 0 ? nil : (reason.isEmpty ? errorMessage(info.disabled) : reason),
            counterCount: Int(info.num_cntrs),
            nativeEventCount: Int(info.num_native_events),
            presetEventCount: Int(info.num_preset_events),
            pmuNames: strings(fromPointerArray: info.pmu_names)
        )
    }

    /// Reads a fixed-size C `char[N]` field (imported as a tuple) up to its first NUL,
    /// never past its end even when PAPI filled it completely.
    private static func string<Tuple>(fromCharArray tuple: Tuple) -> String {
        withUnsafeBytes(of: tuple) { bytes in
            let text = bytes.prefix { $0 != 0 }
            return trimmingSpaces(String(decoding: text, as: UTF8.self))
        }
    }

    /// Reads a fixed-size C `char *[N]` field (imported as a tuple of optional
    /// pointers) up to its first NULL.
    private static func strings<Tuple>(fromPointerArray tuple: Tuple) -> [String] {
        withUnsafeBytes(of: tuple) { bytes in
            let stride = MemoryLayout<UnsafePointer<CChar>?>.stride
            return (0..<bytes.count / stride)
                .lazy
                .map { bytes.load(fromByteOffset: $0 * stride, as: UnsafePointer<CChar>?.self) }
                .prefix { $0 != nil }
                .map { String(cString: $0!) }
        }
    }

    /// PAPI pads some of its strings with spaces (the model string, for one).
    private static func trimmingSpaces(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }
}
