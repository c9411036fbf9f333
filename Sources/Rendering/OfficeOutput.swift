import Foundation

/// What a LibreOffice server prints (its standard output and error): a "convert X -> Y using filter" line for
/// every document it starts converting, an "Error: …" line for a document it cannot load. Counts the "convert"
/// lines, keeps the text of the current request only (at most ``maxText`` bytes), and wakes whoever waits when
/// a line comes, when the output closes, or when told (``wake()``: a client process ended).
final class OfficeOutput: @unchecked Sendable {
    /// The most bytes of text kept.
    static let maxText = 16 << 10

    private let condition = NSCondition()
    private var pending = Data()
    private var text = ""
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
                if text.utf8.count < Self.maxText { text += line + "\n" }
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

    /// Where the output stands: "convert" lines so far and wakes so far; forgets the text so far.
    func begin() -> (conversions: Int, wakes: Int) {
        condition.withLock {
            text = ""
            return (conversions, wakes)
        }
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
    /// The text since ``begin()``.
    var recent: String { condition.withLock { text } }
}
