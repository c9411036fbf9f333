import Matters
import ODF

/// Fills compiled pieces with data, appending bytes to one buffer.
struct Filler {
    private var context: [TemplateValue]
    /// Names the data did not have (each once, in order).
    private(set) var missing: [String] = []
    /// Values a formatter could not format.
    private(set) var problems: [String] = []

    init(data: TemplateValue) { context = [data] }

    mutating func run(_ pieces: [Piece], into out: inout [UInt8]) {
        for piece in pieces {
            switch piece {
            case .literal(let bytes):
                out.append(contentsOf: bytes)
            case .value(let tag):
                guard let value = lookup(tag) else { continue }
                if let text = format(value, tag: tag) { ODFText.append(text, into: &out) }
            case .section(let tag, let body, let between, let skip):
                let value = lookup(tag)
                let shows = value?.isTruthy ?? false
                if tag.kind == .inverted {
                    if shows { out.append(contentsOf: skip) } else { run(body, into: &out) }
                    continue
                }
                guard let value, shows else {
                    out.append(contentsOf: skip)
                    continue
                }
                if case .list(let items) = value {
                    for (i, item) in items.enumerated() {
                        if i > 0 { out.append(contentsOf: between) }
                        context.append(item)
                        run(body, into: &out)
                        context.removeLast()
                    }
                } else if case .rows(let rows) = value {
                    for i in 0..<rows.count {
                        if i > 0 { out.append(contentsOf: between) }
                        context.append(rows.make(i))
                        run(body, into: &out)
                        context.removeLast()
                    }
                } else {
                    context.append(value)
                    run(body, into: &out)
                    context.removeLast()
                }
            }
        }
    }

    private mutating func lookup(_ tag: Tag) -> TemplateValue? {
        guard let first = tag.path.first else { return context.last }
        for scope in context.reversed() {
            guard var value = scope.member(first) else { continue }
            for key in tag.path.dropFirst() {
                guard let next = value.member(key) else {
                    note(tag.name)
                    return nil
                }
                value = next
            }
            return value
        }
        note(tag.name)
        return nil
    }

    private mutating func note(_ name: String) {
        if !missing.contains(name) { missing.append(name) }
    }

    private mutating func format(_ value: TemplateValue, tag: Tag) -> String? {
        switch (tag.formatter, value) {
        case (nil, .text(let s)), ("文号", .text(let s)): return s
        case (nil, .date(let d)), ("日期", .date(let d)): return d.chinese
        case ("日期", .text(let s)):
            if let d = CivilDate(iso: s) { return d.chinese }
            problems.append("\(tag.raw)：“\(s)”不是日期（应为 YYYY-MM-DD）")
            return s
        case (nil, .number(let n)), ("文号", .number(let n)): return n.description
        case (nil, .flag(let b)): return b ? "是" : "否"
        case (_, .list), (_, .rows), (_, .record):
            problems.append("\(tag.raw)：是一组值，不能直接填入（应放在区块中，或写明其中一项）")
            return nil
        default:
            problems.append("\(tag.raw)：格式“\(tag.formatter ?? "")”不能用于这个值")
            return nil
        }
    }
}
