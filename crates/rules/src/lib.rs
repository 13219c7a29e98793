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
//! // Welsh principal councils have had their own rules since 5 May 2022.
//! let wales = select(Country::Wales, Office::PrincipalCouncillor, date!(2027 - 05 - 06)).unwrap();
//! assert_eq!(ruleset(wales).code, "wales-principal-2021");
//!
//! // Mayors: the supplementary vote until 3 May 2023, first past the post
//! // from 4 May 2023, the supplementary vote again from 18 June 2026.
//! let mayor = |d| ruleset(select(Country::England, Office::Mayor, d).unwrap()).code;
//! assert_eq!(mayor(date!(2021 - 05 - 06)), "mayor-sv-2007");
//! assert_eq!(mayor(date!(2024 - 05 - 02)), "mayor-fptp-2023");
//! assert_eq!(mayor(date!(2028 - 05 - 04)), "mayor-sv-2026");
//! ```

use std::fmt;

use countroom_model::{Country, Date, Office, RulesetId};
use time::macros::date;

/// A head under which rejected ballot papers are counted in the statement of
/// rejected ballot papers.
///
/// One variant per distinct head across all rulesets. The wording on a
/// statement differs between instruments (e.g. "voting for more than one
/// candidate" at a single-member poll, "voting for more candidates than the
/// voter is entitled to" at a multi-member one, "both answers voted for" at a
/// referendum, "figure 1 set against more than one candidate" at an STV
/// poll): that wording is in the ruleset's [`HeadSpec::label`], not here.
/// Which [`Ground`]s each head covers is also the ruleset's: most rulesets
/// have one head "unmarked or void for uncertainty", the police and crime
/// commissioner rules have two.
///
/// Not `#[non_exhaustive]`: a new head is a change in the law that every
/// `match` must handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RejectionHead {
    /// Want of an official mark.
    NoOfficialMark,
    /// Votes (or first preferences) for more candidates than the voter is
    /// entitled to vote for; both answers at a referendum.
    TooManyVotes,
    /// No first preference: the figure 1 not placed so as to indicate a
    /// first preference for any candidate (STV).
    NoFirstPreference,
    /// Writing or mark by which the voter could be identified.
    IdentifyingMark,
    /// Unmarked or void for uncertainty (one head).
    UnmarkedOrVoid,
    /// Unmarked (a head of its own).
    Unmarked,
    /// Void for uncertainty (a head of its own).
    VoidForUncertainty,
}

impl RejectionHead {
    /// How many heads there are.
    pub const COUNT: usize = 7;

    /// Every head, in a fixed order.
    pub const ALL: [RejectionHead; Self::COUNT] = [
        RejectionHead::NoOfficialMark,
        RejectionHead::TooManyVotes,
        RejectionHead::NoFirstPreference,
        RejectionHead::IdentifyingMark,
        RejectionHead::UnmarkedOrVoid,
        RejectionHead::Unmarked,
        RejectionHead::VoidForUncertainty,
    ];

    /// The stable code used in the count log and CSV files.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            RejectionHead::NoOfficialMark => "no_official_mark",
            RejectionHead::TooManyVotes => "too_many_votes",
            RejectionHead::NoFirstPreference => "no_first_preference",
            RejectionHead::IdentifyingMark => "identifying_mark",
            RejectionHead::UnmarkedOrVoid => "unmarked_or_void",
            RejectionHead::Unmarked => "unmarked",
            RejectionHead::VoidForUncertainty => "void_for_uncertainty",
        }
    }

    /// Parses a [`RejectionHead::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.code() == code)
    }

    /// Dense index (0..[`RejectionHead::COUNT`]), for per-head arrays.
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

/// Why a ballot paper is void: the grounds the rules list, before they are
/// grouped into the heads of a statement.
///
/// Adjudication finds the grounds that apply to a paper; the ruleset's
/// heads say which head each ground is counted under ([`Ruleset::head_for`])
/// and, where several apply, which head the paper is counted under
/// ([`Ruleset::first_head`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ground {
    /// The paper does not bear the official mark.
    NoOfficialMark,
    /// Votes for more candidates than the voter is entitled to vote for;
    /// more than one first preference; both answers.
    TooManyVotes,
    /// Preferences are marked but no figure 1 against any candidate (STV).
    NoFirstPreference,
    /// Writing or a mark by which the voter can be identified (other than
    /// the printed number and unique identifying mark on the back).
    IdentifyingMark,
    /// No mark at all (as to the first preference, where there is one).
    Unmarked,
    /// Marked, but no vote (or first preference) is certain.
    VoidForUncertainty,
}

impl Ground {
    /// Every ground, in a fixed order.
    pub const ALL: [Ground; 6] = [
        Ground::NoOfficialMark,
        Ground::TooManyVotes,
        Ground::NoFirstPreference,
        Ground::IdentifyingMark,
        Ground::Unmarked,
        Ground::VoidForUncertainty,
    ];

    /// Dense index (0..6).
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
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
    /// The grounds counted under it.
    pub grounds: &'static [Ground],
}

/// How the voter marks the ballot paper, which decides how a paper is
/// adjudicated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotForm {
    /// A vote (a cross) against each candidate voted for, up to the number
    /// of seats; at a referendum, against one answer.
    Votes,
    /// A first-choice column and a second-choice column (the supplementary
    /// vote). Where only two candidates stand, the paper has one column and
    /// is marked as [`BallotForm::Votes`] (Local Authorities (Mayoral
    /// Elections) Regulations 2007 r.48(2)(ii); Police and Crime
    /// Commissioner Elections Order 2012 r.17).
    FirstAndSecondChoice,
    /// Preferences in figures, 1, 2, 3 and so on (the single transferable
    /// vote).
    Preferences,
}

impl BallotForm {
    /// The grounds a paper of this form can be void on.
    #[must_use]
    pub const fn grounds(self) -> &'static [Ground] {
        match self {
            BallotForm::Votes | BallotForm::FirstAndSecondChoice => &[
                Ground::NoOfficialMark,
                Ground::TooManyVotes,
                Ground::IdentifyingMark,
                Ground::Unmarked,
                Ground::VoidForUncertainty,
            ],
            BallotForm::Preferences => &Ground::ALL,
        }
    }
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
    /// A referendum: votes for each answer.
    Referendum,
    /// The supplementary vote: first preferences, then (without a majority)
    /// the second preferences of the eliminated candidates' voters for the
    /// top two.
    SupplementaryVote,
    /// The single transferable vote, under the named rules.
    SingleTransferableVote(StvRules),
}

