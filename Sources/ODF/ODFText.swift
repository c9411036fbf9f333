/// The one rule for writing a value as paragraph text so that it reads back exactly (ODF 1.3 part 3,
/// §6.1.2, white space): XML escaped, a newline as `text:line-break`, a tab as `text:tab`, and every space
/// that ODF would collapse or drop (a run of spaces, and a space at the start or end of a line or beside
/// a tab) as `text:s`; a carriage return is dropped. Filled forms append the bytes (``append(_:into:)``),
/// spreadsheets build the same content as nodes (``nodes(_:)``).
public enum ODFText {
    /// Appends `value` as the content of a `text:p` (or `text:span`).
    public static func append(_ value: String, into out: inout [UInt8]) {
        // Fast path: nothing but ordinary characters and lone inner spaces.
        var simple = true
        var previousSpace = true  // a space at the start must be protected
        for b in value.utf8 {
            if b == 0x0A || b == 0x09 || b == 0x0D || (b == 0x20 && previousSpace) {
                simple = false
                break
            }
            previousSpace = b == 0x20
        }
        if simple && !previousSpace {
            XMLWriter.appendEscapedText(value, into: &out)
            return
        }
        scan(value) { run in
            switch run {
            case .text(let text): XMLWriter.appendEscapedText(text, into: &out)
            case .spaces(1): out.append(contentsOf: singleSpace)
            case .spaces(let n): out.append(contentsOf: Array("<text:s text:c=\"\(n)\"/>".utf8))
            case .tab: out.append(contentsOf: tab)
            case .lineBreak: out.append(contentsOf: lineBreak)
            }
        }
    }

    /// `value` as the children of a `text:p`: the same content as ``append(_:into:)`` writes.
    public static func nodes(_ value: String) -> [XMLNode] {
        var nodes: [XMLNode] = []
        scan(value) { run in
            switch run {
            case .text(let text): nodes.append(.text(text))
            case .spaces(1): nodes.append(.element(XMLElement("text:s")))
            case .spaces(let n):
                nodes.append(.element(XMLElement("text:s", attributes: [XMLAttribute("text:c", String(n))])))
            case .tab: nodes.append(.element(XMLElement("text:tab")))
            case .lineBreak: nodes.append(.element(XMLElement("text:line-break")))
            }
        }
        return nodes
    }

    private static let lineBreak = Array("<text:line-break/>".utf8)
    private static let tab = Array("<text:tab/>".utf8)
    private static let singleSpace = Array("<text:s/>".utf8)

    /// What paragraph text is made of.
    private enum Run {
        /// Characters written as they are (escaped), lone inner spaces included.
        case text(String)
        /// Spaces that must be written as `text:s`.
        case spaces(Int)
        case tab
        case lineBreak
    }

    /// Calls `emit` with the runs of `value`, in order.
    private static func scan(_ value: String, _ emit: (Run) -> Void) {
        var run: [UInt8] = []
        var spaces = 0
        var atStart = true
        func flushRun() {
            if !run.isEmpty {
                emit(.text(String(decoding: run, as: UTF8.self)))
                run.removeAll(keepingCapacity: true)
            }
        }
        func flushSpaces(beforeBreak: Bool) {
            guard spaces > 0 else { return }
            if spaces == 1 && !atStart && !beforeBreak {
                run.append(0x20)
            } else {
                flushRun()
                emit(.spaces(spaces))
            }
            spaces = 0
            atStart = false
        }
        for b in value.utf8 {
            switch b {
            case 0x20:
                spaces += 1
            case 0x0A, 0x09:
                flushSpaces(beforeBreak: true)
                flushRun()
                emit(b == 0x0A ? .lineBreak : .tab)
                atStart = true
            case 0x0D:
                continue
            default:
                flushSpaces(beforeBreak: false)
                run.append(b)
                atStart = false
            }
        }
        flushSpaces(beforeBreak: true)
        flushRun()
    }
}
