import FastJSON

extension JSONWriter {
    /// Writes a date member as `"YYYY-MM-DD"`, its digits written in place.
    @inline(__always)
    public mutating func field(_ name: JSONKey, _ date: CivilDate) {
        let (year, month, day) = date.components
        guard year >= 0 && year <= 9999 else {
            field(name, CivilDate.unpadded(year, month, day))
            return
        }
        field(name, unescapedCount: 10) { CivilDate.writeISO(year, month, day, into: &$0) }
    }

    /// Writes a date member only when the date is present.
    public mutating func optionalField(_ name: JSONKey, _ date: CivilDate?) {
        if let date { field(name, date) }
    }
}