impl CountingMethod {
    /// Stable code, as in the JSON report: `first_past_the_post`,
    /// `referendum`, `supplementary_vote`, `single_transferable_vote`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            CountingMethod::FirstPastThePost => "first_past_the_post",
            CountingMethod::Referendum => "referendum",
            CountingMethod::SupplementaryVote => "supplementary_vote",
            CountingMethod::SingleTransferableVote(_) => "single_transferable_vote",
        }
    }

    /// Short name for messages.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            CountingMethod::FirstPastThePost => "first past the post",
            CountingMethod::Referendum => "referendum",
            CountingMethod::SupplementaryVote => "supplementary vote",
            CountingMethod::SingleTransferableVote(StvRules::Scotland2011) => {
                "single transferable vote (Scottish rules)"
            }
            CountingMethod::SingleTransferableVote(StvRules::NorthernIreland1962) => {
                "single transferable vote (Northern Ireland rules)"
            }
        }
    }
}

/// Which single-transferable-vote rules: the family of rules a count
/// follows. The statutory instrument in force depends on the poll date
/// ([`StvRules::instrument`]): the Scottish family is the 2007 Order's
/// counting rules for the 2007 polls and the 2011 Order's from 2012 (the
/// same counting rules; the variant is named for the instrument of the
/// ruleset table, whose digest a count log records).
///
/// `StvRules::Scotland` and `StvRules::NorthernIreland` are the same values
/// under the families' names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StvRules {
    /// The Scottish local government rules: Scottish Local Government
    /// Elections Order 2011, Sch 1 rr.46–53 (and the 2007 Order before it):
    /// weighted inclusive Gregory, 5 places.
    Scotland2011,
    /// The Northern Ireland rules: Electoral Law Act (Northern Ireland) 1962,
    /// Sch 5 rr.46–52: last-parcel Gregory, 2 places.
    NorthernIreland1962,
}

#[allow(non_upper_case_globals)]
impl StvRules {
    /// The Scottish local government rules (the family's name).
    pub const Scotland: StvRules = StvRules::Scotland2011;
    /// The Northern Ireland rules (the family's name).
    pub const NorthernIreland: StvRules = StvRules::NorthernIreland1962;
}

impl StvRules {
    /// The decimal places of every value in the count (Scotland r.48(3):
    /// five places; NI r.48(2): two places).
    #[must_use]
    pub const fn places(self) -> u32 {
        match self {
            StvRules::Scotland2011 => 5,
            StvRules::NorthernIreland1962 => 2,
        }
    }

    /// The family's name in files, JSON and on the command line
    /// (`scotland`, `ni`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            StvRules::Scotland2011 => "scotland",
            StvRules::NorthernIreland1962 => "ni",
        }
    }

    /// The family by its name (`scotland`, `ni`).
    #[must_use]
    pub fn parse(s: &str) -> Option<StvRules> {
        match s {
            "scotland" => Some(StvRules::Scotland2011),
            "ni" => Some(StvRules::NorthernIreland1962),
            _ => None,
        }
    }

    /// The family for messages: "Scottish local government STV rules".
    #[must_use]
    pub const fn family(self) -> &'static str {
        match self {
            StvRules::Scotland2011 => "Scottish local government STV rules",
            StvRules::NorthernIreland1962 => "Northern Ireland STV rules",
        }
    }

    /// The citation of the counting rules of the current instrument.
    #[must_use]
    pub const fn citation(self) -> &'static str {
        match self {
            StvRules::Scotland2011 => {
                "Scottish Local Government Elections Order 2011 (SSI 2011/399), Sch 1 rr.46-53"
            }
            StvRules::NorthernIreland1962 => {
                "Electoral Law Act (Northern Ireland) 1962, Sch 5 rr.46-52"
            }
        }
    }

    /// The instrument of this family in force at `poll_date`, or `None` if
    /// none of [`STV_INSTRUMENTS`] covers the date (before the first STV
    /// poll under these rules).
    ///
    /// ```
    /// use countroom_rules::StvRules;
    /// use time::macros::date;
    ///
    /// let i = StvRules::Scotland.instrument(date!(2007 - 05 - 03)).unwrap();
    /// assert_eq!(i.citation, "Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch 1");
    /// let i = StvRules::Scotland.instrument(date!(2017 - 05 - 04)).unwrap();
    /// assert!(i.citation.starts_with("Scottish Local Government Elections Order 2011 (SSI 2011/399)"));
    /// assert!(StvRules::Scotland.instrument(date!(2003 - 05 - 01)).is_none());
    /// ```
    #[must_use]
    pub fn instrument(self, poll_date: Date) -> Option<&'static StvInstrument> {
        STV_INSTRUMENTS.iter().find(|i| {
            i.rules == self && i.from <= poll_date && i.until.is_none_or(|u| poll_date <= u)
        })
    }
}

/// A statutory instrument whose counting rules an STV count follows, and
/// the poll dates it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StvInstrument {
    /// The family of rules.
    pub rules: StvRules,
    /// The instrument and its counting rules.
    pub citation: &'static str,
    /// First poll date governed.
    pub from: Date,
    /// Last poll date governed, if it has been replaced.
    pub until: Option<Date>,
}

/// The STV instruments, by family and poll date. The Scottish dates are
/// those of the ruleset table ([`ALL`]: the 2011 Order from 1 January 2012,
/// first used at the ordinary elections of 3 May 2012); the 2007 Order
/// governed the ordinary elections of 3 May 2007 (the first Scottish local
/// elections by STV, Local Governance (Scotland) Act 2004) and the
/// by-elections until then.
pub const STV_INSTRUMENTS: [StvInstrument; 3] = [
    StvInstrument {
        rules: StvRules::Scotland2011,
        citation: "Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch 1",
        from: date!(2007 - 05 - 03),
        until: Some(date!(2011 - 12 - 31)),
    },
    StvInstrument {
        rules: StvRules::Scotland2011,
        citation: "Scottish Local Government Elections Order 2011 (SSI 2011/399), Sch 1 rr.46-53",
        from: date!(2012 - 01 - 01),
        until: None,
    },
    StvInstrument {
        rules: StvRules::NorthernIreland1962,
        citation: "Electoral Law Act (Northern Ireland) 1962, Sch 5 rr.46-52",
        from: date!(1973 - 05 - 30),
        until: None,
    },
];

