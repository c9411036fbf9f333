public import Matters
public import ODF
public import Rendering

/// The ledger (台账) a clerk starts from: `ducha template ledger --format xlsx|ods|csv`. The
/// workbook formats hold the 事项 sheet with every column and one example matter, the 事件 sheet
/// with one example event, and a 填表说明 sheet explaining each column; the CSV holds the 事项
/// sheet alone. Each reads back (``LedgerReader``) as exactly ``exampleMatter`` and
/// ``exampleEvent``.
public enum LedgerTemplate {
    /// The template as XLSX.
    public static func xlsx() throws(ODFError) -> [UInt8] { try XLSXWriter.write(workbook) }

    /// The template as ODS.
    public static func ods() throws(ODFError) -> [UInt8] { try ODSWriter.write(workbook) }

    /// The template's 事项 sheet as CSV (UTF-8 with BOM).
    public static func csv() -> [UInt8] { CSVWriter.write(workbook.sheets[0]) }

    /// The template's sheets.
    public static var workbook: Spreadsheet { .ledger(matters: [exampleMatter], events: [exampleEvent], help: true) }

    /// The example matter: the first matter of `Examples/重点任务-2026Q1.json`, abridged (as in the
    /// README).
    public static var exampleMatter: Matter {
        let result = MatterReader.read(files: [("示例", Array(matterJSON.utf8))])
        precondition(result.diagnostics.isEmpty, "the built-in example matter must be valid")
        return result.matters[0]
    }

    /// The example event: the matter's 审定 (no slip is issued for it).
    public static var exampleEvent: MatterEvent {
        let result = EventReader.read(files: [("示例", Array(eventJSON.utf8))]) { _ in nil }
        precondition(result.diagnostics.isEmpty, "the built-in example event must be valid")
        return result.events[0].event
    }

    private static let matterJSON = """
        [{
          "编号": "2026-001",
          "事项名称": "什刹海冰场冬季开放运营安全保障和游客疏导",
          "事项类型": "重点任务",
          "事项来源": "重要会议决定事项",
          "立项依据": "区政府第58次常务会议纪要（西政会〔2026〕1号）第三项",
          "主责单位": {"名称": "什刹海街道", "联系人": "郑文博", "电话": "010-83292735"},
          "协办单位": [
            {"名称": "区文化和旅游局", "联系人": "沈子涵", "电话": "010-83293341"},
            {"名称": "区城市管理委", "联系人": "孙建军", "电话": "010-83292318"}
          ],
          "办理要求": [
            "请什刹海街道牵头，会同各协办单位于1月9日前制定冰场开放运营安全保障工作方案。",
            "严格执行冰面厚度不足15厘米不开放的规定，节假日高峰时段实行预约限流。"
          ],
          "立项日期": "2026-01-05",
          "交办日期": "2026-01-05",
          "办理时限": "2026-02-27",
          "紧急程度": "特急",
          "媒体曝光": false,
          "督查员": {"姓名": "刘晓梅", "电话": "010-83291235"}
        }]
        """

    private static let eventJSON = """
        [{"事项": "2026-001", "事件": "审定", "日期": "2026-01-05", "审定人": "区政府常务会议", "意见": "同意立项。"}]
        """
}
