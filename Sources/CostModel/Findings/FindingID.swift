/// Stable finding ids: FNV-1a 64-bit over the UTF-8 of `resource id`, a 0 byte and the kind's raw
/// value, as 16 lower-case hex digits. Deterministic across runs and platforms.
public enum FindingID {
    public static func make(resourceId: String, kind: FindingKind) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        for byte in Array(resourceId.utf8) + [0] + Array(kind.rawValue.utf8) {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
