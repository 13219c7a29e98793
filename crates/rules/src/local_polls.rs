//! Local polls that are not elections of councillors, mayors or
//! commissioners: parish polls and local referendums, as data.
//!
//! Each poll kind ([`PollKind`]) has its own office code in files
//! (`parish_poll_question`, `parish_poll_election`,
//! `neighbourhood_planning_referendum`, `business_referendum`,
//! `council_tax_referendum`, `governance_referendum`). The rulesets are
//! values in the main table ([`crate::ALL`]) like every other, selected by
//! [`crate::select`] from the country, the office and the poll date; what a
//! local poll has beyond a [`Ruleset`] (the question's statutory form, the
//! counting officer, the declaration's wording and the result rule) is a
//! [`LocalPollRules`] here, found by [`rules`].
//!
//! What was read, and what was not (doubts are in these docs, never printed
//! on a document):
//!
//! - Neighbourhood Planning (Referendums) Regulations 2012 (SI 2012/2031),
//!   read on legislation.gov.uk: reg 1 (in force the day after being made;
//!   made 2 August 2012), the explanatory note (reg 3 and Sch 1 the question,
//!   reg 8 and Sch 3 the referendum rules, reg 9 "specifies who is to be the
//!   counting officer": reg 9's own text was not read, so the documents say
//!   "the counting officer", citing reg 9, and never name the office), Sch 3
//!   r.41 ("Where, after the counting of the votes (including any re-count)
//!   is completed, an equality of votes is found to exist between the
//!   answers, the result is that there is no majority in favour of the
//!   making of the plan or order"), Sch 5 r.42 (the declaration at a
//!   combined poll: "declare the result of the referendum ... the number of
//!   ballot papers counted; the total number of votes cast for each answer;
//!   the number of rejected ballot papers under each head"). Sch 7 (the
//!   business referendum rules) was inserted on 6 April 2013 by SI 2013/798
//!   regs 1 and 7 and Sch 2 (the annotation on legislation.gov.uk); its
//!   r.69 is the declaration in the same words as Sch 5 r.42.
//! - The question's words (Sch 1, para 1, a neighbourhood development plan)
//!   were read in two accounts of the Regulations as approved (Lexology,
//!   Pinsent Masons' Out-Law, August 2012) and in published declarations
//!   (North Northamptonshire Council, 2022 and 2024), all in the same words.
//! - The result rule: a plan is made if "more than half of those voting"
//!   vote in favour (Planning and Compulsory Purchase Act 2004 s.38A(4)(a),
//!   as the published declarations word it: "more than half of those voting
//!   have voted in favour of the Neighbourhood Plan"); in a business area,
//!   if both referendums are in favour the plan is made, if neither it is
//!   not, and if only one is the local planning authority decides (s.38A(5);
//!   read in CPRE's Planning Help guidance, "Step 8: Referendum and
//!   adoption"). Doubt (not printed): the Act's text of s.38A(4)-(6) was not
//!   read on legislation.gov.uk; the words "may (but need not)" of s.38A(5)
//!   are not quoted on any document.
//! - "Those voting" is read as the valid votes cast on the question (Yes +
//!   No), as every published declaration read computes its percentages;
//!   rejected papers are not votes "in favour" or against. With two
//!   answers, more than half of Yes + No is exactly Yes > No, and an
//!   equality is "no majority in favour" (Sch 3 r.41): so exactly half is
//!   not a pass.
//! - Not read: the heads of the Sch 3 and Sch 7 statements of rejected
//!   ballot papers (their rule numbers and words). The heads here are the
//!   referendum heads of the Parliamentary Voting System and Constituencies
//!   Act 2011 Sch 2 r.42(4), on which the local referendum rules are
//!   modelled (the Regulations are "largely based upon the Local
//!   Authorities (Conduct of Referendums) (England) Regulations 2012",
//!   Lexology's account of the Government's memorandum); published
//!   declarations print the local election heads instead, which is the
//!   councils' template, not the Regulations. Searched again (December
//!   2026, the `pages` corpus of legislation.gov.uk pages): Sch 3 Part 6
//!   (uksi/2012/2031/schedule/3/part/6) is stored only as far as r.36
//!   (attendance at the count); the draft's Sch 3 r.41 (equality of votes)
//!   and Sch 7 rr.69, 71-72 were found, but no page holding the rejected
//!   ballot papers rule of Sch 3 or Sch 7 (queries on "Rejected ballot
//!   papers", "does not bear the official mark", "both answers", "void for
//!   uncertainty", "statement showing the number of ballot papers
//!   rejected", with the Schedule's title). Published declarations word the
//!   heads differently from council to council (East Cambridgeshire 2024
//!   "voting for more than one answer", Bassetlaw 2023 and North
//!   Northamptonshire 2022 "voting for more answers than required",
//!   Harborough "voting more times than the voter was entitled to", others
//!   the local election heads), so none is taken as the Regulations' words:
//!   the stand-in stays until the rule is read. Searched again for issue 21
//!   (December 2026, the `pages` corpus): "Neighbourhood Planning
//!   Referendums Rules rejected ballot papers counting officer must draw up
//!   a statement showing the number of ballot papers rejected", the draft
//!   (`ukdsi`) with "schedule 3 paragraph 39 rejected ballot papers", and
//!   phrasings of the heads ("on which a vote is given for both answers",
//!   "more than one answer ... void and not to be counted"): Sch 7 rr.40,
//!   69-72, Sch 3 Part 4 and r.8, Sch 5 Part 3 (as made and at 3 August
//!   2012), the 2012 Regulations' body and explanatory note and SI 2013/798
//!   Sch 2's table of contents came back, no rejected ballot papers rule.
//! - Parish and Community Meetings (Polls) Rules 1987 (SI 1987/1): read, the
//!   explanatory note (the Schedule applies the parish election rules with
//!   adaptations; r.5 and the Schedule the conduct of the poll) and Sch
//!   r.27 (the count: the returning officer opens each box, verifies each
//!   ballot paper account, separates the papers of two polls taken
//!   together). The poll is demanded at a parish meeting on "any question
//!   arising at the meeting" (Local Government Act 1972 Sch 12 para 18(4))
//!   and conducted by the district council's returning officer (read in
//!   councils' guidance: Central Bedfordshire, "the chairman of the meeting
//!   must notify the returning officer"; that this is the returning officer
//!   for the district's local elections under the Representation of the
//!   People Act 1983 s.35 is inferred, not read, and not printed: the
//!   documents say "the returning officer", citing r.27). Read in the
//!   Appendix: the directions for printing the ballot paper at a poll on an
//!   appointment ("VOTE FOR ... CANDIDATE(S) ONLY" above the candidates'
//!   particulars, a space on the right where the vote is marked), so the
//!   election form is votes, one per appointment, as here. Not read: the
//!   Schedule's rejection, equality and declaration rules as adapted, the
//!   form of the ballot paper on a question (so two or more answers, one
//!   vote, is taken from the Act's "any question" and the councils'
//!   guidance, which reproduces the question on the paper; a question with
//!   three answers counts as any other), and the commencement rule (the Rules
//!   replace the 1973 Rules with the Local Elections (Parishes and
//!   Communities) Rules 1986, in operation on 16 February 1987, r.2(1) of
//!   those Rules, read; the same day is taken for the 1987 Rules). So the
//!   heads are the parish election rules' (Local Elections (Parishes and
//!   Communities) (England and Wales) Rules 2006 Sch 2 r.47, the rules the
//!   1987 Rules apply), and an equality of votes between answers is
//!   reported as data, never decided by lot (no rule giving a lot on a
//!   question was read).
//! - Council tax referendums (Local Authorities (Conduct of Referendums)
//!   (Council Tax Increases) (England) Regulations 2012, SI 2012/444), read
//!   on legislation.gov.uk: made 17 February 2012, in force the day after
//!   (reg 1; the point-in-time view from 18 February 2012); Sch 3 the Local
//!   Government Finance Act Referendums Rules, Sch 5 those rules for
//!   combined polls; Sch 3 r.41 the counting officer's final statement and
//!   declaration, made when authorised by the Chief Counting Officer, who
//!   declares the totals of every referendum on the precepting authority's
//!   council tax (r.41(4)); reg 22(2)(a) and (6)(a) (the determination of
//!   a referendum petition), whose two cases are the increase "approved by
//!   a majority of persons voting in the referendum" and "not approved by a
//!   majority of persons voting": so the proposal is carried only by more
//!   than half of those voting (Yes + No), and an equality is not a
//!   majority, not approved (inferred from those words: the rule of the
//!   Local Government Finance Act 1992 Chapter 4ZA itself was not read).
//!   The question of Sch 1 as made ("Do you agree with \[authority\]'s
//!   decision to increase the amount it charges by \[X\]%?", read in the
//!   draft) was substituted by SI 2013/409 reg 2 (read; in force the day
//!   after 25 February 2013); the substituted words were not read in the
//!   instrument but as printed on the Bedfordshire ballot paper of 7 May
//!   2015 (LocalGov, 20 May 2015: "Do you want the Bedfordshire Police and
//!   Crime Commissioner to increase the amount it charges by 15.8%?"),
//!   which is the form here. Not read (searched in the `pages` corpus,
//!   December 2026: the Sch 3 Part 6 rejected ballot papers rule,
//!   "statement showing the number of ballot papers rejected", "Local
//!   Government Finance Act Referendums Rules" with "rejected"): the heads
//!   of the statement of rejected ballot papers and the regulation naming
//!   the counting officer. So the ruleset lists no heads: rejected papers
//!   are recorded as one total (`breakdown_not_given`, shown as such),
//!   never under invented heads, and its papers are not adjudicated one by
//!   one (countroom-adjudicate refuses a ruleset without heads).
//! - Governance referendums (Local Authorities (Conduct of Referendums)
//!   (England) Regulations 2012, SI 2012/323): made 8 February 2012, in
//!   force the day after (reg 1, read); reg 3 and Sch 1 (read, as made and
//!   as at 4 April 2014): six questions, each "How would you like [name of
//!   local authority] to be run?" with two answers, the arrangements in
//!   place ("This is how the council is run now.") then the change ("This
//!   would be a change from how the council is run now."); the contents
//!   list (read): reg 9 "Counting officer", reg 14 "Result of referendum
//!   or further referendum". Not read (searched as above, with "Local
//!   Government Act Referendums Rules"): the text of regs 9 and 14, the
//!   heads, the declaration rule, what an equality gives. So: two answers,
//!   the words of one paragraph of Sch 1 (the six carried here,
//!   [`GOVERNANCE_QUESTIONS`], hand-copied from the Schedule as made, 9
//!   February 2012, and as at 4 April 2014, the same words), the answer
//!   with more votes (the simple majority of the votes cast on the
//!   question), an equality reported as an exact tie and never decided, no
//!   heads (one total, as for council tax). Searched again for issue 21
//!   (December 2026): "SCHEDULE 3 THE LOCAL GOVERNMENT ACT REFERENDUMS
//!   RULES PART 6 Counting of votes Rejected ballot papers",
//!   "uksi/2012/323/schedule/3/part/6", and for SI 2012/444 "THE LOCAL
//!   GOVERNMENT FINANCE ACT REFERENDUMS RULES PART 6 ... Rejected ballot
//!   papers 39" and "on which a vote is given for both answers": SI
//!   2012/323 Sch 3 rr.1-2, 10 and 30 and SI 2012/444 Sch 3 Part 3, r.41
//!   and Sch 5 Parts 4 and 6 came back, and the 2007 Regulations' (SI
//!   2007/2089) Part 6 to r.36, which are not these instruments; no
//!   rejected ballot papers rule of either.

