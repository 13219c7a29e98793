//! Authorisation above a maximum recoverable amount, as events: the
//! Returning Officer's request and the Secretary of State's grant.
//!
//! RPA 1983 s.29(3B): the Secretary of State may, in a particular case,
//! authorise the payment of more than the overall maximum recoverable
//! amount, or more than the specified maximum recoverable amount for any
//! specified services or expenses, if satisfied of the conditions in
//! s.29(3C) (that it was reasonable to render the services or incur the
//! expenses, and the charges are reasonable). So an authorisation is for
//! one cap of one poll (`services`, `expenses` or `overall` under the
//! orders countroom has confirmed: they set no cap per head), and the
//! decision is the Secretary of State's: countroom records who requested,
//! who granted, when and how much, and never grants anything itself.
//!
//! The events are read from their own table (`--authorisations`, in
//! `countroom_io::accounts`), like the ledger an append-only record: a
//! grant names an earlier request, is dated on or after it, is for the
//! request's poll and cap, and the grants of a request never come to more
//! than was requested.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use crate::heads::Framework;
use crate::ledger::{Ledger, LedgerProblem, LedgerProblemKind, Source};
use crate::money::Money;

/// A request or a grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", content = "request", rename_all = "snake_case")]
pub enum Event {
    /// The Returning Officer asks to recover more than the cap.
    Request,
    /// The Secretary of State grants (part of) the named request.
    Grant(String),
}

/// One row of the authorisations table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Authorisation {
    /// The event's identifier (unique in the table).
    pub id: String,
    /// The line of the file (0 if built in memory).
    #[serde(skip)]
    pub source_line: u64,
    /// Request or grant.
    #[serde(flatten)]
    pub event: Event,
    /// The poll (for a grant, empty: the request's).
    pub poll: String,
    /// The cap: `services`, `expenses` or `overall` (for a grant, empty:
    /// the request's).
    pub cap: String,
    /// For a request, the amount asked for above the cap; for a grant,
    /// the amount authorised above it.
    pub amount: Money,
    /// When requested or granted.
    #[serde(serialize_with = "crate::serialize_date")]
    pub date: Date,
    /// Who requested or granted.
    pub by: String,
    /// The letter's or decision's reference.
    pub reference: String,
}

impl Authorisation {
    /// Row `id` of the authorisations table: a request or grant, its poll and
    /// cap (both empty for a grant: the request's), the amount above the cap,
    /// when and by whom; add the reference with the builder.
    #[must_use]
    pub fn new(
        id: impl Into<String>,
        event: Event,
        poll: impl Into<String>,
        cap: impl Into<String>,
        amount: Money,
        date: Date,
        by: impl Into<String>,
    ) -> Authorisation {
        Authorisation {
            id: id.into(),
            source_line: 0,
            event,
            poll: poll.into(),
            cap: cap.into(),
            amount,
            date,
            by: by.into(),
            reference: String::new(),
        }
    }

    /// The line of the file (0 if built in memory).
    #[must_use]
    pub fn source_line(mut self, source_line: u64) -> Authorisation {
        self.source_line = source_line;
        self
    }

    /// The letter's or decision's reference.
    #[must_use]
    pub fn reference(mut self, reference: impl Into<String>) -> Authorisation {
        self.reference = reference.into();
        self
    }
}

/// The caps a framework's claim has, by name (none for a council's scale,
/// and none for an order countroom has not confirmed).
#[must_use]
pub fn cap_names(framework: Framework) -> &'static [&'static str] {
    match crate::orders::order(framework) {
        Some(o) if o.caps.is_some() => &["services", "expenses", "overall"],
        _ => &[],
    }
}

