/// Pairs each section's opening and closing tags and decides what the section repeats: the inline
/// content between them, the paragraphs between them, or the table row that holds them.
struct SectionPlanner {
    enum Item {
        case token(Int)
        case start(Int)
        case end(Int)
    }

    struct Section {
        var open: TokenStream.Occurrence
        var close: TokenStream.Occurrence
    }

    private(set) var sections: [Section] = []
    private(set) var items: [Item] = []
    private(set) var problems: [TemplateProblem] = []

    init(stream: TokenStream) {
        let part = stream.part
        func paragraphText(_ occurrence: TokenStream.Occurrence) -> String {
            stream.paragraphs[occurrence.paragraph].text
        }
        // 1. Pair the tags.
        var open: [TokenStream.Occurrence] = []
        for occurrence in stream.tags where occurrence.token >= 0 {
            switch occurrence.tag.kind {
            case .value: continue
            case .section, .inverted: open.append(occurrence)
            case .close:
                if let top = open.last, top.tag.name == occurrence.tag.name {
                    open.removeLast()
                    sections.append(Section(open: top, close: occurrence))
                } else if let crossed = open.last, open.contains(where: { $0.tag.name == occurrence.tag.name }) {
                    problems.append(
                        TemplateProblem(
                            part: part,
                            message: "区块交叉：\(occurrence.tag.raw) 出现在 \(crossed.tag.raw) 结束之前（区块须完整嵌套）",
                            paragraph: paragraphText(occurrence)))
                    // Recover: close up to the matching section.
                    while let top = open.popLast(), top.tag.name != occurrence.tag.name {}
                } else {
                    problems.append(
                        TemplateProblem(
                            part: part, message: "\(occurrence.tag.raw) 没有对应的开始标签 {{#\(occurrence.tag.name)}}",
                            paragraph: paragraphText(occurrence)))
                }
            }
        }
        for unclosed in open {
            problems.append(
                TemplateProblem(
                    part: part, message: "区块 \(unclosed.tag.raw) 没有结束标签 {{/\(unclosed.tag.name)}}",
                    paragraph: paragraphText(unclosed)))
        }
        sections.sort { $0.open.token < $1.open.token }

        // 2. Place each section: inline within one paragraph; paragraphs when each tag stands alone in its own
        // paragraph under one parent (also inside a table cell); else the table row that holds both tags.
        var drop = Set<Int>()
        var before: [Int: [Item]] = [:]
        var after: [Int: [Item]] = [:]
        for (index, section) in sections.enumerated() {
            let po = stream.paragraphs[section.open.paragraph]
            let pc = stream.paragraphs[section.close.paragraph]
            if section.open.paragraph == section.close.paragraph {
                drop.insert(section.open.token)
                drop.insert(section.close.token)
                before[section.open.token, default: []].append(.start(index))
                before[section.close.token, default: []].append(.end(index))
            } else if po.soleTag == section.open.token, pc.soleTag == section.close.token, po.parent == pc.parent {
                for t in po.open...po.close { drop.insert(t) }
                for t in pc.open...pc.close { drop.insert(t) }
                before[po.open, default: []].append(.start(index))
                before[pc.open, default: []].append(.end(index))
            } else if let row = po.row, row == pc.row, let rowClose = stream.closeOf[row] {
                drop.insert(section.open.token)
                drop.insert(section.close.token)
                before[row, default: []].append(.start(index))
                after[rowClose, default: []].append(.end(index))
            } else {
                problems.append(
                    TemplateProblem(
                        part: part,
                        message:
                            "区块 \(section.open.tag.raw)…\(section.close.tag.raw) 跨了段落：开始和结束标签应在同一段内，"
                            + "或在同一表格行内，或各自独占一段且处于同一层级（结束标签所在段落：“\(pc.text)”）",
                        paragraph: po.text))
            }
        }
        // Ends close inner sections first; starts open outer sections first.
        func ordered(_ events: [Item]) -> [Item] {
            let ends = events.compactMap { if case .end(let i) = $0 { return i } else { return nil } }
            let starts = events.compactMap { if case .start(let i) = $0 { return i } else { return nil } }
            return ends.sorted(by: >).map(Item.end) + starts.sorted().map(Item.start)
        }
        items.reserveCapacity(stream.tokens.count + sections.count * 2)
        for i in stream.tokens.indices {
            if let events = before[i] { items.append(contentsOf: ordered(events)) }
            if !drop.contains(i) { items.append(.token(i)) }
            if let events = after[i] { items.append(contentsOf: ordered(events)) }
        }
    }
}
