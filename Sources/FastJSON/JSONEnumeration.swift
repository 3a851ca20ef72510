/// A string enumeration read by comparing a value's bytes with a table built once per type, so no String is built
/// and no `switch` over strings runs for each field, and written from the same table's bytes.
///
/// Conform with `static let jsonNames = EnumerationTable<Self>()`, public for a public type (the writer's generic
/// `field(_:_:)` is inlinable, so that it is specialised for each enumeration in the module that writes it).
public protocol JSONEnumeration: RawRepresentable, CaseIterable, Equatable, Sendable where RawValue == String {
    /// The cases and their raw values' UTF-8 bytes.
    static var jsonNames: EnumerationTable<Self> { get }
}
