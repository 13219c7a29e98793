//! The constituency polls of the additional member system counted through
//! the count log: a Scottish Parliament constituency (from the 2016 general
//! election) and a National Assembly for Wales (Senedd) constituency of
//! 2007–2021. Each elects one member by first past the post; the return
//! enters the region's list allocation, whose divisors count the
//! constituency seats a party won in the region (`lists`, and
//! `countroom-count`'s list contests).
//!
//! What was read, and what was not (doubts are in these docs, never printed
//! on a document):
//!
//! - Scotland Act 1998 s.1(2) (one member for each constituency) and s.6
//!   (the simple majority system), as `lists` cites them; the heads of the
//!   Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425) Sch 2
//!   r.58(1) as they apply to a constituency ballot paper ((a), (b), (d),
//!   (e)), read on legislation.gov.uk (`lists::SCOTTISH_CONSTITUENCY_HEADS`).
//!   An equality of votes: the Electoral Commission's guidance for
//!   returning officers at a Scottish Parliament election ("the CRO must
//!   decide between the candidates by lot", the candidate on whom it falls
//!   being allotted an additional vote); the rule's own text in the 2015
//!   Order was not read \[K\]. A lot is only ever a recorded input, so
//!   relying on the guidance for it guesses nothing. The deposit was not
//!   read: none is given.
//! - Government of Wales Act 2006 s.6 as enacted (a constituency member by
//!   the simple majority system), as `lists` cites it. The rejection heads
//!   of the National Assembly for Wales (Representation of the People)
//!   Order 2007 (SI 2007/236) Sch 5 were not read: the ruleset has none,
//!   so rejected papers cannot be recorded under a head (refused by name,
//!   never put under heads not read). The equality rule was not read \[K\]:
//!   the engine asks for a lot at the boundary, as every other first past
//!   the post poll's rules give, only ever as a recorded input. The deposit
//!   was not read: none is given.
//! - Greater London Authority Act 1999 s.2(1) and s.4 (a member for each
//!   Assembly constituency by the simple majority system), as `lists`
//!   cites them; the Greater London Authority Elections Rules 2007 (SI
//!   2007/3541) Sch 1 (the constituency members election rules, from 14
//!   January 2008 as `lists` dates them). Its rejection heads were not read:
//!   the ruleset has none, so rejected papers are recorded only as a total.
//!   An equality of votes: the Electoral Commission's guidance for the GLA
//!   elections (a lot); Sch 1's own rule was not read \[K\]. A lot is only
//!   ever a recorded input. The deposit (Sch 1 r.8) was not read: none is
//!   given.

use countroom_model::{AmsParliament, Country, Office, RulesetId};
use time::macros::date;

use crate::lists::SCOTTISH_CONSTITUENCY_HEADS;
use crate::{
    BallotForm, CountingMethod, EqualityRule, RejectedInPart, Ruleset, Scope, SeatRule,
    SeatTermRule,
};

/// A Scottish Parliament constituency, from the 2016 general election.
pub const SCOTTISH_PARLIAMENT_CONSTITUENCY_2016: Ruleset = Ruleset {
    id: RulesetId::ScottishParliamentConstituency2016,
    code: "scottish-parliament-constituency-2016",
    name: "Scottish Parliament constituency election",
    instrument: "Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425), Sch 2 (Scottish Parliamentary election rules); Scotland Act 1998 s.1(2) and s.6",
    form: BallotForm::Votes,
    heads: SCOTTISH_CONSTITUENCY_HEADS,
    heads_citation: "Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425), Sch 2 r.58(1)",
    void_citation: "Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425), Sch 2 r.58(1) (void papers), r.58(2) (not void for a vote marked elsewhere than in the proper place, otherwise than by a cross, or by more than one mark, where the intention clearly appears), r.58(3) (different numbers written apparently as preferences: the paper counts for the candidate against whom 1 appears)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::FirstPastThePost,
    equality: EqualityRule::LotAtBoundary,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::One,
    deposit: None,
    scope: Scope {
        countries: &[Country::Scotland],
        office: Office::AmsConstituency(AmsParliament::ScottishParliament),
        from: date!(2016 - 05 - 05),
        until: None,
    },
};

/// A National Assembly for Wales (Senedd) constituency, 2007–2021.
pub const SENEDD_CONSTITUENCY_2007: Ruleset = Ruleset {
    id: RulesetId::SeneddConstituency2007,
    code: "senedd-constituency-2007",
    name: "National Assembly for Wales constituency election",
    instrument: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5 (Assembly election rules); Government of Wales Act 2006 s.6 as enacted",
    form: BallotForm::Votes,
    heads: &[],
    heads_citation: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5 (the rejection heads not read: none recorded)",
    void_citation: "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236), Sch 5 (not read)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::FirstPastThePost,
    equality: EqualityRule::LotAtBoundary,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::One,
    deposit: None,
    scope: Scope {
        countries: &[Country::Wales],
        office: Office::AmsConstituency(AmsParliament::Senedd2007),
        from: date!(2007 - 05 - 04),
        until: Some(date!(2026 - 04 - 06)),
    },
};

/// A London Assembly constituency, from the Greater London Authority
/// Elections Rules 2007.
pub const LONDON_ASSEMBLY_CONSTITUENCY_2008: Ruleset = Ruleset {
    id: RulesetId::LondonAssemblyConstituency2008,
    code: "london-assembly-constituency-2008",
    name: "London Assembly constituency election",
    instrument: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1 (the Constituency Members Election Rules); Greater London Authority Act 1999 s.2(1) and s.4",
    form: BallotForm::Votes,
    heads: &[],
    heads_citation: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1 (the rejection heads not read: none recorded)",
    void_citation: "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1 (not read)",
    rejected_in_part: RejectedInPart::NotApplicable,
    method: CountingMethod::FirstPastThePost,
    equality: EqualityRule::LotAtBoundary,
    seat_terms: SeatTermRule::SingleTerm,
    seats: SeatRule::One,
    deposit: None,
    scope: Scope {
        countries: &[Country::England],
        office: Office::AmsConstituency(AmsParliament::LondonAssembly),
        from: date!(2008 - 01 - 14),
        until: None,
    },
};
