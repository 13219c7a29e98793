//! The collation as domain values: each counting area's local total and the
//! collating officer's checks, the regions, the whole poll and, at a
//! multi-area supplementary vote, the second count (PCCEO 2012 Sch 3
//! rr.57–62; the Combined Authorities (Mayoral Elections) Order 2017 Sch 1
//! as applied; PVSCA 2011 Sch 2 rr.39, 42(5)). Read at the edge from the
//! wire report (`countroom_count::CollationStatement` inside a
//! `ContestReport`) as [`crate::ResultSheet`] and [`crate::Statements`]
//! are; the wire report, and every rendered byte, is unchanged.

use std::fmt;

use countroom_count::{ContestReport, ListContestReport, Report};
use countroom_model::{
    CandidateId, ContestId, CountingAreaId, Electorate, Papers, RegionId, Votes,
};

use crate::documents::DocumentError;
use crate::statements::Percentage;

/// Where a counting area's local total stands with the collating officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AreaStatus {
    /// No local total reported yet.
    Awaiting,
    /// A re-count ordered by the collating officer (PCCEO 2012 Sch 3
    /// r.58) and its total not yet reported again.
    AwaitingRecount,
    /// Reported, not yet authorised.
    Reported,
    /// Authorised by the collating officer (r.57).
    Authorised,
}

impl fmt::Display for AreaStatus {
    /// The collation table's wording: `awaiting`, `re-count`, `reported`,
    /// `authorised`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AreaStatus::Awaiting => "awaiting",
            AreaStatus::AwaitingRecount => "re-count",
            AreaStatus::Reported => "reported",
            AreaStatus::Authorised => "authorised",
        })
    }
}

/// One counting area's local total and the collating officer's checks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CollatedArea {
    /// The counting area.
    pub area: CountingAreaId,
    /// Its name.
    pub name: String,
    /// Its region's id, if the poll has regions.
    pub region: Option<RegionId>,
    /// Where its total stands.
    pub status: AreaStatus,
    /// Re-counts the collating officer ordered in it.
    pub recounts: u32,
    /// Its electorate, if given.
    pub electorate: Option<Electorate>,
    /// Ballot papers going forward to the count (once reported).
    pub papers_forward: Option<Papers>,
    /// Votes by candidate, in ballot-paper order (empty until reported).
    pub votes: Vec<(CandidateId, Votes)>,
    /// Rejected papers, all heads (once reported).
    pub rejected: Option<Papers>,
    /// The variance: papers counted (valid + rejected) − papers going
    /// forward.
    pub counted_less_forward: Option<i128>,
    /// Papers going forward − papers verified (polling station and postal).
    pub forward_less_verified: Option<i128>,
    /// The area's explanation of its variances.
    pub explanation: Option<String>,
    /// A variance waits for its explanation before the total can be
    /// authorised.
    pub needs_explanation: bool,
    /// Second preferences counted by candidate (supplementary vote, once
    /// the area reports its second count).
    pub second_votes: Option<Vec<(CandidateId, Votes)>>,
    /// Papers rejected at the area's second count.
    pub second_rejected: Option<Papers>,
    /// Ballot-box turnout.
    pub turnout: Option<Percentage>,
    /// Who authorised the total now standing and when (the log's
    /// `local_total_authorised` entry), where the status is
    /// [`AreaStatus::Authorised`] and the view was read through
    /// [`crate::Count::collations`]; `None` from
    /// [`Collation::from_report`], since the wire report does not carry it.
    pub authorisation: Option<Authorisation>,
}

/// Who authorised a counting area's local total, and when, as the log
/// records it (PCCEO 2012 Sch 3 r.57: the collating officer's
/// authorisation; GLA Elections Rules 2007 and the Scottish Parliament
/// Order 2015 likewise for a list poll's constituency totals).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Authorisation {
    /// The entry's position in the log.
    pub seq: u64,
    /// Who recorded the authorisation: the entry's `by` (a person's id once
    /// the log records appointments; free text in an old version 1 log).
    pub by: String,
    /// When, as the entry records it (free text, typically RFC 3339, kept
    /// as written: [`countroom_count::EntryTime::rfc3339`] reads it; the
    /// engine never reads a clock and never interprets it); `None` when
    /// the entry gives no time.
    pub at: Option<countroom_count::EntryTime>,
}

