import Dispatch
import Foundation
import Logging
import ReportJob

/// On SIGINT or SIGTERM: removes this run's temporary files (the previous report is never
/// touched), logs, and exits 130 or 143. The server ends the run's queries when the connection closes.
final class InterruptionHandler: @unchecked Sendable {
    private let publisher: Publisher
    private let runId: String
    private let logger: Logger
    private var sources: [DispatchSourceSignal] = []

    init(outputDirectory: URL, runId: String, logger: Logger) {
        self.publisher = Publisher(outputDirectory: outputDirectory, retention: 0)
        self.runId = runId
        self.logger = logger
    }

    func install() {
        // A parent may start us with these signals blocked (Foundation's Process does); unblock them
        // or a SIGTERM would stay pending and the run would go on.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        sigaddset(&unblocked, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for (signalNumber, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [publisher, runId, logger] in
                publisher.removeTemporaryFolders(runId: runId)
                logger.error("\(JobError.interrupted(name).description)")
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
