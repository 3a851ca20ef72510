/// Deterministic event ids: a UUID (version 8, RFC 9562 variant) built from SHA-256 of a name.
public enum EventIdentifier {
    /// The UUID-formatted id of `name`.
    public static func uuid(_ name: String) -> String {
        var hasher = SHA256Hasher()
        hasher.update(name)
        return format(hasher.finalize())
    }

    /// The id of a worker's output for an input event: SHA-256 of `<worker>` NUL `<source>/<id>`
    /// (hashed piece by piece: the name is never assembled).
    public static func output(worker: String, inputSource: String, inputId: String) -> String {
        var hasher = SHA256Hasher()
        hasher.update(worker)
        hasher.update(byte: 0)
        hasher.update(inputSource)
        hasher.update(byte: UInt8(ascii: "/"))
        hasher.update(inputId)
        return format(hasher.finalize())
    }

    /// As ``output(worker:inputSource:inputId:)`` for `input`, written into `out` (36 bytes). It hashes the
    /// event's own bytes of `source` and `id` when they have no escapes (the usual case, no Strings made), else
    /// their decoded text.
    static func output(worker: String, for input: CloudEvent, into out: UnsafeMutableBufferPointer<UInt8>) {
        var hasher = SHA256Hasher()
        hasher.update(worker)
        hasher.update(byte: 0)
        input.withAttributeBytes(input.sourceToken) { hasher.update(UnsafeRawBufferPointer($0)) }
        hasher.update(byte: UInt8(ascii: "/"))
        input.withAttributeBytes(input.idToken) { hasher.update(UnsafeRawBufferPointer($0)) }
        format(hasher.finalize(), into: out)
    }

    /// The first 16 digest bytes as `xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx` (version 8, variant 10).
    private static func format(_ digest: SHA256Hasher.Digest) -> String {
        String(unsafeUninitializedCapacity: 36) { out in
            format(digest, into: out)
            return 36
        }
    }

    /// The UUID text of `digest` written into `out` (36 bytes).
    private static func format(_ digest: SHA256Hasher.Digest, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= 36)
        // Digest bytes 0–15 are words 0–3, big-endian. Byte 6's high nibble is the version (8), byte 8's two high
        // bits the variant (10).
        var bytes = (
            digest.words.0.bigEndian, (digest.words.1 & 0xFFFF_0FFF | 0x0000_8000).bigEndian,
            (digest.words.2 & 0x3FFF_FFFF | 0x8000_0000).bigEndian, digest.words.3.bigEndian
        )
        withUnsafeBytes(of: &bytes) { raw in
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = HexDigits.lower(raw[index] >> 4)
                out[position + 1] = HexDigits.lower(raw[index] & 0xF)
                position += 2
            }
        }
    }
}
