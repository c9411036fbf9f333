public import Matters

/// An event read from a file, with its attachments.
public struct IncomingEvent: Sendable {
    /// The event. Of an event read from a large file in summary (``fullRecord`` set) this holds its 事项, 事件 and
    /// 日期 only, enough to order and group it; ``loaded()`` reads the rest.
    public var event: MatterEvent
    /// The attachments, in the order of `附件`; the same bytes under the same name are one.
    public var attachments: [Attachment]
    /// The file it came from and where, for messages.
    public var file: String
    public var location: String {
        get {
            switch place {
            case .text(let text): return text
            case .record(let index, let line): return Self.location(record: index, line: line)
            }
        }
        set { place = .text(newValue) }
    }
    /// Where the full record is, while ``event`` is a summary of it.
    public internal(set) var fullRecord: EventSource?
    /// ``location``, kept as two numbers for a record of a file (a year of events is held at once) and worded
    /// when asked.
    private var place: Place

    private enum Place: Sendable {
        case text(String)
        case record(index: Int, line: Int)
    }

    public init(event: MatterEvent, attachments: [Attachment], file: String, location: String) {
        self.event = event
        self.attachments = attachments
        self.file = file
        self.place = .text(location)
    }

    /// Where a file's `index`-th record (from 1), which starts on `line`, is: `记录 3（第 12 行）`.
    static func location(record index: Int, line: Int) -> String { "记录 \(index)（第 \(line) 行）" }

    /// The event of a file's `index`-th record (from 1), which starts on `line`.
    init(event: MatterEvent, attachments: [Attachment], file: String, record index: Int, line: Int) {
        self.event = event
        self.attachments = attachments
        self.file = file
        self.place = .record(index: index, line: line)
    }
}

/// Reads event records (JSON; many per file): every problem of every record, each with file, record and
/// field, like matter records. A file is read as a stream, one record at a time; its attachments are checked —
/// name, type, place, existence, kind and size — and taken in (``AttachmentLoader``) while it is read, so that
/// an event file with any problem is refused before anything of it is recorded.
public enum EventReader {
    /// Attachments Ducha takes into a bag (BRIEF §1.2: reports, scans, photos, documents).
    public static let attachmentTypes = [
        "pdf", "png", "jpg", "jpeg", "gif", "tif", "tiff", "odt", "ods", "fodt", "ofd",
    ]
    /// The largest attachment taken in.
    public static let maxAttachmentBytes = 100 * 1024 * 1024
    /// The longest attachment file name, in UTF-8 bytes (66 Chinese characters): with the bag's prefix
    /// (`007-附件-`) the name stays within the 255 bytes file systems allow.
    public static let maxAttachmentNameBytes = 200

    public struct Result: Sendable {
        public var events: [IncomingEvent] = []
        public var diagnostics: [Diagnostic] = []
        public var filesWithErrors: Set<String> = []
    }

    /// Reads event files given as (name, bytes). `load` reads an attachment named by a path relative to the
    /// event file's folder (nil when it cannot be read); its bytes are held in memory.
    public static func read(files: [(name: String, bytes: [UInt8])], load: (String) -> [UInt8]?) -> Result {
        read(files: files) { request in
            guard let bytes = load(request.folder + "/" + request.path) else { return .failure(.unreadable(nil)) }
            guard bytes.count <= request.limit else {
                return .failure(.tooLarge(size: bytes.count, limit: request.limit))
            }
            return .success(request.take ? .bytes(bytes) : nil)
        }
    }

    /// Reads event files given as (name, bytes), taking attachments in through `attachments`.
    public static func read(files: [(name: String, bytes: [UInt8])], attachments: AttachmentLoader) -> Result {
        var result = Result()
        for (name, bytes) in files {
            let (events, diagnostics) = read(name, source: bytes, attachments: attachments)
            result.diagnostics += diagnostics.diagnostics
            if diagnostics.hasErrors {
                result.filesWithErrors.insert(name)
            } else {
                result.events += events
            }
        }
        return result
    }