use countroom_model::{Country, Date, Office, PollKind, RulesetId};
use time::macros::date;

use crate::referendums::Answer;
use crate::{
    BallotForm, CountingMethod, EqualityRule, HeadSpec, RejectedInPart, Ruleset, Scope, SeatRule,
    SeatTermRule,
};

/// How a local poll's result is found from the votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultRule {
    /// The answer with the most votes; an equality between the answers
    /// with the most votes is reported as an exact tie, never decided by
    /// lot (a parish poll on a question).
    MostVotes,
    /// The proposal passes only if more than half of those voting vote
    /// "Yes": `2 × yes > yes + no`, which with two answers is `yes > no`;
    /// an equality is "no majority in favour" (a neighbourhood planning
    /// referendum and its business referendum).
    MoreThanHalfInFavour,
    /// First past the post (a parish poll on an appointment to an office).
    FirstPastThePost,
    /// No majority rule: the figures certified are the result (the votes
    /// for each answer, the papers counted, the rejected papers), the
    /// answer with more votes named as a figure and an equality reported
    /// as a tie, never decided (a referendum under the Referendums
    /// (Scotland) Act 2020, s.9(2)(b) and (4): what the result does is for
    /// the Act providing for the referendum).
    FiguresCertified,
}

/// What a local poll has beyond its [`Ruleset`]: each with its citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalPollRules {
    /// The ruleset it belongs to.
    pub id: RulesetId,
    /// The office (for a local poll, [`Office::LocalPoll`] of its kind).
    pub office: Office,
    /// The question's statutory form, with `[...]` where the names are
    /// filled in, or what the question is where the poll's own meeting
    /// words it.
    pub question: &'static str,
    /// Where the question's form is.
    pub question_citation: &'static str,
    /// The answers the ballot paper must offer, in order, if fixed by the
    /// instrument (`Yes`, `No`); `None` where the question's answers are the
    /// poll's own (a parish poll: two or more).
    pub answers: Option<&'static [&'static str]>,
    /// Who counts the votes and declares the result.
    pub counting_officer: &'static str,
    /// Where that is.
    pub counting_officer_citation: &'static str,
    /// How the result is found.
    pub result: ResultRule,
    /// Where the result rule is.
    pub result_citation: &'static str,
    /// What an equality of votes gives, in words.
    pub equality: &'static str,
    /// The declaration's words where the proposal is carried (or the
    /// answer is given), before any figure.
    pub declaration: &'static str,
    /// Where the declaration is prescribed.
    pub declaration_citation: &'static str,
    /// At a Yes/No referendum ([`ResultRule::MoreThanHalfInFavour`]): the
    /// result's words where the proposal is not carried (and Yes and No
    /// are not equal); empty for other polls.
    pub not_carried: &'static str,
    /// Whether the ballot paper offers exactly two answers of the poll's
    /// own (a governance referendum: the arrangements in place and the
    /// change proposed), where [`LocalPollRules::answers`] is `None`.
    pub two_answers: bool,
}

