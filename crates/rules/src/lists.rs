//! The rulesets of the UK's list systems, as data: the Senedd's closed
//! lists (from 2026), the additional member system of the Scottish
//! Parliament, of the Senedd (2007–2021) and of the London Assembly.
//!
//! These rulesets govern the list contests of the count log
//! (`list_contest_defined`, for the offices of
//! `countroom_count`'s `LIST_CONTEST_OFFICES`) and `countroom allocate
//! --poll`; the allocation itself is the `countroom-list` crate's, its
//! options from a ruleset here (`countroom_list::Options::from_ruleset`).
//! The constituency polls of the additional member system are counted as
//! ordinary contests under [`crate::ams`]. A list office that is neither
//! would be refused by name ([`refusal_for_office_code`], starting
//! [`NOT_COUNTED_THROUGH_THE_LOG`]). The Mayor of London is
//! not here: the Mayor's rulesets are in the main table
//! ([`crate::ALL`]: `london-mayor-sv-2008`, `london-mayor-fptp-2023`, and
//! the refusal from 18 June 2026 in [`crate::REFUSED`]).
//!
//! Every point is cited, and whether it was read in the statute's own text
//! is data ([`Source`]): where the text was not read the point is
//! [`Source::NotRead`] and an engine must refuse to rely on it (for
//! example, equal highest figures under a tie rule not read). These rulesets
//! are in the digest a count log records ([`crate::table_digest`]), so a
//! change to any of them is seen when a list contest's log is replayed.
//!
//! What was read, and where (the doubts are kept here, never printed):
//!
//! - **Scotland Act 1998** ss.7–8 (regional figures and allocation of
//!   regional seats), read in the Act's explanatory notes on
//!   legislation.gov.uk (ukpga/1998/46/notes/division/3/8 and /9): the
//!   regional figure of a party is its regional votes divided by one more
//!   than the constituency seats it won in the region, recalculated after
//!   each regional seat it is allocated (s.7(2)–(3)); an individual
//!   candidate's figure is the candidate's votes; an individual candidate
//!   returned is disregarded (s.8(3)); list candidates fill seats in list
//!   order, skipping anyone already returned (s.8(4)–(5)); a party whose
//!   list is exhausted is disregarded (s.8(6)); equal highest regional
//!   figures: "a seat shall be allocated to each" (s.8(7)), which an order
//!   under s.12(2)(f) may modify "to ensure the allocation of the correct
//!   number of seats". Doubt (not printed): the modification made by the
//!   order in force was not read, so a tie that would allocate more seats
//!   than remain is unsettled. Seven regional members per region: Sch 1
//!   para 2(3), read in the enacted text (eight regions, para 2(1)).
//! - **Scottish Parliament (Elections etc.) Order 2015** (SSI 2015/425),
//!   Sch 2 r.58(1)(a)–(e), read as in force on 11 December 2020
//!   (legislation.gov.uk, ssi/2015/425/schedule/2/paragraph/58/2020-12-11):
//!   the grounds on which a constituency or regional ballot paper is void,
//!   quoted in [`SCOTTISH_CONSTITUENCY_HEADS`] and
//!   [`SCOTTISH_REGIONAL_HEADS`]; r.58(2) the saving clause; r.58(3)
//!   numbers in sequence: the paper counts for the candidate or party
//!   against which "1" appears. The Scottish Parliament (Elections etc.)
//!   (Miscellaneous Amendments) Order 2025 (SSI 2025/313, in force
//!   31 October 2025, for polls after 6 May 2026) amends the 2015 Order;
//!   its summaries (policy-wire.co.uk; the SPPA Committee's report of
//!   6 October 2025) name registration, spending, undue influence,
//!   dissolution, accessibility and proxies, not r.58 or the allocation.
//!   Doubt (not printed): the statement of rejected ballot papers' own
//!   wording (a later paragraph of r.58) was not read, so the heads are the
//!   words of r.58(1), lettered as there; the deposit rule was not read in
//!   the 2015 Order (the 2010 Order's Sch 2 has r.10 "Deposit").
//! - **Government of Wales Act 2006** ss.6–9 as enacted (the Senedd's
//!   additional member system, 2007–2021): the method in the Act's
//!   explanatory notes paras 55–61 (ukpga/2006/32/notes/division/4/3/6),
//!   the same as Scotland's; s.9(7) (equal highest figures: the allocation
//!   "applies to each of them") read in the Bill as brought from the
//!   Commons (HL Bill 133 2005–06). Doubt (not printed): s.9(8), for a tie
//!   that would allocate too many seats, was not read past its first
//!   words. Four regional seats per region (notes para 612).
//! - **National Assembly for Wales (Representation of the People) Order
//!   2007** (SI 2007/236), Sch 5 r.23 (read): the regional result is
//!   ascertained under ss.6(5) and 7–9 of the 2006 Act for elections after
//!   the 2007 general election, and under the Government of Wales Act
//!   1998 ss.4(5)–(6) and 5–7 at the 2007 general election itself (which
//!   countroom refuses). Doubt (not printed): its rejected-papers rule was
//!   not read.
//! - **Senedd Cymru (Members and Elections) Act 2024** s.8 (read, enacted
//!   text): substitutes ss.6–9 of the 2006 Act; s.6(1) one vote, for a
//!   registered party's list or an individual candidate; s.7(3) a list of
//!   one to eight people; s.1(2) of the 2006 Act as substituted by s.1:
//!   16 constituencies of six seats. The **Senedd Cymru (Representation of
//!   the People) Order 2025** (WSI 2025/864; in force 18 July 2025) does
//!   not have effect for a general election whose poll is on or before
//!   6 April 2026 (art.1(4), read), and its election rules are its Sch 5.
//!   The Electoral Commission's guidance for Senedd elections ("Allocation
//!   of seats", read): the figure is the votes divided by one more than the
//!   seats already allocated; an individual candidate's votes are never
//!   divided; a party with as many seats as list candidates, or an
//!   individual allocated a seat, is removed; equal highest figures are
//!   decided "by drawing lots"; an agent may ask for a recalculation, not a
//!   recount. Doubt (not printed): the substituted s.9's own text and the
//!   2025 Order's rule numbers (rejected papers, deposit, lots) were not
//!   read. The Commission's guidance for candidates and agents at Senedd
//!   elections ("What if the vote on a ballot paper is not clear?", last
//!   updated 25 March 2026, read) gives the grounds on which a paper is not
//!   counted (unmarked; no official mark; more than one vote; a mark or
//!   writing that can identify the voter; the voter's intention not shown
//!   with certainty), a statement of the papers rejected for those
//!   reasons, and the endorsement "rejected" and/or "gwrthodwyd"; the
//!   statement's heads in the Order's own order and words were not read,
//!   so the ruleset keeps `heads: None` (an engine must refuse to print
//!   them as statutory).
//! - **Greater London Authority Act 1999** s.2 (14 constituency members,
//!   11 London members: explanatory notes paras 34–35, read); Sch 2 Part II
//!   (the London members' allocation) as its explanatory notes paras 52–53
//!   describe it (ukpga/1999/29/notes/division/5/1/5, read): a party's
//!   London figure is its London votes divided by one more than the seats
//!   it has won (constituency seats, then each London seat as allocated);
//!   an independent's figure is its London votes; "should two parties tie
//!   for the last seat, their figures are recalculated as though each party
//!   had one more seat and the one whose London figure is the highest gets
//!   the seat. If the tie continues the matter is to be settled by lot"; the
//!   threshold is in Sch 2 para 7: "a party or independent candidate
//!   failing to win at least 5% of the total of London votes" takes no
//!   London seat. Doubt (not printed): Sch 2's own text was not read (only
//!   the notes), so which London votes make the total is as the notes say.
//!   **Greater London
//!   Authority Elections Rules 2007** (SI 2007/3541; in force 14 January
//!   2008, r.1(1), read): Sch 1 the Constituency Members Election Rules
//!   (r.8 deposits), Sch 2 the London Members Election Rules (r.6–7
//!   nomination of individual and list candidates, r.10 the deposit, read
//!   in r.5(2)). The London-wide deposit as the Electoral Commission's
//!   guidance gives it (for the GLRO, "Deposits", and for candidates and
//!   agents, "The deposit (London-wide party list)", read): £5,000, returned
//!   if a party or individual candidate receives "more than 2.5% of the
//!   total number of votes polled by all the parties and individual
//!   candidates", not returned at or below it "whether or not they have
//!   been allocated a seat". Doubt (not printed): r.10's own text, the
//!   constituency deposit (Sch 1 r.8), the rejected-papers rules of
//!   Schedules 1 and 2, and the equal-votes rule of the constituency poll,
//!   were not read.
//!   Read in the 2007 Rules' own text (legislation.gov.uk,
//!   uksi/2007/3541/schedule/2/paragraph/57 and schedule/6/part/5): the
//!   London members' declaration, Sch 2 (and Sch 6) r.57(1): "The GLRO
//!   must declare the allocation of the seats for London members and,
//!   where seats are allocated to a registered party, the names of the
//!   persons on the party list who, in accordance with paragraph 8(5) of
//!   Schedule 2 to the 1999 Act, are to fill those seats", with public
//!   notice (r.57(2)) of the parties allocated seats and the list
//!   candidates filling them, the successful individual candidates, each
//!   party's and individual's London votes, the parties' constituency
//!   members returned, the rejected papers under each head, and everyone
//!   omitted from a list or treated as ceasing to be on it (para 8(10) of
//!   Sch 2 to the Act); r.58 is the return or forfeiture of the deposit.
//!   So the allocation of the London members is GLA Act 1999 Sch 2 para 8
//!   (the tie rule cites it; which sub-paragraph holds the tie rule was
//!   not read). The constituency poll's declaration (Sch 5 r.54(1), the
//!   combined-poll Constituency Members Election Rules): the CRO must
//!   "declare to be elected the candidate to whom the majority of votes has
//!   been given" and give notice of the votes for each candidate and the
//!   rejected papers under each head; r.55 the deposit made under r.8.
//!   The London Assembly constituency poll (first past the post, one
//!   member for each of the 14 Assembly constituencies, GLA Act 1999 s.2
//!   and s.4): equal votes as the Electoral Commission's guidance for the
//!   GLA elections ("Equality of votes", read) states them: "When two or
//!   more candidates have the same number of votes in the Constituency
//!   Assembly Member election and the addition of a vote would entitle any
//!   of those candidates to be declared elected, you as CRO must decide
//!   between the candidates by drawing lots" (a lot, recorded, never
//!   guessed; Sch 1's own rule number not read). The GLRO guidance's
//!   "Deposits" leaves the constituency deposit to the CRO and gives no
//!   amount or share for it. Doubt (not printed): Sch 1's rejected-papers
//!   rule and its statement's heads, and r.8's amount and forfeiture share,
//!   were searched for and not reached (the 2007 Rules' Sch 3 r.50, the
//!   Mayor's, and the 2000 Rules' mayoral r.42 were, and are not the
//!   constituency poll's), so the ruleset keeps `heads: None` and no
//!   deposit amount.
//! - **Senedd 2026, rejected papers and deposit** (this session's search,
//!   again not reached): WSI 2025/864's made text was found only as far
//!   as art.1 (title, in force 18 July 2025, art.1(4): no effect for a
//!   general election whose poll is on or before 6 April 2026); Sch 5's
//!   rule on void ballot papers and its statement of rejected papers, and
//!   its deposit rule (amount, return share), were not reached, nor the
//!   Commission's Senedd guidance on deposits. Doubt (not printed): the
//!   ruleset keeps `heads: None` (an engine refuses to print heads as
//!   statutory; rejected papers enter as one figure) and no deposit amount
//!   or share (`forfeited` is `None`). A further doubt on the tie rule
//!   (not printed, not applied): the Commission's guidance for Returning
//!   Officers at a Senedd election ("Equality of votes", under collating
//!   the result) gives a seat to each where enough seats remain, else the
//!   calculation redone with one more vote each, then lot; its guidance for
//!   candidates and agents (2026, "Allocation of seats") says lot at any
//!   equality. Which page states the 2026 rule (the RO page may be the
//!   2007–2021 regional one) was not settled; the substituted s.9 of the
//!   2006 Act (asc 2024/4 s.8) was found only as far as ss.6–7. The
//!   ruleset keeps the candidates' guidance (a lot, only ever as a recorded
//!   input), which under both readings is the last step; where the two
//!   readings differ (enough seats for each of those equal) the lead should
//!   settle it from the Act before a 2026 count relies on it.
//!   Searched and not found this time (so still not read): the substituted
//!   s.9 of the 2006 Act (its tie rule) and s.9(8) as enacted (the HL Bill
//!   page stops at "(8) However, if subsectio"); WSI 2025/864 Sch 5's
//!   rejected-papers rule and deposit; SSI 2015/425's deposit rule; the
//!   words of GLA Sch 2 r.10 and r.58(5) (the forfeiture share).
//! - **A vacancy in the seat of an individual list member**
//!   ([`IndividualVacancy`], session 8): Scotland Act 1998 s.10(2), read
//!   in the Bill's clause as introduced (cl.9(2), HC Bill 166 of 1997-98:
//!   "If the regional member was returned as an individual candidate, or
//!   the vacancy is not filled in accordance with the following
//!   provisions, the seat shall remain vacant until the next general
//!   election") and in the Act's explanatory notes on s.10(2), and
//!   recorded as such by the Scottish Parliamentary Election Rules (SI
//!   2007/937 Sch 2 r.73(3): "in accordance with section 10(2) of the 1998
//!   Act ... to remain vacant until the next ordinary election"); GoWA
//!   2006 s.11(2) as substituted by the Senedd Cymru (Members and
//!   Elections) Act 2024, read in a consolidated text ("If the Member was
//!   an individual candidate when returned as a Member of the Senedd, the
//!   seat remains vacant until the next general election"). Not read: GoWA
//!   2006 s.11 as enacted (only fragments, without the outcome), and GLA
//!   Act 1999 s.11 (only the Bill's clause 11(2), HL Bill 92 of 1998-99):
//!   both refused.

