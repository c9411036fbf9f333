import Archive
import Matters

/// A year's registry of numbers: no number skipped or given twice, every registered document there, and every
/// slip with the event it was issued for.
enum CheckRegistry {
    static func check(archive: String, year: Int, records: [String: [StoredEvent]], into evidence: inout CheckEvidence)
    {
        let verifier = ArchiveVerifier(root: archive)
        for finding in verifier.verifyRegistry(year: year) {
            let text = "\(year)/registry.xml：\(finding.detail)"
            if finding.kind == .missing {
                evidence.fail(.content, text)
            } else if finding.detail.contains("跳号") || finding.detail.contains("不止一次") {
                evidence.fail(.continuity, text)
            } else {
                evidence.fail(.metadataReadable, text)
            }
        }
        guard let registry = try? Registry.load(root: archive, year: year) else { return }
        for entry in registry.entries {
            // The matters' slips (publications keep their own series, checked as bags).
            guard let log = records[entry.matter] else { continue }
            let name = entry.file.split(separator: "/").last.map(String.init) ?? entry.file
            if !name.hasPrefix(entry.form) || !name.contains(entry.number.description) {
                evidence.fail(
                    .fileProperties, "\(year)/registry.xml：\(entry.number)（\(entry.form)）登记的文件名“\(name)”与单据名称、编号不符")
            }
            if !entry.file.hasPrefix("\(year)/\(entry.matter)/") && !entry.file.contains("/\(entry.matter)/") {
                evidence.fail(
                    .linkage, "\(year)/registry.xml：\(entry.number) 登记的文件 \(entry.file) 不在事项 \(entry.matter) 的档案中")
            }
            if !log.contains(where: { $0.slip == entry.number }) {
                evidence.fail(
                    .process, "\(year)/registry.xml：\(entry.number)（\(entry.form)）在事项 \(entry.matter) 的事件记录中没有对应的事件")
            }
        }
        evidence.note(.continuity, "\(year) 年度登记簿：\(registry.entries.count) 个编号")
        evidence.note(.process, "\(year) 年度：\(registry.entries.count) 份单据已与事件记录核对")
    }
}
