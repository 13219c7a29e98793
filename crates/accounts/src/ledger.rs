//! The combination of polls and its cost ledger.
//!
//! A ledger is a log of its own: an append-only list of cost lines (and
//! refunds, which are explicit lines naming the line they refund), each
//! with its category, attribution, payee, evidence and date. Every
//! document (apportionment schedule, claims, accounts) is a pure function
//! of the polls, the ledger, and the cap or scale tables, so the same files
//! give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use time::Date;

use crate::heads::{Framework, Head};
use crate::money::Money;

/// One poll of the combination: an election whose account is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Poll {
    /// The poll's identifier, as cost lines name it.
    pub id: String,
    /// The line of the polls file it was read from (0 if built in memory).
    #[serde(skip)]
    pub source_line: u64,
    /// Its name, as printed on the claim.
    pub name: String,
    /// The framework its account is made under.
    pub framework: Framework,
    /// The area whose maximum recoverable amounts apply (a constituency,
    /// a voting area); may be empty for a poll under a council's scale.
    pub area: String,
    /// Whether the poll was contested (an uncontested election has its
    /// own overall maximum recoverable amount: SI 2017/637 art.6).
    pub contested: bool,
    /// The unit of apportionment this poll belongs to (RPA 1985 s.15(4)
    /// divides costs "equally among the elections"; what counts as one
    /// election — each parish poll, or the parish polls together — is the
    /// Returning Officer's call, recorded here). Defaults to the poll's id.
    pub unit: String,
    /// Advances received on account of the claim.
    pub advance: Money,
    /// The date of the poll (`None`: not given; the order in force at it
    /// is then not checked, and the claim says so).
    #[serde(serialize_with = "crate::orders::serialize_opt_date")]
    pub poll_date: Option<Date>,
}

impl Poll {
    /// Poll `id` named `name` under `framework`, for `area` (may be empty under
    /// a council's scale), contested or not; its unit of apportionment is its
    /// own id, with no advance and no poll date until the builders set them.
    ///
    /// ```
    /// use countroom_accounts::{Framework, Money, Poll};
    /// let town = Poll::new("town", "Town council", Framework::CouncilScale, "", true)
    ///     .unit("parishes")
    ///     .advance(Money::parse("250.00").unwrap());
    /// assert_eq!(town.source_line, 0);
    /// ```
    #[must_use]
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        framework: Framework,
        area: impl Into<String>,
        contested: bool,
    ) -> Poll {
        let id = id.into();
        Poll {
            unit: id.clone(),
            id,
            source_line: 0,
            name: name.into(),
            framework,
            area: area.into(),
            contested,
            advance: Money::ZERO,
            poll_date: None,
        }
    }

    /// The line of the polls file it was read from (0 if built in memory).
    #[must_use]
    pub fn source_line(mut self, source_line: u64) -> Poll {
        self.source_line = source_line;
        self
    }

    /// The unit of apportionment this poll belongs to (RPA 1985 s.15(4)
    /// divides costs "equally among the elections"; what counts as one
    /// election — each parish poll, or the parish polls together — is the
    /// Returning Officer's call, recorded here). Defaults to the poll's id.
    #[must_use]
    pub fn unit(mut self, unit: impl Into<String>) -> Poll {
        self.unit = unit.into();
        self
    }

    /// Advances received on account of the claim.
    #[must_use]
    pub fn advance(mut self, advance: Money) -> Poll {
        self.advance = advance;
        self
    }

    /// The date of the poll (`None`: not given; the order in force at it
    /// is then not checked, and the claim says so).
    #[must_use]
    pub fn poll_date(mut self, poll_date: Option<Date>) -> Poll {
        self.poll_date = poll_date;
        self
    }
}

/// To whom a cost line is attributed (RPA 1985 s.15(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "attribution", content = "polls", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Attribution {
    /// A cost solely attributable to one election: charged to it whole.
    Solely(String),
    /// A cost of taking the combined polls, shared by the named elections.
    Shared(Vec<String>),
    /// A cost attributable to the combination itself, apportioned among
    /// the named elections (every poll of the combination when none are
    /// named).
    Combination(Vec<String>),
}

