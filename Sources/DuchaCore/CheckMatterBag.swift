import Archive
import Matters
import ODF

/// The items of one matter's bag (`<year>/<id>/`): its record and event log against the catalogues, the log's
/// numbering, each attachment's presence and digest, each file's place in the log, and the processing records.
enum CheckMatterBag {
    /// Checks the bag at `root` (`display` names it in messages); returns the matter and log when they could be
    /// read, so that the registry can be checked against them.
    static func check(root: String, display: String, year: String, into evidence: inout CheckEvidence)
        -> (matter: Matter, log: [StoredEvent])?
    {
        let path = root + "/data/matter.xml"
        guard let bytes = try? AtomicFile.read(path) else {
            evidence.fail(.content, "\(display)/data/matter.xml：事项登记记录不存在")
            return nil
        }
        do {
            _ = try XMLDocumentParser.parse(bytes, source: display)
        } catch {
            evidence.fail(.metadataReadable, "\(display)/data/matter.xml：无法读取：\(error)")
            return nil
        }
        let matter: Matter
        let log: [StoredEvent]
        do {
            (matter, log) = try MatterXML.decode(bytes, source: display + "/data/matter.xml")
        } catch {
            evidence.fail(.metadataValues, error.message)
            return nil
        }
        let name = root.split(separator: "/").last.map(String.init) ?? ""
        for field in MatterCatalogue.fields where field.required && matter.values[field.key] == nil {
            evidence.fail(.requiredMetadata, "\(display)/data/matter.xml：缺少必填项“\(field.key)”")
        }
        if matter.id != name || String(matter.year) != year {
            evidence.fail(
                .linkage, "\(display)：事项编号 \(matter.id)、立项年度 \(matter.year) 与存储位置 \(year)/\(name) 不符")
        }
        // 事件序号 1, 2, 3 … without a gap or a repeat.
        for (n, stored) in log.enumerated() where stored.sequence != n + 1 {
            evidence.fail(.continuity, "\(display)：第 \(n + 1) 个事件的序号为 \(stored.sequence)（应连续编号）")
        }
        var referenced: Set<String> = ["data/matter.xml"]
        for stored in log {
            let attachments = (stored.event.values["附件"]?.list ?? []).compactMap(\.text)
            for (n, attachment) in attachments.enumerated() {
                referenced.insert(attachment)
                guard let content = try? AtomicFile.read(root + "/" + attachment) else {
                    evidence.fail(.content, "\(display)/\(attachment)：事件 \(stored.sequence) 的附件不存在")
                    continue
                }
                if n < stored.digests.count, Bag.sha256(content) != stored.digests[n] {
                    evidence.fail(.fixity, "\(display)/\(attachment)：SHA-256 与 matter.xml 记录的不符")
                }
            }
        }
        checkProcess(log, display: display, into: &evidence)
        // Every payload file belongs to the log: the record, an event's record (`NNN-事件-日期.xml`), an
        // attachment, or a slip whose number the log holds.
        let sequences = Set(log.map { pad($0.sequence) + "-" + $0.event.kind.rawValue + "-" })
        let slips = log.compactMap(\.slip).map(\.description)
        let payload = (try? Bag(root: root).payloadFiles(includingHidden: true)) ?? []
        for file in payload where !referenced.contains(file) {
            let base = file.split(separator: "/").last.map(String.init) ?? file
            let isRecord = sequences.contains { base.hasPrefix($0) }
            let isSlip = slips.contains { base.contains($0) }
            if !isRecord && !isSlip {
                evidence.fail(.linkage, "\(display)/\(file)：不属于事项的任何事件（元数据中没有它）")
            }
        }
        return (matter, log)
    }

    /// 办理报告 and their 审核: once a matter is 办结, every report before it has a 审核 after it.
    static func checkProcess(_ log: [StoredEvent], display: String, into evidence: inout CheckEvidence) {
        guard let end = log.lastIndex(where: { $0.event.kind == .completion }) else { return }
        for (i, stored) in log.enumerated() where i < end && stored.event.kind == .report {
            if !log[(i + 1)...end].contains(where: { $0.event.kind == .review }) {
                evidence.fail(.process, "\(display)：第 \(stored.sequence) 个事件“办理报告”没有审核记录，事项却已办结")
            }
        }
    }

    static func pad(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 3 ? s : String(repeating: "0", count: 3 - s.count) + s
    }
}
