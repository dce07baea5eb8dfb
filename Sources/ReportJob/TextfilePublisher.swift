import Foundation
import Reports

/// Writes `costreport.prom` into a node_exporter textfile-collector folder atomically (a temporary
/// file in the same folder, then rename), so the collector never reads half a file.
enum TextfilePublisher {
    static func write(_ file: RenderedFile, into directory: URL, runId: String) throws {
        let temporary = directory.appendingPathComponent(".\(file.name).\(runId).tmp")
        let target = directory.appendingPathComponent(file.name)
        do {
            try Data(file.contents.utf8).write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                throw PublishError("cannot rename \(temporary.path): \(String(cString: strerror(errno)))", hint: "check --textfile-dir")
            }
        } catch let error as PublishError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw PublishError("cannot write \(target.path): \(Publisher.reason(error))", hint: "check that --textfile-dir is writable")
        }
    }
}
