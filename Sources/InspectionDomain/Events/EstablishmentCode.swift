/// Establishment codes: `^[A-Z]{3}$` (§4.1).
enum EstablishmentCode {
    static func isValid(_ code: String) -> Bool {
        let bytes = code.utf8
        return bytes.count == 3 && bytes.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }
}
