import Foundation

/// Configuration files (`omi-v1.json`, `codebook.json`) are `Decodable` types read by Foundation's `JSONDecoder`;
/// a decoding failure becomes a `RuleSetError` naming the file and the field path, e.g. `criteria[3].id`.
enum ConfigDecoding {
    /// Decodes `bytes` as a `T`; on bad data, a `RuleSetError` naming `file` and the field.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String) throws(RuleSetError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw ruleSetError(error, file: file)
        } catch {
            throw RuleSetError(file: file, field: "(document)", reason: "cannot decode: \(error)")
        }
    }

    /// What went wrong, where.
    static func ruleSetError(_ error: DecodingError, file: String) -> RuleSetError {
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return RuleSetError(file: file, field: "(document)", reason: "not an object")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return RuleSetError(file: file, field: path(context.codingPath), reason: "expected \(kind(type))")
        case .keyNotFound(let key, let context):
            return RuleSetError(file: file, field: path(context.codingPath + [key]), reason: "required field missing")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // Foundation's parser names no position (and on Linux gives no underlying error).
            return RuleSetError(file: file, field: "(document)", reason: "not JSON" + (context.underlyingError.map { ": \($0)" } ?? ""))
        case .dataCorrupted(let context):
            return RuleSetError(file: file, field: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return RuleSetError(file: file, field: "(document)", reason: "\(error)")
        }
    }

    /// A coding path as the errors spell it: `criteria[3].id`, `thresholds.good`; `(document)` for the root.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "(document)" : text
    }

    /// The JSON kind a decoded type expects, with its article.
    static func kind(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Bool.self { return "a boolean" }
        if type == Int.self { return "an integer" }
        if type == Double.self { return "a number" }
        if type == [String: Any].self { return "an object" }
        if type is any Collection.Type { return "an array" }
        return "an object"  // the configuration's own Decodable structs
    }
}

extension KeyedDecodingContainer {
    /// An integer field: a JSON number with no fractional part. (`JSONDecoder`, asked for an `Int`, reports a
    /// fractional number as invalid JSON at the document's root; this names the field instead.)
    func decodeInteger(forKey key: Key) throws -> Int {
        let number: Double
        do {
            number = try decode(Double.self, forKey: key)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(Int.self, context)
        } catch DecodingError.valueNotFound(_, let context) {
            throw DecodingError.valueNotFound(Int.self, context)
        }
        guard let value = Int(exactly: number) else {
            throw DecodingError.typeMismatch(Int.self, DecodingError.Context(codingPath: codingPath + [key], debugDescription: "\(number)"))
        }
        return value
    }
}
