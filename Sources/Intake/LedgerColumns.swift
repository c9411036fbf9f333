public import Matters

/// One column a ledger sheet may have: the field it fills and the headers that name it.
public struct LedgerColumn: Sendable, Equatable {
    /// The field's key path: `["编号"]`, `["主责单位", "电话"]`, `["协办单位", "名称"]`.
    public let path: [String]
    /// The field itself (for an event column, as the first event kind that has it defines it).
    public let spec: FieldSpec
    /// The header a template writes.
    public let header: String
    /// Every header accepted for the column, normalized (see ``LedgerColumns/normalize(_:)``).
    public let accepted: [String]

    /// The key path as messages write it: `主责单位.电话`.
    public var key: String { path.joined(separator: ".") }
}

/// The header scheme of a ledger (台账) workbook, derived from ``MatterCatalogue`` and
/// ``EventCatalogue`` so that a column means exactly what the JSON key of the same name means.
///
/// A header may be the catalogue's Chinese label or its key, in any column order. A group's fields
/// (主责单位, 协办单位, 督查员, 领导批示) each have their own column:
///
/// | field | header written by the template | also accepted |
/// | --- | --- | --- |
/// | 主责单位.名称 | 主责单位 | 主责单位.名称, 主责单位名称, 主责单位单位名称 |
/// | 主责单位.联系人 | 主责单位联系人 | 主责单位.联系人 |
/// | 主责单位.电话 | 主责单位电话 | 主责单位.电话, 主责单位联系电话 |
/// | 协办单位.名称 | 协办单位 | 协办单位.名称, 协办单位名称 … |
/// | 协办单位.联系人, .电话 | 协办单位联系人, 协办单位电话 | as for 主责单位 |
/// | 督查员.姓名, .电话 | 督查员, 督查员电话 | 督查员.姓名, 督查员姓名, 督查员.电话 |
/// | 领导批示.领导, .日期, .内容 | 批示领导, 批示日期, 批示内容 | 领导批示.领导, 领导批示领导 … |
///
/// In a header, white space is ignored, `()` equal `（）`, and a leading or trailing `*` (a
/// "required" mark) or `（必填）` is dropped. A `序号` column is ignored without a warning. The
/// events sheet takes every event field of every kind, by key or by any of its labels; the
/// template writes keys (`事项编号` for `事项`).
public enum LedgerColumns {
    /// The columns of the matters sheet (事项), in the order a template writes them.
    public static let matters: [LedgerColumn] = MatterCatalogue.fields.flatMap(matterColumns)

    /// The columns of the events sheet (事件), in the order a template writes them.
    public static let events: [LedgerColumn] = {
        var columns: [LedgerColumn] = []
        var labels: [String: [String]] = [:]
        var order: [(key: String, spec: FieldSpec)] = []
        for spec in EventCatalogue.common + EventKind.allCases.flatMap(EventCatalogue.fields(of:)) {
            if labels[spec.key] == nil { order.append((spec.key, spec)) }
            labels[spec.key, default: []].append(spec.label)
        }
        for (key, spec) in order {
            let header = key == "事项" ? spec.label : key
            columns.append(column([key], spec, header: header, also: [key] + (labels[key] ?? []) + [plain(spec.label)]))
        }
        return columns
    }()

    /// The groups of fields that a two-row header may put over their fields' columns.
    static let groups = Set(matters.filter { $0.path.count > 1 }.map { $0.path[0] })

    /// Headers that are known but name no single column; a column with one is an error.
    static let misleading: [String: String] = [
        "领导批示": "领导批示应分为“批示领导”“批示日期”“批示内容”三列"
    ]

    /// Headers of columns that carry nothing for Ducha and are ignored without a warning.
    static let ignored: Set<String> = ["序号"]

    /// A header as it is compared: no white space, `()` as `（）`, no `*` mark or `（必填）`.
    public static func normalize(_ header: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in header.unicodeScalars where !scalar.properties.isWhitespace {
            switch scalar {
            case "(": scalars.append("（")
            case ")": scalars.append("）")
            default: scalars.append(scalar)
            }
        }
        var text = String(scalars)
        for suffix in ["（必填）", "*", "＊"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        for prefix in ["*", "＊"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        return text
    }

    private static func matterColumns(_ spec: FieldSpec) -> [LedgerColumn] {
        let group: [FieldSpec]
        switch spec.type {
        case .record(let fields), .list(.record(let fields)): group = fields
        default: return [column([spec.key], spec, header: spec.label, also: [spec.key, plain(spec.label)])]
        }
        // 领导批示's own labels (批示领导 …) read naturally; other groups are named by the group's
        // label, its first field (名称, 姓名) by the label alone.
        let ownLabels = spec.key == "领导批示"
        return group.enumerated().map { index, field in
            let header = ownLabels ? field.label : (index == 0 ? spec.label : spec.label + field.key)
            var also = [
                spec.key + "." + field.key, spec.key + field.key, spec.key + field.label, spec.key + "." + field.label,
            ]
            if ownLabels { also.append(field.label) }
            if index == 0, !ownLabels { also.append(spec.key) }
            return column([spec.key, field.key], field, header: header, also: also)
        }
    }

    private static func column(_ path: [String], _ spec: FieldSpec, header: String, also: [String]) -> LedgerColumn {
        var accepted: [String] = []
        for name in [header] + also {
            let normalized = normalize(name)
            if !accepted.contains(normalized) { accepted.append(normalized) }
        }
        return LedgerColumn(path: path, spec: spec, header: header, accepted: accepted)
    }

    /// A label without its parenthetical note: `事项来源（第七条）` → `事项来源`.
    private static func plain(_ label: String) -> String {
        guard let open = label.firstIndex(of: "（") else { return label }
        return String(label[..<open])
    }
}
