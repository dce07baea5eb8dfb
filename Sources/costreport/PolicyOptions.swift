import ArgumentParser
import CostModel
import Foundation
import ReportJob
import Yams

/// `--config FILE`: the policy file (YAML). Without it, every documented default applies.
struct PolicyOptions: ParsableArguments {
    @Option(help: "The policy file (YAML; `costreport config defaults` prints one with every setting).")
    var config: String?

    /// The policy (its YAML text as used, defaults filled in, is `yaml(_:)`).
    func load() throws -> PolicyFile {
        var policy = PolicyFile()
        if let config {
            let text: String
            do {
                text = try String(contentsOfFile: config, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read the policy file \(config): \(error.localizedDescription)")
            }
            do {
                if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    policy = try YAMLDecoder().decode(PolicyFile.self, from: text)
                }
            } catch let error as DecodingError {
                throw ValidationError("policy file \(config): \(Self.describe(error))")
            } catch {
                throw ValidationError("policy file \(config) is not valid YAML: \(error)")
            }
        }
        return policy
    }

    /// `yaml(policy)`, encoded on a thread of its own (about 10 ms) while the run starts.
    static func yamlInBackground(_ policy: PolicyFile) -> Handoff<String, any Error> {
        Handoff(computing: { try yaml(policy) })
    }

    static func yaml(_ policy: PolicyFile) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        return plainNumbers(try encoder.encode(policy))
    }

    /// Yams writes floating-point settings in exponent form (`9.5e-1`); people read `0.95`.
    static func plainNumbers(_ yaml: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"(?<=: |- )(-?[0-9]+(?:\.[0-9]+)?e[+-][0-9]+)$"#, options: [.anchorsMatchLines])
        var result = yaml
        for match in pattern.matches(in: yaml, range: NSRange(yaml.startIndex..., in: yaml)).reversed() {
            guard let range = Range(match.range, in: result),
                  let value = Decimal(string: String(result[range]), locale: Locale(identifier: "en_US_POSIX")) else { continue }
            result.replaceSubrange(range, with: value.description)
        }
        return result
    }

    /// A decoding error as `key.path: what is wrong`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "(top level)" : keys.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing \(key.stringValue)"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type), \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)): expected a \(type)"
        @unknown default: return "\(error)"
        }
    }
}

/// `costreport config defaults`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "The policy file.", subcommands: [Defaults.self])

    struct Defaults: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the default policy file (YAML).")

        func run() throws {
            print("# costreport policy file: every setting with its default. Units are in the setting names")
            print("# and in the README (Configuration). Omitted settings take these defaults.")
            print(try PolicyOptions.yaml(PolicyFile()), terminator: "")
        }
    }
}
