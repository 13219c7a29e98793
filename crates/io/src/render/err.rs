//! The result in NIST SP 1500-100 Election Results Reporting (ERR),
//! version 2: JSON (`--format err-json`) and XML (`--format err-xml`).
//!
//! Both are written from one typed document built from the [`Report`]: the
//! JSON through serde, the XML with `quick-xml`'s writer in the element
//! order the standard's XSD prescribes. Every `@id` is assigned from the
//! report's order (the election's position, the contest's, the candidate's
//! ballot-paper order), never from a hash or a clock, so the same report
//! gives the same bytes.
//!
//! What goes where (docs/formats.md, "NIST ERR v2", says it for users):
//!
//! - each countroom election is an `Election` with a `ReportingUnit` for its
//!   scope; each contest is a `CandidateContest` (a referendum a
//!   `BallotMeasureContest` of type `referendum`) whose electoral area is a
//!   `ReportingUnit`; a collated poll's counting areas and regions are
//!   `ReportingUnit`s composing it;
//! - valid votes are `VoteCounts` of type `total` on each selection; at a
//!   supplementary-vote poll round 1 is the first preferences and round 2
//!   the second preferences (`other`, `uk-second-preferences`) and the
//!   totals; at a single transferable vote poll each stage is a round,
//!   with each candidate's total at that stage written exactly as on the
//!   stage sheet (five or two decimal places, never through floating
//!   point);
//! - ballot papers counted and rejected are the election's `BallotCounts`
//!   for the contest's area (`BallotsCast`, `BallotsRejected`), and each
//!   statutory head of the statement of rejected ballot papers is a
//!   `BallotCounts` of type `other` whose `OtherType` is `uk-rejected:` and
//!   the head's code. (ERR v2's `OtherCounts` has no `OtherType`: only
//!   overvotes, undervotes and write-ins; unused votes at a multi-member
//!   poll are its `Undervotes`.)
//! - the electorate is the area's `VotersRegistered`, the papers counted
//!   its `VotersParticipated`;
//! - what the standard has no element for (the ruleset, lots, seat terms,
//!   deposits, the declaration, the log's chain head) is an
//!   `ExternalIdentifier` of type `other` whose `OtherType` names it
//!   (`uk-…` or `countroom-…`).
//!
//! `GeneratedDate` is required by the standard. It is the time of the
//! latest entry the document reflects (`at` as recorded; a fraction of a
//! second is dropped): each declaration (`result_declared`) and, for a list
//! contest, its lots (a round settled by lot) and later vacancies (a vacancy filled
//! after the declaration is in the document). When none has a recorded
//! time, the latest poll date at `T00:00:00Z`: never the wall clock.

use std::collections::BTreeMap;

use countroom_count::{ContestReport, ListContestReport, Report, Status};
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;

/// Why a standard result document cannot be written. Nothing is written
/// when one of these is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResultFormatError {
    /// A figure of the document cannot be worked out exactly (a sum past
    /// the largest count).
    #[error("contest {contest:?}: {what} is past the largest count; the document is not written")]
    Arithmetic {
        /// The contest id.
        contest: String,
        /// The figure, in words.
        what: String,
    },
    /// A single transferable vote contest's stage sheet does not have the
    /// contest's candidates.
    #[error("contest {contest:?}: the stage sheet has {sheet} candidates but the contest has {contest_candidates}; the document is not written")]
    StageSheet {
        /// The contest id.
        contest: String,
        /// Candidates on the stage sheet.
        sheet: usize,
        /// Candidates in the contest.
        contest_candidates: usize,
    },
    /// The JSON could not be written.
    #[error("the JSON document could not be written: {0}")]
    Json(#[from] serde_json::Error),
    /// The XML could not be written.
    #[error("the XML document could not be written: {0}")]
    Xml(#[from] std::io::Error),
}

/// The standard's JSON `@type` prefix.
const NS: &str = "ElectionResults.";
/// The XML namespace: the XSD's `targetNamespace`.
const XML_NAMESPACE: &str = "NIST_V2_election_results_reporting.xsd";
/// The XML Schema instance namespace (for `xsi:type`).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A count: a whole number, or an exact decimal from a stage sheet
/// (written as a JSON number through `RawValue`, never through `f64`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Number {
    Whole(u64),
    Decimal(String),
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Whole(n) => write!(f, "{n}"),
            Number::Decimal(s) => f.write_str(s),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Number::Whole(n) => s.serialize_u64(*n),
            Number::Decimal(text) => serde_json::value::RawValue::from_string(text.clone())
                .map_err(serde::ser::Error::custom)?
                .serialize(s),
        }
    }
}

/// `InternationalizedText` in English.
#[derive(Debug, Clone)]
struct Text(String);

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct LanguageString<'a> {
            #[serde(rename = "@type")]
            ty: String,
            #[serde(rename = "Content")]
            content: &'a str,
            #[serde(rename = "Language")]
            language: &'static str,
        }
        #[derive(Serialize)]
        struct Internationalized<'a> {
            #[serde(rename = "@type")]
            ty: String,
            #[serde(rename = "Text")]
            text: [LanguageString<'a>; 1],
        }
        Internationalized {
            ty: format!("{NS}InternationalizedText"),
            text: [LanguageString {
                ty: format!("{NS}LanguageString"),
                content: &self.0,
                language: "en",
            }],
        }
        .serialize(s)
    }
}

