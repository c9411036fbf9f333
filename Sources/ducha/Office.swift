import Archive
import Crypto
import Filling
import Intake
import Matters

/// The office at work on one archive: records events through the lifecycle, issues the slips they call
/// for, and answers ledger questions. The one place where intake, lifecycle, filling, rendering and the
/// archive meet.
final class Office {
    let store: ArchiveStore
    let lifecycle: Lifecycle
    let ledger: Ledger
    let templates: TemplateOptions
    let format: OutputFormat
    private var issuers: [Form: SlipIssuer] = [:]

    init(archive: String, templates: TemplateOptions, format: OutputFormat = .odt) throws {
        let office = try templates.officeProfile()
        store = ArchiveStore(root: archive, office: office)
        let calendar = try templates.calendar()
        lifecycle = Lifecycle(policy: office.policy, calendar: calendar)
        ledger = Ledger(policy: office.policy, calendar: calendar)
        self.templates = templates
        self.format = format
    }

    func issuer(_ form: Form) throws -> SlipIssuer {
        if let issuer = issuers[form] { return issuer }
        let issuer = try SlipIssuer(form: form, templates: templates, store: store, format: format)
        issuers[form] = issuer
        return issuer
    }

    enum Outcome {
        case added(sequence: Int, slip: (number: DocumentNumber, path: String)?)
        case unchanged
    }

    /// Records an event: refused if the lifecycle forbids it; nothing if the same event is already in the
    /// log (so a re-run changes nothing); otherwise stored with its attachments, and its slip issued.
    @discardableResult
    func record(_ incoming: IncomingEvent) throws -> Outcome {
        let id = incoming.event.matterID
        guard let (matter, log) = try store.record(id: id) else {
            throw CommandFailure(message: "档案中没有事项 \(id)（先用 ducha intake 登记事项记录）")
        }
        var event = incoming.event
        let digests = incoming.attachments.map { Bag.sha256($0.bytes) }
        let before = try lifecycle.fold(matter, events: log.map(\.event))
        if let same = log.first(where: { Self.same($0, event, digests: digests) }) {
            // Already recorded; finish its slip if a run died before filing it.
            if SlipData.form(for: same.event) != nil, same.slip == nil {
                return try store.changing(matter) {
                    var log = log
                    let slip = try reissue(same, matter: matter, log: log)
                    log[same.sequence - 1].slip = slip?.number
                    try store.saveLog(log, of: matter)
                    return .added(sequence: same.sequence, slip: slip)
                }
            }
            return .unchanged
        }
        if event.kind == .reminder && event.text("方式") == "催办单" && event.date("新报送时限") == nil {
            event.values["新报送时限"] = .date(
                try lifecycle.calendar.addingWorkingDays(lifecycle.policy.reminderWorkingDays, to: event.date))
        }
        let after = try lifecycle.apply(event, to: before, of: matter)
        return try store.changing(matter) {
            try add(event, incoming: incoming, digests: digests, to: matter, log: log, before: before, after: after)
        }
    }

    /// Stores a new event (attachments, slip, records); the caller holds the journal marker.
    private func add(
        _ event: MatterEvent, incoming: IncomingEvent, digests: [String], to matter: Matter, log: [StoredEvent],
        before: MatterStatus, after: MatterStatus
    ) throws -> Outcome {
        var event = event
        let sequence = log.count + 1
        var paths: [FieldValue] = []
        for attachment in incoming.attachments {
            paths.append(
                .text(
                    try store.storeAttachment(
                        attachment.bytes, name: attachment.name, sequence: sequence, event: event, of: matter)))
        }
        if !paths.isEmpty { event.values["附件"] = .list(paths) }
        var stored = StoredEvent(sequence: sequence, event: event, digests: digests)
        var slip: (number: DocumentNumber, path: String)?
        if let form = SlipData.form(for: event) {
            slip = try issueSlip(form, for: event, matter: matter, earlier: log, before: before, after: after)
            stored.slip = slip?.number
        }
        try store.saveLog(log + [stored], of: matter)
        return .added(sequence: sequence, slip: slip)
    }

    /// Issues the slip of an event that calls for one; `earlier` is the log before the event.
    private func issueSlip(
        _ form: Form, for event: MatterEvent, matter: Matter, earlier: [StoredEvent], before: MatterStatus,
        after: MatterStatus
    ) throws -> (number: DocumentNumber, path: String) {
        let occurrence = earlier.filter { SlipData.form(for: $0.event) == form }.count + 1
        let extra = SlipData.extra(form: form, event: event, log: earlier, before: before, after: after)
        return try issuer(form).issue(
            for: matter, occurrence: occurrence, date: event.date, into: ArchiveStore.Folder.of(event), extra: extra)
    }

    /// Writes a recorded event's slip again (the same number, date and bytes), e.g. after a file was lost.
    func reissue(_ stored: StoredEvent, matter: Matter, log: [StoredEvent]) throws -> (
        number: DocumentNumber, path: String
    )? {
        guard let form = SlipData.form(for: stored.event) else { return nil }
        let earlierLog = Array(log.prefix(stored.sequence - 1))
        let before = try lifecycle.fold(matter, events: earlierLog.map(\.event))
        let after = try lifecycle.apply(stored.event, to: before, of: matter)
        return try issueSlip(form, for: stored.event, matter: matter, earlier: earlierLog, before: before, after: after)
    }

    /// Whether a stored event is the same as an incoming one (attachments compared by content).
    static func same(_ stored: StoredEvent, _ event: MatterEvent, digests: [String]) -> Bool {
        guard stored.event.kind == event.kind, stored.digests == digests else { return false }
        var a = stored.event.values
        var b = event.values
        a["附件"] = nil
        b["附件"] = nil
        if event.kind == .reminder && b["新报送时限"] == nil { a["新报送时限"] = nil }
        return a == b
    }

    /// A matter's status now, from its log.
    func status(_ matter: Matter, log: [StoredEvent]) throws -> MatterStatus {
        try lifecycle.fold(matter, events: log.map(\.event))
    }

    /// An event made by a command (not read from a file).
    static func event(_ kind: EventKind, matter: String, date: CivilDate, _ fields: [(String, FieldValue)] = [])
        -> IncomingEvent
    {
        var values = FieldRecord([("事项", .text(matter)), ("事件", .text(kind.rawValue)), ("日期", .date(date))])
        for (key, value) in fields { values[key] = value }
        return IncomingEvent(
            event: MatterEvent(kind: kind, values: values), attachments: [], file: "命令行", location: matter)
    }
}