/// A region's sums of its areas' totals.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CollatedRegion {
    /// The region's id.
    pub id: RegionId,
    /// Its name.
    pub name: String,
    /// Areas reported in it.
    pub areas: u64,
    /// Electorate of those areas, if every one gives it.
    pub electorate: Option<Electorate>,
    /// Ballot papers going forward.
    pub papers_forward: Papers,
    /// Votes by candidate, in ballot-paper order.
    pub votes: Vec<(CandidateId, Votes)>,
    /// Rejected papers.
    pub rejected: Papers,
    /// Ballot-box turnout.
    pub turnout: Option<Percentage>,
}

/// The whole poll: the areas' totals summed (the contest's figures on the
/// wire report).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PollTotals {
    /// Ballot papers going forward from every area, where the report gives
    /// the figure (never taken as zero when it does not).
    pub papers_forward: Option<Papers>,
    /// Ballot papers counted (valid + rejected).
    pub papers_counted: Papers,
    /// Valid papers.
    pub valid_papers: Papers,
    /// Rejected papers.
    pub rejected: Papers,
    /// Counted − forward.
    pub variance: Option<i128>,
    /// Votes by candidate (first preferences at a supplementary vote), in
    /// ballot-paper order; a candidate whose figure the report does not
    /// give is left out (never shown as zero).
    pub votes: Vec<(CandidateId, Votes)>,
    /// The electorate (with the turnout, once the figures are final).
    pub electorate: Option<Electorate>,
    /// Ballot-box turnout, once the figures are final.
    pub turnout: Option<Percentage>,
}

/// One candidate remaining at a supplementary vote's second count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecondCountLine {
    /// The candidate.
    pub candidate: CandidateId,
    /// First preferences.
    pub first: Votes,
    /// Second preferences on the eliminated candidates' papers.
    pub second: Votes,
    /// First and second.
    pub total: Votes,
}

/// The second count of a multi-area supplementary vote: the candidates
/// every area was directed to count second preferences for, and the areas'
/// second counts summed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecondCount {
    /// The candidates remaining, for whom every area was directed to count.
    pub directed: Vec<CandidateId>,
    /// Whether every area's second count is in.
    pub completed: bool,
    /// Papers of the eliminated candidates to examine.
    pub to_examine: Papers,
    /// Each remaining candidate's figures (once every area has reported).
    pub lines: Vec<SecondCountLine>,
    /// Papers rejected as to the second preference, all areas.
    pub rejected: Papers,
}

/// The collation of a poll counted in counting areas.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Collation {
    /// The contest.
    pub contest: ContestId,
    /// Counting areas in the poll.
    pub areas_in_poll: usize,
    /// Each area, in the order the poll lists them.
    pub areas: Vec<CollatedArea>,
    /// Each region, in the order defined.
    pub regions: Vec<CollatedRegion>,
    /// The whole poll.
    pub whole_poll: Option<PollTotals>,
    /// Areas that have not reported.
    pub missing: Vec<CountingAreaId>,
    /// Areas reported but not authorised.
    pub unauthorised: Vec<CountingAreaId>,
    /// The second count, where every area was directed to count second
    /// preferences (supplementary vote).
    pub second_count: Option<SecondCount>,
}

impl Collation {
    /// The areas authorised.
    #[must_use]
    pub fn authorised(&self) -> usize {
        self.areas
            .iter()
            .filter(|a| a.status == AreaStatus::Authorised)
            .count()
    }
}

struct Reader<'a> {
    report: &'a ContestReport,
}

impl Reader<'_> {
    fn error(&self, field: &'static str, value: &str, expected: &'static str) -> DocumentError {
        DocumentError {
            contest: self.report.contest.id.clone(),
            field,
            value: value.to_owned(),
            expected,
        }
    }

    fn candidate(&self, field: &'static str, value: &str) -> Result<CandidateId, DocumentError> {
        CandidateId::new(value).map_err(|_| self.error(field, value, "a candidate's id"))
    }

    fn area(&self, field: &'static str, value: &str) -> Result<CountingAreaId, DocumentError> {
        CountingAreaId::new(value).map_err(|_| self.error(field, value, "a counting area's id"))
    }

    fn region(&self, field: &'static str, value: &str) -> Result<RegionId, DocumentError> {
        RegionId::new(value).map_err(|_| self.error(field, value, "a region's id"))
    }

    fn percentage(
        &self,
        field: &'static str,
        value: Option<&str>,
    ) -> Result<Option<Percentage>, DocumentError> {
        value
            .map(|v| {
                Percentage::parse(v).ok_or_else(|| self.error(field, v, "a percentage (NN.NN)"))
            })
            .transpose()
    }

    /// Figures in ballot-paper order paired with the candidates' ids: one
    /// figure per candidate, or the field is named.
    fn by_candidate(
        &self,
        field: &'static str,
        figures: &[u64],
    ) -> Result<Vec<(CandidateId, Votes)>, DocumentError> {
        if figures.len() != self.report.candidates.len() {
            return Err(self.error(
                field,
                &format!("{} figures", figures.len()),
                "one figure per candidate",
            ));
        }
        self.report
            .candidates
            .iter()
            .zip(figures)
            .map(|(c, &v)| Ok((self.candidate("candidates[].id", &c.id)?, Votes::new(v))))
            .collect()
    }
}

