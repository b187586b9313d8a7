/// The colours the report uses, one meaning each, so every chart reads the same way.
enum ChartPalette {
    static let host = "#1f5fa8"
    static let hostAdjusted = "#6fa3dc"
    static let guestRaw = "#c0392b"
    static let guestAdjusted = "#218a4a"
    static let uncontended = "#1f5fa8"
    static let contendedRaw = "#c0392b"
    static let contendedAdjusted = "#218a4a"
    static let guestPerRequest = "#d9822b"
    static let guestBatched = "#7d3c98"
    /// Where named regions' raw time went (perfv-report regions).
    static let steal = "#c0392b"
    static let runDelay = "#d9822b"
    static let throttled = "#7d3c98"
    static let imbalanceThreads = "#1f5fa8"
    static let imbalanceRanks = "#16a085"
    /// Exit reasons in the overhead chart, in order of first use.
    static let reasons = ["#e67e22", "#8e44ad", "#16a085", "#c0392b", "#2c3e50", "#b7950b"]
}
