//! The STV transfers as a flow chart: an inline SVG drawn from the stage
//! sheet with integer geometry.
//!
//! One column per candidate (in ballot-paper order) and one for the votes
//! not transferred (non-transferable papers and the loss to truncation).
//! Each column is a stack of what the candidate received, from the bottom:
//! the first preferences, then each stage's transfer to them, coloured by
//! where the votes came from. The part a candidate passed on (a surplus or,
//! on exclusion, everything) is drawn faded, and from it one band (a
//! `<g class="flow">` holding a `<path>`) runs to each recipient's segment
//! of that stage: one flow per (stage, recipient) with a non-zero transfer,
//! the non-transferable papers and the loss to truncation each counting as
//! a recipient. The quota is a dashed horizontal line.
//!
//! Geometry: a height is `value × plot height ÷ largest`, rounded down (the
//! one rounding, as in [`crate::chart`]), always taken of a cumulative sum
//! so that segments and bands tile exactly: a stage's bands, end to end,
//! are exactly as tall as the part transferred, and no height is negative.
//!
//! A bulk exclusion (NI r.51(12)) moves the excluded candidates' papers
//! together and the sheet gives only what each recipient received, not
//! from whom: its bands leave the excluded candidates' faded parts taken
//! end to end in ballot-paper order, which may split one band in two paths
//! (still one flow).
//!
//! The text equivalent is the transfers table (stage, from, to, votes),
//! written by the `other` module beside the chart from the same [`flows`].

use countroom_stv::{Action, StageSheet, Value};

use crate::chart;
use crate::markup::Html;

/// Where a stage's votes went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Recipient {
    /// A candidate (0-based, ballot-paper order).
    Candidate(usize),
    /// Papers that became non-transferable at this stage.
    NonTransferable,
    /// Value lost to truncation at this stage (a surplus's remainder).
    Truncation,
}

/// One stage's transfer to one recipient, as the sheet gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// The stage number (2 onwards).
    pub stage: u32,
    /// The candidates whose votes were transferred (0-based): one, or
    /// several for a bulk exclusion.
    pub from: Vec<usize>,
    /// Who received them.
    pub to: Recipient,
    /// The value received (positive).
    pub value: Value,
}

/// Every transfer of the sheet, stage by stage, recipients in
/// ballot-paper order and then the non-transferable papers and the loss to
/// truncation. Non-transferable and truncation figures are the stage's
/// increase of the sheet's cumulative figures. Zero transfers are left
/// out.
#[must_use]
pub fn flows(sheet: &StageSheet) -> Vec<Flow> {
    let mut out = Vec::new();
    for pair in sheet.stages.windows(2) {
        let (prev, s) = (&pair[0], &pair[1]);
        let from = sources(s);
        if from.is_empty() {
            continue;
        }
        for (c, v) in s.transfers.iter().enumerate() {
            if v.units() > 0 {
                out.push(Flow {
                    stage: s.number,
                    from: from.clone(),
                    to: Recipient::Candidate(c),
                    value: *v,
                });
            }
        }
        for (to, now, before) in [
            (
                Recipient::NonTransferable,
                s.non_transferable,
                prev.non_transferable,
            ),
            (Recipient::Truncation, s.rounding_loss, prev.rounding_loss),
        ] {
            if let Some(v) = now.checked_sub(before).filter(|v| v.units() > 0) {
                out.push(Flow {
                    stage: s.number,
                    from: from.clone(),
                    to,
                    value: v,
                });
            }
        }
    }
    out
}

/// The candidates a stage transfers from: the action's, else those with a
/// negative transfer.
fn sources(s: &countroom_stv::Stage) -> Vec<usize> {
    match &s.action {
        Action::Surplus(c) | Action::Exclusion(c) => vec![*c],
        Action::BulkExclusion(cs) => cs.clone(),
        _ => s
            .transfers
            .iter()
            .enumerate()
            .filter(|(_, v)| v.units() < 0)
            .map(|(c, _)| c)
            .collect(),
    }
}

fn units(v: Value) -> u128 {
    u128::try_from(v.units()).unwrap_or(0)
}