impl Collation {
    /// The collation of one contest's wire report; `None` for a contest not
    /// counted in counting areas.
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/exampleshire-mayor.jsonl"))?;
    /// let count = countroom_live::Count::open(&log)?;
    /// let collation = countroom_live::Collation::from_report(&count.documents().contests[0])?.unwrap();
    /// assert_eq!(collation.authorised(), 3);
    /// assert_eq!(collation.areas[1].status.to_string(), "authorised");
    /// assert_eq!(collation.areas[1].counted_less_forward, Some(-3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] naming the field when a value of the report
    /// does not read as its domain type.
    pub fn from_report(report: &ContestReport) -> Result<Option<Collation>, DocumentError> {
        let Some(col) = &report.collation else {
            return Ok(None);
        };
        let r = Reader { report };
        let id = report.contest.id.as_str();
        let contest =
            ContestId::new(id).map_err(|_| r.error("contest.id", id, "a contest's id"))?;
        let areas = col
            .areas
            .iter()
            .map(|a| {
                let status = match (a.status, a.recounts) {
                    ("awaiting", 0) => AreaStatus::Awaiting,
                    ("awaiting", _) => AreaStatus::AwaitingRecount,
                    ("reported", _) => AreaStatus::Reported,
                    ("authorised", _) => AreaStatus::Authorised,
                    (other, _) => {
                        return Err(r.error(
                            "collation.areas[].status",
                            other,
                            "awaiting, reported or authorised",
                        ))
                    }
                };
                let votes = if a.votes.is_empty() {
                    Vec::new()
                } else {
                    r.by_candidate("collation.areas[].votes", &a.votes)?
                };
                Ok(CollatedArea {
                    area: r.area("collation.areas[].id", &a.id)?,
                    name: a.name.clone(),
                    region: a
                        .region
                        .as_deref()
                        .map(|g| r.region("collation.areas[].region", g))
                        .transpose()?,
                    status,
                    recounts: a.recounts,
                    electorate: a.electorate.map(Electorate::new),
                    papers_forward: a.papers_forward.map(Papers::new),
                    votes,
                    rejected: a.rejected.map(Papers::new),
                    counted_less_forward: a.counted_less_forward,
                    forward_less_verified: a.forward_less_verified,
                    explanation: a.explanation.clone(),
                    needs_explanation: a.needs_explanation,
                    second_votes: a
                        .second_votes
                        .as_deref()
                        .map(|s| r.by_candidate("collation.areas[].second_votes", s))
                        .transpose()?,
                    second_rejected: a.second_rejected.map(Papers::new),
                    turnout: r.percentage("collation.areas[].turnout", a.turnout.as_deref())?,
                    authorisation: None,
                })
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        let regions = col
            .regions
            .iter()
            .map(|g| {
                Ok(CollatedRegion {
                    id: r.region("collation.regions[].id", &g.id)?,
                    name: g.name.clone(),
                    areas: g.areas,
                    electorate: g.electorate.map(Electorate::new),
                    papers_forward: Papers::new(g.papers_forward),
                    votes: r.by_candidate("collation.regions[].votes", &g.votes)?,
                    rejected: Papers::new(g.rejected),
                    turnout: r.percentage("collation.regions[].turnout", g.turnout.as_deref())?,
                })
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        let whole_poll = report
            .reconciliation
            .as_ref()
            .map(|x| {
                let votes = report
                    .candidates
                    .iter()
                    .filter_map(|c| c.votes.map(|v| (c, v)))
                    .map(|(c, v)| Ok((r.candidate("candidates[].id", &c.id)?, Votes::new(v))))
                    .collect::<Result<Vec<_>, DocumentError>>()?;
                Ok(PollTotals {
                    papers_forward: x.papers_verified.map(Papers::new),
                    papers_counted: Papers::new(x.papers_counted),
                    valid_papers: Papers::new(x.valid_papers),
                    rejected: Papers::new(x.rejected_papers),
                    variance: x.variance,
                    votes,
                    electorate: report
                        .turnout
                        .as_ref()
                        .map(|t| Electorate::new(t.electorate)),
                    turnout: r.percentage(
                        "turnout.ballot_box",
                        report
                            .turnout
                            .as_ref()
                            .and_then(|t| t.ballot_box.as_deref()),
                    )?,
                })
            })
            .transpose()?;
        let second_count = col
            .second_count_directed
            .as_ref()
            .map(|directed| {
                let directed = directed
                    .iter()
                    .map(|c| r.candidate("collation.second_count_directed[]", c))
                    .collect::<Result<Vec<_>, DocumentError>>()?;
                let wire = report
                    .supplementary_vote
                    .as_ref()
                    .and_then(|s| s.second_count.as_ref());
                let lines = report
                    .candidates
                    .iter()
                    .filter_map(|c| {
                        let (first, second, total) = (c.votes?, c.second_preferences?, c.total?);
                        Some((c, first, second, total))
                    })
                    .map(|(c, first, second, total)| {
                        Ok(SecondCountLine {
                            candidate: r.candidate("candidates[].id", &c.id)?,
                            first: Votes::new(first),
                            second: Votes::new(second),
                            total: Votes::new(total),
                        })
                    })
                    .collect::<Result<Vec<_>, DocumentError>>()?;
                Ok(SecondCount {
                    directed,
                    completed: wire.is_some_and(|w| w.completed),
                    to_examine: Papers::new(wire.map_or(0, |w| w.to_examine)),
                    lines,
                    rejected: Papers::new(wire.map_or(0, |w| w.rejected)),
                })
            })
            .transpose()?;
        let areas_named = |field: &'static str, ids: &[String]| {
            ids.iter()
                .map(|a| r.area(field, a))
                .collect::<Result<Vec<_>, DocumentError>>()
        };
        Ok(Some(Collation {
            contest,
            areas_in_poll: col.areas_in_poll,
            areas,
            regions,
            whole_poll,
            missing: areas_named("collation.missing[]", &col.missing)?,
            unauthorised: areas_named("collation.unauthorised[]", &col.unauthorised)?,
            second_count,
        }))
    }

    /// The collation of every contest of a wire report counted in counting
    /// areas, in its order.
    ///
    /// # Errors
    ///
    /// The first [`DocumentError`].
    pub fn all(report: &Report) -> Result<Vec<Collation>, DocumentError> {
        report
            .contests
            .iter()
            .filter_map(|c| Collation::from_report(c).transpose())
            .collect()
    }
}

/// One counting area's list total in a list contest (the constituency
/// totals of a regional poll of the additional member system, or the
/// counting areas of a Senedd closed-list poll) and where it stands with
/// the regional returning officer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListCollatedArea {
    /// The counting area.
    pub area: CountingAreaId,
    /// Its name.
    pub name: String,
    /// Where its total stands: awaiting (or awaiting a re-count), reported
    /// or authorised.
    pub status: AreaStatus,
    /// Re-counts ordered in it.
    pub recounts: u32,
    /// Ballot papers going forward (once reported).
    pub papers_forward: Option<Papers>,
    /// Votes by party or individual candidate, in the list contest's
    /// order (empty until reported).
    pub votes: Vec<(CandidateId, Votes)>,
    /// Rejected papers, all heads (once reported).
    pub rejected: Option<Papers>,
    /// Who authorised the total now standing and when, where authorised
    /// and read through [`crate::Count::list_collations`]; `None` from
    /// [`ListCollation::from_report`].
    pub authorisation: Option<Authorisation>,
}

/// A party's or individual candidate's votes in the region, summed over
/// the authorised counting areas.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListTotal {
    /// The party or individual candidate (the id its votes are reported
    /// under).
    pub option: CandidateId,
    /// Its name.
    pub name: String,
    /// An individual candidate rather than a registered party.
    pub individual: bool,
    /// Its votes in the region (authorised areas).
    pub votes: Votes,
}

/// The collation of a list contest: each counting area's list total and
/// its status, and the region's totals by party (read at the edge from the
/// wire report's `list_contests`, like [`Collation`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListCollation {
    /// The list contest.
    pub contest: ContestId,
    /// The region (or Senedd constituency, or London) as named.
    pub region: String,
    /// Each counting area, in the order defined.
    pub areas: Vec<ListCollatedArea>,
    /// The region's totals by party and individual candidate, in the list
    /// contest's order.
    pub totals: Vec<ListTotal>,
    /// All list votes in the region (authorised areas); `None` where the
    /// report gives no figure (past the largest count), never taken as
    /// zero.
    pub total_votes: Option<Votes>,
    /// Rejected list papers in the region (authorised areas).
    pub rejected: Papers,
}

