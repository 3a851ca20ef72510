/// Where a consumer stands on one partition, as librdkafka knows it locally.
public struct PartitionPosition: Sendable, Equatable {
    /// The offset after the last message delivered to the application; nil before the first.
    public var position: Int64?
    /// The partition's end offset as the last fetch response gave it; nil before the first response.
    public var highWatermark: Int64?
    /// The partition's first offset, as known with the high watermark.
    public var lowWatermark: Int64?

    public init(position: Int64?, highWatermark: Int64?, lowWatermark: Int64? = nil) {
        self.position = position
        self.highWatermark = highWatermark
        self.lowWatermark = lowWatermark
    }
}