/// One band's path: from the source column's edge at `x0`, between `y0`
/// (top) and `y1` (bottom), to the recipient's edge at `x1` between `z0`
/// and `z1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// The source edge.
    pub x0: u128,
    /// The source part's top.
    pub y0: u128,
    /// The source part's bottom.
    pub y1: u128,
    /// The recipient edge.
    pub x1: u128,
    /// The recipient segment's top.
    pub z0: u128,
    /// The recipient segment's bottom.
    pub z1: u128,
}

/// One segment of a column: what the column's candidate (or the
/// not-transferred column) received at a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// The column (candidate index; the candidates' count for the
    /// not-transferred column).
    pub column: usize,
    /// The stage.
    pub stage: u32,
    /// Top and bottom, in chart units.
    pub top: u128,
    /// The bottom.
    pub bottom: u128,
    /// Where the votes came from (`None`: first preferences).
    pub from: Option<usize>,
}

/// A faded part: what a candidate passed on at a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faded {
    /// The candidate.
    pub column: usize,
    /// Top and bottom, in chart units.
    pub top: u128,
    /// The bottom.
    pub bottom: u128,
}

/// The chart's layout, every figure an integer of the `viewBox`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Width of the chart.
    pub width: u128,
    /// Height of the chart.
    pub height: u128,
    /// Width of a column's slot and of its bar.
    pub slot: u128,
    /// The bar's width.
    pub bar: u128,
    /// The plot's baseline.
    pub base: u128,
    /// The quota line's height.
    pub quota_y: u128,
    /// The columns' segments.
    pub segments: Vec<Segment>,
    /// The faded parts.
    pub faded: Vec<Faded>,
    /// One entry per flow of [`flows`] (same order): its paths.
    pub bands: Vec<Vec<Band>>,
}

const LEFT: u128 = 70;
const RIGHT: u128 = 20;
const TOP: u128 = 12;
const PLOT_H: u128 = 300;
const LABELS_H: u128 = 190;
/// The widest and narrowest slot: 64 units for a few candidates, down to
/// 12 so that 60 candidates stay within about 800 units.
const SLOT_MAX: u128 = 64;
const SLOT_MIN: u128 = 12;
const PLOT_W: u128 = 720;

fn idx(i: usize) -> u128 {
    u128::try_from(i).unwrap_or(0)
}

