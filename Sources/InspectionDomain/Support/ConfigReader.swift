/// Reads configuration JSON, throwing `RuleSetError`s naming the file and field.
struct ConfigReader {
    let object: JSONObject
    let file: String
    let path: String

    static func root(_ bytes: [UInt8], file: String) throws(RuleSetError) -> ConfigReader {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw RuleSetError(file: file, field: "(document)", reason: "not JSON: \(error.reason) at byte \(error.offset)")
        }
        guard case .object(let object) = value else { throw RuleSetError(file: file, field: "(document)", reason: "not an object") }
        return ConfigReader(object: object, file: file, path: "")
    }

    func error(_ key: String, _ reason: String) -> RuleSetError {
        RuleSetError(file: file, field: path.isEmpty ? key : path + "." + key, reason: reason)
    }

    func string(_ key: String) throws(RuleSetError) -> String {
        guard let text = try optionalString(key) else { throw error(key, "required string missing") }
        return text
    }

    func optionalString(_ key: String) throws(RuleSetError) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw error(key, "expected a string") }
        return text
    }

    func optionalBool(_ key: String) throws(RuleSetError) -> Bool? {
        guard let value = object[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw error(key, "expected a boolean") }
        return flag
    }

    func integer(_ key: String) throws(RuleSetError) -> Int {
        guard case .number(let number)? = object[key], let value = number.integerValue else { throw error(key, "expected an integer") }
        return value
    }

    func optionalObject(_ key: String) throws(RuleSetError) -> ConfigReader? {
        guard let value = object[key], value != .null else { return nil }
        guard case .object(let child) = value else { throw error(key, "expected an object") }
        return ConfigReader(object: child, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    func objects(_ key: String) throws(RuleSetError) -> [ConfigReader] {
        guard case .array(let elements)? = object[key] else { throw error(key, "expected an array") }
        var readers: [ConfigReader] = []
        for (index, element) in elements.enumerated() {
            let elementPath = (path.isEmpty ? key : path + "." + key) + "[\(index)]"
            guard case .object(let child) = element else {
                throw RuleSetError(file: file, field: elementPath, reason: "expected an object")
            }
            readers.append(ConfigReader(object: child, file: file, path: elementPath))
        }
        return readers
    }

    func strings(_ key: String) throws(RuleSetError) -> [String] {
        guard case .array(let elements)? = object[key] else { throw error(key, "expected an array of strings") }
        var result: [String] = []
        for element in elements {
            guard case .string(let text) = element else { throw error(key, "expected an array of strings") }
            result.append(text)
        }
        return result
    }
}
