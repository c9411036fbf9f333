import ODF

/// Reads XLSX workbooks (Office Open XML, ECMA-376, as Excel, WPS and LibreOffice write them)
/// into a ``Workbook``: every worksheet's cells typed as text, number, date, TRUE/FALSE or error,
/// and its merged ranges.
///
/// The package is found through its relationships (`_rels/.rels` → workbook →
/// `xl/_rels/workbook.xml.rels` → sheets, shared strings, styles), so parts may have any names.
/// Only the parts needed are decompressed, each within ``SpreadsheetLimits``; every XML part is
/// read as a stream (``XMLStreamParser``), which refuses DOCTYPEs and entities.
public enum XLSXReader {
    private static let officeDocument = "/officeDocument"

    /// Reads the workbook in `bytes`.
    ///
    /// - Throws: ``SpreadsheetError`` saying, in Chinese, why the file cannot be read.
    public static func read(_ bytes: [UInt8], limits: SpreadsheetLimits = .default) throws(SpreadsheetError) -> Workbook
    {
        do {
            return try readPackage(bytes, limits: limits)
        } catch let error as SpreadsheetError {
            throw error
        } catch let error as ODFError {
            throw SpreadsheetError(error, format: .xlsx)
        } catch {
            throw SpreadsheetError("无法读取 XLSX 文件（\(error)）")
        }
    }

    private static func readPackage(_ bytes: [UInt8], limits: SpreadsheetLimits) throws -> Workbook {
        let zip = try ZipReader(bytes: bytes, source: "", limits: limits.zip)
        func part(_ name: String) throws -> [UInt8] {
            guard zip.contains(name) else { throw ODFError(.missingPart, "缺少部件", source: name) }
            return try zip.read(name)
        }
        var workbookPath = "xl/workbook.xml"
        if zip.contains("_rels/.rels") {
            let relations = try Relationships.read(
                try part("_rels/.rels"), base: "", source: "_rels/.rels", limits: limits.xml)
            if let target = relations.first(where: { $0.type.hasSuffix(officeDocument) })?.target {
                workbookPath = target
            }
        }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath =
            (folder.isEmpty ? "" : folder + "/") + "_rels/"
            + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let workbook = try WorkbookPart.read(try part(workbookPath), source: workbookPath, limits: limits.xml)
        let relations =
            zip.contains(relsPath)
            ? try Relationships.read(try part(relsPath), base: folder, source: relsPath, limits: limits.xml) : []

        var sharedStrings: [String] = []
        if let path = relations.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target, zip.contains(path) {
            sharedStrings = try XLSXSharedStrings.read(try part(path), source: path, limits: limits.xml)
        }
        var styles = XLSXStyles()
        if let path = relations.first(where: { $0.type.hasSuffix("/styles") })?.target, zip.contains(path) {
            styles = try XLSXStyles(xml: try part(path), source: path, limits: limits.xml)
        }
        var budget = CellBudget(limit: limits.maxCells)
        var sheets: [Sheet] = []
        for entry in workbook.sheets {
            guard let relation = relations.first(where: { $0.id == entry.relationID }),
                relation.type.hasSuffix("/worksheet")
            else { continue }  // chart sheets and dialog sheets hold no cells
            var builder = SheetBuilder(name: entry.name)
            let parser = XLSXWorksheetParser(
                sharedStrings: sharedStrings, styles: styles, uses1904Dates: workbook.uses1904Dates,
                source: relation.target)
            try parser.parse(try part(relation.target), into: &builder, budget: &budget, limits: limits.xml)
            sheets.append(builder.finish())
        }
        return Workbook(format: .xlsx, sheets: sheets, uses1904Dates: workbook.uses1904Dates)
    }
}

/// The sheet list and date system of `xl/workbook.xml`.
private struct WorkbookPart {
    var sheets: [(name: String, relationID: String)] = []
    var uses1904Dates = false

    static func read(_ xml: [UInt8], source: String, limits: XMLLimits) throws -> WorkbookPart {
        var part = WorkbookPart()
        try XMLStreamParser.parse(xml, source: source, limits: limits) { event in
            guard case .start(let name, let attributes) = event else { return }
            if name.local == "sheet" {
                let sheetName = attributes.first { $0.name.local == "name" && $0.name.namespace.isEmpty }?.value ?? ""
                let id = attributes.first { $0.name.local == "id" && !$0.name.namespace.isEmpty }?.value ?? ""
                part.sheets.append((sheetName, id))
            } else if name.local == "workbookPr" {
                let value = attributes.first { $0.name.local == "date1904" }?.value ?? ""
                part.uses1904Dates = value == "1" || value == "true"
            }
        }
        return part
    }
}

/// The relationships of one package part (`*.rels`), targets resolved to package paths.
private struct Relationships {
    var id: String
    var type: String
    var target: String

    static func read(_ xml: [UInt8], base: String, source: String, limits: XMLLimits) throws -> [Relationships] {
        var result: [Relationships] = []
        try XMLStreamParser.parse(xml, source: source, limits: limits) { event in
            guard case .start(let name, let attributes) = event, name.local == "Relationship" else { return }
            func value(_ local: String) -> String { attributes.first { $0.name.local == local }?.value ?? "" }
            // External targets (hyperlinks) name no part.
            guard value("TargetMode") != "External" else { return }
            guard let target = resolve(value("Target"), base: base) else {
                throw ODFError(.unsafeEntryName, "关系目标“\(value("Target"))”超出压缩包", source: source)
            }
            result.append(Relationships(id: value("Id"), type: value("Type"), target: target))
        }
        return result
    }

    /// `worksheets/sheet1.xml` against `xl` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` is absolute;
    /// `..` may not climb out of the package.
    static func resolve(_ target: String, base: String) -> String? {
        var segments = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        return segments.joined(separator: "/")
    }
}
