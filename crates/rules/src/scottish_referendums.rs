//! Referendums held throughout Scotland under the Referendums (Scotland) Act
//! 2020 (asp 2), as data.
//!
//! # Chosen explicitly
//!
//! A referendum under the 2020 Act is held "throughout Scotland in
//! pursuance of provision made by or under an Act of the Scottish
//! Parliament" (s.1(1)) and conducted under the Act's own conduct rules
//! (s.12, Sch 2), not under the Political Parties, Elections and
//! Referendums Act 2000 Part 7. By country, office and date it looks
//! exactly like Scotland's share of a UK referendum, which `uk-referendum`
//! governs. So it is never inferred: a contest says so with its own office
//! code, `scottish_referendum` ([`Office::ScottishReferendum`]), and
//! [`crate::select`] gives [`SCOTTISH_REFERENDUM_2020`] only for that
//! office. An office code (rather than a new field on `contest_defined`)
//! is the smallest selector: every contest already names its office, the
//! office is what [`crate::select`] reads, and a log without the new code
//! replays exactly as before. A `referendum` contest in Scotland is still
//! `uk-referendum` (the 2014 independence referendum, under its own Act of
//! 2013, stays refused: [`crate::REFUSED`]).
//!
//! Refused, with the reason ([`no_ruleset_reason`]): a `scottish_referendum`
//! outside Scotland (s.1(1): "throughout Scotland"), and one polled before
//! the Act was in force.
//!
//! # What was read (legislation.gov.uk, asp/2020/2, and its explanatory notes)
//!
//! - s.1(1)-(2): the Act applies to any referendum held throughout Scotland
//!   in pursuance of provision made by or under an Act of the Scottish
//!   Parliament, on one or more questions specified in or in accordance
//!   with that provision; "question" includes proposition and "answer"
//!   response. So the question and its answers are set by the providing
//!   Act, not by the 2020 Act: they are the poll's own
//!   ([`crate::referendums::NoAnswers::PollsOwn`]).
//! - s.7(1)-(2): the Scottish Ministers appoint a Chief Counting Officer for
//!   the referendum (the convener of the Electoral Management Board for
//!   Scotland, unless s.7(3) applies).
//! - s.9(1)-(4): the Chief Counting Officer is responsible for the proper
//!   and effective conduct of the referendum, including the counting of
//!   votes; each counting officer conducts the poll and the count in the
//!   local government area for which the officer is appointed and certifies
//!   (i) the number of ballot papers counted, (ii) the number of votes cast
//!   in the area in favour of each answer and (iii) the number of rejected
//!   ballot papers (s.9(2)(b)), after consulting the Chief Counting Officer
//!   and only when authorised by that officer (s.9(3)); the Chief Counting
//!   Officer certifies the same totals for the whole of Scotland (s.9(4)).
//! - Sch 2 r.30 (the count: each ballot box opened and counted, each ballot
//!   paper account verified, the verification statement; postal papers
//!   duly returned).
//! - Sch 2 r.35(1)-(2) (declaration of result): after certifying, the
//!   counting officer gives the Chief Counting Officer notice of the matters
//!   certified, the verification statements (r.30) and the number of
//!   rejected ballot papers "under each head shown in the statement of
//!   rejected ballot papers prepared under rule 31"; when authorised by the
//!   Chief Counting Officer, the counting officer declares the matters
//!   certified under s.9(2)(b) and gives public notice of them.
//! - Sch 2 r.34 (re-counts): the counting officer may have the votes
//!   re-counted (or again re-counted) where the officer considers it
//!   appropriate, and the Chief Counting Officer may require it (read in
//!   the version valid from 24 March 2022, the Act's latest point in time;
//!   what changed on that day was not read). countroom's re-counts are the
//!   count log's runs, each recorded with who asked for it.
//! - Commencement: the Act received Royal Assent on 29 January 2020 (its
//!   enacted text); legislation.gov.uk's point-in-time views of the Act
//!   (its body, its cross-heading "Conduct" and its schedules) begin on
//!   30 January 2020, the first date of each provision's timeline being the
//!   date it came into force. So polls from 30 January 2020 are governed.
//!   Doubt (not printed): the commencement section itself (s.42, "42
//!   sections", explanatory notes para 6) was not read (searched: the Act's
//!   title with "Commencement", "section 42", "comes into force on the day
//!   after Royal Assent"); no referendum has been held under the Act, so no
//!   count turns on the exact day.
//!
//! # What was not read, and what countroom does instead
//!
//! - Sch 2 r.31, the rejected ballot papers rule: its heads and their words
//!   (searched, December 2026, the `pages` corpus: "Referendums (Scotland)
//!   Act 2020 schedule 2 rejected ballot papers", "rule 31 ... statement
//!   showing the number of ballot papers rejected under each of the
//!   following heads", "does not bear the official mark ... more than one
//!   answer", the cross-heading and paragraph addresses of asp/2020/2
//!   Sch 2; only r.29, r.30, r.35 and Sch 1 r.31, a different rule, came
//!   back, and the explanatory notes' summary of Sch 2 was stored only to
//!   r.9; searched again with "asp/2020/2/schedule/2/paragraph/31" and
//!   "decisions on ballot papers re-count ... rule 32 33 34": r.30 and r.34
//!   came back, and the Electoral Management Board's page for its guidance
//!   to counting officers under the Act (summer 2023), without the
//!   guidance's text). The 2013 Act's (Scottish Independence Referendum Act 2013)
//!   rules are not the 2020 Act's and are not used in their place. So the
//!   ruleset lists no heads: rejected papers are recorded as one total
//!   (`breakdown_not_given`, shown as such, never under invented heads),
//!   and papers are not adjudicated one by one (countroom-adjudicate
//!   refuses a ruleset without heads).
//! - A majority rule: the Act states none (it certifies figures, s.9(2)(b)
//!   and (4)); what the result does is for the Act providing for the
//!   referendum. So the result is reported as data: the votes for each
//!   answer as certified ([`crate::local_polls::ResultRule::FiguresCertified`]),
//!   the answer with more votes named as a figure and an equality as an
//!   exact tie, never decided by lot (no rule giving a lot was read).
//! - The Chief Counting Officer's own declaration for the whole of
//!   Scotland (the rule after r.35(2) was not read in the 2020 Act): the
//!   documents cite s.9(4) for the totals, and nothing more.

