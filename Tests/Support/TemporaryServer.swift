import Foundation

/// A throwaway PostgreSQL server of a test's own, started by the same code as the test server
/// (`scripts/pg-temp.sh`: initdb into a temporary folder, a free port on 127.0.0.1, trust
/// authentication), for tests that need several servers (shards). `stop()` removes it.
public final class TemporaryServer: @unchecked Sendable {
    /// `host=127.0.0.1 port=P user=postgres dbname=postgres`.
    public let conninfo: String
    public let port: Int
    private let variables: [String: String]
    private var removed = false

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/pg-temp.sh").path

    /// Starts a server (a few seconds).
    /// - Throws: `TestDatabase.SetupError` with pg-temp's output when it cannot start.
    public init() throws {
        let output = try Self.bash("""
            . "$PG_TEMP_SCRIPT" && pg_temp_start && printf '%s\\n' "$PG_TEMP_DIR" "$PG_TEMP_PORT" "$PG_TEMP_BINDIR" "$PG_TEMP_RUN"
            """, environment: [:])
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, let port = Int(lines[1]) else {
            throw TestDatabase.SetupError("pg-temp.sh did not start a server: \(output)")
        }
        self.port = port
        variables = ["PG_TEMP_DIR": lines[0], "PG_TEMP_BINDIR": lines[2], "PG_TEMP_RUN": lines.count > 3 ? lines[3] : ""]
        conninfo = "host=127.0.0.1 port=\(port) user=postgres dbname=postgres"
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`) and keeps its folder: a shard that is down.
    public func shutDown() throws {
        _ = try Self.bash(#"$PG_TEMP_RUN "$PG_TEMP_BINDIR/pg_ctl" -D "$PG_TEMP_DIR/data" -m immediate -w stop >/dev/null"#, environment: variables)
    }

    /// Stops the server and removes its folder (safe to call twice).
    public func stop() {
        guard !removed else { return }
        removed = true
        _ = try? Self.bash(#". "$PG_TEMP_SCRIPT" && pg_temp_stop"#, environment: variables)
    }

    deinit { stop() }

    /// Runs `script` with bash, `PG_TEMP_SCRIPT` and `variables` set; returns stdout.
    /// posix_spawn and waitpid, not Foundation's `Process`: its `waitUntilExit` never returned here
    /// once the script had left a server running in the background.
    /// - Throws: `TestDatabase.SetupError` with stderr when it fails.
    static func bash(_ script: String, environment variables: [String: String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["PG_TEMP_SCRIPT"] = Self.script
        for (key, value) in variables { environment[key] = value }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-temp-call-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("out").path, errPath = folder.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argumentTexts: [String] = ["/bin/bash", "-c", script]
        let arguments: [UnsafeMutablePointer<CChar>?] = argumentTexts.map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, arguments, variables)
        guard spawned == 0 else { throw TestDatabase.SetupError("cannot run bash: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS are macros Swift cannot import: exited when the low 7 bits are 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestDatabase.SetupError("\(script): wait status \(status): \(stderr)")
        }
        return stdout
    }
}
