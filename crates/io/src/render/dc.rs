//! A result file in the shape Democracy Club publishes its results: one
//! object per ballot (contest), with the candidacies and their votes.
//!
//! The fields are those of Democracy Club's candidates API for a ballot's
//! results (`ballot_paper_id`, `winner_count`, `results` with
//! `num_turnout_reported`, `turnout_percentage`, `num_spoilt_ballots`,
//! `total_electorate`, and each candidacy's `result` with `num_ballots` and
//! `elected`, and `tied_vote_winner` for a candidate elected by lot after
//! an equality of votes). At a supplementary-vote poll `num_ballots` is the first
//! preferences and `num_second_preferences` the second preferences counted
//! for a remaining candidate. Democracy Club records no second preferences:
//! its `CandidateResult` has one count per candidacy, `num_ballots`, and the
//! fields its API gives for a result are `person`, `party`,
//! `party_list_position`, `num_ballots` and `elected`
//! (`uk_results/api/next/serializers.py`, `CandidateResultSerializer`);
//! no migration of `uk_results` (0001 to 0061) adds a second-preference
//! count (0050 adds `tied_vote_winner`, 0057 and 0058 `rank`). So
//! `num_second_preferences` is countroom's own field, added beside
//! Democracy Club's so the second count is not lost: a reader of Democracy
//! Club's fields ignores it, and finds in `num_ballots` the first
//! preferences, the figure Democracy Club keeps for a supplementary-vote
//! poll's candidates. A referendum's answers are given as candidacies.
//!
//! `ballot_paper_id` is the one the count log's `contest_defined` gives, or
//! null: never made up from the contest id, which is not Democracy Club's.
//!
//! Democracy Club's own results model (`ResultSet` in its candidates code,
//! DemocracyClub/yournextrepresentative, `ynr/apps/uk_results`) keeps
//! `turnout_percentage` as a floating-point percentage from 0 to 100: a
//! `FloatField` from migration 0052 (May 2021), an `IntegerField` from
//! migration 0060 (July 2024) and a `FloatField` again from migration 0061
//! (April 2025), which its API serialises as a number
//! (`MinimalResultSerializer`: `coerce_to_string` false). countroom gives
//! the exact two places as a number, which such a consumer reads as is.
//!
//! Written through serde from typed values, the keys of each object in
//! alphabetical order. `turnout_percentage` is a JSON number with exactly
//! two decimal places, computed from exact integers and rounded half up,
//! written as its digits (`serde_json`'s `RawValue`): never through floating
//! point.

use countroom_count::{ContestReport, ListContestReport, Report, Status};
use serde::Serialize;
use serde_json::value::RawValue;

use super::ResultFormatError;

#[derive(Serialize)]
struct Ballot<'a> {
    ballot_paper_id: Option<&'a str>,
    candidacies: Vec<Candidacy<'a>>,
    /// Not a Democracy Club field: the evidence the result was made from
    /// (countroom's version and the count log's chain head).
    #[serde(skip_serializing_if = "Option::is_none")]
    countroom: Option<Evidence<'a>>,
    election_date: String,
    post: Label<'a>,
    results: Option<Results>,
    voting_system: &'static str,
    winner_count: usize,
}

#[derive(Serialize)]
struct Evidence<'a> {
    /// Whether authority was checked, in words.
    authority: String,
    log_chain_head: &'a str,
    log_version: u32,
    /// What the signed checkpoints cover, in words, range by range.
    signatures: Vec<String>,
    tamper_evident: bool,
    version: &'a str,
}

#[derive(Serialize)]
struct Label<'a> {
    label: &'a str,
}

#[derive(Serialize)]
struct Name<'a> {
    name: Option<&'a str>,
}

#[derive(Serialize)]
struct Candidacy<'a> {
    party: Name<'a>,
    person: Name<'a>,
    result: CandidacyResult,
}

#[derive(Serialize)]
struct CandidacyResult {
    elected: bool,
    num_ballots: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    num_second_preferences: Option<u64>,
    /// Democracy Club's `CandidateResult.tied_vote_winner`: elected after
    /// an equality of votes, by lot.
    tied_vote_winner: bool,
}

#[derive(Serialize)]
struct Results {
    is_final: bool,
    num_spoilt_ballots: u64,
    num_turnout_reported: u64,
    source: String,
    total_electorate: u64,
    turnout_percentage: Option<Box<RawValue>>,
}

