import BillingStore
import CostModel
import Foundation
import Postgres
import Testing
import TestSupport

/// `queries/commitments.sql`, `Commitments.summarize` and `unused_commitment` through the real
/// PostgreSQL: commitments at, below and above the unused-share threshold, a fully used one, and the
/// eligible on-demand usage of the coverage.
@Suite("Commitments read from PostgreSQL")
struct CommitmentTests {
    /// 30 days from 2026-10-01.
    static let window = ReportWindow(start: Date(timeIntervalSince1970: 1_790_812_800), end: Date(timeIntervalSince1970: 1_793_404_800))

    /// Per day of the window: $2 used effective cost of commitment $1 (list cost 1.4 × used) and,
    /// unless $3 is NULL, $3 unused (tagged `team: finops`); the purchase fee on the first day
    /// (billed 3000, effective 0).
    static let commitmentRows = Query(name: "commitment rows", """
        WITH days AS (SELECT d FROM generate_series('2026-10-01'::timestamptz, '2026-10-30', interval '1 day') AS d)
        INSERT INTO billing_line_items (billing_account_id, provider_name, billing_period_start, billing_period_end,
          charge_period_start, charge_period_end, charge_category, service_category, resource_id, pricing_category,
          list_cost, effective_cost, billed_cost, billing_currency, commitment_discount_id, commitment_discount_type,
          commitment_discount_status, tags)
        SELECT '111', 'AWS', '2026-10-01'::timestamptz, '2026-11-01'::timestamptz, d, d + interval '1 day', 'Usage', 'Compute', 'i-' || $1, 'Committed',
               $2::numeric * 1.4, $2::numeric, 0, 'USD', $1, 'Savings Plan', 'Used', '{}'::jsonb FROM days
        UNION ALL
        SELECT '111', 'AWS', '2026-10-01'::timestamptz, '2026-11-01'::timestamptz, d, d + interval '1 day', 'Usage', 'Compute', $1, 'Committed',
               0, $3::numeric, 0, 'USD', $1, 'Savings Plan', 'Unused', '{"team": "finops"}'::jsonb FROM days WHERE $3::numeric IS NOT NULL
        UNION ALL
        SELECT '111', 'AWS', '2026-10-01'::timestamptz, '2026-11-01'::timestamptz, '2026-10-01'::timestamptz, '2026-10-02'::timestamptz, 'Purchase', 'Compute', NULL::text, 'Committed',
               3000::numeric, 0::numeric, 0 + 3000::numeric, 'USD', $1, 'Savings Plan', NULL::text, '{}'::jsonb
        """)

    /// Eligible on-demand compute usage (100 list a day) and usage that is not eligible: spot,
    /// storage, and the days outside the window.
    static let otherRows = Query(name: "other rows", """
        INSERT INTO billing_line_items (billing_account_id, provider_name, billing_period_start, billing_period_end,
          charge_period_start, charge_period_end, charge_category, service_category, resource_id, pricing_category,
          list_cost, effective_cost, billed_cost, billing_currency)
        SELECT '111', 'AWS', '2026-10-01', '2026-11-01', d, d + interval '1 day', 'Usage', c, 'i-x', p, 100, 100, 100, 'USD'
        FROM generate_series('2026-09-30'::timestamptz, '2026-10-31', interval '1 day') AS d,
             (VALUES ('Compute', 'Standard'), ('Compute', 'Dynamic'), ('Storage', 'Standard')) AS k(c, p)
        """)

    /// Loads the scenario and reads it back through queries/commitments.sql.
    static func load() throws -> (Commitments, FindingsResult) {
        let database = try TestDatabase.create("commitments")
        defer { database.drop() }
        let connection = try database.connect()
        try Loader(connection: connection).applySchema(file: SampleFixture.schema)
        // at: 5 of 100 a day unused (exactly the default 0.05); below: 4.99; above: 6; full: none.
        for (id, used, unused) in [("sp-at", "95", "5"), ("sp-below", "95.01", "4.99"), ("sp-above", "94", "6"), ("sp-full", "100", nil)] {
            _ = try connection.execute(commitmentRows, [.text(id), .decimal(Decimal(string: used)!),
                                                        unused.map { .decimal(Decimal(string: $0)!) } ?? .null])
        }
        _ = try connection.execute(otherRows)
        let store = BillingStore(connection: connection, queries: try QueryFolder(directory: SampleFixture.queries))
        let commitments = try store.commitments(in: window)
        let findings = FindingEngine.run(
            FindingsInput(window: window, resources: [], ownership: [:], usage: [:], charges: [], catalog: [],
                          commitments: commitments.utilization),
            policy: .default)
        return (commitments, findings)
    }