impl Attribution {
    /// The attribution's code in the ledger CSV.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Attribution::Solely(_) => "solely",
            Attribution::Shared(_) => "shared",
            Attribution::Combination(_) => "combination",
        }
    }

    /// The polls named.
    #[must_use]
    pub fn named(&self) -> &[String] {
        match self {
            Attribution::Solely(p) => std::slice::from_ref(p),
            Attribution::Shared(ps) | Attribution::Combination(ps) => ps,
        }
    }
}

/// Whether a line is a cost or a refund of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineType {
    /// A cost incurred.
    Cost,
    /// A refund of (part of) the named earlier cost line.
    Refund {
        /// The line refunded.
        of: String,
    },
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CostLine {
    /// The line's identifier (unique in the ledger).
    pub id: String,
    /// The line of the file it was read from (0 if built in memory).
    #[serde(skip)]
    pub source_line: u64,
    /// Cost or refund.
    #[serde(rename = "type")]
    pub line_type: LineType,
    /// The date the cost was incurred (or the refund received).
    #[serde(serialize_with = "crate::serialize_date")]
    pub date: Date,
    /// Its head.
    pub category: Head,
    /// To whom it is attributed.
    #[serde(flatten)]
    pub attribution: Attribution,
    /// The amount (never negative).
    pub amount: Money,
    /// Who was paid.
    pub payee: String,
    /// The evidence reference (invoice, payroll run, …).
    pub evidence: String,
    /// What it was for.
    pub description: String,
}

impl CostLine {
    /// Cost line `id`: cost or refund, its date, head, attribution and amount;
    /// add the payee, evidence and description with the builders (empty until
    /// then).
    ///
    /// ```
    /// use countroom_accounts::{Attribution, CostLine, Head, LineType, Money};
    /// # use time::macros::date;
    /// let hall = CostLine::new("L1", LineType::Cost, date!(2024-07-04), Head::Premises,
    ///     Attribution::Solely("ukpge".into()), Money::parse("100.00")?)
    ///     .payee("Village hall")
    ///     .evidence("INV-1");
    /// assert_eq!(hall.description, "");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        id: impl Into<String>,
        line_type: LineType,
        date: Date,
        category: Head,
        attribution: Attribution,
        amount: Money,
    ) -> CostLine {
        CostLine {
            id: id.into(),
            source_line: 0,
            line_type,
            date,
            category,
            attribution,
            amount,
            payee: String::new(),
            evidence: String::new(),
            description: String::new(),
        }
    }

    /// The line of the file it was read from (0 if built in memory).
    #[must_use]
    pub fn source_line(mut self, source_line: u64) -> CostLine {
        self.source_line = source_line;
        self
    }

    /// Who was paid.
    #[must_use]
    pub fn payee(mut self, payee: impl Into<String>) -> CostLine {
        self.payee = payee.into();
        self
    }

    /// The evidence reference (invoice, payroll run, …).
    #[must_use]
    pub fn evidence(mut self, evidence: impl Into<String>) -> CostLine {
        self.evidence = evidence.into();
        self
    }

    /// What it was for.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> CostLine {
        self.description = description.into();
        self
    }
}

/// Which input a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The polls table.
    Polls,
    /// The ledger of cost lines.
    Ledger,
    /// The maximum recoverable amounts.
    Caps,
    /// A council's scale of fees and charges.
    Scale,
    /// Requests for and grants of authorisation above a cap.
    Authorisations,
}

impl Source {
    /// The input's name, for messages.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Source::Polls => "polls",
            Source::Ledger => "ledger",
            Source::Caps => "caps",
            Source::Scale => "scale",
            Source::Authorisations => "authorisations",
        }
    }
}

/// A problem in the accounts' inputs: which input, which line, which
/// field, what. (The CLI names the file.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: line {line}, field `{field}`: {kind}", input.name())]
#[non_exhaustive]
pub struct LedgerProblem {
    /// The input.
    pub input: Source,
    /// The line of the file (0 if built in memory).
    pub line: u64,
    /// The field.
    pub field: &'static str,
    /// What is wrong.
    pub kind: LedgerProblemKind,
}