    /// Reads one event file as a stream: its events (none when it has an error) and its problems.
    /// - Parameter summarised: keep of each event only its matter, kind and date, and where to read it again in
    ///   full (``IncomingEvent/loaded()``), so that a large file's events cost a few dozen bytes each until they
    ///   are recorded one by one.
    public static func read(
        _ name: String, source: any ByteSource, attachments load: AttachmentLoader, summarised: Bool = false
    ) -> (events: [IncomingEvent], diagnostics: FileDiagnostics) {
        var diagnostics = FileDiagnostics(file: name)
        var events: [IncomingEvent] = []
        let folder = name.lastIndex(of: "/").map { $0 == name.startIndex ? "/" : String(name[..<$0]) } ?? "."
        let failure = RecordFile.forEach(name: name, source: source, wrapper: "事件", kind: "事件") { record, index in
            let node = record.node
            let location = IncomingEvent.location(record: index + 1, line: node.line)
            var decoder = FieldDecoder(file: name, location: location)
            defer { diagnostics.add(contentsOf: decoder.diagnostics) }
            guard let event = decode(node, decoder: &decoder) else { return }
            // Once the file is refused anyway, its attachments are only checked, not copied.
            let refused = diagnostics.hasErrors || decoder.diagnostics.contains { $0.severity == .error }
            let attachments = take(event.values, from: folder, decoder: &decoder, load: load, copying: !refused)
            if decoder.diagnostics.contains(where: { $0.severity == .error }) {
                events.removeAll()  // nothing of a file with an error is taken; its later records are still checked
            } else if !diagnostics.hasErrors {
                var incoming = IncomingEvent(
                    event: event, attachments: attachments, file: name, record: index + 1, line: node.line)
                if summarised {
                    incoming.summarise(
                        EventSource(
                            source: source, offset: record.offset, length: record.length, line: node.line,
                            fingerprint: record.fingerprint))
                }
                events.append(incoming)
            }
        }
        if let failure {
            diagnostics = FileDiagnostics(file: name)
            diagnostics.add(failure)
        }
        return (diagnostics.hasErrors ? [] : events, diagnostics)
    }

    /// The event a record holds, checked against the catalogue and the rules that tie its fields together; nil
    /// (with the reason in `decoder`) when it names no event.
    static func decode(_ node: JSONNode, decoder: inout FieldDecoder) -> MatterEvent? {
        guard let kind = kindOf(node, decoder: &decoder) else { return nil }
        let values = decoder.decodeRecord(node, fields: EventCatalogue.allFields(of: kind))
        check(values, kind: kind, decoder: &decoder)
        reportBlankAttachments(node, decoder: &decoder)
        return MatterEvent(kind: kind, values: values)
    }

    /// `附件` of an event: each path checked (type, place, name length) and taken in through `load` — only
    /// checked once the event has an error, or when not `copying`; the same bytes under the same name are kept
    /// once.
    private static func take(
        _ values: FieldRecord, from folder: String, decoder: inout FieldDecoder, load: AttachmentLoader, copying: Bool
    ) -> [Attachment] {
        var attachments: [Attachment] = []
        for (i, path) in (values["附件"]?.list?.compactMap(\.text) ?? []).enumerated() {
            let field = "附件[\(i + 1)]"
            guard !path.allSatisfy(\.isWhitespace) else { continue }  // reported with the record's own node
            let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard attachmentTypes.contains(ext) else {
                decoder.report(field, "不收此类文件“\(path)”", expecting: attachmentTypes.joined(separator: "、") + " 文件")
                continue
            }
            guard let names = attachmentComponents(path) else {
                decoder.report(field, "附件路径“\(path)”不能是绝对路径或含 ..", expecting: "相对于记录文件所在文件夹的路径")
                continue
            }
            let name = names[names.count - 1]
            guard name.utf8.count <= maxAttachmentNameBytes else {
                decoder.report(
                    field, "附件文件名过长：\(name.utf8.count) 字节“\(name)”",
                    expecting: "不超过 \(maxAttachmentNameBytes) 字节（约 \(maxAttachmentNameBytes / 3) 个汉字）的文件名")
                continue
            }
            let take = copying && !decoder.diagnostics.contains { $0.severity == .error }
            switch load(AttachmentRequest(folder: folder, path: path, limit: maxAttachmentBytes, take: take)) {
            case .failure(let refusal):
                let (problem, expectation) = refusal.message(path: path)
                decoder.report(field, problem, expecting: expectation)
            case .success(nil): break
            case .success(let content?):
                let attachment = Attachment(name: name, path: path, content: content)
                if !attachments.contains(where: { $0.name == name && $0.hasSameBytes(as: attachment) }) {
                    attachments.append(attachment)
                }
            }
        }
        return attachments
    }

