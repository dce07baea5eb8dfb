import Foundation

/// Reads an import file as a stream of byte chunks, plain or gzip-compressed (detected by the
/// gzip magic bytes 1f 8b, whatever the file name). Gzip goes through a `gzip -dc` child process
/// and a pipe: no extra system library to link, and decompression runs on another core while
/// this process parses. Memory holds one chunk.
enum ImportSource {
    /// Bytes per chunk read from the file or the pipe. Default 1 MiB.
    static let chunkSize = 1 << 20

    /// Calls `body` with successive chunks of the file's (decompressed) content.
    /// - Throws: `ImportSourceError` when the file cannot be read or gzip fails; what `body` throws.
    static func forEachChunk(of file: URL, _ body: ([UInt8]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw ImportSourceError("cannot open \(file.path): check the path and its permissions")
        }
        defer { try? handle.close() }
        let magic = try handle.read(upToCount: 2) ?? Data()
        if magic == Data([0x1f, 0x8b]) {
            try? handle.close()
            try forEachGunzippedChunk(of: file, body)
            return
        }
        if !magic.isEmpty { try body(Array(magic)) }
        while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
            try body(Array(data))
        }
    }

    private static func forEachGunzippedChunk(of file: URL, _ body: ([UInt8]) throws -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", "--", file.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ImportSourceError("cannot start gzip to read \(file.path): \(error.localizedDescription); install gzip or pass the file uncompressed")
        }
        let reader = output.fileHandleForReading
        do {
            while let data = try reader.read(upToCount: chunkSize), !data.isEmpty {
                try body(Array(data))
            }
        } catch {
            process.terminate()
            try? reader.close()
            process.waitUntilExit()
            throw error
        }
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            throw ImportSourceError("cannot decompress \(file.path): gzip says \(message.isEmpty ? "exit status \(process.terminationStatus)" : message); the file may be truncated")
        }
    }
}

/// An import file could not be read.
public struct ImportSourceError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
