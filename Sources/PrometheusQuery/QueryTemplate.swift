/// The values of the placeholders in a PromQL template: `$window` (Grafana's `$__rate_interval`:
/// max(step + scrape interval, 4 × scrape interval), as a duration such as `1200s`), `$step` (the
/// step as a duration, `300s`) and `$step_seconds` (the step as a number, `300`).
public struct QueryPlaceholders: Sendable, Hashable {
    public var stepSeconds: Int
    public var scrapeIntervalSeconds: Int

    public init(stepSeconds: Int, scrapeIntervalSeconds: Int) {
        self.stepSeconds = stepSeconds
        self.scrapeIntervalSeconds = scrapeIntervalSeconds
    }

    /// max(step + scrape interval, 4 × scrape interval), seconds.
    public var windowSeconds: Int { max(stepSeconds + scrapeIntervalSeconds, 4 * scrapeIntervalSeconds) }

    /// Each placeholder's replacement.
    public var values: [String: String] {
        ["window": "\(windowSeconds)s", "step": "\(stepSeconds)s", "step_seconds": "\(stepSeconds)"]
    }

    /// `template` with every known placeholder replaced. A placeholder is `$` followed by the whole
    /// name (`$step_seconds` is not `$step` + `_seconds`); any other `$` (a regex anchor in a label
    /// matcher) is left as it is.
    public func apply(to template: String) -> String {
        let values = self.values
        var result = ""
        result.reserveCapacity(template.utf8.count + 16)
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            guard character == "$" else {
                result.append(character)
                index = template.index(after: index)
                continue
            }
            let nameStart = template.index(after: index)
            let nameEnd = template[nameStart...].firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) ?? template.endIndex
            if let value = values[String(template[nameStart..<nameEnd])] {
                result += value
                index = nameEnd
            } else {
                result.append(character)
                index = nameStart
            }
        }
        return result
    }
}
