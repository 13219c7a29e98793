//! The UK's list-system allocation, exact.
//!
//! Seats in an area (a Senedd constituency from 2026, a Scottish
//! Parliament region, the London-wide area of the London Assembly, a Senedd
//! electoral region of 2007–2021) are given out one at a time to the party
//! or individual candidate with the highest **figure**: a party's votes
//! divided by its divisor, an individual candidate's votes.
//!
//! - [`Method::DHondt`]: the divisor is one more than the list seats the
//!   party has already been allocated in the area (the Senedd's closed
//!   lists: Government of Wales Act 2006 ss.8–9 as substituted by the Senedd
//!   Cymru (Members and Elections) Act 2024 s.8).
//! - [`Method::Ams`]: the divisor is one more than the constituency seats the
//!   party won in the region plus the regional seats already allocated to it
//!   (Scotland Act 1998 ss.7(2)–(3) and 8; Government of Wales Act 2006
//!   ss.8–9 as enacted; Greater London Authority Act 1999 Sch 2 Part II).
//!
//! Figures are exact rationals (`votes / divisor`), compared by
//! cross-multiplication in 128-bit integers; no floating point anywhere.
//! A figure is printed to two places by [`Rounding::HalfEven`] (the
//! published round tables' convention), always beside its exact fraction.
//!
//! An individual candidate takes one seat at most (Scotland Act 1998
//! s.8(3)); a party whose list is exhausted is passed over (s.8(6)); a
//! threshold (London: 5% of the London-wide votes, GLA Act 1999 Sch 2) puts
//! a party or individual under it out of the allocation; the member filling
//! a party's seat is the next on its list in order, skipping anyone already
//! returned, withdrawn or dead (s.8(4)–(5)).
//!
//! Equal highest figures are never settled by the engine: what the statute
//! says to do is data ([`TieRule`]); a lot the rule calls for is an input
//! ([`Lot`]), and without it the allocation stops and says which round and
//! who is tied ([`Status::LotRequired`]).
//!
//! ```
//! use countroom_list::{allocate_area, Area, Contestant, Method, Options, Status, TieRule};
//!
//! let area = Area::new("Example", 3)
//!     .contestant(Contestant::party("A", 1_000))
//!     .contestant(Contestant::party("B", 700))
//!     .contestant(Contestant::party("C", 300));
//! let options = Options::new(Method::DHondt, TieRule::Lot);
//! let result = allocate_area(&area, &options).unwrap();
//! assert_eq!(result.status, Status::Complete);
//! // A 1000/1, B 700/1, then A 1000/2 = 500 beats B 700/2 = 350 and C 300.
//! let winners: Vec<&str> = result.rounds.iter().map(|r| r.contestant.as_str()).collect();
//! assert_eq!(winners, ["A", "B", "A"]);
//! assert_eq!(result.rounds[2].figure.exact(), "500");
//! assert_eq!(result.next.as_ref().unwrap().figure.exact(), "350");
//! ```

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

pub use countroom_arith::Rounding;
use countroom_rules::lists::{
    DivisorRule, ListMethod, ListRuleset, Source, TieRule as RulesTieRule,
};

/// How a party's divisor is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// D'Hondt on list seats alone: divisor = 1 + list seats already
    /// allocated to the party in the area (Senedd 2026: Government of Wales
    /// Act 2006 s.9 as substituted by the Senedd Cymru (Members and
    /// Elections) Act 2024 s.8). A `constituency_seats` figure is refused.
    DHondt,
    /// The additional member system: divisor = 1 + constituency seats won by
    /// the party in the region + regional seats already allocated (Scotland
    /// Act 1998 s.7(2)–(3); Government of Wales Act 2006 s.8 as enacted; GLA
    /// Act 1999 Sch 2 Part II). An individual candidate returned as a
    /// constituency member is disregarded (Scotland Act 1998 s.8(3)).
    Ams,
}

/// What the statute says to do when two or more have the highest figure.
///
/// Which rule governs which poll is the ruleset's to say (crate
/// `countroom-rules`); the allocation takes it as data and never chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TieRule {
    /// The returning officer decides between them by lot, at any equality of
    /// the highest figures (the Electoral Commission's guidance for
    /// candidates and agents at the Senedd election of 2026, "Allocation of
    /// seats": "If the highest seat allocation figure is the same for two or
    /// more political parties or individual candidates, the RO must decide
    /// between them by drawing lots"; the text of Government of Wales Act
    /// 2006 s.9 as substituted by the 2024 Act was not read here: whether it
    /// first gives each a seat when enough are left is for the Senedd 2026
    /// ruleset to settle). Without a recorded lot for the round the
    /// allocation stops ([`Status::LotRequired`]).
    Lot,
    /// If there are at least as many seats left as those equal, each is
    /// allocated a seat (Government of Wales Act 2006 s.9(7) as enacted: "the
    /// subsection applies to each of them", read in the Bill as brought to
    /// the Lords, HL Bill 133 of 2005–06; Scotland Act 1998 s.8(7) to the
    /// same effect); otherwise the figures of those equal are recalculated
    /// as if each had one more vote, and the highest takes the seat; if still
    /// equal, lot (s.9(8)–(9), as the Electoral Commission's guidance for
    /// the Senedd's regional allocation of 2007–2021 states them: "add one
    /// vote to the total number of votes each tied party or individual
    /// candidate has at that stage … If this would still result in two or
    /// more … tied you must decide between them by lot"; for Scotland, the
    /// modification of s.8(7) that s.12(2)(f) allows the elections order to
    /// make, not read here).
    EachThenOneVoteThenLot,
    /// If there are at least as many seats left as those equal, each is
    /// allocated a seat (Scotland Act 1998 s.8(7); Government of Wales Act
    /// 2006 s.9(7) as enacted); otherwise the allocation stops
    /// ([`Status::MoreTiedThanSeatsLeft`], naming those equal and the seats
    /// left): s.8(7) gives each of them a seat, which would return more
    /// members than the region has, and s.12(2)(f) leaves it to the
    /// elections order to modify s.8(7) "to ensure the allocation of the
    /// correct number of seats"; that modification (recalculation, lot or
    /// otherwise) was not read (`countroom_rules::lists`, the rulesets'
    /// doubts), so the engine neither recalculates nor asks for a lot.
    EachThenUnsettled,
    /// The figures of those equal are recalculated as though each party had
    /// one more seat (votes ÷ (divisor + 1)) and the highest takes the
    /// seat; if they are still equal, the returning officer decides by lot
    /// (the London members: Greater London Authority Act 1999 Sch 2 Part
    /// II, as its explanatory notes para 53 describe it). The notes speak
    /// of parties: an individual candidate among those equal stops the
    /// allocation ([`Status::TieRuleUnsettled`]) rather than guess what
    /// "one more seat" means for a figure that is never divided.
    RecalculateOneMoreSeatThenLot,
    /// The rule has not been settled for this poll: an equality stops the
    /// allocation ([`Status::TieRuleUnsettled`]) rather than guess.
    Unsettled,
}