use std::fmt;

use countroom_model::{Country, Date};
use time::macros::date;

use crate::{Ground, HeadSpec, RejectionHead};

/// An office elected at a list-system poll (or at the constituency poll of
/// an additional member system).
///
/// Not a [`countroom_model::Office`]: countroom does not count these polls
/// through the log, and an office code here is refused by name
/// ([`refusal_for_office_code`]) rather than reported as unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListOffice {
    /// A Member of the Senedd for a Senedd constituency, by closed list
    /// (from 2026).
    SeneddMember,
    /// A constituency member of the Senedd (the National Assembly for
    /// Wales), 2007–2021: first past the post.
    SeneddConstituencyMember,
    /// A regional member of the Senedd, 2007–2021: additional member
    /// system.
    SeneddRegionalMember,
    /// A constituency member of the Scottish Parliament: first past the
    /// post.
    ScottishParliamentConstituencyMember,
    /// A regional member of the Scottish Parliament: additional member
    /// system.
    ScottishParliamentRegionalMember,
    /// A constituency member of the London Assembly: first past the post.
    LondonAssemblyConstituencyMember,
    /// A London member of the London Assembly: additional member system,
    /// London-wide.
    LondonAssemblyLondonMember,
}

impl ListOffice {
    /// Every list office, in a fixed order.
    pub const ALL: [ListOffice; 7] = [
        ListOffice::SeneddMember,
        ListOffice::SeneddConstituencyMember,
        ListOffice::SeneddRegionalMember,
        ListOffice::ScottishParliamentConstituencyMember,
        ListOffice::ScottishParliamentRegionalMember,
        ListOffice::LondonAssemblyConstituencyMember,
        ListOffice::LondonAssemblyLondonMember,
    ];

    /// The code a contest's `office` field would give.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            ListOffice::SeneddMember => "senedd_member",
            ListOffice::SeneddConstituencyMember => "senedd_constituency_member",
            ListOffice::SeneddRegionalMember => "senedd_regional_member",
            ListOffice::ScottishParliamentConstituencyMember => {
                "scottish_parliament_constituency_member"
            }
            ListOffice::ScottishParliamentRegionalMember => "scottish_parliament_regional_member",
            ListOffice::LondonAssemblyConstituencyMember => "london_assembly_constituency_member",
            ListOffice::LondonAssemblyLondonMember => "london_assembly_london_member",
        }
    }

    /// The office with this code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<ListOffice> {
        ListOffice::ALL.into_iter().find(|o| o.code() == code)
    }

    /// The country whose polls elect to the office.
    #[must_use]
    pub const fn country(self) -> Country {
        match self {
            ListOffice::SeneddMember
            | ListOffice::SeneddConstituencyMember
            | ListOffice::SeneddRegionalMember => Country::Wales,
            ListOffice::ScottishParliamentConstituencyMember
            | ListOffice::ScottishParliamentRegionalMember => Country::Scotland,
            ListOffice::LondonAssemblyConstituencyMember
            | ListOffice::LondonAssemblyLondonMember => Country::England,
        }
    }
}

