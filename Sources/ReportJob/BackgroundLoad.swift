import Foundation

/// Work started on a thread of its own, whose value (or error) `wait()` returns: the report loads
/// half of its queries on a second connection while the first half runs (BENCHMARKS.md).
final class BackgroundLoad<Value>: @unchecked Sendable {
    // Written by the thread before `done` is signalled, read after `wait()` returns.
    private var work: (() throws -> Value)?
    private var result: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping () throws -> Value) {
        self.work = work
        let thread = Thread { [self] in
            result = Result { try self.work!() }
            self.work = nil
            done.signal()
        }
        thread.stackSize = 8 << 20  // the main thread's 8 MiB (a secondary thread's default can be smaller)
        thread.start()
    }

    /// Blocks until the work has finished; call it once, also when the caller's own part failed,
    /// so that the work never outlives the connection it uses.
    func wait() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