/// A threshold: a percentage of the area's total votes (all parties and
/// individual candidates) under which a party or individual candidate takes
/// no seat (London: 5 per cent, GLA Act 1999 Sch 2 Part II, the London
/// members; the paragraph was not read here, and "under" is taken as
/// strictly less than, which exactly 5 per cent is not), held as
/// an exact fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Threshold {
    numerator: u64,
    denominator: u64,
}

impl Threshold {
    /// `numerator / denominator` per cent; `None` unless
    /// 0 ≤ it ≤ 100 and the denominator is not zero.
    #[must_use]
    pub fn percent(numerator: u64, denominator: u64) -> Option<Threshold> {
        if denominator == 0 || u128::from(numerator) > u128::from(denominator) * 100 {
            return None;
        }
        Some(Threshold {
            numerator,
            denominator,
        })
    }

    /// The London Assembly's: 5 per cent of the London-wide votes.
    pub const LONDON: Threshold = Threshold {
        numerator: 5,
        denominator: 1,
    };

    /// Whether two thresholds are the same percentage (`5` and `5.0`),
    /// compared exactly.
    #[must_use]
    pub fn same_percent(self, other: Threshold) -> bool {
        u128::from(self.numerator) * u128::from(other.denominator)
            == u128::from(other.numerator) * u128::from(self.denominator)
    }

    /// Whether `votes` of `total` is under the threshold:
    /// `100 × votes × denominator < numerator × total`, exactly (each side
    /// a 256-bit product, so no votes, total or threshold overflows it).
    #[must_use]
    pub fn excludes(self, votes: u64, total: u128) -> bool {
        // 100 × votes < 2^71: fits.
        let left = mul_wide(u128::from(votes) * 100, u128::from(self.denominator));
        let right = mul_wide(total, u128::from(self.numerator));
        left < right
    }
}

/// `a × b` exactly, as (high, low) 128-bit halves of the 256-bit product
/// (so that two such products compare as tuples).
pub(crate) fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & MASK);
    let (b1, b0) = (b >> 64, b & MASK);
    // Each partial product of two 64-bit halves fits a u128.
    let low = a0 * b0;
    let mid1 = a0 * b1;
    let mid2 = a1 * b0;
    let high = a1 * b1;
    // At most 3 × (2^64 - 1): fits.
    let carry = (low >> 64) + (mid1 & MASK) + (mid2 & MASK);
    let lo = (low & MASK) | ((carry & MASK) << 64);
    let hi = high + (mid1 >> 64) + (mid2 >> 64) + (carry >> 64);
    (hi, lo)
}

/// Shown as the decimal it is (`5%`, `4.5%`, `4.75%`, `33.333%`: the
/// reduced fraction's denominator has no prime factors but 2 and 5, so the
/// decimal terminates and is exact), and as a fraction (`100/3%`) only when
/// no decimal is exact. Nothing is rounded.
impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = gcd(u128::from(self.numerator), u128::from(self.denominator));
        let (n, d) = (
            u128::from(self.numerator) / g,
            u128::from(self.denominator) / g,
        );
        if d == 1 {
            return write!(f, "{n}%");
        }
        match exact_decimal(n, d) {
            Some(text) => write!(f, "{text}%"),
            None => write!(f, "{n}/{d}%"),
        }
    }
}

/// `n / d` as a terminating decimal with no trailing zeros, if it is one
/// (`d` has no prime factors but 2 and 5) and fits 128 bits.
fn exact_decimal(n: u128, d: u128) -> Option<String> {
    let (mut rest, mut twos, mut fives) = (d, 0u32, 0u32);
    while rest % 2 == 0 {
        rest /= 2;
        twos += 1;
    }
    while rest % 5 == 0 {
        rest /= 5;
        fives += 1;
    }
    if rest != 1 {
        return None;
    }
    let places = twos.max(fives);
    let scale = 10u128.checked_pow(places)?;
    // d divides 10^places exactly.
    let scaled = n.checked_mul(scale / d)?;
    let width = usize::try_from(places).ok()?;
    let fraction = format!("{:0width$}", scaled % scale);
    let fraction = fraction.trim_end_matches('0');
    Some(if fraction.is_empty() {
        format!("{}", scaled / scale)
    } else {
        format!("{}.{fraction}", scaled / scale)
    })
}

