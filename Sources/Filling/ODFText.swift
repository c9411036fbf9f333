import ODF

/// Writes a value into paragraph text so that it reads back exactly: XML escaped, newline as
/// `text:line-break`, tab as `text:tab`, and spaces that ODF would collapse as `text:s`.
enum ODFText {
    private static let lineBreak = Array("<text:line-break/>".utf8)
    private static let tab = Array("<text:tab/>".utf8)

    static func append(_ value: String, into out: inout [UInt8]) {
        let utf8 = value.utf8
        // Fast path: nothing but ordinary characters and lone inner spaces.
        var simple = true
        var previousSpace = true  // a space at the start must be protected
        for b in utf8 {
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
        var run: [UInt8] = []
        var spaces = 0
        var atStart = true
        func flushRun() {
            if !run.isEmpty {
                XMLWriter.appendEscapedText(String(decoding: run, as: UTF8.self), into: &out)
                run.removeAll(keepingCapacity: true)
            }
        }
        func flushSpaces(beforeBreak: Bool) {
            guard spaces > 0 else { return }
            if spaces == 1 && !atStart && !beforeBreak {
                run.append(0x20)
            } else {
                flushRun()
                out.append(contentsOf: Array((spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>").utf8))
            }
            spaces = 0
            atStart = false
        }
        for b in utf8 {
            switch b {
            case 0x20:
                spaces += 1
            case 0x0A, 0x09:
                flushSpaces(beforeBreak: true)
                flushRun()
                out.append(contentsOf: b == 0x0A ? lineBreak : tab)
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
