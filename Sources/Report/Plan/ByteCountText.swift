/// Byte counts as people write them: 512 B, 4 KiB, 64 KiB, 1.5 MiB.
enum ByteCountText {
    static func short(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1, value.truncatingRemainder(dividingBy: 1024) == 0 || value >= 1024 * 10 {
            value /= 1024
            unit += 1
        }
        if value == value.rounded() { return "\(Int(value)) \(units[unit])" }
        return "\(NumberText.fixed(value, digits: 1)) \(units[unit])"
    }
}
