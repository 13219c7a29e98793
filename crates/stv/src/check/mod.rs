//! Checking a published stage sheet without the ballots.
//!
//! [`check`] takes a [`PublishedSheet`] (read by [`read`] from the CSV
//! `countroom stv` writes, the official Scottish "Candidate Votes Per Stage"
//! report as text or as CSV, or the NI count-sheet CSVs) and the rules, and reports
//! every departure it can see from the figures alone, as [`Finding`]s with
//! the stage (count) number, the rule and the figures:
//!
//! - the quota: floor(valid / (seats + 1)) + 1 (Scotland r.47; NI r.48);
//! - every stage balances: the candidates' totals, the non-transferable
//!   votes and the loss to truncation so far equal the valid vote, exactly
//!   at the sheet's places; and each candidate's total is the previous total
//!   plus the stage's transfer;
//! - the next action is the one the rules require: the largest surplus
//!   first (Scotland r.50; NI r.50(1)), else the lowest candidate excluded
//!   (Scotland r.51; NI r.51), ties by the most recent preceding stage at
//!   which they differed (Scotland r.50, r.52) or the earliest (NI r.50(1)(a),
//!   r.51(13)(a)); under the NI rules a surplus deferred when it cannot
//!   change the exclusion (r.49(10)) and the lowest candidates excluded
//!   together when they may be (r.51(12));
//! - transfers within their bounds: nothing negative but the transferring
//!   candidate's, a surplus leaving its candidate on the quota, an excluded
//!   candidate left on nothing, the non-transferable votes never falling
//!   (so no transfer value above the value received);
//! - no transfer to a candidate already elected or excluded;
//! - who is elected, and when (Scotland r.48, r.53; NI r.48, r.52(2)-(3)),
//!   against the sheet's markers; and the count stops once the last
//!   vacancy is filled, and not before.
//!
//! Arithmetic is exact ([`Value`], the sheet's decimal places). Ties the
//! rules settle by lot accept any of the tied candidates.

pub mod read;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::sheet::StvRules;
use crate::value::Value;

/// What a published stage did, as the sheet states it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PublishedAction {
    /// The first preferences (stage 1).
    FirstPreferences,
    /// The transfer of this candidate's surplus (0-based).
    Surplus(usize),
    /// The exclusion of these candidates (0-based; more than one is a bulk
    /// exclusion).
    Exclusion(Vec<usize>),
    /// Not stated (the NI count sheets): worked out from who gives up
    /// votes.
    NotStated,
}

/// One stage (count) of a published sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedStage {
    /// The stage number as published.
    pub number: u32,
    /// The line of the file where the stage starts (1-based).
    pub line: usize,
    /// The action.
    pub action: PublishedAction,
    /// Each candidate's transfer at this stage.
    pub transfers: Vec<Value>,
    /// Each candidate's total after this stage.
    pub totals: Vec<Value>,
    /// Non-transferable votes so far (cumulative).
    pub non_transferable: Value,
    /// Loss to truncation so far (cumulative; zero where the sheet counts
    /// it within the non-transferable votes).
    pub loss: Value,
    /// Candidates the sheet marks elected at this stage (0-based), if it
    /// marks them.
    pub elected: Vec<usize>,
}

/// A published stage sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedSheet {
    /// The file it was read from (for findings).
    pub file: String,
    /// The contest, as named.
    pub title: String,
    /// The candidates, in the sheet's order.
    pub candidates: Vec<String>,
    /// Seats.
    pub seats: usize,
    /// The valid vote, if published (else the first stage's sum is used).
    pub valid: Option<u64>,
    /// The quota, if published.
    pub quota: Option<u64>,
    /// Decimal places of the figures.
    pub places: u32,
    /// Whether the sheet marks who is elected at each stage.
    pub marks_elected: bool,
    /// Candidates the sheet marks withdrawn (0-based): on the ballot
    /// file but never standing, so never continuing, never excluded or
    /// elected (countroom's sheets show them with 0 votes and `Withdrawn`).
    pub withdrawn: Vec<usize>,
    /// The stages in order.
    pub stages: Vec<PublishedStage>,
}

/// One departure from the rules or from the sheet's own arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The stage (count) number; `None` for the sheet as a whole.
    pub stage: Option<u32>,
    /// What kind: `quota`, `balance`, `row`, `order`, `deferral`,
    /// `bulk_exclusion`, `bounds`, `inactive_transfer`, `election`, `stop`,
    /// `precision` (a figure finer than the rules' units: hundredths under
    /// the NI rules, 0.00001 under the Scottish),
    /// `numbering` (NI: the last exclusion, which transfers nothing, shown
    /// as a count of its own),
    /// `shape` (stages without one figure per candidate, or a figure too
    /// large to check exactly: nothing else is checked).
    pub kind: &'static str,
    /// The rule cited.
    pub rule: String,
    /// What is wrong, with the figures.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.stage {
            Some(n) => write!(f, "stage {n}: ")?,
            None => write!(f, "sheet: ")?,
        }
        write!(f, "{} ({}): {}", self.kind, self.rule, self.message)
    }
}