/// Checks the authorisations against the polls, listing every problem:
/// a request for an unknown poll or for a cap the poll's order does not
/// have; a grant of no earlier request, for another poll or cap, dated
/// before its request, or taking the grants past the amount requested;
/// an identifier used twice.
pub fn check(ledger: &Ledger, events: &[Authorisation]) -> Result<(), Vec<LedgerProblem>> {
    let mut problems = Vec::new();
    let mut push = |line, field, kind| {
        problems.push(LedgerProblem {
            input: Source::Authorisations,
            line,
            field,
            kind,
        });
    };
    let known = || {
        ledger
            .polls()
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut requests: BTreeMap<&str, &Authorisation> = BTreeMap::new();
    let mut granted: BTreeMap<&str, Money> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for e in events {
        let at = e.source_line;
        if !seen.insert(e.id.as_str()) {
            push(
                at,
                "id",
                LedgerProblemKind::Twice {
                    what: format!("authorisation {:?}", e.id),
                },
            );
        }
        match &e.event {
            Event::Request => {
                match ledger.polls().iter().find(|p| p.id == e.poll) {
                    None => push(
                        at,
                        "poll",
                        LedgerProblemKind::UnknownPoll {
                            poll: e.poll.clone(),
                            known: known(),
                        },
                    ),
                    Some(p) => {
                        let names = cap_names(p.framework);
                        if !names.contains(&e.cap.as_str()) {
                            push(
                                at,
                                "cap",
                                LedgerProblemKind::NoSuchCap {
                                    poll: p.id.clone(),
                                    cap: e.cap.clone(),
                                    order: p.framework.code(),
                                    caps: match (names.is_empty(), p.framework.has_caps()) {
                                        (false, _) => "services, expenses, overall",
                                        (true, true) => "none known: the order is unconfirmed",
                                        (true, false) => "none",
                                    },
                                },
                            );
                        }
                    }
                }
                requests.entry(e.id.as_str()).or_insert(e);
            }
            Event::Grant(of) => {
                let Some(req) = requests.get(of.as_str()) else {
                    push(
                        at,
                        "request",
                        LedgerProblemKind::GrantWithoutRequest {
                            grant: e.id.clone(),
                            request: of.clone(),
                        },
                    );
                    continue;
                };
                let differs = |field: &str, theirs: &str| !field.is_empty() && field != theirs;
                if differs(&e.poll, &req.poll) || differs(&e.cap, &req.cap) {
                    push(
                        at,
                        if differs(&e.poll, &req.poll) {
                            "poll"
                        } else {
                            "cap"
                        },
                        LedgerProblemKind::GrantDiffers {
                            grant: e.id.clone(),
                            detail: format!(
                                "request {of:?} is for poll {} cap {}, the grant for poll {} cap {}",
                                req.poll, req.cap, e.poll, e.cap
                            ),
                        },
                    );
                }
                if e.date < req.date {
                    push(
                        at,
                        "date",
                        LedgerProblemKind::GrantBeforeRequest {
                            grant: e.id.clone(),
                            request: of.clone(),
                            granted: e.date,
                            requested: req.date,
                        },
                    );
                }
                let total = granted.entry(req.id.as_str()).or_insert(Money::ZERO);
                match total.checked_add(e.amount) {
                    Some(t) => {
                        *total = t;
                        if t > req.amount {
                            push(
                                at,
                                "amount",
                                LedgerProblemKind::GrantExceedsRequest {
                                    request: of.clone(),
                                    granted: t,
                                    requested: req.amount,
                                },
                            );
                        }
                    }
                    None => push(at, "amount", LedgerProblemKind::Overflow),
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// A request as shown on the claim, with what was granted of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RequestShown {
    /// The request's identifier.
    pub id: String,
    /// The amount asked for above the cap.
    pub requested: Money,
    /// When.
    #[serde(serialize_with = "crate::serialize_date")]
    pub date: Date,
    /// By whom.
    pub by: String,
    /// Its reference.
    pub reference: String,
    /// Its grants, in the order recorded.
    pub grants: Vec<GrantShown>,
    /// What they come to.
    pub granted: Money,
    /// Whether no grant has been recorded yet (awaiting the decision).
    pub awaiting: bool,
}

/// A grant as shown on the claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GrantShown {
    /// The grant's identifier.
    pub id: String,
    /// The amount authorised above the cap.
    pub amount: Money,
    /// When.
    #[serde(serialize_with = "crate::serialize_date")]
    pub date: Date,
    /// By whom.
    pub by: String,
    /// Its reference.
    pub reference: String,
}

/// The requests (with their grants) for one cap of one poll, in the order
/// recorded. The events are checked ([`check`]) first.
#[must_use]
pub fn for_cap(events: &[Authorisation], poll: &str, cap: &str) -> Vec<RequestShown> {
    events
        .iter()
        .filter(|e| e.event == Event::Request && e.poll == poll && e.cap == cap)
        .map(|r| {
            let grants: Vec<GrantShown> = events
                .iter()
                .filter(|g| matches!(&g.event, Event::Grant(of) if *of == r.id))
                .map(|g| GrantShown {
                    id: g.id.clone(),
                    amount: g.amount,
                    date: g.date,
                    by: g.by.clone(),
                    reference: g.reference.clone(),
                })
                .collect();
            // Checked: a request's grants come to at most the request.
            let granted = Money::sum(grants.iter().map(|g| g.amount)).unwrap_or(r.amount);
            RequestShown {
                id: r.id.clone(),
                requested: r.amount,
                date: r.date,
                by: r.by.clone(),
                reference: r.reference.clone(),
                awaiting: grants.is_empty(),
                grants,
                granted,
            }
        })
        .collect()
}