/// The answer in favour of the proposal at a Yes/No referendum.
pub const YES: &str = "Yes";
/// The answer against.
pub const NO: &str = "No";
const YES_NO: &[&str] = &[YES, NO];

/// The referendum heads (Parliamentary Voting System and Constituencies
/// Act 2011 Sch 2 r.42(4), read): the main table's own, word for word,
/// standing in for the neighbourhood planning rules' own (not read: see the
/// module's docs).
const REFERENDUM_HEADS: &[HeadSpec] = crate::REFERENDUM_HEADS;

/// The parish election heads (Local Elections (Parishes and Communities)
/// (England and Wales) Rules 2006 Sch 2 r.47): the main table's
/// `LOCAL_HEADS`, word for word, which the 1987 Rules apply with
/// adaptations (not read).
const PARISH_POLL_HEADS: &[HeadSpec] = crate::LOCAL_HEADS;

/// The parish polls' instrument.
const PARISH_1987: &str =
    "Parish and Community Meetings (Polls) Rules 1987 (SI 1987/1), Schedule (applying the Local Elections (Parishes and Communities) Rules with adaptations)";

/// A parish poll on a question: the answer with the most votes.
pub const PARISH_POLL_QUESTION_1987: Ruleset = Ruleset {
    id: RulesetId::ParishPollQuestion1987,
    code: "parish-poll-question-1987",
    name: "Parish poll on a question",
    instrument: PARISH_1987,
    form: BallotForm::Votes,
    heads: PARISH_POLL_HEADS,
    heads_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule, applying the Local Elections (Parishes and Communities) Rules, r.47",
    void_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule, applying the Local Elections (Parishes and Communities) Rules, r.47(1) (void papers) and the saving clause",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::Referendum,
    equality: EqualityRule::TieReported,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::NoSeats,
    deposit: None,
    scope: Scope {
        countries: &[Country::England],
        office: Office::LocalPoll(PollKind::ParishPollQuestion),
        from: date!(1987 - 02 - 16),
        until: None,
    },
};

/// A parish poll on an appointment to an office: first past the post.
pub const PARISH_POLL_ELECTION_1987: Ruleset = Ruleset {
    id: RulesetId::ParishPollElection1987,
    code: "parish-poll-election-1987",
    name: "Parish poll on an appointment to an office",
    instrument: PARISH_1987,
    form: BallotForm::Votes,
    heads: PARISH_POLL_HEADS,
    heads_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule, applying the Local Elections (Parishes and Communities) Rules, r.47",
    void_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule, applying the Local Elections (Parishes and Communities) Rules, r.47(1) (void papers), r.47(2) (rejected in part) and the saving clause",
    rejected_in_part: RejectedInPart::Shown,
    method: CountingMethod::FirstPastThePost,
    equality: EqualityRule::LotAtBoundary,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::AnyNumber,
    deposit: None,
    scope: Scope {
        countries: &[Country::England],
        office: Office::LocalPoll(PollKind::ParishPollElection),
        from: date!(1987 - 02 - 16),
        until: None,
    },
};

