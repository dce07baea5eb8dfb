import BillingStore
import CSVParsing
import Foundation
import Imports
@_spi(UncheckedSQL) import Postgres
import Testing
import TestSupport

/// `costreport import containers` against the real PostgreSQL: columns in any order, gzip, bad rows
/// (stop and skip), labels, and re-import replacing the file's clusters and time ranges.
@Suite struct ContainersImportTests {
    typealias F = ImportFixtures

    static let header = "cluster,namespace,workload_kind,workload,pod,container,node_resource_id,sampled_at,interval_seconds,cpu_request_cores,cpu_limit_cores,cpu_usage_cores,memory_request_bytes,memory_limit_bytes,memory_usage_bytes,labels"

    /// Two containers of a Deployment pod and a DaemonSet pod on one node, two 300 s intervals;
    /// a pod without owner (kind Pod) on an unknown node, no limits.
    static let goodText = """
        \(header)
        prod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:00:00Z,300,0.5,1,0.25,536870912,1073741824,400000000,"{""app.kubernetes.io/name"":""checkout"",""team"":""payments""}"
        prod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:05:00Z,300,0.5,1,0.75,536870912,1073741824,450000000,"{""app.kubernetes.io/name"":""checkout"",""team"":""payments""}"
        prod,shop,Deployment,checkout,checkout-7d9f-abcde,istio-proxy,i-0abc,2026-11-01T00:00:00Z,300,0.1,,0.05,1.28e8,,6.4E7,"{""app.kubernetes.io/name"":""checkout"",""team"":""payments""}"
        prod,kube-system,DaemonSet,node-exporter,node-exporter-x1,node-exporter,i-0abc,2026-11-01 00:00:00,300,0.1,0.2,0.01,33554432,67108864,20000000,
        prod,default,Pod,debug,debug,sh,,2026-11-01T00:05:00+00:00,300,,,0.001,,,1000000,{}

        """

    static func count(_ connection: Connection, _ filter: String = "true") throws -> Int {
        try F.count(connection, Query(uncheckedName: "count", sql: "SELECT count(*) AS value FROM container_usage_samples WHERE \(filter)"))
    }

    static func importFile(_ file: URL, _ connection: Connection, onError: OnRowError = .stop) throws -> ImportFileSummary {
        try FileImport<ContainersFormat>.importFile(file, connection: connection, settings: ImportSettings(onError: onError), logger: F.logger)
    }