fn ballot(r: &ContestReport) -> Result<Ballot<'_>, ResultFormatError> {
    let c = &r.contest;
    let results = match r.rejected.as_ref().zip(r.reconciliation.as_ref()) {
        None => None,
        Some((rej, rec)) => Some(Results {
            is_final: r.status == Status::Declared,
            num_spoilt_ballots: rej.total,
            num_turnout_reported: rec.papers_counted,
            source: format!(
                "countroom: {} for {}, run {}",
                c.title,
                c.area,
                r.run.unwrap_or(0)
            ),
            total_electorate: c.electorate,
            turnout_percentage: r
                .turnout
                .as_ref()
                .and_then(|t| t.ballot_box.clone())
                .map(RawValue::from_string)
                .transpose()?,
        }),
    };
    Ok(Ballot {
        ballot_paper_id: c.ballot_paper_id.as_deref(),
        candidacies: r
            .candidates
            .iter()
            .map(|x| Candidacy {
                party: Name {
                    name: x.description.as_deref(),
                },
                person: Name {
                    name: Some(&x.name),
                },
                result: CandidacyResult {
                    elected: x.elected,
                    num_ballots: x.votes,
                    num_second_preferences: x.second_preferences,
                    tied_vote_winner: r.elected.iter().any(|e| e.id == x.id && e.by_lot),
                },
            })
            .collect(),
        countroom: r.evidence.as_ref().map(|e| Evidence {
            authority: e.authority_line(),
            log_chain_head: &e.chain_head,
            log_version: e.log_version,
            signatures: e.coverage.iter().map(ToString::to_string).collect(),
            tamper_evident: e.tamper_evident,
            version: e.countroom,
        }),
        election_date: c.poll_date.to_string(),
        post: Label { label: &c.area },
        results,
        voting_system: match c.method {
            "supplementary_vote" => "sv",
            "referendum" => "referendum",
            "single_transferable_vote" => "STV",
            _ => "FPTP",
        },
        winner_count: if c.method == "referendum" { 0 } else { c.seats },
    })
}

fn pretty<T: Serialize>(value: &T) -> Result<Vec<u8>, ResultFormatError> {
    let mut out = serde_json::to_vec_pretty(value)?;
    out.push(b'\n');
    Ok(out)
}

/// A list contest's ballot (the Senedd's closed lists, the regional polls
/// of the additional member system): Democracy Club's ballot fields, with
/// one candidacy per person on each party's list (`party_list_position`
/// from 1, as Democracy Club's candidacies of a list ballot carry it) and
/// per individual candidate. A list vote is cast for the party, not for a
/// person on its list, so a list candidate's `num_ballots` is null (never
/// the party's figure copied onto each person); the party's votes, its
/// constituency seats (additional member system) and the seats it won are
/// in `party_results`, countroom's own field beside Democracy Club's. An
/// individual candidate's `num_ballots` is their votes. `elected` is true
/// for each member returned by the allocation (a later vacancy filled from
/// the list is not the election's result and changes nothing here);
/// `tied_vote_winner` for one whose seat was settled by a recorded lot.
#[derive(Serialize)]
struct ListBallot<'a> {
    ballot_paper_id: Option<&'a str>,
    candidacies: Vec<ListCandidacy<'a>>,
    /// Not a Democracy Club field: as on [`Ballot`].
    #[serde(skip_serializing_if = "Option::is_none")]
    countroom: Option<Evidence<'a>>,
    election_date: String,
    /// Not a Democracy Club field: the votes and seats of each party and
    /// individual candidate, in the ballot's order.
    party_results: Vec<PartyResult<'a>>,
    post: Label<'a>,
    results: ListResults,
    voting_system: &'static str,
    winner_count: u32,
}

#[derive(Serialize)]
struct ListCandidacy<'a> {
    party: Name<'a>,
    party_list_position: Option<usize>,
    person: Name<'a>,
    result: CandidacyResult,
}

#[derive(Serialize)]
struct PartyResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    constituency_seats: Option<u32>,
    individual: bool,
    list_seats: u32,
    name: &'a str,
    num_ballots: u64,
}

#[derive(Serialize)]
struct ListResults {
    is_final: bool,
    num_spoilt_ballots: u64,
    num_turnout_reported: Option<u64>,
    source: String,
    /// The electorate is not part of a list contest's report: null, never
    /// zero.
    total_electorate: Option<u64>,
    turnout_percentage: Option<Box<RawValue>>,
}

