import Intake
public import Matters
import ODF

/// What the quarter-end run did.
public struct BatchResult: Sendable {
    /// The records and events taken in, with their slips and problems.
    public var intake: IntakeResult
    /// The 《督查催办单》 issued for overdue matters.
    public var reminders: [IssuedSlip] = []
    /// Matters owing a report past their deadline with no extension pending.
    public var overdue = 0
    /// The quarter's bulletin, when the day ends a quarter.
    public var bulletin: Publication?
    /// Matters the chase could not look at or remind, with why.
    public var chaseProblems: [Problem] = []
    /// Why the quarter's bulletin could not be published.
    public var bulletinProblems: [Problem] = []

    /// Every slip issued, in order: the intake's, then the reminders.
    public var slips: [IssuedSlip] { intake.slips + reminders }
    /// Every problem: the intake's, the chase's and the bulletin's.
    public var problems: [Problem] { intake.problems + chaseProblems + bulletinProblems }
}

extension Office {
    /// The quarter-end run: takes in records and events (refusing events dated after `asOf`), 交办s the matters
    /// whose 交办日期 has come, issues a 《督查催办单》 for every matter overdue without a pending extension and not
    /// already chased with a report date still running, and publishes the quarter's 《西城政务督查》 when `asOf` is
    /// a quarter's last day. The same inputs again issue nothing and change no byte. Problems are collected; the
    /// rest goes on.
    public func batch(inputs: [String], asOf: CivilDate, progress: (any ProgressReporter)? = nil) throws
        -> BatchResult
    {
        var result = BatchResult(
            intake: try takeIn(files: inputs, asOf: asOf, assignDue: true, progress: progress))
        AllocatorTuning.releaseFreeMemory()
        progress?.start(total: try store.recordCount(), label: "检查逾期")
        // Matters are read and folded ahead on the office's threads and chased in order; each reminder's slip and
        // log are written while the next matter is looked at (EventRecorder.swift).
        let recorder = EventRecorder(office: self)
        let lifecycle = lifecycle
        try store.forEachRecord(
            prepare: { record in
                (record, Result { try lifecycle.fold(record.matter, events: record.log.map(\.event)) })
            },
            visit: { record, folded in
                progress?.advance()
                let (matter, log) = record
                do {
                    let status = try folded.get()
                    guard status.state.owesReport, asOf > status.deadline else { return }
                    result.overdue += 1
                    let chased = log.contains {
                        $0.event.kind == .reminder && $0.event.date > status.deadline
                            && ($0.event.date("新报送时限").map { $0 >= asOf } ?? false)
                    }
                    if chased { return }
                    let event = IncomingEvent.made(
                        .reminder, matter: matter.id, date: asOf, [("方式", .text(ReminderMethod.slip.rawValue))])
                    recorder.record(event, known: record) { outcome in
                        switch outcome {
                        case .success(.added(_, let slip?)): result.reminders.append(slip)
                        case .success: break
                        case .failure(let error):
                            result.chaseProblems.append(Problem(place: matter.id, matter: matter.id, error))
                        }
                    }
                } catch {
                    recorder.then { result.chaseProblems.append(Problem(place: matter.id, matter: matter.id, error)) }
                }
            })
        recorder.finish()
        progress?.finish()
        // The matters' bags are done: sealed now (still marked until the run ends), so that what the run held to
        // seal them, and the memory the stages before freed, are given up before the bulletin is made.
        try store.run?.sealChanged()
        AllocatorTuning.releaseFreeMemory()
        do {
            if let quarter = ReportPeriod.quarter(endingOn: asOf) {
                result.bulletin = try BulletinPublisher(office: self).publish(quarter).publication
            }
        } catch {
            result.bulletinProblems.append(Problem(place: "《\(profile.publications.title)》", error))
        }
        return result
    }
}