/// Lays the chart out from the sheet and its [`flows`].
#[must_use]
pub fn layout(sheet: &StageSheet, flows: &[Flow]) -> Layout {
    let n = sheet.candidates.len();
    let columns = n + 1;
    let slot = (PLOT_W / idx(columns).max(1)).clamp(SLOT_MIN, SLOT_MAX);
    let bar = slot - (slot / 4).max(2);
    // What each column received, stage by stage, in value units.
    let mut received: Vec<Vec<(u32, u128, Option<usize>)>> = vec![Vec::new(); columns];
    if let Some(first) = sheet.stages.first() {
        for (c, v) in first.transfers.iter().enumerate().take(n) {
            if v.units() > 0 {
                received[c].push((first.number, units(*v), None));
            }
        }
    }
    for f in flows {
        let col = match f.to {
            Recipient::Candidate(c) => c.min(n),
            Recipient::NonTransferable | Recipient::Truncation => n,
        };
        received[col].push((f.stage, units(f.value), f.from.first().copied()));
    }
    let heights: Vec<u128> = received
        .iter()
        .map(|r| r.iter().map(|x| x.1).sum())
        .collect();
    let max = heights
        .iter()
        .copied()
        .chain([units(sheet.quota)])
        .max()
        .unwrap_or(0);
    let base = TOP + PLOT_H;
    let y = |v: u128| base - scaled(v, max);
    let x_of = |col: usize| LEFT + idx(col) * slot + (slot - bar) / 2;
    let mut segments = Vec::new();
    // Where each (column, stage, source) segment sits, in value units.
    let mut placed: Vec<Vec<(u32, u128, u128)>> = vec![Vec::new(); columns];
    for (col, r) in received.iter().enumerate() {
        let mut cum = 0u128;
        for &(stage, u, from) in r {
            let lo = cum;
            cum += u;
            segments.push(Segment {
                column: col,
                stage,
                top: y(cum),
                bottom: y(lo),
                from,
            });
            placed[col].push((stage, lo, cum));
        }
    }
    // The faded parts and the bands: a stage's outgoing strip is each
    // source's transferred part (the top of its total before the stage),
    // taken end to end.
    let mut faded = Vec::new();
    let mut bands = Vec::with_capacity(flows.len());
    let mut next_placed = vec![0usize; columns];
    let mut strip: Vec<(usize, u128, u128)> = Vec::new();
    let mut strip_stage = None;
    let mut offset = 0u128;
    for f in flows {
        if strip_stage != Some(f.stage) {
            strip_stage = Some(f.stage);
            offset = 0;
            strip = outgoing(sheet, f.stage, &f.from);
            for &(c, lo, hi) in &strip {
                faded.push(Faded {
                    column: c,
                    top: y(hi),
                    bottom: y(lo),
                });
            }
        }
        let col = match f.to {
            Recipient::Candidate(c) => c.min(n),
            Recipient::NonTransferable | Recipient::Truncation => n,
        };
        let (z_lo, z_hi) = placed[col]
            .get(next_placed[col])
            .map_or((0, 0), |p| (p.1, p.2));
        next_placed[col] += 1;
        let (a, b) = (offset, offset + units(f.value));
        offset = b;
        let mut paths = Vec::new();
        let mut start = 0u128;
        for &(c, lo, hi) in &strip {
            let len = hi - lo;
            let (s0, s1) = (a.max(start), b.min(start + len));
            if s0 < s1 {
                // The part of this band within this source's strip, and
                // the matching part of the recipient's segment.
                let (v0, v1) = (lo + (s0 - start), lo + (s1 - start));
                let (w0, w1) = (z_lo + (s0 - a), z_lo + (s1 - a));
                let rightwards = col > c;
                let (x0, x1) = if rightwards {
                    (x_of(c) + bar, x_of(col))
                } else {
                    (x_of(c), x_of(col) + bar)
                };
                paths.push(Band {
                    x0,
                    y0: y(v1),
                    y1: y(v0),
                    x1,
                    z0: y(w1.min(z_hi)),
                    z1: y(w0.min(z_hi)),
                });
            }
            start += len;
        }
        bands.push(paths);
    }
    Layout {
        width: LEFT + idx(columns) * slot + RIGHT,
        height: base + LABELS_H,
        slot,
        bar,
        base,
        quota_y: y(units(sheet.quota)),
        segments,
        faded,
        bands,
    }
}

/// `value × PLOT_H ÷ max`, rounded down; 0 when `max` is 0.
fn scaled(value: u128, max: u128) -> u128 {
    value
        .checked_mul(PLOT_H)
        .and_then(|x| x.checked_div(max))
        .unwrap_or(0)
}

/// The sources' transferred parts at `stage`, in value units: `(candidate,
/// low, high)`, the top of each source's total before the stage as far as
/// its transfer out.
fn outgoing(sheet: &StageSheet, stage: u32, from: &[usize]) -> Vec<(usize, u128, u128)> {
    let Some(k) = sheet.stages.iter().position(|s| s.number == stage) else {
        return Vec::new();
    };
    let (Some(prev), Some(s)) = (
        k.checked_sub(1).and_then(|p| sheet.stages.get(p)),
        sheet.stages.get(k),
    ) else {
        return Vec::new();
    };
    // A source cannot pass on more than it had (r.49, r.51): a sheet that
    // says so has its band drawn without that source's part.
    from.iter()
        .filter_map(|&c| {
            let before = prev.totals.get(c).map_or(0, |v| units(*v));
            let out = s
                .transfers
                .get(c)
                .and_then(|v| v.checked_neg())
                .map_or(0, units);
            Some((c, before.checked_sub(out)?, before))
        })
        .collect()
}

fn name(sheet: &StageSheet, i: usize) -> String {
    sheet.candidates.get(i).map_or_else(
        || "Not transferred".to_owned(),
        |c| String::from_utf8_lossy(&c.name).into_owned(),
    )
}

