public import Archive
import Filling
public import Intake
public import Matters

/// The office at work on one archive, under its lock (see ``Workspace/write(wait:format:_:)``): records events
/// through the lifecycle, issues the slips they call for, publishes, and writes the dossier. The one place where
/// intake, lifecycle, filling, rendering and the archive meet.
public final class Office {
    public let workspace: Workspace
    /// The form slips are archived in.
    public let format: DocumentFormat
    /// The matters whose change a run that died left unfinished, finished when the archive was opened.
    public internal(set) var recovered: [String] = []
    let store: ArchiveStore
    let lifecycle: Lifecycle
    let ledger: Ledger
    private var issuers: [Form: SlipIssuer] = [:]
    /// Copies attachments in for the events to be recorded (see ``AttachmentStaging``).
    let staging: AttachmentStaging

    init(workspace: Workspace, format: DocumentFormat) {
        self.workspace = workspace
        self.format = format
        store = ArchiveStore(
            root: workspace.archive, office: workspace.profile,
            run: ArchiveRun(root: workspace.archive, threads: workspace.threads))
        lifecycle = workspace.lifecycle
        ledger = workspace.ledgerRules
        staging = AttachmentStaging(store: store)
    }

    /// Seals every bag the run changed and writes the registries that took numbers (see ``ArchiveRun``).
    func finish() throws {
        defer { staging.discard() }
        try store.run?.finish()
    }

    /// The office profile.
    public var profile: OfficeProfile { workspace.profile }

    func issuer(_ form: Form) throws -> SlipIssuer {
        if let issuer = issuers[form] { return issuer }
        let issuer = try SlipIssuer(form: form, workspace: workspace, store: store, format: format)
        issuers[form] = issuer
        return issuer
    }

    /// A matter and its event log, if archived.
    public func record(id: String) throws -> (matter: Matter, log: [StoredEvent])? { try store.record(id: id) }

    /// A matter's status now, from its log.
    public func status(_ matter: Matter, log: [StoredEvent]) throws -> MatterStatus {
        try lifecycle.fold(matter, events: log.map(\.event))
    }

    /// Records an event: refused (``LifecycleRefusal``) if the lifecycle forbids it; nothing if the same event is
    /// already in the log (so a re-run changes nothing); otherwise stored with its attachments, and its slip
    /// issued.
    @discardableResult
    public func record(_ incoming: IncomingEvent) throws -> Recorded {
        switch try prepare(incoming) {
        case .done(let recorded): return recorded
        case .write(let write): return try write.run()
        }
    }

    /// What ``prepare(_:known:)`` did of recording an event: all of it, or all but writing the slip and the log.
    enum Preparation {
        case done(Recorded)
        case write(PendingWrite)
    }

    /// Records an event as ``record(_:)`` does, up to what touches only the matter's bag: the log is read
    /// (unless `known`, as read just now), the event tried, the bag marked in the journal, the attachments
    /// filed and the slip's number given; the slip and the log are left to ``PendingWrite/run()``, which the
    /// caller runs before it reads this matter again.
    func prepare(_ incoming: IncomingEvent, known: (matter: Matter, log: [StoredEvent])? = nil) throws -> Preparation {
        let incoming = try incoming.loaded()  // an event of a large file is held in summary until now
        let id = incoming.event.matterID
        guard let (matter, log) = try known ?? store.record(id: id) else { throw DuchaError.unknownMatter(id: id) }
        var event = incoming.event
        let digests = incoming.attachments.map(\.digest)
        let before = try lifecycle.fold(matter, events: log.map(\.event))
        if let same = log.first(where: { Self.same($0, event, digests: digests) }) {
            // Already recorded; finish its slip if a run died before filing it.
            if SlipData.form(for: same.event) != nil, same.slip == nil {
                return .done(
                    try store.changing(matter) {
                        var log = log
                        let slip = try reissue(same, matter: matter, log: log)
                        log[same.sequence - 1].slip = slip?.number
                        try store.saveLog(log, of: matter, changed: [same.sequence])
                        return .added(sequence: same.sequence, slip: slip)
                    })
            }
            return .done(.unchanged)
        }
        if event.kind == .reminder && event.reminderMethod == .slip && event.date("新报送时限") == nil {
            event.values["新报送时限"] = .date(
                try lifecycle.calendar.addingWorkingDays(lifecycle.policy.reminderWorkingDays, to: event.date))
        }
        let after = try lifecycle.apply(event, to: before, of: matter)
        let staged = try staging.staged(incoming)  // already done by an intake; copied now for other callers
        return try store.changing(matter) {
            let write = try add(
                event, incoming: staged, digests: digests, to: matter, log: log, before: before, after: after)
            // Outside a run the bag is sealed when `changing` returns: written now.
            return store.run == nil ? .done(try write.run()) : .write(write)
        }
    }

