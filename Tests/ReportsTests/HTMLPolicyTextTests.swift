import CostModel
import Foundation
import Testing
@testable import Reports

/// The report's texts quote the policy in force, never the built-in defaults.
@Suite("Report texts follow the policy")
struct HTMLPolicyTextTests {
    /// A policy with every number the texts quote moved off its default.
    static var policy: FindingsPolicy {
        var policy = FindingsPolicy()
        policy.hoursPerMonth = 720
        policy.timeZone = "Europe/Berlin"
        policy.untieredRulesTier = 3
        policy.tiers.tier1.sizingPercentile = 98
        policy.tiers.tier2.sizingPercentile = 92.5
        policy.tiers.tier3.sizingPercentile = 85
        policy.tiers.tier4.sizingPercentile = 80
        policy.tiers.tier1.targetUtilization = 0.55
        policy.tiers.tier2.targetUtilization = 0.7
        policy.tiers.tier3.targetUtilization = 0.75
        policy.tiers.tier4.targetUtilization = 0.85
        policy.tiers.tier3.neverBelowPeak = true
        policy.tiers.tier2.minimumWindowDays = 21
        policy.tiers.tier4.memoryBuffer = 0.25
        policy.tiers.tier2.serviceHours = ServiceHours(startHour: 6, endHour: 20)
        policy.unused.cpuDailyAverageMax = 0.03
        policy.unused.idleDayShare = 0.85
        policy.unused.volumeUnattachedDays = 10
        policy.underProvisioned.cpuPercentile = 97
        policy.underProvisioned.cpuAbove = 0.85
        policy.underProvisioned.memoryMaxAbove = 0.95
        policy.schedule.offHoursCpuMax = 0.04
        policy.spot.discounts = ["default": 0.5, "AWS": 0.7]
        policy.commitment.discount = 0.35
        policy.commitment.minimumRunningShare = 0.9
        policy.dataQuality.minimumCoverage = 0.55
        policy.dataQuality.highConfidenceCoverage = 0.8
        return policy
    }

    static func page(_ policy: FindingsPolicy, buckets: Int) -> (methodology: String, page: String) {
        let page = HTMLReport.render(HTMLReportScenario.model(findingsPolicy: policy, histogramBuckets: buckets))
        let start = page.range(of: "<section id=\"methodology\"")!.lowerBound
        let end = page.range(of: "<pre class=\"policy\">", range: start..<page.endIndex)!.lowerBound
        return (String(page[start..<end]), page)
    }

    @Test func methodologyAndCaptionsQuoteTheNonDefaultPolicy() {
        let (methodology, page) = Self.page(Self.policy, buckets: 400)
        for expected in [
            "window hours × 720 h", "tier 1 p98, tier 2 p92.5 in service hours, tier 3 p85, tier 4 p80",
            "400-bucket", "each bucket 0.25 percentage points", "at most 0.25 points", "rules of tier 3",
            "tier 1 30 days, tier 2 21 days", "(tier 1 55%, tier 2 70%, tier 3 75%, tier 4 85%)",
            "tier 1 15%, tier 2 15%, tier 3 15%, tier 4 25%", "never below the observed CPU peak for tiers 1, 3",
            "at least 85% of at least 14 days", "under 3% mean CPU", "unattached for 10 days",
            "p97 CPU above 85%", "memory maximum above 95%", "tier 2 06:00-20:00 Mon-Fri", "Europe/Berlin",
            "mean CPU under 4%", "(AWS 70%, default 50%)", "at least 90% of the window", "saving = 35% of",
            "coverage of at least 80%", "medium at least 55%",
        ] {
            #expect(methodology.contains(expected), "methodology lacks \(expected)")
        }
        for stale in ["730", "p99", "p95", "200-bucket", "0.5 percentage", "65%", "60%", "30%"] {
            #expect(!methodology.contains(stale), "methodology still says \(stale)")
        }
        #expect(page.contains("effective cost ÷ window hours × 720 h</span>"), "summary card caption")
        #expect(page.contains("scaled to 720 hours"), "waterfall chart description")
        #expect(!page.contains("730 h"))
    }

    @Test func defaultPolicyTextsKeepTheDefaultNumbers() {
        let (methodology, page) = Self.page(FindingsPolicy(), buckets: 200)
        for expected in [
            "window hours × 730 h", "tier 1 p99, tier 2 p95 in service hours, tier 3 p95, tier 4 p90", "200-bucket",
            "each bucket 0.5 percentage points", "(tier 1 50%, tier 2 65%, tier 3 80%, tier 4 80%)",
            "never below the observed CPU peak for tier 1", "(default 60%)", "saving = 30% of",
        ] {
            #expect(methodology.contains(expected), "methodology lacks \(expected)")
        }
        #expect(page.contains("scaled to 730 hours"))
    }
}
