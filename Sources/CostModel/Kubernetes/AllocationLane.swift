import Foundation

/// A `NodeDayAllocator` on a thread of its own: `ContainerAllocator` hands it the node-days of
/// its share of the nodes, in the order they come, and takes its state back after the last row
/// (`finish`). At most `maximumPending` node-days wait, so memory stays flat when the thread
/// falls behind. Dropping the lane without `finish` still ends its thread (after the days handed
/// over so far).
final class AllocationLane {
    typealias Work = NodeDayRows
    static let maximumPending = 64

    private let worker: Worker
    /// The allocator's state, returned by the thread once the queue is closed and empty.
    private let state: Handoff<NodeDayAllocator, Never>

    init(_ allocator: NodeDayAllocator) {
        let worker = Worker(allocator)
        self.worker = worker
        state = Handoff(computing: worker.run)
    }

    deinit { worker.close() }

    /// Queues one node-day (waits while `maximumPending` are queued).
    func allocate(_ work: Work) { worker.submit(work) }

    /// The lane's state once every queued node-day is allocated.
    func finish() -> NodeDayAllocator {
        worker.close()
        return state.wait()
    }

    /// The queue and the thread's loop, shared by the lane and its thread.
    private final class Worker: @unchecked Sendable {
        // `pending` and `closed` are guarded by `condition`; `allocator` is the thread's.
        private var allocator: NodeDayAllocator
        private var pending: [Work] = []
        private var closed = false
        private let condition = NSCondition()

        init(_ allocator: NodeDayAllocator) { self.allocator = allocator }

        func submit(_ work: Work) {
            condition.lock()
            while pending.count >= AllocationLane.maximumPending { condition.wait() }
            pending.append(work)
            condition.broadcast()
            condition.unlock()
        }

        func close() {
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }

        /// Allocates the queued node-days until the queue is closed and empty; returns the state.
        func run() -> NodeDayAllocator {
            while true {
                condition.lock()
                while pending.isEmpty && !closed { condition.wait() }
                let batch = pending
                pending.removeAll(keepingCapacity: true)
                let finished = closed && batch.isEmpty
                condition.broadcast()
                condition.unlock()
                if finished { break }
                for work in batch { allocator.allocate(work) }
            }
            return allocator
        }
    }
}