    /// Stores a new event's attachments and gives its slip's number; the caller holds the journal marker.
    private func add(
        _ event: MatterEvent, incoming: IncomingEvent, digests: [String], to matter: Matter, log: [StoredEvent],
        before: MatterStatus, after: MatterStatus
    ) throws -> PendingWrite {
        var event = event
        let sequence = log.count + 1
        let paths = try store.storeAttachments(
            incoming.attachments.map { ($0.name, $0.archiveBytes) }, sequence: sequence, event: event, of: matter
        ).map(FieldValue.text)
        if !paths.isEmpty { event.values["附件"] = .list(paths) }
        var stored = StoredEvent(sequence: sequence, event: event, digests: digests)
        var slip: NumberedSlip?
        if let form = SlipData.form(for: event) {
            slip = try numberedSlip(form, for: event, matter: matter, earlier: log, before: before, after: after)
            stored.slip = slip?.number
        }
        let log = log + [stored]
        return PendingWrite(
            store: store, matter: matter, sequence: sequence,
            encoded: store.encode(log, of: matter, changed: [sequence]),
            slip: slip)
    }

    /// The slip of an event that calls for one, numbered; `earlier` is the log before the event.
    private func numberedSlip(
        _ form: Form, for event: MatterEvent, matter: Matter, earlier: [StoredEvent], before: MatterStatus,
        after: MatterStatus
    ) throws -> NumberedSlip {
        let occurrence = earlier.filter { SlipData.form(for: $0.event) == form }.count + 1
        let extra = SlipData.extra(form: form, event: event, log: earlier, before: before, after: after)
        return try issuer(form).numbered(
            for: matter, occurrence: occurrence, date: event.date, into: ArchiveStore.Folder.of(event), extra: extra)
    }

    /// Writes a recorded event's slip again (the same number, date and bytes), e.g. after a file was lost.
    public func reissue(_ stored: StoredEvent, matter: Matter, log: [StoredEvent]) throws -> IssuedSlip? {
        guard let form = SlipData.form(for: stored.event) else { return nil }
        let earlierLog = Array(log.prefix(stored.sequence - 1))
        let before = try lifecycle.fold(matter, events: earlierLog.map(\.event))
        let after = try lifecycle.apply(stored.event, to: before, of: matter)
        return try numberedSlip(
            form, for: stored.event, matter: matter, earlier: earlierLog, before: before, after: after
        ).file()
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
}

@available(*, unavailable)
extension Office: Sendable {}

/// The rest of recording a new event once its number is given and its log encoded (``Office/prepare(_:known:)``):
/// the slip filled, packaged and filed, then the log written (the event's own record and `matter.xml`). Touches
/// the matter's bag and nothing else, in the order a one-thread run does.
struct PendingWrite: Sendable {
    let store: ArchiveStore
    let matter: Matter
    /// The new event's place in the log.
    let sequence: Int
    /// The log with the new event last, encoded.
    let encoded: EncodedLog
    let slip: NumberedSlip?

    func run() throws -> Recorded {
        let issued = try slip?.file()
        try store.save(encoded, of: matter)
        return .added(sequence: sequence, slip: issued)
    }
}

/// What recording an event did.
public enum Recorded: Sendable, Equatable {
    /// Stored as the `sequence`-th event of the matter's log, with the slip it called for.
    case added(sequence: Int, slip: IssuedSlip?)
    /// The same event was already recorded; nothing changed.
    case unchanged
}

extension Recorded {
    /// The slip the event called for, when one was issued (or issued again).
    public var slip: IssuedSlip? {
        if case .added(_, let slip) = self { return slip }
        return nil
    }
}

/// A slip filed in a matter's bag: its form, number and path.
public struct IssuedSlip: Sendable, Equatable {
    public var matter: String
    public var form: Form
    public var number: DocumentNumber
    /// The archive's root and the slip's path relative to it (kept apart: a run that makes ten thousand slips
    /// holds one root, and each relative path is the registry's own string).
    var root: String
    var file: String

    /// The slip's path.
    public var path: String { "\(root)/\(file)" }
}

extension IncomingEvent {
    /// An event made by a front end (not read from a file): `file` says who made it, for messages.
    public static func made(
        _ kind: EventKind, matter: String, date: CivilDate, _ fields: [(String, FieldValue)] = [],
        by source: String = "命令行"
    ) -> IncomingEvent {
        var values = FieldRecord([("事项", .text(matter)), ("事件", .text(kind.rawValue)), ("日期", .date(date))])
        for (key, value) in fields { values[key] = value }
        return IncomingEvent(
            event: MatterEvent(kind: kind, values: values), attachments: [], file: source, location: matter)
    }
}