/// Where a person on a party's list stands when seats are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberStatus {
    /// Standing: may fill a seat.
    Standing,
    /// Already returned (as a constituency member, or for another seat):
    /// treated as no longer on the list (Scotland Act 1998 s.8(5)).
    Returned,
    /// Withdrawn from the list.
    Withdrawn,
    /// Died.
    Died,
}

/// One person on a party's list, in list order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMember {
    /// The name as on the list.
    pub name: String,
    /// Whether they may fill a seat.
    pub status: MemberStatus,
}

impl ListMember {
    /// A standing member.
    #[must_use]
    pub fn standing(name: impl Into<String>) -> ListMember {
        ListMember {
            name: name.into(),
            status: MemberStatus::Standing,
        }
    }
}

/// A party or individual candidate on the list ballot of one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contestant {
    /// The party's name, or the individual candidate's.
    pub name: String,
    /// Votes in the area.
    pub votes: u64,
    /// An individual candidate (one seat at most; figure = votes).
    pub individual: bool,
    /// Constituency seats won in the region ([`Method::Ams`] only).
    pub constituency_seats: u32,
    /// The party's list, in order, when members are wanted; `None`: not
    /// given (the list is never exhausted and no member is named).
    pub list: Option<Vec<ListMember>>,
}

impl Contestant {
    /// A party with `votes`.
    #[must_use]
    pub fn party(name: impl Into<String>, votes: u64) -> Contestant {
        Contestant {
            name: name.into(),
            votes,
            individual: false,
            constituency_seats: 0,
            list: None,
        }
    }

    /// An individual candidate with `votes`.
    #[must_use]
    pub fn individual(name: impl Into<String>, votes: u64) -> Contestant {
        Contestant {
            individual: true,
            ..Contestant::party(name, votes)
        }
    }

    /// With constituency seats won in the region (AMS).
    #[must_use]
    pub fn constituency_seats(mut self, seats: u32) -> Contestant {
        self.constituency_seats = seats;
        self
    }

    /// With its list (every member standing).
    #[must_use]
    pub fn list<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Contestant {
        self.list = Some(names.into_iter().map(ListMember::standing).collect());
        self
    }
}

/// A lot drawn by the returning officer for one round: the seat goes to
/// `winner`, one of those tied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lot {
    /// The round (seat number, from 1) whose equality it settles.
    pub round: u32,
    /// The party or individual candidate the lot gave the seat to.
    pub winner: String,
}

/// One area's allocation to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The area's name.
    pub name: String,
    /// Seats to fill by the list.
    pub seats: u32,
    /// Parties and individual candidates, in the order given.
    pub contestants: Vec<Contestant>,
    /// Lots drawn (at most one per round).
    pub lots: Vec<Lot>,
}

impl Area {
    /// An area with `seats` to fill and no contestants yet.
    #[must_use]
    pub fn new(name: impl Into<String>, seats: u32) -> Area {
        Area {
            name: name.into(),
            seats,
            contestants: Vec::new(),
            lots: Vec::new(),
        }
    }

    /// With one more party or individual candidate.
    #[must_use]
    pub fn contestant(mut self, c: Contestant) -> Area {
        self.contestants.push(c);
        self
    }

    /// With a lot drawn for `round`.
    #[must_use]
    pub fn lot(mut self, round: u32, winner: impl Into<String>) -> Area {
        self.lots.push(Lot {
            round,
            winner: winner.into(),
        });
        self
    }
}

/// The rule and the threshold of a poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The divisor rule.
    pub method: Method,
    /// What an equality of the highest figures calls for.
    pub tie_rule: TieRule,
    /// A threshold, if the poll has one.
    pub threshold: Option<Threshold>,
}

impl Options {
    /// No threshold.
    #[must_use]
    pub fn new(method: Method, tie_rule: TieRule) -> Options {
        Options {
            method,
            tie_rule,
            threshold: None,
        }
    }

    /// With a threshold.
    #[must_use]
    pub fn threshold(mut self, threshold: Threshold) -> Options {
        self.threshold = Some(threshold);
        self
    }