impl ListOffice {
    /// The area a list contest for the office elects its members for, as
    /// the documents word it: `constituency` for the Senedd from 2026 (16
    /// constituencies of six seats, s.1(2) of the 2006 Act as substituted;
    /// no region), `region` for the Scottish Parliament's and the Senedd
    /// 2007–2021 regional members, `London` for the London members
    /// (London-wide). A constituency office (first past the post) is its
    /// `constituency`.
    #[must_use]
    pub const fn area_word(self) -> &'static str {
        match self {
            ListOffice::SeneddMember
            | ListOffice::SeneddConstituencyMember
            | ListOffice::ScottishParliamentConstituencyMember
            | ListOffice::LondonAssemblyConstituencyMember => "constituency",
            ListOffice::SeneddRegionalMember | ListOffice::ScottishParliamentRegionalMember => {
                "region"
            }
            ListOffice::LondonAssemblyLondonMember => "London",
        }
    }

    /// "in the region", "in the constituency", "in London".
    #[must_use]
    pub const fn in_area(self) -> &'static str {
        match self {
            ListOffice::SeneddRegionalMember | ListOffice::ScottishParliamentRegionalMember => {
                "in the region"
            }
            ListOffice::LondonAssemblyLondonMember => "in London",
            _ => "in the constituency",
        }
    }

    /// The officer who allocates the seats and declares them, as the
    /// documents name the office: the constituency returning officer at the
    /// Senedd from 2026 (the Electoral Commission's guidance for Returning
    /// Officers at a Senedd election, read as the module documentation
    /// says); the regional returning officer of a Scottish or Senedd
    /// 2007–2021 region (Scotland Act 1998 ss.7–8; the Government of Wales
    /// Act 2006 as enacted); the Greater London returning officer for the
    /// London members (GLA Elections Rules 2007 Sch 2 r.57(1), read: "The
    /// GLRO must declare the allocation of the seats for London members").
    #[must_use]
    pub const fn allocating_officer(self) -> &'static str {
        match self {
            ListOffice::SeneddMember
            | ListOffice::SeneddConstituencyMember
            | ListOffice::ScottishParliamentConstituencyMember
            | ListOffice::LondonAssemblyConstituencyMember => "the constituency returning officer",
            ListOffice::SeneddRegionalMember | ListOffice::ScottishParliamentRegionalMember => {
                "the regional returning officer"
            }
            ListOffice::LondonAssemblyLondonMember => "the Greater London returning officer",
        }
    }
}

impl ListRuleset {
    /// Where a later vacancy in a list seat filled from the party's list is
    /// provided for, under this ruleset alone, and whether that text was
    /// read (module documentation, "A vacancy in the seat of an individual
    /// list member"): the Senedd from 2026, GoWA 2006 s.11 as substituted
    /// by the 2024 Act; Scotland, the Scotland Act 1998 s.10; the Senedd
    /// 2007–2021, GoWA 2006 s.11 as enacted, read only in part; the London
    /// members, GLA Act 1999 s.11, whose text was not read (said so, never
    /// cited as read). Words for messages; not table data (the rules
    /// digest is unchanged).
    #[must_use]
    pub const fn list_vacancy_citation(&self) -> &'static str {
        match self.id {
            ListRulesetId::SeneddClosedList2026 => {
                "Government of Wales Act 2006 s.11 as substituted by the Senedd Cymru (Members and Elections) Act 2024"
            }
            ListRulesetId::ScottishParliamentRegional2016 => "Scotland Act 1998 s.10",
            ListRulesetId::SeneddRegional2007 => {
                "Government of Wales Act 2006 s.11 as enacted, read only in part in countroom"
            }
            ListRulesetId::LondonAssemblyLondonWide2008 => {
                "Greater London Authority Act 1999 s.11, whose text was not read in countroom: the list order is applied as for the other list systems"
            }
            ListRulesetId::SeneddConstituency2007
            | ListRulesetId::ScottishParliamentConstituency2016
            | ListRulesetId::LondonAssemblyConstituency2008 => NO_LIST_VACANCY.citation,
        }
    }
}

impl fmt::Display for ListOffice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Whether a point of a ruleset was read in the statute's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Read in the statute (or its explanatory notes, which the module
    /// documentation names where they are the source).
    Statute,
    /// Read in the Electoral Commission's guidance, which cites the
    /// statute; the statute's own rule was not read.
    Guidance,
    /// Not read: recorded as commonly published, and an engine must not
    /// rely on it without the statute.
    NotRead,
}

/// The identifier of a list-system ruleset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListRulesetId {
    /// The Senedd's closed lists, from the 2026 general election.
    SeneddClosedList2026,
    /// A Senedd (National Assembly) constituency member, 2007–2021.
    SeneddConstituency2007,
    /// Senedd (National Assembly) regional members, 2007–2021.
    SeneddRegional2007,
    /// A Scottish Parliament constituency member, from 2016.
    ScottishParliamentConstituency2016,
    /// Scottish Parliament regional members, from 2016.
    ScottishParliamentRegional2016,
    /// A London Assembly constituency member, from 2008.
    LondonAssemblyConstituency2008,
    /// The London Assembly's London members, from 2008.
    LondonAssemblyLondonWide2008,
}

/// What the voter votes for on the ballot paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListBallot {
    /// Candidates by name, one cross (a constituency poll).
    Candidates,
    /// A registered party's list, or an individual candidate standing
    /// alone on the list ballot; one cross.
    PartiesAndIndividuals,
}

/// How a list party's figure is divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivisorRule {
    /// D'Hondt: votes ÷ (1 + list seats already allocated to the party in
    /// the area). The Senedd from 2026.
    ListSeatsWon,
    /// The additional member system: votes ÷ (1 + constituency seats the
    /// party won in the region + list seats already allocated to it).
    /// Scotland Act 1998 s.7(2)–(3); Government of Wales Act 2006 s.8 as
    /// enacted.
    AmsConstituencySeatsPlusList,
}

/// A threshold below which a party or individual takes no list seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// The percentage, exact: `percent_numerator / percent_denominator`
    /// per cent of the area's total list votes.
    pub percent_numerator: u64,
    /// See `percent_numerator`.
    pub percent_denominator: u64,
    /// Whether a share of exactly the threshold qualifies.
    pub at_threshold_qualifies: bool,
    /// Where it is.
    pub citation: &'static str,
    /// Whether it was read.
    pub source: Source,
}

impl Threshold {
    /// Whether `votes` of `total` list votes are below the threshold (the
    /// party or individual takes no seat). Exact, in 128-bit integers:
    /// `votes × 100 × den` against `total × num`.
    #[must_use]
    pub fn excludes(&self, votes: u64, total: u64) -> bool {
        let lhs = u128::from(votes) * 100 * u128::from(self.percent_denominator);
        let rhs = u128::from(total) * u128::from(self.percent_numerator);
        if self.at_threshold_qualifies {
            lhs < rhs
        } else {
            lhs <= rhs
        }
    }
}

/// How the seats are given out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMethod {
    /// One member, the candidate with the most votes (a constituency poll
    /// of an additional member system).
    FirstPastThePost,
    /// Highest figures, seat by seat.
    DHondt {
        /// The divisor.
        divisor: DivisorRule,
        /// The threshold, if the statute sets one.
        threshold: Option<Threshold>,
        /// Whether individual candidates may stand on the list ballot (at
        /// most one seat each; their figure is their votes, never divided).
        individuals: bool,
    },
}

impl ListMethod {
    /// Stable code: `first_past_the_post`, `dhondt`, `ams`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            ListMethod::FirstPastThePost => "first_past_the_post",
            ListMethod::DHondt {
                divisor: DivisorRule::ListSeatsWon,
                ..
            } => "dhondt",
            ListMethod::DHondt {
                divisor: DivisorRule::AmsConstituencySeatsPlusList,
                ..
            } => "ams",
        }
    }
}

/// What the statute says of equal highest figures (or equal votes at a
/// constituency poll).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// The returning officer decides by lot: the engine stops and asks for
    /// the lot, recorded with who drew it.
    Lot,
    /// A seat is allocated to each of the tied parties or individuals; what
    /// happens where that would allocate more seats than remain is
    /// [`EqualFigures::overfill`].
    EachAllocated,
    /// The tied parties' figures are recalculated as though each had one
    /// more seat, and the highest takes the seat; if they are still equal,
    /// the returning officer decides by lot (the London members: Greater
    /// London Authority Act 1999 Sch 2 Part II, as its explanatory notes
    /// para 53 describe it).
    RecalculateOneMoreSeatThenLot,
    /// The figures of those equal are recalculated as though each had one
    /// more vote, and the highest takes the seat; if they are still equal,
    /// the returning officer decides by lot (as an [`EqualFigures::overfill`]
    /// rule: where a seat to each would allocate more seats than remain).
    OneMoreVoteThenLot,
    /// Not read: an engine must refuse to settle a tie.
    Unsettled,
}

