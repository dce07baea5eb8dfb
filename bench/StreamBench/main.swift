import Foundation
import Postgres

// Streams every row of a query through the Postgres client, decoding each column, and prints
// rows/s. Used by bench/stream to choose the streaming mechanism (see BENCHMARKS.md).
//   stream-bench CONNINFO MODE [BATCH]     MODE: single-row | cursor

let arguments = CommandLine.arguments
guard arguments.count >= 3, let mode = StreamingMode(rawValue: arguments[2]) else {
    FileHandle.standardError.write(Data("usage: stream-bench CONNINFO single-row|cursor [BATCH]\n".utf8))
    exit(64)
}
do {
    let connection = try Connection(ConnectionOptions(conninfo: arguments[1]))
    connection.streamingMode = mode
    if arguments.count > 3, let batch = Int(arguments[3]) { connection.cursorBatchSize = batch }
    let query = Query(name: "stream_bench", """
        SELECT resource_id, sampled_at, interval_seconds, cpu_utilization::double precision AS cpu, cost
        FROM stream_bench
        """)
    let start = Date()
    var rows = 0
    var cpuSum = 0.0
    var costSum = Decimal(0)
    try connection.query(query) { row in
        rows += 1
        _ = try row.decode(String.self, "resource_id")
        _ = try row.decode(Date.self, "sampled_at")
        _ = try row.decode(Int.self, "interval_seconds")
        cpuSum += try row.decode(Double?.self, "cpu") ?? 0
        costSum += try row.decode(Decimal.self, "cost")
    }
    let seconds = Date().timeIntervalSince(start)
    print(String(format: "mode=%@ rows=%d seconds=%.2f rows_per_second=%.0f", mode.rawValue, rows, seconds, Double(rows) / seconds)
          + " cost_sum=\(costSum)")
} catch {
    FileHandle.standardError.write(Data("stream-bench: \(error)\n".utf8))
    exit(1)
}
