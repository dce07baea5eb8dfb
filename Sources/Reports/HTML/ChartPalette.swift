/// Colours of the charts: the Okabe-Ito palette, distinguishable with the common forms of colour
/// blindness and, in this order, alternating dark and light so neighbouring series stay apart in
/// grey-scale print. Series beyond the eighth reuse the palette from the start.
public enum ChartPalette {
    /// Series colours as `#RRGGBB`, in the order they are assigned.
    public static let series: [String] = [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#D55E00", // vermillion
        "#F0E442", // yellow
        "#000000", // black
    ]

    /// The colour of series number `index` (0-based).
    public static func color(at index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }

    /// Totals (start and end of a waterfall, single-series bars): blue.
    public static let total = "#0072B2"
    /// A decrease (a saving): bluish green.
    public static let decrease = "#009E73"
    /// An increase (a cost, a negative value in a bar chart): vermillion.
    public static let increase = "#D55E00"
    /// Axis lines and text.
    public static let ink = "#222222"
    /// Grid lines.
    public static let grid = "#D9D9D9"
}
