import Foundation
import Testing
@testable import CostModel

@Suite("Policy kubernetes.idle")
struct IdlePolicyTests {
    func decode(_ json: String) throws -> KubernetesPolicy {
        try JSONDecoder().decode(KubernetesPolicy.self, from: Data(json.utf8))
    }

    @Test("default separate; each mode decodes, round-trips and reaches the allocation settings")
    func modes() throws {
        #expect(try decode("{}").idle == .separate)
        for mode in IdleCostPolicy.allCases {
            let policy = try decode(#"{"idle": "\#(mode.rawValue)", "cpu_hourly_weight": 2}"#)
            #expect(policy.idle == mode)
            #expect(policy.allocationSettings == ContainerAllocationSettings(
                cpuHourlyWeight: 2, memoryGibHourlyWeight: KubernetesPolicy.defaultMemoryGibHourlyWeight, idle: mode))
            #expect(try JSONDecoder().decode(KubernetesPolicy.self, from: JSONEncoder().encode(policy)) == policy)
        }
    }

    @Test("an unknown mode is an error naming the key and the choices")
    func invalid() {
        do {
            _ = try decode(#"{"idle": "nodeowner"}"#)
            Issue.record("accepted")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "invalid value for 'idle': 'nodeowner'; expected separate, proportional or node_owner")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