/// What a lot decides: one model for every count (the count log's lots and
/// the STV engines' lots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LotPurpose {
    /// Who is elected, between candidates with equal votes (the equality
    /// rule of a first-past-the-post or supplementary-vote count: e.g.
    /// Parliamentary Elections Rules r.49).
    Election,
    /// Who takes the seat with the longer term ([`SeatTermRule`]).
    LongerTerm,
    /// STV: which of equal surpluses is transferred first (Scotland r.50;
    /// NI r.50).
    SurplusOrder,
    /// STV: which of the equal lowest candidates is excluded (Scotland
    /// r.52; NI r.51(13)).
    Exclusion,
}

impl LotPurpose {
    /// Every purpose.
    pub const ALL: [LotPurpose; 4] = [
        LotPurpose::Election,
        LotPurpose::LongerTerm,
        LotPurpose::SurplusOrder,
        LotPurpose::Exclusion,
    ];

    /// The code used in the log, in lots files and in JSON: `election`,
    /// `longer_term`, `surplus_order`, `exclusion`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            LotPurpose::Election => "election",
            LotPurpose::LongerTerm => "longer_term",
            LotPurpose::SurplusOrder => "surplus_order",
            LotPurpose::Exclusion => "exclusion",
        }
    }

    /// The purpose with this code.
    #[must_use]
    pub fn parse(code: &str) -> Option<LotPurpose> {
        LotPurpose::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Whether an STV count draws lots for this purpose.
    #[must_use]
    pub const fn is_stv(self) -> bool {
        matches!(self, LotPurpose::SurplusOrder | LotPurpose::Exclusion)
    }
}

impl fmt::Display for LotPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LotPurpose::Election => "election",
            LotPurpose::LongerTerm => "longer term",
            LotPurpose::SurplusOrder => "order of equal surpluses",
            LotPurpose::Exclusion => "exclusion",
        })
    }
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
    /// An equality of the final totals is decided by lot (the supplementary
    /// vote: Greater London Authority Act 1999 Sch 2 para 4(8) and the
    /// mayoral and PCC rules in the same form).
    LotBetweenEqualTotals,
    /// An exact tie between the answers is reported; there is no lot.
    TieReported,
    /// As the single-transferable-vote rules provide (earlier stages, then
    /// lot).
    AsStvRules,
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
    /// How the ballot paper is marked.
    pub form: BallotForm,
    /// The heads of the statement of rejected ballot papers, in statutory
    /// order.
    pub heads: &'static [HeadSpec],
    /// Where the grounds on which a paper is void, and the saving clause,
    /// are.
    pub void_citation: &'static str,
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
    /// The candidate's deposit and when it is forfeited, if the poll has
    /// one.
    pub deposit: Option<DepositRule>,
    /// Which polls it governs.
    pub scope: Scope,
}

/// A candidate's deposit: returned unless the candidate is not elected and
/// polls no more than a fraction of the votes.
///
/// The test is exact integer arithmetic: forfeited when
/// `votes × denominator ≤ total × numerator` ("does not exceed one-twentieth
/// of the total number of votes polled by all the candidates": exactly 5%
/// forfeits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DepositRule {
    /// The deposit, in whole pounds.
    pub pounds: u32,
    /// The fraction of the votes a candidate must exceed to keep it:
    /// numerator …
    pub numerator: u64,
    /// … and denominator (1/20 is 5%).
    pub denominator: u64,
    /// Which votes are counted.
    pub base: DepositBase,
    /// Where the rule is.
    pub citation: &'static str,
}

/// Which votes a deposit is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepositBase {
    /// The candidate's votes against all valid votes.
    Votes,
    /// The candidate's first-preference votes against all first-preference
    /// votes (supplementary vote) [K: the orders say "votes polled"; at a
    /// supplementary-vote poll this is read as the first preferences, as the
    /// Electoral Commission's results do].
    FirstPreferences,
}

impl DepositRule {
    /// Whether a candidate who was not elected, with `votes` of `total`,
    /// forfeits the deposit. Exact: `votes × denominator ≤ total ×
    /// numerator`, in 128-bit integers.
    #[must_use]
    pub fn forfeited(&self, elected: bool, votes: u64, total: u64) -> bool {
        !elected
            && u128::from(votes) * u128::from(self.denominator)
                <= u128::from(total) * u128::from(self.numerator)
    }
}

/// One-twentieth: the threshold of every deposit countroom knows.
const fn one_twentieth(
    pounds: u32,
    base: DepositBase,
    citation: &'static str,
) -> Option<DepositRule> {
    Some(DepositRule {
        pounds,
        numerator: 1,
        denominator: 20,
        base,
        citation,
    })
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

    /// The head a paper void on `ground` is counted under, or `None` if no
    /// head of this ruleset covers it (a ground its ballot form cannot
    /// give).
    #[must_use]
    pub fn head_for(&self, ground: Ground) -> Option<RejectionHead> {
        self.heads
            .iter()
            .find(|h| h.grounds.contains(&ground))
            .map(|h| h.head)
    }

    /// The head a paper void on every ground in `grounds` is counted under:
    /// the first in statutory order that covers any of them. A paper is
    /// counted once, under one head: the statement counts papers, not
    /// reasons (an inference from its form, "the number of rejected ballot
    /// papers under the several heads").
    #[must_use]
    pub fn first_head(&self, grounds: &[Ground]) -> Option<RejectionHead> {
        self.heads
            .iter()
            .find(|h| h.grounds.iter().any(|g| grounds.contains(g)))
            .map(|h| h.head)
    }

    /// The position of `head` on this ruleset's statement.
    #[must_use]
    pub fn position(&self, head: RejectionHead) -> Option<usize> {
        self.heads.iter().position(|h| h.head == head)
    }

    fn governs(&self, country: Country, office: Office, poll_date: Date) -> bool {
        self.scope.countries.contains(&country)
            && self.scope.office == office
            && poll_date >= self.scope.from
            && self.scope.until.is_none_or(|until| poll_date <= until)
    }
}

