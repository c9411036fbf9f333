import Intake
import Matters
import Synchronization

/// The events a run records, each given up when it is taken (read ahead of its recording), so that what the
/// run holds shrinks as it records instead of staying a year's events to its end: they are kept in pieces of
/// a thousand, and a piece goes once its last event is taken.
final class EventQueue: Sendable {
    private static let piece = 1024
    /// The pieces, each with how many of its events are still to be taken.
    private let pieces: Mutex<[(events: [IncomingEvent], left: Int)]>
    /// What stands in a taken event's place: nothing of it is held.
    private static let taken = IncomingEvent(
        event: MatterEvent(kind: .registration, values: FieldRecord()), attachments: [], file: "", location: "")

    /// Takes `events` over, emptying it.
    init(_ events: inout [IncomingEvent]) {
        var pieces: [(events: [IncomingEvent], left: Int)] = []
        pieces.reserveCapacity((events.count + Self.piece - 1) / Self.piece)
        var start = 0
        while start < events.count {
            let end = min(start + Self.piece, events.count)
            pieces.append((Array(events[start..<end]), end - start))
            // Given up as copied: the events are never held twice.
            for index in start..<end { events[index] = Self.taken }
            start += Self.piece
        }
        events = []
        self.pieces = Mutex(pieces)
    }

    /// The event at `index`, given up (each is taken once).
    func take(_ index: Int) -> IncomingEvent {
        pieces.withLock { pieces in
            let (piece, offset) = index.quotientAndRemainder(dividingBy: Self.piece)
            let event = pieces[piece].events[offset]
            pieces[piece].left -= 1
            if pieces[piece].left == 0 {
                pieces[piece].events = []
            } else {
                pieces[piece].events[offset] = Self.taken
            }
            return event
        }
    }
}
