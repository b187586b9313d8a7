/// x86 exception vector numbers and their mnemonics (#PF, #GP, ...).
public enum ExceptionVector {
    public static let divideError: UInt8 = 0
    public static let invalidOpcode: UInt8 = 6
    public static let generalProtection: UInt8 = 13
    public static let pageFault: UInt8 = 14

    private static let mnemonics: [String] = [
        "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "CSO", "#TS", "#NP", "#SS",
        "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
    ]

    /// "#PF" style mnemonic, or "vector n" for vectors without one.
    public static func name(_ vector: UInt8) -> String {
        Int(vector) < mnemonics.count ? mnemonics[Int(vector)] : "vector \(vector)"
    }
}
