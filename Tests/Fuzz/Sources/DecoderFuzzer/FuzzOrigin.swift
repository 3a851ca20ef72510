import InspectionDomain

/// Where a fuzzed input "came from": its bytes and a position, as the consolidator keeps them for a held input.
struct FuzzOrigin: HeldInputOrigin, Equatable {
    var topic: String
    var offset: Int64
    var key: [UInt8]?
    var value: [UInt8]

    func write(to writer: inout ChangelogWriter) {
        writer.string(topic)
        writer.signed(offset)
        writer.optionalBytes(key)
        writer.bytes(value)
    }

    static func read(from reader: inout ChangelogReader) throws(ChangelogReader.Malformed) -> FuzzOrigin {
        FuzzOrigin(topic: try reader.string(), offset: try reader.signed(), key: try reader.optionalBytes(), value: try reader.bytes())
    }
}