fn rule(rules: StvRules, scotland: &str, ni: &str) -> String {
    match rules {
        StvRules::Scotland => format!("SLGEO 2011 Sch 1 {scotland}"),
        StvRules::NorthernIreland => format!("ELA(NI) 1962 Sch 5 {ni}"),
    }
}

struct Ctx<'a> {
    sheet: &'a PublishedSheet,
    rules: StvRules,
    findings: Vec<Finding>,
}

impl Ctx<'_> {
    fn push(&mut self, stage: Option<u32>, kind: &'static str, rule: String, message: String) {
        self.findings.push(Finding {
            stage,
            kind,
            rule,
            message,
        });
    }
    fn name(&self, c: usize) -> &str {
        self.sheet.candidates.get(c).map_or("?", String::as_str)
    }
    fn names(&self, cs: &[usize]) -> String {
        cs.iter()
            .map(|c| self.name(*c))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn fx(&self, v: Value) -> String {
        v.fixed(self.sheet.places).to_string()
    }
}

/// The vacancies still to fill. Never clamps: the check deems elected at
/// most the vacancies left at each stage (`elect` truncates those on the
/// quota to them, and rule 52 / r.53 fill only what is left).
fn vacancies_left(seats: usize, elected: &[usize]) -> usize {
    seats.saturating_sub(elected.len())
}

// The sums and differences of a sheet's figures. `check` first makes sure
// every figure is small enough (`figures_fit`) that no sum or difference it
// forms can leave the range, so these never fall back.
fn add(a: Value, b: Value) -> Value {
    a.checked_add(b).unwrap_or(a)
}
fn sub(a: Value, b: Value) -> Value {
    a.checked_sub(b).unwrap_or(a)
}

/// The largest figure on `sheet` (in units), with where it is, if any
/// figure is too large for the check's sums: every sum `check` forms adds
/// at most 4 × (candidates + 4) figures of at most this size, which must
/// fit in the fixed-point type. Figures that large are never a count's
/// (they are past 10^16 votes), and the check refuses them rather than
/// clamp a sum.
fn too_large(sheet: &PublishedSheet) -> Option<(u32, i64)> {
    // A count of candidates: past i64::MAX the room is 0 and every figure
    // is refused as too large, never clamped.
    let n = i64::try_from(sheet.candidates.len()).unwrap_or(i64::MAX);
    let room = n
        .checked_add(4)
        .and_then(|k| k.checked_mul(4))
        .map_or(0, |k| i64::MAX / k);
    let valid = sheet
        .valid
        .map(|v| Value::whole(v, sheet.places).map_or(i64::MAX, |x| x.units()));
    if let Some(v) = valid {
        if v > room {
            return Some((0, v));
        }
    }
    for st in &sheet.stages {
        let figures = st
            .transfers
            .iter()
            .chain(&st.totals)
            .chain([&st.non_transferable, &st.loss]);
        for f in figures {
            // |i64::MIN| is past i64::MAX: still too large, and refused.
            let u = f.units().checked_abs().unwrap_or(i64::MAX);
            if u > room {
                return Some((st.number, u));
            }
        }
    }
    None
}

/// Picks among `tied` (equal now) by the stage history `hist` (totals at
/// the end of each earlier stage, oldest first): the most recent stage at
/// which they differed (Scotland) or the earliest (NI). `highest` picks the
/// highest there (surplus order), else the lowest (exclusion). Returns the
/// candidates still tied (more than one only when a lot is needed).
fn break_tie(rules: StvRules, hist: &[Vec<Value>], tied: &[usize], highest: bool) -> Vec<usize> {
    let order: Box<dyn Iterator<Item = &Vec<Value>>> = match rules {
        StvRules::NorthernIreland => Box::new(hist.iter()),
        _ => Box::new(hist.iter().rev()),
    };
    for totals in order {
        let vals: Vec<Value> = tied.iter().map(|c| totals[*c]).collect();
        if vals.iter().all(|v| *v == vals[0]) {
            continue;
        }
        let pick = if highest {
            vals.iter().max()
        } else {
            vals.iter().min()
        };
        let Some(&pick) = pick else { break };
        return tied
            .iter()
            .copied()
            .filter(|c| totals[*c] == pick)
            .collect();
    }
    tied.to_vec()
}

