import CostModel
import Postgres

/// Contract codes (kind, state, pricing model, charge and pricing category) decode from `text`,
/// in either format.
extension OpenCode: PostgresDecodable {
    public static var postgresTypeName: String { "text" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Self? {
        String.decode(text: text).map(Self.init(rawValue:))
    }

    /// In a binary-format result: a text column's bytes are its text.
    public static func decode(binary: UnsafeBufferPointer<UInt8>, type: UInt32) -> Self? {
        String.decode(binary: binary, type: type).map(Self.init(rawValue:))
    }
}
