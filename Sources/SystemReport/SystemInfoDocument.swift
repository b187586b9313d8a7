import PerfV

/// What `SystemInfo.jsonData()` writes: every section of ``SystemInfo`` plus
/// its ``EnvironmentVerdict`` under `verdict`, so a script reads the verdict
/// without re-deriving it. Decoding reads a plain ``SystemInfo`` (the verdict
/// is derived, never trusted from the file).
struct SystemInfoDocument: Encodable {
    let info: SystemInfo

    private enum Key: String, CodingKey { case verdict }

    func encode(to encoder: Encoder) throws {
        try info.encode(to: encoder)
        // The same keyed container: the verdict sits beside the sections.
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(info.verdict, forKey: .verdict)
    }
}