fn colour(sheet: &StageSheet, i: usize) -> &'static str {
    sheet.candidates.get(i).map_or(NOT_TRANSFERRED, |c| {
        chart::colour_for(
            c.party
                .as_deref()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .as_deref(),
        )
    })
}

/// The not-transferred column's colour: mid grey, 4.5:1 against white.
pub const NOT_TRANSFERRED: &str = "#767676";

/// A recipient's name as the chart and its table write it.
#[must_use]
pub fn recipient_name(sheet: &StageSheet, to: Recipient) -> String {
    match to {
        Recipient::Candidate(c) => name(sheet, c),
        Recipient::NonTransferable => "Non-transferable".to_owned(),
        Recipient::Truncation => "Loss to truncation".to_owned(),
    }
}

/// The sources' names, joined.
#[must_use]
pub fn from_name(sheet: &StageSheet, from: &[usize]) -> String {
    from.iter()
        .map(|&c| name(sheet, c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn to_data(to: Recipient) -> String {
    match to {
        Recipient::Candidate(c) => (c + 1).to_string(),
        Recipient::NonTransferable => "nt".to_owned(),
        Recipient::Truncation => "loss".to_owned(),
    }
}

/// The chart alone as SVG markup (what the stage sheet page embeds in its
/// `figure.flow-chart`), `id` naming its title.
#[must_use]
pub fn svg(id: &str, sheet: &StageSheet) -> String {
    let mut h = Html::new();
    chart(&mut h, id, sheet, &flows(sheet));
    h.finish()
}

/// Writes the chart (`id` names its title).
pub(crate) fn chart(h: &mut Html, id: &str, sheet: &StageSheet, flows: &[Flow]) {
    let p = sheet.places;
    let l = layout(sheet, flows);
    let n = sheet.candidates.len();
    let title_id = format!("{id}-title");
    h.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "chart flows"),
            ("role", "img"),
            ("aria-labelledby", &title_id),
            ("viewBox", &format!("0 0 {} {}", l.width, l.height)),
            ("width", &l.width.to_string()),
            ("height", &l.height.to_string()),
        ],
    );
    h.el(
        "title",
        &[("id", &title_id)],
        "The transfers stage by stage: each candidate's column is what they received, first preferences at the bottom; bands run from the votes a candidate passed on to each recipient; the dashed line is the quota",
    );
    // The bands first, under the columns.
    for (f, paths) in flows.iter().zip(&l.bands) {
        h.open(
            "g",
            &[
                ("class", "flow"),
                ("data-stage", &f.stage.to_string()),
                ("data-to", &to_data(f.to)),
                ("data-units", &f.value.units().to_string()),
            ],
        );
        h.el(
            "title",
            &[],
            &format!(
                "Stage {}: {} from {} to {}",
                f.stage,
                f.value.fixed(p),
                from_name(sheet, &f.from),
                recipient_name(sheet, f.to)
            ),
        );
        let fill = colour(sheet, f.from.first().copied().unwrap_or(n));
        for b in paths {
            let mid = (b.x0 + b.x1) / 2;
            let d = format!(
                "M{x0} {y0}C{mid} {y0} {mid} {z0} {x1} {z0}L{x1} {z1}C{mid} {z1} {mid} {y1} {x0} {y1}Z",
                x0 = b.x0,
                y0 = b.y0,
                y1 = b.y1,
                x1 = b.x1,
                z0 = b.z0,
                z1 = b.z1,
            );
            h.empty(
                "path",
                &[("d", &d), ("fill", fill), ("fill-opacity", "0.35")],
            );
        }
        h.close("g");
    }
    let x_of = |col: usize| LEFT + idx(col) * l.slot + (l.slot - l.bar) / 2;
    for s in &l.segments {
        let fill = s
            .from
            .map_or_else(|| colour(sheet, s.column), |f| colour(sheet, f));
        h.empty(
            "rect",
            &[
                ("class", "received"),
                ("x", &x_of(s.column).to_string()),
                ("y", &s.top.to_string()),
                ("width", &l.bar.to_string()),
                ("height", &(s.bottom - s.top).to_string()),
                ("fill", fill),
                ("stroke", "#fff"),
                ("stroke-width", "0.5"),
            ],
        );
    }
    for f in &l.faded {
        h.empty(
            "rect",
            &[
                ("class", "passed-on"),
                ("x", &x_of(f.column).to_string()),
                ("y", &f.top.to_string()),
                ("width", &l.bar.to_string()),
                ("height", &(f.bottom - f.top).to_string()),
                ("fill", "#fff"),
                ("fill-opacity", "0.6"),
            ],
        );
    }
    // The axis, the quota and the column labels.
    h.empty(
        "line",
        &[
            ("x1", &LEFT.to_string()),
            ("y1", &l.base.to_string()),
            ("x2", &(l.width - RIGHT).to_string()),
            ("y2", &l.base.to_string()),
            ("stroke", "#000"),
        ],
    );
    h.open("g", &[("class", "marker")]);
    h.empty(
        "line",
        &[
            ("x1", &LEFT.to_string()),
            ("y1", &l.quota_y.to_string()),
            ("x2", &(l.width - RIGHT).to_string()),
            ("y2", &l.quota_y.to_string()),
            ("stroke", "#000"),
            ("stroke-dasharray", "4 3"),
        ],
    );
    h.el(
        "text",
        &[
            ("x", &(LEFT + 4).to_string()),
            // Above the line, inside the plot (the line is at least TOP
            // units down).
            (
                "y",
                &l.quota_y.checked_sub(4).unwrap_or(l.quota_y).to_string(),
            ),
            ("class", "label"),
        ],
        &format!("quota {}", sheet.quota.fixed(p)),
    );
    h.close("g");
    for col in 0..=n {
        let x = x_of(col) + l.bar / 2 + 4;
        let y = l.base + 6;
        h.el(
            "text",
            &[
                ("x", &x.to_string()),
                ("y", &y.to_string()),
                ("text-anchor", "end"),
                ("transform", &format!("rotate(-90 {x} {y})")),
                ("class", "label"),
                // Narrow columns (more than about 44 candidates): smaller
                // labels, so that neighbours do not touch.
                ("style", if l.slot < 16 { "font-size:9px" } else { "" }),
            ],
            &short(&name(sheet, col)),
        );
    }
    h.close("svg");
}

