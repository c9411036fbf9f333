import DuchaCore
import Foundation
import Synchronization

/// Builds a year's dossier in the background, one build at a time, on a thread of its own (the work takes minutes:
/// LibreOffice lays out every document), and keeps what the current or last build is doing or did, for the page
/// to show.
final class DossierBuilder: Sendable {
    /// One build: who started it and when, the stage it is at, and how it ended.
    struct Job: Sendable {
        var year: Int
        var account: String
        var started: Date
        /// The stage now (the core's words), with its steps done and in all.
        var stage = "等待档案锁"
        var done = 0
        var total = 0
        var finished: Date?
        /// What it made, or why it failed (set when finished).
        var outcome: Outcome?

        var running: Bool { finished == nil }
    }

    enum Outcome: Sendable {
        case built(String)
        case failed(String)
    }

    private let current = Mutex<Job?>(nil)

    /// The build running now, or the last one.
    var job: Job? { current.withLock { $0 } }

    /// Starts `work` for `year` on a thread of its own, unless a build is running (then returns that one and starts
    /// nothing). `work` is told of each stage through the reporter it is given and returns what it made, in words;
    /// `ended` is called with the finished job, on the same thread.
    func start(
        year: Int, account: String, work: @escaping @Sendable (any ProgressReporter) throws -> String,
        ended: @escaping @Sendable (Job) -> Void
    ) -> Job? {
        let busy: Job? = current.withLock { job in
            if let job, job.running { return job }
            job = Job(year: year, account: account, started: Date())
            return nil
        }
        if let busy { return busy }
        Thread { [self] in
            let outcome: Outcome
            do {
                outcome = .built(try work(Reporter(builder: self)))
            } catch {
                outcome = .failed("\(error)")
            }
            let finished = current.withLock { job -> Job? in
                job?.finished = Date()
                job?.outcome = outcome
                return job
            }
            if let finished { ended(finished) }
        }.start()
        return nil
    }

    fileprivate func update(_ change: (inout Job) -> Void) {
        current.withLock { job in
            if var running = job, running.running {
                change(&running)
                job = running
            }
        }
    }
}

/// Tells the builder's job what stage the core's work is at.
private final class Reporter: ProgressReporter, Sendable {
    let builder: DossierBuilder

    init(builder: DossierBuilder) { self.builder = builder }

    func start(total: Int, label: String) {
        builder.update { job in
            job.stage = label
            job.total = total
            job.done = 0
        }
    }

    func advance() { builder.update { $0.done += 1 } }

    func finish() { builder.update { $0.done = $0.total } }
}
