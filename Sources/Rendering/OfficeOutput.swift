import Foundation

/// What a LibreOffice server prints (its standard output and error): a "convert X -> Y using filter" line for
/// every document it starts converting, an "Error: …" line for a document it cannot load. Counts the "convert"
/// lines, keeps the latest text (at most ``maxText`` bytes), and wakes whoever waits when a line comes, when the
/// output closes, or when told (``wake()``: a client process ended).
final class OfficeOutput: @unchecked Sendable {
    /// The most bytes of text kept.
    static let maxText = 16 << 10

    private let condition = NSCondition()
    private var pending = Data()
    private var text = ""
    /// Bytes of text ever kept: the position of the end of ``text``.
    private var written = 0
    private var conversions = 0
    private var wakes = 0
    private var closed = false

    /// Reads `pipe` to its end.
    func attach(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                condition.withLock {
                    closed = true
                    condition.broadcast()
                }
            } else {
                append(data)
            }
        }
    }

    private func append(_ chunk: Data) {
        condition.withLock {
            pending.append(chunk)
            while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...end)
                if line.hasPrefix("convert ") { conversions += 1 }
                text += line + "\n"
                written += line.utf8.count + 1
                if text.utf8.count > Self.maxText {
                    text = String(decoding: text.utf8.suffix(Self.maxText / 2), as: UTF8.self)
                }
            }
            if pending.count > Self.maxText { pending.removeAll() }
            condition.broadcast()
        }
    }

    /// Wakes the waiters.
    func wake() {
        condition.withLock {
            wakes += 1
            condition.broadcast()
        }
    }

    /// Where the output stands: "convert" lines so far, wakes so far, and the position of its text.
    var state: (conversions: Int, wakes: Int, written: Int) { condition.withLock { (conversions, wakes, written) } }

    /// The text written since `position` (as much of it as is kept).
    func text(since position: Int) -> String {
        condition.withLock { String(decoding: text.utf8.suffix(max(0, written - position)), as: UTF8.self) }
    }

    /// Waits until there are more than `seen` "convert" lines, a wake after `wakes`, the output closed, or
    /// `deadline`; returns the number of "convert" lines and wakes.
    func wait(beyond seen: Int, wakes known: Int, until deadline: Date) -> (conversions: Int, wakes: Int) {
        condition.withLock {
            while conversions <= seen, wakes <= known, !closed, condition.wait(until: deadline) {}
            return (conversions, wakes)
        }
    }

    /// Waits for the output to close, at most `seconds`.
    func waitClosed(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        condition.withLock {
            while !closed, condition.wait(until: deadline) {}
        }
    }

    var isClosed: Bool { condition.withLock { closed } }
    /// The text kept.
    var recent: String { condition.withLock { text } }
}
