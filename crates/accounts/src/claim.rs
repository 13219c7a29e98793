//! The Returning Officer's claim per poll: heads, maximum recoverable
//! amounts, authorisation above a cap, advances and balance due; and the
//! account of a local poll against the council's scale.
//!
//! RPA 1983 s.29(3): the Returning Officer recovers charges for services
//! necessarily rendered and expenses necessarily incurred, so far as the
//! total does not exceed the overall maximum recoverable amount; s.29(3A):
//! nor more than the amount specified for services or expenses of a
//! specified description; s.29(3B)–(3C): the Secretary of State may
//! authorise more in a particular case. The 2017 Order: overall MRA art.3
//! (column 4), specified services art.4 (column 2), specified expenses
//! art.5 (column 3), uncontested election art.6.
//!
//! Which lines need authorisation: the poll's shares of the lines under a
//! cap are taken in date order (then line identifier); the line at which
//! the running total first passes the cap, and every line after it, need
//! the Secretary of State's authorisation, each for the part of its share
//! above the cap. This is a documented rule of countroom's (the orders do
//! not say which line is "the" excess); the whole excess is what matters
//! to the claim, and it is the same whatever the order of the ledger.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use crate::apportion::Apportionment;
use crate::authorisation::{Authorisation, RequestShown};
use crate::heads::{Framework, Head, Kind};
use crate::ledger::{Ledger, LedgerProblem, LedgerProblemKind, Poll, Source};
use crate::money::Money;

/// A poll's maximum recoverable amounts (one row of the caps table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Caps {
    /// The line of the caps file (0 if built in memory).
    #[serde(skip)]
    pub source_line: u64,
    /// The poll.
    pub poll: String,
    /// The area the amounts are listed for.
    pub area: String,
    /// Specified services.
    pub services: Money,
    /// Specified expenses.
    pub expenses: Money,
    /// Overall, contested.
    pub overall: Money,
    /// Overall, uncontested.
    pub uncontested_overall: Option<Money>,
}

impl Caps {
    /// The maximum recoverable amounts of `poll` listed for `area`: specified
    /// services, specified expenses and the overall amount (contested); add the
    /// uncontested overall amount with the builder.
    #[must_use]
    pub fn new(
        poll: impl Into<String>,
        area: impl Into<String>,
        services: Money,
        expenses: Money,
        overall: Money,
    ) -> Caps {
        Caps {
            source_line: 0,
            poll: poll.into(),
            area: area.into(),
            services,
            expenses,
            overall,
            uncontested_overall: None,
        }
    }

    /// The line of the caps file (0 if built in memory).
    #[must_use]
    pub fn source_line(mut self, source_line: u64) -> Caps {
        self.source_line = source_line;
        self
    }

    /// Overall, uncontested.
    #[must_use]
    pub fn uncontested_overall(mut self, uncontested_overall: Option<Money>) -> Caps {
        self.uncontested_overall = uncontested_overall;
        self
    }
}

/// One item of a council's scale of fees and charges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScaleItem {
    /// The line of the scale file (0 if built in memory).
    #[serde(skip)]
    pub source_line: u64,
    /// The poll it applies to; `None` for every poll under a scale.
    pub poll: Option<String>,
    /// The head.
    pub category: Head,
    /// The most the council pays under the item; `None`: the actual cost
    /// necessarily incurred.
    pub maximum: Option<Money>,
    /// The scale's description of the item.
    pub description: String,
}

impl ScaleItem {
    /// An item of a council's scale under head `category`, as the scale
    /// describes it, for every poll under the scale and paying the actual cost
    /// necessarily incurred; limit it to one poll or to a maximum with the
    /// builders.
    #[must_use]
    pub fn new(category: Head, description: impl Into<String>) -> ScaleItem {
        ScaleItem {
            source_line: 0,
            poll: None,
            category,
            maximum: None,
            description: description.into(),
        }
    }

    /// The line of the scale file (0 if built in memory).
    #[must_use]
    pub fn source_line(mut self, source_line: u64) -> ScaleItem {
        self.source_line = source_line;
        self
    }