/// What is wrong in the polls or the ledger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerProblemKind {
    /// No polls.
    #[error("no polls: a combination has at least one poll")]
    NoPolls,
    /// A poll identifier used twice.
    #[error("poll {poll:?} is defined twice")]
    DuplicatePoll {
        /// The poll.
        poll: String,
    },
    /// A line identifier used twice.
    #[error("line {id:?} appears twice in the ledger")]
    DuplicateLine {
        /// The line.
        id: String,
    },
    /// A line names a poll that is not in the combination.
    #[error("unknown poll {poll:?} (the polls: {known})")]
    UnknownPoll {
        /// The poll named.
        poll: String,
        /// The polls defined.
        known: String,
    },
    /// A line names the same poll twice.
    #[error("poll {poll:?} is named twice")]
    PollNamedTwice {
        /// The poll.
        poll: String,
    },
    /// A shared line names fewer than two polls.
    #[error(
        "a shared cost names at least two polls (found {found}); a cost of one poll is `solely`"
    )]
    SharedNeedsTwo {
        /// How many were named.
        found: usize,
    },
    /// A solely-attributed line names no poll or several.
    #[error("a `solely` cost names exactly one poll (found {found})")]
    SolelyNeedsOne {
        /// How many were named.
        found: usize,
    },
    /// A refund of a line that is not (yet) in the ledger.
    #[error("refund of line {of:?}, which is not an earlier cost line of the ledger")]
    RefundOfUnknownLine {
        /// The line named.
        of: String,
    },
    /// A refund whose category or attribution differs from its line's.
    #[error("a refund takes the category and attribution of line {of:?} ({expected})")]
    RefundDiffers {
        /// The line refunded.
        of: String,
        /// Its category and attribution.
        expected: String,
    },
    /// Refunds of a line exceed the line.
    #[error("refunds of line {of:?} come to {refunded}, more than the line's {amount}")]
    RefundExceedsLine {
        /// The line refunded.
        of: String,
        /// Refunded so far, with this one.
        refunded: Money,
        /// The line's amount.
        amount: Money,
    },
    /// A sum too large to hold.
    #[error("the sum overflows")]
    Overflow,
    /// A negative amount on a cost or refund line (a line read from a CSV
    /// never has one: a refund is an explicit line).
    #[error("{amount} is negative: a cost or refund line's amount is never negative")]
    NegativeAmount {
        /// The amount.
        amount: Money,
    },
    /// A poll under a charges order has no row in the caps table.
    #[error("no maximum recoverable amounts for poll {poll:?} ({framework}): the caps table needs a row for every poll claimed under a charges order")]
    MissingCaps {
        /// The poll.
        poll: String,
        /// Its framework.
        framework: &'static str,
    },
    /// A caps row for a poll under a council's scale.
    #[error("poll {poll:?} is accounted for under a scale (a council's, or a combined authority's), which has no maximum recoverable amounts; give its items in the scale table")]
    CapsForScalePoll {
        /// The poll.
        poll: String,
    },
    /// A caps row whose area is not the poll's.
    #[error("the caps row is for area {found:?}, but poll {poll:?} is in area {expected:?}")]
    AreaMismatch {
        /// The poll.
        poll: String,
        /// The poll's area.
        expected: String,
        /// The row's area.
        found: String,
    },
    /// Two rows for the same thing.
    #[error("{what} appears twice")]
    Twice {
        /// What.
        what: String,
    },
    /// A scale row for a poll under a charges order.
    #[error("poll {poll:?} is claimed under a charges order, not a scale")]
    ScaleForCappedPoll {
        /// The poll.
        poll: String,
    },
    /// An uncontested poll whose caps row has no uncontested overall amount.
    #[error("poll {poll:?} was uncontested, but its caps row has no uncontested_overall amount")]
    MissingUncontested {
        /// The poll.
        poll: String,
    },
    /// A claim under an order countroom could not confirm from its text.
    #[error("poll {poll:?}: a claim under {title} ({order}) is refused: the order is unconfirmed ({reason}); no figure is guessed")]
    OrderUnconfirmed {
        /// The poll.
        poll: String,
        /// The order's code.
        order: &'static str,
        /// Its title.
        title: &'static str,
        /// Why it is unconfirmed.
        reason: &'static str,
    },
    /// A claim under an order that does not apply at the poll's date.
    #[error("poll {poll:?} {detail}")]
    OrderNotInForce {
        /// The poll.
        poll: String,
        /// Its date, the order, the polls it applies to (and where that
        /// was read), and the order that does apply if one is known.
        detail: String,
    },
    /// An authorisation for a cap the poll's order does not have (a head
    /// with no cap of its own, or a poll under a council's scale).
    #[error(
        "poll {poll:?} has no maximum recoverable amount {cap:?} under {order} (its caps: {caps})"
    )]
    NoSuchCap {
        /// The poll.
        poll: String,
        /// The cap named.
        cap: String,
        /// The poll's framework.
        order: &'static str,
        /// The caps it has.
        caps: &'static str,
    },
    /// A grant naming no earlier request.
    #[error("grant {grant:?} names request {request:?}, which is not an earlier request of the file: a grant answers a request")]
    GrantWithoutRequest {
        /// The grant.
        grant: String,
        /// The request named.
        request: String,
    },
    /// A grant dated before its request.
    #[error("grant {grant:?} is dated {}, before its request {request:?} of {}", crate::iso_date(*granted), crate::iso_date(*requested))]
    GrantBeforeRequest {
        /// The grant.
        grant: String,
        /// The request.
        request: String,
        /// The grant's date.
        granted: Date,
        /// The request's date.
        requested: Date,
    },
    /// Grants of a request for more than was requested.
    #[error(
        "grants of request {request:?} come to {granted}, more than the {requested} requested"
    )]
    GrantExceedsRequest {
        /// The request.
        request: String,
        /// Granted so far, with this one.
        granted: Money,
        /// Requested.
        requested: Money,
    },
    /// A grant whose poll or cap differs from its request's.
    #[error("grant {grant:?} is for another poll or cap than its request: {detail}")]
    GrantDiffers {
        /// The grant.
        grant: String,
        /// The request's poll and cap, and the grant's.
        detail: String,
    },
}

