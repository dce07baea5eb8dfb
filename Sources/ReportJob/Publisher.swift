internal import CAtomicRename
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publishes a run's files atomically: they are written into a hidden temporary folder beside the
/// target and flushed to disk; the folder is then renamed to `<out>/<date>/` (an existing folder of
/// the same date is swapped out in one step and removed), and `<out>/latest` is re-pointed with an
/// atomic rename of a symbolic link. A failed or killed run leaves the previous report untouched.
public struct Publisher: Sendable {
    public let outputDirectory: URL
    /// Number of dated report folders to keep; older ones are removed after a successful publish.
    public let retention: Int

    public init(outputDirectory: URL, retention: Int) {
        self.outputDirectory = outputDirectory
        self.retention = retention
    }

    /// Prefix of temporary folders; leftovers of killed runs are removed by the next run.
    static let temporaryPrefix = ".costreport-tmp-"

    /// Writes `files` (name → bytes) into `<out>/<folderName>/` atomically.
    /// - Returns: the published folder.
    /// - Throws: `PublishError` naming the path and what to do.
    @discardableResult
    public func publish(files: [(name: String, contents: Data)], folderName: String, runId: String) throws -> URL {
        let fileManager = FileManager.default
        try createDirectory(outputDirectory)
        let staging = outputDirectory.appendingPathComponent(Self.temporaryPrefix + folderName + "-" + runId)
        guard mkdir(staging.path, 0o755) == 0 else {
            throw PublishError("cannot create the staging folder \(staging.path): \(String(cString: strerror(errno)))",
                               hint: "check that the output folder (--out) is writable and remove stale .costreport-tmp-* entries")
        }
        do {
            for file in files {
                precondition(!file.name.contains("/") && !file.name.hasPrefix("."), "file names are chosen by the job")
                try write(file.contents, to: staging.appendingPathComponent(file.name))
            }
            try sync(staging)
            let target = outputDirectory.appendingPathComponent(folderName)
            if fileManager.fileExists(atPath: target.path) {
                try replace(target, with: staging, runId: runId)
            } else {
                try move(staging, to: target)
            }
            try pointLatest(at: folderName, runId: runId)
            try sync(outputDirectory)
            prune()
            return target
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Removes temporary folders left by runs that were killed (call under the run lock).
    public func removeStaleTemporaryFolders() {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: outputDirectory.path) else { return }
        for name in names where name.hasPrefix(Self.temporaryPrefix) || name.hasPrefix(".latest-") {
            try? fileManager.removeItem(at: outputDirectory.appendingPathComponent(name))
        }
    }

    /// Removes temporary folders of this run (on failure or signal).
    public func removeTemporaryFolders(runId: String) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: outputDirectory.path) else { return }
        for name in names where name.hasSuffix("-" + runId) && (name.hasPrefix(Self.temporaryPrefix) || name.hasPrefix(".latest-")) {
            try? fileManager.removeItem(at: outputDirectory.appendingPathComponent(name))
        }
    }

    /// The dated report folders, oldest first.
    public func publishedFolders() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory.path)) ?? []
        return names.filter(Self.isDateFolder).sorted()
    }

    static func isDateFolder(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57) }
    }

    private func pointLatest(at folderName: String, runId: String) throws {
        let link = outputDirectory.appendingPathComponent(".latest-" + runId)
        try? FileManager.default.removeItem(at: link)
        guard symlink(folderName, link.path) == 0 else {
            throw PublishError("cannot create \(link.path): \(String(cString: strerror(errno)))", hint: "check permissions of \(outputDirectory.path)")
        }
        guard rename(link.path, outputDirectory.appendingPathComponent("latest").path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: link)
            throw PublishError("cannot update \(outputDirectory.path)/latest: \(reason)", hint: "remove it if it is not a symbolic link")
        }
    }

    private func prune() {
        let folders = publishedFolders()
        guard retention > 0, folders.count > retention else { return }
        for name in folders.prefix(folders.count - retention) {
            try? FileManager.default.removeItem(at: outputDirectory.appendingPathComponent(name))
        }
    }

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PublishError("cannot create folder \(url.path): \(Self.reason(error))", hint: "check that the output folder (--out) is writable")
        }
    }

    private func write(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PublishError("cannot write \(url.path): \(String(cString: strerror(errno)))", hint: "check that the output folder (--out) is writable")
        }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PublishError("cannot write \(url.path): \(String(cString: strerror(errno)))", hint: "free disk space or choose another --out")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else {
            throw PublishError("cannot flush \(url.path): \(String(cString: strerror(errno)))", hint: "free disk space or choose another --out")
        }
    }

    private func sync(_ directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Replaces the folder `target` with `staging`: swapped in one step where the system can
    /// (Linux renameat2, macOS renamex_np), else moved aside and replaced with two renames (a
    /// moment without the folder; `latest` still points at a complete report). The previous
    /// folder is removed.
    func replace(_ target: URL, with staging: URL, runId: String) throws {
        if costreport_exchange_paths(staging.path, target.path) == 0 {
            try? FileManager.default.removeItem(at: staging)  // now holds the previous run of that date
            return
        }
        guard [ENOSYS, EINVAL, ENOTSUP].contains(errno) else {
            throw PublishError("cannot replace \(target.path): \(String(cString: strerror(errno)))", hint: "check permissions of \(outputDirectory.path)")
        }
        try replaceWithTwoRenames(target, with: staging, runId: runId)
    }

    /// The fallback of `replace` where an atomic swap is not available.
    func replaceWithTwoRenames(_ target: URL, with staging: URL, runId: String) throws {
        let aside = outputDirectory.appendingPathComponent(Self.temporaryPrefix + "previous-" + target.lastPathComponent + "-" + runId)
        try move(target, to: aside)
        do {
            try move(staging, to: target)
        } catch {
            _ = rename(aside.path, target.path)  // put the previous report back
            throw error
        }
        try? FileManager.default.removeItem(at: aside)
    }

    private func move(_ source: URL, to target: URL) throws {
        guard rename(source.path, target.path) == 0 else {
            throw PublishError("cannot rename \(source.path) to \(target.path): \(String(cString: strerror(errno)))", hint: "check permissions of \(outputDirectory.path)")
        }
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// Publishing failed; the previous report is intact.
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let hint: String
    init(_ message: String, hint: String) { self.message = message; self.hint = hint }
    public var description: String { "\(message) (nothing was published; the previous report is intact): \(hint)" }
}
