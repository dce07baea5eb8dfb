import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging

/// The HTTP side of the Prometheus API: one `POST /api/v1/query_range` at a time (form encoding, so
/// long PromQL fits), through FoundationNetworking's URLSession (libcurl; the system CAs for https).
/// Connection failures, timeouts and 5xx answers are retried with exponential backoff; 4xx answers
/// are not. The bearer token goes only into the `Authorization` header, never into a log or error.
public final class PrometheusClient: Sendable {
    /// The base URL as given (used in messages; it never holds a password, see `PrometheusURL`).
    public let baseURL: String
    private let endpoint: URL
    private let bearerToken: String?
    private let timeoutSeconds: Int
    private let retries: Int
    private let retryBaseDelaySeconds: Double
    private let session: URLSession

    /// - Parameters:
    ///   - timeoutSeconds: the longest one request may take (also sent as Prometheus' `timeout`).
    ///   - retries: further attempts after a connection failure, timeout or 5xx answer.
    ///   - retryBaseDelaySeconds: the first retry's delay; it doubles with each retry.
    /// - Throws: `PrometheusClientError.badURL`.
    public init(baseURL: String, bearerToken: String?, timeoutSeconds: Int, retries: Int, retryBaseDelaySeconds: Double) throws {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let endpoint = URL(string: trimmed + "/api/v1/query_range"), endpoint.host != nil else {
            throw PrometheusClientError.badURL(baseURL)
        }
        self.baseURL = trimmed
        self.endpoint = endpoint
        self.bearerToken = bearerToken
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.retryBaseDelaySeconds = retryBaseDelaySeconds
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = TimeInterval(timeoutSeconds)
        configuration.timeoutIntervalForResource = TimeInterval(timeoutSeconds)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// An answer: the HTTP status and the body.
    public struct Answer: Sendable {
        public var status: Int
        public var body: Data
    }

    /// Sends one range query and returns Prometheus' answer (any status below 500, or the last 5xx
    /// once the retries are spent).
    /// - Throws: `PrometheusClientError.unreachable` when every attempt failed to connect or timed
    ///   out, `.transport` for a failure a retry cannot fix (a TLS certificate not trusted).
    public func queryRange(_ query: String, start: Date, end: Date, stepSeconds: Int, logger: Logger) throws -> Answer {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.timeoutInterval = TimeInterval(timeoutSeconds)
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let bearerToken { request.setValue("Bearer \(bearerToken)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(Self.formEncode([
            ("query", query), ("start", Self.unixSeconds(start)), ("end", Self.unixSeconds(end)),
            ("step", "\(stepSeconds)s"), ("timeout", "\(timeoutSeconds)s"),
        ]).utf8)

        var attempt = 0
        while true {
            attempt += 1
            let began = Date()
            let outcome = send(request)
            let retryable: String
            switch outcome {
            case .success(let answer) where answer.status < 500:
                logger.debug("prometheus answered", metadata: [
                    "status": "\(answer.status)", "bytes": "\(answer.body.count)",
                    "seconds": "\(String(format: "%.3f", Date().timeIntervalSince(began)))",
                ])
                return answer
            case .success(let answer):
                if attempt > retries { return answer }
                retryable = "HTTP \(answer.status)"
            case .failure(let error):
                guard Self.isRetryable(error) else { throw PrometheusClientError.transport(url: baseURL, reason: Self.describe(error)) }
                if attempt > retries {
                    throw PrometheusClientError.unreachable(url: baseURL, attempts: attempt, reason: Self.describe(error))
                }
                retryable = Self.describe(error)
            }
            let delay = retryBaseDelaySeconds * pow(2, Double(attempt - 1))
            logger.warning("prometheus request failed, retrying", metadata: [
                "url": "\(baseURL)", "attempt": "\(attempt)", "reason": "\(retryable)",
                "retry_in_seconds": "\(String(format: "%.1f", delay))",
            ])
            Thread.sleep(forTimeInterval: delay)
        }
    }

    /// One request, waited for.
    private func send(_ request: URLRequest) -> Result<Answer, Error> {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                box.set(.failure(error))
            } else if let http = response as? HTTPURLResponse {
                box.set(.success(Answer(status: http.statusCode, body: data ?? Data())))
            } else {
                box.set(.failure(URLError(.badServerResponse)))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return box.get() ?? .failure(URLError(.unknown))
    }

    /// Connection failures and timeouts; not TLS trust failures or malformed URLs.
    static func isRetryable(_ error: Error) -> Bool {
        guard let error = error as? URLError else { return false }
        switch error.code {
        case .timedOut, .cannotConnectToHost, .networkConnectionLost, .cannotFindHost, .dnsLookupFailed,
             .notConnectedToInternet, .badServerResponse, .zeroByteResource, .resourceUnavailable:
            return true
        default:
            return false
        }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? URLError else { return String(describing: error) }
        switch error.code {
        case .timedOut: return "timed out"
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "connection lost"
        case .serverCertificateUntrusted, .serverCertificateHasUnknownRoot, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .secureConnectionFailed:
            return "TLS failed (\(error.localizedDescription)); the certificate must be signed by a CA in the system store"
        default: return error.localizedDescription
        }
    }

    /// `application/x-www-form-urlencoded`: everything but the unreserved characters percent-encoded.
    static func formEncode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// Unix seconds with milliseconds, as the API takes them.
    static func unixSeconds(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let sign = milliseconds < 0 ? "-" : ""
        let magnitude = milliseconds.magnitude
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

/// A failure to talk to Prometheus at all.
public enum PrometheusClientError: Error, CustomStringConvertible, Sendable {
    /// No attempt got an answer (connection refused, host not found, timed out).
    case unreachable(url: String, attempts: Int, reason: String)
    /// A failure a retry cannot fix.
    case transport(url: String, reason: String)
    case badURL(String)

    public var description: String {
        switch self {
        case .unreachable(let url, let attempts, let reason):
            return "Prometheus at \(url) is unreachable (\(reason), \(attempts) attempt\(attempts == 1 ? "" : "s")): check prometheus.url or --url and that Prometheus is running"
        case .transport(let url, let reason):
            return "cannot talk to Prometheus at \(url): \(reason)"
        case .badURL(let url):
            return "\(url) is not an http:// or https:// URL (prometheus.url or --url)"
        }
    }
}

/// The result of one completion handler, handed across threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<PrometheusClient.Answer, Error>?

    func set(_ value: Result<PrometheusClient.Answer, Error>) { lock.withLock { result = value } }
    func get() -> Result<PrometheusClient.Answer, Error>? { lock.withLock { result } }
}
