public import Matters

/// The names the 归档文件目录 template may use (DA/T 22-2015 §5.5 and §6.4.2).
public enum DossierCatalogue {
    /// One row of the catalogue.
    public static let item: [FieldSpec] = ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"].map {
        FieldSpec($0, $0, .text)
    }

    public static let fields: [FieldSpec] = [
        FieldSpec("全宗号", "全宗号", .text, required: true),
        FieldSpec("全宗名称", "全宗名称", .text, required: true),
        FieldSpec("年度", "年度", .text, required: true),
        FieldSpec("机构", "机构（问题）", .text, required: true),
        FieldSpec("保管期限", "保管期限", .text, required: true),
        FieldSpec("机关名称", "编制单位", .text, required: true),
        FieldSpec("编制日期", "编制日期", .date, required: true),
        FieldSpec("件", "归档文件（每件一行，日期为 8 位数字）", .list(.record(item)), required: true),
        FieldSpec("件数", "件数", .text, required: true),
        FieldSpec("页数合计", "页数合计", .text, required: true),
        FieldSpec("说明", "盒内文件情况说明", .multilineText, required: true),
        FieldSpec("整理人", "整理人", .text),
        FieldSpec("整理日期", "整理日期", .date),
        FieldSpec("检查人", "检查人", .text),
        FieldSpec("检查日期", "检查日期", .date),
    ]
}
