import PerfV

/// A goal for a row: its ratio ("≤ 1.10", a cost ratio; "≥ 10", a speed-up), PerfV's
/// excess over the baseline ("perfv − baseline ≤ 1.50 ms"), or PerfV's own figure
/// ("perfv ≤ 15 MB") when the goal is absolute.
struct Target: Codable, Equatable, Sendable {
    enum Relation: String, Codable, Sendable {
        case atMost = "<="
        case atLeast = ">="
    }

    /// Which of a row's medians the target bounds.
    enum Quantity: String, Codable, Sendable {
        case ratio
        case difference = "perfv - baseline"
        case perfv
    }

    var relation: Relation
    var value: Double
    var quantity: Quantity

    static func atMost(_ value: Double, of quantity: Quantity = .ratio) -> Target {
        Target(relation: .atMost, value: value, quantity: quantity)
    }
    static func atLeast(_ value: Double, of quantity: Quantity = .ratio) -> Target {
        Target(relation: .atLeast, value: value, quantity: quantity)
    }

    init(relation: Relation, value: Double, quantity: Quantity) {
        self.relation = relation
        self.value = value
        self.quantity = quantity
    }

    /// Reports saved before targets had a quantity bound the ratio.
    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        relation = try container.decode(Relation.self, forKey: .relation)
        value = try container.decode(Double.self, forKey: .value)
        quantity = try container.decodeIfPresent(Quantity.self, forKey: .quantity) ?? .ratio
    }

    /// Whether `figure` (the median of `quantity`) meets the target.
    func isMet(by figure: Double) -> Bool {
        switch relation {
        case .atMost: return figure <= value
        case .atLeast: return figure >= value
        }
    }

    /// "≤ 1.10", "perfv − baseline ≤ 1.50 ms", "perfv ≤ 14.31 MiB".
    func text(unit: BenchmarkRow.Unit) -> String {
        let bound = relation == .atMost ? "≤ " : "≥ "
        switch quantity {
        case .ratio: return bound + FixedDecimal.text(value, digits: 2)
        case .difference: return "perfv − baseline " + bound + Format.value(value, unit: unit)
        case .perfv: return "perfv " + bound + Format.value(value, unit: unit)
        }
    }
}
