// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "costreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "costreport", targets: ["costreport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libpq, as Debian's libpq-dev installs it. Only `Postgres` imports it.
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // The UTC calendar and timestamp text of every target (below all of them, Postgres included).
        .target(name: "CivilTime"),
        // The PostgreSQL client: connections, bound parameters, streaming rows, COPY, typed decoding.
        .target(name: "Postgres", dependencies: ["CLibpq", "CivilTime"]),
        // Pure cost model: money, billing lines, resources, usage, policies, attribution, findings, plan.
        .target(name: "CostModel", dependencies: ["CivilTime"]),
        // Pure renderers: report model -> CSV / HTML / JSON / Prometheus text.
        .target(name: "Reports", dependencies: ["CostModel", "CivilTime"]),
        // Pure: the streaming RFC 4180 reader and the field parsers (timestamps, decimals, JSON objects).
        .target(name: "CSVParsing", dependencies: ["CostModel", "CivilTime"]),
        // Pure: one description per contract table (columns, types, nullability, FOCUS names) and the FOCUS writer.
        .target(name: "Contract", dependencies: ["CostModel", "CivilTime"]),
        // Runs queries/*.sql and maps rows to CostModel types. The only target that knows SQL.
        .target(name: "BillingStore", dependencies: ["Postgres", "CostModel", "Contract", "CivilTime"]),
        // The deterministic, seeded generator of the sample organisation (pure: emits rows).
        .target(name: "SampleBilling", dependencies: ["CostModel", "CSVParsing", "CivilTime"]),
        // `costreport import`: one file-import loop (gzip, CSV, header, rows, skip/stop, one transaction
        // per file) and one adapter per format (FOCUS, usage). The nightly report does not link it.
        .target(
            name: "Imports",
            dependencies: [
                "BillingStore", "CivilTime", "Contract", "CSVParsing", "CostModel", "Postgres",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Pure Prometheus import parts: the `prometheus` policy section, PromQL templating, chunk
        // planning, query_range answers decoded into usage_samples rows.
        .target(name: "PrometheusQuery", dependencies: ["CostModel"]),
        // `costreport import prometheus`: the HTTP client (URLSession) and the chunked import job.
        .target(
            name: "PrometheusImport",
            dependencies: [
                "PrometheusQuery", "BillingStore", "CivilTime", "Contract", "Postgres", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Swaps two paths in one step (Linux renameat2, macOS renamex_np) to replace a published report folder.
        .target(name: "CAtomicRename"),
        // The nightly pipeline: load -> attribute -> recommend -> plan -> render -> publish; `check`,
        // `db init` and `db rollups`. It does not link the sample generator.
        .target(
            name: "ReportJob",
            dependencies: [
                "BillingStore", "CostModel", "Reports", "Postgres", "CAtomicRename",
                "CSVParsing", "CivilTime", "PrometheusQuery",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `sample load` and `sample export-focus`: the sample organisation into the database or a FOCUS file.
        .target(
            name: "SampleSetup",
            dependencies: [
                "BillingStore", "CostModel", "Postgres", "SampleBilling", "Contract",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The executable: arguments, configuration file, logging bootstrap, exit codes.
        .executableTarget(
            name: "costreport",
            dependencies: [
                "ReportJob", "SampleSetup", "CostModel", "CivilTime",
                "Imports", "PrometheusImport", "PrometheusQuery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // bench/stream's client: streams a large result to measure the streaming mechanisms.
        .executableTarget(name: "stream-bench", dependencies: ["Postgres"], path: "bench/StreamBench"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "CostModelTests", dependencies: ["CostModel", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "CostModel", "CivilTime", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SampleBillingTests", dependencies: ["SampleBilling", "CostModel"]),
        // Test helpers: a fresh database per test on the throwaway server scripts/test starts.
        .target(
            name: "TestSupport",
            dependencies: ["Postgres", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Support"
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "CivilTime", "TestSupport"]),
        .testTarget(
            name: "ReportJobTests",
            dependencies: [
                "ReportJob", "SampleSetup", "BillingStore", "Postgres", "CostModel", "SampleBilling", "TestSupport", "Imports", "CivilTime",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "FocusImportTests",
            dependencies: [
                "Imports", "CSVParsing", "Contract", "ReportJob", "SampleSetup", "BillingStore", "Postgres", "CostModel", "SampleBilling", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PrometheusQueryTests", dependencies: ["PrometheusQuery"]),
        // Against a real Prometheus (Debian's `prometheus`, backfilled with promtool) and PostgreSQL.
        .testTarget(
            name: "PrometheusImportTests",
            dependencies: [
                "PrometheusImport", "PrometheusQuery", "ReportJob", "SampleSetup", "BillingStore", "Postgres", "CostModel", "SampleBilling", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "HardeningTests",
            dependencies: [
                "ReportJob", "SampleSetup", "BillingStore", "Postgres", "CostModel", "Reports", "SampleBilling", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
