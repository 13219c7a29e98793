//! The STV stage sheet as domain values: each stage of a contest counted
//! by the single transferable vote through the log (what it did, with the
//! candidates' ids; each candidate's transfer and total as an exact
//! fixed-point [`VoteValue`] with its places, never floating point; the
//! non-transferable papers and the loss to truncation; the quota; who was
//! elected and excluded). Read at the edge from the wire report's
//! `stage_sheet` (`countroom_stv::StageSheet`, whose candidates are the
//! contest's standing candidates in ballot-paper order), as
//! [`crate::ResultSheet`] is; the wire report is unchanged.

use std::fmt;

use countroom_count::{ContestReport, Report};
use countroom_model::{CandidateId, ContestId, Papers};
use countroom_rules::{LotPurpose, StvRules};
use countroom_stv::{Action, StageSheet, Value};

use crate::documents::DocumentError;

/// Why a BLT ballot file gives no stage sheet ([`StvSheet::from_blt`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BltSheetError {
    /// The file does not read (every problem, each with its line).
    #[error("the ballot file does not read: {0}")]
    Blt(countroom_stv::BltErrors),
    /// The count stops (a tie only a lot decides: recorded through a log,
    /// never drawn here; a figure too large).
    #[error("the count stops: {0}")]
    Count(countroom_stv::StvError),
    /// The ids given do not match the file's candidates.
    #[error("{0}")]
    Document(#[from] DocumentError),
}

/// An exact vote value in fixed point: `units` units of 10^-`places` of a
/// vote (the Scottish rules count to five places, SLGEO 2011 Sch 1
/// r.49(3); Northern Ireland's to two, ELA(NI) 1962 Sch 5 r.49(4)).
/// `VoteValue::new(833_310, 5)` is 8.33310 votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VoteValue {
    units: i64,
    places: u32,
}

impl VoteValue {
    /// A value of `units` units of 10^-`places`; `None` past nine places.
    #[must_use]
    pub fn new(units: i64, places: u32) -> Option<VoteValue> {
        countroom_stv::value::scale(places).map(|_| VoteValue { units, places })
    }

    /// The value in units of 10^-places (negative for the candidate whose
    /// surplus or papers a stage transfers).
    #[must_use]
    pub fn units(self) -> i64 {
        self.units
    }

    /// The decimal places: the scale of [`VoteValue::units`].
    #[must_use]
    pub fn places(self) -> u32 {
        self.places
    }
}

impl fmt::Display for VoteValue {
    /// As on the stage sheet: `8.33310`, `-10.00000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Value::from_units(self.units).fixed(self.places))
    }
}

/// What a stage did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StageAction {
    /// Stage 1: the first preferences (SLGEO 2011 Sch 1 r.46; ELA(NI) 1962
    /// Sch 5 r.47).
    FirstPreferences,
    /// The transfer of this candidate's surplus (r.48–49).
    Surplus(CandidateId),
    /// The exclusion of this candidate (r.50–51).
    Exclusion(CandidateId),
    /// The exclusion of several candidates together (ELA(NI) 1962 Sch 5
    /// r.51(12)).
    BulkExclusion(Vec<CandidateId>),
}

impl fmt::Display for StageAction {
    /// `first preferences`, `surplus of FRASER`, `exclusion of WATT`,
    /// `exclusion of A, B`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StageAction::FirstPreferences => f.write_str("first preferences"),
            StageAction::Surplus(c) => write!(f, "surplus of {c}"),
            StageAction::Exclusion(c) => write!(f, "exclusion of {c}"),
            StageAction::BulkExclusion(cs) => {
                let ids: Vec<&str> = cs.iter().map(CandidateId::as_str).collect();
                write!(f, "exclusion of {}", ids.join(", "))
            }
        }
    }
}

/// One candidate's line at a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StageLine {
    /// The candidate.
    pub candidate: CandidateId,
    /// Votes transferred at this stage (negative for the candidate whose
    /// surplus or papers are transferred; at stage 1 the first
    /// preferences).
    pub transfer: VoteValue,
    /// The total after this stage.
    pub total: VoteValue,
}

/// Papers transferred at one value per paper.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StageTransferValue {
    /// The value per paper at which they had been received.
    pub received: VoteValue,
    /// The value per paper at which they were transferred.
    pub value: VoteValue,
    /// The papers.
    pub papers: Papers,
}

