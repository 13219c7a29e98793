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

use countroom_count::{ContestReport, Report, Status};
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
    election_date: &'a str,
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
        election_date: &c.poll_date,
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

/// Every contest's result in Democracy Club's shape, as a JSON array,
/// pretty-printed and ending in a newline. An uncontested election has
/// `"results": null`; a contest not yet declared has `"is_final": false`.
///
/// # Errors
/// [`ResultFormatError::Json`] when the document cannot be written (a
/// turnout that is not a number); nothing is returned then, never an empty
/// document.
pub fn democracy_club_json(report: &Report) -> Result<Vec<u8>, ResultFormatError> {
    let ballots = report
        .contests
        .iter()
        .map(ballot)
        .collect::<Result<Vec<_>, _>>()?;
    pretty(&ballots)
}

/// One contest's result in Democracy Club's shape, as one JSON object.
///
/// # Errors
/// As [`democracy_club_json`].
pub fn democracy_club_contest_json(contest: &ContestReport) -> Result<Vec<u8>, ResultFormatError> {
    pretty(&ballot(contest)?)
}