/// A neighbourhood planning referendum (the residents' referendum).
pub const NEIGHBOURHOOD_PLANNING_2012: Ruleset = Ruleset {
    id: RulesetId::NeighbourhoodPlanning2012,
    code: "neighbourhood-planning-2012",
    name: "Neighbourhood planning referendum",
    instrument: "Neighbourhood Planning (Referendums) Regulations 2012 (SI 2012/2031), Schedule 3 (the Neighbourhood Planning Referendums Rules) and Schedule 5 (combination of polls)",
    form: BallotForm::Votes,
    heads: REFERENDUM_HEADS,
    heads_citation: "Neighbourhood Planning (Referendums) Regulations 2012, Sch 3 Part 6 (counting of votes)",
    void_citation: "Neighbourhood Planning (Referendums) Regulations 2012, Sch 3 Part 6 (rejected ballot papers)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::Referendum,
    equality: EqualityRule::TieReported,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::NoSeats,
    deposit: None,
    scope: Scope {
        countries: &[Country::England],
        office: Office::LocalPoll(PollKind::NeighbourhoodPlanning),
        // Reg 1: in force the day after being made (2 August 2012).
        from: date!(2012 - 08 - 03),
        until: None,
    },
};

/// The business referendum held alongside in a business area.
pub const NEIGHBOURHOOD_PLANNING_BUSINESS_2013: Ruleset = Ruleset {
    id: RulesetId::NeighbourhoodPlanningBusiness2013,
    code: "neighbourhood-planning-business-2013",
    name: "Neighbourhood planning business referendum",
    instrument: "Neighbourhood Planning (Referendums) Regulations 2012 (SI 2012/2031), Schedule 7 (the Neighbourhood Planning Business Referendums Rules, inserted by SI 2013/798)",
    form: BallotForm::Votes,
    heads: REFERENDUM_HEADS,
    heads_citation: "Neighbourhood Planning (Referendums) Regulations 2012, Sch 7 (counting of votes)",
    void_citation: "Neighbourhood Planning (Referendums) Regulations 2012, Sch 7 (rejected ballot papers)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::Referendum,
    equality: EqualityRule::TieReported,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::NoSeats,
    deposit: None,
    scope: Scope {
        countries: &[Country::England],
        office: Office::LocalPoll(PollKind::NeighbourhoodPlanningBusiness),
        // Sch 7 inserted on 6 April 2013 (SI 2013/798 regs 1 and 7).
        from: date!(2013 - 04 - 06),
        until: None,
    },
};

/// A council tax referendum: Yes or No to the authority's increase. The
/// heads of its statement of rejected ballot papers were not read (see the
/// module's docs): none are listed, and rejected papers are recorded as one
/// total (`breakdown_not_given`), never under invented heads.
pub const COUNCIL_TAX_2012: Ruleset = Ruleset {
    id: RulesetId::CouncilTax2012,
    code: "council-tax-referendum-2012",
    name: "Council tax referendum",
    instrument: "Local Authorities (Conduct of Referendums) (Council Tax Increases) (England) Regulations 2012 (SI 2012/444), Schedule 3 (the Local Government Finance Act Referendums Rules)",
    form: BallotForm::Votes,
    heads: &[],
    heads_citation: "Local Authorities (Conduct of Referendums) (Council Tax Increases) (England) Regulations 2012, Sch 3 Part 6 (counting of votes)",
    void_citation: "Local Authorities (Conduct of Referendums) (Council Tax Increases) (England) Regulations 2012, Sch 3 Part 6 (rejected ballot papers)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::Referendum,
    equality: EqualityRule::TieReported,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::NoSeats,
    deposit: None,
    scope: Scope {
        countries: &[Country::England],
        office: Office::LocalPoll(PollKind::CouncilTax),
        // Reg 1: in force the day after being made (17 February 2012).
        from: date!(2012 - 02 - 18),
        until: None,
    },
};

/// A governance referendum: the arrangements in place or the change
/// proposed. Its heads were not read either: rejected papers as one total.
pub const GOVERNANCE_2012: Ruleset = Ruleset {
    id: RulesetId::Governance2012,
    code: "governance-referendum-2012",
    name: "Governance referendum",
    instrument: "Local Authorities (Conduct of Referendums) (England) Regulations 2012 (SI 2012/323), Schedule 3 (the Local Government Act Referendums Rules)",
    form: BallotForm::Votes,
    heads: &[],
    heads_citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, Sch 3 Part 6 (counting of votes)",
    void_citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, Sch 3 Part 6 (rejected ballot papers)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::Referendum,
    equality: EqualityRule::TieReported,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::NoSeats,
    deposit: None,
    scope: Scope {
        countries: &[Country::England],
        office: Office::LocalPoll(PollKind::Governance),
        // Reg 1: in force the day after being made (8 February 2012).
        from: date!(2012 - 02 - 09),
        until: None,
    },
};

const NP_RESULT: &str = "Planning and Compulsory Purchase Act 2004 s.38A(4)(a) (the plan made if more than half of those voting have voted in favour); Neighbourhood Planning (Referendums) Regulations 2012 Sch 3 r.41 (an equality of votes: no majority in favour of the making of the plan or order)";