/// A `precision` finding for a stage with a figure finer than the rules'
/// units (a sheet of 5-place figures checked under the NI rules, which work
/// in hundredths): such a figure cannot arise under the rules given.
/// Trailing zeros are only how a figure is printed (`26.00000` is 26).
fn precision(cx: &mut Ctx<'_>, st: &PublishedStage) {
    let places = cx.sheet.places;
    // The rules' units (`StvRules::places`): the Scottish rules in 0.00001
    // of a vote (SLGEO 2011 Sch 1 r.49: "to five decimal places (any
    // remainder being ignored)"), the NI rules in hundredths (ELA(NI) 1962
    // Sch 5 r.49(4)(b): "to two decimal places (ignoring the remainder if
    // any)"). Every figure of a count under the rules is a whole number of
    // them: papers at 1 vote, and values truncated to them.
    let unit_places = cx.rules.places();
    let Some(step) = places
        .checked_sub(unit_places)
        .filter(|d| *d > 0)
        .and_then(|d| 10_i64.checked_pow(d))
    else {
        return;
    };
    let mut finer: Vec<String> = Vec::new();
    for (c, (tr, tot)) in st.transfers.iter().zip(&st.totals).enumerate() {
        for (what, v) in [("transfer", tr), ("total", tot)] {
            if v.units() % step != 0 {
                finer.push(format!("{}'s {what} {}", cx.name(c), cx.fx(*v)));
            }
        }
    }
    for (what, v) in [
        ("non-transferable votes", st.non_transferable),
        ("loss to truncation", st.loss),
    ] {
        if v.units() % step != 0 {
            finer.push(format!("{what} {}", cx.fx(v)));
        }
    }
    if finer.is_empty() {
        return;
    }
    let n = finer.len();
    let shown: Vec<String> = finer.into_iter().take(3).collect();
    let units = match cx.rules {
        StvRules::NorthernIreland => "hundredths of a vote",
        _ => "units of 0.00001 of a vote",
    };
    let m = format!(
        "{n} figure{} finer than the rules' {units}, which no count under these rules gives: {}{}",
        if n == 1 { " is" } else { "s are" },
        shown.join(", "),
        if n > 3 { ", …" } else { "" }
    );
    let r = rule(cx.rules, "r.49", "r.49(4)(b)");
    cx.push(Some(st.number), "precision", r, m);
}

