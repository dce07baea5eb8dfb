import Foundation
import PrometheusQuery
import Testing

@Suite("The prometheus policy section")
struct SettingsTests {
    func decode(_ json: String) throws -> PrometheusSettings {
        try JSONDecoder().decode(PrometheusSettings.self, from: Data(json.utf8))
    }

    @Test func missingKeysTakeTheDefaultsAndNullSkipsAMeasure() throws {
        let settings = try decode(#"{"step_seconds": 60, "machines": {"memory": null, "cpu": "avg by (host) (cpu)", "resource_label": "host"}}"#)
        #expect(settings.stepSeconds == 60)
        #expect(settings.url == "http://127.0.0.1:9090")
        #expect(settings.scrapeIntervalSeconds == 60)
        #expect(settings.timeoutSeconds == 120)
        #expect(settings.bearerTokenFile == nil)
        #expect(settings.machines.resourceLabel == "host")
        #expect(settings.machines.measures.map(\.policyKey) == ["prometheus.machines.cpu", "prometheus.machines.network_bytes"])
        #expect(settings.machines.measures[0].template == "avg by (host) (cpu)")
        #expect(settings.kubernetes.clusterLabel == "cluster")
        #expect(settings.kubernetes.clusterName == "default")
    }

    @Test func badValuesNameTheirKey() {
        #expect { try decode(#"{"step_seconds": 0}"#) } throws: { "\($0)".contains("step_seconds") }
        #expect { try decode(#"{"url": "ftp://x"}"#) } throws: { "\($0)".contains("url") }
        #expect { try decode(#"{"machines": {"cpu": "  "}}"#) } throws: { "\($0)".contains("cpu") }
    }

    @Test func encodingWritesEveryKeyIncludingNulls() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var settings = PrometheusSettings()
        settings.machines.networkBytes = nil
        let text = String(decoding: try encoder.encode(settings), as: UTF8.self)
        #expect(text.contains(#""bearer_token_file":null"#))
        #expect(text.contains(#""network_bytes":null"#))
        #expect(text.contains(#""cluster_label":"cluster""#))
        #expect(try decode(text) == settings)
    }

    @Test func urlsWithPasswordsAreRecognised() {
        #expect(PrometheusURL.containsPassword("https://me:secret@prom.example:9090/"))
        #expect(!PrometheusURL.containsPassword("https://prom.example:9090/a@b"))
        #expect(PrometheusURL.isValid("http://127.0.0.1:9090"))
        #expect(!PrometheusURL.isValid("127.0.0.1:9090"))
        #expect(!PrometheusURL.isValid("http:///x"))
    }
}