/// Equal highest figures: the rule and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EqualFigures {
    /// The rule.
    pub rule: TieRule,
    /// Where a tie that would allocate more seats than remain is settled,
    /// if read (`None`: an engine must refuse such a tie).
    pub overfill: Option<TieRule>,
    /// Where it is.
    pub citation: &'static str,
    /// Whether it was read.
    pub source: Source,
}

/// A deposit at a list poll: what requires it, and its amount and
/// forfeiture where read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListDeposit {
    /// Where the deposit is required.
    pub citation: &'static str,
    /// The amount in whole pounds, if read.
    pub pounds: Option<u32>,
    /// The share of the total votes a party or candidate must exceed to
    /// have the deposit returned, as `(numerator, denominator)`, if read.
    pub returned_above: Option<(u64, u64)>,
    /// Whether the deposit is forfeited under the share even by a party or
    /// candidate allocated a seat.
    pub forfeited_even_if_elected: bool,
    /// Whether its amount and forfeiture rule were read.
    pub source: Source,
}

impl ListDeposit {
    /// Whether a party or candidate with `votes` of `total` (and `elected`
    /// or not) forfeits the deposit: `None` where the rule was not read.
    /// Exact: forfeited when `votes × den ≤ total × num`, in 128-bit
    /// integers.
    #[must_use]
    pub fn forfeited(&self, elected: bool, votes: u64, total: u64) -> Option<bool> {
        let (num, den) = self.returned_above?;
        if elected && !self.forfeited_even_if_elected {
            return Some(false);
        }
        Some(u128::from(votes) * u128::from(den) <= u128::from(total) * u128::from(num))
    }
}

/// How many seats a contest under the ruleset fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListSeats {
    /// Seats in each area (constituency or region, or London).
    pub per_area: u32,
    /// Where it is.
    pub citation: &'static str,
}

/// A later vacancy in the seat of a member returned as an individual
/// candidate on the list ballot: where read, the seat remains vacant until
/// the next general (ordinary) election, never filled from a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndividualVacancy {
    /// Where the rule is, with its words.
    pub citation: &'static str,
    /// Whether it was read in the statute ([`Source::NotRead`]: an engine
    /// must refuse rather than apply it).
    pub source: Source,
}

/// Not a list poll: a constituency member's vacancy is filled by an
/// election in the constituency, not from a list.
const NO_LIST_VACANCY: IndividualVacancy = IndividualVacancy {
    citation: "a constituency member's seat is not a list seat: a vacancy in it is filled by an election in the constituency",
    source: Source::NotRead,
};

/// One list-system ruleset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRuleset {
    /// Its identifier.
    pub id: ListRulesetId,
    /// Stable code.
    pub code: &'static str,
    /// Short name.
    pub name: &'static str,
    /// The office.
    pub office: ListOffice,
    /// First poll date governed (inclusive).
    pub from: Date,
    /// Last poll date governed (inclusive), if replaced.
    pub until: Option<Date>,
    /// The Act's provisions for the voting system.
    pub system: &'static str,
    /// The conduct rules (the instrument and its schedule).
    pub instrument: &'static str,
    /// The ballot.
    pub ballot: ListBallot,
    /// How seats are given out.
    pub method: ListMethod,
    /// Seats per area.
    pub seats: ListSeats,
    /// The grounds on which a paper is void, in statutory order and
    /// wording, where read (`None`: not read).
    pub heads: Option<&'static [HeadSpec]>,
    /// Where the heads are (or are to be found).
    pub heads_citation: &'static str,
    /// Where the grounds on which a paper is void, the saving clause and
    /// any other rule on marks are, where read.
    pub void_citation: Option<&'static str>,
    /// Equal highest figures (or equal votes).
    pub equal_figures: EqualFigures,
    /// The deposit.
    pub deposit: ListDeposit,
    /// A later vacancy in the seat of an individual list member.
    pub individual_vacancy: IndividualVacancy,
}

impl ListRuleset {
    /// Whether the ruleset governs a poll for `office` in `country` on
    /// `poll_date`.
    #[must_use]
    pub fn governs(&self, country: Country, office: ListOffice, poll_date: Date) -> bool {
        self.office == office
            && office.country() == country
            && self.from <= poll_date
            && self.until.is_none_or(|u| poll_date <= u)
    }
}

/// Why a contest for a list office is refused by the count log: the words
/// every refusal starts with.
pub const NOT_COUNTED_THROUGH_THE_LOG: &str =
    "not yet: the list allocation is not counted through the log";

/// Head (a) of the Scottish rule: r.58(1)(a).
const SCOT_A: HeadSpec = HeadSpec {
    head: RejectionHead::NoOfficialMark,
    letter: "a",
    label: "does not bear the official mark and the unique identifying number",
    grounds: &[Ground::NoOfficialMark],
};

/// r.58(1)(d).
const SCOT_D: HeadSpec = HeadSpec {
    head: RejectionHead::IdentifyingMark,
    letter: "d",
    label: "anything written or marked by which the voter can be identified except the unique identifying number on the back",
    grounds: &[Ground::IdentifyingMark],
};

/// r.58(1)(e).
const SCOT_E: HeadSpec = HeadSpec {
    head: RejectionHead::UnmarkedOrVoid,
    letter: "e",
    label: "unmarked or void for uncertainty",
    grounds: &[Ground::Unmarked, Ground::VoidForUncertainty],
};

/// Scottish Parliament (Elections etc.) Order 2015 Sch 2 r.58(1) as it
/// applies to a constituency ballot paper: (a), (b), (d), (e), lettered as
/// in r.58(1).
pub const SCOTTISH_CONSTITUENCY_HEADS: &[HeadSpec] = &[
    SCOT_A,
    HeadSpec {
        head: RejectionHead::TooManyVotes,
        letter: "b",
        label: "votes given for more than one candidate",
        grounds: &[Ground::TooManyVotes],
    },
    SCOT_D,
    SCOT_E,
];

/// Scottish Parliament (Elections etc.) Order 2015 Sch 2 r.58(1) as it
/// applies to a regional ballot paper: (a), (c), (d), (e), lettered as in
/// r.58(1).
pub const SCOTTISH_REGIONAL_HEADS: &[HeadSpec] = &[
    SCOT_A,
    HeadSpec {
        head: RejectionHead::TooManyVotes,
        letter: "c",
        label: "votes given for more than one registered party or individual candidate, or for a registered party and an individual candidate",
        grounds: &[Ground::TooManyVotes],
    },
    SCOT_D,
    SCOT_E,
];

const SCOTTISH_VOID: &str = "Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425), Sch 2 r.58(1) (void papers), r.58(2) (not void for a vote marked elsewhere than in the proper place, otherwise than by a cross, or by more than one mark, where the intention clearly appears), r.58(3) (different numbers written apparently as preferences: the paper counts for the candidate, party or individual candidate against which 1 appears)";
const SCOTTISH_ORDER_2015: &str =
    "Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425), Sch 2 (Scottish Parliamentary election rules)";
const SCOTTISH_HEADS_CITATION: &str =
    "Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425), Sch 2 r.58(1)";
const NAW_ORDER_2007: &str =
    "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5 (Assembly election rules), r.23";
const SENEDD_ORDER_2025: &str =
    "Senedd Cymru (Representation of the People) Order 2025 (WSI 2025/864), Sch 5 (Senedd election rules), for a general election whose poll is after 6 April 2026 (art.1(4))";

