//! The charges orders as data: one entry per order, with the polls it
//! applies to (by kind and poll date), where its maximum recoverable
//! amounts are set, and whether countroom has confirmed it from the
//! instrument's text.
//!
//! An order is **confirmed** when its heads (services and expenses, with
//! their articles) and the articles setting its maximum recoverable
//! amounts were read in the instrument. Its amounts per area (the orders
//! in force tabulate them per constituency or per voting area, in a
//! schedule) are the caps table the Returning Officer gives, typed from
//! that schedule. An order countroom could not confirm is in the table
//! **unconfirmed**, with the reason; a claim under it is refused, naming
//! the order ([`crate::LedgerProblemKind::OrderUnconfirmed`]): no figure
//! or head is ever guessed.
//!
//! Which order applies is decided by the poll date, never by the date of
//! the claim: a late claim for an earlier poll is made under the order
//! that applied at that poll (SI 2024/297 art.1(3): the 2024 PCC order does
//! not apply to an election whose poll was on or before 1 May 2024; SI
//! 2021/390 art.1(3), (4): the 2021 order does not apply to a poll on or
//! before 5 May 2021, and revokes the 2016 order only for polls from 6 May
//! 2021).

use serde::Serialize;
use time::macros::date;
use time::Date;

use crate::heads::Framework;

/// The kind of poll an order is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PollKind {
    /// A UK Parliamentary general election.
    UkParliamentary,
    /// A UK Parliamentary by-election.
    UkParliamentaryByElection,
    /// A police and crime commissioner election.
    PoliceAndCrimeCommissioner,
    /// A combined authority mayor.
    CombinedAuthorityMayor,
    /// A combined county authority mayor.
    CombinedCountyAuthorityMayor,
    /// The Senedd.
    Senedd,
    /// The Scottish Parliament.
    ScottishParliament,
    /// A national referendum.
    NationalReferendum,
}

impl PollKind {
    /// Every kind.
    pub const ALL: [PollKind; 8] = [
        PollKind::UkParliamentary,
        PollKind::UkParliamentaryByElection,
        PollKind::PoliceAndCrimeCommissioner,
        PollKind::CombinedAuthorityMayor,
        PollKind::CombinedCountyAuthorityMayor,
        PollKind::Senedd,
        PollKind::ScottishParliament,
        PollKind::NationalReferendum,
    ];

    /// The kind's code in the polls CSV's `framework` column (the order
    /// is then chosen by the poll date).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            PollKind::UkParliamentary => "ukpe",
            PollKind::UkParliamentaryByElection => "ukpe-by",
            PollKind::PoliceAndCrimeCommissioner => "pcc",
            PollKind::CombinedAuthorityMayor => "ca-mayoral",
            PollKind::CombinedCountyAuthorityMayor => "cca-mayoral",
            PollKind::Senedd => "senedd-election",
            PollKind::ScottishParliament => "scottish-parliament-election",
            PollKind::NationalReferendum => "national-referendum",
        }
    }

    /// The kind for a code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<PollKind> {
        PollKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The framework of a kind of poll whose account is against a scale
    /// rather than under a charges order, whatever the poll date: a
    /// combined authority mayor (RPA 1983 s.36(4C) as inserted by SI
    /// 2017/67 Sch 2 para 1(6)(b)).
    #[must_use]
    pub const fn scale(self) -> Option<Framework> {
        match self {
            PollKind::CombinedAuthorityMayor => Some(Framework::CombinedAuthorityMayor),
            _ => None,
        }
    }

    /// The codes of every kind, for messages.
    #[must_use]
    pub fn codes() -> String {
        PollKind::ALL.map(PollKind::code).join(", ")
    }
}

/// Whether an order was confirmed from the instrument's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "snake_case")]
pub enum OrderStatus {
    /// Its heads and cap articles were read in the instrument.
    Confirmed,
    /// Not confirmed: why. A claim under it is refused.
    Unconfirmed(&'static str),
}

/// Where an order sets each maximum recoverable amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CapProvisions {
    /// Specified services.
    pub services: &'static str,
    /// Specified expenses.
    pub expenses: &'static str,
    /// Overall, at a contested election.
    pub overall: &'static str,
    /// Overall, at an uncontested election.
    pub uncontested: &'static str,
    /// Where the amounts per area are (the caps table is typed from it).
    pub amounts: &'static str,
}

