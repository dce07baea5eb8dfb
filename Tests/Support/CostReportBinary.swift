import Foundation

/// Runs the built `costreport` binary (`COSTREPORT_BINARY`, set by scripts/test) and collects its
/// exit status, stdout and stderr, for end-to-end tests.
public struct CostReportBinary: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// The stderr lines logged at error level (text log format).
        public var errorLines: [Substring] { stderr.split(separator: "\n").filter { $0.contains(" ERROR ") } }
    }

    /// Runs `costreport arguments` in `directory` with the test process's environment plus `environment`.
    public static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Result {
        guard let binary = ProcessInfo.processInfo.environment["COSTREPORT_BINARY"] else {
            throw TestDatabase.SetupError("COSTREPORT_BINARY is not set: run the tests with scripts/test")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
