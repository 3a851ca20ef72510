/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// - Validates UTF-8 (inside strings; outside them only ASCII structure is allowed).
/// - Rejects nesting deeper than `maximumDepth` instead of overflowing the stack.
/// - Keeps numbers as lexemes; duplicate object keys are kept (lookups take the last).
///
/// Parsing goes through `JSONDocument` (a token tape); `parse` then builds a `JSONValue` tree.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 128

    /// Parses a complete document into a tree.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try JSONDocument(bytes).value()
    }

    /// Parses a complete document from a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}