use countroom_model::{Country, Date, Office, RulesetId};
use time::macros::date;

use crate::local_polls::{LocalPollRules, ResultRule};
use crate::{
    BallotForm, CountingMethod, EqualityRule, RejectedInPart, Ruleset, Scope, SeatRule,
    SeatTermRule,
};

/// The first poll date governed: 30 January 2020 (see the module's docs).
pub const IN_FORCE: Date = date!(2020 - 01 - 30);

/// A referendum throughout Scotland under the 2020 Act.
pub const SCOTTISH_REFERENDUM_2020: Ruleset = Ruleset {
    id: RulesetId::ScottishReferendum2020,
    code: "scotland-referendum-2020",
    name: "Referendum throughout Scotland under the Referendums (Scotland) Act 2020",
    instrument: "Referendums (Scotland) Act 2020 (asp 2), ss.7-9 (the Chief Counting Officer and counting officers) and Sch 2 (conduct rules)",
    form: BallotForm::Votes,
    heads: &[],
    heads_citation: "Referendums (Scotland) Act 2020, Sch 2 r.31 (the statement of rejected ballot papers, named by r.35(1)(c))",
    void_citation: "Referendums (Scotland) Act 2020, Sch 2 r.31 (rejected ballot papers)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::Referendum,
    equality: EqualityRule::TieReported,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::NoSeats,
    deposit: None,
    scope: Scope {
        countries: &[Country::Scotland],
        office: Office::ScottishReferendum,
        from: IN_FORCE,
        until: None,
    },
};