fn ty(name: &str) -> String {
    format!("{NS}{name}")
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ExternalIdentifier {
    #[serde(rename = "@type")]
    ty: String,
    #[serde(rename = "Type")]
    kind: &'static str,
    other_type: String,
    value: String,
}

fn ext(other_type: &str, value: impl std::fmt::Display) -> ExternalIdentifier {
    ExternalIdentifier {
        ty: ty("ExternalIdentifier"),
        kind: "other",
        other_type: other_type.to_owned(),
        value: value.to_string(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ElectionReport {
    #[serde(rename = "@type")]
    ty: String,
    election: Vec<Election>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_identifier: Vec<ExternalIdentifier>,
    format: &'static str,
    generated_date: String,
    gp_unit: Vec<ReportingUnit>,
    issuer: String,
    issuer_abbreviation: String,
    notes: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    office: Vec<Office>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    party: Vec<Party>,
    sequence_start: u32,
    sequence_end: u32,
    status: &'static str,
    vendor_application_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ReportingUnit {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    composing_gp_unit_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_identifier: Vec<ExternalIdentifier>,
    name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_units_reported: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_sub_units: Option<u64>,
    #[serde(rename = "Type")]
    kind: &'static str,
    other_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    voters_participated: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    voters_registered: Option<u64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Party {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: String,
    name: Text,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Office {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: String,
    election_district_id: String,
    name: Text,
    term: Term,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Term {
    #[serde(rename = "@type")]
    ty: String,
    /// None for a seat with no term end (a Member of Parliament).
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(rename = "Type")]
    kind: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Election {
    #[serde(rename = "@type")]
    ty: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ballot_counts: Vec<BallotCounts>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidate: Vec<Candidate>,
    contest: Vec<Contest>,
    election_scope_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_identifier: Vec<ExternalIdentifier>,
    name: Text,
    start_date: String,
    end_date: String,
    #[serde(rename = "Type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_type: Option<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct BallotCounts {
    #[serde(rename = "@type")]
    ty: String,
    gp_unit_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<u32>,
    #[serde(rename = "Type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ballots_cast: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ballots_rejected: Option<u64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Candidate {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: String,
    ballot_name: Text,
    external_identifier: Vec<ExternalIdentifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    party_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_election_status: Option<&'static str>,
}

/// A `CandidateContest`, a `BallotMeasureContest` or a `PartyContest` (its `@type`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Contest {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: String,
    contest_selection: Vec<Selection>,
    count_status: [CountStatus; 1],
    election_district_id: String,
    external_identifier: Vec<ExternalIdentifier>,
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_counts: Vec<OtherCounts>,
    sequence_order: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_units_reported: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_sub_units: Option<u64>,
    vote_variation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_vote_variation: Option<&'static str>,
    // CandidateContest only.
    #[serde(skip_serializing_if = "Option::is_none")]
    number_elected: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    office_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    votes_allowed: Option<usize>,
    // BallotMeasureContest only.
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    measure_type: Option<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CountStatus {
    #[serde(rename = "@type")]
    ty: String,
    status: &'static str,
    #[serde(rename = "Type")]
    kind: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct OtherCounts {
    #[serde(rename = "@type")]
    ty: String,
    gp_unit_id: String,
    undervotes: u64,
}

/// A `CandidateSelection` or a `BallotMeasureSelection` (`selection`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Selection {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    ty: String,
    sequence_order: usize,
    vote_counts: Vec<VoteCounts>,
    // CandidateSelection only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidate_ids: Vec<String>,
    // PartySelection only (a list contest's party).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    party_ids: Vec<String>,
    // BallotMeasureSelection only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_identifier: Vec<ExternalIdentifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    selection: Option<Text>,
}

impl Selection {
    /// A contest selection: a ballot measure's answer (`measure`; its id
    /// and name carried on the selection) or the candidate `candidate_id`.
    fn new(
        id: String,
        order: usize,
        vote_counts: Vec<VoteCounts>,
        measure: bool,
        answer: (&str, &str),
        candidate_id: &str,
    ) -> Selection {
        let (answer_id, answer_name) = answer;
        Selection {
            id,
            ty: ty(if measure {
                "BallotMeasureSelection"
            } else {
                "CandidateSelection"
            }),
            sequence_order: order,
            vote_counts,
            candidate_ids: if measure {
                Vec::new()
            } else {
                vec![candidate_id.to_owned()]
            },
            party_ids: Vec::new(),
            external_identifier: if measure {
                vec![ext("countroom-answer-id", answer_id)]
            } else {
                Vec::new()
            },
            selection: measure.then(|| Text(answer_name.to_owned())),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct VoteCounts {
    #[serde(rename = "@type")]
    ty: String,
    gp_unit_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<u32>,
    #[serde(rename = "Type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_type: Option<&'static str>,
    count: Number,
}

fn votes(gp: &str, round: Option<u32>, count: Number) -> VoteCounts {
    VoteCounts {
        ty: ty("VoteCounts"),
        gp_unit_id: gp.to_owned(),
        round,
        kind: "total",
        other_type: None,
        count,
    }
}

fn second_preferences(gp: &str, n: u64) -> VoteCounts {
    VoteCounts {
        ty: ty("VoteCounts"),
        gp_unit_id: gp.to_owned(),
        round: Some(2),
        kind: "other",
        other_type: Some("uk-second-preferences"),
        count: Number::Whole(n),
    }
}

fn ballots(gp: &str, cast: Option<u64>, rejected: Option<u64>) -> BallotCounts {
    BallotCounts {
        ty: ty("BallotCounts"),
        gp_unit_id: gp.to_owned(),
        round: None,
        kind: "total",
        other_type: None,
        ballots_cast: cast,
        ballots_rejected: rejected,
    }
}

fn unit(id: String, name: &str, other_type: String) -> ReportingUnit {
    ReportingUnit {
        id,
        ty: ty("ReportingUnit"),
        composing_gp_unit_ids: Vec::new(),
        external_identifier: Vec::new(),
        name: Text(name.to_owned()),
        sub_units_reported: None,
        total_sub_units: None,
        kind: "other",
        other_type,
        voters_participated: None,
        voters_registered: None,
    }
}

fn declared(status: Status) -> bool {
    matches!(status, Status::Declared | Status::UncontestedDeclared)
}

fn outcome_known(status: Status) -> bool {
    matches!(
        status,
        Status::Declared
            | Status::UncontestedDeclared
            | Status::ReadyToDeclare
            | Status::Uncontested
    )
}

/// Sum of `votes` and `rejected`, or the arithmetic error naming `what`.
fn cast(contest: &str, what: &str, votes: &[u64], rejected: u64) -> Result<u64, ResultFormatError> {
    votes
        .iter()
        .try_fold(rejected, |sum, v| sum.checked_add(*v))
        .ok_or_else(|| ResultFormatError::Arithmetic {
            contest: contest.to_owned(),
            what: format!("the ballot papers counted in {what}"),
        })
}

/// The parties, by description, numbered in the order first met.
#[derive(Default)]
struct Parties {
    ids: BTreeMap<String, String>,
    list: Vec<Party>,
}

impl Parties {
    fn id(&mut self, name: &str) -> String {
        if let Some(id) = self.ids.get(name) {
            return id.clone();
        }
        let id = format!("par-{}", self.list.len() + 1);
        self.list.push(Party {
            id: id.clone(),
            ty: ty("Party"),
            name: Text(name.to_owned()),
        });
        self.ids.insert(name.to_owned(), id.clone());
        id
    }
}

/// A counting area's or region's unit id, its votes per candidate, and its
/// second preferences per candidate (supplementary vote).
type SubCounts<'a> = (String, &'a [u64], Option<&'a [u64]>);

/// What one contest adds to the document.
struct ContestParts {
    contest: Contest,
    candidates: Vec<Candidate>,
    ballot_counts: Vec<BallotCounts>,
    units: Vec<ReportingUnit>,
    offices: Vec<Office>,
}

fn contest_parts(
    i: usize,
    r: &ContestReport,
    parties: &mut Parties,
) -> Result<ContestParts, ResultFormatError> {
    let c = &r.contest;
    let district = format!("ru-c{i}");
    let sv = c.method == "supplementary_vote";
    let measure = c.method == "referendum";
    let mut units = Vec::new();
    let mut ballot_counts = Vec::new();

    // The contest's electoral area, and a collated poll's areas and regions.
    let mut area_unit = unit(
        district.clone(),
        &c.area,
        format!("uk-electoral-area:{}", c.office),
    );
    area_unit.voters_registered = (c.electorate > 0).then_some(c.electorate);
    area_unit.voters_participated = r.reconciliation.as_ref().map(|x| x.papers_counted);
    // (unit id, votes, second votes) of each area and region that reported.
    let mut sub_counts: Vec<SubCounts<'_>> = Vec::new();
    let mut sub_units = None;
    if let Some(col) = &r.collation {
        let region_id = |id: &str| {
            col.regions
                .iter()
                .position(|g| g.id == id)
                .map(|k| format!("ru-c{i}-r{}", k + 1))
        };
        let mut areas = Vec::new();
        for (j, a) in col.areas.iter().enumerate() {
            let id = format!("ru-c{i}-a{}", j + 1);
            let mut u = unit(id.clone(), &a.name, "uk-counting-area".into());
            u.external_identifier.push(ext("countroom-area-id", &a.id));
            u.external_identifier
                .push(ext("uk-collation-status", a.status));
            u.voters_registered = a.electorate;
            if let Some(rejected) = a.rejected {
                let n = cast(&c.id, &format!("area {}", a.id), &a.votes, rejected)?;
                u.voters_participated = Some(n);
                ballot_counts.push(ballots(&id, Some(n), Some(rejected)));
                if a.votes.len() == r.candidates.len() {
                    sub_counts.push((id.clone(), &a.votes, a.second_votes.as_deref()));
                }
            }
            if let Some(t) = &a.turnout {
                u.external_identifier.push(ext("uk-turnout-ballot-box", t));
            }
            areas.push((id, a.region.as_deref().and_then(region_id), u));
        }
        let reported = col.areas.iter().filter(|a| a.status != "awaiting").count();
        sub_units = Some((reported as u64, col.areas_in_poll as u64));
        let mut regions = Vec::new();
        for (k, g) in col.regions.iter().enumerate() {
            let id = format!("ru-c{i}-r{}", k + 1);
            let mut u = unit(id.clone(), &g.name, "uk-collation-region".into());
            u.external_identifier
                .push(ext("countroom-region-id", &g.id));
            u.composing_gp_unit_ids = areas
                .iter()
                .filter(|(_, region, _)| region.as_deref() == Some(id.as_str()))
                .map(|(a, _, _)| a.clone())
                .collect();
            u.voters_registered = g.electorate;
            let n = cast(&c.id, &format!("region {}", g.id), &g.votes, g.rejected)?;
            u.voters_participated = Some(n);
            ballot_counts.push(ballots(&id, Some(n), Some(g.rejected)));
            if let Some(t) = &g.turnout {
                u.external_identifier.push(ext("uk-turnout-ballot-box", t));
            }
            if g.votes.len() == r.candidates.len() {
                sub_counts.push((id.clone(), &g.votes, None));
            }
            regions.push(u);
        }
        area_unit.composing_gp_unit_ids = if regions.is_empty() {
            areas.iter().map(|(a, _, _)| a.clone()).collect()
        } else {
            regions.iter().map(|g| g.id.clone()).collect()
        };
        area_unit.sub_units_reported = sub_units.map(|s| s.0);
        area_unit.total_sub_units = sub_units.map(|s| s.1);
        units.push(area_unit);
        units.extend(regions);
        units.extend(areas.into_iter().map(|(_, _, u)| u));
    } else {
        units.push(area_unit);
    }

    // Ballot papers counted and rejected, by head.
    if let Some(rec) = &r.reconciliation {
        ballot_counts.insert(
            0,
            ballots(
                &district,
                Some(rec.papers_counted),
                Some(rec.rejected_papers),
            ),
        );
    }
    if let Some(rej) = &r.rejected {
        let at = usize::from(r.reconciliation.is_some());
        for (k, head) in rej.heads.iter().enumerate() {
            let mut b = ballots(&district, None, Some(head.papers));
            b.kind = "other";
            b.other_type = Some(format!("uk-rejected:{}", head.code));
            ballot_counts.insert(at + k, b);
        }
    }
    if let Some(second) = r
        .supplementary_vote
        .as_ref()
        .and_then(|s| s.second_count.as_ref())
        .filter(|s| s.completed)
    {
        let mut b = ballots(&district, None, Some(second.rejected));
        b.round = Some(2);
        b.kind = "other";
        b.other_type = Some("uk-rejected-second-count".into());
        ballot_counts.push(b);
    }

    // The seats.
    let offices: Vec<Office> = c
        .vacancies
        .iter()
        .enumerate()
        .map(|(k, v)| Office {
            id: format!("off-c{i}-{}", k + 1),
            ty: ty("Office"),
            election_district_id: district.clone(),
            name: Text(format!("{} ({} seat)", c.member_title, v.kind)),
            term: Term {
                ty: ty("Term"),
                end_date: v.term_ends.map(|d| d.to_string()),
                kind: if v.kind == "casual" {
                    "unexpired-term"
                } else {
                    "full-term"
                },
            },
        })
        .collect();

    // STV: each stage a round.
    let sheet = match (&r.stage_sheet, c.method == "single_transferable_vote") {
        (Some(sheet), true) => {
            if sheet.candidates.len() != r.candidates.len() {
                return Err(ResultFormatError::StageSheet {
                    contest: c.id.clone(),
                    sheet: sheet.candidates.len(),
                    contest_candidates: r.candidates.len(),
                });
            }
            Some(sheet)
        }
        _ => None,
    };

    // The candidates (or answers) and their votes.
    let mut candidates = Vec::new();
    let mut selections = Vec::new();
    for (k, x) in r.candidates.iter().enumerate() {
        let order = x.ballot_order;
        let candidate_id = format!("can-c{i}-{order}");
        let mut counts = Vec::new();
        if let Some(sheet) = sheet {
            for stage in &sheet.stages {
                if let Some(total) = stage.totals.get(k) {
                    counts.push(votes(
                        &district,
                        Some(stage.number),
                        Number::Decimal(total.fixed(sheet.places).to_string()),
                    ));
                }
            }
        } else if let Some(v) = x.votes {
            counts.push(votes(&district, sv.then_some(1), Number::Whole(v)));
        }
        if let Some(second) = x.second_preferences {
            counts.push(second_preferences(&district, second));
        }
        if let (true, Some(total)) = (sv, x.total) {
            counts.push(votes(&district, Some(2), Number::Whole(total)));
        }
        for (gp, area_votes, area_second) in &sub_counts {
            if let Some(v) = area_votes.get(k) {
                counts.push(votes(gp, sv.then_some(1), Number::Whole(*v)));
            }
            if let Some(second) = area_second.and_then(|s| s.get(k)) {
                counts.push(second_preferences(gp, *second));
            }
        }
        let selection = Selection::new(
            format!("sel-c{i}-{order}"),
            order,
            counts,
            measure,
            (&x.id, &x.name),
            &candidate_id,
        );
        if !measure {
            let mut ids = vec![ext("countroom-candidate-id", &x.id)];
            if let Some(seat) = r.elected.iter().find(|e| e.id == x.id) {
                ids.push(ext("uk-seat", seat.seat));
                if let Some(end) = &seat.term_ends {
                    ids.push(ext("uk-term-ends", end));
                }
                if seat.by_lot {
                    ids.push(ext("uk-elected-by-lot", true));
                }
            }
            if let Some((_, forfeited)) = r
                .deposits
                .as_ref()
                .and_then(|d| d.candidates.iter().find(|(id, _)| *id == x.id))
            {
                ids.push(ext(
                    "uk-deposit",
                    if *forfeited { "forfeited" } else { "returned" },
                ));
            }
            candidates.push(Candidate {
                id: candidate_id,
                ty: ty("Candidate"),
                ballot_name: Text(x.name.clone()),
                external_identifier: ids,
                party_id: x.description.as_deref().map(|d| parties.id(d)),
                post_election_status: match (x.elected, declared(r.status), outcome_known(r.status))
                {
                    (true, true, _) => Some("winner"),
                    (true, false, true) => Some("projected-winner"),
                    (false, true, _) => Some("defeated"),
                    _ => None,
                },
            });
        }
        selections.push(selection);
    }

    // What the standard has no element for.
    let mut ids = vec![ext("countroom-contest-id", &c.id)];
    if let Some(b) = &c.ballot_paper_id {
        ids.push(ext("democracy-club-ballot-paper-id", b));
    }
    ids.push(ext("uk-ruleset", c.ruleset));
    ids.push(ext("uk-instrument", c.instrument));
    ids.push(ext("uk-count-status", r.status.code()));
    if let Some(run) = r.run {
        ids.push(ext("uk-run", run));
    }
    if let Some(t) = &r.turnout {
        if let Some(p) = &t.ballot_box {
            ids.push(ext("uk-turnout-ballot-box", p));
        }
        if let Some(p) = &t.valid_vote {
            ids.push(ext("uk-turnout-valid-vote", p));
        }
    }
    if let Some(m) = r.majority {
        ids.push(ext("uk-majority", m));
    }
    if let Some(n) = r.rejected.as_ref().and_then(|x| x.rejected_in_part) {
        ids.push(ext("uk-rejected-in-part", n));
    }
    if r.unfilled_seats > 0 {
        ids.push(ext("uk-unfilled-seats", r.unfilled_seats));
    }
    if let Some(lot) = &r.lot_required {
        ids.push(ext(
            "uk-lot-required",
            format!("{} of {}", lot.places, lot.tied.join(" ")),
        ));
    }
    for lot in &r.lots {
        ids.push(ext("uk-lot", &lot.statement));
    }
    if let Some(result) = &r.referendum {
        ids.push(ext("uk-referendum-result", &result.statement));
    }
    if let Some(stv) = &r.stv {
        ids.push(ext("uk-stv-rules", stv.rules));
        if let Some(q) = &stv.quota {
            ids.push(ext("uk-stv-quota", q));
        }
    }
    if let Some(sheet) = sheet {
        for stage in &sheet.stages {
            let name = |n: usize| {
                r.candidates
                    .get(n)
                    .map_or_else(String::new, |x| x.name.clone())
            };
            let what = match &stage.action {
                countroom_stv::sheet::Action::FirstPreferences => "first preferences".to_owned(),
                countroom_stv::sheet::Action::Surplus(n) => format!("surplus of {}", name(*n)),
                countroom_stv::sheet::Action::Exclusion(n) => format!("exclusion of {}", name(*n)),
                countroom_stv::sheet::Action::BulkExclusion(ns) => format!(
                    "exclusion of {}",
                    ns.iter().map(|n| name(*n)).collect::<Vec<_>>().join("; ")
                ),
                other => other.kind().replace('_', " "),
            };
            ids.push(ext("uk-stv-stage", format!("{}: {what}", stage.number)));
        }
    }
    if let Some(d) = &r.declaration {
        ids.push(ext("uk-declared-by", d.officer.as_deref().unwrap_or(&d.by)));
        if let Some(at) = &d.at {
            ids.push(ext("uk-declared-at", at));
        }
    }

    let (variation, other_variation) = match c.method {
        "supplementary_vote" => ("other", Some("supplementary-vote")),
        "single_transferable_vote" => ("rcv", None),
        _ if c.seats > 1 => ("n-of-m", None),
        _ => ("plurality", None),
    };
    let contest = Contest {
        id: format!("con-{i}"),
        ty: ty(if measure {
            "BallotMeasureContest"
        } else {
            "CandidateContest"
        }),
        contest_selection: selections,
        count_status: [CountStatus {
            ty: ty("CountStatus"),
            status: if outcome_known(r.status) {
                "completed"
            } else {
                "in-process"
            },
            kind: "total",
        }],
        election_district_id: district.clone(),
        external_identifier: ids,
        name: c.title.clone(),
        other_counts: r
            .reconciliation
            .as_ref()
            .and_then(|x| x.unused_votes)
            .map(|n| OtherCounts {
                ty: ty("OtherCounts"),
                gp_unit_id: district.clone(),
                undervotes: n,
            })
            .into_iter()
            .collect(),
        sequence_order: i,
        sub_units_reported: sub_units.map(|s| s.0),
        total_sub_units: sub_units.map(|s| s.1),
        vote_variation: variation,
        other_vote_variation: other_variation,
        number_elected: (!measure).then_some(c.seats),
        office_ids: offices.iter().map(|o| o.id.clone()).collect(),
        votes_allowed: (!measure).then_some(match c.method {
            "supplementary_vote" => 2,
            "single_transferable_vote" => r.candidates.len(),
            _ => c.seats,
        }),
        measure_type: measure.then_some("referendum"),
    };
    Ok(ContestParts {
        contest,
        candidates,
        ballot_counts,
        units,
        offices,
    })
}

/// Whether a list contest's allocation is known (every seat allocated,
/// declared or not) and whether it is declared.
fn list_outcome(r: &ListContestReport) -> (bool, bool) {
    let declared = r.status == "declared";
    (
        declared || matches!(r.status, "allocated" | "unfilled"),
        declared,
    )
}

/// A list contest (the Senedd's closed lists, the regional polls of the
/// additional member system) as a `PartyContest` (ERR v2's contest "in
/// which the voter selects a party"): each party a `PartySelection` with
/// its votes, each individual candidate a `CandidateSelection`; the
/// counting areas `ReportingUnit`s with their votes; the members returned
/// `Candidate`s of their party, `winner` once declared; the allocation,
/// round by round, and what the standard has no element for as
/// `ExternalIdentifier`s of type `other` (docs/formats.md, "NIST ERR v2").
fn list_contest_parts(
    i: usize,
    r: &ListContestReport,
    parties: &mut Parties,
) -> Result<ContestParts, ResultFormatError> {
    let district = format!("ru-c{i}");
    let (known, declared) = list_outcome(r);
    let mut units = Vec::new();
    let mut ballot_counts = Vec::new();
    let mut area_unit = unit(
        district.clone(),
        &r.area,
        format!("uk-electoral-area:{}", r.office),
    );
    let cast_all = r.total_votes.and_then(|v| v.checked_add(r.rejected));
    area_unit.voters_participated = cast_all;
    ballot_counts.push(ballots(&district, cast_all, Some(r.rejected)));
    let mut sub_counts: Vec<(String, &[u64])> = Vec::new();
    let mut areas = Vec::new();
    for (j, a) in r.areas.iter().enumerate() {
        let id = format!("ru-c{i}-a{}", j + 1);
        let mut u = unit(id.clone(), &a.name, "uk-counting-area".into());
        u.external_identifier
            .push(ext("countroom-area-id", &a.counting_area));
        u.external_identifier
            .push(ext("uk-collation-status", a.status));
        if a.recounts > 0 {
            u.external_identifier.push(ext("uk-recounts", a.recounts));
        }
        if a.status != "missing" && a.votes.len() == r.options.len() {
            if let Some(rejected) = a.rejected {
                let n = cast(
                    &r.contest,
                    &format!("area {}", a.counting_area),
                    &a.votes,
                    rejected,
                )?;
                u.voters_participated = Some(n);
                ballot_counts.push(ballots(&id, Some(n), Some(rejected)));
            }
            sub_counts.push((id.clone(), &a.votes));
        }
        areas.push(u);
    }
    let reported = r.areas.iter().filter(|a| a.status != "missing").count() as u64;
    let in_poll = r.areas.len() as u64;
    area_unit.composing_gp_unit_ids = areas.iter().map(|u| u.id.clone()).collect();
    area_unit.sub_units_reported = Some(reported);
    area_unit.total_sub_units = Some(in_poll);
    units.push(area_unit);
    units.extend(areas);

    let status_of = |elected: bool| match (elected, declared, known) {
        (true, true, _) => Some("winner"),
        (true, false, true) => Some("projected-winner"),
        (false, true, _) => Some("defeated"),
        _ => None,
    };
    let mut candidates = Vec::new();
    let mut selections = Vec::new();
    for (k, o) in r.options.iter().enumerate() {
        let order = k + 1;
        let mut counts = vec![votes(&district, None, Number::Whole(o.votes))];
        for (gp, area_votes) in &sub_counts {
            if let Some(v) = area_votes.get(k) {
                counts.push(votes(gp, None, Number::Whole(*v)));
            }
        }
        let id = format!("sel-c{i}-{order}");
        if o.individual {
            let candidate_id = format!("can-c{i}-{order}");
            let mut ids = vec![
                ext("countroom-candidate-id", &o.id),
                ext("uk-list-individual", true),
            ];
            if let Some(m) = r.rounds.iter().find(|m| m.option == o.id) {
                ids.push(ext("uk-seat", m.seat));
            }
            candidates.push(Candidate {
                id: candidate_id.clone(),
                ty: ty("Candidate"),
                ballot_name: Text(o.name.clone()),
                external_identifier: ids,
                party_id: None,
                post_election_status: status_of(o.list_seats > 0),
            });
            selections.push(Selection::new(
                id,
                order,
                counts,
                false,
                (&o.id, &o.name),
                &candidate_id,
            ));
        } else {
            let party_id = parties.id(&o.name);
            let mut selection = Selection::new(id, order, counts, false, (&o.id, &o.name), "");
            selection.ty = ty("PartySelection");
            selection.candidate_ids = Vec::new();
            selection.party_ids = vec![party_id.clone()];
            selections.push(selection);
            // The members returned from its list by the allocation, seat
            // by seat (a later vacancy is an `uk-list-vacancy`).
            for (m, name) in r
                .rounds
                .iter()
                .filter(|m| m.option == o.id)
                .filter_map(|m| Some((m, m.member.as_deref()?)))
            {
                let mut ids = vec![
                    ext("countroom-list-option-id", &o.id),
                    ext("uk-seat", m.seat),
                ];
                if let Some(p) = o.list.iter().find(|p| p.name == name) {
                    ids.push(ext("uk-list-position", p.position));
                }
                candidates.push(Candidate {
                    id: format!("can-c{i}-m{}", m.seat),
                    ty: ty("Candidate"),
                    ballot_name: Text(name.to_owned()),
                    external_identifier: ids,
                    party_id: Some(party_id.clone()),
                    post_election_status: status_of(true),
                });
            }
        }
    }

    // What the standard has no element for.
    let mut ids = vec![
        ext("countroom-contest-id", &r.contest),
        ext("uk-ruleset", r.ruleset),
        ext("uk-list-system", r.system),
        ext("uk-list-method", r.method),
        ext("uk-seats", r.seats),
        ext("uk-count-status", r.status),
    ];
    if let Some(t) = &r.threshold {
        ids.push(ext("uk-threshold", t));
    }
    for o in &r.options {
        if r.method == "ams" {
            ids.push(ext(
                "uk-constituency-seats",
                format!("{}: {}", o.name, o.constituency_seats),
            ));
        }
        ids.push(ext(
            "uk-list-seats",
            format!("{}: {}", o.name, o.list_seats),
        ));
        if let Some(d) = o.disregarded {
            ids.push(ext("uk-list-disregarded", format!("{}: {d}", o.name)));
        }
    }
    for round in &r.rounds {
        ids.push(ext(
            "uk-list-round",
            format!(
                "{}: {} {} / {} = {} ({}){}",
                round.seat,
                round.name,
                round.votes,
                round.divisor,
                round.figure.as_deref().unwrap_or("-"),
                round.figure_exact,
                if round.tie == "none" {
                    String::new()
                } else {
                    format!(", equal figures settled: {}", round.tie)
                }
            ),
        ));
    }
    if let Some(n) = &r.next {
        ids.push(ext(
            "uk-list-next",
            format!(
                "{} {} ({})",
                n.name,
                n.figure.as_deref().unwrap_or("-"),
                n.figure_exact
            ),
        ));
    }
    for lot in &r.lots {
        ids.push(ext(
            "uk-lot",
            format!(
                "seat {}: between {}, fell on {}",
                lot.round,
                lot.tied.join(" "),
                lot.winner
            ),
        ));
    }
    if let Some(d) = &r.declaration {
        ids.push(ext("uk-declared-by", d.officer.as_deref().unwrap_or(&d.by)));
        if let Some(at) = &d.at {
            ids.push(ext("uk-declared-at", at));
        }
    }
    for v in &r.vacancies {
        ids.push(ext(
            "uk-list-vacancy",
            format!(
                "{} ({}): {}{}",
                v.vacating,
                // The party's name, as the text and HTML give it (an
                // individual candidate's own name is not repeated).
                if r.is_individual(&v.party) {
                    "individual candidate".to_owned()
                } else {
                    r.option_name(&v.party)
                },
                v.filled_by
                    .as_deref()
                    .map_or_else(|| "remains vacant".to_owned(), |f| format!("filled by {f}")),
                if v.declined.is_empty() {
                    String::new()
                } else {
                    format!("; declined: {}", v.declined.join(", "))
                }
            ),
        ));
    }
    let contest = Contest {
        id: format!("con-{i}"),
        ty: ty("PartyContest"),
        contest_selection: selections,
        count_status: [CountStatus {
            ty: ty("CountStatus"),
            status: if known { "completed" } else { "in-process" },
            kind: "total",
        }],
        election_district_id: district,
        external_identifier: ids,
        name: r.title.clone(),
        other_counts: Vec::new(),
        sequence_order: i,
        sub_units_reported: Some(reported),
        total_sub_units: Some(in_poll),
        vote_variation: "proportional",
        other_vote_variation: None,
        number_elected: None,
        office_ids: Vec::new(),
        votes_allowed: None,
        measure_type: None,
    };
    Ok(ContestParts {
        contest,
        candidates,
        ballot_counts,
        units,
        offices: Vec::new(),
    })
}

/// `at` as the standard's `DateTimeWithZone`, or none when it is not an
/// RFC 3339 time: as recorded when it has whole seconds, else with the
/// fraction of a second dropped and the offset as `+HH:MM`.
fn date_time(at: &str) -> Option<(time::OffsetDateTime, String)> {
    let t = time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok()?;
    // `2030-03-15T02:10:00Z` (20) or `2030-03-15T02:10:00+01:00` (25).
    if at.len() == 20 || at.len() == 25 {
        return Some((t, at.to_owned()));
    }
    let text = t
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
        ))
        .ok()?;
    Some((t, text))
}

fn generated_date(report: &Report) -> String {
    // Every entry the document reflects with a time: the declarations, and
    // a list contest's lots (a round settled by lot) and later vacancies (a vacancy
    // filled after the declaration is in the document as
    // `uk-list-vacancy`, so the document is no older than it).
    let latest = report
        .contests
        .iter()
        .filter_map(|c| c.declaration.as_ref()?.at.as_deref())
        .chain(report.list_contests.iter().flat_map(|c| {
            c.declaration
                .iter()
                .filter_map(|d| d.at.as_deref())
                .chain(c.lots.iter().filter_map(|l| l.at.as_deref()))
                .chain(c.vacancies.iter().filter_map(|v| v.at.as_deref()))
        }))
        .filter_map(date_time)
        .fold(
            None::<(time::OffsetDateTime, String)>,
            |best, next| match best {
                Some(b) if b.0 >= next.0 => Some(b),
                _ => Some(next),
            },
        );
    match latest {
        Some((_, text)) => text,
        None => {
            let day = report
                .contests
                .iter()
                .map(|c| c.contest.poll_date)
                .chain(report.list_contests.iter().map(|c| c.poll_date))
                .max()
                .map_or_else(|| "1970-01-01".to_owned(), |d| d.to_string());
            format!("{day}T00:00:00Z")
        }
    }
}

fn build(report: &Report) -> Result<ElectionReport, ResultFormatError> {
    // The elections, in the order their first contest appears.
    let mut groups: Vec<(&str, Vec<(usize, &ContestReport)>)> = Vec::new();
    for (k, c) in report.contests.iter().enumerate() {
        let i = k + 1;
        match groups.iter_mut().find(|(e, _)| *e == c.contest.election) {
            Some((_, list)) => list.push((i, c)),
            None => groups.push((&c.contest.election, vec![(i, c)])),
        }
    }
    let mut parties = Parties::default();
    let mut gp_units = Vec::new();
    let mut offices = Vec::new();
    let mut elections = Vec::new();
    for (n, (election_id, contests)) in groups.iter().enumerate() {
        let scope = format!("ru-e{}", n + 1);
        let first = contests.first().map(|(_, c)| &c.contest);
        let name = first.map_or("", |c| c.election_name.as_str());
        let mut scope_unit = unit(scope.clone(), name, "uk-election".into());
        scope_unit.composing_gp_unit_ids =
            contests.iter().map(|(i, _)| format!("ru-c{i}")).collect();
        scope_unit
            .external_identifier
            .push(ext("countroom-election-id", election_id));
        gp_units.push(scope_unit);
        let mut election = Election {
            ty: ty("Election"),
            ballot_counts: Vec::new(),
            candidate: Vec::new(),
            contest: Vec::new(),
            election_scope_id: scope,
            external_identifier: vec![ext("countroom-election-id", election_id)],
            name: Text(name.to_owned()),
            start_date: contests
                .iter()
                .map(|(_, c)| c.contest.poll_date.to_string())
                .min()
                .unwrap_or_default(),
            end_date: contests
                .iter()
                .map(|(_, c)| c.contest.poll_date.to_string())
                .max()
                .unwrap_or_default(),
            kind: "general",
            other_type: None,
        };
        if contests
            .iter()
            .all(|(_, c)| c.contest.method == "referendum")
        {
            election.kind = "other";
            election.other_type = Some("referendum");
        } else if contests.iter().all(|(_, c)| {
            !c.contest.vacancies.is_empty()
                && c.contest.vacancies.iter().all(|v| v.kind == "casual")
        }) {
            election.kind = "special";
        }
        for (i, c) in contests {
            let parts = contest_parts(*i, c, &mut parties)?;
            election.ballot_counts.extend(parts.ballot_counts);
            election.candidate.extend(parts.candidates);
            election.contest.push(parts.contest);
            gp_units.extend(parts.units);
            offices.extend(parts.offices);
        }
        elections.push(election);
    }
    // The list contests, numbered after the contests: each in the election
    // of the same name, or in one of its own.
    for (k, c) in report.list_contests.iter().enumerate() {
        let i = report.contests.len() + k + 1;
        let n = match elections.iter().position(|e| e.name.0 == c.election) {
            Some(n) => n,
            None => {
                let scope = format!("ru-e{}", elections.len() + 1);
                gp_units.push(unit(scope.clone(), &c.election, "uk-election".into()));
                elections.push(Election {
                    ty: ty("Election"),
                    ballot_counts: Vec::new(),
                    candidate: Vec::new(),
                    contest: Vec::new(),
                    election_scope_id: scope,
                    external_identifier: Vec::new(),
                    name: Text(c.election.clone()),
                    start_date: c.poll_date.to_string(),
                    end_date: c.poll_date.to_string(),
                    kind: "general",
                    other_type: None,
                });
                elections.len() - 1
            }
        };
        let parts = list_contest_parts(i, c, &mut parties)?;
        let scope_id = format!("ru-c{i}");
        if let Some(e) = elections.get_mut(n) {
            if let Some(u) = gp_units.iter_mut().find(|u| u.id == e.election_scope_id) {
                u.composing_gp_unit_ids.push(scope_id);
            }
            let poll_date = c.poll_date.to_string();
            if poll_date < e.start_date {
                e.start_date.clone_from(&poll_date);
            }
            if poll_date > e.end_date {
                e.end_date = poll_date;
            }
            e.ballot_counts.extend(parts.ballot_counts);
            e.candidate.extend(parts.candidates);
            e.contest.push(parts.contest);
        }
        gp_units.extend(parts.units);
    }

    let any = !report.contests.is_empty() || !report.list_contests.is_empty();
    let status = if any
        && report.contests.iter().all(|c| declared(c.status))
        && report.list_contests.iter().all(|c| list_outcome(c).1)
    {
        "certified"
    } else if any
        && report.contests.iter().all(|c| outcome_known(c.status))
        && report.list_contests.iter().all(|c| list_outcome(c).0)
    {
        "unofficial-complete"
    } else {
        "unofficial-partial"
    };
    let declaration = report
        .contests
        .iter()
        .find_map(|c| c.declaration.as_ref())
        .or_else(|| {
            report
                .list_contests
                .iter()
                .find_map(|c| c.declaration.as_ref())
        });
    let (issuer, abbreviation) = match declaration {
        Some(d) => (
            d.officer.clone().unwrap_or_else(|| d.by.clone()),
            d.by.clone(),
        ),
        None => (
            "Returning Officer (no result declared yet)".to_owned(),
            "RO".to_owned(),
        ),
    };
    let mut external = Vec::new();
    let mut notes = "Made by countroom from the count's report. Identifiers of type `other` (uk-…, countroom-…) are described in countroom's docs/formats.md, \"NIST ERR v2\".".to_owned();
    if let Some(e) = &report.evidence {
        external.push(ext("countroom-log-version", e.log_version));
        external.push(ext("countroom-log-chain-head", &e.chain_head));
        external.push(ext("countroom-log-tamper-evident", e.tamper_evident));
        for c in &e.coverage {
            external.push(ext("countroom-log-signatures", c));
        }
        external.push(ext("countroom-log-authority", e.authority_line()));
        notes.push_str(&format!(
            " Count log format version {}, chain head {}{}.",
            e.log_version,
            e.chain_head,
            if e.tamper_evident {
                ""
            } else {
                " (not tamper-evident)"
            }
        ));
    }
    let version = report
        .evidence
        .as_ref()
        .map_or(env!("CARGO_PKG_VERSION"), |e| e.countroom);
    Ok(ElectionReport {
        ty: ty("ElectionReport"),
        election: elections,
        external_identifier: external,
        format: if report.contests.iter().any(|c| c.collation.is_some())
            || !report.list_contests.is_empty()
        {
            "precinct-level"
        } else {
            "summary-contest"
        },
        generated_date: generated_date(report),
        gp_unit: gp_units,
        issuer,
        issuer_abbreviation: abbreviation,
        notes,
        office: offices,
        party: parties.list,
        sequence_start: 1,
        sequence_end: 1,
        status,
        vendor_application_id: format!("countroom {version}"),
    })
}

/// One contest as a report of its own (for `count --out DIR`).
fn single(contest: &ContestReport) -> Report {
    Report::new(vec![contest.clone()]).evidence(contest.evidence.clone())
}

/// One list contest as a report of its own (for `count --out DIR`).
fn single_list(contest: &ListContestReport) -> Report {
    Report::new(Vec::new())
        .list_contests(vec![contest.clone()])
        .evidence(contest.evidence.clone())
}

/// One list contest as an ERR JSON document.
///
/// # Errors
/// As [`err_json`].
pub fn err_list_contest_json(contest: &ListContestReport) -> Result<Vec<u8>, ResultFormatError> {
    err_json(&single_list(contest))
}

/// One list contest as an ERR XML document.
///
/// # Errors
/// As [`err_xml`].
pub fn err_list_contest_xml(contest: &ListContestReport) -> Result<Vec<u8>, ResultFormatError> {
    err_xml(&single_list(contest))
}

/// The report as a NIST SP 1500-100 v2 ERR JSON document, pretty-printed
/// and ending in a newline.
///
/// # Errors
/// [`ResultFormatError`] when a figure cannot be worked out or the JSON
/// cannot be written; nothing is returned then.
pub fn err_json(report: &Report) -> Result<Vec<u8>, ResultFormatError> {
    let mut out = serde_json::to_vec_pretty(&build(report)?)?;
    out.push(b'\n');
    Ok(out)
}

/// One contest as an ERR JSON document.
///
/// # Errors
/// As [`err_json`].
pub fn err_contest_json(contest: &ContestReport) -> Result<Vec<u8>, ResultFormatError> {
    err_json(&single(contest))
}

/// The report as a NIST SP 1500-100 v2 ERR XML document (UTF-8, indented
/// by two spaces, ending in a newline).
///
/// # Errors
/// [`ResultFormatError`] when a figure cannot be worked out or the XML
/// cannot be written; nothing is returned then.
pub fn err_xml(report: &Report) -> Result<Vec<u8>, ResultFormatError> {
    let doc = build(report)?;
    let mut x = Xml(Writer::new_with_indent(Vec::new(), b' ', 2));
    x.0.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.report(&doc)?;
    let mut out = x.0.into_inner();
    out.push(b'\n');
    Ok(out)
}

/// One contest as an ERR XML document.
///
/// # Errors
/// As [`err_xml`].
pub fn err_contest_xml(contest: &ContestReport) -> Result<Vec<u8>, ResultFormatError> {
    err_xml(&single(contest))
}

/// What a collation's ERR document needs beyond its figures.
#[derive(Debug, Clone, Copy)]
pub struct CollationInfo<'a> {
    /// The poll's ruleset.
    pub ruleset: &'a countroom_rules::Ruleset,
    /// The poll date, `YYYY-MM-DD` (the election's `StartDate` and
    /// `EndDate`; `GeneratedDate` is this day at `T00:00:00Z`, never the
    /// clock).
    pub poll_date: &'a str,
}

/// A collated poll (`countroom collate`) as one ERR election of one
/// contest: the poll is the contest's electoral district, each region a
/// `ReportingUnit` composed of its counting areas, each counting area a
/// `ReportingUnit` with its votes, papers counted and rejected; rejected
/// papers by head are `BallotCounts` of type `other` (`uk-rejected:` and
/// the head's code) for the poll.
fn build_collation(
    plan: &countroom_collate::Plan,
    collated: &countroom_collate::Collated,
    info: CollationInfo<'_>,
) -> Result<ElectionReport, ResultFormatError> {
    use countroom_collate::{Figures, Method, Outcome};
    let measure = plan.method == Method::Referendum;
    let sv = plan.method == Method::SupplementaryVote;
    let district = "ru-c1".to_owned();
    let office = info.ruleset.scope.office.code();
    let complete = collated.missing.is_empty() && collated.unauthorised.is_empty();
    let round = sv.then_some(1);
    // Papers counted, when every area summed published them.
    let counted = |f: &Figures| (f.not_published() == 0).then(|| f.counted());
    let rejected = |f: &Figures| (f.not_published() == 0).then(|| f.rejected_total());

    let mut scope = unit("ru-e1".into(), &plan.poll, "uk-election".into());
    scope.composing_gp_unit_ids = vec![district.clone()];
    let mut poll = unit(
        district.clone(),
        &plan.poll,
        format!("uk-electoral-area:{office}"),
    );
    poll.voters_registered = collated.total.electorate();
    poll.voters_participated = counted(&collated.total);
    if let Some(t) = collated.total.turnout() {
        poll.external_identifier
            .push(ext("uk-turnout-ballot-box", t));
    }
    let mut ballot_counts = vec![ballots(
        &district,
        counted(&collated.total),
        rejected(&collated.total),
    )];
    if collated.total.not_published() == 0 {
        for (k, head) in plan.heads.iter().enumerate() {
            if let Some(&n) = collated.total.rejected().get(k) {
                let mut b = ballots(&district, None, Some(n));
                b.kind = "other";
                b.other_type = Some(format!("uk-rejected:{}", head.code()));
                ballot_counts.push(b);
            }
        }
    }
    // (unit id, figures) of every region and area that reported.
    let mut sub: Vec<(String, &Figures)> = Vec::new();
    let region_id = |id: &str| {
        plan.regions
            .iter()
            .position(|g| g.id == id)
            .map(|k| format!("ru-c1-r{}", k + 1))
    };
    let mut areas = Vec::new();
    for (j, a) in plan.areas.iter().enumerate() {
        let id = format!("ru-c1-a{}", j + 1);
        let mut u = unit(id.clone(), &a.name, "uk-counting-area".into());
        u.external_identifier.push(ext("countroom-area-id", &a.id));
        let result = collated.areas.iter().find(|r| r.area == a.id);
        let status = match result {
            None => "awaiting",
            Some(r) if r.authorised => "authorised",
            Some(_) => "reported",
        };
        u.external_identifier
            .push(ext("uk-collation-status", status));
        u.voters_registered = a.electorate;
        if let Some(r) = result {
            u.voters_registered = u.voters_registered.or(r.figures.electorate());
            u.voters_participated = counted(&r.figures);
            if r.figures.not_published() == 0 {
                ballot_counts.push(ballots(&id, counted(&r.figures), rejected(&r.figures)));
            } else {
                u.external_identifier
                    .push(ext("uk-papers", "not published"));
            }
            if let Some(t) = r.figures.turnout() {
                u.external_identifier.push(ext("uk-turnout-ballot-box", t));
            }
            sub.push((id.clone(), &r.figures));
        }
        areas.push((id, a.region.as_deref().and_then(region_id), u));
    }
    let reported = collated.areas.len() as u64;
    let total_units = plan.areas.len() as u64;
    let mut regions = Vec::new();
    for (k, g) in plan.regions.iter().enumerate() {
        let id = format!("ru-c1-r{}", k + 1);
        let mut u = unit(id.clone(), &g.name, "uk-collation-region".into());
        u.external_identifier
            .push(ext("countroom-region-id", &g.id));
        u.composing_gp_unit_ids = areas
            .iter()
            .filter(|(_, region, _)| region.as_deref() == Some(id.as_str()))
            .map(|(a, _, _)| a.clone())
            .collect();
        if let Some(r) = collated.regions.iter().find(|r| r.region == g.id) {
            u.voters_registered = r.figures.electorate();
            u.voters_participated = counted(&r.figures);
            if r.figures.not_published() == 0 {
                ballot_counts.push(ballots(&id, counted(&r.figures), rejected(&r.figures)));
            }
            if let Some(t) = r.figures.turnout() {
                u.external_identifier.push(ext("uk-turnout-ballot-box", t));
            }
            sub.push((id.clone(), &r.figures));
        }
        regions.push(u);
    }
    poll.composing_gp_unit_ids = if regions.is_empty() {
        areas.iter().map(|(a, _, _)| a.clone()).collect()
    } else {
        regions.iter().map(|g| g.id.clone()).collect()
    };
    poll.sub_units_reported = Some(reported);
    poll.total_sub_units = Some(total_units);

    let winner = match &collated.outcome {
        Outcome::Winner(w) | Outcome::WonByLot { winner: w, .. } => Some(*w),
        _ => None,
    };
    let mut candidates = Vec::new();
    let mut selections = Vec::new();
    for (k, choice) in plan.choices.iter().enumerate() {
        let order = k + 1;
        let mut counts = Vec::new();
        if let Some(&v) = collated.total.votes().get(k) {
            counts.push(votes(&district, round, Number::Whole(v)));
        }
        if sv && collated.total.second_counts() > 0 {
            if let Some(&v) = collated.total.second_votes().get(k) {
                counts.push(second_preferences(&district, v));
            }
            if let Some(&t) = collated.final_totals.as_ref().and_then(|t| t.get(k)) {
                counts.push(votes(&district, Some(2), Number::Whole(t)));
            }
        }
        for (gp, figures) in &sub {
            if let Some(&v) = figures.votes().get(k) {
                counts.push(votes(gp, round, Number::Whole(v)));
            }
            if sv && figures.second_counts() > 0 {
                if let Some(&v) = figures.second_votes().get(k) {
                    counts.push(second_preferences(gp, v));
                }
            }
        }
        let candidate_id = format!("can-c1-{order}");
        let selection = Selection::new(
            format!("sel-c1-{order}"),
            order,
            counts,
            measure,
            (&choice.id, &choice.name),
            &candidate_id,
        );
        if !measure {
            candidates.push(Candidate {
                id: candidate_id,
                ty: ty("Candidate"),
                ballot_name: Text(choice.name.clone()),
                external_identifier: vec![ext("countroom-candidate-id", &choice.id)],
                party_id: None,
                // Collated, not declared: the returning officer's
                // declaration is not in the local totals.
                post_election_status: match winner {
                    Some(w) if w == k && complete => Some("projected-winner"),
                    _ => None,
                },
            });
        }
        selections.push(selection);
    }
    let name = |i: &usize| plan.choices.get(*i).map_or("", |c| c.name.as_str());
    let outcome = match &collated.outcome {
        Outcome::Incomplete => "incomplete".to_owned(),
        Outcome::Winner(w) => format!("{} has more votes", name(w)),
        Outcome::Equality(t) => format!(
            "equality of votes between {}",
            t.iter().map(name).collect::<Vec<_>>().join(", ")
        ),
        Outcome::WonByLot { winner, .. } => format!("{} by lot", name(winner)),
        Outcome::SecondCountNeeded(_) | Outcome::SecondCountInProgress { .. } => {
            "second count not completed".to_owned()
        }
    };
    let ids = vec![
        ext("countroom-contest-id", &plan.poll),
        ext("uk-ruleset", info.ruleset.code),
        ext("uk-instrument", info.ruleset.instrument),
        ext("uk-collation-outcome", outcome),
    ];
    let (variation, other_variation) = match plan.method {
        Method::SupplementaryVote => ("other", Some("supplementary-vote")),
        _ => ("plurality", None),
    };
    let contest = Contest {
        id: "con-1".into(),
        ty: ty(if measure {
            "BallotMeasureContest"
        } else {
            "CandidateContest"
        }),
        contest_selection: selections,
        count_status: [CountStatus {
            ty: ty("CountStatus"),
            status: if complete { "completed" } else { "in-process" },
            kind: "total",
        }],
        election_district_id: district.clone(),
        external_identifier: ids,
        name: plan.poll.clone(),
        other_counts: Vec::new(),
        sequence_order: 1,
        sub_units_reported: Some(reported),
        total_sub_units: Some(total_units),
        vote_variation: variation,
        other_vote_variation: other_variation,
        number_elected: (!measure).then_some(1),
        office_ids: Vec::new(),
        votes_allowed: (!measure).then_some(if sv { 2 } else { 1 }),
        measure_type: measure.then_some("referendum"),
    };
    let mut gp_units = vec![scope, poll];
    gp_units.extend(regions);
    gp_units.extend(areas.into_iter().map(|(_, _, u)| u));
    let (kind, other_type) = if measure {
        ("other", Some("referendum"))
    } else {
        ("general", None)
    };
    let election = Election {
        ty: ty("Election"),
        ballot_counts,
        candidate: candidates,
        contest: vec![contest],
        election_scope_id: "ru-e1".into(),
        external_identifier: Vec::new(),
        name: Text(plan.poll.clone()),
        start_date: info.poll_date.to_owned(),
        end_date: info.poll_date.to_owned(),
        kind,
        other_type,
    };
    Ok(ElectionReport {
        ty: ty("ElectionReport"),
        election: vec![election],
        external_identifier: Vec::new(),
        format: "precinct-level",
        generated_date: format!("{}T00:00:00Z", info.poll_date),
        gp_unit: gp_units,
        issuer: "Counting or collating officer (not recorded: collated by countroom from local totals)".into(),
        issuer_abbreviation: "CO".into(),
        notes: "Made by countroom from a collation of local totals (`countroom collate`), not from a count log. Identifiers of type `other` (uk-…, countroom-…) are described in countroom's docs/formats.md, \"NIST ERR v2\".".into(),
        office: Vec::new(),
        party: Vec::new(),
        sequence_start: 1,
        sequence_end: 1,
        status: if complete {
            "unofficial-complete"
        } else {
            "unofficial-partial"
        },
        vendor_application_id: format!("countroom {}", env!("CARGO_PKG_VERSION")),
    })
}

/// A collated poll as a NIST SP 1500-100 v2 ERR JSON document: the poll as
/// one contest whose electoral district is composed of its regions and
/// counting areas as `ReportingUnit`s (docs/formats.md, "NIST ERR v2").
///
/// # Errors
/// [`ResultFormatError`] when the JSON cannot be written; nothing is
/// returned then.
pub fn err_collation_json(
    plan: &countroom_collate::Plan,
    collated: &countroom_collate::Collated,
    info: CollationInfo<'_>,
) -> Result<Vec<u8>, ResultFormatError> {
    let mut out = serde_json::to_vec_pretty(&build_collation(plan, collated, info)?)?;
    out.push(b'\n');
    Ok(out)
}

/// A collated poll as a NIST SP 1500-100 v2 ERR XML document.
///
/// # Errors
/// As [`err_collation_json`].
pub fn err_collation_xml(
    plan: &countroom_collate::Plan,
    collated: &countroom_collate::Collated,
    info: CollationInfo<'_>,
) -> Result<Vec<u8>, ResultFormatError> {
    let doc = build_collation(plan, collated, info)?;
    let mut x = Xml(Writer::new_with_indent(Vec::new(), b' ', 2));
    x.0.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.report(&doc)?;
    let mut out = x.0.into_inner();
    out.push(b'\n');
    Ok(out)
}

type XmlResult = Result<(), std::io::Error>;

/// The XML writer, element by element in the XSD's sequence order. Text
/// is escaped with `partial_escape` (`&`, `<`, `>`, and a carriage return
/// as `&#13;`); quotes need no escaping in element text.
struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        let mut start = BytesStart::new(name);
        for a in attrs {
            start.push_attribute(*a);
        }
        self.0.write_event(Event::Start(start))
    }

    fn close(&mut self, name: &str) -> XmlResult {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    fn leaf(&mut self, name: &str, text: &str) -> XmlResult {
        self.0
            .create_element(name)
            .write_text_content(BytesText::from_escaped(partial_escape(text)))
            .map(|_| ())
    }

    fn opt<T: std::fmt::Display>(&mut self, name: &str, value: Option<T>) -> XmlResult {
        match value {
            Some(v) => self.leaf(name, &v.to_string()),
            None => Ok(()),
        }
    }

    /// `xsd:IDREFS`: space-separated, left out when empty.
    fn idrefs(&mut self, name: &str, ids: &[String]) -> XmlResult {
        if ids.is_empty() {
            return Ok(());
        }
        self.leaf(name, &ids.join(" "))
    }

    fn text(&mut self, name: &str, text: &Text) -> XmlResult {
        self.open(name, &[])?;
        self.0
            .create_element("Text")
            .with_attribute(("Language", "en"))
            .write_text_content(BytesText::from_escaped(partial_escape(text.0.as_str())))?;
        self.close(name)
    }

    fn external(&mut self, ids: &[ExternalIdentifier]) -> XmlResult {
        for e in ids {
            self.open("ExternalIdentifier", &[])?;
            self.leaf("Type", e.kind)?;
            self.leaf("OtherType", &e.other_type)?;
            self.leaf("Value", &e.value)?;
            self.close("ExternalIdentifier")?;
        }
        Ok(())
    }

    fn report(&mut self, r: &ElectionReport) -> XmlResult {
        self.open(
            "ElectionReport",
            &[("xmlns", XML_NAMESPACE), ("xmlns:xsi", XSI)],
        )?;
        for e in &r.election {
            self.election(e)?;
        }
        self.external(&r.external_identifier)?;
        self.leaf("Format", r.format)?;
        self.leaf("GeneratedDate", &r.generated_date)?;
        for u in &r.gp_unit {
            self.unit(u)?;
        }
        self.leaf("Issuer", &r.issuer)?;
        self.leaf("IssuerAbbreviation", &r.issuer_abbreviation)?;
        self.leaf("Notes", &r.notes)?;
        for o in &r.office {
            self.open("Office", &[("ObjectId", &o.id)])?;
            self.leaf("ElectionDistrictId", &o.election_district_id)?;
            self.text("Name", &o.name)?;
            self.open("Term", &[])?;
            if let Some(end) = &o.term.end_date {
                self.leaf("EndDate", end)?;
            }
            self.leaf("Type", o.term.kind)?;
            self.close("Term")?;
            self.close("Office")?;
        }
        for p in &r.party {
            self.open("Party", &[("ObjectId", &p.id)])?;
            self.text("Name", &p.name)?;
            self.close("Party")?;
        }
        self.leaf("SequenceStart", &r.sequence_start.to_string())?;
        self.leaf("SequenceEnd", &r.sequence_end.to_string())?;
        self.leaf("Status", r.status)?;
        self.leaf("VendorApplicationId", &r.vendor_application_id)?;
        self.close("ElectionReport")
    }

    fn unit(&mut self, u: &ReportingUnit) -> XmlResult {
        self.open(
            "GpUnit",
            &[("ObjectId", &u.id), ("xsi:type", "ReportingUnit")],
        )?;
        self.idrefs("ComposingGpUnitIds", &u.composing_gp_unit_ids)?;
        self.external(&u.external_identifier)?;
        self.text("Name", &u.name)?;
        self.opt("SubUnitsReported", u.sub_units_reported)?;
        self.opt("TotalSubUnits", u.total_sub_units)?;
        self.leaf("Type", u.kind)?;
        self.leaf("OtherType", &u.other_type)?;
        self.opt("VotersParticipated", u.voters_participated)?;
        self.opt("VotersRegistered", u.voters_registered)?;
        self.close("GpUnit")
    }

    fn election(&mut self, e: &Election) -> XmlResult {
        self.open("Election", &[])?;
        for b in &e.ballot_counts {
            self.open("BallotCounts", &[])?;
            self.leaf("GpUnitId", &b.gp_unit_id)?;
            self.opt("Round", b.round)?;
            self.leaf("Type", b.kind)?;
            self.opt("OtherType", b.other_type.as_deref())?;
            self.opt("BallotsCast", b.ballots_cast)?;
            self.opt("BallotsRejected", b.ballots_rejected)?;
            self.close("BallotCounts")?;
        }
        for c in &e.candidate {
            self.open("Candidate", &[("ObjectId", &c.id)])?;
            self.text("BallotName", &c.ballot_name)?;
            self.external(&c.external_identifier)?;
            self.opt("PartyId", c.party_id.as_deref())?;
            self.opt("PostElectionStatus", c.post_election_status)?;
            self.close("Candidate")?;
        }
        for c in &e.contest {
            self.contest(c)?;
        }
        self.leaf("ElectionScopeId", &e.election_scope_id)?;
        self.external(&e.external_identifier)?;
        self.text("Name", &e.name)?;
        self.leaf("StartDate", &e.start_date)?;
        self.leaf("EndDate", &e.end_date)?;
        self.leaf("Type", e.kind)?;
        self.opt("OtherType", e.other_type)?;
        self.close("Election")
    }

    fn contest(&mut self, c: &Contest) -> XmlResult {
        let kind = c.ty.strip_prefix(NS).unwrap_or(&c.ty);
        self.open("Contest", &[("ObjectId", &c.id), ("xsi:type", kind)])?;
        for s in &c.contest_selection {
            let kind = s.ty.strip_prefix(NS).unwrap_or(&s.ty);
            self.open(
                "ContestSelection",
                &[("ObjectId", &s.id), ("xsi:type", kind)],
            )?;
            self.leaf("SequenceOrder", &s.sequence_order.to_string())?;
            for v in &s.vote_counts {
                self.open("VoteCounts", &[])?;
                self.leaf("GpUnitId", &v.gp_unit_id)?;
                self.opt("Round", v.round)?;
                self.leaf("Type", v.kind)?;
                self.opt("OtherType", v.other_type)?;
                self.leaf("Count", &v.count.to_string())?;
                self.close("VoteCounts")?;
            }
            self.idrefs("CandidateIds", &s.candidate_ids)?;
            self.idrefs("PartyIds", &s.party_ids)?;
            self.external(&s.external_identifier)?;
            if let Some(text) = &s.selection {
                self.text("Selection", text)?;
            }
            self.close("ContestSelection")?;
        }
        for s in &c.count_status {
            self.open("CountStatus", &[])?;
            self.leaf("Status", s.status)?;
            self.leaf("Type", s.kind)?;
            self.close("CountStatus")?;
        }
        self.leaf("ElectionDistrictId", &c.election_district_id)?;
        self.external(&c.external_identifier)?;
        self.leaf("Name", &c.name)?;
        for o in &c.other_counts {
            self.open("OtherCounts", &[])?;
            self.leaf("GpUnitId", &o.gp_unit_id)?;
            self.leaf("Undervotes", &o.undervotes.to_string())?;
            self.close("OtherCounts")?;
        }
        self.leaf("SequenceOrder", &c.sequence_order.to_string())?;
        self.opt("SubUnitsReported", c.sub_units_reported)?;
        self.opt("TotalSubUnits", c.total_sub_units)?;
        self.leaf("VoteVariation", c.vote_variation)?;
        self.opt("OtherVoteVariation", c.other_vote_variation)?;
        self.opt("NumberElected", c.number_elected)?;
        self.idrefs("OfficeIds", &c.office_ids)?;
        self.opt("VotesAllowed", c.votes_allowed)?;
        self.opt("Type", c.measure_type)?;
        self.close("Contest")
    }
}
