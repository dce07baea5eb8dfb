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

/// Drops the caller's reference to `value` on a thread of its own, where the value is freed (when
/// no other reference holds it) while the caller goes on: the report's loaded rows.
public func releaseInBackground<T>(_ value: consuming T) {
    _ = Handoff<Void, Never>(computing: { [value] in withExtendedLifetime(value) {} })
}

/// Runs `tasks` on `threads` threads (the caller's and `threads - 1` of their own), each thread
/// taking the next task not yet started, and returns the results in the tasks' order. Listing the
/// longest tasks first keeps the threads' shares even. The report renders its files this way.
public func concurrentMap<T>(_ tasks: [() -> T], threads: Int = 2) -> [T] {
    let queue = TaskQueue(tasks)
    let helpers = (1..<max(threads, 1)).map { _ in Handoff(computing: queue.run) }
    queue.run()
    helpers.forEach { $0.wait() }
    return queue.results()
}

/// The tasks of one `concurrentMap`, and their results, behind a lock.
private final class TaskQueue<T>: @unchecked Sendable {  // every field is read and written under `lock`
    private let tasks: [() -> T]
    private var next = 0
    private var finished: [T?]
    private let lock = NSLock()

    init(_ tasks: [() -> T]) {
        self.tasks = tasks
        finished = Array(repeating: nil, count: tasks.count)
    }

    /// Runs tasks until none is left.
    func run() {
        while let index = take() {
            let result = tasks[index]()
            lock.withLock { finished[index] = result }
        }
    }

    private func take() -> Int? {
        lock.withLock {
            guard next < tasks.count else { return nil }
            next += 1
            return next - 1
        }
    }

    func results() -> [T] { lock.withLock { finished.map { $0! } } }
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
