import Foundation

extension InputHeader {
    private enum CodingKeys: String, CodingKey { case name, value }

    /// Encodes the value as `Data` (base64 in JSON).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(value.map { Data($0) }, forKey: .value)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            value: try container.decodeIfPresent(Data.self, forKey: .value).map { [UInt8]($0) })
    }
}
