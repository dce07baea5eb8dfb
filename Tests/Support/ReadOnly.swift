import Foundation

/// Makes a folder unwritable even for root (tests run as root in CI): `chattr +i` (immutable)
/// as root, `chmod 555` otherwise.
public enum ReadOnly {
    public static func apply(to folder: URL) throws {
        if getuid() == 0 { try run("/usr/bin/chattr", ["+i", folder.path]) } else { chmod(folder.path, 0o555) }
    }

    public static func remove(from folder: URL) throws {
        if getuid() == 0 { try run("/usr/bin/chattr", ["-i", folder.path]) } else { chmod(folder.path, 0o755) }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }
}