fn list_ballot(r: &ListContestReport) -> ListBallot<'_> {
    let ams = r.method == "ams";
    let mut candidacies = Vec::new();
    for o in &r.options {
        // Returned at the allocation (a later vacancy is not the election's
        // result).
        let member = r.rounds.iter().find(|x| x.option == o.id);
        if o.individual {
            candidacies.push(ListCandidacy {
                party: Name { name: None },
                party_list_position: None,
                person: Name {
                    name: Some(&o.name),
                },
                result: CandidacyResult {
                    elected: member.is_some(),
                    num_ballots: Some(o.votes),
                    num_second_preferences: None,
                    tied_vote_winner: member.is_some_and(|m| m.tie == "lot"),
                },
            });
            continue;
        }
        for person in &o.list {
            let member = r
                .rounds
                .iter()
                .find(|x| x.option == o.id && x.member.as_deref() == Some(person.name.as_str()));
            candidacies.push(ListCandidacy {
                party: Name {
                    name: Some(&o.name),
                },
                party_list_position: Some(person.position),
                person: Name {
                    name: Some(&person.name),
                },
                result: CandidacyResult {
                    elected: member.is_some(),
                    num_ballots: None,
                    num_second_preferences: None,
                    tied_vote_winner: member.is_some_and(|m| m.tie == "lot"),
                },
            });
        }
    }
    ListBallot {
        ballot_paper_id: None,
        candidacies,
        countroom: r.evidence.as_ref().map(|e| Evidence {
            authority: e.authority_line(),
            log_chain_head: &e.chain_head,
            log_version: e.log_version,
            signatures: e.coverage.iter().map(ToString::to_string).collect(),
            tamper_evident: e.tamper_evident,
            version: e.countroom,
        }),
        election_date: r.poll_date.to_string(),
        party_results: r
            .options
            .iter()
            .map(|o| PartyResult {
                constituency_seats: ams.then_some(o.constituency_seats),
                individual: o.individual,
                list_seats: o.list_seats,
                name: &o.name,
                num_ballots: o.votes,
            })
            .collect(),
        post: Label { label: &r.area },
        results: ListResults {
            is_final: r.status == "declared",
            num_spoilt_ballots: r.rejected,
            num_turnout_reported: r.total_votes.and_then(|v| v.checked_add(r.rejected)),
            source: format!("countroom: {} for {}", r.title, r.area),
            total_electorate: None,
            turnout_percentage: None,
        },
        // Democracy Club's (EveryElection's) voting systems: `PR-CL` a
        // closed list, `AMS` the additional member system.
        voting_system: if ams { "AMS" } else { "PR-CL" },
        winner_count: r.seats,
    }
}

/// A contest or a list contest, as one element of the array.
#[derive(Serialize)]
#[serde(untagged)]
enum AnyBallot<'a> {
    Contest(Ballot<'a>),
    List(ListBallot<'a>),
}

/// Every contest's result in Democracy Club's shape, as a JSON array,
/// pretty-printed and ending in a newline: the contests, then the list
/// contests. An uncontested election has `"results": null`; a contest not
/// yet declared has `"is_final": false`.
///
/// # Errors
/// [`ResultFormatError::Json`] when the document cannot be written (a
/// turnout that is not a number); nothing is returned then, never an empty
/// document.
pub fn democracy_club_json(report: &Report) -> Result<Vec<u8>, ResultFormatError> {
    let mut ballots = report
        .contests
        .iter()
        .map(|c| ballot(c).map(AnyBallot::Contest))
        .collect::<Result<Vec<_>, _>>()?;
    ballots.extend(
        report
            .list_contests
            .iter()
            .map(|c| AnyBallot::List(list_ballot(c))),
    );
    pretty(&ballots)
}

/// One list contest's result in Democracy Club's shape, as one JSON
/// object (see `ListBallot`: one candidacy per person on each list, the
/// parties' votes and seats in `party_results`).
///
/// # Errors
/// As [`democracy_club_json`].
pub fn democracy_club_list_contest_json(
    contest: &ListContestReport,
) -> Result<Vec<u8>, ResultFormatError> {
    pretty(&list_ballot(contest))
}

/// One contest's result in Democracy Club's shape, as one JSON object.
///
/// # Errors
/// As [`democracy_club_json`].
pub fn democracy_club_contest_json(contest: &ContestReport) -> Result<Vec<u8>, ResultFormatError> {
    pretty(&ballot(contest)?)
}
