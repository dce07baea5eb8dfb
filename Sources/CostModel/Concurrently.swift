import Foundation

/// Runs `first` on a thread of its own and `second` on the caller's, and returns both results
/// once both have finished (also when one failed: `first` never outlives the call). The report
/// uses it where two independent parts take seconds on a 2-core machine: its two connections'
/// queries, the current and previous windows' attribution, the two halves of a window's charges.
public func concurrently<A, B, Failure: Error>(
    _ first: @escaping () throws(Failure) -> A, _ second: () throws(Failure) -> B
) throws(Failure) -> (A, B) {
    let background = Handoff(computing: first)
    let secondResult = Result { () throws(Failure) -> B in try second() }
    return (try background.wait(), try secondResult.get())
}

/// A value one thread hands to another: `wait()` blocks until `fulfil(_:)` (once), then returns
/// the value or throws its error to every caller.
public final class Handoff<Value, Failure: Error>: @unchecked Sendable {
    // Written once before `ready` is signalled, read after; `work` is the computing thread's.
    private var result: Result<Value, Failure>?
    private var work: (() throws(Failure) -> Value)?
    private let ready = DispatchSemaphore(value: 0)

    public init() {}

    /// A value already there.
    public convenience init(_ value: Value) {
        self.init()
        fulfil(.success(value))
    }

    /// The result of `work`, computed on a thread of its own.
    public convenience init(computing work: @escaping () throws(Failure) -> Value) {
        self.init()
        self.work = work
        let thread = Thread { self.compute() }
        thread.stackSize = 8 << 20  // the main thread's 8 MiB (a secondary thread's default can be smaller)
        thread.start()
    }

    private func compute() {
        let work = self.work!
        self.work = nil
        fulfil(Result { () throws(Failure) -> Value in try work() })
    }

    public func fulfil(_ result: Result<Value, Failure>) {
        self.result = result
        ready.signal()
    }

    public func wait() throws(Failure) -> Value {
        ready.wait()
        ready.signal()  // for the next caller
        return try result!.get()
    }
}