impl LedgerProblemKind {
    /// Every stable code [`LedgerProblemKind::code`] gives, in declaration order: the
    /// table "Stable codes" of docs/formats.md lists them.
    pub const CODES: &'static [&'static str] = &[
        "no_polls",
        "duplicate_poll",
        "duplicate_line",
        "unknown_poll",
        "poll_named_twice",
        "shared_needs_two",
        "solely_needs_one",
        "refund_of_unknown_line",
        "refund_differs",
        "refund_exceeds_line",
        "overflow",
        "negative_amount",
        "missing_caps",
        "caps_for_scale_poll",
        "area_mismatch",
        "twice",
        "scale_for_capped_poll",
        "missing_uncontested",
        "order_unconfirmed",
        "order_not_in_force",
        "no_such_cap",
        "grant_without_request",
        "grant_before_request",
        "grant_exceeds_request",
        "grant_differs",
    ];

    /// The stable snake_case code of this kind of problem, for
    /// machine-readable output (`countroom_io::Problem::code`): written out
    /// here, never derived from the variant's name, so renaming a variant
    /// does not change it; listed in docs/formats.md, "Stable codes".
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            LedgerProblemKind::NoPolls => "no_polls",
            LedgerProblemKind::DuplicatePoll { .. } => "duplicate_poll",
            LedgerProblemKind::DuplicateLine { .. } => "duplicate_line",
            LedgerProblemKind::UnknownPoll { .. } => "unknown_poll",
            LedgerProblemKind::PollNamedTwice { .. } => "poll_named_twice",
            LedgerProblemKind::SharedNeedsTwo { .. } => "shared_needs_two",
            LedgerProblemKind::SolelyNeedsOne { .. } => "solely_needs_one",
            LedgerProblemKind::RefundOfUnknownLine { .. } => "refund_of_unknown_line",
            LedgerProblemKind::RefundDiffers { .. } => "refund_differs",
            LedgerProblemKind::RefundExceedsLine { .. } => "refund_exceeds_line",
            LedgerProblemKind::Overflow => "overflow",
            LedgerProblemKind::NegativeAmount { .. } => "negative_amount",
            LedgerProblemKind::MissingCaps { .. } => "missing_caps",
            LedgerProblemKind::CapsForScalePoll { .. } => "caps_for_scale_poll",
            LedgerProblemKind::AreaMismatch { .. } => "area_mismatch",
            LedgerProblemKind::Twice { .. } => "twice",
            LedgerProblemKind::ScaleForCappedPoll { .. } => "scale_for_capped_poll",
            LedgerProblemKind::MissingUncontested { .. } => "missing_uncontested",
            LedgerProblemKind::OrderUnconfirmed { .. } => "order_unconfirmed",
            LedgerProblemKind::OrderNotInForce { .. } => "order_not_in_force",
            LedgerProblemKind::NoSuchCap { .. } => "no_such_cap",
            LedgerProblemKind::GrantWithoutRequest { .. } => "grant_without_request",
            LedgerProblemKind::GrantBeforeRequest { .. } => "grant_before_request",
            LedgerProblemKind::GrantExceedsRequest { .. } => "grant_exceeds_request",
            LedgerProblemKind::GrantDiffers { .. } => "grant_differs",
        }
    }
}

