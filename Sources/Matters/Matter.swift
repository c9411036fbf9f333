/// A supervision matter (督查事项): its checked field values, with typed access to the fields the
/// pipeline itself relies on.
public struct Matter: Sendable, Equatable {
    /// Every field value, keyed and ordered as in ``MatterCatalogue/fields``.
    public let values: FieldRecord

    /// Wraps values that ``MatterValidator`` has already checked.
    public init(values: FieldRecord) { self.values = values }

    public var id: String { values["编号"]?.text ?? "" }
    public var title: String { values["事项名称"]?.text ?? "" }
    public var registered: CivilDate { values["立项日期"]?.date ?? CivilDate(dayNumber: 0) }
    public var deadline: CivilDate { values["办理时限"]?.date ?? CivilDate(dayNumber: 0) }
    public var assignedOn: CivilDate? { values["交办日期"]?.date }
    public var leadUnit: String { values["主责单位"]?.record?["名称"]?.text ?? "" }
    public var coUnits: [String] {
        (values["协办单位"]?.list ?? []).compactMap { $0.record?["名称"]?.text }
    }
    /// 涉密: any 密级 is set.
    public var isClassified: Bool { values["密级"] != nil }
    /// The archive year: the year the matter was registered.
    public var year: Int { registered.year }
}
