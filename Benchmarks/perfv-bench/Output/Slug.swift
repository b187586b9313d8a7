/// Row-name fragments from free text.
enum Slug {
    /// "clock_gettime(CLOCK_MONOTONIC) via vDSO" → "clock_gettime_clock_monotonic_via_vdso".
    static func make(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "_" {
                slug.append("_")
            }
        }
        while slug.last == "_" { slug.removeLast() }
        return slug
    }
}
