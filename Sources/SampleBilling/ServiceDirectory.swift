/// The microservices of the sample organisation (one copy; `scale` repeats them).
struct ServiceDefinition: Sendable {
    var name: String
    var team: String
    /// 1 customer-facing 24/7, 2 internal business hours, 3 batch/analytics, 4 development.
    var tier: Int
    var environment: String
    /// Whether the service has its own database.
    var hasDatabase: Bool
    /// Tags on its storage, network and bucket resources use other spellings (`app`, `owner`,
    /// `tier: tier-2` / `critical`) and the inventory leaves service, team and tier empty.
    var legacyTagging: Bool = false
}

enum ServiceDirectory {
    /// Production services bill to this account; development and staging to the other.
    static let productionAccount = "111111111111"
    static let developmentAccount = "222222222222"

    static let services: [ServiceDefinition] = [
        // Tier 1: customer-facing, 24/7.
        .init(name: "checkout-web", team: "storefront", tier: 1, environment: "production", hasDatabase: false),
        .init(name: "storefront-web", team: "storefront", tier: 1, environment: "production", hasDatabase: false,
              legacyTagging: true),
        .init(name: "search-api", team: "storefront", tier: 1, environment: "production", hasDatabase: false),
        .init(name: "catalog-api", team: "storefront", tier: 1, environment: "production", hasDatabase: true),
        .init(name: "cart-service", team: "commerce", tier: 1, environment: "production", hasDatabase: true),
        .init(name: "order-service", team: "commerce", tier: 1, environment: "production", hasDatabase: true),
        .init(name: "payment-gateway", team: "payments", tier: 1, environment: "production", hasDatabase: true),
        .init(name: "fraud-check-api", team: "payments", tier: 1, environment: "production", hasDatabase: false),
        .init(name: "user-auth", team: "platform", tier: 1, environment: "production", hasDatabase: true),
        .init(name: "notification-service", team: "platform", tier: 1, environment: "production", hasDatabase: false),
        // Tier 2: internal, business hours.
        .init(name: "crm-backend", team: "internal-tools", tier: 2, environment: "production", hasDatabase: true),
        .init(name: "hr-portal", team: "internal-tools", tier: 2, environment: "production", hasDatabase: true),
        .init(name: "admin-console", team: "internal-tools", tier: 2, environment: "production", hasDatabase: false),
        .init(name: "support-desk", team: "internal-tools", tier: 2, environment: "production", hasDatabase: true),
        .init(name: "internal-wiki", team: "internal-tools", tier: 2, environment: "production", hasDatabase: false),
        .init(name: "invoicing-api", team: "finance-it", tier: 2, environment: "production", hasDatabase: true),
        .init(name: "finance-ledger", team: "finance-it", tier: 2, environment: "production", hasDatabase: true),
        .init(name: "erp-connector", team: "finance-it", tier: 2, environment: "production", hasDatabase: false,
              legacyTagging: true),
        // Tier 3: batch and analytics.
        .init(name: "billing-batch", team: "finance-it", tier: 3, environment: "production", hasDatabase: false),
        .init(name: "etl-nightly", team: "data", tier: 3, environment: "production", hasDatabase: false),
        .init(name: "reporting-warehouse", team: "data", tier: 3, environment: "production", hasDatabase: true),
        .init(name: "data-lake-ingest", team: "data", tier: 3, environment: "production", hasDatabase: false),
        .init(name: "log-archiver", team: "platform", tier: 3, environment: "production", hasDatabase: false),
        .init(name: "ml-training", team: "ml", tier: 3, environment: "production", hasDatabase: false),
        .init(name: "recommendation-batch", team: "ml", tier: 3, environment: "production", hasDatabase: false),
        .init(name: "fraud-scoring-batch", team: "ml", tier: 3, environment: "production", hasDatabase: false),
        // Tier 4: development and test.
        .init(name: "dev-sandbox", team: "devex", tier: 4, environment: "development", hasDatabase: false),
        .init(name: "qa-environment", team: "devex", tier: 4, environment: "staging", hasDatabase: false),
        .init(name: "ci-runners", team: "devex", tier: 4, environment: "development", hasDatabase: false),
        .init(name: "feature-preview", team: "devex", tier: 4, environment: "development", hasDatabase: false),
        .init(name: "load-test-rig", team: "devex", tier: 4, environment: "staging", hasDatabase: false),
        .init(name: "ml-notebooks", team: "ml", tier: 4, environment: "development", hasDatabase: false),
        .init(name: "staging-api", team: "platform", tier: 4, environment: "staging", hasDatabase: false),
        .init(name: "perf-lab", team: "platform", tier: 4, environment: "development", hasDatabase: false),
    ]

    /// Compute instances per service of each tier.
    static func computeCount(tier: Int) -> Int {
        switch tier {
        case 1: return 6
        case 2, 3: return 4
        default: return 3
        }
    }

    static func account(environment: String) -> String {
        environment == "production" ? productionAccount : developmentAccount
    }

    /// The service whose daily cost spikes (a data transfer burst on its first instance).
    static let spikeService = "search-api"
    /// Days before the end of the data of the spike day.
    static let spikeDaysBeforeEnd = 4
    /// The resource that gets a one-day SLA refund (a resource-level Credit).
    static let refundResource = "lb-payment-gateway-01"
    /// Days before the end of the data of the refund day.
    static let refundDaysBeforeEnd = 20
}
