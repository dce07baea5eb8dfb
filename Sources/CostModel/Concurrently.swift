import Foundation

/// Runs `first` on a thread of its own and `second` on the caller's, and returns both results
/// once both have finished (also when one failed: `first` never outlives the call). The report
/// uses it where two independent parts take seconds on a 2-core machine: its two connections'
/// queries, the current and previous windows' attribution, the attribution and the findings.
public func concurrently<A, B, Failure: Error>(
    _ first: @escaping () throws(Failure) -> A, _ second: () throws(Failure) -> B
) throws(Failure) -> (A, B) {
    let background = BackgroundResult(first)
    let thread = Thread { background.run() }
    thread.stackSize = 8 << 20  // the main thread's 8 MiB (a secondary thread's default can be smaller)
    thread.start()
    let secondResult = Result { () throws(Failure) -> B in try second() }
    let firstResult = background.wait()
    return (try firstResult.get(), try secondResult.get())
}

/// The work of `concurrently`'s thread and its result, handed over through a semaphore.
private final class BackgroundResult<Value, Failure: Error>: @unchecked Sendable {
    // Written by the thread before `done` is signalled, read after `wait()` returns.
    private var work: (() throws(Failure) -> Value)?
    private var result: Result<Value, Failure>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping () throws(Failure) -> Value) { self.work = work }

    func run() {
        let work = self.work!
        result = Result { () throws(Failure) -> Value in try work() }
        self.work = nil
        done.signal()
    }

    func wait() -> Result<Value, Failure> {
        done.wait()
        return result!
    }
}

/// A value one thread hands to another: `wait()` blocks until `fulfil(_:)` (once), then returns
/// the value or throws its error to every caller.
public final class Handoff<Value>: @unchecked Sendable {
    // Written once before `ready` is signalled, read after.
    private var result: Result<Value, any Error>?
    private let ready = DispatchSemaphore(value: 0)

    public init() {}

    /// A value already there.
    public convenience init(_ value: Value) {
        self.init()
        fulfil(.success(value))
    }

    /// The result of `work`, computed on a thread of its own.
    public convenience init(computing work: @escaping @Sendable () throws -> Value) {
        self.init()
        Thread { self.fulfil(Result { try work() }) }.start()
    }

    public func fulfil(_ result: Result<Value, any Error>) {
        self.result = result
        ready.signal()
    }

    public func wait() throws -> Value {
        ready.wait()
        ready.signal()  // for the next caller
        return try result!.get()
    }
}
