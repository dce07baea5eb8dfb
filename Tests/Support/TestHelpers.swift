import Foundation
import Logging

/// Logs captured in memory, to assert on them.
public final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    /// Every line so far: level, message and sorted `key=value` metadata.
    public var all: [String] { lock.withLock { lines } }

    /// A logger writing into this capture.
    public func logger() -> Logger {
        Logger(label: "test") { _ in CapturingHandler(sink: self) }
    }

    fileprivate func append(_ line: String) { lock.withLock { lines.append(line) } }

    private struct CapturingHandler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let extra = (event.metadata ?? [:]).merging(metadata) { a, _ in a }
            sink.append("\(event.level) \(event.message) " + extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }
}

/// SplitMix64: a small seeded generator, so random tests are reproducible and a failing seed can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
