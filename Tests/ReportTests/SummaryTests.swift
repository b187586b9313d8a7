import Testing
@testable import Report

@Suite("Summary statistics")
struct SummaryTests {
    @Test("odd count: the median is the middle value, quartiles interpolate")
    func oddCount() throws {
        let summary = try #require(Summary([5, 1, 4, 2, 3]))
        #expect(summary.count == 5)
        #expect(summary.min == 1)
        #expect(summary.max == 5)
        #expect(summary.median == 3)
        #expect(summary.p25 == 2)
        #expect(summary.p75 == 4)
    }

    @Test("even count: the median is the mean of the middle two (type 7)")
    func evenCount() throws {
        let summary = try #require(Summary([10, 40, 20, 30]))
        #expect(summary.median == 25)
        #expect(summary.p25 == 17.5)
        #expect(summary.p75 == 32.5)
        #expect(summary.relativeSpread == 15.0 / 25.0)
    }

    @Test("one value is every percentile")
    func single() throws {
        let summary = try #require(Summary([7]))
        #expect([summary.min, summary.p25, summary.median, summary.p75, summary.max] == [7, 7, 7, 7, 7])
    }

    @Test("the order of the values does not matter")
    func orderIndependent() throws {
        let values: [Double] = [3.5, 9, 1, 1, 12, 7.25, 4]
        #expect(Summary(values) == Summary(values.reversed()))
        #expect(Summary(values) == Summary(values.sorted()))
    }

    @Test("an outlier moves the max, not the median")
    func outlier() throws {
        let calm = try #require(Summary([100, 101, 102, 103, 104]))
        let spiky = try #require(Summary([100, 101, 102, 103, 10_000]))
        #expect(calm.median == spiky.median)
        #expect(spiky.max == 10_000)
    }

    @Test("no values, NaN or infinity give no summary rather than a wrong one")
    func invalid() {
        #expect(Summary([]) == nil)
        #expect(Summary([1, .nan, 3]) == nil)
        #expect(Summary([1, .infinity]) == nil)
    }

    @Test("percentile clamps to 0…100 and hits the extremes")
    func percentileBounds() {
        let sorted: [Double] = [1, 2, 3, 4]
        #expect(Summary.percentile(0, ofSorted: sorted) == 1)
        #expect(Summary.percentile(100, ofSorted: sorted) == 4)
        #expect(Summary.percentile(-5, ofSorted: sorted) == 1)
        #expect(Summary.percentile(250, ofSorted: sorted) == 4)
        #expect(Summary.percentile(50, ofSorted: sorted) == 2.5)
    }
}
