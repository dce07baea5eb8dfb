import CostModel
import Foundation
import Testing

@Suite struct ConcurrentMapTests {
    /// What the tasks of one test saw, behind a lock.
    final class Record<Value>: @unchecked Sendable {  // `value` is only touched under `lock`
        private var value: Value
        private let lock = NSLock()
        init(_ value: Value) { self.value = value }
        func update(_ change: (inout Value) -> Void) { lock.withLock { change(&value) } }
        var current: Value { lock.withLock { value } }
    }

    /// Every task runs once, whatever the number of threads and tasks, and each result lands at
    /// its task's index.
    @Test(arguments: [1, 2, 3], [0, 1, 2, 7, 50])
    func everyTaskRunsOnceAndKeepsItsPlace(threads: Int, count: Int) {
        let runs = Record([Int](repeating: 0, count: count))
        let tasks = (0..<count).map { index in
            { () -> String in
                runs.update { $0[index] += 1 }
                if index % 3 == 0 { Thread.sleep(forTimeInterval: 0.001) }  // uneven lengths, so the threads interleave
                return "task \(index)"
            }
        }
        #expect(concurrentMap(tasks, threads: threads) == (0..<count).map { "task \($0)" })
        #expect(runs.current == [Int](repeating: 1, count: count))
    }

    /// With two threads, a long first task leaves all the others to the other thread.
    @Test func eachThreadTakesTheNextTaskNotYetStarted() {
        let threadOfTask = Record([Int: ObjectIdentifier]())
        let tasks = (0..<5).map { index in
            { () -> Int in
                if index == 0 { Thread.sleep(forTimeInterval: 0.3) }
                let thread = ObjectIdentifier(Thread.current)
                threadOfTask.update { $0[index] = thread }
                return index
            }
        }
        #expect(concurrentMap(tasks, threads: 2) == [0, 1, 2, 3, 4])
        let threads = threadOfTask.current
        #expect((1..<5).allSatisfy { threads[$0] == threads[1] && threads[$0] != threads[0] })
    }
}