/// A combination of polls and its ledger, checked: every poll named
/// exists, identifiers are unique, refunds name earlier lines and do not
/// exceed them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Ledger {
    polls: Vec<Poll>,
    lines: Vec<CostLine>,
}

impl Ledger {
    /// Checks `polls` and `lines`, listing every problem found.
    pub fn new(polls: Vec<Poll>, lines: Vec<CostLine>) -> Result<Ledger, Vec<LedgerProblem>> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        for p in &polls {
            if !ids.insert(p.id.as_str()) {
                problems.push(LedgerProblem {
                    input: Source::Polls,
                    line: p.source_line,
                    field: "poll",
                    kind: LedgerProblemKind::DuplicatePoll { poll: p.id.clone() },
                });
            }
        }
        if polls.is_empty() {
            problems.push(LedgerProblem {
                input: Source::Polls,
                line: 1,
                field: "poll",
                kind: LedgerProblemKind::NoPolls,
            });
        }
        let mut push = |line, field, kind| {
            problems.push(LedgerProblem {
                input: Source::Ledger,
                line,
                field,
                kind,
            });
        };
        let known = || {
            polls
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut seen_lines: BTreeMap<&str, &CostLine> = BTreeMap::new();
        let mut refunded: BTreeMap<&str, Money> = BTreeMap::new();
        for line in &lines {
            let at = line.source_line;
            if line.amount.is_negative() {
                push(
                    at,
                    "amount",
                    LedgerProblemKind::NegativeAmount {
                        amount: line.amount,
                    },
                );
            }
            if seen_lines.contains_key(line.id.as_str()) {
                push(
                    at,
                    "line",
                    LedgerProblemKind::DuplicateLine {
                        id: line.id.clone(),
                    },
                );
            }
            let named = line.attribution.named();
            let mut once = BTreeSet::new();
            for poll in named {
                if !ids.contains(poll.as_str()) {
                    push(
                        at,
                        "polls",
                        LedgerProblemKind::UnknownPoll {
                            poll: poll.clone(),
                            known: known(),
                        },
                    );
                }
                if !once.insert(poll.as_str()) {
                    push(
                        at,
                        "polls",
                        LedgerProblemKind::PollNamedTwice { poll: poll.clone() },
                    );
                }
            }
            if let Attribution::Shared(ps) = &line.attribution {
                if ps.len() < 2 {
                    push(
                        at,
                        "polls",
                        LedgerProblemKind::SharedNeedsTwo { found: ps.len() },
                    );
                }
            }
            if let Attribution::Solely(p) = &line.attribution {
                if p.is_empty() {
                    push(at, "polls", LedgerProblemKind::SolelyNeedsOne { found: 0 });
                }
            }
            if let LineType::Refund { of } = &line.line_type {
                match seen_lines.get(of.as_str()) {
                    Some(orig) if orig.line_type == LineType::Cost => {
                        if orig.category != line.category || orig.attribution != line.attribution {
                            push(
                                at,
                                "refunds",
                                LedgerProblemKind::RefundDiffers {
                                    of: of.clone(),
                                    expected: format!(
                                        "{}, {} {}",
                                        orig.category.code(),
                                        orig.attribution.code(),
                                        orig.attribution.named().join(";")
                                    ),
                                },
                            );
                        }
                        let total = refunded.entry(orig.id.as_str()).or_insert(Money::ZERO);
                        match total.checked_add(line.amount) {
                            Some(t) => {
                                *total = t;
                                if t > orig.amount {
                                    push(
                                        at,
                                        "amount",
                                        LedgerProblemKind::RefundExceedsLine {
                                            of: of.clone(),
                                            refunded: t,
                                            amount: orig.amount,
                                        },
                                    );
                                }
                            }
                            None => push(at, "amount", LedgerProblemKind::Overflow),
                        }
                    }
                    _ => push(
                        at,
                        "refunds",
                        LedgerProblemKind::RefundOfUnknownLine { of: of.clone() },
                    ),
                }
            }
            seen_lines.entry(line.id.as_str()).or_insert(line);
        }
        if Money::sum(lines.iter().map(|l| l.amount)).is_none() {
            push(0, "amount", LedgerProblemKind::Overflow);
        }
        if problems.is_empty() {
            Ok(Ledger { polls, lines })
        } else {
            Err(problems)
        }
    }

