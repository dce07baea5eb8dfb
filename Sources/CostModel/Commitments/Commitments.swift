import Foundation

/// Utilisation of one commitment over the window: its amortised cost split into used and unused,
/// per day and in total.
public struct CommitmentUtilization: Sendable, Hashable {
    /// Used and unused effective cost of one UTC day.
    public struct Day: Sendable, Hashable {
        public var day: Date
        public var used: Decimal
        public var unused: Decimal
    }

    public var commitmentId: String
    public var commitmentType: String?
    public var billingAccountId: String
    public var currency: String
    /// Effective cost of the rows with status `Used` in the window.
    public var used: Decimal
    /// Effective cost of the rows with status `Unused` in the window.
    public var unused: Decimal
    /// Every day of the window, in order (days without rows are 0).
    public var days: [Day]

    /// Used + unused: the commitment's amortised cost in the window.
    public var total: Decimal { used + unused }
    /// Unused ÷ total (0 when the total is not positive).
    public var unusedShare: Decimal { total > 0 ? unused / total : 0 }
}

/// Coverage of one billing account's eligible usage by commitments, measured at list cost (the
/// on-demand equivalent): covered ÷ (covered + on-demand).
public struct CommitmentCoverage: Sendable, Hashable {
    public var billingAccountId: String
    public var currency: String
    /// List cost of the usage commitments covered (status `Used`).
    public var coveredListCost: Decimal
    /// List cost of the eligible usage paid on demand.
    public var onDemandListCost: Decimal

    /// Covered ÷ (covered + on-demand); nil without eligible usage.
    public var coverage: Decimal? {
        let eligible = coveredListCost + onDemandListCost
        return eligible > 0 ? coveredListCost / eligible : nil
    }
}

/// The commitments of the window: utilisation per commitment and coverage per billing account.
public struct Commitments: Sendable, Hashable {
    /// By commitment id (then account and currency).
    public var utilization: [CommitmentUtilization]
    /// By billing account and currency.
    public var coverage: [CommitmentCoverage]

    public init(utilization: [CommitmentUtilization] = [], coverage: [CommitmentCoverage] = []) {
        self.utilization = utilization; self.coverage = coverage
    }

    /// From the rows of `queries/commitments.sql` for `window` (pure). A commitment is keyed by its
    /// id, billing account and currency; purchase rows (no status) count in neither used nor unused
    /// (their effective cost is amortised into the usage rows).
    public static func summarize(_ rows: [CommitmentDay], window: ReportWindow) -> Commitments {
        struct Key: Hashable, Comparable {
            var id: String, account: String, currency: String
            static func < (a: Key, b: Key) -> Bool { (a.id, a.account, a.currency) < (b.id, b.account, b.currency) }
        }
        struct AccountKey: Hashable, Comparable {
            var account: String, currency: String
            static func < (a: AccountKey, b: AccountKey) -> Bool { (a.account, a.currency) < (b.account, b.currency) }
        }
        var perDay: [Key: [Date: (used: Decimal, unused: Decimal)]] = [:]
        var types: [Key: String] = [:]
        var coverage: [AccountKey: (covered: Decimal, onDemand: Decimal)] = [:]
        for row in rows {
            let account = AccountKey(account: row.billingAccountId, currency: row.currency)
            guard let id = row.commitmentId else {
                coverage[account, default: (0, 0)].onDemand += row.listCost
                continue
            }
            let key = Key(id: id, account: row.billingAccountId, currency: row.currency)
            if let type = row.commitmentType, types[key] == nil { types[key] = type }
            var day = perDay[key, default: [:]][row.day] ?? (0, 0)
            if row.status == .used {
                day.used += row.effectiveCost
                coverage[account, default: (0, 0)].covered += row.listCost
            } else if row.status == .unused {
                day.unused += row.effectiveCost
            }
            perDay[key, default: [:]][row.day] = day
        }
        let windowDays = stride(from: window.start, to: window.end, by: 86_400).map { $0 }
        let utilization = perDay.keys.sorted().compactMap { key -> CommitmentUtilization? in
            let days = perDay[key]!
            let series = windowDays.map { date in
                CommitmentUtilization.Day(day: date, used: days[date]?.used ?? 0, unused: days[date]?.unused ?? 0)
            }
            let used = series.reduce(Decimal(0)) { $0 + $1.used }
            let unused = series.reduce(Decimal(0)) { $0 + $1.unused }
            guard used != 0 || unused != 0 else { return nil }
            return CommitmentUtilization(
                commitmentId: key.id, commitmentType: types[key], billingAccountId: key.account, currency: key.currency,
                used: used, unused: unused, days: series)
        }
        let accounts = coverage.keys.sorted().map { key in
            CommitmentCoverage(billingAccountId: key.account, currency: key.currency,
                               coveredListCost: coverage[key]!.covered, onDemandListCost: coverage[key]!.onDemand)
        }
        return Commitments(utilization: utilization, coverage: accounts)
    }
}