    @Test func utilisationPerCommitmentAndDay() throws {
        let (commitments, _) = try Self.load()
        #expect(commitments.utilization.map(\.commitmentId) == ["sp-above", "sp-at", "sp-below", "sp-full"])
        let at = try #require(commitments.utilization.first { $0.commitmentId == "sp-at" })
        #expect(at.used == 2850 && at.unused == 150 && at.total == 3000, "the purchase fee's effective 0 counts in neither")
        #expect(at.unusedShare == Decimal(string: "0.05"))
        #expect(at.commitmentType == "Savings Plan" && at.billingAccountId == "111" && at.currency == "USD")
        #expect(at.days.count == 30 && at.days.allSatisfy { $0.used == 95 && $0.unused == 5 })
        let full = try #require(commitments.utilization.first { $0.commitmentId == "sp-full" })
        #expect(full.unused == 0 && full.unusedShare == 0)
    }

    @Test func unusedCommitmentAtAndAboveTheThresholdNotBelowNorFullyUsed() throws {
        let (_, result) = try Self.load()
        let found = result.findings.filter { $0.kind == .unusedCommitment }
        #expect(found.map(\.resourceId) == ["sp-above", "sp-at"])
        let at = try #require(found.first { $0.resourceId == "sp-at" })
        // 150 unused in 720 hours, scaled to 730 hours: 150 × 730 ÷ 720 = 152.083333...
        let expected = Decimal(150) * 730 / 720
        #expect(at.monthlySavings == FindingsPrecision.normalized(expected))
        #expect(at.monthlyCost == FindingsPrecision.normalized(Decimal(3000) * 730 / 720))
        #expect(at.action == .investigate && at.phase == 4 && at.currency == "USD")
        #expect(at.recommended == "resize or exchange the commitment, or move work onto it")
        #expect(at.evidence.steps.last?.values.last == .money(expected, currency: "USD"), "\(at.evidence.formula)")
        #expect(at.evidence.formula.contains("unused 150.00 USD of 3000.00 USD (used 2850.00 USD) in the window = 5% ≥ 5%"),
                "\(at.evidence.formula)")
        #expect(at.evidence.formula.hasSuffix("= 152.08 USD/month"), "\(at.evidence.formula)")
        let above = try #require(found.first { $0.resourceId == "sp-above" })
        #expect(above.monthlySavings == FindingsPrecision.normalized(Decimal(180) * 730 / 720))
        // investigate is listed, never priced into the plan.
        #expect(!result.plan.steps.contains { $0.findingId == at.id })
    }

    @Test func aStricterPolicyKeyMovesTheThreshold() throws {
        let (commitments, _) = try Self.load()
        var policy = FindingsPolicy.default
        policy.unusedCommitment.minimumUnusedShare = 0.06
        let result = FindingEngine.run(
            FindingsInput(window: Self.window, resources: [], ownership: [:], usage: [:], charges: [], catalog: [],
                          commitments: commitments.utilization), policy: policy)
        #expect(result.findings.filter { $0.kind == .unusedCommitment }.map(\.resourceId) == ["sp-above"])
    }

    @Test func coverageOfEligibleOnDemandUsage() throws {
        let (commitments, _) = try Self.load()
        #expect(commitments.coverage.count == 1)
        let coverage = try #require(commitments.coverage.first)
        // Covered: the Used rows' list cost, 30 days × 1.4 × (95 + 95.01 + 94 + 100) = 16128.42; on demand:
        // 30 days × 100 of compute at Standard prices inside the window (spot, storage and the days outside are not eligible).
        #expect(coverage.coveredListCost == Decimal(string: "16128.42"))
        #expect(coverage.onDemandListCost == 3000)
        #expect(coverage.coverage == Decimal(string: "16128.42")! / Decimal(string: "19128.42")!)
    }
}
