import Matters

/// Checks every tag of a template against the fields its form offers: unknown names, a group used as a
/// single value, a formatter on the wrong type.
struct SchemaCheck {
    private enum Scope {
        case fields([FieldSpec])
        /// Inside a section over a list of plain values: `{{.}}` is the item.
        case item(FieldType)
        case none
    }

    static func check(stream: TokenStream, plan: SectionPlanner, schema: [FieldSpec]) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        var scopes: [Scope] = [.fields(schema)]
        let opens = Dictionary(plan.sections.map { ($0.open.token, $0) }, uniquingKeysWith: { a, _ in a })
        let closes = Set(plan.sections.map(\.close.token))
        func report(_ occurrence: TokenStream.Occurrence, _ message: String) {
            problems.append(
                TemplateProblem(
                    part: stream.part, message: message, paragraph: stream.paragraphs[occurrence.paragraph].text))
        }
        for occurrence in stream.tags where occurrence.token >= 0 {
            let tag = occurrence.tag
            if tag.kind == .close {
                if closes.contains(occurrence.token), scopes.count > 1 { scopes.removeLast() }
                continue
            }
            if tag.path.isEmpty {
                if case .item = scopes.last {
                } else {
                    report(occurrence, "“{{.}}”只能用在文字列表的区块中，如 {{#办理要求}}{{.}}{{/办理要求}}")
                }
                continue
            }
            let type = resolve(tag.path, in: scopes)
            if tag.kind == .value {
                guard let type else {
                    report(occurrence, "未知字段“\(tag.name)”")
                    continue
                }
                switch type {
                case .record(let fields):
                    report(occurrence, "“\(tag.name)”是一组字段，应写明其中一项，如 {{\(tag.name).\(fields.first?.key ?? "名称")}}")
                case .list, .paragraphs:
                    report(occurrence, "“\(tag.name)”是列表，应放在 {{#\(tag.name)}}…{{/\(tag.name)}} 区块中")
                default:
                    if let f = tag.formatter {
                        switch TagFormatter(rawValue: f) {
                        case nil:
                            report(
                                occurrence,
                                "未知格式“\(f)”（可用：" + TagFormatter.allCases.map(\.rawValue).joined(separator: "、") + "）")
                        case .date where type != .date:
                            report(occurrence, "格式“日期”只能用于日期字段，“\(tag.name)”不是日期")
                        case .documentNumber where type != .documentNumber:
                            report(occurrence, "格式“文号”只能用于文号字段，“\(tag.name)”不是文号")
                        default: break
                        }
                    }
                }
                continue
            }
            // Section or inverted section: opens a scope.
            guard opens[occurrence.token] != nil else { continue }
            switch type {
            case nil:
                report(occurrence, "未知字段“\(tag.name)”")
                scopes.append(.none)
            case _ where tag.kind == .inverted:
                scopes.append(.none)
            case .record(let fields)?:
                scopes.append(.fields(fields))
            case .list(.record(let fields))?:
                scopes.append(.fields(fields))
            case .list(let element)?:
                scopes.append(.item(element))
            case .paragraphs?:
                scopes.append(.item(.text))
            case let other?:
                scopes.append(.item(other))
            }
        }
        return problems
    }

    private static func resolve(_ path: [String], in scopes: [Scope]) -> FieldType? {
        for scope in scopes.reversed() {
            guard case .fields(let fields) = scope, var spec = fields.spec(path[0]) else { continue }
            for key in path.dropFirst() {
                guard case .record(let inner) = spec.type, let next = inner.spec(key) else { return nil }
                spec = next
            }
            return spec.type
        }
        return nil
    }
}
