//! The statutory rules of UK counts, as data.
//!
//! A [`Ruleset`] says, for one statutory instrument, which heads rejected
//! ballot papers are recorded under (in statutory order and wording), how the
//! votes are counted, how an equality of votes is settled, and whether
//! "rejected in part" applies. [`select`] chooses the ruleset from the
//! country, the office and the poll date, as the law does; adding a ruleset
//! is adding a value to [`ALL`], not editing conditions across the code.
//!
//! ```
//! use countroom_model::{Country, Office, RulesetId};
//! use countroom_rules::{ruleset, select};
//! use time::macros::date;
//!
//! let id = select(Country::England, Office::PrincipalCouncillor, date!(2026 - 05 - 07)).unwrap();
//! assert_eq!(id, RulesetId::EnglandPrincipal2006);
//! let rules = ruleset(id);
//! assert_eq!(rules.heads.len(), 4);
//! assert!(rules.rejected_in_part_applies());
//!
//! // Welsh principal councils have had their own rules since 2022: not built yet.
//! assert!(select(Country::Wales, Office::PrincipalCouncillor, date!(2027 - 05 - 06)).is_err());
//! ```

use std::fmt;

use countroom_model::{Country, Date, Office, RulesetId};
use time::macros::date;

/// A head under which rejected ballot papers are counted in the statement of
/// rejected ballot papers.
///
/// One variant per distinct statutory head across all rulesets. The wording
/// on a statement differs between instruments (e.g. "voting for more than one
/// candidate" at a single-member poll, "voting for more candidates than the
/// voter is entitled to" at a multi-member one): that wording is in the
/// ruleset's [`HeadSpec::label`], not here.
///
/// Not `#[non_exhaustive]`: a new head is a change in the law that every
/// `match` must handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RejectionHead {
    /// Want of an official mark.
    NoOfficialMark,
    /// Votes for more candidates than the voter is entitled to vote for.
    TooManyVotes,
    /// Writing or mark by which the voter could be identified.
    IdentifyingMark,
    /// Unmarked or void for uncertainty.
    UnmarkedOrVoid,
}

impl RejectionHead {
    /// Every head, in a fixed order.
    pub const ALL: [RejectionHead; 4] = [
        RejectionHead::NoOfficialMark,
        RejectionHead::TooManyVotes,
        RejectionHead::IdentifyingMark,
        RejectionHead::UnmarkedOrVoid,
    ];

    /// The stable code used in the count log and CSV files.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            RejectionHead::NoOfficialMark => "no_official_mark",
            RejectionHead::TooManyVotes => "too_many_votes",
            RejectionHead::IdentifyingMark => "identifying_mark",
            RejectionHead::UnmarkedOrVoid => "unmarked_or_void",
        }
    }

    /// Parses a [`RejectionHead::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.code() == code)
    }

    /// Dense index (0..4), for per-head arrays.
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for RejectionHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One head as a ruleset's statement shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadSpec {
    /// The head.
    pub head: RejectionHead,
    /// The paragraph letter on the statement, e.g. `"a"`.
    pub letter: &'static str,
    /// The statutory wording, e.g. "want of an official mark".
    pub label: &'static str,
}

/// How the votes are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountingMethod {
    /// First past the post ("simple majority system"): each voter has as many
    /// votes as there are seats, at most one per candidate; the candidates
    /// with the most votes, up to the number of seats, are elected.
    ///
    /// Parliamentary Elections Rules r.18 (one vote, single-member);
    /// Local Elections (Principal Areas) Rules 2006 Sch 2 r.15 and Local
    /// Elections (Parishes and Communities) Rules 2006 Sch 2 r.15: "the
    /// candidate or candidates to whom more votes have been given than to the
    /// other candidates, up to the number of councillors to be elected".
    FirstPastThePost,
}

/// How an equality of votes is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EqualityRule {
    /// Where, after the counting (including any re-count) is completed, an
    /// equality of votes is found between candidates and the addition of a
    /// vote would entitle any of them to be declared elected, the returning
    /// officer decides between them by lot and proceeds as if the candidate
    /// on whom the lot falls had received an additional vote.
    ///
    /// Parliamentary Elections Rules r.49; the local rules' r.49 in the same
    /// words. Only the boundary between the last seat and the first
    /// unsuccessful candidate can need a lot.
    LotAtBoundary,
}

/// How seats with different terms are given out when an ordinary election
/// and casual vacancies are filled at one poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatTermRule {
    /// Only one kind of seat: not applicable.
    SingleTerm,
    /// The candidate with most votes takes the seat with the longest term,
    /// the next the next longest, and so on; an equality of votes across two
    /// terms is settled by lot.
    ///
    /// Electoral Commission guidance for candidates at local elections in
    /// England ("allocation of seats if scheduled elections have been
    /// combined with local by-elections"); Local Government Act 1972
    /// s.89(4) for several casual vacancies (the fewest votes takes the seat
    /// of the councillor who would first have retired).
    MostVotesLongestTerm,
}

