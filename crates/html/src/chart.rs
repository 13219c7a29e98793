//! Inline SVG charts, drawn by countroom with integer geometry.
//!
//! Every coordinate is an integer in the chart's own `viewBox` units: a
//! bar's length is `value × width ÷ largest` in exact integer arithmetic
//! (rounded down, the one rounding, named here), so the same figures give
//! the same bytes. Each chart is `role="img"` with a `<title>` and
//! `aria-labelledby`, and sits beside a table holding the same figures (its
//! text equivalent). Labels are outside the bars, in the text colour, so
//! only the bar colours' contrast against the white page matters (at least
//! 3:1, WCAG 2.1 SC 1.4.11; checked by a test).

use crate::markup::Html;

/// A party colour: a name to look for in a description, and the colour.
pub struct PartyColour {
    /// Lower-case words to find in the description (any of them).
    pub matches: &'static [&'static str],
    /// `#rrggbb`.
    pub colour: &'static str,
}

/// The colours of the main parties, darkened where the party's own colour
/// is too light to read against white (each at least 3:1). The first match
/// in table order wins.
pub const PARTY_COLOURS: &[PartyColour] = &[
    PartyColour {
        matches: &["liberal democrat"],
        colour: "#a35200",
    },
    PartyColour {
        matches: &["conservative"],
        colour: "#0a3b7c",
    },
    PartyColour {
        matches: &["labour"],
        colour: "#c8102e",
    },
    PartyColour {
        matches: &["green"],
        colour: "#2e7d32",
    },
    PartyColour {
        matches: &["scottish national", "snp"],
        colour: "#6b5e00",
    },
    PartyColour {
        matches: &["plaid cymru"],
        colour: "#005b54",
    },
    PartyColour {
        matches: &["reform uk"],
        colour: "#00717f",
    },
    PartyColour {
        matches: &["sinn f"],
        colour: "#326760",
    },
    PartyColour {
        matches: &["democratic unionist"],
        colour: "#8b1c2c",
    },
    PartyColour {
        matches: &["alliance"],
        colour: "#7a6400",
    },
];

/// The neutral colour for any other description (independents, no
/// description): dark grey.
pub const NEUTRAL: &str = "#595959";

/// The colour of a candidate with this description.
#[must_use]
pub fn colour_for(description: Option<&str>) -> &'static str {
    let Some(d) = description else {
        return NEUTRAL;
    };
    let d = d.to_lowercase();
    PARTY_COLOURS
        .iter()
        .find(|p| p.matches.iter().any(|m| d.contains(m)))
        .map_or(NEUTRAL, |p| p.colour)
}

/// One bar: its label (the full text is kept in the bar's `<title>`), the
/// figure as printed, its value in exact units, and its colour.
pub(crate) struct Bar<'a> {
    pub(crate) label: &'a str,
    pub(crate) figure: String,
    pub(crate) units: u128,
    pub(crate) colour: &'static str,
}

/// Labels longer than this are shortened in the chart (the table beside it
/// has them in full, and the bar's `<title>` too).
const LABEL_CHARS: usize = 28;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// `value × span ÷ max`, rounded down; 0 when `max` is 0. Values are
/// counts or STV units (at most `u64::MAX`) and spans at most a few
/// thousand, so the product fits a `u128` and no figure is ever clamped.
fn scaled(value: u128, span: u128, max: u128) -> u128 {
    value
        .checked_mul(span)
        .and_then(|x| x.checked_div(max))
        .unwrap_or(0)
}

const LABEL_W: u128 = 230;
const BAR_W: u128 = 330;
const FIGURE_W: u128 = 100;
const ROW_H: u128 = 24;
const BAR_H: u128 = 16;
const TOP: u128 = 8;