    /// The divisor rule, threshold and tie rule of a list ruleset
    /// (`countroom_rules::lists`), as its statute gives them:
    ///
    /// - the divisor: [`DivisorRule::ListSeatsWon`] is [`Method::DHondt`],
    ///   [`DivisorRule::AmsConstituencySeatsPlusList`] is [`Method::Ams`];
    /// - the threshold, exact (London's 5 per cent of GLA Act 1999 Sch 2
    ///   para 7: "at least" 5 per cent qualifies);
    /// - equal highest figures: a lot is [`TieRule::Lot`]; a seat to each
    ///   with the case of too few seats read as one more vote then lot is
    ///   [`TieRule::EachThenOneVoteThenLot`], and with that case not read
    ///   [`TieRule::EachThenUnsettled`] (the allocation stops there, never
    ///   guesses); London's recalculation with one more seat then lot is
    ///   [`TieRule::RecalculateOneMoreSeatThenLot`]; a rule not read
    ///   (`Source::NotRead`), whatever it is, is [`TieRule::Unsettled`]; a
    ///   lot read in guidance is applied (a lot is only ever a recorded
    ///   input, so relying on guidance for it guesses nothing).
    ///
    /// This is the one mapping: `countroom allocate --poll` and a list
    /// contest counted through the log (`countroom-count`) both use it.
    ///
    /// ```
    /// use countroom_list::{Method, Options, TieRule};
    /// use countroom_rules::lists::{list_ruleset, ListRulesetId};
    ///
    /// let london = Options::from_ruleset(list_ruleset(ListRulesetId::LondonAssemblyLondonWide2008)).unwrap();
    /// assert_eq!(london.method, Method::Ams);
    /// assert_eq!(london.tie_rule, TieRule::RecalculateOneMoreSeatThenLot);
    /// assert_eq!(london.threshold.unwrap().to_string(), "5%");
    /// ```
    ///
    /// # Errors
    ///
    /// [`FromRulesetError`] for a constituency (first past the post)
    /// ruleset, which allocates no list seats, for a threshold not read in
    /// the statute, and for a threshold this crate cannot express (exactly
    /// the threshold not qualifying).
    pub fn from_ruleset(ruleset: &ListRuleset) -> Result<Options, FromRulesetError> {
        let ListMethod::DHondt {
            divisor, threshold, ..
        } = ruleset.method
        else {
            return Err(FromRulesetError::NotAList {
                ruleset: ruleset.code,
            });
        };
        let method = match divisor {
            DivisorRule::ListSeatsWon => Method::DHondt,
            DivisorRule::AmsConstituencySeatsPlusList => Method::Ams,
        };
        let e = ruleset.equal_figures;
        let tie_rule = match (e.source, e.rule, e.overfill) {
            // A rule not read is not applied: an equality stops the
            // allocation (`Status::TieRuleUnsettled`).
            (Source::NotRead, _, _) => TieRule::Unsettled,
            (_, RulesTieRule::Lot, _) => TieRule::Lot,
            (_, RulesTieRule::EachAllocated, None) => TieRule::EachThenUnsettled,
            (_, RulesTieRule::EachAllocated, Some(RulesTieRule::OneMoreVoteThenLot)) => {
                TieRule::EachThenOneVoteThenLot
            }
            (_, RulesTieRule::RecalculateOneMoreSeatThenLot, _) => {
                TieRule::RecalculateOneMoreSeatThenLot
            }
            _ => TieRule::Unsettled,
        };
        let mut options = Options::new(method, tie_rule);
        if let Some(t) = threshold {
            if t.source == Source::NotRead {
                return Err(FromRulesetError::NotRead {
                    ruleset: ruleset.code,
                    point: "threshold",
                    citation: t.citation,
                });
            }
            if !t.at_threshold_qualifies {
                return Err(FromRulesetError::Threshold {
                    ruleset: ruleset.code,
                });
            }
            let t = Threshold::percent(t.percent_numerator, t.percent_denominator).ok_or(
                FromRulesetError::Threshold {
                    ruleset: ruleset.code,
                },
            )?;
            options = options.threshold(t);
        }
        Ok(options)
    }
}

/// Why a list ruleset gives no allocation options.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FromRulesetError {
    /// A constituency ruleset (first past the post): no list seats.
    #[error(
        "ruleset {ruleset} elects one member by first past the post: it allocates no list seats"
    )]
    NotAList {
        /// The ruleset's code.
        ruleset: &'static str,
    },
    /// A point the allocation needs that was not read in the statute
    /// (`countroom_rules::lists::Source::NotRead`): refused rather than
    /// guessed.
    #[error("ruleset {ruleset}: its {point} ({citation}) was not read in the statute, so it is not applied")]
    NotRead {
        /// The ruleset's code.
        ruleset: &'static str,
        /// What was not read (`threshold`).
        point: &'static str,
        /// Where it is.
        citation: &'static str,
    },
    /// A threshold the allocation cannot express.
    #[error("ruleset {ruleset}: its threshold cannot be applied (exactly the threshold not qualifying, or a percentage outside 0 to 100)")]
    Threshold {
        /// The ruleset's code.
        ruleset: &'static str,
    },
}

impl FromRulesetError {
    /// Every stable code, in the order of the variants.
    pub const CODES: &'static [&'static str] = &[
        "ruleset_not_a_list",
        "ruleset_not_read",
        "ruleset_threshold",
    ];

    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            FromRulesetError::NotAList { .. } => "ruleset_not_a_list",
            FromRulesetError::NotRead { .. } => "ruleset_not_read",
            FromRulesetError::Threshold { .. } => "ruleset_threshold",
        }
    }
}

/// A figure: `votes / divisor`, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Figure {
    /// The votes (numerator).
    pub votes: u64,
    /// The divisor (1 for an individual candidate).
    pub divisor: u64,
}

impl Figure {
    /// Compares two figures exactly (cross-multiplication; each product of
    /// two `u64`s fits a `u128`).
    #[must_use]
    pub fn cmp_exact(&self, other: &Figure) -> Ordering {
        (u128::from(self.votes) * u128::from(other.divisor))
            .cmp(&(u128::from(other.votes) * u128::from(self.divisor)))
    }

    /// The exact reduced fraction: `"67544/5"`, or `"12345"` when whole.
    #[must_use]
    pub fn exact(&self) -> String {
        let (n, d) = (u128::from(self.votes), u128::from(self.divisor));
        let g = gcd(n, d);
        if d / g == 1 {
            format!("{}", n / g)
        } else {
            format!("{}/{}", n / g, d / g)
        }
    }

    /// The figure in hundredths, rounded half to even
    /// ([`Rounding::HalfEven`], the published tables' convention), in 128
    /// bits: every `u64` of votes over any divisor has one (u64::MAX ÷ 1 is
    /// 1,844,674,407,370,955,161,500 hundredths); `None` only for a divisor
    /// of 0, which no allocation makes.
    #[must_use]
    pub fn hundredths(&self) -> Option<u128> {
        countroom_arith::scaled_ratio_wide(self.votes, self.divisor, 100, Rounding::HalfEven)
    }