/// What the referendum has beyond its [`Ruleset`]: the counting officer,
/// the declaration and the result rule, each cited.
pub const RULES: LocalPollRules = LocalPollRules {
    id: RulesetId::ScottishReferendum2020,
    office: Office::ScottishReferendum,
    question: "the question or questions specified in or in accordance with the Act of the Scottish Parliament providing for the referendum, with the answers (or responses) that Act gives",
    question_citation: "Referendums (Scotland) Act 2020, s.1(1)-(2)",
    answers: None,
    counting_officer: "the counting officer for the local government area, under the Chief Counting Officer",
    counting_officer_citation: "Referendums (Scotland) Act 2020, s.9(2)-(3) (each counting officer counts the votes cast in the local government area for which the officer is appointed and certifies the figures when authorised by the Chief Counting Officer) and s.7 (the Chief Counting Officer)",
    result: ResultRule::FiguresCertified,
    result_citation: "Referendums (Scotland) Act 2020, s.9(2)(b) (the counting officer certifies the ballot papers counted, the votes cast in favour of each answer and the rejected ballot papers) and s.9(4) (the Chief Counting Officer certifies the totals for the whole of Scotland); the Act states no majority rule",
    equality: "an equality of votes between answers is reported as the figures certified, never decided by lot",
    declaration: "When authorised by the Chief Counting Officer, the counting officer declares the matters certified: the number of ballot papers counted, the number of votes cast in favour of each answer and the number of rejected ballot papers.",
    declaration_citation: "Referendums (Scotland) Act 2020, Sch 2 r.35(2)(a) (a declaration of the matters certified under s.9(2)(b), when authorised by the Chief Counting Officer)",
    not_carried: "",
    two_answers: false,
};

/// Why no ruleset governs a poll of `office` in `country` on `poll_date`
/// (after [`crate::ALL`] has none): for `scottish_referendum`, outside
/// Scotland or before the Act was in force. `None` for other offices.
#[must_use]
pub fn no_ruleset_reason(
    office: Office,
    country: Country,
    poll_date: Date,
) -> Option<&'static str> {
    if office != Office::ScottishReferendum {
        return None;
    }
    if country != Country::Scotland {
        return Some(NOT_IN_SCOTLAND);
    }
    (poll_date < IN_FORCE).then_some(BEFORE_THE_ACT)
}

/// A `scottish_referendum` outside Scotland.
pub const NOT_IN_SCOTLAND: &str = "a referendum under the Referendums (Scotland) Act 2020 is held throughout Scotland (s.1(1)); a poll in another country is not one (a referendum under the Political Parties, Elections and Referendums Act 2000 Part 7 has the office code `referendum`)";