/// Whether the statement of rejected papers shows papers rejected in part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectedInPart {
    /// Single-member polls: there is no part to reject.
    NotApplicable,
    /// Multi-member polls: a paper is not void for uncertainty as to any vote
    /// where no uncertainty arises, that vote is counted, and the paper is
    /// endorsed "rejected in part" and shown separately.
    Shown,
}

/// One statutory instrument's rules for a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ruleset {
    /// Its identifier.
    pub id: RulesetId,
    /// Stable code used in files and on the command line.
    pub code: &'static str,
    /// Short name, e.g. "UK Parliamentary election".
    pub name: &'static str,
    /// The instrument and the rules within it.
    pub instrument: &'static str,
    /// The heads of the statement of rejected ballot papers, in statutory
    /// order.
    pub heads: &'static [HeadSpec],
    /// Where the statement of rejected papers is prescribed.
    pub heads_citation: &'static str,
    /// Rejected in part.
    pub rejected_in_part: RejectedInPart,
    /// Counting method.
    pub method: CountingMethod,
    /// Equality of votes.
    pub equality: EqualityRule,
    /// Seat terms.
    pub seat_terms: SeatTermRule,
    /// Which polls it governs.
    pub scope: Scope,
}

/// Which polls a ruleset governs: the country, the office and the range of
/// poll dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The countries.
    pub countries: &'static [Country],
    /// The office.
    pub office: Office,
    /// First poll date governed (inclusive).
    pub from: Date,
    /// Last poll date governed (inclusive), if the rules have been replaced.
    pub until: Option<Date>,
}

impl Ruleset {
    /// Whether the statement shows papers rejected in part.
    #[must_use]
    pub fn rejected_in_part_applies(&self) -> bool {
        matches!(self.rejected_in_part, RejectedInPart::Shown)
    }

    /// The statement's spec for `head`, or `None` if this ruleset has no
    /// such head.
    #[must_use]
    pub fn head(&self, head: RejectionHead) -> Option<&'static HeadSpec> {
        self.heads.iter().find(|h| h.head == head)
    }

    fn governs(&self, country: Country, office: Office, poll_date: Date) -> bool {
        self.scope.countries.contains(&country)
            && self.scope.office == office
            && poll_date >= self.scope.from
            && self.scope.until.is_none_or(|until| poll_date <= until)
    }
}

/// Parliamentary Elections Rules r.47(4), as read in the Electoral Commission's
/// guidance and the parallel local texts. The exact current wording is a [K]
/// point of `uk-count-rules.md` §12.1, still to be checked against
/// legislation.gov.uk.
const UK_PARLIAMENTARY_HEADS: &[HeadSpec] = &[
    HeadSpec {
        head: RejectionHead::NoOfficialMark,
        letter: "a",
        label: "want of an official mark",
    },
    HeadSpec {
        head: RejectionHead::TooManyVotes,
        letter: "b",
        label: "voting for more than one candidate",
    },
    HeadSpec {
        head: RejectionHead::IdentifyingMark,
        letter: "c",
        label: "writing or mark by which the voter could be identified",
    },
    HeadSpec {
        head: RejectionHead::UnmarkedOrVoid,
        letter: "d",
        label: "being unmarked or wholly void for uncertainty",
    },
];

/// Local Elections (Principal Areas) and (Parishes and Communities) Rules
/// 2006, Sch 2 r.47: the multi-member wording of head (b). The exact wording
/// of r.47(5) is a [K] point of `uk-count-rules.md` §12.2.
const ENGLAND_LOCAL_HEADS: &[HeadSpec] = &[
    HeadSpec {
        head: RejectionHead::NoOfficialMark,
        letter: "a",
        label: "want of an official mark",
    },
    HeadSpec {
        head: RejectionHead::TooManyVotes,
        letter: "b",
        label: "voting for more candidates than the voter was entitled to",
    },
    HeadSpec {
        head: RejectionHead::IdentifyingMark,
        letter: "c",
        label: "writing or mark by which the voter could be identified",
    },
    HeadSpec {
        head: RejectionHead::UnmarkedOrVoid,
        letter: "d",
        label: "being unmarked or wholly void for uncertainty",
    },
];

const GB_AND_NI: &[Country] = &[
    Country::England,
    Country::Wales,
    Country::Scotland,
    Country::NorthernIreland,
];