/// Checks `sheet` under `rules`; the findings in stage order (none when the
/// sheet is consistent with the rules).
#[must_use]
pub fn check(sheet: &PublishedSheet, rules: StvRules) -> Vec<Finding> {
    let mut cx = Ctx {
        sheet,
        rules,
        findings: Vec::new(),
    };
    let n = sheet.candidates.len();
    let p = sheet.places;
    if let Some(st) = sheet.stages.iter().find(|st| {
        let acted = match &st.action {
            PublishedAction::Surplus(c) => *c >= n,
            PublishedAction::Exclusion(cs) => cs.iter().any(|c| *c >= n),
            _ => false,
        };
        acted
            || st.transfers.len() != n
            || st.totals.len() != n
            || st.elected.iter().any(|c| *c >= n)
    }) {
        let m = format!(
            "stage {} has {} transfers and {} totals for {n} candidates, or names a candidate beyond them",
            st.number,
            st.transfers.len(),
            st.totals.len()
        );
        cx.push(Some(st.number), "shape", rule(rules, "r.46", "r.47"), m);
        return cx.findings;
    }
    if let Some((stage, units)) = too_large(sheet) {
        let m = format!(
            "a figure of {units} units (10^-{p}) is too large to check exactly{}",
            if stage == 0 {
                " (the valid vote)".to_owned()
            } else {
                format!(" (stage {stage})")
            }
        );
        cx.push(
            (stage > 0).then_some(stage),
            "shape",
            rule(rules, "r.46", "r.47"),
            m,
        );
        return cx.findings;
    }
    let Some(first) = sheet.stages.first() else {
        cx.push(
            None,
            "stop",
            rule(rules, "r.46", "r.47"),
            "the sheet has no stages".to_owned(),
        );
        return cx.findings;
    };
    let first_sum = first.totals.iter().fold(Value::ZERO, |a, b| add(a, *b));
    let valid = sheet
        .valid
        .unwrap_or_else(|| u64::try_from(first_sum.whole_part(p).unwrap_or(0)).unwrap_or(0));
    let valid_v = Value::whole(valid, p).unwrap_or(Value::ZERO);
    let seats = sheet.seats;
    // `valid` fits the fixed-point type (checked above), so the quota
    // cannot overflow; seats + 1 is checked.
    let Some(quota_n) = u64::try_from(seats)
        .ok()
        .and_then(|s| s.checked_add(1))
        .and_then(|d| (valid / d).checked_add(1))
    else {
        let m = format!("{seats} seats: floor({valid} / (seats + 1)) + 1 cannot be worked out");
        cx.push(None, "shape", rule(rules, "r.47", "r.48"), m);
        return cx.findings;
    };
    if let Some(q) = sheet.quota {
        if q != quota_n {
            cx.push(
                None,
                "quota",
                rule(rules, "r.47", "r.48"),
                format!("quota published {q}; floor({valid} / ({seats} + 1)) + 1 = {quota_n}"),
            );
        }
    }
    let quota = Value::whole(quota_n, p).unwrap_or(Value::ZERO);

    let mut elected: Vec<usize> = Vec::new();
    // A withdrawn candidate never continues: taken as out of the count
    // from the start, so never the lowest to exclude.
    let mut excluded: BTreeSet<usize> = sheet.withdrawn.iter().copied().collect();
    // Surpluses not yet transferred (candidate, surplus).
    let mut pending: Vec<usize> = Vec::new();
    let mut hist: Vec<Vec<Value>> = Vec::new();
    let mut prev_diff = Value::ZERO;
    let mut prev: Option<&PublishedStage> = None;

    for (k, st) in sheet.stages.iter().enumerate() {
        let sn = Some(st.number);
        let last = k + 1 == sheet.stages.len();
        precision(&mut cx, st);
        // Balance (every vote accounted for, exactly).
        let sum = st.totals.iter().fold(Value::ZERO, |a, b| add(a, *b));
        let diff = sub(add(add(sum, st.non_transferable), st.loss), valid_v);
        if diff != prev_diff {
            let m = format!(
                "totals {} + non-transferable {} + loss {} = {}, valid vote {}: out by {} (was {})",
                cx.fx(sum),
                cx.fx(st.non_transferable),
                cx.fx(st.loss),
                cx.fx(add(add(sum, st.non_transferable), st.loss)),
                cx.fx(valid_v),
                cx.fx(diff),
                cx.fx(prev_diff)
            );
            cx.push(
                sn,
                "balance",
                rule(rules, "rr.46-51", "rr.47, 50(2), 51(10)"),
                m,
            );
            prev_diff = diff;
        }
        let Some(before) = prev else {
            // Stage 1.
            hist.push(st.totals.clone());
            elect(
                &mut cx,
                st,
                last,
                &mut elected,
                &mut pending,
                &mut excluded,
                quota,
                &hist,
            );
            prev = Some(st);
            continue;
        };
        // Each candidate's total = previous + transfer.
        for c in 0..n {
            let d = sub(sub(st.totals[c], before.totals[c]), st.transfers[c]);
            if d != Value::ZERO {
                let m = format!(
                    "{}: total {} is not previous {} + transfer {} (out by {})",
                    cx.name(c),
                    cx.fx(st.totals[c]),
                    cx.fx(before.totals[c]),
                    cx.fx(st.transfers[c]),
                    cx.fx(d)
                );
                cx.push(sn, "row", rule(rules, "rr.49-51", "rr.50(2), 51(10)"), m);
            }
        }
        // The count should have stopped.
        let vacancies = vacancies_left(seats, &elected);
        if vacancies == 0 {
            let m = format!(
                "every seat was filled by the end of stage {}; no further stage is required",
                before.number
            );
            cx.push(sn, "stop", rule(rules, "r.53", "r.52"), m);
        }
        // What the stage did.
        let action = match &st.action {
            PublishedAction::NotStated => {
                let giving: Vec<usize> =
                    (0..n).filter(|c| st.transfers[*c] < Value::ZERO).collect();
                match giving.as_slice() {
                    [c] if elected.contains(c) => PublishedAction::Surplus(*c),
                    _ => PublishedAction::Exclusion(giving),
                }
            }
            a => a.clone(),
        };
        if vacancies > 0 {
            let next = next_action(
                rules,
                seats,
                &before.totals,
                &elected,
                &excluded,
                &pending,
                quota,
                &hist,
            );
            check_order(&mut cx, st, &action, &next);
        }
        // Excluded candidates left with votes (judged once the stage's
        // elections are known).
        let mut kept: Vec<usize> = Vec::new();
        // Bounds and inactive candidates.
        let givers: Vec<usize> = match &action {
            PublishedAction::Surplus(c) => vec![*c],
            PublishedAction::Exclusion(cs) => cs.clone(),
            _ => Vec::new(),
        };
        for c in 0..n {
            let t = st.transfers[c];
            if givers.contains(&c) || t == Value::ZERO {
                continue;
            }
            if t < Value::ZERO {
                let m = format!(
                    "{} gives up {} without being transferred",
                    cx.name(c),
                    cx.fx(t)
                );
                cx.push(sn, "bounds", rule(rules, "rr.49-51", "rr.49-51"), m);
            } else if elected.contains(&c) || excluded.contains(&c) {
                let what = if elected.contains(&c) {
                    "elected"
                } else {
                    "excluded"
                };
                let m = format!(
                    "{} receives {} but was already {what}",
                    cx.name(c),
                    cx.fx(t)
                );
                cx.push(
                    sn,
                    "inactive_transfer",
                    rule(rules, "r.49(1), r.51", "rr.49(2), 51"),
                    m,
                );
            }
        }
        match &action {
            PublishedAction::Surplus(c) => {
                let c = *c;
                if st.totals[c] != quota && before.totals[c] > quota {
                    let m = format!(
                        "{} has {} after the transfer of the surplus; the quota is {}",
                        cx.name(c),
                        cx.fx(st.totals[c]),
                        cx.fx(quota)
                    );
                    cx.push(sn, "bounds", rule(rules, "r.49", "r.49"), m);
                }
                pending.retain(|x| *x != c);
            }
            PublishedAction::Exclusion(cs) => {
                // The last exclusion, when it leaves as many continuing
                // candidates as vacancies, transfers nothing (NI r.52(3);
                // Scotland r.53). Under the NI rules it makes no count of
                // its own: a count is the operations of counting and
                // transferring (the definition of "count" at the head of
                // Part IV of ELA(NI) 1962 Sch 5), so the official sheets
                // and countroom show it on the count before. A Scottish
                // sheet may show it as a stage of its own.
                let mut after = excluded.clone();
                after.extend(cs.iter().copied());
                let final_no_transfer = st.transfers.iter().all(|t| *t == Value::ZERO)
                    && (0..n)
                        .filter(|c| !elected.contains(c) && !after.contains(c))
                        .count()
                        <= vacancies_left(seats, &elected);
                if final_no_transfer && rules == StvRules::NorthernIreland {
                    let m = format!(
                        "count {} excludes {} and transfers nothing: the last exclusion, which leaves as many continuing candidates as vacancies, makes no count of its own and is shown on count {}",
                        st.number,
                        cx.names(cs),
                        before.number
                    );
                    cx.push(
                        sn,
                        "numbering",
                        rule(
                            rules,
                            "r.53",
                            "Part IV interpretation (\"count\"), r.52(1), (3)",
                        ),
                        m,
                    );
                }
                for &c in cs {
                    if st.totals[c] != Value::ZERO && !final_no_transfer {
                        kept.push(c);
                    }
                    excluded.insert(c);
                }
            }
            _ => {}
        }
        let dnt = sub(
            add(st.non_transferable, st.loss),
            add(before.non_transferable, before.loss),
        );
        if dnt < Value::ZERO {
            let m = format!(
                "the non-transferable votes fall by {}: more was transferred than given up",
                cx.fx(dnt.checked_neg().unwrap_or(dnt))
            );
            cx.push(sn, "bounds", rule(rules, "r.49(3)", "r.49(4), (7)"), m);
        }
        hist.push(st.totals.clone());
        let excluded_before = excluded.len();
        elect(
            &mut cx,
            st,
            last,
            &mut elected,
            &mut pending,
            &mut excluded,
            quota,
            &hist,
        );
        // Under the NI rules an exclusion that fills the last vacancy
        // part-way (on the quota, or by r.52(2)) leaves its later
        // sub-parcels where they are (r.51(5) "if, subject to rule 52, one
        // or more vacancies still remain", r.52(3)). Not when the count
        // ended by a last exclusion after it: that one came after the
        // whole of this exclusion.
        let ended = rules == StvRules::NorthernIreland
            && elected.len() >= seats
            && excluded.len() == excluded_before;
        if !ended {
            for c in kept {
                let m = format!(
                    "{} is excluded but keeps {}",
                    cx.name(c),
                    cx.fx(st.totals[c])
                );
                cx.push(sn, "bounds", rule(rules, "r.51", "r.51"), m);
            }
        }
        prev = Some(st);
    }
    if elected.len() < seats {
        let last = sheet.stages.last().map(|s| s.number);
        let m = format!(
            "the sheet ends with {} of {seats} seats filled",
            elected.len()
        );
        cx.push(last, "stop", rule(rules, "r.53", "r.52"), m);
    }
    cx.findings
}