    @Test func goodFileLoadsEveryColumn() throws {
        let (database, connection) = try F.database("containersgood")
        defer { database.drop() }
        let summary = try Self.importFile(try F.write(Self.goodText, name: "containers.csv"), connection)
        #expect(summary.rowsLoaded == 5 && summary.rowsSkipped == 0 && summary.rowsReplaced == 0 && summary.ignoredColumns == [])
        let rows = try connection.all(Query(name: "rows", """
            SELECT concat_ws('|', namespace, workload_kind, workload, pod, container, coalesce(node_resource_id, '-'),
              to_char(sampled_at AT TIME ZONE 'UTC', 'HH24:MI'), interval_seconds, coalesce(cpu_request_cores::text, '-'),
              coalesce(cpu_limit_cores::text, '-'), cpu_usage_cores, coalesce(memory_request_bytes::text, '-'),
              coalesce(memory_limit_bytes::text, '-'), memory_usage_bytes, labels->>'team') AS r
            FROM container_usage_samples ORDER BY pod, container, sampled_at
            """)) { try $0.decode(String.self, "r") }
        #expect(rows == [
            "shop|Deployment|checkout|checkout-7d9f-abcde|app|i-0abc|00:00|300|0.5|1|0.25|536870912|1073741824|400000000|payments",
            "shop|Deployment|checkout|checkout-7d9f-abcde|app|i-0abc|00:05|300|0.5|1|0.75|536870912|1073741824|450000000|payments",
            "shop|Deployment|checkout|checkout-7d9f-abcde|istio-proxy|i-0abc|00:00|300|0.1|-|0.05|128000000|-|64000000|payments",
            "default|Pod|debug|debug|sh|-|00:05|300|-|-|0.001|-|-|1000000",
            "kube-system|DaemonSet|node-exporter|node-exporter-x1|node-exporter|i-0abc|00:00|300|0.1|0.2|0.01|33554432|67108864|20000000",
        ])
        #expect(try Self.count(connection, "labels = '{}'::jsonb") == 2)
        #expect(try Self.count(connection, "labels->>'app.kubernetes.io/name' = 'checkout'") == 3)
    }

    /// Columns reordered, optional ones left out, an extra column, CRLF, gzip: the same values land.
    @Test func gzipWithReorderedColumns() throws {
        let (database, connection) = try F.database("containersgzip")
        defer { database.drop() }
        let text = "Labels,SAMPLED_AT,pod,container,note,interval_seconds,namespace,cluster,cpu_usage_cores,memory_usage_bytes\r\n"
            + "\"{\"\"team\"\":\"\"data\"\"}\",2026-11-02T10:00:00Z,etl-28911,main,x,60,batch,prod,1.5,2e9\r\n"
            + ",2026-11-02T10:01:00Z,etl-28911,main,y,60,batch,prod,1.25,2.5e9\r\n"
        let summary = try Self.importFile(try F.write(text, name: "containers.csv.gz"), connection)
        #expect(summary.rowsLoaded == 2 && summary.ignoredColumns == ["note"])
        #expect(try F.scalarDecimal(connection, Query(name: "cpu", "SELECT sum(cpu_usage_cores)::numeric AS value FROM container_usage_samples")) == Decimal(string: "2.75")!)
        #expect(try F.scalarDecimal(connection, Query(name: "mem", "SELECT max(memory_usage_bytes)::numeric AS value FROM container_usage_samples")) == 2_500_000_000)
        #expect(try Self.count(connection, "workload_kind IS NULL AND node_resource_id IS NULL AND cpu_request_cores IS NULL AND interval_seconds = 60") == 2)
        #expect(try Self.count(connection, "labels->>'team' = 'data'") == 1)
    }

    @Test func missingRequiredColumnsAreOneFileError() throws {
        let (database, connection) = try F.database("containersheader")
        defer { database.drop() }
        let file = try F.write("cluster,namespace,pod,sampled_at\nprod,shop,p,2026-11-01T00:00:00Z\n", name: "noheader.csv")
        let error = #expect(throws: ImportFileError.self) { try Self.importFile(file, connection) }
        #expect(error?.message.hasPrefix("the header lacks container, interval_seconds; name the header cells like the container_usage_samples columns") == true)
    }

    /// A bad row stops the file (nothing of it loaded, the error names line, column and fix) or,
    /// with skip, is left out while the others load.
    @Test func badRowsStopOrSkip() throws {
        let (database, connection) = try F.database("containersbad")
        defer { database.drop() }
        let lines = Self.goodText.split(separator: "\n").map(String.init)
        let bad = [
            lines[0], lines[1],
            "prod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:10:00Z,300,500m,1,0.25,1,1,1,{}",
            "prod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:15:00Z,300,0.5,1,0.25,1,1,1,\"{\"\"replicas\"\":3}\"",
            "prod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,yesterday,300,0.5,1,0.25,1,1,1,{}",
            "prod,,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:20:00Z,300,0.5,1,0.25,1,1,1,{}",
            "prod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:25:00Z,0,0.5,1,0.25,1,1,1,{}",
            "prod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:30:00Z,300,0.5,1,-0.25,1,1,1,{}",
            lines[2],
        ].joined(separator: "\n") + "\n"
        let file = try F.write(bad, name: "bad.csv")
        let error = #expect(throws: ImportRowError.self) { try Self.importFile(file, connection) }
        #expect(error?.description == "\(file.path) line 3, column 10 (cpu_request_cores): \"500m\" is not a number >= 0 (cores, e.g. 0.25); fix the value in the file, or rerun with --on-error skip to load the other rows")
        #expect(try Self.count(connection) == 0)

        let summary = try Self.importFile(file, connection, onError: .skip)
        #expect(summary.rowsLoaded == 2 && summary.rowsSkipped == 6)
        let format = try ContainersFormat(header: lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init), file: "f.csv")
        func problem(_ line: String) -> String? {
            do {
                _ = try format.row(CSVRecord(fields: line.split(separator: ",", omittingEmptySubsequences: false).map(String.init), line: 7))
                return nil
            } catch let error as ImportRowError { return error.problem } catch { return "\(error)" }
        }
        #expect(problem("prod,shop,,,p,c,,2026-11-01T00:15:00Z,300,,,,,,,[1]") == "f.csv line 7, column 16 (labels): \"[1]\" is not a JSON object of strings (expected e.g. {\"app.kubernetes.io/name\":\"checkout\",\"team\":\"payments\"})")
        #expect(problem("prod,shop,,,p,c,,yesterday,300,,,,,,,") == "f.csv line 7, column 8 (sampled_at): \"yesterday\" is not a timestamp (expected e.g. 2026-11-01T10:05:00Z)")
        #expect(problem("prod,,,,p,c,,2026-11-01T00:15:00Z,300,,,,,,,") == "f.csv line 7, column 2 (namespace): namespace is empty but required")
        #expect(problem("prod,shop,,,p,c,,2026-11-01T00:15:00Z,0,,,,,,,") == "f.csv line 7, column 9 (interval_seconds): \"0\" is not a positive whole number of seconds (e.g. 300)")
        #expect(problem("prod,shop,,,p,c,,2026-11-01T00:15:00Z,300,,,,,,-1,") == "f.csv line 7, column 15 (memory_usage_bytes): \"-1\" is not a number >= 0 (bytes, e.g. 536870912)")
        #expect(problem("prod,shop,,,p,c,,2026-11-01T00:15:00Z,300,,,,,,") == "f.csv line 7: the row has 15 fields but the header has 16 (an unquoted comma or a missing quote?)")
        #expect(problem("prod,shop,,,p,c,,2026-11-01T00:15:00Z,300,,,,,,,") == nil)
    }

    /// Importing the same file again replaces its rows (same count, same values); a file of another
    /// time range or another cluster adds to them; a corrected file replaces its range only.
    @Test func reimportReplacesTheFilesClusterAndRange() throws {
        let (database, connection) = try F.database("containersreimport")
        defer { database.drop() }
        let file = try F.write(Self.goodText, name: "containers.csv")
        _ = try Self.importFile(file, connection)
        let again = try Self.importFile(file, connection)
        #expect(again.rowsLoaded == 5 && again.rowsReplaced == 5)
        #expect(try Self.count(connection) == 5)

        let later = Self.goodText.replacingOccurrences(of: "2026-11-01", with: "2026-11-02")
        let otherCluster = Self.goodText.replacingOccurrences(of: "\nprod,", with: "\nstaging,")
        _ = try Self.importFile(try F.write(later, name: "later.csv"), connection)
        _ = try Self.importFile(try F.write(otherCluster, name: "staging.csv"), connection)
        #expect(try Self.count(connection) == 15)

        // A corrected 00:05 sample of prod: only prod's rows at exactly 00:05 on 2026-11-01 go.
        let corrected = Self.header + "\nprod,shop,Deployment,checkout,checkout-7d9f-abcde,app,i-0abc,2026-11-01T00:05:00Z,300,0.5,1,0.5,536870912,1073741824,450000000,{}\n"
        let summary = try Self.importFile(try F.write(corrected, name: "corrected.csv"), connection)
        #expect(summary.rowsReplaced == 2 && summary.rowsLoaded == 1)
        #expect(try Self.count(connection) == 14)
        #expect(try Self.count(connection, "cluster = 'prod' AND sampled_at = '2026-11-01 00:05:00+00' AND cpu_usage_cores = 0.5") == 1)
        #expect(try Self.count(connection, "cluster = 'staging'") == 5)
    }

    /// `costreport import containers` end to end: one line per file, a re-import counted as
    /// replaced, a bad row exits 1 naming the place and loads nothing of its file.
    @Test func commandLineImportsAndReimports() throws {
        let (database, connection) = try F.database("containerscli")
        defer { database.drop() }
        let file = try F.write(Self.goodText, name: "containers.csv")
        let folder = file.deletingLastPathComponent()
        let first = try CostReportBinary.run(["import", "containers", "--db", database.conninfo, file.path], in: folder)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("\(file.path): 5 rows loaded, 0 skipped, "))
        let second = try CostReportBinary.run(["import", "containers", "--db", database.conninfo, file.path], in: folder)
        #expect(second.stdout.hasPrefix("\(file.path): 5 rows loaded, 0 skipped, 5 replaced"))
        #expect(!second.stdout.contains("resources added"), "\(second.stdout)")
        #expect(try Self.count(connection) == 5)
        let bad = try F.write(Self.header + "\nprod,shop,,,p,c,,2026-12-01T00:00:00Z,300,1 core,,,,,,{}\n", name: "bad.csv")
        let failed = try CostReportBinary.run(["import", "containers", "--db", database.conninfo, bad.path], in: folder)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(bad.path) line 2, column 10 (cpu_request_cores): \"1 core\" is not a number >= 0 (cores, e.g. 0.25)"))
        #expect(try Self.count(connection) == 5)
    }
}