    /// The poll it applies to; `None` for every poll under a scale.
    #[must_use]
    pub fn poll(mut self, poll: Option<String>) -> ScaleItem {
        self.poll = poll;
        self
    }

    /// The most the council pays under the item; `None`: the actual cost
    /// necessarily incurred.
    #[must_use]
    pub fn maximum(mut self, maximum: Option<Money>) -> ScaleItem {
        self.maximum = maximum;
        self
    }
}

/// Amounts under one head of a poll's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HeadAmount {
    /// The head.
    pub head: Head,
    /// Its code.
    pub code: &'static str,
    /// Its wording.
    pub wording: &'static str,
    /// Where it stands in the order (`None`: not a specified head of the
    /// order, counted as other charges).
    pub provision: Option<&'static str>,
    /// Whether that letter was read in the instrument.
    pub letter_read: bool,
    /// The poll's total under the head.
    pub amount: Money,
    /// The poll's share of each line under the head.
    pub lines: Vec<LineShare>,
}

/// A poll's share of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LineShare {
    /// The line.
    pub line: String,
    /// Its date.
    #[serde(serialize_with = "crate::serialize_date")]
    pub date: Date,
    /// The poll's share.
    pub amount: Money,
}

/// One cap checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CapCheck {
    /// `services`, `expenses` or `overall`.
    pub cap: &'static str,
    /// Where the cap is set.
    pub provision: &'static str,
    /// Claimed under it.
    pub claimed: Money,
    /// The maximum recoverable amount.
    pub maximum: Money,
    /// `maximum − claimed` (negative when exceeded).
    pub headroom: Money,
    /// Whether the claim exceeds the cap.
    pub exceeded: bool,
    /// The lines needing the Secretary of State's authorisation (RPA 1983
    /// s.29(3B)), each with the part of its share above the cap.
    pub authorisation_needed: Vec<LineShare>,
    /// `claimed − maximum` when exceeded, else nothing.
    pub excess: Money,
    /// Requests to exceed this cap, with their grants, in the order
    /// recorded.
    pub requests: Vec<RequestShown>,
    /// Granted above the cap, all grants together.
    pub granted: Money,
    /// What of the excess is authorised: `min(excess, granted)`.
    pub authorised: Money,
    /// Where the claim stands against this cap.
    pub status: CapStatus,
}

/// Where a claim stands against a cap (or, for the whole claim, the worst
/// of its caps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CapStatus {
    /// Within the cap.
    Within,
    /// Over the cap, and the whole excess authorised (RPA 1983 s.29(3B)).
    OverAuthorised,
    /// Over the cap, with a request not yet granted.
    OverAwaitingAuthorisation,
    /// Over the cap, with no request awaiting a decision and not all of
    /// the excess granted: the rest is not recoverable.
    OverNotAuthorised,
}

impl CapStatus {
    /// The status's code, as in JSON and CSV.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            CapStatus::Within => "within",
            CapStatus::OverAuthorised => "over_authorised",
            CapStatus::OverAwaitingAuthorisation => "over_awaiting_authorisation",
            CapStatus::OverNotAuthorised => "over_not_authorised",
        }
    }

    /// As printed on the claim.
    #[must_use]
    pub const fn text(self) -> &'static str {
        match self {
            CapStatus::Within => "within the caps",
            CapStatus::OverAuthorised => "over the caps with authorisation",
            CapStatus::OverAwaitingAuthorisation => "over the caps awaiting authorisation",
            CapStatus::OverNotAuthorised => "over the caps without authorisation",
        }
    }
}

impl Serialize for CapStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One line of the claim schedule: a head of the order, in the order's
/// order, with the amount claimed under it (nothing where nothing was
/// spent: the form lists every head).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScheduleLine {
    /// The head.
    pub head: Head,
    /// Its code.
    pub code: &'static str,
    /// Its wording.
    pub wording: &'static str,
    /// Where it stands in the order (`None`: other charges).
    pub provision: Option<&'static str>,
    /// Services or expenses.
    pub kind: Kind,
    /// Claimed.
    pub claimed: Money,
}