/// Who the rules elect at the end of `st`, against the sheet's markers.
#[allow(clippy::too_many_arguments)]
fn elect(
    cx: &mut Ctx<'_>,
    st: &PublishedStage,
    last: bool,
    elected: &mut Vec<usize>,
    pending: &mut Vec<usize>,
    excluded: &mut BTreeSet<usize>,
    quota: Value,
    hist: &[Vec<Value>],
) {
    let rules = cx.rules;
    let seats = cx.sheet.seats;
    let n = cx.sheet.candidates.len();
    let continuing = |elected: &Vec<usize>, excluded: &BTreeSet<usize>| -> Vec<usize> {
        (0..n)
            .filter(|c| !elected.contains(c) && !excluded.contains(c))
            .collect()
    };
    let mut new: Vec<usize> = continuing(elected, excluded)
        .into_iter()
        .filter(|c| st.totals[*c] >= quota)
        .collect();
    new.sort_by(|a, b| st.totals[*b].cmp(&st.totals[*a]));
    new.truncate(vacancies_left(seats, elected));
    for &c in &new {
        elected.push(c);
        if st.totals[c] > quota {
            pending.push(c);
        }
    }
    let vacancies = vacancies_left(seats, elected);
    let cont = continuing(elected, excluded);
    // NI r.52(2): one vacancy, and one candidate's votes at least those of
    // all the other continuing candidates with the surpluses not yet
    // transferred (before any exclusion, as the count does it).
    let mut by_52_2 = None;
    if vacancies == 1 && cont.len() > 1 && rules == StvRules::NorthernIreland {
        let surpluses = pending
            .iter()
            .fold(Value::ZERO, |a, c| add(a, sub(st.totals[*c], quota)));
        let all = cont.iter().fold(surpluses, |a, c| add(a, st.totals[*c]));
        let meet: Vec<usize> = cont
            .iter()
            .copied()
            .filter(|c| st.totals[*c] >= sub(all, st.totals[*c]))
            .collect();
        // Two who both meet it (equal, nothing else left) are not chosen by
        // it: the exclusion rules decide, as the count does.
        if let [lead] = meet[..] {
            by_52_2 = Some(lead);
        }
    }
    if let Some(lead) = by_52_2 {
        elected.push(lead);
        new.push(lead);
    } else if vacancies > 0 && cont.len() > vacancies {
        // The next exclusion leaves as many continuing candidates as
        // vacancies: they are deemed elected and no further transfer is
        // made (NI r.52(1), (3); Scotland r.53 — a Scottish sheet may also
        // show the last transfer, as the rule required before SSI
        // 2021/437). Only on a sheet's last stage: a Scottish sheet may
        // instead show the last exclusion as a stage of its own (see
        // `check`).
        if last {
            let next = next_action(
                rules, seats, &st.totals, elected, excluded, pending, quota, hist,
            );
            if let Next::Exclude { allowed, group, .. } = next {
                let out = if !group.is_empty() {
                    group
                } else if allowed.len() > 1 {
                    // Equal at every count: a lot, and any of them may be
                    // the one excluded; the sheet's markers say which (the
                    // one of them not elected), else any is accepted.
                    let loser: Vec<usize> = allowed
                        .iter()
                        .copied()
                        .filter(|c| !cx.sheet.marks_elected || !st.elected.contains(c))
                        .collect();
                    loser.first().map(|c| vec![*c]).unwrap_or(allowed)
                } else {
                    allowed
                };
                // `out` is drawn from the continuing candidates: no clamp.
                if cont.len().saturating_sub(out.len()) == vacancies
                    && (out.len() == 1 || rules == StvRules::NorthernIreland)
                {
                    excluded.extend(out.iter().copied());
                }
            }
        }
    }
    let cont = continuing(elected, excluded);
    let vacancies = vacancies_left(seats, elected);
    if vacancies > 0 && cont.len() <= vacancies {
        // Scotland r.53; NI r.52(1).
        for c in cont {
            elected.push(c);
            new.push(c);
        }
    }
    if cx.sheet.marks_elected {
        let want: BTreeSet<usize> = new.iter().copied().collect();
        let got: BTreeSet<usize> = st.elected.iter().copied().collect();
        if want != got {
            let w: Vec<usize> = want.into_iter().collect();
            let g: Vec<usize> = got.into_iter().collect();
            let m = format!(
                "the rules elect [{}] at this stage; the sheet marks [{}]",
                cx.names(&w),
                cx.names(&g)
            );
            cx.push(
                Some(st.number),
                "election",
                rule(rules, "rr.48, 53", "rr.48, 52"),
                m,
            );
        }
    }
}

