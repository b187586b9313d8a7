import Foundation

/// results.json: the whole ``SweepResults`` document, pretty-printed with sorted keys
/// so two runs diff cleanly.
public enum ResultsJSON {
    public static func data(_ results: SweepResults) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(results)
    }

    public static func decode(_ data: Data) throws -> SweepResults {
        try JSONDecoder().decode(SweepResults.self, from: data)
    }
}