/// A claim under a charges order (UK Parliamentary, PCC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Claim {
    /// The poll.
    pub poll: String,
    /// Its name.
    pub name: String,
    /// The order.
    pub framework: Framework,
    /// The order's title.
    pub instrument: &'static str,
    /// The area.
    pub area: String,
    /// Whether contested.
    pub contested: bool,
    /// Specified services, by head.
    pub services: Vec<HeadAmount>,
    /// Specified expenses, by head.
    pub expenses: Vec<HeadAmount>,
    /// Charges under no specified head of the order.
    pub other: Vec<HeadAmount>,
    /// Total of specified services.
    pub services_total: Money,
    /// Total of specified expenses.
    pub expenses_total: Money,
    /// Total of other charges.
    pub other_total: Money,
    /// The whole claim.
    pub total: Money,
    /// The poll's date, if given.
    #[serde(serialize_with = "crate::orders::serialize_opt_date")]
    pub poll_date: Option<Date>,
    /// Whether the order was checked to apply at the poll date (`false`:
    /// no date given, or the order's dates were not read).
    pub in_force_checked: bool,
    /// The claim schedule: every head of the order in the order's order,
    /// then other charges.
    pub schedule: Vec<ScheduleLine>,
    /// The caps checked.
    pub checks: Vec<CapCheck>,
    /// The worst of the caps' statuses.
    pub status: CapStatus,
    /// What is recoverable within the caps.
    pub recoverable_within_caps: Money,
    /// What is claimed above them, recoverable only with the Secretary of
    /// State's authorisation.
    pub above_caps: Money,
    /// Advances received.
    pub advance: Money,
    /// What is authorised above the caps (RPA 1983 s.29(3B)).
    pub authorised_above_caps: Money,
    /// Recoverable: within the caps plus what is authorised above them.
    pub recoverable: Money,
    /// Not recoverable: above the caps and not authorised (awaiting
    /// authorisation, or refused).
    pub not_recoverable: Money,
    /// Balance due on the recoverable amount (negative: to be repaid).
    pub balance_due: Money,
}

impl ScaleAccount {
    /// The account's heading sentence: whose scale, under what provision.
    #[must_use]
    pub fn against(&self) -> &'static str {
        match self.framework {
            Framework::CombinedAuthorityMayor => {
                "Against the combined authority's scale of fees and charges (RPA 1983 s.36(4C), inserted for a combined authority mayoral election by SI 2017/67 Sch 2 para 1(6)(b): paid by the combined authority so far as it does not exceed the scale)"
            }
            _ => {
                "Against the council's scale of fees and charges (RPA 1983 s.36(4): paid so far as it does not exceed the scale)"
            }
        }
    }

    /// Who pays under the scale ("the council").
    #[must_use]
    pub fn payer(&self) -> &'static str {
        self.rule.map_or("the council", |r| r.payer)
    }

    /// What the account does not settle, if anything.
    #[must_use]
    pub fn note(&self) -> Option<&'static str> {
        self.rule.and_then(|r| r.note)
    }
}

/// One head of a local poll's account against the council's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScaleHead {
    /// The head and what the poll spent under it.
    #[serde(flatten)]
    pub head: HeadAmount,
    /// The scale's description, if the head is on the scale.
    pub scale_item: Option<String>,
    /// The scale's maximum (`None`: actual cost, or not on the scale).
    pub maximum: Option<Money>,
    /// Whether the head is on the scale at all.
    pub on_scale: bool,
    /// What the council pays under it.
    pub payable: Money,
    /// What it does not (above the scale, or not on it).
    pub not_payable: Money,
}

/// A poll's account against a scale: a local poll's against the council's
/// (RPA 1983 s.36(4)), a combined authority mayor's against the combined
/// authority's (s.36(4C) as inserted by SI 2017/67 Sch 2 para 1(6)(b)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScaleAccount {
    /// The poll.
    pub poll: String,
    /// Its name.
    pub name: String,
    /// The framework ([`Framework::CouncilScale`] or
    /// [`Framework::CombinedAuthorityMayor`]).
    pub framework: Framework,
    /// Who fixed the scale and pays under it, and the provision.
    pub rule: Option<crate::heads::ScaleRule>,
    /// By head.
    pub heads: Vec<ScaleHead>,
    /// Total spent.
    pub total: Money,
    /// Payable by the council within the scale.
    pub payable: Money,
    /// Not payable under the scale.
    pub not_payable: Money,
    /// Advances received.
    pub advance: Money,
    /// Balance due (negative: to be repaid).
    pub balance_due: Money,
}

