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
    static func differences(live: JSONText, rebuilt: JSONText) -> [Difference] {
        var found: [Difference] = []
        compare(live, rebuilt, path: "", into: &found)
        return found.filter { $0.path != "version" }
    }

    private static func compare(_ a: JSONText?, _ b: JSONText?, path: String, into found: inout [Difference]) {
        switch (a, b) {
        case (.object(let x)?, .object(let y)?):
            for key in Set(x.keys).union(y.keys).sorted() {
                compare(x[key], y[key], path: path.isEmpty ? key : path + "." + key, into: &found)
            }
        case (.array(let x)?, .array(let y)?) where x.count == y.count:
            for index in x.indices {
                // Criteria and areas are lists of objects with an id: name the element by it.
                let element = x[index]
                let id = (element["criterionId"] ?? element["area"] ?? element["theme"])?.stringValue ?? String(index)
                compare(x[index], y[index], path: "\(path)[\(id)]", into: &found)
            }
        default:
            let left = text(a)
            let right = text(b)
            if left != right { found.append(Difference(path: path, live: left, rebuilt: right)) }
        }
    }

    /// A value as compact JSON text (keys sorted), `absent` when missing.
    static func text(_ value: JSONText?) -> String {
        value?.text ?? "absent"
    }
}
