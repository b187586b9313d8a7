/// A goal for a row's ratio, e.g. "≤ 1.10" (a cost ratio) or "≥ 10" (a speed-up).
struct Target: Codable, Equatable, Sendable {
    enum Relation: String, Codable, Sendable {
        case atMost = "<="
        case atLeast = ">="
    }

    var relation: Relation
    var value: Double

    static func atMost(_ value: Double) -> Target { Target(relation: .atMost, value: value) }
    static func atLeast(_ value: Double) -> Target { Target(relation: .atLeast, value: value) }

    /// Whether `ratio` meets the target.
    func isMet(by ratio: Double) -> Bool {
        switch relation {
        case .atMost: return ratio <= value
        case .atLeast: return ratio >= value
        }
    }

    /// "≤ 1.10" / "≥ 10.00".
    var text: String {
        "\(relation == .atMost ? "≤" : "≥") \(Format.fixed(value, digits: 2))"
    }
}