/// A poll's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "account", rename_all = "snake_case")]
pub enum PollAccount {
    /// A claim under a charges order.
    Claim(Claim),
    /// An account against a council's scale.
    Scale(ScaleAccount),
}

/// The accounts of a combination: each poll's account and the
/// apportionment schedule they rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Accounts {
    /// Each poll's account, in the order listed.
    pub polls: Vec<PollAccount>,
    /// The schedule.
    pub apportionment: Apportionment,
}

/// A claim's sum or difference past the largest amount. A `Ledger`'s
/// lines sum within `i64::MAX` pence and no amount is negative, so this does
/// not happen for a ledger built by `Ledger::new`; it is checked, never
/// clamped.
fn overflow() -> LedgerProblem {
    LedgerProblem {
        input: Source::Ledger,
        line: 0,
        field: "amount",
        kind: LedgerProblemKind::Overflow,
    }
}

fn sum(items: impl IntoIterator<Item = Money>) -> Result<Money, LedgerProblem> {
    Money::sum(items).ok_or_else(overflow)
}

fn sub(a: Money, b: Money) -> Result<Money, LedgerProblem> {
    a.checked_sub(b).ok_or_else(overflow)
}

/// Checks the caps and scale tables against the polls: every poll under
/// a charges order has one caps row for its area (with an uncontested
/// amount if it was uncontested); no row names an unknown poll or a poll
/// under the other kind of framework; no item appears twice.
pub fn check_tables(
    ledger: &Ledger,
    caps: &[Caps],
    scale: &[ScaleItem],
) -> Result<(), Vec<LedgerProblem>> {
    let mut problems = Vec::new();
    let known = ledger
        .polls()
        .iter()
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut push = |input, line, field, kind| {
        problems.push(LedgerProblem {
            input,
            line,
            field,
            kind,
        });
    };
    let mut rows: BTreeMap<&str, &Caps> = BTreeMap::new();
    for row in caps {
        let at = row.source_line;
        match ledger.polls().iter().find(|p| p.id == row.poll) {
            None => push(
                Source::Caps,
                at,
                "poll",
                LedgerProblemKind::UnknownPoll {
                    poll: row.poll.clone(),
                    known: known.clone(),
                },
            ),
            Some(p) if !p.framework.has_caps() => push(
                Source::Caps,
                at,
                "poll",
                LedgerProblemKind::CapsForScalePoll { poll: p.id.clone() },
            ),
            Some(p) => {
                if p.area != row.area {
                    push(
                        Source::Caps,
                        at,
                        "area",
                        LedgerProblemKind::AreaMismatch {
                            poll: p.id.clone(),
                            expected: p.area.clone(),
                            found: row.area.clone(),
                        },
                    );
                }
                if !p.contested && row.uncontested_overall.is_none() {
                    push(
                        Source::Caps,
                        at,
                        "uncontested_overall",
                        LedgerProblemKind::MissingUncontested { poll: p.id.clone() },
                    );
                }
            }
        }
        if rows.insert(row.poll.as_str(), row).is_some() {
            push(
                Source::Caps,
                at,
                "poll",
                LedgerProblemKind::Twice {
                    what: format!("poll {:?}", row.poll),
                },
            );
        }
    }
    for p in ledger.polls() {
        // An unconfirmed order is refused on its own (`check_orders`).
        let confirmed = crate::orders::order(p.framework).is_some_and(|o| o.caps.is_some());
        if confirmed && !rows.contains_key(p.id.as_str()) {
            push(
                Source::Caps,
                1,
                "poll",
                LedgerProblemKind::MissingCaps {
                    poll: p.id.clone(),
                    framework: p.framework.code(),
                },
            );
        }
    }
    let mut items = BTreeMap::new();
    for item in scale {
        let at = item.source_line;
        if let Some(poll) = &item.poll {
            match ledger.polls().iter().find(|p| &p.id == poll) {
                None => push(
                    Source::Scale,
                    at,
                    "poll",
                    LedgerProblemKind::UnknownPoll {
                        poll: poll.clone(),
                        known: known.clone(),
                    },
                ),
                Some(p) if p.framework.has_caps() => push(
                    Source::Scale,
                    at,
                    "poll",
                    LedgerProblemKind::ScaleForCappedPoll { poll: p.id.clone() },
                ),
                Some(_) => {}
            }
        }
        if items
            .insert((item.poll.clone(), item.category), ())
            .is_some()
        {
            push(
                Source::Scale,
                at,
                "category",
                LedgerProblemKind::Twice {
                    what: format!(
                        "item {} for {}",
                        item.category.code(),
                        item.poll.as_deref().unwrap_or("every poll (*)")
                    ),
                },
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Each head's amount for one poll, from the apportionment.
fn heads_of(
    ledger: &Ledger,
    schedule: &Apportionment,
    poll: &Poll,
) -> BTreeMap<Head, Vec<LineShare>> {
    let dates: BTreeMap<&str, Date> = ledger
        .lines()
        .iter()
        .map(|l| (l.id.as_str(), l.date))
        .collect();
    let mut by_head: BTreeMap<Head, Vec<LineShare>> = BTreeMap::new();
    for w in &schedule.lines {
        for s in w.shares.iter().filter(|s| s.poll == poll.id) {
            by_head.entry(w.category).or_default().push(LineShare {
                line: w.line.clone(),
                date: dates.get(w.line.as_str()).copied().unwrap_or(Date::MIN),
                amount: s.amount,
            });
        }
    }
    by_head
}

fn head_amount(
    framework: Framework,
    head: Head,
    lines: Vec<LineShare>,
) -> Result<HeadAmount, LedgerProblem> {
    let citation = framework.citation(head);
    Ok(HeadAmount {
        head,
        code: head.code(),
        wording: head.wording(),
        provision: citation.map(|c| c.provision),
        letter_read: citation.is_some_and(|c| c.letter_read),
        amount: sum(lines.iter().map(|l| l.amount))?,
        lines,
    })
}

/// The lines needing authorisation above `maximum`: shares in date order
/// (then line), from the one at which the running total passes the cap.
fn above_cap(mut lines: Vec<LineShare>, maximum: Money) -> Result<Vec<LineShare>, LedgerProblem> {
    lines.sort_by(|a, b| (a.date, &a.line).cmp(&(b.date, &b.line)));
    let mut running = Money::ZERO;
    let mut out = Vec::new();
    for l in lines {
        let before = running;
        running = running.checked_add(l.amount).ok_or_else(overflow)?;
        if running > maximum {
            let above = if before >= maximum {
                l.amount
            } else {
                sub(running, maximum)?
            };
            if above > Money::ZERO {
                out.push(LineShare { amount: above, ..l });
            }
        }
    }
    Ok(out)
}

fn cap_check(
    cap: &'static str,
    provision: &'static str,
    lines: Vec<LineShare>,
    maximum: Money,
    requests: Vec<RequestShown>,
) -> Result<CapCheck, LedgerProblem> {
    let claimed = sum(lines.iter().map(|l| l.amount))?;
    let excess = if claimed > maximum {
        sub(claimed, maximum)?
    } else {
        Money::ZERO
    };
    let granted = sum(requests.iter().map(|r| r.granted))?;
    let authorised = excess.min(granted);
    let status = if excess == Money::ZERO {
        CapStatus::Within
    } else if authorised == excess {
        CapStatus::OverAuthorised
    } else if requests.iter().any(|r| r.awaiting) {
        CapStatus::OverAwaitingAuthorisation
    } else {
        CapStatus::OverNotAuthorised
    };
    Ok(CapCheck {
        cap,
        provision,
        claimed,
        maximum,
        headroom: sub(maximum, claimed)?,
        exceeded: claimed > maximum,
        authorisation_needed: above_cap(lines, maximum)?,
        excess,
        requests,
        granted,
        authorised,
        status,
    })
}

fn claim(
    poll: &Poll,
    heads: BTreeMap<Head, Vec<LineShare>>,
    caps: &Caps,
    events: &[Authorisation],
) -> Result<Claim, LedgerProblem> {
    let f = poll.framework;
    let (mut services, mut expenses, mut other) = (Vec::new(), Vec::new(), Vec::new());
    let mut schedule = Vec::new();
    for head in Head::ALL {
        if let Some(c) = f.citation(head) {
            let claimed = match heads.get(&head) {
                Some(lines) => sum(lines.iter().map(|l| l.amount))?,
                None => Money::ZERO,
            };
            schedule.push(ScheduleLine {
                head,
                code: head.code(),
                wording: head.wording(),
                provision: Some(c.provision),
                kind: head.kind(),
                claimed,
            });
        }
    }
    for (head, lines) in heads {
        let amount = head_amount(f, head, lines)?;
        match (amount.provision, head.kind()) {
            (None, _) => {
                schedule.push(ScheduleLine {
                    head,
                    code: head.code(),
                    wording: head.wording(),
                    provision: None,
                    kind: head.kind(),
                    claimed: amount.amount,
                });
                other.push(amount);
            }
            (Some(_), Kind::Services) => services.push(amount),
            (Some(_), Kind::Expenses) => expenses.push(amount),
        }
    }
    let all = |hs: &[HeadAmount]| {
        hs.iter()
            .flat_map(|h| h.lines.iter().cloned())
            .collect::<Vec<_>>()
    };
    let services_total = sum(services.iter().map(|h| h.amount))?;
    let expenses_total = sum(expenses.iter().map(|h| h.amount))?;
    let other_total = sum(other.iter().map(|h| h.amount))?;
    let total = sum([services_total, expenses_total, other_total])?;
    let order = crate::orders::order(f);
    let provisions = order.and_then(|o| o.caps);
    let (p_services, p_expenses, p_overall, p_uncontested) = match provisions {
        Some(c) => (c.services, c.expenses, c.overall, c.uncontested),
        // Refused before a claim is made (`check_orders`).
        None => ("", "", "", ""),
    };
    let (overall_max, overall_provision) = if poll.contested {
        (caps.overall, p_overall)
    } else {
        (
            caps.uncontested_overall.unwrap_or(caps.overall),
            p_uncontested,
        )
    };
    let mut everything = all(&services);
    everything.extend(all(&expenses));
    everything.extend(all(&other));
    let requests = |cap| crate::authorisation::for_cap(events, &poll.id, cap);
    let checks = vec![
        cap_check(
            "services",
            p_services,
            all(&services),
            caps.services,
            requests("services"),
        )?,
        cap_check(
            "expenses",
            p_expenses,
            all(&expenses),
            caps.expenses,
            requests("expenses"),
        )?,
        cap_check(
            "overall",
            overall_provision,
            everything,
            overall_max,
            requests("overall"),
        )?,
    ];
    let within = sum([
        services_total.min(caps.services),
        expenses_total.min(caps.expenses),
        other_total,
    ])?
    .min(overall_max);
    let raised = |total: Money, cap: Money, i: usize| -> Result<Money, LedgerProblem> {
        let authorised = checks.get(i).map_or(Money::ZERO, |c| c.authorised);
        Ok(total.min(cap.checked_add(authorised).ok_or_else(overflow)?))
    };
    let recoverable = sum([
        raised(services_total, caps.services, 0)?,
        raised(expenses_total, caps.expenses, 1)?,
        other_total,
    ])?
    .min(
        overall_max
            .checked_add(checks.get(2).map_or(Money::ZERO, |c| c.authorised))
            .ok_or_else(overflow)?,
    );
    let status = checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(CapStatus::Within);
    Ok(Claim {
        poll: poll.id.clone(),
        name: poll.name.clone(),
        framework: f,
        instrument: f.title(),
        area: poll.area.clone(),
        contested: poll.contested,
        services,
        expenses,
        other,
        services_total,
        expenses_total,
        other_total,
        total,
        poll_date: poll.poll_date,
        in_force_checked: match (poll.poll_date, order) {
            (Some(d), Some(o)) => o.applies_on(d) == Some(true),
            _ => false,
        },
        schedule,
        checks,
        status,
        recoverable_within_caps: within,
        above_caps: sub(total, within)?,
        advance: poll.advance,
        authorised_above_caps: sub(recoverable, within)?,
        recoverable,
        not_recoverable: sub(total, recoverable)?,
        balance_due: sub(recoverable, poll.advance)?,
    })
}

/// The year of the first statutory instrument a title cites (`SI 2017/637`
/// → 2017): the year it was made.
fn si_year(title: &str) -> Option<i32> {
    let at = title.find("SI ")?;
    let digits = title.get(at + 3..at + 7)?;
    if title.get(at + 7..at + 8) != Some("/") {
        return None;
    }
    digits.parse().ok()
}

/// Checks each poll's order: one countroom could not confirm is refused,
/// naming it; one whose dates (as read) do not contain the poll's date is
/// refused, naming the order that does apply if one is known.
pub fn check_orders(ledger: &Ledger) -> Result<(), Vec<LedgerProblem>> {
    let mut problems = Vec::new();
    for p in ledger.polls() {
        let Some(order) = crate::orders::order(p.framework) else {
            continue;
        };
        if let crate::orders::OrderStatus::Unconfirmed(reason) = order.status {
            problems.push(LedgerProblem {
                input: Source::Polls,
                line: p.source_line,
                field: "framework",
                kind: LedgerProblemKind::OrderUnconfirmed {
                    poll: p.id.clone(),
                    order: p.framework.code(),
                    title: p.framework.title(),
                    reason,
                },
            });
            continue;
        }
        // The poll's order not in force on its date, `detail` saying why.
        let not_in_force = |detail: String| LedgerProblem {
            input: Source::Polls,
            line: p.source_line,
            field: "poll_date",
            kind: LedgerProblemKind::OrderNotInForce {
                poll: p.id.clone(),
                detail,
            },
        };
        if let Some(date) = p.poll_date {
            if order.applies_on(date).is_none() {
                // Its own dates were not read. A later order of the same
                // kind made before the poll may govern it (a new charges
                // order ordinarily replaces the last), so the claim is
                // doubtful: refused, naming the later order, never
                // guessed (issue 21: an order that cannot be confirmed
                // for the poll is refused).
                let later: Vec<String> = crate::orders::ORDERS
                    .iter()
                    .filter(|o| o.kind == order.kind && o.framework != order.framework)
                    .filter_map(|o| {
                        let made = o.made_by?;
                        // Later only where that is known: after this order's
                        // own made date, or, where that was not read, after
                        // the year its SI number gives (an SI numbered
                        // 2017/637 was made in 2017). Nothing known: not
                        // taken as later.
                        let later_than_this =
                            match (order.made_by, si_year(order.framework.title())) {
                                (Some(m), _) => made > m,
                                (None, Some(year)) => made.year() > year,
                                (None, None) => false,
                            };
                        (made < date && later_than_this).then(|| {
                            format!(
                                "{} ({}; {})",
                                o.framework.code(),
                                o.framework.title(),
                                o.dates_source
                            )
                        })
                    })
                    .collect();
                if !later.is_empty() {
                    problems.push(not_in_force(format!(
                                "on {}: whether {} applies was not read ({}: {}), and a later order of the kind had been made before that day: {}; the claim may be due under it, so none is made under {}",
                                crate::iso_date(date),
                                p.framework.code(),
                                order.window(),
                                order.dates_source,
                                later.join("; "),
                                p.framework.code()
                            )));
                }
            }
            if order.applies_on(date) == Some(false) {
                let instead = match crate::orders::choose(order.kind, date) {
                    crate::orders::Choice::Order(o) => format!(
                        "; the order for that date is {} ({})",
                        o.framework.code(),
                        o.framework.title()
                    ),
                    crate::orders::Choice::None(_) => String::new(),
                };
                problems.push(not_in_force(format!(
                    "on {}: {} does not apply to it ({}: {}){instead}",
                    crate::iso_date(date),
                    p.framework.code(),
                    order.window(),
                    order.dates_source
                )));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn scale_account(
    poll: &Poll,
    heads: BTreeMap<Head, Vec<LineShare>>,
    scale: &[ScaleItem],
) -> Result<ScaleAccount, LedgerProblem> {
    // An item for every poll (`*`) is the council's: a combined authority's
    // scale is its own (s.36(4C)), so only the items naming its poll apply.
    let own_scale_only = poll.framework == Framework::CombinedAuthorityMayor;
    let item_for = |head: Head| {
        scale
            .iter()
            .find(|i| i.category == head && i.poll.as_deref() == Some(poll.id.as_str()))
            .or_else(|| {
                scale
                    .iter()
                    .find(|i| i.category == head && i.poll.is_none() && !own_scale_only)
            })
    };
    let mut out = Vec::new();
    for (head, lines) in heads {
        let amount = head_amount(poll.framework, head, lines)?;
        let item = item_for(head);
        let payable = match item {
            None => Money::ZERO,
            Some(i) => i.maximum.map_or(amount.amount, |m| amount.amount.min(m)),
        };
        out.push(ScaleHead {
            scale_item: item.map(|i| i.description.clone()),
            maximum: item.and_then(|i| i.maximum),
            on_scale: item.is_some(),
            payable,
            not_payable: sub(amount.amount, payable)?,
            head: amount,
        });
    }
    let total = sum(out.iter().map(|h| h.head.amount))?;
    let payable = sum(out.iter().map(|h| h.payable))?;
    Ok(ScaleAccount {
        poll: poll.id.clone(),
        name: poll.name.clone(),
        framework: poll.framework,
        rule: poll.framework.scale(),
        heads: out,
        total,
        payable,
        not_payable: sub(total, payable)?,
        advance: poll.advance,
        balance_due: sub(payable, poll.advance)?,
    })
}

/// Each poll's account: a claim against its caps, or an account against
/// a scale (the council's, or a combined authority's); with the
/// apportionment schedule.
pub fn accounts(
    ledger: &Ledger,
    caps: &[Caps],
    scale: &[ScaleItem],
) -> Result<Accounts, Vec<LedgerProblem>> {
    accounts_with(ledger, caps, scale, &[])
}

/// [`accounts`], with requests for and grants of authorisation above the
/// caps ([`crate::authorisation`]) shown on each claim and deciding its
/// status. Every problem of the orders, tables and authorisations is
/// listed together.
pub fn accounts_with(
    ledger: &Ledger,
    caps: &[Caps],
    scale: &[ScaleItem],
    authorisations: &[Authorisation],
) -> Result<Accounts, Vec<LedgerProblem>> {
    let mut problems = Vec::new();
    for result in [
        check_orders(ledger),
        check_tables(ledger, caps, scale),
        crate::authorisation::check(ledger, authorisations),
    ] {
        if let Err(p) = result {
            problems.extend(p);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let schedule = crate::apportion::apportion(ledger).map_err(|p| vec![p])?;
    let mut polls = Vec::new();
    for poll in ledger.polls() {
        let heads = heads_of(ledger, &schedule, poll);
        if poll.framework.has_caps() {
            let Some(row) = caps.iter().find(|c| c.poll == poll.id) else {
                continue; // checked above
            };
            polls.push(PollAccount::Claim(
                claim(poll, heads, row, authorisations).map_err(|p| vec![p])?,
            ));
        } else {
            polls.push(PollAccount::Scale(
                scale_account(poll, heads, scale).map_err(|p| vec![p])?,
            ));
        }
    }
    Ok(Accounts {
        polls,
        apportionment: schedule,
    })
}

#[cfg(test)]
mod si_year_tests {
    /// The year an SI number gives, as the later-order check reads it.
    #[test]
    fn the_year_of_an_si_number() {
        assert_eq!(
            super::si_year("The Parliamentary Elections (Returning Officers' Charges) Order 2017 (SI 2017/637)"),
            Some(2017)
        );
        assert_eq!(
            super::si_year("an order (SI 2019/1454, as amended)"),
            Some(2019)
        );
        // A Welsh SI's number reads the same way.
        assert_eq!(super::si_year("WSI 2021/315"), Some(2021));
        assert_eq!(super::si_year("no number"), None);
        assert_eq!(super::si_year("SI 20x7/1"), None);
    }
}
