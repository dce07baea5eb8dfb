import Contract
import Foundation
import Logging
import SampleBilling

/// `costreport sample export-focus`: writes the sample organisation's bill as a FOCUS CSV that
/// `costreport import focus` reads back: a FOCUS 1.0 file with every column the specification requires.
public enum SampleFocusExport {
    /// Streams the sample bill to `output`; a name ending in `.gz` is compressed through a
    /// `gzip -c` child process. Returns the number of rows written (header not counted).
    public static func write(sample: SampleOptions, catalogFile: URL, output: URL, logger: Logger) throws -> Int {
        let organisation = try SampleDatabase.organisation(sample, catalogFile: catalogFile)
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              let file = FileHandle(forWritingAtPath: output.path) else {
            throw SetupError("cannot create \(output.path): check the folder exists and is writable")
        }
        defer { try? file.close() }
        let compress = output.pathExtension == "gz"
        var gzip: Process?
        var sinkHandle = file
        if compress {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-c"]
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = file
            do { try process.run() } catch {
                throw SetupError("cannot start gzip to write \(output.path): \(error.localizedDescription)")
            }
            gzip = process
            sinkHandle = input.fileHandleForWriting
        }
        let target = sinkHandle
        var writer = try FocusCSVWriter { bytes in try target.write(contentsOf: Data(bytes)) }
        try organisation.forEachBillingLineItem { try writer.write($0) }
        try writer.flush()
        if let gzip {
            try target.close()
            gzip.waitUntilExit()
            guard gzip.terminationStatus == 0 else { throw SetupError("gzip failed writing \(output.path) (exit status \(gzip.terminationStatus))") }
        }
        logger.info("sample exported as FOCUS", metadata: ["file": "\(output.path)", "rows": "\(writer.rowsWritten)"])
        return writer.rowsWritten
    }
}