/// Opens a chart's `<svg>` of `width` by `height` units, labelled for
/// screen readers by its `<title>` (`role="img"`, `aria-labelledby`).
fn open_svg(h: &mut Html, id: &str, title: &str, width: u128, height: u128) {
    let title_id = format!("{id}-title");
    h.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "chart"),
            ("role", "img"),
            ("aria-labelledby", &title_id),
            ("viewBox", &format!("0 0 {width} {height}")),
            ("width", &width.to_string()),
            ("height", &height.to_string()),
        ],
    );
    h.el("title", &[("id", &title_id)], title);
}

/// A row's label, right-aligned before the plot, shortened to fit.
fn row_label(h: &mut Html, y: u128, label: &str) {
    h.el(
        "text",
        &[
            ("x", &(LABEL_W - 6).to_string()),
            ("y", &(y + 13).to_string()),
            ("text-anchor", "end"),
            ("class", "label"),
        ],
        &short(label),
    );
}

/// A horizontal bar chart, one bar per item, with an optional marker line
/// (the quota) at `marker` units.
pub(crate) fn bars(
    h: &mut Html,
    id: &str,
    title: &str,
    bars: &[Bar<'_>],
    marker: Option<(u128, &str)>,
) {
    let max = bars
        .iter()
        .map(|b| b.units)
        .chain(marker.map(|m| m.0))
        .max()
        .unwrap_or(0);
    let width = LABEL_W + BAR_W + FIGURE_W;
    // A usize always fits a u128, and a count of rows times 24 cannot
    // overflow one.
    let rows = u128::try_from(bars.len()).unwrap_or(0);
    let height = TOP * 2 + rows * ROW_H + if marker.is_some() { ROW_H } else { 0 };
    open_svg(h, id, title, width, height);
    for (i, b) in bars.iter().enumerate() {
        let i = u128::try_from(i).unwrap_or(0);
        let y = TOP + i * ROW_H;
        let len = scaled(b.units, BAR_W, max);
        h.open("g", &[("class", "bar")]);
        h.el("title", &[], &format!("{}: {}", b.label, b.figure));
        row_label(h, y, b.label);
        h.empty(
            "rect",
            &[
                ("x", &LABEL_W.to_string()),
                ("y", &(y + 2).to_string()),
                ("width", &len.to_string()),
                ("height", &BAR_H.to_string()),
                ("fill", b.colour),
            ],
        );
        h.el(
            "text",
            &[
                ("x", &(LABEL_W + len + 6).to_string()),
                ("y", &(y + 13).to_string()),
                ("class", "figure"),
            ],
            &b.figure,
        );
        h.close("g");
    }
    if let Some((units, label)) = marker {
        let x = LABEL_W + scaled(units, BAR_W, max);
        let bottom = TOP + rows * ROW_H;
        h.open("g", &[("class", "marker")]);
        h.empty(
            "line",
            &[
                ("x1", &x.to_string()),
                ("y1", &TOP.to_string()),
                ("x2", &x.to_string()),
                ("y2", &bottom.to_string()),
                ("stroke", "#000"),
                ("stroke-dasharray", "4 3"),
            ],
        );
        h.el(
            "text",
            &[
                ("x", &x.to_string()),
                ("y", &(bottom + 16).to_string()),
                ("text-anchor", "middle"),
                ("class", "label"),
            ],
            label,
        );
        h.close("g");
    }
    h.close("svg");
}

/// One series of a line chart: a label, a colour and one value per point.
pub(crate) struct Series<'a> {
    pub(crate) label: &'a str,
    pub(crate) colour: &'static str,
    pub(crate) points: Vec<u128>,
}

const PLOT_W: u128 = 520;
const PLOT_H: u128 = 260;
const LEFT: u128 = 40;
const RIGHT_LABELS: u128 = 200;