/// Grounds for a paper at a poll with one head "unmarked or void for
/// uncertainty".
const UNMARKED_OR_VOID: &[Ground] = &[Ground::Unmarked, Ground::VoidForUncertainty];

/// Head (a) as most statements word it.
const WANT_OF_OFFICIAL_MARK: HeadSpec = HeadSpec {
    head: RejectionHead::NoOfficialMark,
    letter: "a",
    label: "want of an official mark",
    grounds: &[Ground::NoOfficialMark],
};

/// The identifying-mark head as most statements word it, at `letter`.
const fn identifying(letter: &'static str) -> HeadSpec {
    HeadSpec {
        head: RejectionHead::IdentifyingMark,
        letter,
        label: "writing or mark by which the voter could be identified",
        grounds: &[Ground::IdentifyingMark],
    }
}

/// Head (b), "too many votes", in `label`'s words.
const fn too_many(letter: &'static str, label: &'static str) -> HeadSpec {
    HeadSpec {
        head: RejectionHead::TooManyVotes,
        letter,
        label,
        grounds: &[Ground::TooManyVotes],
    }
}

/// The one head for unmarked and void for uncertainty, in `label`'s words.
const fn unmarked_or_void(letter: &'static str, label: &'static str) -> HeadSpec {
    HeadSpec {
        head: RejectionHead::UnmarkedOrVoid,
        letter,
        label,
        grounds: UNMARKED_OR_VOID,
    }
}

/// Parliamentary Elections Rules (Sch 1 to the Representation of the People
/// Act 1983) r.47(4), as read in the Electoral Commission's guidance and the
/// parallel local texts. The exact current wording is a [K] point of
/// `uk-count-rules.md` §12.1, still to be checked against legislation.gov.uk.
const UK_PARLIAMENTARY_HEADS: &[HeadSpec] = &[
    WANT_OF_OFFICIAL_MARK,
    too_many("b", "voting for more than one candidate"),
    identifying("c"),
    unmarked_or_void("d", "being unmarked or wholly void for uncertainty"),
];

/// Local Elections (Principal Areas) and (Parishes and Communities) Rules
/// 2006, Sch 2 r.47: the multi-member wording of head (b). The exact wording
/// of r.47(5) is a [K] point of `uk-count-rules.md` §12.2. The Welsh rules of
/// 2021 keep the same four heads (Local Elections (Principal Areas) (Wales)
/// Rules 2021, Sch 1 r.56 and Sch 2 r.60; head wording [K]).
const LOCAL_HEADS: &[HeadSpec] = &[
    WANT_OF_OFFICIAL_MARK,
    too_many(
        "b",
        "voting for more candidates than the voter was entitled to",
    ),
    identifying("c"),
    unmarked_or_void("d", "being unmarked or wholly void for uncertainty"),
];

/// Parliamentary Voting System and Constituencies Act 2011, Sch 2 r.42(4)
/// [S, read on legislation.gov.uk]; the heads of the 2016 EU referendum's
/// published results are the same four.
const REFERENDUM_HEADS: &[HeadSpec] = &[
    HeadSpec {
        head: RejectionHead::NoOfficialMark,
        letter: "a",
        label: "no official mark",
        grounds: &[Ground::NoOfficialMark],
    },
    too_many("b", "both answers voted for"),
    HeadSpec {
        head: RejectionHead::IdentifyingMark,
        letter: "c",
        label: "writing or mark by which voter could be identified",
        grounds: &[Ground::IdentifyingMark],
    },
    unmarked_or_void("d", "unmarked or void for uncertainty"),
];

/// Local Authorities (Mayoral Elections) (England and Wales) Regulations
/// 2007, Sch 1 r.48(5) [S (a)–(b), read on legislation.gov.uk; (c)–(d) as in
/// r.48(1), K].
const MAYOR_SV_HEADS: &[HeadSpec] = &[
    HeadSpec {
        head: RejectionHead::NoOfficialMark,
        letter: "a",
        label: "want of official mark",
        grounds: &[Ground::NoOfficialMark],
    },
    too_many(
        "b",
        "voting for more than one candidate as to the first preference vote",
    ),
    identifying("c"),
    unmarked_or_void(
        "d",
        "unmarked or void for uncertainty as to the first preference vote",
    ),
];

/// Police and Crime Commissioner Elections Order 2012, Sch 3 r.53(7) in its
/// supplementary-vote form (2012–2022): five heads, "as to the first
/// preference vote" [I: reconstructed from the 2023 text, whose omissions
/// mark where "as to the first preference vote" stood].
const PCC_SV_HEADS: &[HeadSpec] = &[
    WANT_OF_OFFICIAL_MARK,
    too_many(
        "b",
        "voting for more than one candidate as to the first preference vote",
    ),
    identifying("c"),
    HeadSpec {
        head: RejectionHead::Unmarked,
        letter: "d",
        label: "unmarked as to the first preference vote",
        grounds: &[Ground::Unmarked],
    },
    HeadSpec {
        head: RejectionHead::VoidForUncertainty,
        letter: "e",
        label: "void for uncertainty as to the first preference vote",
        grounds: &[Ground::VoidForUncertainty],
    },
];

/// Police and Crime Commissioner Elections Order 2012, Sch 3 r.53(7) as at
/// 16 January 2023 [S, read on legislation.gov.uk].
const PCC_FPTP_HEADS: &[HeadSpec] = &[
    WANT_OF_OFFICIAL_MARK,
    too_many("b", "voting for more than one candidate"),
    identifying("c"),
    HeadSpec {
        head: RejectionHead::Unmarked,
        letter: "d",
        label: "unmarked",
        grounds: &[Ground::Unmarked],
    },
    HeadSpec {
        head: RejectionHead::VoidForUncertainty,
        letter: "e",
        label: "void for uncertainty",
        grounds: &[Ground::VoidForUncertainty],
    },
];

