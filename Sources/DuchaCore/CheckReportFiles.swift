import Foundation
import Intake
public import Matters
import ODF
import Rendering

/// The 检测报告 in three forms: `.odt` to print and sign, `.ods` (one row per item), and JSON for machines.
public enum CheckReportFiles {
    /// Writes `检测报告.odt`, `.ods` and `.json` into `folder`; returns their paths.
    public static func write(_ report: CheckReport, to folder: String, date: CivilDate) throws -> [String] {
        let meta = DocumentMeta(
            title: "电子档案四性检测报告（\(report.stage.rawValue)环节）", subject: "检测报告", matterID: "",
            date: (date.year, date.month, date.day))
        let files: [(String, [UInt8])] = [
            ("检测报告.odt", try DocumentRenderer.package(document(report), meta: meta)),
            ("检测报告.ods", try ODSWriter.write(spreadsheet(report), meta: meta)), ("检测报告.json", json(report)),
        ]
        var paths: [String] = []
        for (name, bytes) in files {
            let path = folder + "/" + name
            try Files.write(bytes, to: path)
            paths.append(path)
        }
        return paths
    }

    /// The report as JSON: stage, subject, date, verdict, and each item with its code, property, title, clause,
    /// verdict and evidence.
    public static func json(_ report: CheckReport) -> [UInt8] {
        var out = "{\n"
        out += "  \"环节\": \(JSONString.literal(report.stage.rawValue)),\n"
        out += "  \"依据\": \(JSONString.literal(report.stage.clause)),\n"
        out += "  \"检测对象\": \(JSONString.literal(report.subject)),\n"
        out += "  \"检测日期\": \(JSONString.literal(report.date)),\n"
        out += "  \"结论\": \(JSONString.literal(report.passed ? "通过" : "不通过")),\n"
        out += "  \"检测项目\": [\n"
        out += report.outcomes.map { outcome in
            let evidence = outcome.evidence.map { "        " + JSONString.literal($0) }.joined(separator: ",\n")
            return """
                    {
                      "编号": \(JSONString.literal(outcome.item.code(at: report.stage))),
                      "性质": \(JSONString.literal(outcome.item.property.rawValue)),
                      "项目": \(JSONString.literal(outcome.item.title)),
                      "要求": \(JSONString.literal(outcome.item.basis)),
                      "结果": \(JSONString.literal(outcome.verdict.rawValue)),
                      "依据": [
                \(evidence)
                      ]
                    }
                """
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return Array(out.utf8)
    }

    static func spreadsheet(_ report: CheckReport) -> Spreadsheet {
        let rows: [[Spreadsheet.Cell]] = report.outcomes.map { outcome in
            [
                .text(outcome.item.code(at: report.stage)), .text(outcome.item.property.rawValue),
                .text(outcome.item.title), .text(outcome.item.basis), .text(outcome.verdict.rawValue),
                .text(outcome.evidence.joined(separator: "\n")),
            ]
        }
        let sheet = Spreadsheet.Sheet(
            name: "检测报告", title: "电子档案四性检测报告（\(report.stage.rawValue)环节）",
            columnWidths: [22, 16, 70, 90, 18, 160], header: [["编号", "性质", "检测项目", "要求", "结果", "检测依据与发现"]],
            rows: rows,
            notes: [
                "检测对象：\(report.subject)", "依据：\(report.stage.clause)", "检测日期：\(report.date)",
                "结论：\(report.passed ? "通过" : "不通过")",
            ])
        return Spreadsheet(sheets: [sheet])
    }

    /// The printable report: a title, what was checked, the verdict, then one table row per item.
    static func document(_ report: CheckReport) -> ODFDocument {
        var body = ""
        func paragraph(_ style: String, _ text: String) {
            body += "<text:p text:style-name=\"\(style)\">\(escape(text))</text:p>"
        }
        paragraph("Title", "电子档案四性检测报告")
        paragraph("Body", "检测环节：\(report.stage.rawValue)（\(report.stage.clause)）")
        paragraph("Body", "检测对象：\(report.subject)")
        paragraph("Body", "检测日期：\(report.date)")
        paragraph(
            "Body",
            "结论：\(report.passed ? "通过" : "不通过")"
                + (report.passed
                    ? "" : "（不通过：\(report.failed.map { $0.code(at: report.stage) }.joined(separator: "、"))）"))
        body += "<table:table table:name=\"检测项目\" table:style-name=\"Table\">"
        for width in ["W1", "W2", "W3", "W4"] { body += "<table:table-column table:style-name=\"\(width)\"/>" }
        func row(_ cells: [[String]]) {
            body += "<table:table-row>"
            for lines in cells {
                body += "<table:table-cell office:value-type=\"string\" table:style-name=\"Cell\">"
                for line in lines { paragraph("Cell", line) }
                body += "</table:table-cell>"
            }
            body += "</table:table-row>"
        }
        row([["编号"], ["检测项目"], ["结果"], ["检测依据与发现"]])
        for outcome in report.outcomes {
            row([
                [outcome.item.code(at: report.stage), outcome.item.property.rawValue], [outcome.item.title],
                [outcome.verdict.rawValue], [outcome.item.basis] + outcome.evidence,
            ])
        }
        body += "</table:table>"
        paragraph("Body", "检测人：　　　　　　　　审核人：　　　　　　　　日期：")
        let namespaces =
            "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
        let content =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \(namespaces) office:version=\"1.3\"><office:automatic-styles>"
            + "<style:style style:name=\"Table\" style:family=\"table\"><style:table-properties style:width=\"247mm\" table:align=\"left\"/></style:style>"
            + "<style:style style:name=\"W1\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"24mm\"/></style:style>"
            + "<style:style style:name=\"W2\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"55mm\"/></style:style>"
            + "<style:style style:name=\"W3\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"18mm\"/></style:style>"
            + "<style:style style:name=\"W4\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"150mm\"/></style:style>"
            + "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"1mm\" fo:border=\"0.5pt solid #000000\"/></style:style>"
            + "</office:automatic-styles><office:body><office:text>\(body)</office:text></office:body></office:document-content>\n"
        let styles =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles \(namespaces) office:version=\"1.3\"><office:font-face-decls/><office:styles>"
            + "<style:default-style style:family=\"paragraph\"><style:text-properties style:font-name-asian=\"仿宋_GB2312\" fo:font-size=\"10.5pt\" style:font-size-asian=\"10.5pt\"/></style:default-style>"
            + "<style:style style:name=\"Title\" style:family=\"paragraph\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-bottom=\"6mm\"/><style:text-properties fo:font-size=\"18pt\" style:font-size-asian=\"18pt\" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\"/></style:style>"
            + "<style:style style:name=\"Body\" style:family=\"paragraph\"><style:paragraph-properties fo:margin-bottom=\"2mm\"/><style:text-properties fo:font-size=\"12pt\" style:font-size-asian=\"12pt\"/></style:style>"
            + "<style:style style:name=\"Cell\" style:family=\"paragraph\"><style:text-properties fo:font-size=\"9pt\" style:font-size-asian=\"9pt\"/></style:style>"
            + "</office:styles><office:automatic-styles><style:page-layout style:name=\"Page\"><style:page-layout-properties fo:page-width=\"297mm\" fo:page-height=\"210mm\" style:print-orientation=\"landscape\" fo:margin-top=\"20mm\" fo:margin-bottom=\"20mm\" fo:margin-left=\"25mm\" fo:margin-right=\"25mm\"/></style:page-layout></office:automatic-styles>"
            + "<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"Page\"/></office:master-styles></office:document-styles>\n"
        return ODFDocument(
            mimetype: "application/vnd.oasis.opendocument.text", content: Array(content.utf8),
            styles: Array(styles.utf8))
    }

    static func escape(_ text: String) -> String {
        var out = [UInt8]()
        XMLWriter.appendEscapedText(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
