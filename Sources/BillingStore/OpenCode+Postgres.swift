import CostModel
import Postgres

/// Contract codes (kind, state, pricing model, charge and pricing category) decode from `text`.
extension OpenCode: PostgresDecodable {
    public static var postgresTypeName: String { "text" }
    public static func decode(text: UnsafeBufferPointer<UInt8>) -> Self? {
        String.decode(text: text).map(Self.init(rawValue:))
    }
}
