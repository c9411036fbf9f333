import Archive
import Intake
public import Matters

/// The slips a clerk issues by hand: each records its event (exactly as the same event in a record file would
/// be recorded) and files the slip the event calls for.
extension Office {
    /// 交办: issues the 《督查通知单》 of each matter and records its 交办 event; a matter already assigned gets its
    /// slip written again with its own number and date (byte for byte).
    /// - Parameters:
    ///   - ids: the matters, in this order.
    ///   - all: also every archived 督办 matter that awaits its 交办 or has had it, in the order numbers are
    ///     given: by 交办日期 (or 立项日期), then id.
    ///   - date: the 交办 date of a matter not yet assigned; by default its record's 交办日期, else today.
    /// - Returns: the slips written and, per matter that could not be assigned, why.
    public func assign(_ ids: [String], all: Bool = false, date: CivilDate? = nil) throws -> SlipRun {
        var run = SlipRun()
        var records: [(matter: Matter, log: [StoredEvent])] = []
        if all {
            records = try store.allRecords().filter {
                $0.matter.handling == .supervise
                    && ($0.log.isEmpty || $0.log.contains { $0.event.kind == .assignment }
                        || $0.log.allSatisfy { $0.event.kind == .approval })
            }.sorted {
                ($0.matter.assignedOn ?? $0.matter.registered, $0.matter.id)
                    < ($1.matter.assignedOn ?? $1.matter.registered, $1.matter.id)
            }
        }
        for id in ids {
            guard let record = try store.record(id: id) else {
                run.problems.append(Problem(place: workspace.archive, matter: id, DuchaError.unknownMatter(id: id)))
                continue
            }
            records.append(record)
        }
        for (matter, log) in records {
            do {
                let slip: IssuedSlip?
                if let assigned = log.first(where: { $0.event.kind == .assignment }) {
                    slip = try reissue(assigned, matter: matter, log: log)
                } else {
                    let day = date ?? matter.assignedOn ?? CivilDate.today()
                    guard case .added(_, let issued) = try record(.made(.assignment, matter: matter.id, date: day))
                    else { continue }
                    slip = issued
                }
                if let slip { run.slips.append(slip) }
            } catch {
                run.problems.append(Problem(place: matter.id, matter: matter.id, error))
            }
        }
        return run
    }

    /// 催办: records a 催办 by 催办单 and issues the 《督查催办单》; refused when the matter is not overdue or an
    /// extension is pending. `reportBy` is the new report date (default: the office's number of working days).
    public func remind(_ id: String, date: CivilDate, reportBy: CivilDate? = nil, note: String? = nil) throws
        -> Recorded
    {
        var fields: [(String, FieldValue)] = [("方式", .text(ReminderMethod.slip.rawValue))]
        if let reportBy { fields.append(("新报送时限", .date(reportBy))) }
        return try recordRequest(.reminder, matter: id, date: date, fields, note: note)
    }

    /// 退办: records a 审核 with the verdict 退办 and issues the 《督查退办单》 with the reason checklist ticked.
    /// - Throws: ``DuchaError/invalidRequest(_:)`` for a reason not in the checklist or no reason at all.
    public func returnReport(
        _ id: String, date: CivilDate, reasons: [String], other: String? = nil, resubmitBy: CivilDate,
        note: String? = nil
    ) throws -> Recorded {
        if let problem = Self.checkReturnReasons(reasons, other: other) { throw DuchaError.invalidRequest(problem) }
        var fields: [(String, FieldValue)] = [
            ("结论", .text(ReviewVerdict.returned.rawValue)), ("退办理由", .list(reasons.map(FieldValue.text))),
            ("重新报送时限", .date(resubmitBy)),
        ]
        if let other { fields.append(("其他理由", .text(other))) }
        return try recordRequest(.review, matter: id, date: date, fields, note: note)
    }

    /// Why a 退办's reasons are not acceptable, or `nil`: each must be on the checklist of 11(三)/12(二)/12(四),
    /// and there must be one, or an other reason.
    public static func checkReturnReasons(_ reasons: [String], other: String?) -> String? {
        let list = EventCatalogue.returnReasons
        for reason in reasons where !list.contains(reason) {
            return "退办理由“\(reason)”不在清单中（应为 \(list.joined(separator: "、")) 之一；清单外的理由写作“其他理由”，命令行用 --other）"
        }
        return reasons.isEmpty && other == nil ? "退办须写明至少一项退办理由或其他理由（命令行用 --reason 或 --other）" : nil
    }

    /// 转阅（办）: records the 转阅 of a 转阅 matter and issues the 《领导批示转阅（办）单》.
    public func transfer(
        _ id: String, date: CivilDate, mode: TransferMode = .forStudy, feedbackBy: CivilDate? = nil,
        opinion: String? = nil, note: String? = nil
    ) throws -> Recorded {
        var fields: [(String, FieldValue)] = [("转阅方式", .text(mode.rawValue)), ("需要反馈", .flag(feedbackBy != nil))]
        if let feedbackBy { fields.append(("反馈时限", .date(feedbackBy))) }
        if let opinion { fields.append(("拟办意见", .text(opinion))) }
        return try recordRequest(.transfer, matter: id, date: date, fields, note: note)
    }

    private func recordRequest(
        _ kind: EventKind, matter id: String, date: CivilDate, _ fields: [(String, FieldValue)], note: String?
    ) throws -> Recorded {
        guard try store.matter(id: id) != nil else { throw DuchaError.unknownMatter(id: id) }
        var fields = fields
        if let note { fields.append(("说明", .text(note))) }
        return try record(.made(kind, matter: id, date: date, fields))
    }
}

/// Slips issued for several matters, and why the others got none.
public struct SlipRun: Sendable {
    public var slips: [IssuedSlip] = []
    public var problems: [Problem] = []
}
