/// Failures of a run that map to distinct exit codes.
public enum JobError: Error, CustomStringConvertible, Sendable {
    /// Another run holds the advisory lock on the same database.
    case anotherRunInProgress(String)
    /// A data-quality gate (`--fail-on`) failed; the report was still written.
    case qualityGateFailed([String])
    /// The run was interrupted by a signal.
    case interrupted(String)
    /// The report was published but the run history could not be recorded (e.g. the connection
    /// was lost); the next run compares with an older run.
    case historyNotRecorded(folder: String, reason: String)

    public var description: String {
        switch self {
        case .anotherRunInProgress(let target):
            return "another costreport run is in progress on \(target) (advisory lock held); this run stopped without writing anything. Wait for it to finish"
        case .qualityGateFailed(let failures):
            return "data-quality gate failed: " + failures.joined(separator: "; ")
        case .interrupted(let signal):
            return "interrupted by \(signal); temporary files removed, the previous report is intact"
        case .historyNotRecorded(let folder, let reason):
            return "the report was published in \(folder), but the run history was not recorded: \(reason). Check the database connection; the next run compares with the last recorded run"
        }
    }
}