/// What the rules require next, from the totals at the end of a stage.
enum Next {
    /// Transfer a surplus: one of `allowed` (more than one only where a lot
    /// decides).
    Surplus { allowed: Vec<usize>, largest: Value },
    /// Exclude: one of `allowed` (the lowest, ties settled by the stage
    /// history), or under the NI rules the `group` together (r.51(12)).
    Exclude {
        allowed: Vec<usize>,
        group: Vec<usize>,
        lowest: Value,
        /// The surpluses deferred (NI r.49(10)).
        deferred: Value,
    },
    /// Nothing (no continuing candidate).
    Nothing,
}

#[allow(clippy::too_many_arguments)]
fn next_action(
    rules: StvRules,
    seats: usize,
    tot: &[Value],
    elected: &[usize],
    excluded: &BTreeSet<usize>,
    pending: &[usize],
    quota: Value,
    hist: &[Vec<Value>],
) -> Next {
    let n = tot.len();
    let vacancies = vacancies_left(seats, elected);
    let mut cont: Vec<usize> = (0..n)
        .filter(|c| !elected.contains(c) && !excluded.contains(c))
        .collect();
    cont.sort_by_key(|c| tot[*c]);
    let surplus_of = |c: usize| sub(tot[c], quota);
    let surpluses = pending
        .iter()
        .fold(Value::ZERO, |a, c| add(a, surplus_of(*c)));
    // NI r.49(10): defer the surpluses when they could not change the
    // exclusion of the lowest, or of the lowest group.
    // As many as may go while the vacancies can still be filled; none when
    // the continuing candidates are no more than the vacancies.
    let most = cont.len().saturating_sub(vacancies);
    let mut defer = false;
    if rules == StvRules::NorthernIreland && !pending.is_empty() && cont.len() >= 2 {
        defer = surpluses < sub(tot[cont[1]], tot[cont[0]]);
        let mut acc = tot[cont[0]];
        for k in 2..=most.min(cont.len() - 1) {
            acc = add(acc, tot[cont[k - 1]]);
            defer |= surpluses < sub(tot[cont[k]], acc);
        }
    }
    if !pending.is_empty() && !defer {
        let largest = pending
            .iter()
            .map(|c| surplus_of(*c))
            .max()
            .unwrap_or(Value::ZERO);
        let tied: Vec<usize> = pending
            .iter()
            .copied()
            .filter(|c| surplus_of(*c) == largest)
            .collect();
        let allowed = if tied.len() > 1 {
            break_tie(rules, hist, &tied, true)
        } else {
            tied
        };
        return Next::Surplus { allowed, largest };
    }
    let Some(&low) = cont.first() else {
        return Next::Nothing;
    };
    let lowest = tot[low];
    let tied: Vec<usize> = cont.iter().copied().filter(|c| tot[*c] == lowest).collect();
    let allowed = if tied.len() > 1 {
        break_tie(rules, hist, &tied, false)
    } else {
        tied
    };
    let mut group = Vec::new();
    if rules == StvRules::NorthernIreland {
        let mut acc = surpluses;
        for k in 1..=most.min(cont.len() - 1) {
            acc = add(acc, tot[cont[k - 1]]);
            if k >= 2 && acc < tot[cont[k]] {
                group = cont[..k].to_vec();
            }
        }
    }
    Next::Exclude {
        allowed,
        group,
        lowest,
        deferred: if pending.is_empty() {
            Value::ZERO
        } else {
            surpluses
        },
    }
}