impl ListCollation {
    /// The areas authorised.
    #[must_use]
    pub fn authorised(&self) -> usize {
        self.areas
            .iter()
            .filter(|a| a.status == AreaStatus::Authorised)
            .count()
    }

    /// The collation of one list contest's wire report.
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/exampleshire-region.jsonl"))?;
    /// let count = countroom_live::Count::open(&log)?;
    /// let list = countroom_live::ListCollation::from_report(&count.documents().list_contests[0])?;
    /// assert_eq!(list.authorised(), 3);
    /// assert_eq!(list.totals[0].option.as_str(), "SAL");
    /// assert_eq!(list.totals[0].votes.get(), 18_000 + 12_500 + 9_500);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] naming the field when a value of the report
    /// does not read as its domain type.
    pub fn from_report(report: &ListContestReport) -> Result<ListCollation, DocumentError> {
        let error = |field: &'static str, value: &str, expected: &'static str| DocumentError {
            contest: report.contest.clone(),
            field,
            value: value.to_owned(),
            expected,
        };
        let contest = ContestId::new(&report.contest)
            .map_err(|_| error("contest", &report.contest, "a contest's id"))?;
        let options = report
            .options
            .iter()
            .map(|o| {
                CandidateId::new(&o.id)
                    .map_err(|_| error("options[].id", &o.id, "a party's or candidate's id"))
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        let areas = report
            .areas
            .iter()
            .map(|a| {
                let status = match (a.status, a.recounts) {
                    ("missing", 0) => AreaStatus::Awaiting,
                    ("missing", _) => AreaStatus::AwaitingRecount,
                    ("reported", _) => AreaStatus::Reported,
                    ("authorised", _) => AreaStatus::Authorised,
                    (other, _) => {
                        return Err(error(
                            "areas[].status",
                            other,
                            "missing, reported or authorised",
                        ))
                    }
                };
                let votes = if a.votes.is_empty() {
                    Vec::new()
                } else if a.votes.len() == options.len() {
                    options
                        .iter()
                        .cloned()
                        .zip(a.votes.iter().map(|&v| Votes::new(v)))
                        .collect()
                } else {
                    return Err(error(
                        "areas[].votes",
                        &format!("{} figures", a.votes.len()),
                        "one figure per party or individual candidate",
                    ));
                };
                Ok(ListCollatedArea {
                    area: CountingAreaId::new(&a.counting_area).map_err(|_| {
                        error(
                            "areas[].counting_area",
                            &a.counting_area,
                            "a counting area's id",
                        )
                    })?,
                    name: a.name.clone(),
                    status,
                    recounts: a.recounts,
                    papers_forward: a.papers_forward.map(Papers::new),
                    votes,
                    rejected: a.rejected.map(Papers::new),
                    authorisation: None,
                })
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        let totals = report
            .options
            .iter()
            .zip(options)
            .map(|(o, option)| ListTotal {
                option,
                name: o.name.clone(),
                individual: o.individual,
                votes: Votes::new(o.votes),
            })
            .collect();
        Ok(ListCollation {
            contest,
            region: report.area.clone(),
            areas,
            totals,
            total_votes: report.total_votes.map(Votes::new),
            rejected: Papers::new(report.rejected),
        })
    }

    /// The collation of every list contest of a wire report, in its order.
    ///
    /// # Errors
    ///
    /// The first [`DocumentError`].
    pub fn all(report: &Report) -> Result<Vec<ListCollation>, DocumentError> {
        report
            .list_contests
            .iter()
            .map(ListCollation::from_report)
            .collect()
    }
}