/// A `scottish_referendum` before the Act.
pub const BEFORE_THE_ACT: &str = "the Referendums (Scotland) Act 2020 (asp 2) governs polls from 30 January 2020 (Royal Assent 29 January 2020); an earlier referendum in Scotland was not held under it, and countroom does not count it under other rules";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referendums::{answers, NoAnswers};
    use crate::{by_code, local_polls, ruleset, select, NoRuleset, RejectionHead};

    /// Chosen only when asked: `scottish_referendum` in Scotland from 30
    /// January 2020 (the Act's point-in-time base, Royal Assent 29 January
    /// 2020); refused the day before, and outside Scotland (s.1(1)
    /// "throughout Scotland"); a `referendum` in Scotland on the same day
    /// is still Scotland's share of a UK referendum (`uk-referendum`).
    #[test]
    fn selected_only_when_asked() {
        let s = Office::ScottishReferendum;
        let d = date!(2027 - 10 - 19);
        assert_eq!(
            select(Country::Scotland, s, d),
            Ok(RulesetId::ScottishReferendum2020)
        );
        assert_eq!(
            select(Country::Scotland, s, date!(2020 - 01 - 30)),
            Ok(RulesetId::ScottishReferendum2020)
        );
        let before: NoRuleset = select(Country::Scotland, s, date!(2020 - 01 - 29)).unwrap_err();
        assert_eq!(before.reason, Some(BEFORE_THE_ACT));
        assert!(
            before.to_string().contains("from 30 January 2020"),
            "{before}"
        );
        for country in [Country::England, Country::Wales, Country::NorthernIreland] {
            let e = select(country, s, d).unwrap_err();
            assert_eq!(e.reason, Some(NOT_IN_SCOTLAND), "{country:?}");
            assert!(e.to_string().contains("throughout Scotland (s.1(1))"));
        }
        // The ordinary referendum office is untouched in Scotland.
        assert_eq!(
            select(Country::Scotland, Office::Referendum, d),
            Ok(RulesetId::UkReferendum)
        );
        // The 2014 independence referendum stays refused under either code
        // (before the 2020 Act; under its own Act of 2013).
        assert!(select(Country::Scotland, s, date!(2014 - 09 - 18)).is_err());
        assert!(select(Country::Scotland, Office::Referendum, date!(2014 - 09 - 18)).is_err());
        // The office code round-trips.
        assert_eq!(Office::parse("scottish_referendum", None), Ok(s));
        assert_eq!(s.code(), "scottish_referendum");
        assert!(s.is_question() && !s.has_fixed_term());
    }

    /// The ruleset: a referendum with answers and no seats, the ties
    /// reported; no heads (Sch 2 r.31 not read), so rejected papers are one
    /// total; the counting officer of s.9(2) under the Chief Counting
    /// Officer (s.7); the declaration of Sch 2 r.35(2)(a); no majority
    /// rule (s.9 certifies figures).
    #[test]
    fn the_ruleset_as_read() {
        let r = ruleset(RulesetId::ScottishReferendum2020);
        assert_eq!(
            by_code("scotland-referendum-2020").map(|x| x.id),
            Some(r.id)
        );
        assert_eq!(r.method, CountingMethod::Referendum);
        assert_eq!(r.seats, SeatRule::NoSeats);
        assert_eq!(r.equality, EqualityRule::TieReported);
        assert!(r.heads.is_empty());
        assert!(r.head(RejectionHead::TooManyVotes).is_none());
        assert!(r.heads_citation.contains("Sch 2 r.31"));
        let local = local_polls::rules(r.id).unwrap();
        assert_eq!(local.office, Office::ScottishReferendum);
        assert_eq!(local.result, ResultRule::FiguresCertified);
        assert!(local
            .counting_officer_citation
            .starts_with("Referendums (Scotland) Act 2020, s.9(2)-(3)"));
        assert!(local.counting_officer.contains("Chief Counting Officer"));
        assert!(local.declaration_citation.contains("Sch 2 r.35(2)(a)"));
        assert!(local
            .result_citation
            .ends_with("the Act states no majority rule"));
        assert!(r
            .instrument
            .starts_with("Referendums (Scotland) Act 2020 (asp 2)"));
    }

    /// The answers are set by the Act of the Scottish Parliament that
    /// provides for the referendum (s.1(2)), not by the 2020 Act: the
    /// ruleset cannot give them.
    #[test]
    fn answers_are_the_polls_own() {
        let r = ruleset(RulesetId::ScottishReferendum2020);
        let e = answers(r, Some(date!(2027 - 10 - 19))).unwrap_err();
        assert!(matches!(e, NoAnswers::PollsOwn { .. }), "{e}");
        assert!(e.to_string().contains("scotland-referendum-2020"));
    }

    proptest::proptest! {
        /// On any date and in any country, `scottish_referendum` selects
        /// the 2020 ruleset exactly in Scotland from 30 January 2020, and
        /// otherwise is refused with a reason, never given another ruleset.
        #[test]
        fn selection_is_scotland_from_the_act(days in 0i32..20_000, c in 0usize..4) {
            let d = date!(2000 - 01 - 01) + time::Duration::days(i64::from(days));
            let country = Country::ALL[c];
            let got = select(country, Office::ScottishReferendum, d);
            if country == Country::Scotland && d >= IN_FORCE {
                proptest::prop_assert_eq!(got, Ok(RulesetId::ScottishReferendum2020));
            } else {
                let e = got.unwrap_err();
                proptest::prop_assert!(e.reason.is_some());
            }
        }
    }
}
