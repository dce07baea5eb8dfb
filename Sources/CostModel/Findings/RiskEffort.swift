/// Risk and effort of acting on a finding, by kind and tier.
///
/// | kind              | risk t1 | t2     | t3     | t4  | effort (t1 / others) |
/// |-------------------|---------|--------|--------|-----|----------------------|
/// | unused            | high    | medium | low    | low | low                  |
/// | over_provisioned  | high    | medium | low    | low | high / medium        |
/// | under_provisioned | low     | low    | low    | low | medium               |
/// | schedule          | medium  | medium | low    | low | low                  |
/// | spot              | high    | medium | medium | low | medium               |
/// | commitment        | medium  | medium | medium | medium | low               |
/// | storage_class     | low     | low    | low    | low | low                  |
/// | insufficient_data | low     | low    | low    | low | low                  |
/// | autoscale         | medium  | medium | low    | low | medium               |
/// | modernize         | medium  | low    | low    | low | medium               |
/// | unused_commitment | medium  | medium | medium | medium | medium            |
///
/// Untiered resources use the tier-2 column.
public enum RiskEffort {
    public static func risk(_ kind: FindingKind, tier: Int?) -> FindingLevel {
        let t = tier.flatMap { (1...4).contains($0) ? $0 : nil } ?? 2
        switch kind {
        case .unused, .overProvisioned: return t == 1 ? .high : t == 2 ? .medium : .low
        case .underProvisioned, .storageClass, .insufficientData: return .low
        case .schedule: return t <= 2 ? .medium : .low
        case .spot: return t == 1 ? .high : t == 4 ? .low : .medium
        case .commitment, .unusedCommitment: return .medium
        case .autoscale: return t <= 2 ? .medium : .low
        case .modernize: return t == 1 ? .medium : .low
        }
    }

    public static func effort(_ kind: FindingKind, tier: Int?) -> FindingLevel {
        let t = tier.flatMap { (1...4).contains($0) ? $0 : nil } ?? 2
        switch kind {
        case .overProvisioned: return t == 1 ? .high : .medium
        case .underProvisioned, .spot, .autoscale, .modernize, .unusedCommitment: return .medium
        case .unused, .schedule, .commitment, .storageClass, .insufficientData: return .low
        }
    }
}