    /// The figure to two places, half to even, as a plain decimal string
    /// (`"99385.12"`); `None` only for a divisor of 0.
    #[must_use]
    pub fn decimal(&self) -> Option<String> {
        self.hundredths()
            .map(|h| format!("{}.{:02}", h / 100, h % 100))
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    if a == 0 {
        1
    } else {
        a
    }
}

/// How a round's seat was settled when figures were equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TieSettled {
    /// No equality.
    None,
    /// Equal, with enough seats for each (Scotland Act 1998 s.8(7)).
    EachAllocated,
    /// Equal; settled by recalculating with one more vote each.
    OneMoreVote,
    /// Equal; settled by recalculating as though each had one more seat
    /// (the London members).
    OneMoreSeat,
    /// Equal; settled by the recorded lot.
    Lot,
}

/// One seat allocated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The seat (round) number, from 1.
    pub seat: u32,
    /// The party or individual candidate allocated the seat.
    pub contestant: String,
    /// Whether it is an individual candidate.
    pub individual: bool,
    /// The figure it had (votes ÷ divisor).
    pub figure: Figure,
    /// The member filling the seat, when the list was given (an individual
    /// candidate fills their own seat).
    pub member: Option<String>,
    /// How an equality was settled.
    pub tie: TieSettled,
}

/// The highest figure after the last seat: who would have taken one more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    /// The first at that figure, in the order given.
    pub contestant: String,
    /// The figure.
    pub figure: Figure,
    /// Everyone else at exactly the same figure, in the order given.
    pub equal: Vec<String>,
}

/// Why a party or individual candidate took no part (or no further part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disregarded {
    /// Under the threshold.
    Threshold,
    /// An individual candidate returned as a constituency member (Scotland
    /// Act 1998 s.8(3)).
    ReturnedAsConstituencyMember,
    /// Its list was exhausted (s.8(6)): passed over from then on.
    ListExhausted,
}

/// Where the allocation of an area ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Every seat allocated.
    Complete,
    /// An equality that the tie rule settles by lot, and no lot recorded for
    /// the round: the allocation stops here.
    LotRequired {
        /// The round (seat number).
        round: u32,
        /// Those between whom the lot is drawn, in the order given.
        tied: Vec<String>,
        /// The seats left, this one included.
        seats_left: u32,
    },
    /// Equal highest figures for more parties or individual candidates
    /// than seats are left, under a rule that gives each of them a seat
    /// (Scotland Act 1998 s.8(7); Government of Wales Act 2006 s.9(7) as
    /// enacted): the statute's own rule for this case applies (the
    /// elections order's modification of s.8(7) under s.12(2)(f); s.9(8)
    /// of the 2006 Act as enacted), and it was not read, so the allocation
    /// stops here rather than guess between a recalculation and a lot.
    MoreTiedThanSeatsLeft {
        /// The round (seat number) at which they are equal.
        round: u32,
        /// Those equal, in the order given.
        tied: Vec<String>,
        /// The seats left, this one included (fewer than `tied`).
        seats_left: u32,
    },
    /// An equality, and the poll's tie rule has not been settled.
    TieRuleUnsettled {
        /// The round (seat number).
        round: u32,
        /// Those tied, in the order given.
        tied: Vec<String>,
    },
    /// Seats left with no party or candidate able to take them (every list
    /// exhausted, every individual elected or disregarded).
    Unfilled {
        /// The seats left unfilled.
        seats: u32,
    },
}

/// One area's allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaAllocation {
    /// The area's name.
    pub area: String,
    /// Seats to fill.
    pub seats_to_fill: u32,
    /// Seats allocated, in order.
    pub rounds: Vec<Round>,
    /// The highest figure after the last seat allocated, if any.
    pub next: Option<Next>,
    /// Seats allocated by party or individual candidate (every one given,
    /// 0 included), sorted by name.
    pub seats_by_contestant: BTreeMap<String, u32>,
    /// Those disregarded and why, sorted by name.
    pub disregarded: BTreeMap<String, Disregarded>,
    /// The area's total votes.
    pub total_votes: u128,
    /// How it ended.
    pub status: Status,
}

/// Every area's allocation and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Each area, in the order given.
    pub areas: Vec<AreaAllocation>,
    /// List seats by party or individual candidate over every area, sorted
    /// by name.
    pub total_by_contestant: BTreeMap<String, u64>,
    /// List seats plus constituency seats ([`Method::Ams`]; under
    /// [`Method::DHondt`] the same as `total_by_contestant`), sorted by name.
    pub total_with_constituency: BTreeMap<String, u64>,
}

