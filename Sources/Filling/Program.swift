import ODF

/// A compiled part: literal bytes and slots. Filling appends to one byte buffer and never re-parses.
indirect enum Piece: Sendable {
    case literal([UInt8])
    case value(Tag)
    case section(Tag, body: [Piece], between: [UInt8], skip: [UInt8])
}

/// Compiles a planned token stream into pieces.
enum ProgramBuilder {
    static func build(stream: TokenStream, plan: SectionPlanner) -> [Piece] {
        struct Frame {
            var section: Int
            var stack: [Int]
            var pieces: [Piece] = []
            var literal: [UInt8] = []
        }
        var frames = [Frame(section: -1, stack: [])]
        var stack: [Int] = []
        func flush(_ frame: inout Frame) {
            if !frame.literal.isEmpty {
                frame.pieces.append(.literal(frame.literal))
                frame.literal = []
            }
        }
        for item in plan.items {
            switch item {
            case .token(let i):
                switch stream.tokens[i] {
                case .open(_, let bytes):
                    frames[frames.count - 1].literal.append(contentsOf: bytes)
                    stack.append(i)
                case .close(let name):
                    XMLWriter.closeTag(name, into: &frames[frames.count - 1].literal)
                    stack.removeLast()
                case .leaf(let bytes):
                    frames[frames.count - 1].literal.append(contentsOf: bytes)
                case .text(let s):
                    XMLWriter.appendEscapedText(s, into: &frames[frames.count - 1].literal)
                case .tag(let t):
                    flush(&frames[frames.count - 1])
                    frames[frames.count - 1].pieces.append(.value(stream.tags[t].tag))
                }
            case .start(let s):
                frames.append(Frame(section: s, stack: stack))
            case .end(let s):
                var frame = frames.removeLast()
                flush(&frame)
                precondition(frame.section == s, "sections are planned to nest")
                let common = zip(frame.stack, stack).prefix { $0 == $1 }.count
                let atStart = frame.stack[common...]
                let atEnd = stack[common...]
                var between: [UInt8] = []
                var skip: [UInt8] = []
                for t in atEnd.reversed() { close(stream.tokens[t], into: &between) }
                for t in atStart { open(stream.tokens[t], into: &between) }
                for t in atStart.reversed() { close(stream.tokens[t], into: &skip) }
                for t in atEnd { open(stream.tokens[t], into: &skip) }
                flush(&frames[frames.count - 1])
                frames[frames.count - 1].pieces.append(
                    .section(plan.sections[s].open.tag, body: frame.pieces, between: between, skip: skip))
            }
        }
        flush(&frames[0])
        return frames[0].pieces
    }

    private static func open(_ token: TokenStream.Token, into out: inout [UInt8]) {
        if case .open(_, let bytes) = token { out.append(contentsOf: bytes) }
    }

    private static func close(_ token: TokenStream.Token, into out: inout [UInt8]) {
        if case .open(let name, _) = token { XMLWriter.closeTag(name, into: &out) }
    }
}