/// Every ruleset countroom knows, in a fixed order.
pub static ALL: &[Ruleset] = &[
    Ruleset {
        id: RulesetId::UkParliamentary,
        code: "uk-parliamentary",
        name: "UK Parliamentary election",
        instrument: "Parliamentary Elections Rules, Schedule 1 to the Representation of the People Act 1983",
        heads: UK_PARLIAMENTARY_HEADS,
        heads_citation: "Parliamentary Elections Rules r.47(4)",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::SingleTerm,
        scope: Scope {
            countries: GB_AND_NI,
            office: Office::UkParliament,
            from: date!(1983 - 01 - 01),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::EnglandPrincipal2006,
        code: "england-principal-2006",
        name: "Election of councillors of a principal area in England",
        instrument: "Local Elections (Principal Areas) (England and Wales) Rules 2006 (SI 2006/3304), Schedules 2 and 3",
        heads: ENGLAND_LOCAL_HEADS,
        heads_citation: "Local Elections (Principal Areas) (England and Wales) Rules 2006, Sch 2 r.47",
        rejected_in_part: RejectedInPart::Shown,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::MostVotesLongestTerm,
        scope: Scope {
            countries: &[Country::England],
            office: Office::PrincipalCouncillor,
            // Rule 1(2): in force on 2 January 2007, save for elections whose
            // notice of election was due before 27 March 2007.
            from: date!(2007 - 01 - 02),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::EnglandParish2006,
        code: "england-parish-2006",
        name: "Election of parish councillors in England",
        instrument: "Local Elections (Parishes and Communities) (England and Wales) Rules 2006 (SI 2006/3305), Schedules 2 and 3",
        heads: ENGLAND_LOCAL_HEADS,
        heads_citation: "Local Elections (Parishes and Communities) (England and Wales) Rules 2006, Sch 2 r.47",
        rejected_in_part: RejectedInPart::Shown,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::MostVotesLongestTerm,
        scope: Scope {
            countries: &[Country::England],
            office: Office::ParishCouncillor,
            // Rule 1(2), as for the principal-area rules.
            from: date!(2007 - 01 - 02),
            until: None,
        },
    },
];

/// The ruleset with identifier `id`.
#[must_use]
pub fn ruleset(id: RulesetId) -> &'static Ruleset {
    match id {
        RulesetId::UkParliamentary => &ALL[0],
        RulesetId::EnglandPrincipal2006 => &ALL[1],
        RulesetId::EnglandParish2006 => &ALL[2],
    }
}

/// Finds a ruleset by its [`Ruleset::code`].
#[must_use]
pub fn by_code(code: &str) -> Option<&'static Ruleset> {
    ALL.iter().find(|r| r.code == code)
}

/// No ruleset countroom knows governs this poll.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "no ruleset for a {office} poll in {country} on {poll_date}: countroom does not count this kind of poll yet (see the feature table in README.md)",
    office = office.code()
)]
pub struct NoRuleset {
    /// The country.
    pub country: Country,
    /// The office.
    pub office: Office,
    /// The poll date.
    pub poll_date: Date,
}

/// Chooses the ruleset that governs a poll from its country, office and date.
pub fn select(country: Country, office: Office, poll_date: Date) -> Result<RulesetId, NoRuleset> {
    ALL.iter()
        .find(|r| r.governs(country, office, poll_date))
        .map(|r| r.id)
        .ok_or(NoRuleset {
            country,
            office,
            poll_date,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for r in ALL {
            assert!(std::ptr::eq(ruleset(r.id), r), "{} out of place", r.code);
            assert_eq!(by_code(r.code).map(|x| x.id), Some(r.id));
            let letters: Vec<_> = r.heads.iter().map(|h| h.letter).collect();
            assert_eq!(letters, ["a", "b", "c", "d"][..r.heads.len()].to_vec());
        }
    }

    #[test]
    fn head_codes_round_trip() {
        for h in RejectionHead::ALL {
            assert_eq!(RejectionHead::from_code(h.code()), Some(h));
            assert_eq!(RejectionHead::ALL[h.index()], h);
        }
        assert_eq!(RejectionHead::from_code("spoilt"), None);
    }

    #[test]
    fn selection_follows_country_office_and_date() {
        let may_2026 = date!(2026 - 05 - 07);
        assert_eq!(
            select(
                Country::Scotland,
                Office::UkParliament,
                date!(2024 - 07 - 04)
            ),
            Ok(RulesetId::UkParliamentary)
        );
        assert_eq!(
            select(Country::England, Office::ParishCouncillor, may_2026),
            Ok(RulesetId::EnglandParish2006)
        );
        // Before the 2006 rules came into force (rule 1(2)).
        assert!(select(
            Country::England,
            Office::PrincipalCouncillor,
            date!(2006 - 05 - 04)
        )
        .is_err());
        // Scottish councils count by STV: not in this ruleset table yet.
        let err = select(Country::Scotland, Office::PrincipalCouncillor, may_2026).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no ruleset for a principal_councillor poll in Scotland on 2026-05-07: countroom does not count this kind of poll yet (see the feature table in README.md)"
        );
    }

    #[test]
    fn single_member_heads_use_single_member_wording() {
        let r = ruleset(RulesetId::UkParliamentary);
        assert_eq!(
            r.head(RejectionHead::TooManyVotes).map(|h| h.label),
            Some("voting for more than one candidate")
        );
        assert!(!r.rejected_in_part_applies());
    }
}