/// Why an allocation could not be made. Each names the area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AllocationError {
    /// A figure or total too large for exact arithmetic.
    #[error("area {area}: a figure is too large to compute exactly")]
    Overflow {
        /// The area.
        area: String,
    },
    /// Two contestants with one name in an area.
    #[error("area {area}: {name:?} is given twice")]
    Duplicate {
        /// The area.
        area: String,
        /// The name.
        name: String,
    },
    /// Constituency seats under D'Hondt on list seats alone.
    #[error("area {area}: {name:?} has constituency seats, but the method counts list seats only (D'Hondt: use the additional member system)")]
    ConstituencySeatsNotAms {
        /// The area.
        area: String,
        /// The party.
        name: String,
    },
    /// An individual candidate given a list.
    #[error("area {area}: {name:?} is an individual candidate and has no list")]
    IndividualWithList {
        /// The area.
        area: String,
        /// The candidate.
        name: String,
    },
    /// Two lots for one round.
    #[error("area {area}: two lots recorded for round {round}")]
    LotTwice {
        /// The area.
        area: String,
        /// The round.
        round: u32,
    },
    /// A lot whose winner was not one of those tied.
    #[error("area {area}: the lot for round {round} gives the seat to {winner:?}, who is not one of those equal ({})", .tied.join(", "))]
    LotNotTied {
        /// The area.
        area: String,
        /// The round.
        round: u32,
        /// The winner named.
        winner: String,
        /// Those tied.
        tied: Vec<String>,
    },
    /// A lot for a round the area does not have (0, or past its seats).
    #[error("area {area} fills {seats} seat{}; there is no round {round}", if *.seats == 1 { "" } else { "s" })]
    LotNoSuchRound {
        /// The area.
        area: String,
        /// The seats it fills.
        seats: u32,
        /// The round the lot names.
        round: u32,
    },
    /// A lot for a round with no equality to settle by lot.
    #[error(
        "area {area}: a lot is recorded for round {round}, which had no equality to settle by lot"
    )]
    LotUnused {
        /// The area.
        area: String,
        /// The round.
        round: u32,
    },
}

impl AllocationError {
    /// Every stable code, in the order of the variants.
    pub const CODES: &'static [&'static str] = &[
        "allocation_overflow",
        "duplicate_contestant",
        "constituency_seats_not_ams",
        "individual_with_list",
        "lot_twice",
        "lot_not_tied",
        "lot_no_such_round",
        "lot_unused",
    ];

    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            AllocationError::Overflow { .. } => "allocation_overflow",
            AllocationError::Duplicate { .. } => "duplicate_contestant",
            AllocationError::ConstituencySeatsNotAms { .. } => "constituency_seats_not_ams",
            AllocationError::IndividualWithList { .. } => "individual_with_list",
            AllocationError::LotTwice { .. } => "lot_twice",
            AllocationError::LotNotTied { .. } => "lot_not_tied",
            AllocationError::LotUnused { .. } => "lot_unused",
            AllocationError::LotNoSuchRound { .. } => "lot_no_such_round",
        }
    }
}

/// A contestant's state during the allocation.
struct Running<'a> {
    c: &'a Contestant,
    won: u32,
    /// Next position on the list to look at.
    next_member: usize,
    out: Option<Disregarded>,
}

impl Running<'_> {
    fn figure(&self, method: Method) -> Option<Figure> {
        if self.c.individual {
            return Some(Figure {
                votes: self.c.votes,
                divisor: 1,
            });
        }
        let prior = match method {
            Method::DHondt => 0,
            Method::Ams => u64::from(self.c.constituency_seats),
        };
        let divisor = 1u64.checked_add(prior)?.checked_add(u64::from(self.won))?;
        Some(Figure {
            votes: self.c.votes,
            divisor,
        })
    }

    /// The next standing member's index, if the list is given.
    fn next_standing(&self) -> Option<usize> {
        let list = self.c.list.as_ref()?;
        (self.next_member..list.len()).find(|&i| list[i].status == MemberStatus::Standing)
    }

    fn exhausted(&self) -> bool {
        !self.c.individual && self.c.list.is_some() && self.next_standing().is_none()
    }
}

/// Allocates every area; the totals over them.
///
/// # Errors
///
/// The first area's [`AllocationError`].
pub fn allocate(areas: &[Area], options: &Options) -> Result<Allocation, AllocationError> {
    let mut out = Vec::with_capacity(areas.len());
    let mut total: BTreeMap<String, u64> = BTreeMap::new();
    let mut with: BTreeMap<String, u64> = BTreeMap::new();
    for area in areas {
        let overflow = || AllocationError::Overflow {
            area: area.name.clone(),
        };
        let a = allocate_area(area, options)?;
        for c in &area.contestants {
            let seats = u64::from(a.seats_by_contestant.get(&c.name).copied().unwrap_or(0));
            let prior = match options.method {
                Method::Ams => u64::from(c.constituency_seats),
                Method::DHondt => 0,
            };
            // A name met before is found without copying it.
            for (map, add) in [
                (&mut total, Some(seats)),
                (&mut with, seats.checked_add(prior)),
            ] {
                let add = add.ok_or_else(overflow)?;
                match map.get_mut(&c.name) {
                    Some(t) => *t = t.checked_add(add).ok_or_else(overflow)?,
                    None => {
                        map.insert(c.name.clone(), add);
                    }
                }
            }
        }
        out.push(a);
    }
    Ok(Allocation {
        areas: out,
        total_by_contestant: total,
        total_with_constituency: with,
    })
}