/// A fixed figure read in an instrument's own text (not a per-area entry
/// of its schedule, which is the caps table's), typed with the provision
/// that sets it. An unconfirmed order keeps the figures that were read: they
/// are what is known of it, never enough to make a claim under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OrderFigure {
    /// The provision, e.g. `SSI 2021/155 reg.3(2)(b)`.
    pub provision: &'static str,
    /// What the figure is.
    pub what: &'static str,
    /// The amount, in whole pence.
    pub pence: i64,
}

impl OrderFigure {
    /// The amount.
    #[must_use]
    pub fn amount(&self) -> crate::Money {
        crate::Money::from_pence(self.pence)
    }
}

/// One charges order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ChargesOrder {
    /// The framework (its code in the polls CSV).
    pub framework: Framework,
    /// The kind of poll.
    pub kind: PollKind,
    /// The first poll date it applies to (`None`: not read).
    #[serde(serialize_with = "serialize_opt_date")]
    pub applies_from: Option<Date>,
    /// The last poll date it applies to (`None`: no later order read).
    #[serde(serialize_with = "serialize_opt_date")]
    pub applies_until: Option<Date>,
    /// A day by which the order had been made, as read (its own made date,
    /// or the made date of an instrument amending it), with where it was
    /// read; `None` where neither was read. A later order of the same kind
    /// made before a poll makes an earlier order whose own dates were not
    /// read doubtful for that poll ([`crate::claim::check_orders`]).
    #[serde(serialize_with = "serialize_opt_date")]
    pub made_by: Option<Date>,
    /// Where the dates were read (or that they were not).
    pub dates_source: &'static str,
    /// Whether confirmed.
    #[serde(flatten)]
    pub status: OrderStatus,
    /// Where the caps are set (`None` for an unconfirmed order).
    pub caps: Option<CapProvisions>,
    /// Fixed figures read in the instrument's text, each with its
    /// provision (empty where none was read).
    pub figures: &'static [OrderFigure],
}

pub(crate) fn serialize_opt_date<S: serde::Serializer>(
    d: &Option<Date>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(&crate::iso_date(*d)),
        None => s.serialize_none(),
    }
}

impl ChargesOrder {
    /// Whether the order applies to a poll on `date`: `Some(true)` or
    /// `Some(false)` where the bounds were read; `None` where a bound that
    /// would decide it was not read.
    #[must_use]
    pub fn applies_on(&self, date: Date) -> Option<bool> {
        let after_start = self.applies_from.map(|f| date >= f);
        let before_end = self.applies_until.map_or(Some(true), |u| Some(date <= u));
        match (after_start, before_end) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        }
    }

    /// The poll dates it applies to, for messages.
    #[must_use]
    pub fn window(&self) -> String {
        let from = self
            .applies_from
            .map_or_else(|| "(start not read)".to_owned(), crate::iso_date);
        let until = self
            .applies_until
            .map_or_else(|| "on".to_owned(), |u| format!("to {}", crate::iso_date(u)));
        format!("polls from {from} {until}")
    }
}

const UNREAD: &str = "not read";