/// One stage of the count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StvStage {
    /// The stage number, from 1.
    pub number: u32,
    /// What it did.
    pub action: StageAction,
    /// Each candidate's transfer and total, in ballot-paper order.
    pub lines: Vec<StageLine>,
    /// The non-transferable papers' value at this stage.
    pub non_transferable: VoteValue,
    /// The non-transferable papers' value so far.
    pub non_transferable_total: VoteValue,
    /// The value lost to truncation at this stage ("non-transferable due
    /// to rounding": the surplus less the value transferred and the
    /// non-transferable papers' value).
    pub rounding_loss: VoteValue,
    /// The value lost to truncation so far.
    pub rounding_loss_total: VoteValue,
    /// Elected at this stage, in the order deemed elected.
    pub elected: Vec<CandidateId>,
    /// Excluded at this stage.
    pub excluded: Vec<CandidateId>,
    /// The values per paper at which papers were transferred.
    pub transfer_values: Vec<StageTransferValue>,
    /// How the stage's decisions were reached where the totals alone did
    /// not decide them.
    pub notes: Vec<String>,
}

/// A lot drawn during the count (a recorded input: countroom never draws
/// one through the log).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StvLot {
    /// The stage whose action it decided.
    pub stage: u32,
    /// What it decided.
    pub purpose: LotPurpose,
    /// The tied candidates.
    pub tied: Vec<CandidateId>,
    /// The candidate chosen.
    pub chosen: CandidateId,
}

/// The stage sheet of an STV contest counted through the log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StvSheet {
    /// The contest.
    pub contest: ContestId,
    /// The family of rules followed.
    pub rules: StvRules,
    /// The instrument in force on the poll date, with its counting rules.
    pub instrument: Option<&'static str>,
    /// Seats filled.
    pub seats: usize,
    /// Valid papers.
    pub valid_papers: Papers,
    /// The quota (SLGEO 2011 Sch 1 r.47; ELA(NI) 1962 Sch 5 r.48).
    pub quota: VoteValue,
    /// Withdrawn candidates.
    pub withdrawn: Vec<CandidateId>,
    /// The stages in order.
    pub stages: Vec<StvStage>,
    /// Those elected, in the order elected, with the stage.
    pub elected: Vec<(CandidateId, u32)>,
    /// Every lot drawn, in order.
    pub lots: Vec<StvLot>,
}

impl StvSheet {
    /// The stage with this number.
    #[must_use]
    pub fn stage(&self, number: u32) -> Option<&StvStage> {
        self.stages.iter().find(|s| s.number == number)
    }
}

struct Reader<'a> {
    contest: &'a str,
    ids: Vec<CandidateId>,
    places: u32,
}

impl Reader<'_> {
    fn error(&self, field: &'static str, value: &str, expected: &'static str) -> DocumentError {
        DocumentError {
            contest: self.contest.to_owned(),
            field,
            value: value.to_owned(),
            expected,
        }
    }

    fn id(&self, field: &'static str, index: usize) -> Result<CandidateId, DocumentError> {
        self.ids
            .get(index)
            .cloned()
            .ok_or_else(|| self.error(field, &index.to_string(), "a candidate's index"))
    }

    fn ids(
        &self,
        field: &'static str,
        indices: &[usize],
    ) -> Result<Vec<CandidateId>, DocumentError> {
        indices.iter().map(|&i| self.id(field, i)).collect()
    }

    fn value(&self, v: Value) -> VoteValue {
        VoteValue {
            units: v.units(),
            places: self.places,
        }
    }

    fn stage_part(
        &self,
        field: &'static str,
        now: Value,
        before: Value,
    ) -> Result<VoteValue, DocumentError> {
        now.checked_sub(before)
            .map(|v| self.value(v))
            .ok_or_else(|| self.error(field, &now.units().to_string(), "a cumulative value"))
    }

    fn stages(&self, sheet: &StageSheet) -> Result<Vec<StvStage>, DocumentError> {
        let mut before = (Value::ZERO, Value::ZERO);
        let mut stages = Vec::with_capacity(sheet.stages.len());
        for s in &sheet.stages {
            let action = match &s.action {
                Action::FirstPreferences => StageAction::FirstPreferences,
                Action::Surplus(c) => {
                    StageAction::Surplus(self.id("stage_sheet.stages[].action", *c)?)
                }
                Action::Exclusion(c) => {
                    StageAction::Exclusion(self.id("stage_sheet.stages[].action", *c)?)
                }
                Action::BulkExclusion(cs) => {
                    StageAction::BulkExclusion(self.ids("stage_sheet.stages[].action", cs)?)
                }
                _ => {
                    return Err(self.error(
                        "stage_sheet.stages[].action",
                        s.action.kind(),
                        "a stage action",
                    ))
                }
            };
            if s.transfers.len() != self.ids.len() || s.totals.len() != self.ids.len() {
                return Err(self.error(
                    "stage_sheet.stages[].totals",
                    &format!("{} figures", s.totals.len()),
                    "one figure per candidate",
                ));
            }
            let lines = self
                .ids
                .iter()
                .zip(s.transfers.iter().zip(&s.totals))
                .map(|(c, (&t, &total))| StageLine {
                    candidate: c.clone(),
                    transfer: self.value(t),
                    total: self.value(total),
                })
                .collect();
            stages.push(StvStage {
                number: s.number,
                action,
                lines,
                non_transferable: self.stage_part(
                    "stage_sheet.stages[].non_transferable",
                    s.non_transferable,
                    before.0,
                )?,
                non_transferable_total: self.value(s.non_transferable),
                rounding_loss: self.stage_part(
                    "stage_sheet.stages[].rounding_loss",
                    s.rounding_loss,
                    before.1,
                )?,
                rounding_loss_total: self.value(s.rounding_loss),
                elected: self.ids("stage_sheet.stages[].elected", &s.elected)?,
                excluded: self.ids("stage_sheet.stages[].excluded", &s.excluded)?,
                transfer_values: s
                    .transfer_values
                    .iter()
                    .map(|t| StageTransferValue {
                        received: self.value(t.received),
                        value: self.value(t.value),
                        papers: Papers::new(t.papers),
                    })
                    .collect(),
                notes: s.notes.clone(),
            });
            before = (s.non_transferable, s.rounding_loss);
        }
        Ok(stages)
    }
}

