/// One year's official holiday arrangement: the days off (放假) and the weekend days declared working days
/// (调休上班), as the 国务院办公厅's yearly notice 《关于YYYY年部分节假日安排的通知》 fixes them.
///
/// It is the content of one `Templates/calendar/YYYY.json`; ``WorkingCalendar`` combines several.
public struct CalendarYear: Sendable, Equatable {
    /// The notice a year's days are taken from.
    public struct Source: Sendable, Equatable, CustomStringConvertible {
        /// 标题, e.g. `国务院办公厅关于2025年部分节假日安排的通知`.
        public var title: String
        /// 文号, e.g. `国办发明电〔2024〕12号`; `nil` when it is not known.
        public var number: String?
        /// 发布日期 of the notice.
        public var published: CivilDate?
        /// 网址 where the text was read.
        public var url: String?

        /// Creates a source; only the title is required.
        public init(title: String, number: String? = nil, published: CivilDate? = nil, url: String? = nil) {
            self.title = title
            self.number = number
            self.published = published
            self.url = url
        }

        /// `国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）`, the way a document cites it.
        public var description: String {
            guard let number, !number.isEmpty else { return title }
            return title + "（" + number + "）"
        }
    }

    /// A named group of days: one holiday's days off, or the make-up working days that go with it.
    public struct Days: Sendable, Equatable {
        /// 名称: the holiday, e.g. `春节` or `国庆节、中秋节`.
        public var name: String
        /// 日期, in the order the file lists them.
        public var dates: [CivilDate]

        /// Creates a group of days.
        public init(name: String, dates: [CivilDate]) {
            self.name = name
            self.dates = dates
        }
    }

    /// 年度: the year the notice arranges.
    public var year: Int
    /// 依据: the notice.
    public var source: Source
    /// 放假: the official days off, weekend days included.
    public var daysOff: [Days]
    /// 调休上班: Saturdays and Sundays that are working days.
    public var makeUpWorkdays: [Days]
    /// 说明: a remark for the reader of the file (e.g. that 除夕 2024 was only recommended as a rest day).
    public var note: String?

    /// Creates a year's arrangement.
    public init(year: Int, source: Source, daysOff: [Days], makeUpWorkdays: [Days], note: String? = nil) {
        self.year = year
        self.source = source
        self.daysOff = daysOff
        self.makeUpWorkdays = makeUpWorkdays
        self.note = note
    }
}
