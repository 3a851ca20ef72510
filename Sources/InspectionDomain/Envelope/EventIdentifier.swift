import Crypto

/// Deterministic event ids: a UUID (version 8, RFC 9562 variant) built from SHA-256 of a name.
public enum EventIdentifier {
    /// The UUID-formatted id of `name`.
    public static func uuid(_ name: String) -> String {
        var name = name
        var hasher = SHA256()
        name.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var bytes = hasher.finalize().withUnsafeBytes { Array($0.prefix(16)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The id of a worker's output for an input event: SHA-256 of `<worker>` NUL `<source>/<id>`.
    public static func output(worker: String, inputSource: String, inputId: String) -> String {
        uuid(worker + "\u{0}" + inputSource + "/" + inputId)
    }
}