/// The list-system rulesets.
pub static LIST_RULESETS: &[ListRuleset] = &[
    ListRuleset {
        id: ListRulesetId::SeneddClosedList2026,
        code: "senedd-closed-list-2026",
        name: "Senedd general election (closed lists)",
        office: ListOffice::SeneddMember,
        from: date!(2026 - 04 - 07),
        until: None,
        system: "Government of Wales Act 2006 ss.6-9 as substituted by the Senedd Cymru (Members and Elections) Act 2024 s.8, and s.1(2) as substituted by s.1 of that Act (16 constituencies of six seats)",
        instrument: SENEDD_ORDER_2025,
        ballot: ListBallot::PartiesAndIndividuals,
        method: ListMethod::DHondt {
            divisor: DivisorRule::ListSeatsWon,
            threshold: None,
            individuals: true,
        },
        seats: ListSeats {
            per_area: 6,
            citation: "Government of Wales Act 2006 s.1(2) as substituted by the Senedd Cymru (Members and Elections) Act 2024 s.1",
        },
        heads: None,
        heads_citation: "Senedd Cymru (Representation of the People) Order 2025 (WSI 2025/864), Sch 5",
        void_citation: None,
        equal_figures: EqualFigures {
            rule: TieRule::Lot,
            overfill: Some(TieRule::Lot),
            citation: "Government of Wales Act 2006 s.9 as substituted by the Senedd Cymru (Members and Elections) Act 2024 s.8 (the Electoral Commission's guidance for Senedd elections: equal highest figures are decided by drawing lots)",
            source: Source::Guidance,
        },
        deposit: ListDeposit {
            citation: "Senedd Cymru (Representation of the People) Order 2025 (WSI 2025/864), Sch 5 (a deposit for a party list and for an individual candidate)",
            pounds: None,
            returned_above: None,
            forfeited_even_if_elected: false,
            source: Source::NotRead,
        },
        individual_vacancy: IndividualVacancy {
            citation: "Government of Wales Act 2006 s.11(2) as substituted by the Senedd Cymru (Members and Elections) Act 2024: if the Member was an individual candidate when returned, the seat remains vacant until the next general election",
            source: Source::Statute,
        },
    },
    ListRuleset {
        id: ListRulesetId::SeneddConstituency2007,
        code: "senedd-constituency-2007",
        name: "National Assembly for Wales constituency election",
        office: ListOffice::SeneddConstituencyMember,
        from: date!(2007 - 05 - 04),
        until: Some(date!(2026 - 04 - 06)),
        system: "Government of Wales Act 2006 s.6 as enacted (a constituency member by the simple majority system)",
        instrument: NAW_ORDER_2007,
        ballot: ListBallot::Candidates,
        method: ListMethod::FirstPastThePost,
        seats: ListSeats {
            per_area: 1,
            citation: "Government of Wales Act 2006 s.1 as enacted (one member for each Assembly constituency)",
        },
        heads: None,
        heads_citation: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5",
        void_citation: None,
        equal_figures: EqualFigures {
            rule: TieRule::Unsettled,
            overfill: None,
            citation: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5",
            source: Source::NotRead,
        },
        deposit: ListDeposit {
            citation: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5",
            pounds: None,
            returned_above: None,
            forfeited_even_if_elected: false,
            source: Source::NotRead,
        },
        individual_vacancy: NO_LIST_VACANCY,
    },
    ListRuleset {
        id: ListRulesetId::SeneddRegional2007,
        code: "senedd-regional-2007",
        name: "National Assembly for Wales regional election (additional member system)",
        office: ListOffice::SeneddRegionalMember,
        from: date!(2007 - 05 - 04),
        until: Some(date!(2026 - 04 - 06)),
        system: "Government of Wales Act 2006 ss.6-9 as enacted (electoral region figures, s.8; allocation of seats, s.9)",
        instrument: NAW_ORDER_2007,
        ballot: ListBallot::PartiesAndIndividuals,
        method: ListMethod::DHondt {
            divisor: DivisorRule::AmsConstituencySeatsPlusList,
            threshold: None,
            individuals: true,
        },
        seats: ListSeats {
            per_area: 4,
            citation: "Government of Wales Act 2006 Sch 1 as enacted (four regional seats in each of the five electoral regions)",
        },
        heads: None,
        heads_citation: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5",
        void_citation: None,
        equal_figures: EqualFigures {
            rule: TieRule::EachAllocated,
            overfill: None,
            citation: "Government of Wales Act 2006 s.9(7) as enacted (where the highest figure is that of two or more parties or individual candidates, the allocation applies to each of them)",
            source: Source::Statute,
        },
        deposit: ListDeposit {
            citation: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5",
            pounds: None,
            returned_above: None,
            forfeited_even_if_elected: false,
            source: Source::NotRead,
        },
        individual_vacancy: IndividualVacancy {
            citation: "Government of Wales Act 2006 s.11 as enacted (electoral region vacancies): its rule for a member returned as an individual candidate was read only in part",
            source: Source::NotRead,
        },
    },
    ListRuleset {
        id: ListRulesetId::ScottishParliamentConstituency2016,
        code: "scottish-parliament-constituency-2016",
        name: "Scottish Parliament constituency election",
        office: ListOffice::ScottishParliamentConstituencyMember,
        from: date!(2016 - 05 - 05),
        until: None,
        system: "Scotland Act 1998 s.1(2) and s.6 (a constituency member by the simple majority system)",
        instrument: SCOTTISH_ORDER_2015,
        ballot: ListBallot::Candidates,
        method: ListMethod::FirstPastThePost,
        seats: ListSeats {
            per_area: 1,
            citation: "Scotland Act 1998 s.1(2) (one member for each constituency)",
        },
        heads: Some(SCOTTISH_CONSTITUENCY_HEADS),
        heads_citation: SCOTTISH_HEADS_CITATION,
        void_citation: Some(SCOTTISH_VOID),
        equal_figures: EqualFigures {
            rule: TieRule::Unsettled,
            overfill: None,
            citation: SCOTTISH_ORDER_2015,
            source: Source::NotRead,
        },
        deposit: ListDeposit {
            citation: SCOTTISH_ORDER_2015,
            pounds: None,
            returned_above: None,
            forfeited_even_if_elected: false,
            source: Source::NotRead,
        },
        individual_vacancy: NO_LIST_VACANCY,
    },
    ListRuleset {
        id: ListRulesetId::ScottishParliamentRegional2016,
        code: "scottish-parliament-regional-2016",
        name: "Scottish Parliament regional election (additional member system)",
        office: ListOffice::ScottishParliamentRegionalMember,
        from: date!(2016 - 05 - 05),
        until: None,
        system: "Scotland Act 1998 ss.5-8 (regional votes, s.6; regional figures, s.7; allocation of seats to regional members, s.8)",
        instrument: SCOTTISH_ORDER_2015,
        ballot: ListBallot::PartiesAndIndividuals,
        method: ListMethod::DHondt {
            divisor: DivisorRule::AmsConstituencySeatsPlusList,
            threshold: None,
            individuals: true,
        },
        seats: ListSeats {
            per_area: 7,
            citation: "Scotland Act 1998 Sch 1 para 2(3) (seven regional members for each region)",
        },
        heads: Some(SCOTTISH_REGIONAL_HEADS),
        heads_citation: SCOTTISH_HEADS_CITATION,
        void_citation: Some(SCOTTISH_VOID),
        equal_figures: EqualFigures {
            rule: TieRule::EachAllocated,
            overfill: None,
            citation: "Scotland Act 1998 s.8(7) (where the seat would fall to two or more parties or individual candidates with the same regional figure, a seat is allocated to each of them; an order under s.12(2)(f) may modify this to ensure the correct number of seats)",
            source: Source::Statute,
        },
        deposit: ListDeposit {
            citation: SCOTTISH_ORDER_2015,
            pounds: None,
            returned_above: None,
            forfeited_even_if_elected: false,
            source: Source::NotRead,
        },
        individual_vacancy: IndividualVacancy {
            citation: "Scotland Act 1998 s.10(2): if the regional member was returned as an individual candidate, the seat shall remain vacant until the next general election",
            source: Source::Statute,
        },
    },
    ListRuleset {
        id: ListRulesetId::LondonAssemblyConstituency2008,
        code: "london-assembly-constituency-2008",
        name: "London Assembly constituency election",
        office: ListOffice::LondonAssemblyConstituencyMember,
        from: date!(2008 - 01 - 14),
        until: None,
        system: "Greater London Authority Act 1999 s.2 and s.4 (a constituency member for each of the 14 Assembly constituencies)",
        instrument: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1 (the Constituency Members Election Rules)",
        ballot: ListBallot::Candidates,
        method: ListMethod::FirstPastThePost,
        seats: ListSeats {
            per_area: 1,
            citation: "Greater London Authority Act 1999 s.2 (one member for each Assembly constituency)",
        },
        heads: None,
        heads_citation: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1",
        void_citation: None,
        equal_figures: EqualFigures {
            rule: TieRule::Lot,
            overfill: Some(TieRule::Lot),
            citation: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1 (equality of votes: where two or more candidates have the same number of votes and the addition of a vote would entitle any of them to be declared elected, the constituency returning officer decides between them by lot, as the Electoral Commission's guidance for the GLA elections states it)",
            source: Source::Guidance,
        },
        deposit: ListDeposit {
            citation: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1 r.8 (deposits)",
            pounds: None,
            returned_above: None,
            forfeited_even_if_elected: false,
            source: Source::NotRead,
        },
        individual_vacancy: NO_LIST_VACANCY,
    },
    ListRuleset {
        id: ListRulesetId::LondonAssemblyLondonWide2008,
        code: "london-assembly-london-wide-2008",
        name: "London Assembly London members election (additional member system)",
        office: ListOffice::LondonAssemblyLondonMember,
        from: date!(2008 - 01 - 14),
        until: None,
        system: "Greater London Authority Act 1999 s.2 and s.4, Sch 2 Part II (the London members)",
        instrument: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 2 (the London Members Election Rules)",
        ballot: ListBallot::PartiesAndIndividuals,
        method: ListMethod::DHondt {
            divisor: DivisorRule::AmsConstituencySeatsPlusList,
            threshold: Some(Threshold {
                percent_numerator: 5,
                percent_denominator: 1,
                at_threshold_qualifies: true,
                citation: "Greater London Authority Act 1999 Sch 2 para 7 (a party or individual candidate failing to win at least 5 per cent of the total of London votes is allocated no London member seat)",
                source: Source::Statute,
            }),
            individuals: true,
        },
        seats: ListSeats {
            per_area: 11,
            citation: "Greater London Authority Act 1999 s.2 (eleven London members)",
        },
        heads: None,
        heads_citation: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 2",
        void_citation: None,
        equal_figures: EqualFigures {
            rule: TieRule::RecalculateOneMoreSeatThenLot,
            overfill: Some(TieRule::RecalculateOneMoreSeatThenLot),
            citation: "Greater London Authority Act 1999 Sch 2 Part II, para 8 (the allocation of the London members; equal London figures for the last seat: the figures recalculated as though each had one more seat, the highest taking the seat; if still equal, by lot)",
            source: Source::Statute,
        },
        deposit: ListDeposit {
            citation: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 2 r.10 (a deposit of £5,000 for a party list or an individual candidate, returned if the party or candidate polls more than 2.5 per cent of the votes polled by all the parties and individual candidates, whether or not allocated a seat)",
            pounds: Some(5_000),
            returned_above: Some((1, 40)),
            forfeited_even_if_elected: true,
            source: Source::Guidance,
        },
        individual_vacancy: IndividualVacancy {
            citation: "Greater London Authority Act 1999 s.11 (filling a vacancy among the London members): the Act's text was not read (only the Bill's clause 11(2), HL Bill 92 of 1998-99: the vacancy of a London member returned as an individual candidate remains unfilled until the next ordinary election)",
            source: Source::NotRead,
        },
    },
];

/// A list poll countroom refuses on purpose: no ruleset above covers it,
/// and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRefusal {
    /// The office.
    pub office: ListOffice,
    /// First poll date refused (inclusive).
    pub from: Date,
    /// Last poll date refused (inclusive).
    pub until: Date,
    /// Why.
    pub reason: &'static str,
}

