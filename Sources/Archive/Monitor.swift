import Glibc

/// State shared between threads, behind a POSIX mutex with a condition variable: ``update(_:wakingIf:)``
/// changes it, ``wait(until:then:wakingIf:)`` sleeps until the state is ready for what it does. A change wakes
/// the waiting threads only when `wakingIf` says it may have made one of them ready, so that threads handing
/// work to each other sleep and wake in bursts, not once per item (on a machine whose cores are busy with other
/// work, every wake-up waits for a core). The threads of a ``Parallel`` run and of ``KeyedWorkers`` meet
/// here, and nowhere else.
final class Monitor<State>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var state: State

    init(_ state: State) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` on the state under the lock, then wakes every waiting thread if `wakingIf` holds.
    func update<Result, Failure: Error>(
        _ body: (inout State) throws(Failure) -> Result, wakingIf wake: (State) -> Bool = { _ in true }
    ) throws(Failure) -> Result {
        try wait(until: { _ in true }, then: body, wakingIf: wake)
    }

    /// Sleeps until `ready` holds of the state, then runs `body` on it under the lock and wakes every waiting
    /// thread if `wakingIf` holds.
    func wait<Result, Failure: Error>(
        until ready: (State) -> Bool, then body: (inout State) throws(Failure) -> Result,
        wakingIf wake: (State) -> Bool = { _ in true }
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        var woken = false
        defer {
            woken = wake(state)
            pthread_mutex_unlock(mutex)
            // After the unlock, so that a woken thread does not sleep again at once on the lock this one holds.
            if woken { pthread_cond_broadcast(condition) }
        }
        while !ready(state) { pthread_cond_wait(condition, mutex) }
        return try body(&state)
    }
}

/// A thread of its own (not one of a shared pool, where a job that waits for another could starve it), started
/// at once; ``join()`` waits for its end.
final class WorkerThread {
    private var thread: pthread_t?

    /// Starts `body` on a new thread; nil when the system would not start one (the caller then does the work
    /// itself).
    init?(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        guard started == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return nil
        }
        self.thread = thread
    }

    /// Waits until the thread's body has returned (once; later calls return at once).
    func join() {
        guard let thread else { return }
        pthread_join(thread, nil)
        self.thread = nil
    }

    deinit { join() }

    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
