import CivilTime
import CostModel
import Foundation

/// How reports name a window in UTC days (dates and timestamps themselves: `UTCText`).
public enum DateText {
    /// The window as people read it: `2026-10-30 to 2026-11-28` (inclusive days).
    public static func window(_ window: ReportWindow) -> String {
        "\(UTCText.day(window.start)) to \(UTCText.day(window.end.addingTimeInterval(-1)))"
    }
}
