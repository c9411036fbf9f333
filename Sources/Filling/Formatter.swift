/// The formatters a tag may name after `|`.
public enum TagFormatter: String, CaseIterable, Sendable {
    /// 2026年3月5日 (GB/T 9704: Arabic numerals, full year, no leading zeros).
    case date = "日期"
    /// 西督通〔2026〕12号.
    case documentNumber = "文号"
}