/// The local polls' rules beyond the main table, one per ruleset.
pub static TABLE: &[LocalPollRules] = &[
    LocalPollRules {
        id: RulesetId::ParishPollQuestion1987,
        office: Office::LocalPoll(PollKind::ParishPollQuestion),
        question: "the question arising at the parish meeting on which the poll was demanded, with its answers as the meeting put them (two or more); the voter votes for one answer",
        question_citation: "Local Government Act 1972 Sch 12 para 18(4) (a poll on any question arising at the meeting); Parish and Community Meetings (Polls) Rules 1987, Schedule",
        answers: None,
        counting_officer: "the returning officer",
        counting_officer_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule r.27 (the returning officer counts the votes)",
        result: ResultRule::MostVotes,
        result_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule (the count and declaration, applying the parish election rules)",
        equality: "an equality of votes between the answers with the most votes is reported as an exact tie; no rule gives a lot on a question",
        declaration: "The returning officer declares the number of votes given for each answer to the question.",
        declaration_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule, applying the parish election rules' declaration of result",
        not_carried: "",
        two_answers: false,
    },
    LocalPollRules {
        id: RulesetId::ParishPollElection1987,
        office: Office::LocalPoll(PollKind::ParishPollElection),
        question: "the appointment to the office on which the poll was demanded; the voter votes for as many candidates as there are appointments",
        question_citation: "Local Government Act 1972 Sch 12 para 18; Parish and Community Meetings (Polls) Rules 1987, Schedule",
        answers: None,
        counting_officer: "the returning officer",
        counting_officer_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule r.27 (the returning officer counts the votes)",
        result: ResultRule::FirstPastThePost,
        result_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule, applying the Local Elections (Parishes and Communities) Rules r.15 (the candidates with the most votes)",
        equality: "an equality of votes at the last place is decided by lot, as at a parish election (the parish election rules' r.49, applied)",
        declaration: "The returning officer declares the candidate or candidates with the most votes appointed.",
        declaration_citation: "Parish and Community Meetings (Polls) Rules 1987, Schedule, applying the parish election rules' declaration of result",
        not_carried: "",
        two_answers: false,
    },
    LocalPollRules {
        id: RulesetId::NeighbourhoodPlanning2012,
        office: Office::LocalPoll(PollKind::NeighbourhoodPlanning),
        question: "Do you want [name of local planning authority] to use the neighbourhood plan for [name of neighbourhood area] to help it decide planning applications in the neighbourhood area?",
        question_citation: "Neighbourhood Planning (Referendums) Regulations 2012, reg 3 and Sch 1 para 1",
        answers: Some(YES_NO),
        counting_officer: "the counting officer",
        counting_officer_citation: "Neighbourhood Planning (Referendums) Regulations 2012, reg 9",
        result: ResultRule::MoreThanHalfInFavour,
        result_citation: NP_RESULT,
        equality: "there is no majority in favour of the making of the plan or order (Neighbourhood Planning (Referendums) Regulations 2012, Sch 3 r.41)",
        declaration: "More than half of those voting have voted in favour of the neighbourhood plan.",
        declaration_citation: "Neighbourhood Planning (Referendums) Regulations 2012, Sch 3 Part 7 (declaration of result) and Sch 5 r.42(2): the result, the number of ballot papers counted, the total number of votes cast for each answer and the rejected ballot papers under each head",

        not_carried: NP_NOT_CARRIED,
        two_answers: false,
    },
    LocalPollRules {
        id: RulesetId::NeighbourhoodPlanningBusiness2013,
        office: Office::LocalPoll(PollKind::NeighbourhoodPlanningBusiness),
        question: "Do you want [name of local planning authority] to use the neighbourhood plan for [name of neighbourhood area] to help it decide planning applications in the neighbourhood area?",
        question_citation: "Neighbourhood Planning (Referendums) Regulations 2012, reg 3 and Sch 1 (the same question at the business referendum, Town and Country Planning Act 1990 Sch 4B para 15)",
        answers: Some(YES_NO),
        counting_officer: "the counting officer",
        counting_officer_citation: "Neighbourhood Planning (Referendums) Regulations 2012, reg 9 and Sch 7",
        result: ResultRule::MoreThanHalfInFavour,
        result_citation: NP_RESULT,
        equality: "there is no majority in favour of the making of the plan or order (the business referendum rules, Sch 7, taken to provide as Sch 3 r.41 does for the residents' referendum)",
        declaration: "More than half of those voting have voted in favour of the neighbourhood plan.",
        declaration_citation: "Neighbourhood Planning (Referendums) Regulations 2012, Sch 7 r.69(2) (declare the result of the business referendum, the number of ballot papers counted, the total number of votes cast for each answer and the rejected ballot papers under each head)",
        not_carried: NP_NOT_CARRIED,
        two_answers: false,
    },
    LocalPollRules {
        id: RulesetId::CouncilTax2012,
        office: Office::LocalPoll(PollKind::CouncilTax),
        question: "Do you want [name of the authority] to increase the amount it charges by [the percentage increase, to one decimal place]?",
        question_citation: "Local Authorities (Conduct of Referendums) (Council Tax Increases) (England) Regulations 2012, reg 3 and Sch 1 (as substituted by SI 2013/409 reg 2)",
        answers: Some(YES_NO),
        counting_officer: "the counting officer",
        counting_officer_citation: "Local Authorities (Conduct of Referendums) (Council Tax Increases) (England) Regulations 2012, Sch 3 r.41 (the counting officer's final statement and declaration, when authorised by the Chief Counting Officer)",
        result: ResultRule::MoreThanHalfInFavour,
        result_citation: "Local Authorities (Conduct of Referendums) (Council Tax Increases) (England) Regulations 2012, reg 22(2)(a) and (6)(a): the increase approved, or not approved, by a majority of persons voting in the referendum",
        equality: "the increase is not approved by a majority of persons voting in the referendum",
        declaration: "The increase is approved by a majority of persons voting in the referendum.",
        declaration_citation: "Local Authorities (Conduct of Referendums) (Council Tax Increases) (England) Regulations 2012, Sch 3 r.41(3) (the counting officer's declaration of the final statement, with the rejected ballot papers) and r.41(4) (the Chief Counting Officer's declaration of the totals of every referendum on the authority's council tax)",
        not_carried: "The increase is not approved by a majority of persons voting in the referendum.",
        two_answers: false,
    },
    LocalPollRules {
        id: RulesetId::Governance2012,
        office: Office::LocalPoll(PollKind::Governance),
        question: "How would you like [name of local authority] to be run? Two answers, in the words of the paragraph of Sch 1 for the change proposed, the arrangements in place first (para 1: \"By a leader who is an elected councillor chosen by a vote of the other elected councillors. This is how the council is run now.\" or \"By a mayor who is elected by voters. This would be a change from how the council is run now.\")",
        question_citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 paras 1-6",
        answers: None,
        counting_officer: "the counting officer",
        counting_officer_citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 9",
        result: ResultRule::MostVotes,
        result_citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 14 (result of the referendum): the answer with more votes",
        equality: "an equality of votes between the two answers is reported as an exact tie, never decided by lot",
        declaration: "The counting officer declares the number of votes given for each answer to the question.",
        declaration_citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, Sch 3 (the Local Government Act Referendums Rules)",
        not_carried: "",
        two_answers: true,
    },
];

