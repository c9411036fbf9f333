public import Archive
public import Matters

/// Why a service could not do what it was asked, worded for the user (the words a front end shows as they are).
/// Lifecycle refusals (``LifecycleRefusal``), archive failures (``ArchiveError``) and record-file problems
/// (`DiagnosticsError`) are thrown as themselves.
public enum DuchaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file that does not exist or cannot be read.
    case unreadable(path: String)
    /// No matter with this id is archived.
    case unknownMatter(id: String)
    /// A template did not fill: each problem worded by the template engine.
    case fillFailed(document: String, problems: [String])
    /// The request itself is wrong (an option or value out of range), worded for the user.
    case invalidRequest(String)
    /// LibreOffice is missing or did not convert.
    case conversionFailed(String)

    public var description: String { MessageText.escaped(text) }

    private var text: String {
        switch self {
        case .unreadable(let path): return "无法读取文件：\(path)"
        case .unknownMatter(let id): return "档案中没有事项 \(id)（先用 ducha intake 登记事项记录）"
        case .fillFailed(let document, let problems): return "\(document)填写有误：" + problems.joined(separator: "；")
        case .invalidRequest(let message), .conversionFailed(let message): return message
        }
    }
}

/// One thing that went wrong in a job that goes on past it (intake, the batch), kept as a value so that a
/// front end can show it beside its field or matter: where (the file and record, or the matter) and why.
public struct Problem: Sendable, CustomStringConvertible {
    /// Why, with its structure.
    public enum Cause: Sendable {
        /// A field of a record file (file, row, field, expectation).
        case diagnostic(Diagnostic)
        /// An event dated after the run's cut-off day (the batch's `asOf`), not recorded.
        case afterCutoff(date: CivilDate, cutoff: CivilDate)
        /// The lifecycle forbids the event.
        case refusal(LifecycleRefusal)
        /// The archive could not be read or written.
        case archive(ArchiveError)
        /// Anything else, worded for the user.
        case other(String)

        init(_ error: any Error) {
            switch error {
            case let refusal as LifecycleRefusal: self = .refusal(refusal)
            case let failure as ArchiveError: self = .archive(failure)
            default: self = .other("\(error)")
            }
        }

        var text: String {
            switch self {
            case .diagnostic(let d): return d.description
            case .afterCutoff(let date, let cutoff): return "事件日期 \(date.iso) 晚于截至日期 \(cutoff.iso)（--as-of），未记录"
            case .refusal(let r): return r.description
            case .archive(let a): return a.description
            case .other(let s): return s
            }
        }
    }

    /// Where, as the user reads it (`文件:记录 3（第 12 行）:事件“催办”`, a matter's id, a publication); empty when
    /// the cause names its place itself (a diagnostic).
    public var place: String
    /// The matter concerned, when known.
    public var matter: String?
    /// The record file concerned, when known (as the user named it).
    public var file: String?
    public var cause: Cause

    public init(place: String = "", matter: String? = nil, file: String? = nil, cause: Cause) {
        self.place = place
        self.matter = matter
        self.file = file
        self.cause = cause
    }

    init(place: String = "", matter: String? = nil, file: String? = nil, _ error: any Error) {
        self.init(place: place, matter: matter, file: file, cause: Cause(error))
    }

    /// The diagnostic, when the problem is a field of a record file.
    public var diagnostic: Diagnostic? {
        if case .diagnostic(let d) = cause { return d }
        return nil
    }

    /// The lifecycle's refusal, when the problem is an event the lifecycle forbids.
    public var refusal: LifecycleRefusal? {
        if case .refusal(let r) = cause { return r }
        return nil
    }

    /// The place and the cause, with control and format characters of the input escaped.
    public var description: String { MessageText.escaped(place.isEmpty ? cause.text : place + ": " + cause.text) }
}
