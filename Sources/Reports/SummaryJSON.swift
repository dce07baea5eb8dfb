import CivilTime
import CostModel
import Foundation

/// `summary.json`: the run's headline figures for automation. Keys are stable; amounts are JSON
/// strings holding plain decimals (exact; parse them as decimals, not floats).
public enum SummaryJSON {
    public static func render(_ model: ReportModel) -> String {
        var root: [String: JSONValue] = [
            "run_id": .string(model.run.runId),
            "generated_at": .string(UTCText.timestamp(model.run.generatedAt)),
            "window_start": .string(UTCText.day(model.run.window.start)),
            "window_end_exclusive": .string(UTCText.day(model.run.window.end)),
        ]
        root["totals"] = .array(model.attribution.totals.map { total in
            .object([
                "billing_currency": .string(total.currency),
                "billed_cost": .string(Money.plain(total.amounts.billedCost)),
                "effective_cost": .string(Money.plain(total.amounts.effectiveCost)),
                "unallocated_effective_cost": .string(Money.plain(total.unallocated.effectiveCost)),
                "shared_effective_cost": .string(Money.plain(total.shared.effectiveCost)),
                "line_items": .number(total.lineItems),
            ])
        })
        let plan = model.findings.plan
        root["plan"] = .array(plan.monthlyTotal.keys.sorted().map { currency in
            .object([
                "billing_currency": .string(currency),
                "monthly_savings": .string(Money.plain(Money.roundedToMinorUnit(plan.monthlyTotal[currency] ?? 0, currency: currency))),
                "annual_savings": .string(Money.plain(Money.roundedToMinorUnit(plan.annualTotal[currency] ?? 0, currency: currency))),
                "sum_of_findings_monthly": .string(Money.plain(Money.roundedToMinorUnit(plan.sumOfFindings[currency] ?? 0, currency: currency))),
            ])
        })
        root["findings"] = .object(Dictionary(uniqueKeysWithValues: model.findingCounts.map { ($0.kind.rawValue, JSONValue.number($0.count)) }))
        root["diagnostics"] = .object([
            "errors": .number(model.diagnostics.filter { $0.severity == .error }.count),
            "warnings": .number(model.diagnostics.filter { $0.severity == .warning }.count),
        ])
        return JSONValue.object(root).text(indent: 0) + "\n"
    }
}

/// A minimal JSON writer with sorted keys (deterministic bytes).
enum JSONValue {
    case string(String)
    case number(Int)
    case array([JSONValue])
    case object([String: JSONValue])

    func text(indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .string(let value): return Self.quote(value)
        case .number(let value): return String(value)
        case .array(let values):
            if values.isEmpty { return "[]" }
            return "[\n" + values.map { pad + $0.text(indent: indent + 1) }.joined(separator: ",\n") + "\n" + closePad + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.keys.sorted().map { pad + Self.quote($0) + ": " + members[$0]!.text(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + closePad + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20 || s.value == 0x2028 || s.value == 0x2029:
                out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
