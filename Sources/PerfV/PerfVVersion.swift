/// The version of PerfV (library, VMM and CLI), recorded in every sweep's results.
/// The C interface's version (perfv.h's PERFV_VERSION) is separate: it tracks the ABI.
public enum PerfVVersion {
    public static let string = "0.1.0"
}
