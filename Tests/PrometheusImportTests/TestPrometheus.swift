import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// A real Prometheus (Debian's `prometheus`) for one test: on a free loopback port, no scrape
/// targets, its TSDB backfilled by `promtool tsdb create-blocks-from openmetrics` from series the
/// test writes. A shell watchdog stops it and removes its folder when the test process ends, even
/// if the test crashes.
final class TestPrometheus: @unchecked Sendable {
    let url: String
    let folder: URL
    private let process: Process

    /// True when the binaries are here, or when CI requires them (then a missing one fails the test).
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["COSTREPORT_REQUIRE_PROMETHEUS"] == "1"
            || (executable("prometheus") != nil && executable("promtool") != nil)
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Backfills `metrics` and starts Prometheus on it; `webConfig` is a `--web.config.file`.
    static func start(_ metrics: OpenMetrics, webConfig: String? = nil) throws -> TestPrometheus {
        guard let prometheus = executable("prometheus"), let promtool = executable("promtool") else {
            throw TestDatabase.SetupError("prometheus and promtool are not installed: apt-get install prometheus (.ci/run does)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costreport-prom-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = folder.appendingPathComponent("data")
        let input = folder.appendingPathComponent("metrics.om")
        try metrics.write(to: input)
        try run(promtool, ["tsdb", "create-blocks-from", "openmetrics", input.path, data.path], log: folder.appendingPathComponent("promtool.log"))
        try? FileManager.default.removeItem(at: input)
        try "global:\n  scrape_interval: 1m\n".write(to: folder.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        let port = try freePort()
        var arguments = [
            "--config.file=\(folder.path)/prometheus.yml", "--storage.tsdb.path=\(data.path)",
            "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=100y", "--log.level=warn",
        ]
        if let webConfig {
            let file = folder.appendingPathComponent("web.yml")
            try webConfig.write(to: file, atomically: true, encoding: .utf8)
            arguments.append("--web.config.file=\(file.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The watchdog: stops Prometheus (SIGKILL: Foundation's Process starts children with SIGTERM
        // blocked) when this test process is gone or `stop()` leaves a file, then removes the folder.
        process.arguments = ["-c", """
            "$0" "$@" >"\(folder.path)/prometheus.log" 2>&1 & p=$!
            while grep -q '^State:[[:space:]]*[^Z]' /proc/\(getpid())/status 2>/dev/null && kill -0 $p 2>/dev/null \\
                && [ ! -e "\(folder.path)/stop" ]; do sleep 0.2; done
            kill -9 $p 2>/dev/null; wait $p; rm -rf "\(folder.path)"
            """, prometheus] + arguments
        // Not the test's own stdout: `swift test` waits for every holder of that pipe to close it.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = TestPrometheus(url: "http://127.0.0.1:\(port)", folder: folder, process: process)
        try server.waitUntilReady()
        return server
    }

    private init(url: String, folder: URL, process: Process) {
        self.url = url
        self.folder = folder
        self.process = process
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("stop").path, contents: nil)
        process.waitUntilExit()
    }

    private func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let status = try? Self.get(URL(string: url + "/-/ready")!), status == 200 || status == 401 { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
        throw TestDatabase.SetupError("Prometheus did not become ready at \(url): \(log.suffix(2000))")
    }

    static func get(_ url: URL) throws -> Int {
        let done = DispatchSemaphore(value: 0)
        let status = Locked<Int?>(nil)
        URLSession.shared.dataTask(with: url) { _, response, _ in
            status.set((response as? HTTPURLResponse)?.statusCode)
            done.signal()
        }.resume()
        done.wait()
        guard let code = status.get() else { throw TestDatabase.SetupError("no answer from \(url)") }
        return code
    }

    static func run(_ executable: String, _ arguments: [String], log: URL) throws {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw TestDatabase.SetupError("\(executable) \(arguments.joined(separator: " ")) failed: \(text.suffix(2000))")
        }
    }

    /// A free TCP port on 127.0.0.1 (bound, read, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestDatabase.SetupError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestDatabase.SetupError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// OpenMetrics text for `promtool`: series grouped by metric family, timestamps in seconds.
struct OpenMetrics {
    private var families: [(name: String, type: String, lines: [String])] = []

    /// Adds a series: `points` are (Unix seconds, value); values may be NaN or ±Inf.
    mutating func add(_ metric: String, type: String = "gauge", labels: [String: String], points: [(Int, Double)]) {
        let family = type == "counter" && metric.hasSuffix("_total") ? String(metric.dropLast(6)) : metric
        let labelText = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        let lines = points.map { "\(metric){\(labelText)} \(Self.format($0.1)) \($0.0)" }
        if let index = families.firstIndex(where: { $0.name == family }) {
            families[index].lines += lines
        } else {
            families.append((family, type, lines))
        }
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return "\(value)"
    }

    func write(to url: URL) throws {
        var text = ""
        for family in families {
            text += "# TYPE \(family.name) \(family.type)\n"
            text += family.lines.joined(separator: "\n") + "\n"
        }
        text += "# EOF\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}

/// A value shared with a completion handler.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func get() -> Value { lock.withLock { value } }
}