/// Scottish Local Government Elections Order 2011, Sch 1 r.44 [K exact
/// wording; structure S from the Electoral Commission's Scottish guidance
/// and the Health Board Elections (Scotland) Regulations 2009 reg 37, which
/// copies it].
const SCOTLAND_STV_HEADS: &[HeadSpec] = &[
    WANT_OF_OFFICIAL_MARK,
    HeadSpec {
        head: RejectionHead::NoFirstPreference,
        letter: "b",
        label: "the figure 1 not marked so as to indicate a first preference for any candidate",
        grounds: &[Ground::NoFirstPreference],
    },
    too_many(
        "c",
        "the figure 1 set opposite the name of more than one candidate",
    ),
    identifying("d"),
    unmarked_or_void("e", "unmarked or void for uncertainty"),
];

/// Electoral Law Act (Northern Ireland) 1962, Sch 5 r.46 [S transcription]:
/// the statement is "under each of sub-paragraphs (a) to (e)".
const NI_STV_HEADS: &[HeadSpec] = &[
    HeadSpec {
        head: RejectionHead::NoOfficialMark,
        letter: "a",
        label: "does not bear the official mark",
        grounds: &[Ground::NoOfficialMark],
    },
    HeadSpec {
        head: RejectionHead::NoFirstPreference,
        letter: "b",
        label: "the figure 1 standing alone not placed so as to indicate a first preference for some candidate",
        grounds: &[Ground::NoFirstPreference],
    },
    too_many("c", "the figure 1 standing alone set opposite the name of more than one candidate"),
    HeadSpec {
        head: RejectionHead::IdentifyingMark,
        letter: "d",
        label: "anything written or marked by which the voter can be identified",
        grounds: &[Ground::IdentifyingMark],
    },
    unmarked_or_void("e", "unmarked or void for uncertainty"),
];

const GB_AND_NI: &[Country] = &[
    Country::England,
    Country::Wales,
    Country::Scotland,
    Country::NorthernIreland,
];

const ENGLAND_AND_WALES: &[Country] = &[Country::England, Country::Wales];

/// The void-paper rule and saving clause of the FPTP local rules.
const LOCAL_2006_VOID: &str = "Sch 2 r.47(1) (void papers), r.47(2) (saving clause: a vote marked elsewhere than in the proper place, otherwise than by a cross, or by more than one mark, where the intention clearly appears), r.47(3) (not void for uncertainty as respects a vote as to which no uncertainty arises: rejected in part)";