/// The order table, one entry per order countroom knows of, in the order
/// of [`Framework::ALL`]. A combined authority mayor has none: its
/// account is against the combined authority's scale (RPA 1983 s.36(4C) as
/// inserted by SI 2017/67 Sch 2 para 1(6)(b), read; see
/// [`Framework::CombinedAuthorityMayor`] and [`PollKind::scale`]).
pub const ORDERS: [ChargesOrder; 11] = [
    ChargesOrder {
        framework: Framework::UkParliamentary2017,
        kind: PollKind::UkParliamentary,
        applies_from: None,
        applies_until: None,
        made_by: None,
        dates_source: "SI 2017/637 art.1(1): in force the day after it was made (the day it was made was not read: the stored copy's \"Made\" line is blank). Doubt: a written answer (HC written question 7706, answered 12 September 2017) says the Parliamentary Elections (Returning Officers' Charges) (No. 2) Order 2017 replaced \"the order introduced on 4 May 2017\" with corrected allocations before the poll of 8 June 2017; that order's number, its revocation of SI 2017/637 and its schedule were not found, nor the revocation by the 2019 order, so the poll dates this order governs are not settled and a claim for 8 June 2017 may be due under the No. 2 Order's schedule",
        status: OrderStatus::Confirmed,
        caps: Some(CapProvisions {
            services: "SI 2017/637 art.4(1)",
            expenses: "SI 2017/637 art.5(1)",
            overall: "SI 2017/637 art.3",
            uncontested: "SI 2017/637 art.6",
            amounts: "SI 2017/637 Schedule, per constituency: column 2 services, column 3 expenses, column 4 overall",
        }),
        figures: &[],
    },
    ChargesOrder {
        framework: Framework::Pcc2024,
        kind: PollKind::PoliceAndCrimeCommissioner,
        applies_from: Some(date!(2024 - 05 - 02)),
        applies_until: None,
        made_by: None,
        dates_source: "SI 2024/297 art.1(3): not for a poll on or before 1 May 2024",
        status: OrderStatus::Confirmed,
        caps: Some(CapProvisions {
            services: "SI 2024/297, specified services",
            expenses: "SI 2024/297, specified expenses",
            overall: "SI 2024/297, overall",
            uncontested: "SI 2024/297, uncontested",
            amounts: "SI 2024/297, the table for the voting area",
        }),
        figures: &[],
    },
    ChargesOrder {
        framework: Framework::UkParliamentary2019,
        kind: PollKind::UkParliamentary,
        applies_from: None,
        applies_until: None,
        made_by: Some(date!(2019 - 11 - 18)),
        dates_source: "its own dates not read; made by 18 November 2019, the day SI 2019/1470, which amends it, was made (SI 2019/1470 art.1(1))",
        status: OrderStatus::Unconfirmed(
            "the made text of SI 2019/1454 (its heads, articles, dates and schedule) was not found (searched: its title, \"2019 No. 1454\", \"uksi/2019/1454\", its revocation of the 2017 order); only its amending order SI 2019/1470 was read (made 18 November 2019, in force the next day, art.1(1)), whose art.2(2) substitutes the schedule's entry for Berwickshire, Roxburgh and Selkirk and inserts York Outer (the figures below)",
        ),
        caps: None,
        figures: &[
            OrderFigure {
                provision: "SI 2019/1470 art.2(2)(a)",
                what: "Berwickshire, Roxburgh and Selkirk: specified services",
                pence: 351_900,
            },
            OrderFigure {
                provision: "SI 2019/1470 art.2(2)(a)",
                what: "Berwickshire, Roxburgh and Selkirk: specified expenses",
                pence: 24_222_700,
            },
            OrderFigure {
                provision: "SI 2019/1470 art.2(2)(a)",
                what: "Berwickshire, Roxburgh and Selkirk: overall",
                pence: 24_574_500,
            },
            OrderFigure {
                provision: "SI 2019/1470 art.2(2)(b)",
                what: "York Outer: specified services",
                pence: 364_800,
            },
            OrderFigure {
                provision: "SI 2019/1470 art.2(2)(b)",
                what: "York Outer: specified expenses",
                pence: 16_706_300,
            },
            OrderFigure {
                provision: "SI 2019/1470 art.2(2)(b)",
                what: "York Outer: overall",
                pence: 17_071_100,
            },
        ],
    },
    ChargesOrder {
        framework: Framework::UkParliamentary2024,
        kind: PollKind::UkParliamentary,
        applies_from: None,
        applies_until: None,
        made_by: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed(
            "only art.2 of SI 2024/693 was read (legislation.gov.uk, as made): the specified services' cap \"for each constituency in England, Wales and Scotland\" is the second column of the table in the Schedule, the services (a) making arrangements for the parliamentary election, (b) discharging the returning officer's duties at it; its title, dates, overall and expenses articles, expense heads, uncontested amount and schedule were not found (searched: its art.3 and the overall article by their likely words, \"Parliamentary Elections (Returning Officers' Charges) Order 2024\", \"uksi 2024 693\"), nor that it is the order for the poll of 4 July 2024",
        ),
        caps: None,
        figures: &[],
    },
    ChargesOrder {
        framework: Framework::UkParliamentaryByElection,
        kind: PollKind::UkParliamentaryByElection,
        applies_from: None,
        applies_until: None,
        made_by: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed(
            "no order's provision for a by-election was read: SI 2017/637 arts 3 to 5 set the amounts \"for each constituency\" without naming a general election (read), where SI 2015/476 art.3(2), (3) named the general election in 2015 (read), so a by-election may fall under the order of its poll date with that constituency's entry; whether it does, or has its own amounts or per-elector formula, was not settled from any order's text",
        ),
        caps: None,
        figures: &[],
    },
    ChargesOrder {
        framework: Framework::Pcc2016,
        kind: PollKind::PoliceAndCrimeCommissioner,
        applies_from: Some(date!(2016 - 05 - 01)),
        applies_until: Some(date!(2021 - 05 - 05)),
        made_by: None,
        dates_source: "SI 2016/514 art.1(3): arts 2 to 9 apply only to an election whose poll is on or after 1 May 2016 (made 12 April 2016, in force the next day, art.1(2); read on BAILII's copy of the made text); SI 2021/390 art.1(4): revoked for polls on or after 6 May 2021",
        status: OrderStatus::Unconfirmed(
            "only art.1 and the start of art.2 of SI 2016/514 were read (the stored copy's opening): its heads, cap articles and tables were not",
        ),
        caps: None,
        figures: &[],
    },
    ChargesOrder {
        framework: Framework::Pcc2021,
        kind: PollKind::PoliceAndCrimeCommissioner,
        applies_from: Some(date!(2021 - 05 - 06)),
        applies_until: Some(date!(2024 - 05 - 01)),
        made_by: None,
        dates_source: "SI 2021/390 art.1(3) (not for a poll on or before 5 May 2021); SI 2024/297 art.1(3) (the 2024 order from 2 May 2024)",
        status: OrderStatus::Unconfirmed(
            "only art.1, the start of art.2 and the explanatory note of SI 2021/390 were read (arts 3 to 5 with Schedule 1 for the poll of 6 May 2021, Schedule 2 for a poll taken alone after it to fill a vacancy, arts 6 to 8 with Schedule 3 for the police area returning officer, art.9 when uncontested): its heads and tables were not (the stored copies stop at art.2; legislation.gov.uk's revised art.5 shows as omitted, by an amendment not read)",
        ),
        caps: None,
        figures: &[],
    },
    ChargesOrder {
        framework: Framework::CombinedCountyAuthorityMayor,
        kind: PollKind::CombinedCountyAuthorityMayor,
        applies_from: None,
        applies_until: None,
        made_by: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed(
            "no combined county authority mayoral charges order was found, and the law read points to a scale instead: SI 2017/67 art.10(1)(d) (inserted by SI 2024/131 reg.10, read) reads Sch 2 para 1(6)(b)'s modification of RPA 1983 s.36 inserting subsection (4D) as a scale fixed by the constituent councils of an authority not yet established; the (4D) that SI 2024/131 inserts for an established combined county authority (its reg.12, amending Sch 2) was searched for and not read, so who fixes the scale and pays under it for an established authority is not settled and no account is made (a combined authority's own (4C), read in SI 2017/67 as made, is the combined authority's scale: framework ca-mayor)",
        ),
        caps: None,
        figures: &[],
    },
    ChargesOrder {
        framework: Framework::Senedd,
        kind: PollKind::Senedd,
        applies_from: None,
        applies_until: None,
        made_by: None,
        dates_source: "SI 2016/417 (W. 133) art.1(2): in force on \"16 March 2015\" as printed, in an order made 15 March 2016; which polls it and any later order apply to was not read",
        status: OrderStatus::Unconfirmed(
            "two orders were read in part. The National Assembly for Wales (Returning Officers' Charges) Order 2016 (SI 2016/417 (W. 133), made 15 March 2016; arts 1 to 4 read: constituency amounts in Sch 1 columns 2 to 4, regional in Sch 2), amended by SI 2017/1106 (W. 280) (made 15 November 2017, art.3 read: the PCC-day words omitted from arts 4 to 9, Sch 1 substituted). WSI 2021/315 (its title and dates not read): art.6(1) caps a contested constituency election's expenses at Sch 1 column 3(a) (standard expenses) plus column 3(b) (coronavirus expenses), each also capped alone, art.6(2)(a) to (n) the standard expense heads, art.10 £2,000.00 overall if uncontested; its services and overall articles, the regional returning officer's, which polls it governs and its schedule were not read. countroom's caps table has no column for a second expenses cap (coronavirus expenses), so a claim under it needs that column first",
        ),
        caps: None,
        figures: &[OrderFigure {
            provision: "WSI 2021/315 art.10",
            what: "constituency returning officer: overall, uncontested Senedd constituency election",
            pence: 200_000,
        }],
    },
    ChargesOrder {
        framework: Framework::ScottishParliament,
        kind: PollKind::ScottishParliament,
        applies_from: None,
        applies_until: None,
        made_by: None,
        dates_source: "SSI 2021/155 reg.1: in force 6 April 2021; which polls the regulations apply to (and whether they revoke SSI 2016/10) was not read",
        status: OrderStatus::Unconfirmed(
            "the Scottish Parliament Elections (Returning Officer Fees and Charges) Regulations 2021 (SSI 2021/155, in force 6 April 2021, reg.1) were read only to reg.5(2): reg.3 (overall, column 4 of the schedule's table by the local authority that appointed the constituency returning officer, £3,000 uncontested) and reg.4 (services (a) conducting the election, (b) discharging the duties, (c) making arrangements, column 2, £900 uncontested); reg.5's uncontested expenses amount and its heads, regs 6 to 8 (regional returning officers), the schedule and which polls they apply to were not",
        ),
        caps: None,
        figures: &[
            OrderFigure {
                provision: "SSI 2021/155 reg.3(2)(b)",
                what: "constituency returning officer: overall, uncontested",
                pence: 300_000,
            },
            OrderFigure {
                provision: "SSI 2021/155 reg.4(2)(b)",
                what: "constituency returning officer: specified services, uncontested",
                pence: 90_000,
            },
        ],
    },
    ChargesOrder {
        framework: Framework::EuReferendum2016,
        kind: PollKind::NationalReferendum,
        applies_from: Some(date!(2016 - 06 - 23)),
        applies_until: Some(date!(2016 - 06 - 23)),
        made_by: None,
        dates_source: "the referendum's poll, 23 June 2016 (the regulations fixing the date not read here)",
        status: OrderStatus::Unconfirmed(
            "the European Union Referendum (Counting Officers' and Regional Counting Officers' Charges) Regulations 2016 were not found (only the power, European Union Referendum Act 2015 Sch 3 para 16, and the written statement HCWS648 of 23 March 2016 saying they came into force that day, were read): their number, heads and tables are not known",
        ),
        caps: None,
        figures: &[],
    },
];

