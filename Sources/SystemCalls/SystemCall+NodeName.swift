#if canImport(Glibc)
import Glibc
#endif

extension SystemCall {
    /// This machine's node name as uname(2) reports it (`uname -n`): the name Slurm
    /// and a fleet report know the node by.
    package static func nodeName() throws(SystemCallError) -> String {
        var names = utsname()
        _ = try retryingOnInterrupt("uname") { uname(&names) }
        return withUnsafeBytes(of: &names.nodename) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