/// One of the six questions of a governance referendum (Local
/// Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3
/// and Sch 1, read as made, 9 February 2012, and as at 4 April 2014, the
/// same words): "How would you like [insert name of local authority] to be
/// run?", with two answers, the arrangements in place ("This is how the
/// council is run now.") then the change proposed ("This would be a change
/// from how the council is run now."), in the words of the paragraph for
/// that change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GovernanceQuestion {
    /// The paragraph of Sch 1 (1 to 6).
    pub paragraph: u8,
    /// The first answer: the arrangements in place.
    pub in_place: Answer,
    /// The second answer: the change proposed.
    pub change: Answer,
    /// Where the question and its answers are.
    pub citation: &'static str,
}

/// The six questions of SI 2012/323 Sch 1, in the Schedule's order. The
/// answers' words are the Schedule's; their columns in local totals
/// (`Leader`, `Committees`, `Mayor`, after the arrangement each answer
/// names) are countroom's headings: no published heading for these answers
/// was read.
pub static GOVERNANCE_QUESTIONS: [GovernanceQuestion; 6] = [
    GovernanceQuestion {
        paragraph: 1,
        in_place: Answer {
            text: "By a leader who is an elected councillor chosen by a vote of the other elected councillors. This is how the council is run now.",
            column: "Leader",
            welsh: None,
        },
        change: Answer {
            text: "By a mayor who is elected by voters. This would be a change from how the council is run now.",
            column: "Mayor",
            welsh: None,
        },
        citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 para 1",
    },
    GovernanceQuestion {
        paragraph: 2,
        in_place: Answer {
            text: "By one or more committees made up of elected councillors. This is how the council is run now.",
            column: "Committees",
            welsh: None,
        },
        change: Answer {
            text: "By a mayor who is elected by voters. This would be a change from how the council is run now.",
            column: "Mayor",
            welsh: None,
        },
        citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 para 2",
    },
    GovernanceQuestion {
        paragraph: 3,
        in_place: Answer {
            text: "By a mayor who is elected by voters. This is how the council is run now.",
            column: "Mayor",
            welsh: None,
        },
        change: Answer {
            text: "By a leader who is an elected councillor chosen by a vote of the other elected councillors. This would be a change from how the council is run now.",
            column: "Leader",
            welsh: None,
        },
        citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 para 3",
    },
    GovernanceQuestion {
        paragraph: 4,
        in_place: Answer {
            text: "By one or more committees made up of elected councillors. This is how the council is run now.",
            column: "Committees",
            welsh: None,
        },
        change: Answer {
            text: "By a leader who is an elected councillor chosen by a vote of the other elected councillors. This would be a change from how the council is run now.",
            column: "Leader",
            welsh: None,
        },
        citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 para 4",
    },
    GovernanceQuestion {
        paragraph: 5,
        in_place: Answer {
            text: "By a mayor who is elected by voters. This is how the council is run now.",
            column: "Mayor",
            welsh: None,
        },
        change: Answer {
            text: "By one or more committees made up of elected councillors. This would be a change from how the council is run now.",
            column: "Committees",
            welsh: None,
        },
        citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 para 5",
    },
    GovernanceQuestion {
        paragraph: 6,
        in_place: Answer {
            text: "By a leader who is an elected councillor chosen by a vote of the other elected councillors. This is how the council is run now.",
            column: "Leader",
            welsh: None,
        },
        change: Answer {
            text: "By one or more committees made up of elected councillors. This would be a change from how the council is run now.",
            column: "Committees",
            welsh: None,
        },
        citation: "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 para 6",
    },
];

/// The paragraph of SI 2012/323 Sch 1 whose two answers are `first` and
/// `second`, in that order (the arrangements in place first), if any.
#[must_use]
pub fn governance_question(first: &str, second: &str) -> Option<&'static GovernanceQuestion> {
    GOVERNANCE_QUESTIONS
        .iter()
        .find(|q| q.in_place.text == first && q.change.text == second)
}

/// The question of paragraph `paragraph` of SI 2012/323 Sch 1, if there is
/// one (1 to 6).
#[must_use]
pub fn governance_paragraph(paragraph: u8) -> Option<&'static GovernanceQuestion> {
    GOVERNANCE_QUESTIONS
        .iter()
        .find(|q| q.paragraph == paragraph)
}

const NP_NOT_CARRIED: &str =
    "Not more than half of those voting have voted in favour of the neighbourhood plan.";

/// The local poll rules of ruleset `id`, if it is a local poll's.
#[must_use]
pub fn rules(id: RulesetId) -> Option<&'static LocalPollRules> {
    TABLE
        .iter()
        .chain(std::iter::once(&crate::scottish_referendums::RULES))
        .find(|r| r.id == id)
}

/// The local polls countroom counts, with the first poll date of each, for
/// the message of a poll no ruleset governs.
pub const KINDS: &str = "the local polls countroom counts (office codes): parish_poll_question and parish_poll_election in England from 16 February 1987 (SI 1987/1), neighbourhood_planning_referendum in England from 3 August 2012 (SI 2012/2031), business_referendum in England from 6 April 2013 (SI 2013/798), council_tax_referendum in England from 18 February 2012 (SI 2012/444), governance_referendum in England from 9 February 2012 (SI 2012/323)";

/// Why no ruleset governs a local poll of `office` in `country` on
/// `poll_date` (after [`crate::ALL`] has none): the kinds that exist and
/// their dates. `None` for other offices.
#[must_use]
pub fn no_ruleset_reason(
    office: Office,
    _country: Country,
    _poll_date: Date,
) -> Option<&'static str> {
    match office {
        Office::LocalPoll(_) => Some(KINDS),
        _ => None,
    }
}

