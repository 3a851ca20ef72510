import Foundation

/// Field-by-field differences between two judgements (the `data` of `judgement.updated`), ignoring `version`:
/// what a reprocessing changed, and how.
enum JudgementComparison {
    /// One difference: the field's path and its two values, as JSON text.
    struct Difference: Equatable {
        var path: String
        var live: String
        var rebuilt: String
    }

    /// The differences, in path order; empty when the judgements are equal but for `version`.
    static func differences(live: [String: Any], rebuilt: [String: Any]) -> [Difference] {
        var found: [Difference] = []
        compare(live, rebuilt, path: "", into: &found)
        return found.filter { $0.path != "version" }
    }

    private static func compare(_ a: Any?, _ b: Any?, path: String, into found: inout [Difference]) {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            for key in Set(x.keys).union(y.keys).sorted() {
                compare(x[key], y[key], path: path.isEmpty ? key : path + "." + key, into: &found)
            }
        case (let x as [Any], let y as [Any]) where x.count == y.count:
            for index in x.indices {
                // Criteria and areas are lists of objects with an id: name the element by it.
                let id = ((x[index] as? [String: Any]).flatMap { $0["criterionId"] ?? $0["area"] ?? $0["theme"] } as? String) ?? String(index)
                compare(x[index], y[index], path: "\(path)[\(id)]", into: &found)
            }
        default:
            let left = text(a)
            let right = text(b)
            if left != right { found.append(Difference(path: path, live: left, rebuilt: right)) }
        }
    }

    /// A value as compact JSON text, `absent` when missing.
    static func text(_ value: Any?) -> String {
        guard let value else { return "absent" }
        if value is NSNull { return "null" }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }
}