/// The next action by the rules, against the one taken.
fn check_order(cx: &mut Ctx<'_>, st: &PublishedStage, action: &PublishedAction, next: &Next) {
    let rules = cx.rules;
    let sn = Some(st.number);
    match (next, action) {
        (Next::Surplus { allowed, .. }, PublishedAction::Surplus(c)) if allowed.contains(c) => {}
        (Next::Surplus { allowed, largest }, _) => {
            let deferral = rules == StvRules::NorthernIreland
                && !matches!(action, PublishedAction::Surplus(_));
            let m = format!(
                "the surplus of {} ({}) is next{}; the sheet has {}",
                cx.names(allowed),
                cx.fx(*largest),
                if deferral {
                    ": the surpluses could change the exclusion, so may not be deferred"
                } else {
                    ""
                },
                describe(cx, action)
            );
            let kind = if deferral { "deferral" } else { "order" };
            cx.push(sn, kind, rule(rules, "r.50", "rr.49(10), 50(1)"), m);
        }
        (
            Next::Exclude {
                allowed,
                lowest,
                deferred,
                ..
            },
            PublishedAction::Surplus(c),
        ) => {
            let kind = if rules == StvRules::NorthernIreland {
                "deferral"
            } else {
                "order"
            };
            let m = format!(
                "the surplus of {} was transferred, but {}; the lowest, {} ({}), is to be excluded",
                cx.name(*c),
                if *deferred == Value::ZERO {
                    "there is no surplus to transfer".to_owned()
                } else {
                    format!(
                        "the surpluses ({}) could not change the exclusion and are deferred",
                        cx.fx(*deferred)
                    )
                },
                cx.names(allowed),
                cx.fx(*lowest)
            );
            cx.push(sn, kind, rule(rules, "r.51", "rr.49(10), 51"), m);
        }
        (
            Next::Exclude {
                group, deferred, ..
            },
            PublishedAction::Exclusion(cs),
        ) if !group.is_empty() => {
            let want: BTreeSet<usize> = group.iter().copied().collect();
            let got: BTreeSet<usize> = cs.iter().copied().collect();
            if want != got {
                let m = format!(
                    "{} excluded; the {} lowest together with the surpluses ({}) have fewer votes than the next candidate, so [{}] are excluded together",
                    cx.names(cs),
                    group.len(),
                    cx.fx(*deferred),
                    cx.names(group)
                );
                cx.push(sn, "bulk_exclusion", rule(rules, "r.51", "r.51(12)"), m);
            }
        }
        (
            Next::Exclude {
                allowed, lowest, ..
            },
            _,
        ) => {
            let ok = matches!(action, PublishedAction::Exclusion(cs) if cs.len() == 1 && allowed.contains(&cs[0]));
            if !ok {
                let m = format!(
                    "{} is the lowest ({}) and is excluded next; the sheet has {}",
                    cx.names(allowed),
                    cx.fx(*lowest),
                    describe(cx, action)
                );
                cx.push(sn, "order", rule(rules, "rr.51, 52", "r.51(1), (13)"), m);
            }
        }
        (Next::Nothing, _) => {}
    }
}

