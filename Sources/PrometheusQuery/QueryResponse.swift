import Foundation

/// A `/api/v1/query_range` answer (the Prometheus HTTP API's JSON envelope with a `matrix` result).
/// Values stay the strings Prometheus sent (`"0.25"`, `"NaN"`, `"+Inf"`), so what is written is
/// exactly what Prometheus returned.
public struct QueryResponse: Sendable, Decodable {
    public var status: String
    public var data: ResultData?
    public var errorType: String?
    public var error: String?
    public var warnings: [String]?

    public struct ResultData: Sendable, Decodable {
        public var resultType: String
        public var result: [Series]
    }

    /// One series: its labels and its points in time order.
    public struct Series: Sendable, Decodable {
        public var metric: [String: String]
        public var values: [Point]

        enum CodingKeys: String, CodingKey { case metric, values }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            metric = try c.decodeIfPresent([String: String].self, forKey: .metric) ?? [:]
            values = try c.decodeIfPresent([Point].self, forKey: .values) ?? []
        }
    }

    /// `[<unix seconds>, "<value>"]`.
    public struct Point: Sendable, Decodable {
        public var time: Double
        public var value: String

        public init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            time = try c.decode(Double.self)
            value = try c.decode(String.self)
        }
    }

    /// Decodes `body`, the answer to the query of `policyKey` that came with HTTP `status`.
    /// - Throws: `PrometheusQueryError` when the body is not the API's JSON, when Prometheus
    ///   answered `status: error` (its `errorType` and `error`), or when the result is not a matrix.
    public static func decode(_ body: Data, httpStatus: Int, policyKey: String) throws -> QueryResponse {
        let response: QueryResponse
        do {
            response = try JSONDecoder().decode(QueryResponse.self, from: body)
        } catch {
            let snippet = String(decoding: body.prefix(200), as: UTF8.self)
            throw PrometheusQueryError(
                policyKey: policyKey,
                message: "the answer (HTTP \(httpStatus)) is not Prometheus API JSON: \(snippet.isEmpty ? "(empty body)" : snippet)")
        }
        if response.status != "success" {
            throw PrometheusQueryError(
                policyKey: policyKey,
                message: "Prometheus answered HTTP \(httpStatus) \(response.errorType ?? "error"): \(response.error ?? "(no message)")")
        }
        guard let data = response.data, data.resultType == "matrix" else {
            throw PrometheusQueryError(
                policyKey: policyKey, message: "the result is a \(response.data?.resultType ?? "missing value"), not a matrix")
        }
        return response
    }
}

/// A query that Prometheus refused or answered with something other than a matrix.
public struct PrometheusQueryError: Error, CustomStringConvertible, Sendable {
    /// The policy key of the query, e.g. `prometheus.machines.cpu`.
    public var policyKey: String
    public var message: String

    public init(policyKey: String, message: String) {
        self.policyKey = policyKey
        self.message = message
    }

    /// One line: the policy key, then what went wrong.
    public var description: String {
        "the query \(policyKey) failed: " + message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