/// The list polls refused with a reason (the 2007 Assembly general
/// election, held under the 1998 Act: the National Assembly for Wales
/// (Representation of the People) Order 2007, Sch 5 r.23(1)–(3)).
pub static LIST_REFUSED: &[ListRefusal] = &[
    ListRefusal {
        office: ListOffice::SeneddConstituencyMember,
        from: date!(1999 - 05 - 06),
        until: date!(2007 - 05 - 03),
        reason: "the Assembly's elections up to and including the 2007 general election were held under the Government of Wales Act 1998 (National Assembly for Wales (Representation of the People) Order 2007, Sch 5 r.23(1)-(2) and (3)), whose rules are not in countroom",
    },
    ListRefusal {
        office: ListOffice::SeneddRegionalMember,
        from: date!(1999 - 05 - 06),
        until: date!(2007 - 05 - 03),
        reason: "the Assembly's elections up to and including the 2007 general election were held under the Government of Wales Act 1998 ss.4-7 (National Assembly for Wales (Representation of the People) Order 2007, Sch 5 r.23(2) and (3)), whose rules are not in countroom",
    },
];

/// Why no list ruleset governs a poll.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no list-system ruleset governs a poll for {office} in {country} on {poll_date}: {why}", country = country.code(), why = reason.unwrap_or("countroom has no rules for this office at this date"))]
pub struct NoListRuleset {
    /// The office.
    pub office: ListOffice,
    /// The country.
    pub country: Country,
    /// The poll date.
    pub poll_date: Date,
    /// The reason, where countroom refuses it on purpose.
    pub reason: Option<&'static str>,
}

/// The list ruleset with this identifier.
#[must_use]
pub fn list_ruleset(id: ListRulesetId) -> &'static ListRuleset {
    match id {
        ListRulesetId::SeneddClosedList2026 => &LIST_RULESETS[0],
        ListRulesetId::SeneddConstituency2007 => &LIST_RULESETS[1],
        ListRulesetId::SeneddRegional2007 => &LIST_RULESETS[2],
        ListRulesetId::ScottishParliamentConstituency2016 => &LIST_RULESETS[3],
        ListRulesetId::ScottishParliamentRegional2016 => &LIST_RULESETS[4],
        ListRulesetId::LondonAssemblyConstituency2008 => &LIST_RULESETS[5],
        ListRulesetId::LondonAssemblyLondonWide2008 => &LIST_RULESETS[6],
    }
}

/// The list ruleset with this code.
#[must_use]
pub fn list_by_code(code: &str) -> Option<&'static ListRuleset> {
    LIST_RULESETS.iter().find(|r| r.code == code)
}

/// Chooses the list ruleset of a poll by its country, office and date.
///
/// ```
/// use countroom_model::Country;
/// use countroom_rules::lists::{select_list, ListOffice, ListRulesetId};
/// use time::macros::date;
///
/// let id = select_list(Country::Wales, ListOffice::SeneddMember, date!(2026 - 05 - 07)).unwrap();
/// assert_eq!(id, ListRulesetId::SeneddClosedList2026);
/// assert!(select_list(Country::Wales, ListOffice::SeneddRegionalMember, date!(2026 - 05 - 07)).is_err());
/// ```
///
/// # Errors
/// [`NoListRuleset`] where none governs the poll (with the reason where
/// countroom refuses it on purpose).
pub fn select_list(
    country: Country,
    office: ListOffice,
    poll_date: Date,
) -> Result<ListRulesetId, NoListRuleset> {
    LIST_RULESETS
        .iter()
        .find(|r| r.governs(country, office, poll_date))
        .map(|r| r.id)
        .ok_or_else(|| NoListRuleset {
            office,
            country,
            poll_date,
            reason: LIST_REFUSED
                .iter()
                .find(|x| x.office == office && x.from <= poll_date && poll_date <= x.until)
                .map(|x| x.reason),
        })
}