fn describe(cx: &Ctx<'_>, a: &PublishedAction) -> String {
    match a {
        PublishedAction::FirstPreferences => "the first preferences".to_owned(),
        PublishedAction::Surplus(c) => format!("the surplus of {}", cx.name(*c)),
        PublishedAction::Exclusion(cs) if cs.is_empty() => "no transfer".to_owned(),
        PublishedAction::Exclusion(cs) => format!("the exclusion of {}", cx.names(cs)),
        PublishedAction::NotStated => "an unstated action".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb_sheet() -> impl Strategy<Value = PublishedSheet> {
        (1_usize..5, 0_usize..4, 1_usize..6).prop_flat_map(|(n, seats, k)| {
            let stage = (
                prop::collection::vec(-500_i64..500, n),
                prop::collection::vec(0_i64..1000, n),
                0_i64..100,
                prop::collection::vec(0..n + 1, 0..2),
                0_usize..4,
                0..n + 1,
            );
            prop::collection::vec(stage, k).prop_map(move |stages| PublishedSheet {
                file: "p".to_owned(),
                title: String::new(),
                candidates: (0..n).map(|c| c.to_string()).collect(),
                seats,
                valid: None,
                quota: Some(3),
                places: 2,
                marks_elected: true,
                withdrawn: Vec::new(),
                stages: stages
                    .into_iter()
                    .enumerate()
                    .map(|(i, (tr, tot, nt, el, a, c))| PublishedStage {
                        number: u32::try_from(i + 1).unwrap_or(0),
                        line: i,
                        action: match a {
                            0 => PublishedAction::FirstPreferences,
                            1 => PublishedAction::Surplus(c),
                            2 => PublishedAction::Exclusion(vec![c]),
                            _ => PublishedAction::NotStated,
                        },
                        transfers: tr.into_iter().map(Value::from_units).collect(),
                        totals: tot.into_iter().map(Value::from_units).collect(),
                        non_transferable: Value::from_units(nt),
                        loss: Value::ZERO,
                        elected: el,
                    })
                    .collect(),
            })
        })
    }

    fn two_stage(valid: Option<u64>, seats: usize, big: i64) -> PublishedSheet {
        let stage = |number: u32, totals: Vec<i64>| PublishedStage {
            number,
            line: 1,
            action: PublishedAction::NotStated,
            transfers: vec![Value::ZERO; 2],
            totals: totals.into_iter().map(Value::from_units).collect(),
            non_transferable: Value::ZERO,
            loss: Value::ZERO,
            elected: Vec::new(),
        };
        PublishedSheet {
            file: "big".to_owned(),
            title: String::new(),
            candidates: vec!["A".to_owned(), "B".to_owned()],
            seats,
            valid,
            quota: None,
            places: 2,
            marks_elected: false,
            withdrawn: Vec::new(),
            stages: vec![stage(1, vec![big, 100]), stage(2, vec![big, 100])],
        }
    }

    /// A figure too large for the check's exact sums is refused with a
    /// `shape` finding naming it, never clamped: 2 candidates, so every sum
    /// stays within 4 × (2 + 4) = 24 figures, and a figure above
    /// i64::MAX / 24 units cannot be checked.
    #[test]
    fn figures_too_large_are_refused_not_clamped() {
        let limit = i64::MAX / 24;
        let fs = check(&two_stage(None, 1, limit + 1), StvRules::Scotland);
        assert_eq!(fs.len(), 1, "{fs:?}");
        assert_eq!((fs[0].stage, fs[0].kind), (Some(1), "shape"));
        assert!(
            fs[0].message.contains(&format!("{} units", limit + 1)),
            "{}",
            fs[0].message
        );
        // The valid vote too large.
        let fs = check(
            &two_stage(Some(u64::MAX), 1, 100),
            StvRules::NorthernIreland,
        );
        assert_eq!((fs[0].stage, fs[0].kind), (None, "shape"));
        assert!(
            fs[0].message.contains("the valid vote"),
            "{}",
            fs[0].message
        );
        // Seats + 1 past u64: the quota cannot be worked out; said, not
        // clamped.
        let fs = check(&two_stage(None, usize::MAX, 100), StvRules::Scotland);
        assert_eq!((fs[0].stage, fs[0].kind), (None, "shape"));
        assert!(
            fs[0].message.contains("cannot be worked out"),
            "{}",
            fs[0].message
        );
        // Just within: checked as usual (A far ahead, elected).
        let fs = check(&two_stage(None, 1, limit - 100), StvRules::Scotland);
        assert!(fs.iter().all(|f| f.kind != "shape"), "{fs:?}");
    }

    proptest! {
        /// Any sheet, however inconsistent, gives findings and never
        /// panics; every finding names a stage of the sheet or none.
        #[test]
        fn check_never_panics(sheet in arb_sheet(), ni in any::<bool>()) {
            let rules = if ni { StvRules::NorthernIreland } else { StvRules::Scotland };
            for f in check(&sheet, rules) {
                prop_assert!(f.stage.is_none_or(|s| sheet.stages.iter().any(|st| st.number == s)));
            }
        }

        /// The readers never panic on arbitrary bytes.
        #[test]
        fn readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), text in "[-A-Za-z0-9 ,.|\n]{0,400}") {
            let _ = read::tool_csv("x", &bytes, 2);
            let _ = read::tool_csv("x", text.as_bytes(), 2);
            let _ = read::scottish_text("x", &bytes);
            let _ = read::scottish_text("x", format!("Positions to be Filled  2\nStage 1\nCandidate Name\n{text}").as_bytes());
            let _ = read::ni("d", &bytes, text.as_bytes(), &bytes);
        }

        /// Wide CSV headers of any shape.
        #[test]
        fn wide_csv_never_panics(cols in prop::collection::vec("[a-z_]{1,6}|row|subject|non_transferable|rounding_loss|elected", 0..8), rows in "[-0-9.,a-z\n]{0,200}") {
            let text = format!("stage,action,{}\n{rows}", cols.join(","));
            let _ = read::tool_csv("x", text.as_bytes(), 1);
        }
    }
}