    /// The polls, in the order they were listed.
    #[must_use]
    pub fn polls(&self) -> &[Poll] {
        &self.polls
    }

    /// The lines, in ledger order.
    #[must_use]
    pub fn lines(&self) -> &[CostLine] {
        &self.lines
    }

    /// The index of a poll.
    #[must_use]
    pub fn poll_index(&self, id: &str) -> Option<usize> {
        self.polls.iter().position(|p| p.id == id)
    }

    /// The polls a line is apportioned among, as indices in listing order.
    #[must_use]
    pub fn polls_of(&self, line: &CostLine) -> Vec<usize> {
        let mut out: Vec<usize> = match &line.attribution {
            Attribution::Combination(ps) if ps.is_empty() => (0..self.polls.len()).collect(),
            a => a
                .named()
                .iter()
                .filter_map(|p| self.poll_index(p))
                .collect(),
        };
        out.sort_unstable();
        out
    }

    /// Each cost line with its refunds netted off: `(cost line, refunded,
    /// net)`, in ledger order of the cost lines.
    #[must_use]
    pub fn net_lines(&self) -> Vec<(&CostLine, Money, Money)> {
        let mut refunded: BTreeMap<&str, Money> = BTreeMap::new();
        for line in &self.lines {
            if let LineType::Refund { of } = &line.line_type {
                let r = refunded.entry(of.as_str()).or_insert(Money::ZERO);
                // Checked in `new`: a line's refunds sum to at most its
                // amount, an i64 of pence, so this adds exactly.
                *r = Money::from_pence(r.pence() + line.amount.pence());
            }
        }
        self.lines
            .iter()
            .filter(|l| l.line_type == LineType::Cost)
            .map(|l| {
                let r = refunded.get(l.id.as_str()).copied().unwrap_or(Money::ZERO);
                // Two amounts that are not negative (`Ledger::new` refuses a
                // negative amount and a refund of more than its line): their
                // difference fits an i64 exactly.
                (l, r, Money::from_pence(l.amount.pence() - r.pence()))
            })
            .collect()
    }

    /// The net total of the ledger (costs less refunds), or `None` past
    /// the largest amount (which `Ledger::new` rules out: it checks the
    /// lines' sum, and each net is at most its line).
    #[must_use]
    pub fn net_total(&self) -> Option<Money> {
        Money::sum(self.net_lines().into_iter().map(|(_, _, n)| n))
    }
}
