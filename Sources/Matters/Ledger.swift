/// The 台账: one row per matter, as of a day.
public struct LedgerRow: Sendable, Equatable {
    public enum Light: String, Sendable, Equatable {
        case red = "红"
        case yellow = "黄"
        case green = "绿"
        /// Nothing is owed (not yet assigned, or finished).
        case none = "—"
    }

    public var id: String
    public var title: String
    public var kind: MatterKind
    public var handling: Handling
    public var leadUnit: String
    public var coUnits: [String]
    public var classified: Bool
    public var state: MatterState
    /// The deadline in force.
    public var deadline: CivilDate
    /// The next date something is owed (the deadline, or a periodic report), if anything is.
    public var nextDue: CivilDate?
    /// What is owed at ``nextDue``.
    public var nextDueWhat: String?
    /// Owes a report and the deadline has passed, with no extension pending.
    public var overdue: Bool
    /// Calendar days past the deadline (0 when not overdue).
    public var daysOverdue: Int
    public var light: Light
    public var reminders: Int
    public var returns: Int
    /// Late reports, and periodic reports (quarterly progress, monthly reports) missed.
    public var lateReports: Int
    public var extensions: Int
    public var completedOn: CivilDate?

    /// The state as the ledger shows it: 逾期 overrides the working states.
    public var displayState: String { overdue ? "逾期" : state.rawValue }
}

/// Builds ledger rows: deadlines, overdue, periodic reports and the red/yellow/green light.
public struct Ledger: Sendable {
    public let policy: LifecyclePolicy
    public let calendar: WorkingCalendar

    public init(policy: LifecyclePolicy, calendar: WorkingCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    /// The row of one matter as of `asOf`.
    public func row(_ matter: Matter, status: MatterStatus, asOf: CivilDate) throws -> LedgerRow {
        let overdue = status.state.owesReport && asOf > status.deadline
        let periodic = periodicDue(matter, status: status, asOf: asOf)
        var nextDue: CivilDate?
        var what: String?
        if status.state.isActive {
            nextDue = status.deadline
            what = status.state == .returned ? "重新报送" : "办理报告"
            if let p = periodic.next, p.date < status.deadline {
                nextDue = p.date
                what = p.what
            }
        }
        var light = LedgerRow.Light.none
        if status.state.isActive {
            if overdue || periodic.missed > 0 {
                light = .red
            } else if let due = nextDue,
                try calendar.workingDays(from: asOf, to: due) <= policy.yellowWorkingDays
                    || status.state == .extensionRequested
            {
                light = .yellow
            } else {
                light = .green
            }
        }
        return LedgerRow(
            id: matter.id, title: matter.title, kind: matter.kind, handling: matter.handling, leadUnit: matter.leadUnit,
            coUnits: matter.coUnits, classified: matter.isClassified, state: status.state, deadline: status.deadline,
            nextDue: nextDue, nextDueWhat: what, overdue: overdue,
            daysOverdue: overdue ? asOf.dayNumber - status.deadline.dayNumber : 0, light: light,
            reminders: status.reminders, returns: status.returns, lateReports: status.lateReports + periodic.missed,
            extensions: status.extensionsRequested, completedOn: status.completedOn)
    }

    /// Periodic reports (BRIEF §1.4): 重点任务 report progress every quarter (11(六)); 领导批示 matters that
    /// take longer than ``LifecyclePolicy/monthlyReportAfterDays`` report monthly (12(四)). A period is
    /// covered by any progress, weekly or monthly report, or 办理报告 dated in it. The period in which the
    /// matter was assigned, and the current one, are not counted as missed.
    public func periodicDue(_ matter: Matter, status: MatterStatus, asOf: CivilDate) -> (
        missed: Int, next: (date: CivilDate, what: String)?
    ) {
        guard status.state.isActive, let assigned = status.assignedOn else { return (0, nil) }
        let quarterly = matter.kind == .keyTask
        if !quarterly && status.deadline.dayNumber - assigned.dayNumber <= policy.monthlyReportAfterDays {
            return (0, nil)
        }
        let reports = status.events.filter {
            [.progress, .weeklyReport, .monthlyReport, .report].contains($0.kind)
        }.map(\.date)
        func periodEnd(_ d: CivilDate) -> CivilDate {
            let endMonth = quarterly ? ((d.month - 1) / 3 + 1) * 3 : d.month
            return CivilDate(year: d.year, month: endMonth, day: CivilDate.daysIn(month: endMonth, year: d.year))!
        }
        func periodStart(_ end: CivilDate) -> CivilDate {
            CivilDate(year: end.year, month: quarterly ? end.month - 2 : end.month, day: 1)!
        }
        var missed = 0
        var end = periodEnd(assigned)
        // Full periods after the one of assignment that ended before today.
        end = periodEnd(end.adding(days: 1))
        while end < asOf && end <= status.deadline {
            let start = periodStart(end)
            if !reports.contains(where: { $0 >= start && $0 <= end }) { missed += 1 }
            end = periodEnd(end.adding(days: 1))
        }
        let current = periodEnd(asOf)
        let start = periodStart(current)
        let coveredNow = reports.contains { $0 >= start && $0 <= current }
        let what = quarterly ? "季度进展" : "月报"
        let next = coveredNow ? periodEnd(current.adding(days: 1)) : current
        return (missed, (next, what))
    }
}
