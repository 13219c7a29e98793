//! A result file in the shape Democracy Club publishes its results: one
//! object per ballot (contest), with the candidacies and their votes.
//!
//! The fields are those of Democracy Club's candidates API for a ballot's
//! results (`ballot_paper_id`, `winner_count`, `results` with
//! `num_turnout_reported`, `turnout_percentage`, `num_spoilt_ballots`,
//! `total_electorate`, and each candidacy's `result` with `num_ballots` and
//! `elected`). At a supplementary-vote poll `num_ballots` is the first
//! preferences and `num_second_preferences` the second preferences counted
//! for a remaining candidate [K: how Democracy Club records second
//! preferences]. A referendum's answers are given as candidacies.
//!
//! `turnout_percentage` is written as a JSON number with exactly two
//! decimal places, computed from exact integers and rounded half up: never
//! through floating point.

use countroom_count::{ContestReport, Report, Status};
use serde_json::{json, Value};

/// Marks a number that must be written as it is (two decimals), not as a
/// string; replaced in the output text.
const NUMBER: &str = "@@countroom-number:";

fn ballot(r: &ContestReport) -> Value {
    let c = &r.contest;
    let results = r.rejected.as_ref().zip(r.reconciliation.as_ref()).map(|(rej, rec)| {
        json!({
            "num_turnout_reported": rec.papers_counted,
            "turnout_percentage": r
                .turnout
                .as_ref()
                .and_then(|t| t.ballot_box.as_ref())
                .map(|p| format!("{NUMBER}{p}@@")),
            "num_spoilt_ballots": rej.total,
            "total_electorate": c.electorate,
            "is_final": r.status == Status::Declared,
            "source": format!("countroom: {} for {}, run {}", c.title, c.area, r.run.unwrap_or(0)),
        })
    });
    let candidacies: Vec<Value> = r
        .candidates
        .iter()
        .map(|x| {
            let mut result = json!({
                "num_ballots": x.votes,
                "elected": x.elected,
            });
            if let (Some(second), Some(map)) = (x.second_preferences, result.as_object_mut()) {
                map.insert("num_second_preferences".into(), json!(second));
            }
            json!({
                "person": {"name": x.name},
                "party": {"name": x.description},
                "result": result,
            })
        })
        .collect();
    let mut ballot = json!({
        "ballot_paper_id": c.ballot_paper_id.clone().unwrap_or_else(|| c.id.clone()),
        "election_date": c.poll_date,
        "post": {"label": c.area},
        "winner_count": if c.method == "referendum" { 0 } else { c.seats },
        "voting_system": match c.method {
            "supplementary_vote" => "sv",
            "referendum" => "referendum",
            _ => "FPTP",
        },
        "results": results,
        "candidacies": candidacies,
    });
    // Not a Democracy Club field: the evidence the result was made from
    // (countroom's version and the count log's chain head).
    if let (Some(e), Some(map)) = (&r.evidence, ballot.as_object_mut()) {
        map.insert(
            "countroom".into(),
            json!({
                "version": e.countroom,
                "log_version": e.log_version,
                "tamper_evident": e.tamper_evident,
                "log_chain_head": e.chain_head,
            }),
        );
    }
    ballot
}

/// Every contest's result in Democracy Club's shape, as a JSON array,
/// pretty-printed and ending in a newline. An uncontested election has
/// `"results": null`; a contest not yet declared has `"is_final": false`.
#[must_use]
pub fn democracy_club_json(report: &Report) -> Vec<u8> {
    let ballots: Vec<Value> = report.contests.iter().map(ballot).collect();
    let text = serde_json::to_string_pretty(&ballots).unwrap_or_default();
    let mut out = unquote_numbers(&text);
    out.push('\n');
    out.into_bytes()
}

/// One contest's result in Democracy Club's shape, as one JSON object.
#[must_use]
pub fn democracy_club_contest_json(contest: &ContestReport) -> Vec<u8> {
    let text = serde_json::to_string_pretty(&ballot(contest)).unwrap_or_default();
    let mut out = unquote_numbers(&text);
    out.push('\n');
    out.into_bytes()
}

/// Replaces each `"@@countroom-number:12.34@@"` with `12.34`.
fn unquote_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let open = format!("\"{NUMBER}");
    while let Some(start) = rest.find(&open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        match after.find("@@\"") {
            Some(end) => {
                out.push_str(&after[..end]);
                rest = &after[end + 3..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_unquoted_exactly() {
        assert_eq!(
            unquote_numbers(r#"{"a": "@@countroom-number:42.11@@", "b": "x"}"#),
            r#"{"a": 42.11, "b": "x"}"#
        );
        assert_eq!(unquote_numbers("no marks"), "no marks");
    }
}
