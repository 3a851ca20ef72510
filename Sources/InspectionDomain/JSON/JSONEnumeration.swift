/// (Internal.) A string enumeration that `FieldReader` reads by comparing the value's bytes with a table built once
/// per type, so no String is built and no `switch` over strings runs for each field.
///
/// Conform with `static let jsonNames = EnumerationTable<Self>()`.
protocol JSONEnumeration: RawRepresentable, CaseIterable, Equatable, Sendable where RawValue == String {
    /// The cases and their raw values' UTF-8 bytes.
    static var jsonNames: EnumerationTable<Self> { get }
}
