import CivilTime

/// Hours of service on workdays, in the policy's time zone: `[startHour, endHour)` on the ISO
/// weekdays listed. Everything else is "off hours".
public struct ServiceHours: Sendable, Hashable, Codable {
    /// First hour of service, 0...23 (default 7 = 07:00).
    public var startHour: Int
    /// Hour at which service ends, exclusive, 1...24 (default 19 = until 19:00).
    public var endHour: Int
    /// ISO weekdays with service, 1 = Monday ... 7 = Sunday (default Monday to Friday).
    public var workdays: [Int]

    public init(startHour: Int, endHour: Int, workdays: [Int] = [1, 2, 3, 4, 5]) {
        self.startHour = startHour; self.endHour = endHour; self.workdays = workdays
    }

    enum CodingKeys: String, CodingKey {
        case startHour = "start_hour", endHour = "end_hour", workdays
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        startHour = try c.setting(.startHour, default: 7, rule: "an hour 0...23") { (0...23).contains($0) }
        endHour = try c.setting(.endHour, default: 19, rule: "an hour 1...24") { (1...24).contains($0) }
        workdays = try c.setting(.workdays, default: [1, 2, 3, 4, 5], rule: "ISO weekdays 1...7") {
            $0.allSatisfy { (1...7).contains($0) }
        }
        guard endHour > startHour else {
            throw DecodingError.dataCorruptedError(
                forKey: .endHour, in: c, debugDescription: "invalid value for 'end_hour': must be after start_hour")
        }
    }

    /// Whether the hour-of-week slot is inside service hours.
    public func contains(isoWeekday: Int, hour: Int) -> Bool {
        workdays.contains(isoWeekday) && hour >= startHour && hour < endHour
    }

    /// Number of the 168 hours of a week that are in service.
    public var serviceHoursPerWeek: Int { Set(workdays).count * (endHour - startHour) }

    /// Number of the 168 hours of a week that are off hours.
    public var offHoursPerWeek: Int { 168 - serviceHoursPerWeek }

    /// Text such as `07:00-19:00 Mon-Fri`.
    public var description: String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let days = Set(workdays).sorted()
        let dayText: String
        if let first = days.first, let last = days.last, days.count == last - first + 1, days.count > 1 {
            dayText = "\(names[first - 1])-\(names[last - 1])"
        } else {
            dayText = days.map { names[$0 - 1] }.joined(separator: ",")
        }
        func hh(_ hour: Int) -> String { CivilCalendar.pad(hour) + ":00" }
        return "\(hh(startHour))-\(hh(endHour)) \(dayText)"
    }
}
