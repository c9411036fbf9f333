import DuchaCore
import Foundation
import Hummingbird
import Matters

extension Portal {
    /// The matter record's fields as the form asks for them: a unit or person by its parts, a list of units by
    /// name, one a line.
    private static var matterInputs: [(prefix: String, spec: FieldSpec)] {
        MatterCatalogue.fields.flatMap { spec -> [(String, FieldSpec)] in
            if case .record(let parts) = spec.type { return parts.map { (spec.key + ".", $0) } }
            return [("", spec)]
        }
    }

    func addRegistration(to router: Router<PortalContext>) {
        router.get("/register") { _, context -> Response in
            let viewer = try await viewer(context, roles: [.clerk])
            var values: [String: [String]] = ["督查员.姓名": [viewer.name], "立项日期": [configuration.today().iso]]
            values["事项类型"] = [MatterKind.keyTask.rawValue]
            return registerPage(viewer: viewer, values: values, problems: [])
        }
        router.post("/register") { request, context -> Response in
            let viewer = try await viewer(context, roles: [.clerk])
            let form = try await form(request, context, viewer: viewer)
            var posted: [String: [String]] = [:]
            for (name, value) in form.fields where name.hasPrefix("f.") {
                posted[String(name.dropFirst(2)), default: []].append(value)
            }
            var record: [String: Any] = [:]
            for (prefix, spec) in Self.matterInputs {
                guard let value = FormFields.json(spec, posted: posted[prefix + spec.key] ?? []) else { continue }
                if prefix.isEmpty {
                    record[spec.key] = value
                } else {
                    let group = String(prefix.dropLast())
                    var parts = record[group] as? [String: Any] ?? [:]
                    parts[spec.key] = value
                    record[group] = parts
                }
            }
            let json = Array(try JSONSerialization.data(withJSONObject: [record], options: [.sortedKeys]))
            let result = try await takeIn(json, suffix: ".json", viewer: viewer, from: context.address, what: "登记事项")
            if result.problems.isEmpty, let id = record["编号"] as? String {
                return Self.redirect("/matters/\(URLText.encode(id))")
            }
            return registerPage(
                viewer: viewer, values: posted, problems: result.problems, status: .unprocessableContent)
        }
        router.post("/register/workbook") { request, context -> Response in
            let viewer = try await viewer(context, roles: [.clerk])
            let form = try await form(request, context, viewer: viewer, limit: Upload.maxBytes + (1 << 20))
            guard let file = form.files.first(where: { $0.field == "workbook" }), !file.bytes.isEmpty else {
                return registerPage(
                    viewer: viewer, values: [:], problems: [], workbookErrors: ["请选择台账文件（XLSX、ODS 或 CSV）"])
            }
            let suffix: String
            switch Upload.kind(of: file.bytes) {
            case .ods?: suffix = ".ods"
            case nil where file.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]): suffix = ".xlsx"
            case nil: suffix = ".csv"
            default:
                return registerPage(
                    viewer: viewer, values: [:], problems: [], workbookErrors: ["上传的文件不是台账（XLSX、ODS 或 CSV）"])
            }
            let result = try await takeIn(
                file.bytes, suffix: suffix, viewer: viewer, from: context.address, what: "读入台账")
            if result.problems.isEmpty {
                return views.page(
                    "message", title: "台账已读入",
                    data: [
                        "heading": "台账已读入",
                        "text":
                            "新登记事项 \(result.mattersAdded) 项（已有 \(result.mattersUnchanged) 项未改动），记录事件 \(result.eventsAdded) 个，签发单据 \(result.slips.count) 份。",
                    ], viewer: viewer)
            }
            return registerPage(
                viewer: viewer, values: [:], problems: [], workbookErrors: result.problems.map(\.description),
                status: .unprocessableContent)
        }
    }

    /// Takes in one uploaded record file (a matter record or a workbook) through the core's intake: written to a
    /// private folder, read and registered exactly as `ducha intake` reads the file, then removed.
    private func takeIn(_ bytes: [UInt8], suffix: String, viewer: Viewer, from address: String, what: String)
        async throws -> IntakeResult
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-portal-" + Self.token()).path
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/网页登记" + suffix
        guard
            FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw PortalError("无法写入临时文件") }
        let result = try await writer.write { office in try office.takeIn(files: [path]) }
        _ = try snapshot.refresh()
        audit.append(
            account: viewer.name, from: address, action: what,
            outcome: result.problems.isEmpty
                ? "登记 \(result.mattersAdded) 项，事件 \(result.eventsAdded) 个"
                : "未登记：\(result.problems.count) 处错误")
        return result
    }

    private func registerPage(
        viewer: Viewer, values: [String: [String]], problems: [Problem], workbookErrors: [String] = [],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var diagnostics = problems.compactMap(\.diagnostic)
        for i in diagnostics.indices { diagnostics[i].file = "" }
        let (byField, general) = FormFields.errors(diagnostics)
        var fields: [[String: Any]] = []
        for (prefix, spec) in Self.matterInputs {
            var input = FormFields.inputs([spec], prefix: prefix, values: values, errors: byField)[0]
            if !prefix.isEmpty { input["label"] = "\(prefix.dropLast())·\(spec.label)" }
            if spec.key == "协办单位" { input["hint"] = "每行一个单位名称" }
            fields.append(input)
        }
        let data: [String: Any] = [
            "csrf": viewer.csrf, "fields": fields,
            "general": general + problems.filter { $0.diagnostic == nil }.map(\.description),
            "workbookErrors": workbookErrors,
        ]
        return views.page("register", title: "登记事项", data: data, viewer: viewer, status: status)
    }
}