    /// Whether a JSON record file holds events rather than matters: its records come under `事件`, or its first
    /// record has an `事件` field. Reads the first record only.
    public static func holdsEvents(_ source: any ByteSource) -> Bool {
        var stream = RecordStream(source: source, wrapper: "事件")
        let first: RecordStream.Record?
        do {
            first = try stream.next()
        } catch {
            return false
        }
        if stream.isWrapped { return true }
        guard case .object(let members)? = first?.node.value else { return false }
        return members.contains { $0.key == "事件" }
    }

    /// The names of an attachment's path inside the event file's folder; nil when it is absolute or has `..`.
    static func attachmentComponents(_ path: String) -> [String]? {
        guard !path.hasPrefix("/") else { return nil }
        let names = path.split(separator: "/").map(String.init).filter { $0 != "." }
        guard !names.isEmpty, !names.contains("..") else { return nil }
        return names
    }

    /// An empty name in `附件` names no file: it is an error, not a name to drop.
    private static func reportBlankAttachments(_ node: JSONNode, decoder: inout FieldDecoder) {
        guard case .object(let members) = node.value,
            case .array(let items)? = members.first(where: { $0.key == "附件" })?.value.value
        else { return }
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item.value, s.allSatisfy(\.isWhitespace) else { continue }
            decoder.report("附件[\(i + 1)]", "附件文件名为空（第 \(item.line) 行）", expecting: "相对于记录文件所在文件夹的文件路径")
        }
    }

    private static func kindOf(_ node: JSONNode, decoder: inout FieldDecoder) -> EventKind? {
        guard case .object(let members) = node.value else {
            decoder.report("", "类型不对：是\(node.typeName)", expecting: "事件记录对象")
            return nil
        }
        guard let member = members.first(where: { $0.key == "事件" }) else {
            decoder.report("事件", "缺少必填字段“事件”", expecting: EventCatalogue.common.spec("事件")!.type.expectation)
            return nil
        }
        guard case .string(let name) = member.value.value, let kind = EventKind(rawValue: name) else {
            decoder.report(
                "事件", "不是可记录的事件（第 \(member.value.line) 行）",
                expecting: EventCatalogue.common.spec("事件")!.type.expectation)
            return nil
        }
        return kind
    }

    /// Rules that tie an event's fields together; the lifecycle checks the rest against the matter.
    private static func check(_ values: FieldRecord, kind: EventKind, decoder: inout FieldDecoder) {
        switch kind {
        case .transfer where values["需要反馈"] == .flag(true) && values["反馈时限"] == nil:
            decoder.report("反馈时限", "需要反馈的转阅（办）须写明反馈时限", expecting: "日期")
        case .review where values["结论"]?.text == ReviewVerdict.returned.rawValue:
            if values["重新报送时限"] == nil { decoder.report("重新报送时限", "退办须写明重新报送时限", expecting: "日期") }
            if (values["退办理由"]?.list ?? []).isEmpty && values["其他理由"] == nil {
                decoder.report(
                    "退办理由", "退办须写明至少一项退办理由或其他理由", expecting: FieldType.choice(EventCatalogue.returnReasons).expectation)
            }
        case .extensionDecision where values["结论"]?.text == "同意" && values["新时限"] == nil:
            decoder.report("新时限", "同意延期须写明新时限", expecting: "日期")
        case .adjustment where values["阶段"]?.text == "批复" && values["结论"] == nil:
            decoder.report("结论", "批复须写明结论", expecting: "“同意”或“不同意”")
        case .adjustment
        where values["阶段"]?.text == "批复" && values["结论"]?.text == "同意" && values["方式"]?.text == "置换"
            && values["替代事项"] == nil:
            decoder.report("替代事项", "同意置换须写明替代事项的编号", expecting: FieldType.identifier.expectation)
        case .reminder where values["方式"]?.text == "电话" && values["接话人"] == nil:
            decoder.report("接话人", "电话催办须记录接话人", expecting: "姓名")
        default: break
        }
    }
}
