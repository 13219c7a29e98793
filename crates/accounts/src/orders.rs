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

/// One charges order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    /// Where the dates were read (or that they were not).
    pub dates_source: &'static str,
    /// Whether confirmed.
    #[serde(flatten)]
    pub status: OrderStatus,
    /// Where the caps are set (`None` for an unconfirmed order).
    pub caps: Option<CapProvisions>,
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
/// of [`Framework::ALL`].
pub const ORDERS: [ChargesOrder; 12] = [
    ChargesOrder {
        framework: Framework::UkParliamentary2017,
        kind: PollKind::UkParliamentary,
        applies_from: None,
        applies_until: None,
        dates_source: "SI 2017/637 art.1(1) (in force the day after it was made; the day it was made, and the order that replaced it, not read)",
        status: OrderStatus::Confirmed,
        caps: Some(CapProvisions {
            services: "SI 2017/637 art.4(1)",
            expenses: "SI 2017/637 art.5(1)",
            overall: "SI 2017/637 art.3",
            uncontested: "SI 2017/637 art.6",
            amounts: "SI 2017/637 Schedule, per constituency: column 2 services, column 3 expenses, column 4 overall",
        }),
    },
    ChargesOrder {
        framework: Framework::Pcc2024,
        kind: PollKind::PoliceAndCrimeCommissioner,
        applies_from: Some(date!(2024 - 05 - 02)),
        applies_until: None,
        dates_source: "SI 2024/297 art.1(3): not for a poll on or before 1 May 2024",
        status: OrderStatus::Confirmed,
        caps: Some(CapProvisions {
            services: "SI 2024/297, specified services",
            expenses: "SI 2024/297, specified expenses",
            overall: "SI 2024/297, overall",
            uncontested: "SI 2024/297, uncontested",
            amounts: "SI 2024/297, the table for the voting area",
        }),
    },
    ChargesOrder {
        framework: Framework::UkParliamentary2019,
        kind: PollKind::UkParliamentary,
        applies_from: None,
        applies_until: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed(
            "the made text of SI 2019/1454 (its heads, articles and schedule) was not read; only its amending order, SI 2019/1470 (made 18 November 2019), which substitutes the schedule's entry for Berwickshire, Roxburgh and Selkirk and inserts York Outer",
        ),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::UkParliamentary2024,
        kind: PollKind::UkParliamentary,
        applies_from: None,
        applies_until: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed(
            "no charges order for the general election of 4 July 2024 was found in the sources read: its number, heads and amounts are not known to countroom",
        ),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::UkParliamentaryByElection,
        kind: PollKind::UkParliamentaryByElection,
        applies_from: None,
        applies_until: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed(
            "the provisions for a by-election (its amounts or per-elector formula) were not read in any order",
        ),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::Pcc2016,
        kind: PollKind::PoliceAndCrimeCommissioner,
        applies_from: None,
        applies_until: Some(date!(2021 - 05 - 05)),
        dates_source: "SI 2021/390 art.1(4): revoked for polls on or after 6 May 2021",
        status: OrderStatus::Unconfirmed(
            "the 2016 order's text (its number, heads and tables) was not read",
        ),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::Pcc2021,
        kind: PollKind::PoliceAndCrimeCommissioner,
        applies_from: Some(date!(2021 - 05 - 06)),
        applies_until: Some(date!(2024 - 05 - 01)),
        dates_source: "SI 2021/390 art.1(3) (not for a poll on or before 5 May 2021); SI 2024/297 art.1(3) (the 2024 order from 2 May 2024)",
        status: OrderStatus::Unconfirmed(
            "only art.1 of SI 2021/390 and its explanatory note were read (arts 3 to 5 with Schedule 1 for the poll of 6 May 2021, Schedule 2 for a poll taken alone after it to fill a vacancy, art.9 when uncontested): its heads and its tables were not",
        ),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::CombinedAuthorityMayor,
        kind: PollKind::CombinedAuthorityMayor,
        applies_from: None,
        applies_until: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed("no combined authority mayoral charges order was read"),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::CombinedCountyAuthorityMayor,
        kind: PollKind::CombinedCountyAuthorityMayor,
        applies_from: None,
        applies_until: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed(
            "no combined county authority mayoral charges order was read",
        ),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::Senedd,
        kind: PollKind::Senedd,
        applies_from: None,
        applies_until: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed("no Senedd charges order was read"),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::ScottishParliament,
        kind: PollKind::ScottishParliament,
        applies_from: None,
        applies_until: None,
        dates_source: UNREAD,
        status: OrderStatus::Unconfirmed("no Scottish Parliament charges order was read"),
        caps: None,
    },
    ChargesOrder {
        framework: Framework::EuReferendum2016,
        kind: PollKind::NationalReferendum,
        applies_from: Some(date!(2016 - 06 - 23)),
        applies_until: Some(date!(2016 - 06 - 23)),
        dates_source: "the referendum's poll, 23 June 2016 (the regulations fixing the date not read here)",
        status: OrderStatus::Unconfirmed(
            "the charges regulations of 2016 were not read (only their name)",
        ),
        caps: None,
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
            assert_eq!(n, usize::from(f != Framework::CouncilScale), "{f:?}");
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
    /// 2021/390 art.1(3): not for a poll on or before 5 May 2021. So a PCC
    /// poll on 2 May 2024 is under the 2024 order, one on 1 May 2024 (a
    /// late claim for it) and one on 6 May 2021 under the 2021 order, one on
    /// 5 May 2021 under the 2016 order, whose start was not read.
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
        assert_eq!(chosen(date!(2021 - 05 - 05)), None);
        let o = |f| order(f).unwrap();
        assert_eq!(
            o(Framework::Pcc2016).applies_on(date!(2021 - 05 - 05)),
            None
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

    #[test]
    fn kind_codes_round_trip_and_differ_from_order_codes() {
        for k in PollKind::ALL {
            assert_eq!(PollKind::from_code(k.code()), Some(k));
            assert_eq!(Framework::from_code(k.code()), None, "{k:?}");
        }
    }
}
