import FastJSON
import FastSHA256

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
    static func output(worker: String, for input: CloudEvent, into out: inout MutableSpan<UInt8>) {
        var hasher = SHA256Hasher()
        hasher.update(worker)
        hasher.update(byte: 0)
        hashAttribute(input.sourceToken, of: input.document, into: &hasher)
        hasher.update(byte: UInt8(ascii: "/"))
        hashAttribute(input.idToken, of: input.document, into: &hasher)
        format(hasher.finalize(), into: &out)
    }

    /// Absorbs the UTF-8 bytes of the string attribute at `token`: the document's own when the value has no
    /// escapes, else its decoded text's.
    @inline(__always)
    private static func hashAttribute(_ token: Int, of document: JSONDocument, into hasher: inout SHA256Hasher) {
        if document.kind(token) == .string {
            document.withRawBytes(token) { hasher.update($0) }
        } else {
            hasher.update(document.string(token))
        }
    }

    /// The first 16 digest bytes as `xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx` (version 8, variant 10).
    private static func format(_ digest: SHA256Hasher.Digest) -> String {
        String(utf8Count: 36) { format(digest, into: &$0) }
    }

    /// The UUID text of `digest` written into `out` (36 bytes).
    private static func format(_ digest: SHA256Hasher.Digest, into out: inout MutableSpan<UInt8>) {
        precondition(out.count >= 36)
        // Digest bytes 0–15 are words 0–3, big-endian. Byte 6's high nibble is the version (8), byte 8's two high
        // bits the variant (10).
        let second = digest.words.1 & 0xFFFF_0FFF | 0x0000_8000, third = digest.words.2 & 0x3FFF_FFFF | 0x8000_0000
        hex(digest.words.0, digits: 8, at: 0, into: &out)
        out[8] = UInt8(ascii: "-")
        hex(second >> 16, digits: 4, at: 9, into: &out)
        out[13] = UInt8(ascii: "-")
        hex(second, digits: 4, at: 14, into: &out)
        out[18] = UInt8(ascii: "-")
        hex(third >> 16, digits: 4, at: 19, into: &out)
        out[23] = UInt8(ascii: "-")
        hex(third, digits: 4, at: 24, into: &out)
        hex(digest.words.3, digits: 8, at: 28, into: &out)
    }

    /// The low `digits` nibbles of `value` as lower-case hex digits at `position`, most significant first.
    @inline(__always)
    private static func hex(_ value: UInt32, digits: Int, at position: Int, into out: inout MutableSpan<UInt8>) {
        for index in 0..<digits {
            out[position + index] = HexDigits.lower(UInt8(truncatingIfNeeded: value >> UInt32(4 * (digits - 1 - index))) & 0xF)
        }
    }
}