/// Labels longer than this are shortened (the table has them in full).
const LABEL_CHARS: usize = 26;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use countroom_stv::{Ballot, Candidate, Election, LotSource, StvRules};
    use std::collections::BTreeSet;

    /// The shipped example ward (examples/data/stv-ward.blt), counted.
    fn ward() -> StageSheet {
        let blt = include_bytes!("../../../examples/data/stv-ward.blt");
        let e = countroom_stv::blt::read_lines(blt).unwrap();
        countroom_stv::count(StvRules::Scotland, &e, &mut LotSource::default()).unwrap()
    }

    /// A one-seat count of 31 candidates and 30 stages, each paper's next
    /// preference the next candidate.
    fn thirty() -> StageSheet {
        let n = 31u16;
        let candidates = (0..n)
            .map(|i| Candidate::new(format!("Candidate {i:02}").into_bytes()))
            .collect();
        let ballots = (0..n)
            .map(|i| Ballot {
                weight: 100 + 10 * u64::from(i),
                prefs: vec![i, (i + 1) % n],
            })
            .collect();
        let e = Election::new("Thirty", candidates, 1, BTreeSet::new(), ballots).unwrap();
        countroom_stv::count(StvRules::Scotland, &e, &mut LotSource::default()).unwrap()
    }

    /// Hand-worked (the golden test `cli_example_ward_golden` gives the
    /// working): stage 2 transfers FRASER's surplus of 10 (SLGEO 2011 Sch 1
    /// r.49): BROWN 30 × 0.27777 = 8.33310, ROSS 6 × 0.27777 = 1.66662,
    /// and 0.00028 lost to truncation; nothing non-transferable.
    #[test]
    fn the_example_wards_surplus_flows_are_the_hand_worked_figures() {
        let sheet = ward();
        let f = flows(&sheet);
        let stage2: Vec<_> = f.iter().filter(|f| f.stage == 2).collect();
        let got: Vec<(Recipient, i64)> = stage2.iter().map(|f| (f.to, f.value.units())).collect();
        assert_eq!(
            got,
            vec![
                (Recipient::Candidate(0), 833_310),
                (Recipient::Candidate(4), 166_662),
                (Recipient::Truncation, 28),
            ]
        );
        assert!(stage2.iter().all(|f| f.from == vec![2]));
    }

    /// Every stage's flows sum to what its sources passed on (the sheet's
    /// transfers balance: r.49, r.51), and a band's ends never have a
    /// negative height; the bands of a stage tile the faded part exactly.
    fn check(sheet: &StageSheet) {
        let f = flows(sheet);
        for s in sheet.stages.iter().skip(1) {
            let out: i64 = s
                .transfers
                .iter()
                .filter(|v| v.units() < 0)
                .map(|v| -v.units())
                .sum();
            let got: i64 = f
                .iter()
                .filter(|x| x.stage == s.number)
                .map(|x| x.value.units())
                .sum();
            assert_eq!(got, out, "stage {}", s.number);
        }
        let l = layout(sheet, &f);
        assert_eq!(l.bands.len(), f.len());
        for (fl, bands) in f.iter().zip(&l.bands) {
            assert!(!bands.is_empty(), "{fl:?}");
            for b in bands {
                assert!(b.y0 <= b.y1 && b.z0 <= b.z1, "{b:?}");
                assert!(b.y1 <= l.base && b.z1 <= l.base);
            }
        }
        // The faded part of each single-source stage is as tall as its bands
        // end to end.
        for s in sheet.stages.iter().skip(1) {
            let idx: Vec<usize> = f
                .iter()
                .enumerate()
                .filter(|(_, x)| x.stage == s.number)
                .map(|(i, _)| i)
                .collect();
            if idx.is_empty() {
                continue;
            }
            let tall: u128 = idx
                .iter()
                .flat_map(|&i| &l.bands[i])
                .map(|b| b.y1 - b.y0)
                .sum();
            let first = l.bands[idx[0]][0].y1;
            let last = l.bands[*idx.last().unwrap()].last().unwrap().y0;
            assert_eq!(tall, first - last, "stage {}", s.number);
        }
        for s in &l.segments {
            assert!(s.top <= s.bottom);
        }
        assert!(l.quota_y <= l.base);
    }

    #[test]
    fn flows_sum_to_the_transfers_and_no_width_is_negative() {
        check(&ward());
        check(&thirty());
    }

    #[test]
    fn thirty_stages_have_one_flow_per_stage_and_recipient() {
        let sheet = thirty();
        let f = flows(&sheet);
        let want: usize = sheet
            .stages
            .windows(2)
            .map(|w| {
                w[1].transfers.iter().filter(|v| v.units() > 0).count()
                    + usize::from(w[1].non_transferable > w[0].non_transferable)
                    + usize::from(w[1].rounding_loss > w[0].rounding_loss)
            })
            .sum();
        assert_eq!(f.len(), want);
        assert!(f.len() >= 29);
        let l = layout(&sheet, &f);
        // 32 columns at 22 units (720 ÷ 32 = 22.5, rounded down).
        assert_eq!(l.slot, 22);
        assert_eq!(l.width, 70 + 32 * 22 + 20);
    }

    proptest::proptest! {
        /// Random small counts: flows balance and no height is negative.
        #[test]
        fn random_counts_balance(
            weights in proptest::collection::vec((1u64..50, 0u16..6, 0u16..6, 0u16..6), 1..25),
            seats in 1usize..3,
        ) {
            let candidates = (0..6).map(|i| Candidate::new(format!("C{i}").into_bytes())).collect();
            let ballots = weights.iter().map(|&(w, a, b, c)| {
                let mut prefs = vec![a];
                if b != a { prefs.push(b); }
                if c != a && c != b { prefs.push(c); }
                Ballot { weight: w, prefs }
            }).collect();
            let e = Election::new("P", candidates, seats, BTreeSet::new(), ballots).unwrap();
            let mut lots = LotSource::default();
            if let Ok(sheet) = countroom_stv::count(StvRules::Scotland, &e, &mut lots) {
                check(&sheet);
            }
        }
    }
}
