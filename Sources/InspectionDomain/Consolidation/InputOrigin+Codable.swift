import Foundation

extension InputOrigin {
    private enum CodingKeys: String, CodingKey { case topic, partition, offset, key, value, headers }

    /// Encodes key and value as `Data` (base64 in JSON), keeping pending events compact in the changelog.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(topic, forKey: .topic)
        try container.encode(partition, forKey: .partition)
        try container.encode(offset, forKey: .offset)
        try container.encodeIfPresent(key.map { Data($0) }, forKey: .key)
        try container.encode(Data(value), forKey: .value)
        try container.encode(headers, forKey: .headers)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            topic: try container.decode(String.self, forKey: .topic),
            partition: try container.decode(Int32.self, forKey: .partition),
            offset: try container.decode(Int64.self, forKey: .offset),
            key: try container.decodeIfPresent(Data.self, forKey: .key).map { [UInt8]($0) },
            value: [UInt8](try container.decode(Data.self, forKey: .value)),
            headers: try container.decode([InputHeader].self, forKey: .headers))
    }
}
