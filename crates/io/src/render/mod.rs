//! The documents of a count as text, JSON and CSV.
//!
//! Every renderer is a pure function of a [`Report`]: the same report gives
//! the same bytes. Nothing here reads a clock or the environment.

mod accounts;
mod csv_out;
mod dc;
mod err;
pub mod stv;
pub mod stv_contests;
mod text;

use countroom_count::{ContestReport, Report};

pub use accounts::{
    accounts_csv, accounts_json, accounts_text, claim_forms_csv, claim_forms_json,
    claim_forms_text, election_wording, exact_pounds, spending_csv, spending_json, spending_text,
    SpendingNotice, CLAIM_FORM_HEADER,
};
pub use csv_out::{contest_csv, list_contest_csv, report_csv, verification_csv};
pub use dc::{democracy_club_contest_json, democracy_club_json, democracy_club_list_contest_json};
pub use err::{
    err_collation_json, err_collation_xml, err_contest_json, err_contest_xml, err_json,
    err_list_contest_json, err_list_contest_xml, err_xml, CollationInfo, ResultFormatError,
};
pub use text::{contest_text, list_contest_text, report_text, verification_text};

/// The report as pretty-printed JSON, ending in a newline.
#[must_use]
pub fn report_json(report: &Report) -> Vec<u8> {
    to_json(report)
}

/// The verification statements and box progress only, as JSON.
#[must_use]
pub fn verification_json(report: &Report) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Poll<'a> {
        contest: &'a str,
        verification: &'a Option<countroom_verify::VerificationStatement>,
    }
    /// A list contest: the list papers' statement where the log verifies
    /// them (null where it does not), and each counting area's verified
    /// figure or why it has none.
    #[derive(serde::Serialize)]
    struct ListPoll<'a> {
        contest: &'a str,
        verification: &'a Option<countroom_verify::VerificationStatement>,
        areas: Vec<ListArea<'a>>,
    }
    #[derive(serde::Serialize)]
    struct ListArea<'a> {
        counting_area: &'a str,
        name: &'a str,
        verified: Option<u64>,
        verified_note: Option<&'a str>,
        papers_counted: Option<u64>,
        papers_forward: Option<u64>,
    }
    #[derive(serde::Serialize)]
    struct Verification<'a> {
        schema: &'static str,
        version: u32,
        polls: Vec<Poll<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        list_polls: Vec<ListPoll<'a>>,
        boxes: &'a [countroom_count::BoxProgress],
        #[serde(skip_serializing_if = "Option::is_none")]
        evidence: &'a Option<countroom_count::Evidence>,
    }
    to_json(&Verification {
        schema: "countroom-verification",
        version: 1,
        polls: report
            .contests
            .iter()
            .map(|c| Poll {
                contest: &c.contest.id,
                verification: &c.verification,
            })
            .collect(),
        list_polls: report
            .list_contests
            .iter()
            .map(|c| ListPoll {
                contest: &c.contest,
                verification: &c.verification,
                areas: c
                    .areas
                    .iter()
                    .map(|a| ListArea {
                        counting_area: &a.counting_area,
                        name: &a.name,
                        verified: a.verified,
                        verified_note: a.verified_note.as_deref(),
                        papers_counted: a.count.as_ref().map(|k| k.papers_counted),
                        papers_forward: a.papers_forward,
                    })
                    .collect(),
            })
            .collect(),
        boxes: &report.boxes,
        evidence: &report.evidence,
    })
}

/// One list contest's documents as pretty-printed JSON, ending in a
/// newline, with the evidence of the log they were made from.
#[must_use]
pub fn list_contest_json(contest: &countroom_count::ListContestReport) -> Vec<u8> {
    to_json(contest)
}

/// One contest's documents as pretty-printed JSON, ending in a newline,
/// with the evidence of the log they were made from.
#[must_use]
pub fn contest_json(contest: &ContestReport) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct WithEvidence<'a> {
        #[serde(flatten)]
        contest: &'a ContestReport,
        #[serde(skip_serializing_if = "Option::is_none")]
        evidence: &'a Option<countroom_count::Evidence>,
    }
    to_json(&WithEvidence {
        contest,
        evidence: &contest.evidence,
    })
}

/// A SHA-256 in hex as sixteen groups of four digits, to be read aloud
/// (any other text is given back as it is).
#[must_use]
pub fn digest_groups(hex: &str) -> String {
    countroom_log::Sha256Digest::from_hex(hex).map_or_else(|| hex.to_owned(), |d| d.to_groups())
}

fn to_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // The report types serialize plain fields only: this cannot fail.
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The one formatting of figures on text documents
/// ([`countroom_arith::thousands`]): `1234567` as `1,234,567`, `-3497` as
/// `-3,497`.
pub use countroom_arith::{thousands, thousands_signed, Figure};
