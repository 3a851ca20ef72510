import InspectionDomain

extension InputOrigin: HeldInputOrigin {
    /// `str topic, sint partition, sint offset, opt<bytes> key, bytes value, seq<str name, opt<bytes> value> headers`
    /// (the `pending` entry of the consolidator's changelog format, after its kind and de-duplication key).
    public func write(to writer: inout ChangelogWriter) {
        writer.string(topic)
        writer.signed(Int64(partition))
        writer.signed(offset)
        writer.optionalBytes(key)
        writer.bytes(value)
        writer.unsigned(headers.count)
        for header in headers {
            writer.string(header.name)
            writer.optionalBytes(header.value)
        }
    }

    public static func read(from reader: inout ChangelogReader) throws(ChangelogReader.Malformed) -> InputOrigin {
        let topic = try reader.string()
        guard let partition = Int32(exactly: try reader.signed()) else { throw .init() }
        let offset = try reader.signed()
        let key = try reader.optionalBytes()
        let value = try reader.bytes()
        let headerCount = try reader.count()
        var headers: [InputHeader] = []
        headers.reserveCapacity(headerCount)
        for _ in 0..<headerCount {
            let name = try reader.string()
            headers.append(InputHeader(name: name, value: try reader.optionalBytes()))
        }
        return InputOrigin(topic: topic, partition: partition, offset: offset, key: key, value: value, headers: headers)
    }
}
