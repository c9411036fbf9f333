public import Matters

/// An event read from a file, with the bytes of its attachments.
public struct IncomingEvent: Sendable {
    public var event: MatterEvent
    /// Each attachment's file name and bytes, in the order of `附件`.
    public var attachments: [(name: String, bytes: [UInt8])]
    /// The file it came from and where, for messages.
    public var file: String
    public var location: String

    public init(event: MatterEvent, attachments: [(name: String, bytes: [UInt8])], file: String, location: String) {
        self.event = event
        self.attachments = attachments
        self.file = file
        self.location = location
    }
}

/// Reads event records (JSON; many per file): every problem of every record, each with file, record and
/// field, like matter records.
public enum EventReader {
    /// Attachments Ducha takes into a bag (BRIEF §1.2: reports, scans, photos, documents).
    public static let attachmentTypes = [
        "pdf", "png", "jpg", "jpeg", "gif", "tif", "tiff", "odt", "ods", "fodt", "ofd",
    ]
    /// The largest attachment taken in.
    public static let maxAttachmentBytes = 100 * 1024 * 1024

    public struct Result: Sendable {
        public var events: [IncomingEvent] = []
        public var diagnostics: [Diagnostic] = []
        public var filesWithErrors: Set<String> = []
    }

    /// Reads event files given as (name, bytes). `load` reads an attachment named by a path relative to the
    /// event file's folder (nil when it cannot be read).
    public static func read(files: [(name: String, bytes: [UInt8])], load: (String) -> [UInt8]?) -> Result {
        var result = Result()
        for (name, bytes) in files {
            let records: [JSONNode]
            switch RecordFile.records(name: name, bytes: bytes, wrapper: "事件", kind: "事件") {
            case .success(let items): records = items
            case .failure(let problem):
                result.diagnostics.append(problem.diagnostic)
                result.filesWithErrors.insert(name)
                continue
            }
            let folder = name.lastIndex(of: "/").map { String(name[..<$0]) } ?? "."
            var fileEvents: [IncomingEvent] = []
            for (index, node) in records.enumerated() {
                let location = "记录 \(index + 1)（第 \(node.line) 行）"
                var decoder = FieldDecoder(file: name, location: location)
                guard let kind = kindOf(node, decoder: &decoder) else {
                    result.diagnostics.append(contentsOf: decoder.diagnostics)
                    result.filesWithErrors.insert(name)
                    continue
                }
                let values = decoder.decodeRecord(node, fields: EventCatalogue.allFields(of: kind))
                check(values, kind: kind, decoder: &decoder)
                var attachments: [(name: String, bytes: [UInt8])] = []
                for (i, path) in (values["附件"]?.list?.compactMap(\.text) ?? []).enumerated() {
                    let field = "附件[\(i + 1)]"
                    let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
                    guard attachmentTypes.contains(ext) else {
                        decoder.report(
                            field, "不收此类文件“\(path)”", expecting: attachmentTypes.joined(separator: "、") + " 文件")
                        continue
                    }
                    guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                        decoder.report(field, "附件路径“\(path)”不能是绝对路径或含 ..", expecting: "相对于记录文件所在文件夹的路径")
                        continue
                    }
                    guard let data = load(folder + "/" + path) else {
                        decoder.report(field, "找不到或无法读取附件“\(path)”", expecting: "相对于记录文件所在文件夹的路径")
                        continue
                    }
                    guard data.count <= maxAttachmentBytes else {
                        decoder.report(field, "附件“\(path)”超过 \(maxAttachmentBytes / 1024 / 1024) MiB")
                        continue
                    }
                    attachments.append((String(path.split(separator: "/").last ?? ""), data))
                }
                result.diagnostics.append(contentsOf: decoder.diagnostics)
                if decoder.diagnostics.contains(where: { $0.severity == .error }) {
                    result.filesWithErrors.insert(name)
                } else {
                    fileEvents.append(
                        IncomingEvent(
                            event: MatterEvent(kind: kind, values: values), attachments: attachments, file: name,
                            location: location))
                }
            }
            if !result.filesWithErrors.contains(name) { result.events.append(contentsOf: fileEvents) }
        }
        return result
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