/// Every ruleset countroom knows, in a fixed order.
pub static ALL: &[Ruleset] = &[
    Ruleset {
        id: RulesetId::UkParliamentary,
        code: "uk-parliamentary",
        name: "UK Parliamentary election",
        instrument: "Parliamentary Elections Rules, Schedule 1 to the Representation of the People Act 1983",
        form: BallotForm::Votes,
        heads: UK_PARLIAMENTARY_HEADS,
        heads_citation: "Parliamentary Elections Rules r.47(4)",
        void_citation: "Parliamentary Elections Rules r.47(1) (void papers), r.47(2) (saving clause: a vote marked elsewhere than in the proper place, otherwise than by a cross, or by more than one mark, where an intention that the vote shall be for one or other of the candidates clearly appears)",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: one_twentieth(500, DepositBase::Votes, "Representation of the People Act 1983, Sch 1 r.9 (deposit) and r.53 (return or forfeiture)"),
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
        form: BallotForm::Votes,
        heads: LOCAL_HEADS,
        heads_citation: "Local Elections (Principal Areas) (England and Wales) Rules 2006, Sch 2 r.47",
        void_citation: LOCAL_2006_VOID,
        rejected_in_part: RejectedInPart::Shown,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::MostVotesLongestTerm,
        deposit: None,
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
        form: BallotForm::Votes,
        heads: LOCAL_HEADS,
        heads_citation: "Local Elections (Parishes and Communities) (England and Wales) Rules 2006, Sch 2 r.47",
        void_citation: LOCAL_2006_VOID,
        rejected_in_part: RejectedInPart::Shown,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::MostVotesLongestTerm,
        deposit: None,
        scope: Scope {
            countries: &[Country::England],
            office: Office::ParishCouncillor,
            // Rule 1(2), as for the principal-area rules.
            from: date!(2007 - 01 - 02),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::WalesPrincipal2021,
        code: "wales-principal-2021",
        name: "Election of councillors of a principal area in Wales (first past the post)",
        instrument: "Local Elections (Principal Areas) (Wales) Rules 2021 (SI 2021/1459), Schedules 1 and 2",
        form: BallotForm::Votes,
        heads: LOCAL_HEADS,
        heads_citation: "Local Elections (Principal Areas) (Wales) Rules 2021, Sch 1 r.56 and Sch 2 r.60(7)-(8) (the statement shows the papers rejected and the papers rejected in part)",
        void_citation: "Local Elections (Principal Areas) (Wales) Rules 2021, Sch 2 r.60(1) (void papers), r.60(2) (not void for uncertainty as respects any vote as to which no uncertainty arises), r.60(5)(b) (endorsed \"rejected in part\" with the votes counted); Sch 1 in the same form",
        rejected_in_part: RejectedInPart::Shown,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::MostVotesLongestTerm,
        deposit: None,
        scope: Scope {
            countries: &[Country::Wales],
            office: Office::PrincipalCouncillor,
            // Rule 2: the Rules govern polls on and after 5 May 2022. Councils
            // that resolve to use the single transferable vote (Local
            // Government and Elections (Wales) Act 2021 s.8) count under
            // Part 4A, not built yet.
            from: date!(2022 - 05 - 05),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::UkReferendum,
        code: "uk-referendum",
        name: "Referendum under the Political Parties, Elections and Referendums Act 2000",
        instrument: "Parliamentary Voting System and Constituencies Act 2011, Sch 2 (conduct rules), and the European Union Referendum (Conduct) Regulations 2016 in the same form",
        form: BallotForm::Votes,
        heads: REFERENDUM_HEADS,
        heads_citation: "Parliamentary Voting System and Constituencies Act 2011, Sch 2 r.42(4)",
        void_citation: "Parliamentary Voting System and Constituencies Act 2011, Sch 2 r.42(1) (void papers), r.42(2) (not void for the way a vote is marked if the voter's intended answer is apparent)",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::Referendum,
        equality: EqualityRule::TieReported,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: None,
        scope: Scope {
            countries: GB_AND_NI,
            office: Office::Referendum,
            from: date!(2011 - 05 - 05),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::MayorSv2007,
        code: "mayor-sv-2007",
        name: "Election of an elected mayor (supplementary vote)",
        instrument: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007 (SI 2007/1024), Schedule 1",
        form: BallotForm::FirstAndSecondChoice,
        heads: MAYOR_SV_HEADS,
        heads_citation: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.48(5)",
        void_citation: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.48(1) (void papers), r.48(2) (saving clause: with more than two candidates, where an intention that a first preference vote be given for not more than one candidate clearly appears), r.48(3) (valid as respects the first preference vote whether or not a second preference is marked)",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::SupplementaryVote,
        equality: EqualityRule::LotBetweenEqualTotals,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: one_twentieth(500, DepositBase::FirstPreferences, "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.9 (deposit of £500) and the rule on its return or forfeiture [K rule number]"),
        scope: Scope {
            countries: ENGLAND_AND_WALES,
            office: Office::Mayor,
            from: date!(2007 - 05 - 03),
            // The Elections Act 2022 s.13 replaced the supplementary vote
            // for polls from 4 May 2023.
            until: Some(date!(2023 - 05 - 03)),
        },
    },
    Ruleset {
        id: RulesetId::MayorSv2026,
        code: "mayor-sv-2026",
        name: "Election of an elected mayor (supplementary vote, restored 2026)",
        instrument: "English Devolution and Community Empowerment Act 2026, restoring the supplementary vote; conduct rules restored in the form of the 2007 Regulations, Sch 1 r.48 [I; the rule numbers of the amending Orders are a K point]",
        form: BallotForm::FirstAndSecondChoice,
        heads: MAYOR_SV_HEADS,
        heads_citation: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.48(5), as restored",
        void_citation: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.48(1)-(3), as restored",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::SupplementaryVote,
        equality: EqualityRule::LotBetweenEqualTotals,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: one_twentieth(5000, DepositBase::FirstPreferences, "Combined Authorities (Mayoral Elections) Order 2017 (deposit of £5,000 at a combined authority mayoral election), forfeited at one-twentieth of the first preferences [K: rule numbers as restored in 2026; a local authority mayor's deposit is £500]"),
        scope: Scope {
            countries: &[Country::England],
            office: Office::Mayor,
            // Commenced for combined authority and combined county
            // authority mayors from 18 June 2026.
            from: date!(2026 - 06 - 18),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::PccSv2012,
        code: "pcc-sv-2012",
        name: "Election of a police and crime commissioner (supplementary vote)",
        instrument: "Police and Crime Commissioner Elections Order 2012 (SI 2012/1917), Schedule 3",
        form: BallotForm::FirstAndSecondChoice,
        heads: PCC_SV_HEADS,
        heads_citation: "Police and Crime Commissioner Elections Order 2012, Sch 3 r.53(7)",
        void_citation: "Police and Crime Commissioner Elections Order 2012, Sch 3 r.53(1) (void papers), r.53(3) (condition A: with more than two candidates, an intention that a first preference vote be given for not more than one candidate clearly appears)",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::SupplementaryVote,
        equality: EqualityRule::LotBetweenEqualTotals,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: one_twentieth(5000, DepositBase::FirstPreferences, "Police and Crime Commissioner Elections Order 2012, Sch 3 r.9 (deposit of £5,000) and r.61 (return or forfeiture) [K rule numbers]"),
        scope: Scope {
            countries: ENGLAND_AND_WALES,
            office: Office::PoliceAndCrimeCommissioner,
            from: date!(2012 - 11 - 15),
            until: Some(date!(2023 - 05 - 03)),
        },
    },
    Ruleset {
        id: RulesetId::PccFptp2023,
        code: "pcc-fptp-2023",
        name: "Election of a police and crime commissioner (first past the post)",
        instrument: "Police and Crime Commissioner Elections Order 2012 (SI 2012/1917), Schedule 3, as amended under the Elections Act 2022",
        form: BallotForm::Votes,
        heads: PCC_FPTP_HEADS,
        heads_citation: "Police and Crime Commissioner Elections Order 2012, Sch 3 r.53(7) (as at 16 January 2023)",
        void_citation: "Police and Crime Commissioner Elections Order 2012, Sch 3 r.53(1) (void papers), r.53(2) and (4) (saving clause: an intention that a vote is for only one of the candidates clearly appears)",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: one_twentieth(5000, DepositBase::Votes, "Police and Crime Commissioner Elections Order 2012, Sch 3 r.9 (deposit of £5,000) and the rule on its return or forfeiture [K rule numbers]"),
        scope: Scope {
            countries: ENGLAND_AND_WALES,
            office: Office::PoliceAndCrimeCommissioner,
            from: date!(2023 - 05 - 04),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::ScotlandStv2011,
        code: "scotland-stv-2011",
        name: "Election of councillors in Scotland (single transferable vote)",
        instrument: "Scottish Local Government Elections Order 2011 (SSI 2011/399), Schedule 1",
        form: BallotForm::Preferences,
        heads: SCOTLAND_STV_HEADS,
        heads_citation: "Scottish Local Government Elections Order 2011, Sch 1 r.44",
        void_citation: "Scottish Local Government Elections Order 2011, Sch 1 r.44(1) (void papers), r.44(2) (not void for the way a preference is marked where it clearly indicates a preference) [K exact wording]",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::SingleTransferableVote(StvRules::Scotland2011),
        equality: EqualityRule::AsStvRules,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: None,
        scope: Scope {
            countries: &[Country::Scotland],
            office: Office::PrincipalCouncillor,
            // First used at the ordinary elections of 3 May 2012.
            from: date!(2012 - 01 - 01),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::NorthernIrelandStv1962,
        code: "ni-stv-1962",
        name: "Election of district councillors in Northern Ireland (single transferable vote)",
        instrument: "Electoral Law Act (Northern Ireland) 1962, Schedule 5 (local elections rules)",
        form: BallotForm::Preferences,
        heads: NI_STV_HEADS,
        heads_citation: "Electoral Law Act (Northern Ireland) 1962, Sch 5 r.46",
        void_citation: "Electoral Law Act (Northern Ireland) 1962, Sch 5 r.46(1) (void papers; proviso: a preference marked otherwise than by a figure is not void if it clearly indicates a preference), r.50(4) (a broken sequence ends the paper's transferable preferences)",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::SingleTransferableVote(StvRules::NorthernIreland1962),
        equality: EqualityRule::AsStvRules,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: None,
        scope: Scope {
            countries: &[Country::NorthernIreland],
            office: Office::PrincipalCouncillor,
            from: date!(1973 - 05 - 30),
            until: None,
        },
    },
    Ruleset {
        id: RulesetId::MayorFptp2023,
        code: "mayor-fptp-2023",
        name: "Election of an elected mayor (first past the post)",
        instrument: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007 (SI 2007/1024), Schedule 1, as amended under the Elections Act 2022 s.13",
        form: BallotForm::Votes,
        heads: PCC_FPTP_HEADS,
        heads_citation: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.48, as amended for first past the post [K: head wording taken to be that of the PCC order as amended at the same time]",
        void_citation: "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.48(1) (void papers) and the saving clause, as amended for first past the post [K]",
        rejected_in_part: RejectedInPart::NotApplicable,
        method: CountingMethod::FirstPastThePost,
        equality: EqualityRule::LotAtBoundary,
        seat_terms: SeatTermRule::SingleTerm,
        deposit: one_twentieth(500, DepositBase::Votes, "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007, Sch 1 r.9 (deposit of £500) and the rule on its return or forfeiture [K rule number]"),
        scope: Scope {
            countries: ENGLAND_AND_WALES,
            office: Office::Mayor,
            // The Elections Act 2022 s.13: polls from 4 May 2023; the
            // supplementary vote returns with mayor-sv-2026.
            from: date!(2023 - 05 - 04),
            until: Some(date!(2026 - 06 - 17)),
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
        RulesetId::WalesPrincipal2021 => &ALL[3],
        RulesetId::UkReferendum => &ALL[4],
        RulesetId::MayorSv2007 => &ALL[5],
        RulesetId::MayorSv2026 => &ALL[6],
        RulesetId::PccSv2012 => &ALL[7],
        RulesetId::PccFptp2023 => &ALL[8],
        RulesetId::ScotlandStv2011 => &ALL[9],
        RulesetId::NorthernIrelandStv1962 => &ALL[10],
        RulesetId::MayorFptp2023 => &ALL[11],
    }
}

/// The SHA-256 (lower-case hex) of the ruleset table [`ALL`]: of its
/// `Debug` rendering, which lists every ruleset with every knob, head,
/// wording and citation. A version 2 count log's header records it, so an
/// auditor can tell whether the countroom replaying a log applies the rules
/// the count was run under: any change to the table changes the digest.
#[must_use]
pub fn table_digest() -> String {
    use sha2::Digest;
    let table = format!("{ALL:?}");
    sha2::Sha256::digest(table.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
    fn lot_purposes_and_stv_instruments() {
        for p in LotPurpose::ALL {
            assert_eq!(LotPurpose::parse(p.code()), Some(p));
        }
        assert_eq!(LotPurpose::parse("coin"), None);
        assert!(LotPurpose::Exclusion.is_stv() && !LotPurpose::Election.is_stv());
        assert_eq!(StvRules::Scotland, StvRules::Scotland2011);
        assert_eq!(StvRules::parse("ni"), Some(StvRules::NorthernIreland));
        assert_eq!(StvRules::Scotland.places(), 5);
        assert_eq!(StvRules::NorthernIreland.places(), 2);
        let scot = |d| StvRules::Scotland.instrument(d).map(|i| &i.citation[..48]);
        let order_2007 = Some("Scottish Local Government Elections Order 2007 (");
        let order_2011 = Some("Scottish Local Government Elections Order 2011 (");
        assert_eq!(scot(date!(2007 - 05 - 02)), None);
        assert_eq!(scot(date!(2007 - 05 - 03)), order_2007);
        assert_eq!(scot(date!(2011 - 12 - 31)), order_2007);
        assert_eq!(scot(date!(2012 - 01 - 01)), order_2011);
        assert_eq!(scot(date!(2022 - 05 - 05)), order_2011);
        // The instrument's dates agree with the ruleset table's scope.
        assert_eq!(
            Some(ruleset(RulesetId::ScotlandStv2011).scope.from),
            StvRules::Scotland
                .instrument(date!(2017 - 05 - 04))
                .map(|i| i.from)
        );
        assert_eq!(
            Some(ruleset(RulesetId::NorthernIrelandStv1962).scope.from),
            StvRules::NorthernIreland
                .instrument(date!(2023 - 05 - 18))
                .map(|i| i.from)
        );
    }

    #[test]
    fn table_is_consistent() {
        for r in ALL {
            assert!(std::ptr::eq(ruleset(r.id), r), "{} out of place", r.code);
            assert_eq!(by_code(r.code).map(|x| x.id), Some(r.id));
            let letters: Vec<_> = r.heads.iter().map(|h| h.letter).collect();
            assert_eq!(letters, ["a", "b", "c", "d", "e"][..r.heads.len()].to_vec());
        }
    }

    /// Every ground a ruleset's ballot paper can be void on is counted under
    /// exactly one of its heads, and no head covers a ground that cannot
    /// arise: a paper always lands under one head.
    #[test]
    fn every_ground_has_exactly_one_head() {
        for r in ALL {
            for g in Ground::ALL {
                let covering = r.heads.iter().filter(|h| h.grounds.contains(&g)).count();
                let expected = usize::from(r.form.grounds().contains(&g));
                assert_eq!(covering, expected, "{}: {g:?}", r.code);
            }
            let mut heads: Vec<_> = r.heads.iter().map(|h| h.head).collect();
            heads.sort();
            heads.dedup();
            assert_eq!(heads.len(), r.heads.len(), "{}: a head twice", r.code);
        }
    }

    /// Where several grounds apply, the head first in statutory order wins.
    #[test]
    fn first_head_follows_statutory_order() {
        let pcc = ruleset(RulesetId::PccFptp2023);
        assert_eq!(
            pcc.first_head(&[Ground::VoidForUncertainty, Ground::IdentifyingMark]),
            Some(RejectionHead::IdentifyingMark)
        );
        assert_eq!(
            pcc.first_head(&[Ground::Unmarked]),
            Some(RejectionHead::Unmarked)
        );
        let ge = ruleset(RulesetId::UkParliamentary);
        assert_eq!(
            ge.first_head(&[Ground::Unmarked]),
            Some(RejectionHead::UnmarkedOrVoid)
        );
        assert_eq!(ge.first_head(&[]), None);
        // STV: (b) no first preference comes before (d) identifying mark.
        let scot = ruleset(RulesetId::ScotlandStv2011);
        assert_eq!(
            scot.first_head(&[Ground::IdentifyingMark, Ground::NoFirstPreference]),
            Some(RejectionHead::NoFirstPreference)
        );
    }

    /// Deposits (uk-count-rules §4.9): forfeited when not elected and
    /// 20 × votes ≤ total; exactly 5% forfeits, one vote more keeps it; an
    /// elected candidate never forfeits; councillors and referendums have
    /// none.
    #[test]
    fn deposits_are_forfeited_at_one_twentieth() {
        let Some(d) = ruleset(RulesetId::UkParliamentary).deposit else {
            panic!("a parliamentary candidate pays a deposit");
        };
        assert_eq!(d.pounds, 500);
        assert!(d.forfeited(false, 2_500, 50_000));
        assert!(!d.forfeited(false, 2_501, 50_000));
        assert!(!d.forfeited(true, 0, 50_000));
        assert!(d.forfeited(false, 0, 0));
        assert!(!d.forfeited(false, u64::MAX, u64::MAX));
        assert_eq!(
            ruleset(RulesetId::PccSv2012)
                .deposit
                .map(|d| (d.pounds, d.base)),
            Some((5_000, DepositBase::FirstPreferences))
        );
        for id in [
            RulesetId::EnglandPrincipal2006,
            RulesetId::EnglandParish2006,
            RulesetId::WalesPrincipal2021,
            RulesetId::UkReferendum,
        ] {
            assert_eq!(ruleset(id).deposit, None);
        }
    }

    /// The statements of §3.2 of the domain reference: number of heads and
    /// whether rejected in part is shown.
    #[test]
    fn statements_by_poll() {
        let cases = [
            (RulesetId::UkParliamentary, 4, false),
            (RulesetId::EnglandPrincipal2006, 4, true),
            (RulesetId::EnglandParish2006, 4, true),
            (RulesetId::WalesPrincipal2021, 4, true),
            (RulesetId::UkReferendum, 4, false),
            (RulesetId::MayorSv2007, 4, false),
            (RulesetId::MayorSv2026, 4, false),
            (RulesetId::PccSv2012, 5, false),
            (RulesetId::PccFptp2023, 5, false),
            (RulesetId::ScotlandStv2011, 5, false),
            (RulesetId::NorthernIrelandStv1962, 5, false),
            (RulesetId::MayorFptp2023, 5, false),
        ];
        assert_eq!(cases.len(), ALL.len());
        for (id, heads, rip) in cases {
            let r = ruleset(id);
            assert_eq!(r.heads.len(), heads, "{}", r.code);
            assert_eq!(r.rejected_in_part_applies(), rip, "{}", r.code);
        }
        assert_eq!(
            ruleset(RulesetId::UkReferendum)
                .head(RejectionHead::TooManyVotes)
                .map(|h| h.label),
            Some("both answers voted for")
        );
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
        assert_eq!(
            select(Country::Scotland, Office::PrincipalCouncillor, may_2026),
            Ok(RulesetId::ScotlandStv2011)
        );
        assert_eq!(
            select(
                Country::NorthernIreland,
                Office::PrincipalCouncillor,
                may_2026
            ),
            Ok(RulesetId::NorthernIrelandStv1962)
        );
        assert_eq!(
            select(
                Country::Wales,
                Office::PrincipalCouncillor,
                date!(2022 - 05 - 05)
            ),
            Ok(RulesetId::WalesPrincipal2021)
        );
        // Before the Welsh rules: the 2006 rules still applied in Wales, but
        // countroom has them for England only.
        assert!(select(
            Country::Wales,
            Office::PrincipalCouncillor,
            date!(2017 - 05 - 04)
        )
        .is_err());
        // Police and crime commissioners: the supplementary vote until
        // 3 May 2023, first past the post from 4 May 2023.
        let pcc = |d| select(Country::England, Office::PoliceAndCrimeCommissioner, d);
        assert_eq!(pcc(date!(2021 - 05 - 06)), Ok(RulesetId::PccSv2012));
        assert_eq!(pcc(date!(2023 - 05 - 03)), Ok(RulesetId::PccSv2012));
        assert_eq!(pcc(date!(2024 - 05 - 02)), Ok(RulesetId::PccFptp2023));
        // Mayors: supplementary vote, a gap of first past the post, then the
        // supplementary vote restored.
        let mayor = |d| select(Country::England, Office::Mayor, d);
        assert_eq!(mayor(date!(2021 - 05 - 06)), Ok(RulesetId::MayorSv2007));
        assert_eq!(mayor(date!(2023 - 05 - 03)), Ok(RulesetId::MayorSv2007));
        assert_eq!(mayor(date!(2023 - 05 - 04)), Ok(RulesetId::MayorFptp2023));
        assert_eq!(mayor(date!(2024 - 05 - 02)), Ok(RulesetId::MayorFptp2023));
        assert_eq!(mayor(date!(2026 - 06 - 17)), Ok(RulesetId::MayorFptp2023));
        assert_eq!(mayor(date!(2026 - 06 - 18)), Ok(RulesetId::MayorSv2026));
        assert_eq!(
            select(Country::Scotland, Office::Referendum, date!(2016 - 06 - 23)),
            Ok(RulesetId::UkReferendum)
        );
        let err = select(Country::Scotland, Office::ParishCouncillor, may_2026).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no ruleset for a parish_councillor poll in Scotland on 2026-05-07: countroom does not count this kind of poll yet (see the feature table in README.md)"
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