/// A line chart: one polyline per series across `points` (the stages),
/// with an optional horizontal marker (the quota).
pub(crate) fn lines(
    h: &mut Html,
    id: &str,
    title: &str,
    series: &[Series<'_>],
    marker: Option<(u128, &str)>,
) {
    let n = series.iter().map(|s| s.points.len()).max().unwrap_or(0);
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .chain(marker.map(|m| m.0))
        .max()
        .unwrap_or(0);
    let steps = u128::try_from(n.max(1) - 1).unwrap_or(0).max(1);
    let x_of = |i: usize| LEFT + u128::try_from(i).unwrap_or(0) * PLOT_W / steps;
    let y_of = |v: u128| TOP + PLOT_H - scaled(v, PLOT_H, max);
    let width = LEFT + PLOT_W + RIGHT_LABELS;
    let height = TOP + PLOT_H + 30;
    open_svg(h, id, title, width, height);
    // The axis and a tick per stage.
    let base = TOP + PLOT_H;
    h.empty(
        "line",
        &[
            ("x1", &LEFT.to_string()),
            ("y1", &base.to_string()),
            ("x2", &(LEFT + PLOT_W).to_string()),
            ("y2", &base.to_string()),
            ("stroke", "#000"),
        ],
    );
    // Stage numbers: every one up to 15 stages, else every fifth.
    let every = if n > 15 { 5 } else { 1 };
    for i in 0..n {
        if (i + 1) % every == 0 || i == 0 {
            h.el(
                "text",
                &[
                    ("x", &x_of(i).to_string()),
                    ("y", &(base + 16).to_string()),
                    ("text-anchor", "middle"),
                    ("class", "label"),
                ],
                &(i + 1).to_string(),
            );
        }
    }
    if let Some((units, label)) = marker {
        let y = y_of(units);
        h.open("g", &[("class", "marker")]);
        h.empty(
            "line",
            &[
                ("x1", &LEFT.to_string()),
                ("y1", &y.to_string()),
                ("x2", &(LEFT + PLOT_W).to_string()),
                ("y2", &y.to_string()),
                ("stroke", "#000"),
                ("stroke-dasharray", "4 3"),
            ],
        );
        h.el(
            "text",
            &[("x", "2"), ("y", &(y + 4).to_string()), ("class", "label")],
            label,
        );
        h.close("g");
    }
    for (k, s) in series.iter().enumerate() {
        let points: Vec<String> = s
            .points
            .iter()
            .enumerate()
            .map(|(i, &v)| format!("{},{}", x_of(i), y_of(v)))
            .collect();
        // Dash patterns tell apart candidates of one colour.
        let dash = ["", "6 3", "2 3", "8 3 2 3"][k % 4];
        h.open("g", &[("class", "series")]);
        h.el("title", &[], s.label);
        let mut attrs = vec![
            ("points", points.join(" ")),
            ("fill", "none".to_owned()),
            ("stroke", s.colour.to_owned()),
            ("stroke-width", "2".to_owned()),
        ];
        if !dash.is_empty() {
            attrs.push(("stroke-dasharray", dash.to_owned()));
        }
        let attrs: Vec<(&'static str, &str)> =
            attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        h.empty("polyline", &attrs);
        // Candidates who end on nothing (excluded) are not labelled at the
        // line's end, where their labels would overlap; the title of the
        // line and the table name them.
        if let Some(&last) = s.points.last().filter(|&&v| v > 0) {
            h.el(
                "text",
                &[
                    ("x", &(x_of(s.points.len().max(1) - 1) + 6).to_string()),
                    ("y", &(y_of(last) + 4).to_string()),
                    ("class", "label"),
                ],
                &short(s.label),
            );
        }
        h.close("g");
    }
    h.close("svg");
}

/// One stacked bar: its label and each segment's units (in a shared order
/// of keys, coloured by `colours`).
pub(crate) struct Stack<'a> {
    pub(crate) label: &'a str,
    pub(crate) segments: Vec<u128>,
}

/// Stacked horizontal bars, each the full width (shares of its own total):
/// a segment's width is its units × width ÷ total rounded down, and the
/// last non-empty segment takes what rounding left, so every bar is
/// exactly the full width. Below them, a legend of `keys`.
pub(crate) fn stacks(
    h: &mut Html,
    id: &str,
    title: &str,
    keys: &[(&str, &'static str)],
    stacks: &[Stack<'_>],
) {
    let width = LABEL_W + BAR_W + FIGURE_W;
    let rows = u128::try_from(stacks.len()).unwrap_or(0);
    let legend_rows = u128::try_from(keys.len().div_ceil(2)).unwrap_or(0);
    let height = TOP * 2 + rows * ROW_H + legend_rows * ROW_H + 8;
    open_svg(h, id, title, width, height);
    let span = BAR_W + FIGURE_W - 10;
    for (i, s) in stacks.iter().enumerate() {
        let y = TOP + u128::try_from(i).unwrap_or(0) * ROW_H;
        let total: u128 = s.segments.iter().sum();
        h.open("g", &[("class", "stack")]);
        row_label(h, y, s.label);
        let last = s.segments.iter().rposition(|&u| u > 0);
        let mut x = LABEL_W;
        for (k, &u) in s.segments.iter().enumerate() {
            if u == 0 {
                continue;
            }
            let w = if Some(k) == last {
                LABEL_W + span - x
            } else {
                scaled(u, span, total)
            };
            let (key, colour) = keys.get(k).copied().unwrap_or(("", NEUTRAL));
            h.open("g", &[]);
            h.el("title", &[], &format!("{}: {key}", s.label));
            h.empty(
                "rect",
                &[
                    ("x", &x.to_string()),
                    ("y", &(y + 2).to_string()),
                    ("width", &w.to_string()),
                    ("height", &BAR_H.to_string()),
                    ("fill", colour),
                    ("stroke", "#fff"),
                ],
            );
            h.close("g");
            x += w;
        }
        h.close("g");
    }
    let legend_top = TOP + rows * ROW_H + 8;
    for (k, (key, colour)) in keys.iter().enumerate() {
        let k128 = u128::try_from(k).unwrap_or(0);
        let x = LABEL_W * (k128 % 2) + 10;
        let y = legend_top + (k128 / 2) * ROW_H;
        h.empty(
            "rect",
            &[
                ("x", &x.to_string()),
                ("y", &(y + 2).to_string()),
                ("width", "14"),
                ("height", "14"),
                ("fill", colour),
            ],
        );
        h.el(
            "text",
            &[
                ("x", &(x + 20).to_string()),
                ("y", &(y + 13).to_string()),
                ("class", "label"),
            ],
            &short(key),
        );
    }
    h.close("svg");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.1 relative luminance and contrast ratio, in floating point:
    /// a display check of the colour table, not a count.
    #[allow(clippy::float_arithmetic)]
    fn contrast_with_white(hex: &str) -> f64 {
        let c = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5);
        1.05 / (l + 0.05)
    }

    #[test]
    fn every_colour_has_at_least_3_to_1_contrast_against_white() {
        for p in PARTY_COLOURS.iter().map(|p| p.colour).chain([NEUTRAL]) {
            let r = contrast_with_white(p);
            assert!(r >= 3.0, "{p}: {r}");
        }
    }

    #[test]
    fn descriptions_find_their_colour_and_others_the_neutral() {
        assert_eq!(colour_for(Some("Labour Party")), "#c8102e");
        assert_eq!(colour_for(Some("Liberal Democrats")), "#a35200");
        assert_eq!(colour_for(Some("Scottish National Party (SNP)")), "#6b5e00");
        assert_eq!(colour_for(Some("Independent")), NEUTRAL);
        assert_eq!(colour_for(None), NEUTRAL);
    }

    #[test]
    fn bar_lengths_are_exact_integer_shares_of_the_largest() {
        // 330 × 250 ÷ 1000 = 82.5, rounded down to 82.
        assert_eq!(scaled(250, 330, 1000), 82);
        assert_eq!(scaled(1000, 330, 1000), 330);
        assert_eq!(scaled(5, 330, 0), 0);
    }
}