/// If `code` is a list office's code, the message refusing a count log
/// contest for it: [`NOT_COUNTED_THROUGH_THE_LOG`], then each ruleset of the
/// office with its dates and citations (in table order), so the refusal
/// names the law that would govern the poll.
///
/// ```
/// use countroom_rules::lists::refusal_for_office_code;
///
/// let why = refusal_for_office_code("scottish_parliament_regional_member").unwrap();
/// assert!(why.starts_with("not yet: the list allocation is not counted through the log"));
/// assert!(why.contains("Scotland Act 1998 ss.5-8"));
/// assert!(refusal_for_office_code("uk_parliament").is_none());
/// ```
#[must_use]
pub fn refusal_for_office_code(code: &str) -> Option<String> {
    let office = ListOffice::from_code(code)?;
    let rulesets: Vec<String> = LIST_RULESETS
        .iter()
        .filter(|r| r.office == office)
        .map(|r| {
            let dates = match r.until {
                Some(u) => format!("polls from {} to {}", r.from, u),
                None => format!("polls from {}", r.from),
            };
            format!("{} ({dates}: {}; {})", r.code, r.system, r.instrument)
        })
        .collect();
    Some(format!(
        "{NOT_COUNTED_THROUGH_THE_LOG}: a contest for office {code} is elected under {}; use `countroom allocate` for the list allocation from published figures",
        rulesets.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Selection on each side of every commencement date, hand-worked from
    /// the dates read: the 2025 Senedd Order does not govern a poll on or
    /// before 6 April 2026 (art.1(4)); the GLA Elections Rules 2007 are in
    /// force from 14 January 2008 (r.1(1)); the 2007 Assembly Order applies
    /// the 2006 Act to elections after the 2007 general election of 3 May
    /// 2007 (Sch 5 r.23(3)); the 2015 Scottish Order is taken from the
    /// 2016 general election of 5 May 2016.
    /// A vacancy in an individual list member's seat remains vacant where
    /// the statute was read (Scotland Act 1998 s.10(2); GoWA 2006 s.11(2)
    /// as substituted in 2024), and is not applied where it was not (GoWA
    /// 2006 s.11 as enacted; GLA Act 1999 s.11).
    #[test]
    fn an_individual_members_vacancy_is_read_where_cited() {
        let read: Vec<(&str, Source)> = LIST_RULESETS
            .iter()
            .map(|r| (r.code, r.individual_vacancy.source))
            .collect();
        for (code, source) in [
            ("senedd-closed-list-2026", Source::Statute),
            ("scottish-parliament-regional-2016", Source::Statute),
            ("senedd-regional-2007", Source::NotRead),
            ("london-assembly-london-wide-2008", Source::NotRead),
        ] {
            assert!(read.contains(&(code, source)), "{code}");
        }
        let scot = LIST_RULESETS
            .iter()
            .find(|r| r.code == "scottish-parliament-regional-2016")
            .unwrap();
        assert!(scot
            .individual_vacancy
            .citation
            .starts_with("Scotland Act 1998 s.10(2)"));
    }

    #[test]
    fn selection_on_each_side_of_every_date() {
        use ListOffice as O;
        use ListRulesetId as R;
        let cases: &[(Country, ListOffice, Date, Option<ListRulesetId>)] = &[
            (Country::Wales, O::SeneddMember, date!(2026 - 04 - 06), None),
            (
                Country::Wales,
                O::SeneddMember,
                date!(2026 - 04 - 07),
                Some(R::SeneddClosedList2026),
            ),
            (
                Country::Wales,
                O::SeneddMember,
                date!(2026 - 05 - 07),
                Some(R::SeneddClosedList2026),
            ),
            (
                Country::Wales,
                O::SeneddRegionalMember,
                date!(2007 - 05 - 03),
                None,
            ),
            (
                Country::Wales,
                O::SeneddRegionalMember,
                date!(2007 - 05 - 04),
                Some(R::SeneddRegional2007),
            ),
            (
                Country::Wales,
                O::SeneddRegionalMember,
                date!(2021 - 05 - 06),
                Some(R::SeneddRegional2007),
            ),
            (
                Country::Wales,
                O::SeneddRegionalMember,
                date!(2026 - 04 - 06),
                Some(R::SeneddRegional2007),
            ),
            (
                Country::Wales,
                O::SeneddRegionalMember,
                date!(2026 - 04 - 07),
                None,
            ),
            (
                Country::Wales,
                O::SeneddConstituencyMember,
                date!(2021 - 05 - 06),
                Some(R::SeneddConstituency2007),
            ),
            (
                Country::Wales,
                O::SeneddConstituencyMember,
                date!(2026 - 05 - 07),
                None,
            ),
            (
                Country::Scotland,
                O::ScottishParliamentRegionalMember,
                date!(2016 - 05 - 04),
                None,
            ),
            (
                Country::Scotland,
                O::ScottishParliamentRegionalMember,
                date!(2016 - 05 - 05),
                Some(R::ScottishParliamentRegional2016),
            ),
            (
                Country::Scotland,
                O::ScottishParliamentRegionalMember,
                date!(2026 - 05 - 07),
                Some(R::ScottishParliamentRegional2016),
            ),
            (
                Country::Scotland,
                O::ScottishParliamentConstituencyMember,
                date!(2021 - 05 - 06),
                Some(R::ScottishParliamentConstituency2016),
            ),
            (
                Country::England,
                O::LondonAssemblyLondonMember,
                date!(2008 - 01 - 13),
                None,
            ),
            (
                Country::England,
                O::LondonAssemblyLondonMember,
                date!(2008 - 01 - 14),
                Some(R::LondonAssemblyLondonWide2008),
            ),
            (
                Country::England,
                O::LondonAssemblyLondonMember,
                date!(2024 - 05 - 02),
                Some(R::LondonAssemblyLondonWide2008),
            ),
            (
                Country::England,
                O::LondonAssemblyConstituencyMember,
                date!(2024 - 05 - 02),
                Some(R::LondonAssemblyConstituency2008),
            ),
            // The office's country only.
            (
                Country::Scotland,
                O::SeneddMember,
                date!(2026 - 05 - 07),
                None,
            ),
            (
                Country::Wales,
                O::LondonAssemblyLondonMember,
                date!(2024 - 05 - 02),
                None,
            ),
        ];
        for &(country, office, day, want) in cases {
            assert_eq!(
                select_list(country, office, day).ok(),
                want,
                "{country:?} {office} {day}"
            );
        }
    }

    /// The 2007 Assembly general election is refused with its reason (Sch 5
    /// r.23(1)-(3) of the 2007 Order: held under the 1998 Act).
    #[test]
    fn the_2007_assembly_general_election_is_refused_with_its_reason() {
        let e = select_list(
            Country::Wales,
            ListOffice::SeneddRegionalMember,
            date!(2007 - 05 - 03),
        )
        .unwrap_err();
        assert!(e
            .reason
            .unwrap()
            .contains("Government of Wales Act 1998 ss.4-7"));
        assert!(e.to_string().contains("senedd_regional_member"));
    }

    /// The table agrees with itself: ids index their rows; codes are unique
    /// and round-trip; no two rulesets of an office overlap in dates.
    #[test]
    fn table_is_consistent() {
        for r in LIST_RULESETS {
            assert_eq!(list_ruleset(r.id), r);
            assert_eq!(list_by_code(r.code), Some(r));
        }
        for o in ListOffice::ALL {
            assert_eq!(ListOffice::from_code(o.code()), Some(o));
            let rows: Vec<_> = LIST_RULESETS.iter().filter(|r| r.office == o).collect();
            assert!(!rows.is_empty(), "{o}");
            for a in &rows {
                for b in &rows {
                    if a.id != b.id {
                        let overlap = a.from <= b.until.unwrap_or(Date::MAX)
                            && b.from <= a.until.unwrap_or(Date::MAX);
                        assert!(!overlap, "{} and {}", a.code, b.code);
                    }
                }
            }
        }
    }

    /// The seats, methods and divisors as read: Senedd 2026 six seats by
    /// D'Hondt on list seats (GoWA 2006 s.1(2) as substituted; EC
    /// guidance); Scotland seven regional seats, AMS (Scotland Act 1998
    /// Sch 1 para 2(3), s.7); Wales 2007-2021 four regional seats, AMS
    /// (GoWA 2006 Sch 1, s.8); London 11 London members, AMS with a 5%
    /// threshold (GLA Act 1999 Sch 2 para 7, as its explanatory notes para
    /// 53 give it).
    #[test]
    fn seats_and_methods_as_read() {
        let table: &[(ListRulesetId, u32, &str, Option<Source>)] = &[
            (ListRulesetId::SeneddClosedList2026, 6, "dhondt", None),
            (ListRulesetId::SeneddRegional2007, 4, "ams", None),
            (
                ListRulesetId::ScottishParliamentRegional2016,
                7,
                "ams",
                None,
            ),
            (
                ListRulesetId::LondonAssemblyLondonWide2008,
                11,
                "ams",
                Some(Source::Statute),
            ),
            (
                ListRulesetId::SeneddConstituency2007,
                1,
                "first_past_the_post",
                None,
            ),
            (
                ListRulesetId::ScottishParliamentConstituency2016,
                1,
                "first_past_the_post",
                None,
            ),
            (
                ListRulesetId::LondonAssemblyConstituency2008,
                1,
                "first_past_the_post",
                None,
            ),
        ];
        for &(id, seats, method, threshold) in table {
            let r = list_ruleset(id);
            assert_eq!(r.seats.per_area, seats, "{}", r.code);
            assert_eq!(r.method.code(), method, "{}", r.code);
            let t = match r.method {
                ListMethod::DHondt { threshold, .. } => threshold.map(|t| t.source),
                ListMethod::FirstPastThePost => None,
            };
            assert_eq!(t, threshold, "{}", r.code);
            let list_ballot = r.ballot == ListBallot::PartiesAndIndividuals;
            assert_eq!(list_ballot, method != "first_past_the_post", "{}", r.code);
        }
    }

    /// The 5% threshold, exact: of 1,000,000 London votes, 50,000 is
    /// exactly 5% and qualifies; 49,999 does not (hand-worked: 49,999 ×
    /// 100 = 4,999,900 < 5,000,000).
    #[test]
    fn threshold_is_exact() {
        let ListMethod::DHondt {
            threshold: Some(t), ..
        } = list_ruleset(ListRulesetId::LondonAssemblyLondonWide2008).method
        else {
            panic!("London has a threshold");
        };
        assert!(!t.excludes(50_000, 1_000_000));
        assert!(t.excludes(49_999, 1_000_000));
        assert!(!t.excludes(u64::MAX, u64::MAX));
    }

    /// The Scottish heads, hand-copied from r.58(1)(a)-(e) of SSI 2015/425
    /// (as in force on 11 December 2020): the constituency paper's
    /// too-many head is (b), the regional paper's is (c).
    #[test]
    fn scottish_heads_as_read() {
        let letters = |h: &[HeadSpec]| h.iter().map(|h| h.letter).collect::<Vec<_>>();
        assert_eq!(letters(SCOTTISH_CONSTITUENCY_HEADS), ["a", "b", "d", "e"]);
        assert_eq!(letters(SCOTTISH_REGIONAL_HEADS), ["a", "c", "d", "e"]);
        assert_eq!(
            SCOTTISH_REGIONAL_HEADS[1].label,
            "votes given for more than one registered party or individual candidate, or for a registered party and an individual candidate"
        );
        assert_eq!(
            SCOTTISH_REGIONAL_HEADS[3].label,
            "unmarked or void for uncertainty"
        );
        let void = list_ruleset(ListRulesetId::ScottishParliamentRegional2016).void_citation;
        assert!(void.is_some_and(|v| v.contains("r.58(3)")), "{void:?}");
    }

    /// Equal highest figures as read: Senedd 2026 by lot (EC guidance);
    /// Scotland s.8(7) and Wales 2007 s.9(7) a seat to each, with the case
    /// of too many seats not read (an engine must refuse it); London
    /// recalculated with one more seat, then lot (GLA Act 1999 Sch 2 Part
    /// II, explanatory notes para 53).
    #[test]
    fn tie_rules_as_read() {
        let t = |id| list_ruleset(id).equal_figures;
        assert_eq!(t(ListRulesetId::SeneddClosedList2026).rule, TieRule::Lot);
        assert_eq!(
            t(ListRulesetId::SeneddClosedList2026).source,
            Source::Guidance
        );
        for id in [
            ListRulesetId::ScottishParliamentRegional2016,
            ListRulesetId::SeneddRegional2007,
        ] {
            assert_eq!(t(id).rule, TieRule::EachAllocated);
            assert_eq!(t(id).overfill, None);
            assert_eq!(t(id).source, Source::Statute);
        }
        assert_eq!(
            t(ListRulesetId::LondonAssemblyLondonWide2008).rule,
            TieRule::RecalculateOneMoreSeatThenLot
        );
        // The London Assembly constituency poll: equal votes decided by
        // lot (the Electoral Commission's GLA guidance, "Equality of
        // votes"), a recorded lot, never guessed.
        assert_eq!(
            t(ListRulesetId::LondonAssemblyConstituency2008).rule,
            TieRule::Lot
        );
        assert_eq!(
            t(ListRulesetId::LondonAssemblyConstituency2008).source,
            Source::Guidance
        );
        // The London members' allocation is Sch 2 para 8: the GLA
        // Elections Rules 2007 Sch 2 r.57(1) fill the seats "in accordance
        // with paragraph 8(5) of Schedule 2 to the 1999 Act".
        assert!(t(ListRulesetId::LondonAssemblyLondonWide2008)
            .citation
            .contains("Sch 2 Part II, para 8"));
    }

    /// The London-wide deposit, hand-worked: £5,000, returned above 2.5%
    /// (one-fortieth) of all the London votes, forfeited at or below it even
    /// by a party allocated a seat (the EC's GLRO guidance, "Deposits"):
    /// of 2,000,000 votes, 50,000 is exactly 2.5% and forfeits, 50,001 is
    /// returned. The other list deposits were not read: `None`.
    #[test]
    fn london_wide_deposit_is_one_fortieth_even_if_elected() {
        let d = list_ruleset(ListRulesetId::LondonAssemblyLondonWide2008).deposit;
        assert_eq!(d.pounds, Some(5_000));
        assert_eq!(d.forfeited(false, 50_000, 2_000_000), Some(true));
        assert_eq!(d.forfeited(true, 50_000, 2_000_000), Some(true));
        assert_eq!(d.forfeited(false, 50_001, 2_000_000), Some(false));
        assert_eq!(d.forfeited(false, u64::MAX, u64::MAX), Some(false));
        for r in LIST_RULESETS {
            if r.id != ListRulesetId::LondonAssemblyLondonWide2008 {
                assert_eq!(r.deposit.forfeited(false, 0, 1), None, "{}", r.code);
            }
        }
    }

    proptest::proptest! {
        /// The threshold and the London-wide deposit are monotone in the
        /// votes (more votes never fall under a threshold fewer votes
        /// cleared; never forfeit a deposit fewer votes kept) and agree with
        /// the exact comparison of the share against 5% and 2.5%, in
        /// integers: 100 × votes against 5 × total; 40 × votes against total.
        #[test]
        fn threshold_and_deposit_are_exact_and_monotone(
            total in 1u64..=u64::MAX,
            a in 0u64..=u64::MAX,
            b in 0u64..=u64::MAX,
        ) {
            let (lo, hi) = (a.min(b).min(total), a.max(b).min(total));
            let r = list_ruleset(ListRulesetId::LondonAssemblyLondonWide2008);
            let ListMethod::DHondt { threshold: Some(t), .. } = r.method else {
                panic!("London has a threshold");
            };
            if !t.excludes(lo, total) {
                proptest::prop_assert!(!t.excludes(hi, total));
            }
            proptest::prop_assert_eq!(
                t.excludes(hi, total),
                u128::from(hi) * 100 < u128::from(total) * 5
            );
            let d = r.deposit;
            if d.forfeited(false, hi, total) == Some(true) {
                proptest::prop_assert_eq!(d.forfeited(false, lo, total), Some(true));
            }
            proptest::prop_assert_eq!(
                d.forfeited(false, hi, total),
                Some(u128::from(hi) * 40 <= u128::from(total))
            );
        }
    }

    /// The London Assembly constituency members' ruleset: one member for
    /// each Assembly constituency by first past the post (GLA Act 1999 s.2
    /// and s.4), under the GLA Elections Rules 2007 Sch 1 from their
    /// commencement on 14 January 2008 (r.1(1)), chosen by office and
    /// date: not on 13 January 2008, on 14 January 2008, at the 2028
    /// ordinary election, and only in England. A candidate ballot; equal
    /// votes by a recorded lot (the Electoral Commission's guidance); its
    /// heads and deposit not read, so neither is applied.
    #[test]
    fn london_assembly_constituency_ruleset() {
        use ListOffice as O;
        let office = O::LondonAssemblyConstituencyMember;
        assert_eq!(office.code(), "london_assembly_constituency_member");
        assert_eq!(
            O::from_code("london_assembly_constituency_member"),
            Some(office)
        );
        assert!(select_list(Country::England, office, date!(2008 - 01 - 13)).is_err());
        for day in [date!(2008 - 01 - 14), date!(2028 - 05 - 04)] {
            assert_eq!(
                select_list(Country::England, office, day),
                Ok(ListRulesetId::LondonAssemblyConstituency2008)
            );
        }
        assert!(select_list(Country::Scotland, office, date!(2028 - 05 - 04)).is_err());
        let r = list_ruleset(ListRulesetId::LondonAssemblyConstituency2008);
        assert_eq!(list_by_code("london-assembly-constituency-2008"), Some(r));
        assert_eq!(r.method, ListMethod::FirstPastThePost);
        assert_eq!(r.ballot, ListBallot::Candidates);
        assert_eq!(r.seats.per_area, 1);
        assert!(r.system.contains("s.4"), "{}", r.system);
        assert!(
            r.instrument.contains("SI 2007/3541), Sch 1"),
            "{}",
            r.instrument
        );
        assert_eq!(r.equal_figures.rule, TieRule::Lot);
        assert_eq!(r.equal_figures.source, Source::Guidance);
        assert!(r.heads.is_none());
        assert_eq!(r.deposit.source, Source::NotRead);
        assert_eq!(r.deposit.pounds, None);
        assert_eq!(r.deposit.forfeited(false, 0, 100), None);
    }

    /// The refusal names every ruleset of the office with its citation.
    #[test]
    fn refusal_cites_the_rulesets() {
        let why = refusal_for_office_code("senedd_member").unwrap();
        assert!(why.starts_with(NOT_COUNTED_THROUGH_THE_LOG), "{why}");
        assert!(
            why.contains("senedd-closed-list-2026 (polls from 2026-04-07"),
            "{why}"
        );
        assert!(why.contains("WSI 2025/864"), "{why}");
        let why = refusal_for_office_code("senedd_regional_member").unwrap();
        assert!(why.contains("polls from 2007-05-04 to 2026-04-06"), "{why}");
        assert!(refusal_for_office_code("mayor").is_none());
    }

    /// No internal marker in anything a document or message can print.
    #[test]
    fn no_internal_markers_in_printed_text() {
        let mut texts: Vec<&str> = Vec::new();
        for r in LIST_RULESETS {
            texts.extend([
                r.code,
                r.name,
                r.system,
                r.instrument,
                r.seats.citation,
                r.heads_citation,
                r.equal_figures.citation,
                r.deposit.citation,
            ]);
            texts.extend(r.void_citation);
            texts.extend(r.heads.unwrap_or(&[]).iter().map(|h| h.label));
            if let ListMethod::DHondt {
                threshold: Some(t), ..
            } = r.method
            {
                texts.push(t.citation);
            }
        }
        texts.extend(LIST_REFUSED.iter().map(|x| x.reason));
        for t in texts {
            for marker in ["[K", "[I", "to check]", "[S"] {
                assert!(!t.contains(marker), "{marker} in {t:?}");
            }
        }
    }
}