/// The order entry for a framework (`None` for a council's scale).
#[must_use]
pub fn order(framework: Framework) -> Option<&'static ChargesOrder> {
    ORDERS.iter().find(|o| o.framework == framework)
}

/// What choosing an order for a kind of poll and a poll date gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The one order whose dates were read and contain the poll date.
    Order(&'static ChargesOrder),
    /// None does; the orders of that kind are listed for the message.
    None(String),
}

/// Chooses the order for a poll of `kind` on `date`: the order of that
/// kind whose dates (as read) contain the date. An order whose dates were
/// not read is never chosen: it is named in the message instead.
#[must_use]
pub fn choose(kind: PollKind, date: Date) -> Choice {
    let of_kind: Vec<&ChargesOrder> = ORDERS.iter().filter(|o| o.kind == kind).collect();
    if let Some(o) = of_kind.iter().find(|o| o.applies_on(date) == Some(true)) {
        return Choice::Order(o);
    }
    Choice::None(
        of_kind
            .iter()
            .map(|o| {
                format!(
                    "{} ({}: {})",
                    o.framework.code(),
                    o.window(),
                    o.dates_source
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_framework_but_the_scale_has_one_entry() {
        for f in Framework::ALL {
            let n = ORDERS.iter().filter(|o| o.framework == f).count();
            assert_eq!(n, usize::from(f.has_caps()), "{f:?}");
        }
        // A confirmed order says where every cap is set; an unconfirmed one
        // sets none.
        for o in ORDERS {
            assert_eq!(
                o.caps.is_some(),
                o.status == OrderStatus::Confirmed,
                "{:?}",
                o.framework
            );
        }
    }

    /// SI 2024/297 art.1(3): not for a poll on or before 1 May 2024; SI
    /// 2021/390 art.1(3): not for a poll on or before 5 May 2021; SI
    /// 2016/514 art.1(3): arts 2 to 9 only for a poll on or after 1 May
    /// 2016. So a PCC poll on 2 May 2024 is under the 2024 order, one on
    /// 1 May 2024 (a late claim for it) and one on 6 May 2021 under the 2021
    /// order, one on 5 May 2021 and one on 1 May 2016 under the 2016 order,
    /// and one on 30 April 2016 (the 2012 order's) under none known.
    #[test]
    fn pcc_orders_by_poll_date() {
        let pcc = PollKind::PoliceAndCrimeCommissioner;
        let chosen = |d| match choose(pcc, d) {
            Choice::Order(o) => Some(o.framework),
            Choice::None(_) => None,
        };
        assert_eq!(chosen(date!(2024 - 05 - 02)), Some(Framework::Pcc2024));
        assert_eq!(chosen(date!(2028 - 05 - 04)), Some(Framework::Pcc2024));
        assert_eq!(chosen(date!(2024 - 05 - 01)), Some(Framework::Pcc2021));
        assert_eq!(chosen(date!(2021 - 05 - 06)), Some(Framework::Pcc2021));
        assert_eq!(chosen(date!(2021 - 05 - 05)), Some(Framework::Pcc2016));
        assert_eq!(chosen(date!(2016 - 05 - 05)), Some(Framework::Pcc2016));
        assert_eq!(chosen(date!(2016 - 05 - 01)), Some(Framework::Pcc2016));
        assert_eq!(chosen(date!(2016 - 04 - 30)), None);
        let o = |f| order(f).unwrap();
        assert_eq!(
            o(Framework::Pcc2016).applies_on(date!(2021 - 05 - 05)),
            Some(true)
        );
        assert_eq!(
            o(Framework::Pcc2016).applies_on(date!(2021 - 05 - 06)),
            Some(false)
        );
        assert_eq!(
            o(Framework::Pcc2024).applies_on(date!(2024 - 05 - 01)),
            Some(false)
        );
        // The UK Parliamentary orders' dates were not read: none is chosen.
        assert!(matches!(
            choose(PollKind::UkParliamentary, date!(2024 - 07 - 04)),
            Choice::None(m) if m.contains("ukpe-2017") && m.contains("ukpe-2024")
        ));
    }

    /// The figures read are typed as the instruments print them. SI
    /// 2019/1470 art.2(2)(a): Berwickshire, Roxburgh and Selkirk £3,519,
    /// £242,227, £245,745 — the overall is not the sum of the other two
    /// (3,519 + 242,227 = 245,746), so an overall cap is always the table's
    /// own figure, never derived; art.2(2)(b): York Outer £3,648 + £167,063
    /// = £170,711. SSI 2021/155 reg.3(2)(b) £3,000 and reg.4(2)(b) £900,
    /// uncontested; WSI 2021/315 art.10 £2,000.00 uncontested. Each figure
    /// names its provision; an order with figures
    /// read is still refused while its heads are not.
    #[test]
    fn figures_read_are_typed_and_cited() {
        let pence = |f: Framework| -> Vec<i64> {
            order(f).unwrap().figures.iter().map(|x| x.pence).collect()
        };
        let uk = pence(Framework::UkParliamentary2019);
        assert_eq!(
            uk,
            [351_900, 24_222_700, 24_574_500, 364_800, 16_706_300, 17_071_100]
        );
        assert_eq!(uk[0] + uk[1], 24_574_600);
        assert_ne!(uk[0] + uk[1], uk[2]);
        assert_eq!(uk[3] + uk[4], uk[5]);
        assert_eq!(pence(Framework::ScottishParliament), [300_000, 90_000]);
        // WSI 2021/315 art.10: "£2,000.00 (two thousand pounds)".
        assert_eq!(pence(Framework::Senedd), [200_000]);
        for o in ORDERS {
            for f in o.figures {
                assert!(["SI ", "SSI ", "WSI "]
                    .iter()
                    .any(|p| f.provision.starts_with(p)));
                assert!(f.pence > 0);
                assert_eq!(f.amount().pence(), f.pence);
            }
            if !o.figures.is_empty() {
                assert!(
                    matches!(o.status, OrderStatus::Unconfirmed(_)),
                    "{:?}",
                    o.framework
                );
            }
        }
        assert_eq!(
            order(Framework::UkParliamentary2019).unwrap().figures[2]
                .amount()
                .to_string(),
            "245745.00"
        );
    }

    #[test]
    fn kind_codes_round_trip_and_differ_from_order_codes() {
        for k in PollKind::ALL {
            assert_eq!(PollKind::from_code(k.code()), Some(k));
            assert_eq!(Framework::from_code(k.code()), None, "{k:?}");
        }
    }
}