/// Whether a Yes/No proposal is carried: more than half of those voting
/// (the valid votes, `yes + no`) voted Yes. Exact: `2 × yes > yes + no` in
/// 128-bit integers, which is `yes > no`; exactly half is not more than
/// half, and an equality is no majority in favour (Sch 3 r.41).
#[must_use]
pub fn more_than_half_in_favour(yes: u64, no: u64) -> bool {
    2 * u128::from(yes) > u128::from(yes) + u128::from(no)
}

/// What the two referendums on a neighbourhood plan in a business area give
/// together (Planning and Compulsory Purchase Act 2004 s.38A(4)-(5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CombinedResult {
    /// Both in favour: the local planning authority must make the plan
    /// (s.38A(4)(a)).
    MustBeMade,
    /// Only one in favour: the authority may make the plan but need not
    /// (s.38A(5)). A decision the law gives the authority: recorded as
    /// data on the documents, never taken by countroom.
    AuthorityDecides {
        /// Whether the residents' referendum was the one in favour (else
        /// the business referendum was).
        residents_in_favour: bool,
    },
    /// Neither in favour: no duty to make the plan arises.
    NotMade,
}

impl CombinedResult {
    /// The combined result of the residents' and the business referendum.
    #[must_use]
    pub const fn of(residents_in_favour: bool, business_in_favour: bool) -> Self {
        match (residents_in_favour, business_in_favour) {
            (true, true) => CombinedResult::MustBeMade,
            (false, false) => CombinedResult::NotMade,
            (r, _) => CombinedResult::AuthorityDecides {
                residents_in_favour: r,
            },
        }
    }