impl StvSheet {
    /// The stage sheet of one contest's wire report; `None` for a contest
    /// with no stage sheet (not STV, or not yet counted to the end: the
    /// report's `stv` statement says why).
    ///
    /// ```
    /// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/stv-ward.jsonl"))?;
    /// let count = countroom_live::Count::open(&log)?;
    /// let sheet = countroom_live::StvSheet::from_report(&count.documents().contests[0])?.unwrap();
    /// assert_eq!(sheet.quota.to_string(), "29.00000");
    /// let stage2 = sheet.stage(2).unwrap();
    /// assert_eq!(stage2.action.to_string(), "surplus of FRASER");
    /// assert_eq!(stage2.rounding_loss.units(), 16); // 0.00016 at five places
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] naming the field when a value of the report
    /// does not read as its domain type.
    pub fn from_report(report: &ContestReport) -> Result<Option<StvSheet>, DocumentError> {
        let Some(sheet) = &report.stage_sheet else {
            return Ok(None);
        };
        let id = report.contest.id.as_str();
        let r = Reader {
            contest: id,
            ids: Vec::new(),
            places: sheet.places,
        };
        let contest =
            ContestId::new(id).map_err(|_| r.error("contest.id", id, "a contest's id"))?;
        if sheet.candidates.len() != report.candidates.len() {
            return Err(r.error(
                "stage_sheet.candidates",
                &format!("{} candidates", sheet.candidates.len()),
                "the contest's standing candidates",
            ));
        }
        let ids = report
            .candidates
            .iter()
            .map(|c| {
                CandidateId::new(&c.id)
                    .map_err(|_| r.error("candidates[].id", &c.id, "a candidate's id"))
            })
            .collect::<Result<Vec<_>, DocumentError>>()?;
        StvSheet::from_stage_sheet(contest, ids, sheet).map(Some)
    }

    /// The stage sheet of a count outside a log (`countroom_stv::count`
    /// over a BLT file, `countroom stv`), the wire [`StageSheet`], as
    /// domain values: `candidates` are the ids of the sheet's candidates in
    /// its order (ballot-paper order, as the BLT file lists them; a BLT
    /// file names candidates, it has no ids).
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] naming the field: a rehearsal (a sheet counted
    /// with a seed for its lots, `rehearsal_seed`: never a declared result,
    /// and a domain sheet does not carry that mark, so it is refused rather
    /// than lose it), a number of ids that is not the sheet's number of
    /// candidates, a candidate's index past them, a figure that does not
    /// read.
    pub fn from_stage_sheet(
        contest: ContestId,
        candidates: Vec<CandidateId>,
        sheet: &StageSheet,
    ) -> Result<StvSheet, DocumentError> {
        let r = Reader {
            contest: contest.as_str(),
            ids: candidates,
            places: sheet.places,
        };
        if let Some(seed) = &sheet.rehearsal_seed {
            return Err(r.error(
                "stage_sheet.rehearsal_seed",
                seed,
                "a sheet counted without a seed: a rehearsal (lots drawn from a published seed) is never a declared result",
            ));
        }
        if countroom_stv::value::scale(sheet.places).is_none() {
            return Err(r.error(
                "stage_sheet.places",
                &sheet.places.to_string(),
                "at most nine decimal places",
            ));
        }
        if sheet.candidates.len() != r.ids.len() {
            return Err(r.error(
                "stage_sheet.candidates",
                &format!("{} candidates", sheet.candidates.len()),
                "one id for each of the sheet's candidates",
            ));
        }
        let stages = r.stages(sheet)?;
        Ok(StvSheet {
            rules: sheet.rules,
            instrument: sheet
                .poll_date
                .and_then(|d| sheet.rules.instrument(d))
                .map(|i| i.citation),
            seats: sheet.seats,
            valid_papers: Papers::new(sheet.valid_papers),
            quota: r.value(sheet.quota),
            withdrawn: r.ids("stage_sheet.withdrawn", &sheet.withdrawn)?,
            stages,
            elected: sheet
                .elected
                .iter()
                .map(|e| Ok((r.id("stage_sheet.elected", e.candidate)?, e.stage)))
                .collect::<Result<Vec<_>, DocumentError>>()?,
            lots: sheet
                .lots
                .iter()
                .map(|l| {
                    Ok(StvLot {
                        stage: l.stage,
                        purpose: l.purpose,
                        tied: r.ids("stage_sheet.lots[].tied", &l.tied)?,
                        chosen: r.id("stage_sheet.lots[].chosen", l.chosen)?,
                    })
                })
                .collect::<Result<Vec<_>, DocumentError>>()?,
            contest,
        })
    }

    /// A BLT ballot file counted by `rules` outside any log (as `countroom
    /// stv --rules scotland|ni [--date POLL_DATE]` counts it: the same
    /// [`StageSheet`]), the stage sheet as domain values: `candidates` are
    /// the ids of the file's candidates in its order, `poll_date` picks the
    /// instrument in force (none: a date in the file's title, if any). A
    /// tie that only a lot decides is refused naming the stage (a lot is
    /// recorded through a log, never drawn here).
    ///
    /// ```
    /// use countroom_live::{StvSheet, StageAction};
    /// use countroom_model::{CandidateId, ContestId};
    /// let blt = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/stv-ward.blt"))?;
    /// let ids = ["BROWN", "DUNCAN", "FRASER", "MACLEOD", "ROSS", "WATT"]
    ///     .map(|c| CandidateId::new(c).unwrap())
    ///     .to_vec();
    /// let sheet = StvSheet::from_blt(&blt, countroom_rules::StvRules::Scotland,
    ///     ContestId::new("example-ward")?, ids, None)?;
    /// assert_eq!(sheet.quota.to_string(), "26.00000");
    /// assert_eq!(sheet.stage(2).unwrap().rounding_loss.to_string(), "0.00028");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`BltSheetError`]: the file's problems, the count's refusal, or a
    /// [`DocumentError`] (ids that do not match the file's candidates).
    pub fn from_blt(
        blt: &[u8],
        rules: StvRules,
        contest: ContestId,
        candidates: Vec<CandidateId>,
        poll_date: Option<time::Date>,
    ) -> Result<StvSheet, BltSheetError> {
        let election = countroom_stv::blt::read(blt).map_err(BltSheetError::Blt)?;
        if election.candidates().len() != candidates.len() {
            return Err(BltSheetError::Document(DocumentError {
                contest: contest.to_string(),
                field: "candidates",
                value: format!("{} ids", candidates.len()),
                expected: "one id for each of the ballot file's candidates",
            }));
        }
        let mut sheet = countroom_stv::count(
            rules,
            &election,
            &mut countroom_stv::lots::LotSource::none(),
        )
        .map_err(BltSheetError::Count)?;
        if poll_date.is_some() {
            sheet = sheet.with_poll_date(poll_date);
        }
        Ok(StvSheet::from_stage_sheet(contest, candidates, &sheet)?)
    }

    /// The stage sheet of every STV contest of a wire report counted to
    /// its end, in its order.
    ///
    /// # Errors
    ///
    /// The first [`DocumentError`].
    pub fn all(report: &Report) -> Result<Vec<StvSheet>, DocumentError> {
        report
            .contests
            .iter()
            .filter_map(|c| StvSheet::from_report(c).transpose())
            .collect()
    }
}