/// Allocates one area's seats.
///
/// # Errors
///
/// [`AllocationError`]: a name given twice, constituency seats under
/// D'Hondt, a list for an individual, a lot that is twice, not between
/// those tied or not used, a figure too large.
pub fn allocate_area(area: &Area, options: &Options) -> Result<AreaAllocation, AllocationError> {
    let name = || area.name.clone();
    let overflow = || AllocationError::Overflow { area: name() };
    let mut seen = BTreeMap::new();
    let mut total: u128 = 0;
    for c in &area.contestants {
        if seen.insert(c.name.as_str(), ()).is_some() {
            return Err(AllocationError::Duplicate {
                area: name(),
                name: c.name.clone(),
            });
        }
        if options.method == Method::DHondt && c.constituency_seats > 0 {
            return Err(AllocationError::ConstituencySeatsNotAms {
                area: name(),
                name: c.name.clone(),
            });
        }
        if c.individual && c.list.is_some() {
            return Err(AllocationError::IndividualWithList {
                area: name(),
                name: c.name.clone(),
            });
        }
        total = total
            .checked_add(u128::from(c.votes))
            .ok_or_else(overflow)?;
    }
    let mut lots: BTreeMap<u32, &str> = BTreeMap::new();
    for lot in &area.lots {
        if lot.round == 0 || lot.round > area.seats {
            return Err(AllocationError::LotNoSuchRound {
                area: name(),
                seats: area.seats,
                round: lot.round,
            });
        }
        if lots.insert(lot.round, lot.winner.as_str()).is_some() {
            return Err(AllocationError::LotTwice {
                area: name(),
                round: lot.round,
            });
        }
    }
    let mut used_lots: Vec<u32> = Vec::new();

    let mut running: Vec<Running<'_>> = area
        .contestants
        .iter()
        .map(|c| {
            let out = if options
                .threshold
                .is_some_and(|t| t.excludes(c.votes, total))
            {
                Some(Disregarded::Threshold)
            } else if c.individual && options.method == Method::Ams && c.constituency_seats > 0 {
                Some(Disregarded::ReturnedAsConstituencyMember)
            } else {
                None
            };
            Running {
                c,
                won: 0,
                next_member: 0,
                out,
            }
        })
        .collect();

    let mut rounds: Vec<Round> = Vec::new();
    let mut status = Status::Complete;
    while let Ok(seat) = u32::try_from(rounds.len() + 1) {
        if seat > area.seats {
            break;
        }
        let seats_left = area.seats - (seat - 1);
        // Who may take a seat now, with their figures.
        let mut best: Option<Figure> = None;
        let mut tied: Vec<usize> = Vec::new();
        for (i, r) in running.iter_mut().enumerate() {
            if r.out.is_none() && r.exhausted() {
                r.out = Some(Disregarded::ListExhausted);
            }
            if r.out.is_some() || (r.c.individual && r.won > 0) {
                continue;
            }
            let f = r.figure(options.method).ok_or_else(overflow)?;
            match best.map(|b| f.cmp_exact(&b)) {
                None | Some(Ordering::Greater) => {
                    best = Some(f);
                    tied.clear();
                    tied.push(i);
                }
                Some(Ordering::Equal) => tied.push(i),
                Some(Ordering::Less) => {}
            }
        }
        let Some(_) = best else {
            status = Status::Unfilled { seats: seats_left };
            break;
        };
        let names = |ix: &[usize]| -> Vec<String> {
            ix.iter().map(|&i| running[i].c.name.clone()).collect()
        };
        // Who takes this round's seat (or, for "each", these rounds').
        let (winners, how): (Vec<usize>, TieSettled) = if tied.len() == 1 {
            (tied.clone(), TieSettled::None)
        } else {
            match options.tie_rule {
                TieRule::Unsettled => {
                    status = Status::TieRuleUnsettled {
                        round: seat,
                        tied: names(&tied),
                    };
                    break;
                }
                TieRule::EachThenOneVoteThenLot | TieRule::EachThenUnsettled
                    if u32::try_from(tied.len()).is_ok_and(|n| n <= seats_left) =>
                {
                    (tied.clone(), TieSettled::EachAllocated)
                }
                TieRule::EachThenUnsettled => {
                    // Scotland Act 1998 s.8(7) would give each a seat: more
                    // than remain. The order's modification under
                    // s.12(2)(f) decides; it was not read, so stop.
                    status = Status::MoreTiedThanSeatsLeft {
                        round: seat,
                        tied: names(&tied),
                        seats_left,
                    };
                    break;
                }
                TieRule::RecalculateOneMoreSeatThenLot
                    if tied.iter().any(|&i| running[i].c.individual) =>
                {
                    status = Status::TieRuleUnsettled {
                        round: seat,
                        tied: names(&tied),
                    };
                    break;
                }
                TieRule::RecalculateOneMoreSeatThenLot => {
                    // As though each had one more seat: divisor + 1.
                    let mut best1: Option<Figure> = None;
                    let mut tied1: Vec<usize> = Vec::new();
                    for &i in &tied {
                        let f = running[i].figure(options.method).ok_or_else(overflow)?;
                        let f = Figure {
                            votes: f.votes,
                            divisor: f.divisor.checked_add(1).ok_or_else(overflow)?,
                        };
                        match best1.map(|b| f.cmp_exact(&b)) {
                            None | Some(Ordering::Greater) => {
                                best1 = Some(f);
                                tied1.clear();
                                tied1.push(i);
                            }
                            Some(Ordering::Equal) => tied1.push(i),
                            Some(Ordering::Less) => {}
                        }
                    }
                    if tied1.len() == 1 {
                        (tied1, TieSettled::OneMoreSeat)
                    } else {
                        match settle_by_lot(area, seat, &lots, &tied1, &running)? {
                            Some(w) => {
                                used_lots.push(seat);
                                (vec![w], TieSettled::Lot)
                            }
                            None => {
                                status = Status::LotRequired {
                                    round: seat,
                                    tied: names(&tied1),
                                    seats_left,
                                };
                                break;
                            }
                        }
                    }
                }
                TieRule::EachThenOneVoteThenLot => {
                    // One more vote each, recalculated.
                    let mut best1: Option<Figure> = None;
                    let mut tied1: Vec<usize> = Vec::new();
                    for &i in &tied {
                        let f = running[i].figure(options.method).ok_or_else(overflow)?;
                        let f = Figure {
                            votes: f.votes.checked_add(1).ok_or_else(overflow)?,
                            divisor: f.divisor,
                        };
                        match best1.map(|b| f.cmp_exact(&b)) {
                            None | Some(Ordering::Greater) => {
                                best1 = Some(f);
                                tied1.clear();
                                tied1.push(i);
                            }
                            Some(Ordering::Equal) => tied1.push(i),
                            Some(Ordering::Less) => {}
                        }
                    }
                    if tied1.len() == 1 {
                        (tied1, TieSettled::OneMoreVote)
                    } else {
                        match settle_by_lot(area, seat, &lots, &tied1, &running)? {
                            Some(w) => {
                                used_lots.push(seat);
                                (vec![w], TieSettled::Lot)
                            }
                            None => {
                                status = Status::LotRequired {
                                    round: seat,
                                    tied: names(&tied1),
                                    seats_left,
                                };
                                break;
                            }
                        }
                    }
                }
                TieRule::Lot => match settle_by_lot(area, seat, &lots, &tied, &running)? {
                    Some(w) => {
                        used_lots.push(seat);
                        (vec![w], TieSettled::Lot)
                    }
                    None => {
                        status = Status::LotRequired {
                            round: seat,
                            tied: names(&tied),
                            seats_left,
                        };
                        break;
                    }
                },
            }
        };
        for (k, &w) in winners.iter().enumerate() {
            let seat_no = seat
                .checked_add(u32::try_from(k).map_err(|_| overflow())?)
                .ok_or_else(overflow)?;
            let r = &mut running[w];
            let figure = r.figure(options.method).ok_or_else(overflow)?;
            let member = if r.c.individual {
                Some(r.c.name.clone())
            } else {
                match (r.next_standing(), r.c.list.as_ref()) {
                    (Some(i), Some(list)) => {
                        r.next_member = i + 1;
                        list.get(i).map(|m| m.name.clone())
                    }
                    _ => None,
                }
            };
            r.won = r.won.checked_add(1).ok_or_else(overflow)?;
            rounds.push(Round {
                seat: seat_no,
                contestant: r.c.name.clone(),
                individual: r.c.individual,
                figure,
                member,
                tie: how,
            });
        }
    }
    for round in lots.keys() {
        if !used_lots.contains(round) {
            return Err(AllocationError::LotUnused {
                area: name(),
                round: *round,
            });
        }
    }
    // The next highest figure, once every seat is allocated.
    let next = if status == Status::Complete {
        let mut best: Option<(Figure, Vec<usize>)> = None;
        for (i, r) in running.iter_mut().enumerate() {
            if r.out.is_none() && r.exhausted() {
                r.out = Some(Disregarded::ListExhausted);
            }
            if r.out.is_some() || (r.c.individual && r.won > 0) {
                continue;
            }
            let f = r.figure(options.method).ok_or_else(overflow)?;
            match &mut best {
                None => best = Some((f, vec![i])),
                Some((b, ix)) => match f.cmp_exact(b) {
                    Ordering::Greater => {
                        *b = f;
                        ix.clear();
                        ix.push(i);
                    }
                    Ordering::Equal => ix.push(i),
                    Ordering::Less => {}
                },
            }
        }
        best.and_then(|(figure, ix)| {
            let (first, rest) = ix.split_first()?;
            Some(Next {
                contestant: running[*first].c.name.clone(),
                figure,
                equal: rest.iter().map(|&i| running[i].c.name.clone()).collect(),
            })
        })
    } else {
        None
    };
    let seats_by_contestant = running.iter().map(|r| (r.c.name.clone(), r.won)).collect();
    let disregarded = running
        .iter()
        .filter_map(|r| r.out.map(|d| (r.c.name.clone(), d)))
        .collect();
    Ok(AreaAllocation {
        area: area.name.clone(),
        seats_to_fill: area.seats,
        rounds,
        next,
        seats_by_contestant,
        disregarded,
        total_votes: total,
        status,
    })
}

