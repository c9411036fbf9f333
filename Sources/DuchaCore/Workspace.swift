import Archive
import Filling
import Intake
public import Matters

/// Where an office keeps its work: the archive root, the templates folder (forms, office profile, working-day
/// calendars and font aliases), and what is read from it once. Read-only questions (the ledger, verify) are
/// asked of the workspace; everything that writes goes through ``write(wait:format:_:)``, which holds the
/// archive lock.
public struct Workspace: Sendable {
    public let archive: String
    public let templates: String
    public let profile: OfficeProfile
    public let calendar: WorkingCalendar
    /// How many threads runs on this workspace use for independent work: `DUCHA_THREADS`, else the cores this
    /// process may use. One thread (or less) does everything in order on the calling thread; any number gives
    /// the same archive, byte for byte.
    public var threads: Int
    /// The pool of LibreOffice workers, shared by the copies of this workspace.
    let sharedPool = WorkspacePool()

    /// Reads the office profile (`office-profile.json`) and the calendars (`calendar/YYYY.json`).
    /// - Throws: ``DuchaError`` for a file that cannot be read or a malformed `DUCHA_THREADS`, `DiagnosticsError`
    ///   naming every bad field.
    public init(archive: String = "./Archive", templates: String = "./Templates") throws {
        self.archive = archive
        self.templates = templates
        threads = try ThreadSetting.current()
        let path = templates + "/office-profile.json"
        profile = try OfficeProfileReader.read(bytes: try Files.read(path), file: path)
        calendar = try CalendarReader.load(folder: templates + "/calendar")
    }

    /// The template of a slip: `<templates>/<单据名称>.fodt`.
    public func templatePath(for form: Form) -> String { templates + "/" + form.rawValue + ".fodt" }

    /// A file of the templates folder.
    public func templatePath(named name: String) -> String { templates + "/" + name }

    /// LibreOffice's font aliases for the official faces (`fonts.conf`).
    public var fontAliases: String { templates + "/fonts.conf" }

    /// The lifecycle under the office's policy and calendar.
    public var lifecycle: Lifecycle { Lifecycle(policy: profile.policy, calendar: calendar) }

    /// The ledger rules under the office's policy and calendar.
    public var ledgerRules: Ledger { Ledger(policy: profile.policy, calendar: calendar) }

    /// The archive, for reading.
    var store: ArchiveStore { ArchiveStore(root: archive, office: profile, threads: threads) }

    /// Opens the archive for writing: takes the lock (waiting for another run when `wait` is true, otherwise
    /// failing at once with a message that says so), finishes what a run that died left (named in
    /// ``Office/recovered``), and hands the office to `body`. The lock is released when `body` returns.
    public func write<T>(wait: Bool = false, format: DocumentFormat = .odt, _ body: (Office) throws -> T) throws -> T {
        let lock = try ArchiveLock(root: archive, wait: wait)
        defer { withExtendedLifetime(lock) {} }
        let office = Office(workspace: self, format: format)
        office.recovered = try office.store.recover()
        let result: T
        do {
            result = try body(office)
        } catch {
            // What was done is sealed; if even that fails, the journal has the next run finish it.
            try? office.finish()
            throw error
        }
        try office.finish()
        return result
    }
}

/// The two archival forms of a document: an ODF package (`.odt`) or one flat XML file (`.fodt`).
public enum DocumentFormat: String, Sendable, CaseIterable {
    case odt, fodt
}
