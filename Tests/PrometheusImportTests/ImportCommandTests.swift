import Foundation
import Postgres
import Testing
import TestSupport

/// `costreport import prometheus` as a cron job runs it: the built binary (`COSTREPORT_BINARY`).
@Suite("The import prometheus command", .enabled(if: TestPrometheus.enabled))
struct ImportCommandTests {
    func costreport(_ arguments: [String]) throws -> CostReportBinary.Result {
        try CostReportBinary.run(arguments, in: Fleet.repository)
    }

    func policy(_ yaml: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-prom-policy-\(UUID().uuidString.prefix(8)).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static let gauges = """
        job:
          connect_retries: 2
          retry_base_delay_seconds: 0.1
        prometheus:
          machines:
            cpu: max by (instance_id) (test_cpu)
            memory: null
            network_bytes: null

        """

    @Test func prometheusDownExits69WithOneLineNamingTheURLAndWritesNothing() throws {
        let database = try Fleet.database("promdown")
        defer { database.drop() }
        let port = try TestPrometheus.freePort()
        let config = try policy(Self.gauges)
        defer { try? FileManager.default.removeItem(at: config) }
        let result = try costreport(["import", "prometheus", "--db", database.conninfo, "--config", config.path,
                                     "--url", "http://127.0.0.1:\(port)", "--from", "2026-10-01", "--to", "2026-10-02"])
        #expect(result.status == 69)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.contains("Prometheus at http://127.0.0.1:\(port) is unreachable (connection refused, 3 attempts)") == true)
        #expect(result.stderr.split(separator: "\n").filter { $0.contains("retrying") }.count == 2)
        #expect(try Fleet.count(database) == 0)
    }

    @Test func aBadQueryExits1WithOneLineAndNoSamples() throws {
        let server = try PrometheusImportTests.shared.get()
        let database = try Fleet.database("prombadcli")
        defer { database.drop() }
        let config = try policy(Self.gauges.replacingOccurrences(of: "max by (instance_id) (test_cpu)", with: "'rate(test_cpu[$window]) +'"))
        defer { try? FileManager.default.removeItem(at: config) }
        let result = try costreport(["import", "prometheus", "--db", database.conninfo, "--config", config.path,
                                     "--url", server.url, "--from", "2026-10-01", "--to", "2026-10-02"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.contains("the query prometheus.machines.cpu failed: Prometheus answered HTTP 400 bad_data:") == true)
        #expect(try Fleet.count(database) == 0)
    }

    @Test func theBearerTokenIsSentAndNeverPrinted() throws {
        let server = try PrometheusImportTests.shared.get()
        let database = try Fleet.database("promtoken")
        defer { database.drop() }
        let token = "s3cr3t-\(UUID().uuidString)"
        let proxy = try TokenProxy.start(token: token, upstream: server.url)
        defer { proxy.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-token-\(UUID().uuidString.prefix(8))")
        try (token + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
        let wrongFile = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-token-\(UUID().uuidString.prefix(8))")
        try "wrong-\(token)".write(to: wrongFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tokenFile); try? FileManager.default.removeItem(at: wrongFile) }
        func run(_ file: URL?) throws -> CostReportBinary.Result {
            let config = try policy(Self.gauges + (file.map { "  bearer_token_file: \($0.path)\n" } ?? ""))
            defer { try? FileManager.default.removeItem(at: config) }
            return try costreport(["import", "prometheus", "--db", database.conninfo, "--config", config.path, "--url", proxy.url,
                                   "--from", "2026-10-01", "--to", "2026-10-02", "--verbose"])
        }
        let good = try run(tokenFile)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasPrefix("imported 574 usage samples (574 values) for 2 resources in 1 chunk"))
        let missing = try run(nil)
        #expect(missing.status == 1)
        #expect(missing.errorLines.first?.contains("refused the query prometheus.machines.cpu (HTTP 401): check prometheus.bearer_token_file") == true)
        let wrong = try run(wrongFile)
        #expect(wrong.status == 1)
        for result in [good, missing, wrong] {
            #expect(!result.stderr.contains(token) && !result.stdout.contains(token))
        }
        #expect(try Fleet.count(database) == 574)
    }
}

/// A reverse proxy that lets through only requests with `Authorization: Bearer TOKEN` (Prometheus
/// 2.42's web config knows basic auth, not bearer tokens): python3's standard library.
final class TokenProxy: @unchecked Sendable {
    let url: String
    private let process: Process

    static let script = #"""
        import http.server, os, sys, urllib.error, urllib.request
        token, upstream, port_file, parent = os.environ["PROXY_TOKEN"], sys.argv[1], sys.argv[2], int(sys.argv[3])
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.headers.get("Authorization") != "Bearer " + token:
                    self.send_response(401); self.send_header("Content-Type", "text/plain"); self.end_headers()
                    self.wfile.write(b"Unauthorized\n"); return
                request = urllib.request.Request(upstream + self.path, data=body, headers={"Content-Type": self.headers.get("Content-Type", "")})
                try:
                    answer = urllib.request.urlopen(request); status, data = answer.status, answer.read()
                except urllib.error.HTTPError as error:
                    status, data = error.code, error.read()
                self.send_response(status); self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.timeout = 1
        with open(port_file + ".tmp", "w") as f: f.write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        while os.getppid() == parent:
            server.handle_request()
        """#

    static func start(token: String, upstream: String) throws -> TokenProxy {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-proxy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let scriptFile = folder.appendingPathComponent("proxy.py"), portFile = folder.appendingPathComponent("port")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.environment = ProcessInfo.processInfo.environment.merging(["PROXY_TOKEN": token]) { $1 }
        process.arguments = ["python3", scriptFile.path, upstream, portFile.path, String(getpid())]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                try? FileManager.default.removeItem(at: folder)
                return TokenProxy(url: "http://127.0.0.1:\(port)", process: process)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(process.processIdentifier, SIGKILL)
        throw TestDatabase.SetupError("the token proxy did not start")
    }

    private init(url: String, process: Process) {
        self.url = url
        self.process = process
    }

    /// SIGKILL: Foundation's Process starts children with SIGTERM blocked.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
