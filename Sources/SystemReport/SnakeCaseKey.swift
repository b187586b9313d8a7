/// A decoding key rebuilt from snake_case with PerfV's acronyms.
struct SnakeCaseKey: CodingKey {
    static let acronyms: Set<Substring> = ["cpu", "tsc", "pmu"]
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    init(camelCaseFrom key: String) {
        let words = key.split(separator: "_")
        guard let first = words.first else { self.init(stringValue: key); return }
        let rest = words.dropFirst().map { word in
            SnakeCaseKey.acronyms.contains(word) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }
        self.init(stringValue: String(first) + rest.joined())
    }
}
