/// An event name as a user writes it: `component::event`, or just `event`.
///
/// Only the first `::` separates the component, so PAPI native names that
/// contain `::` themselves (`papi::amd64_fam17h::RETIRED_INSTRUCTIONS`) survive.
struct EventName: Equatable {
    static let separator = "::"

    /// The component prefix, nil for an unqualified name.
    let component: String?
    /// The event's name inside its component.
    let event: String

    init(parsing text: String) throws {
        guard let range = text.firstRange(of: EventName.separator) else {
            guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
                throw CounterError.malformedEventName(text)
            }
            component = nil
            event = text
            return
        }
        let prefix = String(text[..<range.lowerBound])
        let rest = String(text[range.upperBound...])
        guard !prefix.isEmpty, !rest.isEmpty, !text.contains(where: \.isWhitespace) else {
            throw CounterError.malformedEventName(text)
        }
        component = prefix
        event = rest
    }

    /// Up to `limit` names from `candidates` close to `name` (case-insensitive edit
    /// distance, or one containing the other), closest first.
    static func closeMatches(to name: String, in candidates: [String], limit: Int = 5) -> [String] {
        let wanted = Array(name.lowercased().utf8)
        let allowed = max(2, wanted.count / 3)
        var scored: [(distance: Int, name: String)] = []
        for candidate in candidates {
            let lowered = candidate.lowercased()
            let bare = lowered.firstRange(of: separator).map { String(lowered[$0.upperBound...]) } ?? lowered
            let distance = editDistance(wanted, Array(bare.utf8))
            let contains = bare.count >= 3 && wanted.count >= 3
                && (bare.contains(name.lowercased()) || name.lowercased().contains(bare))
            if distance <= allowed || contains {
                scored.append((contains ? min(distance, allowed) : distance, candidate))
            }
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(limit).map(\.name)
    }

    /// Levenshtein distance over bytes.
    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
