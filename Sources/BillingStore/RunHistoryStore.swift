import CivilTime
import CostModel
import Foundation
import Postgres

/// The `costreport` schema: each run and its findings, so the next run can say which findings are
/// new, persisting or resolved. costreport's own SQL (not part of the user-editable queries/).
public struct RunHistoryStore {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Creates the history schema (idempotent; `costreport db init` runs it).
    public func createSchema() throws {
        try connection.executeScript(Query(name: "history schema", """
            CREATE SCHEMA IF NOT EXISTS costreport;
            CREATE TABLE IF NOT EXISTS costreport.runs (
              run_id        text PRIMARY KEY,
              started_at    timestamptz NOT NULL,
              window_start  timestamptz NOT NULL,
              window_end    timestamptz NOT NULL,
              as_of         date NOT NULL,
              totals        jsonb NOT NULL,          -- [{currency, billed_cost, effective_cost}] as text amounts
              findings      integer NOT NULL
            );
            CREATE TABLE IF NOT EXISTS costreport.findings (
              run_id          text NOT NULL REFERENCES costreport.runs ON DELETE CASCADE,
              finding_id      text NOT NULL,
              resource_id     text NOT NULL,
              kind            text NOT NULL,
              action          text NOT NULL,
              first_seen      date NOT NULL,         -- as-of date of the first run that reported it
              monthly_cost    numeric NOT NULL,      -- the resource's effective cost per month, currency
              monthly_savings numeric NOT NULL,      -- currency per month
              currency        text NOT NULL,
              PRIMARY KEY (run_id, finding_id)
            );
            CREATE INDEX IF NOT EXISTS runs_as_of_idx ON costreport.runs (as_of);
            """))
    }

    /// The latest run whose as-of date is before `asOf`, with its findings; nil when there is none.
    public func previousRun(before asOf: Date) throws -> PreviousRun? {
        let runs = try connection.all(
            Query(name: "history previous run", """
                SELECT run_id, as_of::timestamptz AS as_of FROM costreport.runs
                WHERE as_of < $1::date ORDER BY as_of DESC, started_at DESC LIMIT 1
                """), [.text(Self.day(asOf))]
        ) { (try $0.decode(String.self, "run_id"), try $0.decode(Date.self, "as_of")) }
        guard let (runId, runAsOf) = runs.first else { return nil }
        let findings = try connection.all(
            Query(name: "history previous findings", """
                SELECT finding_id, resource_id, kind, action, first_seen::timestamptz AS first_seen, monthly_cost,
                       monthly_savings, currency
                FROM costreport.findings WHERE run_id = $1 ORDER BY finding_id
                """), [.text(runId)]
        ) { row in
            RecordedFinding(
                findingId: try row.decode(String.self, "finding_id"), resourceId: try row.decode(String.self, "resource_id"),
                kind: try row.decode(String.self, "kind"), action: try row.decode(String.self, "action"), firstSeen: try row.decode(Date.self, "first_seen"),
                monthlyCost: try row.decode(Decimal.self, "monthly_cost"),
                monthlySavings: try row.decode(Decimal.self, "monthly_savings"), currency: try row.decode(String.self, "currency"))
        }
        return PreviousRun(runId: runId, asOf: runAsOf, findings: findings)
    }

    /// A run to record.
    public struct RunRecord: Sendable {
        public var runId: String
        public var startedAt: Date
        public var window: ReportWindow
        public var asOf: Date
        /// The run's totals per currency (stored as JSON in `costreport.runs.totals`).
        public var totals: [Total]
        public var findings: [RecordedFinding]

        public init(runId: String, startedAt: Date, window: ReportWindow, asOf: Date, totals: [Total], findings: [RecordedFinding]) {
            self.runId = runId; self.startedAt = startedAt; self.window = window; self.asOf = asOf
            self.totals = totals; self.findings = findings
        }

        /// One currency's totals: `{"currency", "billed_cost", "effective_cost"}` with the amounts
        /// as decimal text (no binary floating point on the way into jsonb).
        public struct Total: Sendable, Hashable, Encodable {
            public var currency: String
            public var billedCost: Decimal
            public var effectiveCost: Decimal

            public init(currency: String, billedCost: Decimal, effectiveCost: Decimal) {
                self.currency = currency; self.billedCost = billedCost; self.effectiveCost = effectiveCost
            }

            enum CodingKeys: String, CodingKey { case currency, billedCost = "billed_cost", effectiveCost = "effective_cost" }

            public func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(currency, forKey: .currency)
                try container.encode(Money.plain(billedCost), forKey: .billedCost)
                try container.encode(Money.plain(effectiveCost), forKey: .effectiveCost)
            }
        }

        /// The totals as JSON text, written by `JSONEncoder` (keys sorted).
        public func totalsJSON() throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(totals), as: UTF8.self)
        }
    }

    /// Records a run and its findings in one transaction; a re-run for the same as-of date
    /// replaces the earlier record of that date.
    public func record(_ run: RunRecord) throws {
        try connection.inTransaction("history") {
            try connection.execute(Query(name: "history replace", "DELETE FROM costreport.runs WHERE as_of = $1::date"), [.text(Self.day(run.asOf))])
            try connection.execute(
                Query(name: "history run", """
                    INSERT INTO costreport.runs (run_id, started_at, window_start, window_end, as_of, totals, findings)
                    VALUES ($1, $2::timestamptz, $3::timestamptz, $4::timestamptz, $5::date, $6::jsonb, $7::integer)
                    """),
                [.text(run.runId), .timestamp(run.startedAt), .timestamp(run.window.start), .timestamp(run.window.end),
                 .text(Self.day(run.asOf)), .text(try run.totalsJSON()), .int(run.findings.count)])
            try connection.copyIn(Query(name: "history findings", """
                COPY costreport.findings (run_id, finding_id, resource_id, kind, action, first_seen, monthly_cost,
                  monthly_savings, currency) FROM STDIN
                """)) { writer in
                for finding in run.findings {
                    try writer.writeRow([
                        .text(run.runId), .text(finding.findingId), .text(finding.resourceId), .text(finding.kind),
                        .text(finding.action), .text(Self.day(finding.firstSeen)), .decimal(finding.monthlyCost),
                        .decimal(finding.monthlySavings), .text(finding.currency),
                    ] as [Bind])
                }
            }
        }
    }

    /// `YYYY-MM-DD` of a UTC date.
    static func day(_ date: Date) -> String { UTCText.day(date) }

    /// True when the error means the history schema is absent or not writable (a read-only
    /// replica, missing privileges): the run goes on without history.
    public static func isUnavailable(_ error: Error) -> Bool {
        guard let error = error as? PostgresError, let state = error.sqlState else { return false }
        return ["42P01", "3F000", "25006", "42501"].contains(state)
    }
}