/// The winner of the lot recorded for `round`, if one is; an error if it
/// names someone not tied.
fn settle_by_lot(
    area: &Area,
    round: u32,
    lots: &BTreeMap<u32, &str>,
    tied: &[usize],
    running: &[Running<'_>],
) -> Result<Option<usize>, AllocationError> {
    let Some(winner) = lots.get(&round) else {
        return Ok(None);
    };
    match tied.iter().find(|&&i| running[i].c.name == *winner) {
        Some(&i) => Ok(Some(i)),
        None => Err(AllocationError::LotNotTied {
            area: area.name.clone(),
            round,
            winner: (*winner).to_owned(),
            tied: tied.iter().map(|&i| running[i].c.name.clone()).collect(),
        }),
    }
}

/// A later vacancy in a list seat: who fills it (Scotland Act 1998 s.10;
/// GLA Act 1999 s.11; Government of Wales Act 2006 s.11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vacancy {
    /// The next person on the party's list, in order, who is standing, not
    /// already returned and willing to serve: their position (from 1) and
    /// name.
    Filled {
        /// Position on the list, from 1.
        position: usize,
        /// Name.
        name: String,
    },
    /// No one on the list can fill it: the seat remains vacant.
    RemainsVacant,
}

/// Fills a vacancy in a seat allocated to a party from its list: the first
/// member who is [`MemberStatus::Standing`], not among `returned` (already
/// members) and not among `unwilling` (who said they will not serve).
#[must_use]
pub fn fill_vacancy(list: &[ListMember], returned: &[&str], unwilling: &[&str]) -> Vacancy {
    list.iter()
        .enumerate()
        .find(|(_, m)| {
            m.status == MemberStatus::Standing
                && !returned.contains(&m.name.as_str())
                && !unwilling.contains(&m.name.as_str())
        })
        .map_or(Vacancy::RemainsVacant, |(i, m)| Vacancy::Filled {
            position: i + 1,
            name: m.name.clone(),
        })
}

#[cfg(test)]
mod tests;
