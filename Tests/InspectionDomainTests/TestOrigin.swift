import InspectionDomain

/// A held input's origin as a Kafka worker records it (topic, partition, offset, key, value, headers), written in
/// the findings-consolidator's layout, so that the state codec's tests cover that layout's edge cases.
struct TestOrigin: HeldInputOrigin, Equatable {
    var topic: String
    var partition: Int32
    var offset: Int64
    var key: [UInt8]?
    var value: [UInt8]
    var headers: [TestHeader] = []

    func write(to writer: inout ChangelogWriter) {
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

    static func read(from reader: inout ChangelogReader) throws(ChangelogReader.Malformed) -> TestOrigin {
        let topic = try reader.string()
        guard let partition = Int32(exactly: try reader.signed()) else { throw .init() }
        let offset = try reader.signed()
        let key = try reader.optionalBytes()
        let value = try reader.bytes()
        var headers: [TestHeader] = []
        for _ in 0..<(try reader.count()) {
            let name = try reader.string()
            headers.append(TestHeader(name: name, value: try reader.optionalBytes()))
        }
        return TestOrigin(topic: topic, partition: partition, offset: offset, key: key, value: value, headers: headers)
    }
}

/// A header of a `TestOrigin`.
struct TestHeader: Equatable {
    var name: String
    var value: [UInt8]?
}