    /// The stable code in JSON: `must_be_made`, `authority_decides`,
    /// `not_made`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            CombinedResult::MustBeMade => "must_be_made",
            CombinedResult::AuthorityDecides { .. } => "authority_decides",
            CombinedResult::NotMade => "not_made",
        }
    }

    /// The sentence on the documents.
    #[must_use]
    pub const fn statement(self) -> &'static str {
        match self {
            CombinedResult::MustBeMade => "More than half of those voting in each referendum have voted in favour of the plan: the local planning authority must make the plan (Planning and Compulsory Purchase Act 2004 s.38A(4)(a)).",
            CombinedResult::AuthorityDecides { residents_in_favour: true } => "More than half of those voting in the residents' referendum, but not in the business referendum, have voted in favour of the plan: the local planning authority may make the plan but need not (Planning and Compulsory Purchase Act 2004 s.38A(5)); that decision is the authority's, and countroom does not take it.",
            CombinedResult::AuthorityDecides { residents_in_favour: false } => "More than half of those voting in the business referendum, but not in the residents' referendum, have voted in favour of the plan: the local planning authority may make the plan but need not (Planning and Compulsory Purchase Act 2004 s.38A(5)); that decision is the authority's, and countroom does not take it.",
            CombinedResult::NotMade => "In neither referendum have more than half of those voting voted in favour of the plan: no duty to make the plan arises (Planning and Compulsory Purchase Act 2004 s.38A(4)).",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ruleset as by_id, select, NoRuleset};

    /// A neighbourhood plan passes with more than half of those voting in
    /// favour (PCPA 2004 s.38A(4)(a)); exactly half is an equality, "no
    /// majority in favour" (SI 2012/2031 Sch 3 r.41). Hand-worked.
    #[test]
    fn more_than_half_of_those_voting() {
        let table: &[(u64, u64, bool)] = &[
            // 301 of 600 is more than half.
            (301, 299, true),
            // 300 of 600 is exactly half: not a pass.
            (300, 300, false),
            (299, 301, false),
            // Published: Barnwell 2022, Yes 49, No 13 (North
            // Northamptonshire Council's declaration): passed.
            (49, 13, true),
            (1, 0, true),
            (0, 0, false),
            (u64::MAX, u64::MAX - 1, true),
            (u64::MAX, u64::MAX, false),
        ];
        for &(yes, no, passed) in table {
            assert_eq!(more_than_half_in_favour(yes, no), passed, "{yes} v {no}");
        }
    }

    /// PCPA 2004 s.38A(4)-(5): both, neither, one of two.
    #[test]
    fn combined_result_rule() {
        assert_eq!(CombinedResult::of(true, true), CombinedResult::MustBeMade);
        assert_eq!(CombinedResult::of(false, false), CombinedResult::NotMade);
        assert_eq!(
            CombinedResult::of(true, false),
            CombinedResult::AuthorityDecides {
                residents_in_favour: true
            }
        );
        assert_eq!(CombinedResult::of(false, true).code(), "authority_decides");
        assert!(CombinedResult::of(false, true)
            .statement()
            .contains("countroom does not take it"));
    }

    /// Each side of each commencement date (SI 2012/2031 reg 1: made 2
    /// August 2012, in force the next day; Sch 7 inserted 6 April 2013;
    /// the 1987 Rules taken as from 16 February 1987).
    #[test]
    fn selection_on_each_side_of_commencement() {
        let lp = Office::LocalPoll;
        let table: &[(PollKind, Date, Option<RulesetId>)] = &[
            (PollKind::NeighbourhoodPlanning, date!(2012 - 08 - 02), None),
            (
                PollKind::NeighbourhoodPlanning,
                date!(2012 - 08 - 03),
                Some(RulesetId::NeighbourhoodPlanning2012),
            ),
            (
                PollKind::NeighbourhoodPlanningBusiness,
                date!(2013 - 04 - 05),
                None,
            ),
            (
                PollKind::NeighbourhoodPlanningBusiness,
                date!(2013 - 04 - 06),
                Some(RulesetId::NeighbourhoodPlanningBusiness2013),
            ),
            (PollKind::ParishPollQuestion, date!(1987 - 02 - 15), None),
            (
                PollKind::ParishPollQuestion,
                date!(1987 - 02 - 16),
                Some(RulesetId::ParishPollQuestion1987),
            ),
            (
                PollKind::ParishPollElection,
                date!(2026 - 09 - 10),
                Some(RulesetId::ParishPollElection1987),
            ),
            // SI 2012/444 reg 1: made 17 February 2012, in force the next
            // day.
            (PollKind::CouncilTax, date!(2012 - 02 - 17), None),
            (
                PollKind::CouncilTax,
                date!(2012 - 02 - 18),
                Some(RulesetId::CouncilTax2012),
            ),
            (
                PollKind::CouncilTax,
                date!(2015 - 05 - 07),
                Some(RulesetId::CouncilTax2012),
            ),
            // SI 2012/323 reg 1: made 8 February 2012, in force the next
            // day.
            (PollKind::Governance, date!(2012 - 02 - 08), None),
            (
                PollKind::Governance,
                date!(2012 - 02 - 09),
                Some(RulesetId::Governance2012),
            ),
            (
                PollKind::Governance,
                date!(2026 - 05 - 07),
                Some(RulesetId::Governance2012),
            ),
        ];
        for &(kind, day, want) in table {
            let got = select(Country::England, lp(kind), day).ok();
            assert_eq!(got, want, "{kind:?} on {day}");
        }
        // Wales, Scotland and Northern Ireland have no such rulesets.
        for country in [Country::Wales, Country::Scotland, Country::NorthernIreland] {
            assert!(select(
                country,
                lp(PollKind::NeighbourhoodPlanning),
                date!(2026 - 05 - 07)
            )
            .is_err());
        }
    }

    #[test]
    fn refusals_list_the_kinds_that_exist() {
        let e: NoRuleset = select(
            Country::England,
            Office::LocalPoll(PollKind::NeighbourhoodPlanning),
            date!(2012 - 08 - 02),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("neighbourhood_planning_referendum in England from 3 August 2012"),
            "{msg}"
        );
        assert!(msg.contains("parish_poll_question"), "{msg}");
        let e = select(
            Country::England,
            Office::LocalPoll(PollKind::CouncilTax),
            date!(2012 - 02 - 17),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("council_tax_referendum in England from 18 February 2012 (SI 2012/444)"),
            "{e}"
        );
    }

    /// SI 2012/444 reg 22(2)(a) and (6)(a): the increase is approved, or
    /// not approved, "by a majority of persons voting in the referendum";
    /// a majority is more than half, so an equality is not approved.
    /// Hand-worked, and the only council tax referendum held: Bedfordshire's
    /// police and crime commissioner, 7 May 2015, Yes 91,086, No 207,551
    /// (as published, LGC and Public Sector Executive, May 2015): not
    /// approved.
    #[test]
    fn council_tax_increase_approved_by_a_majority() {
        let r = rules(RulesetId::CouncilTax2012).unwrap();
        assert_eq!(r.result, ResultRule::MoreThanHalfInFavour);
        assert_eq!(r.answers, Some(YES_NO));
        let table: &[(u64, u64, bool)] = &[
            (91_086, 207_551, false),
            (501, 500, true),
            (500, 500, false),
            (0, 1, false),
        ];
        for &(yes, no, approved) in table {
            assert_eq!(more_than_half_in_favour(yes, no), approved, "{yes} v {no}");
        }
        assert!(r.result_citation.contains("reg 22(2)(a) and (6)(a)"));
        assert!(r.not_carried.contains("not approved by a majority"));
        // No heads read: rejected papers as one total.
        assert!(by_id(RulesetId::CouncilTax2012).heads.is_empty());
        assert!(by_id(RulesetId::Governance2012).heads.is_empty());
    }

    /// SI 2012/323 reg 3 and Sch 1: "How would you like [authority] to be
    /// run?" with two answers of the poll's own (the arrangements in place,
    /// then the change), the answer with more votes.
    #[test]
    fn governance_referendum_has_two_answers_of_its_own() {
        let r = rules(RulesetId::Governance2012).unwrap();
        assert_eq!((r.answers, r.two_answers), (None, true));
        assert_eq!(r.result, ResultRule::MostVotes);
        assert!(r
            .question
            .starts_with("How would you like [name of local authority] to be run?"));
        assert_eq!(
            r.counting_officer_citation,
            "Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 9"
        );
    }

    #[test]
    fn table_agrees_with_the_main_table() {
        for r in TABLE {
            let main = by_id(r.id);
            assert_eq!(main.id, r.id);
            assert_eq!(main.scope.office, r.office);
            assert!(crate::ALL.contains(main));
            if r.office.is_question() {
                assert_eq!(main.seats, SeatRule::NoSeats);
                assert_eq!(main.method, CountingMethod::Referendum);
            }
        }
        assert_eq!(
            rules(RulesetId::NeighbourhoodPlanning2012).map(|r| r.answers),
            Some(Some(YES_NO))
        );
        assert!(rules(RulesetId::UkParliamentary).is_none());
    }

    proptest::proptest! {
        /// The first answer of any paragraph of SI 2012/323 Sch 1 with the
        /// second answer of any paragraph is a question of the Schedule
        /// exactly when some paragraph has those two answers in that order
        /// (paras 1 and 2 share their change, a mayor; the six pairs are
        /// all different, so the paragraph found is the one); the reverse
        /// order never is (an arrangement in place is never its own
        /// change).
        #[test]
        fn a_governance_question_is_one_paragraphs_pair(i in 0usize..6, j in 0usize..6) {
            let (a, b) = (&GOVERNANCE_QUESTIONS[i], &GOVERNANCE_QUESTIONS[j]);
            let q = governance_question(a.in_place.text, b.change.text);
            let pair = |q: &GovernanceQuestion| {
                q.in_place.text == a.in_place.text && q.change.text == b.change.text
            };
            proptest::prop_assert_eq!(q.is_some(), GOVERNANCE_QUESTIONS.iter().any(pair));
            proptest::prop_assert_eq!(GOVERNANCE_QUESTIONS.iter().filter(|q| pair(q)).count() <= 1, true);
            if let Some(q) = q {
                proptest::prop_assert!(pair(q));
            }
            if i == j {
                proptest::prop_assert_eq!(q, Some(a));
            }
            proptest::prop_assert!(governance_question(a.change.text, b.in_place.text).is_none());
            proptest::prop_assert_eq!(governance_paragraph(a.paragraph), Some(a));
        }
    }
}
