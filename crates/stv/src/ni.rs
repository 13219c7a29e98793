//! The Northern Ireland STV count: the Electoral Law Act (Northern Ireland)
//! 1962, Schedule 5 (the Local Elections Rules), Part IV "Counting of
//! votes", rules 46–52 as substituted by the Local Elections (Northern
//! Ireland) Order 1985 (SI 1985/454), which Assembly elections also follow
//! (the Northern Ireland Assembly (Elections) Order 2001, SI 2001/2599, art.
//! 2: "the local elections rules" means the rules in Schedule 5 to the 1962
//! Act). Doubt (not printed): the 2001 Order's modifications of the rules
//! for Assembly elections were not read; this engine applies the rules as
//! the 1962 Act has them.
//!
//! # Sources
//!
//! The wording of Part IV was read in a transcription of SI 1985/454's
//! substituted rules (OpenSTV's `NIrelandSTV.py`, which reproduces the
//! Order's text); its rule 49 agrees word for word with rule 49 as
//! published on legislation.gov.uk (`apni/1962/14/schedule/5/paragraph/49`),
//! read there. Rules 46–52 are cited by their numbers, which the amending
//! instruments confirm (SI 2024/382 art.9 amends "rule 45 (preliminary
//! proceedings and conduct of the count)"). The interpretation rule at the
//! head of Part IV is numbered 41 in the transcription, but the Elections
//! Act 2022 Sch 6 para 19 amends "rule 41(1) (sealing and delivery of
//! documents etc)" of the same Schedule, so its number is not settled
//! (doubt, not printed): it is cited here, and on nothing a document
//! prints, as "Part IV's interpretation rule" with the defined term. Later
//! amendments of rules 46–52, if any, were not found.
//!
//! # What a stage ("count") is
//!
//! Part IV's interpretation rule: "stage of the count" means "(a) the
//! determination of the first preference vote for each candidate; (b) the
//! transfer of a surplus of a candidate deemed to be elected; or (c) the
//! exclusion of one or more candidates at any given time"; "count" means
//! "all the operations involved in the counting of the first preferences
//! …, the transfer of the surpluses of elected candidates, and the transfer
//! of the votes of excluded candidates". r.49(8): "Each transfer of a
//! surplus constitutes a stage in the count"; r.51(4): "The exclusion of a
//! candidate, or of two or more candidates together, constitutes a further
//! stage of the count". So an exclusion is **one** stage however many
//! sub-parcels it takes: the sub-parcels (first preferences, then papers
//! received, highest value first) are transferred within it. One [`Stage`]
//! here is one official count, numbered as the published sheets number
//! them (the 2017 sheets show, e.g., Belfast East count 3 as the whole of
//! McKeag's 85.43: his first preferences and the papers he received from
//! Long's surplus). The stage's transfers are the sums over its
//! sub-parcels, its totals those at the end of the count, and its notes
//! list each sub-parcel. Stage numbers key recorded lots ([`crate::lots`])
//! and are the numbers on the sheet.
//!
//! **The last exclusion.** When excluding the lowest candidate leaves as
//! many continuing candidates as vacancies, they are "thereupon" deemed
//! elected (r.52(1)) and "no further transfer of votes shall be made"
//! (r.52(3)): nothing is transferred, so no count is made (a count is the
//! operations of counting and transferring). The exclusion is shown on the
//! count just completed, as every one of the 18 official 2017 sheets shows
//! it (the candidate marked excluded on the last count with their votes).
//! A lot for that exclusion (r.51(13)(b)) is numbered by the count the
//! exclusion would have opened (r.51(4)), one more than the sheet's last
//! count, as every exclusion lot is numbered by the count it opens: so it
//! never meets a lot drawn for the last count's own action \[I\].
//!
//! The earlier-stage tie-breaks (r.50(1)(a) "the earliest preceding stage
//! at which they had unequal votes" for equal surpluses, r.51(13)(a) "the
//! earliest stage of the count at which they had an unequal number of
//! votes" for exclusion) compare the totals at the **end** of each count,
//! never a figure from inside an exclusion: candidates equal at the end of
//! every count are settled by lot (r.50(1)(b), r.51(13)(b)) even if one was
//! ahead after an earlier sub-parcel.
//!
//! # The rules, and how this module applies them
//!
//! - **Values** are exact integers of hundredths of a vote ([`NI_PLACES`]);
//!   every first-preference paper is worth 1.00.
//! - **Valid papers** (r.46, r.47(3), r.48(1)): a ballot paper "on which the
//!   figure 1 standing alone is not placed so as to indicate a first
//!   preference for some candidate" is void and not counted (r.46(1)(b)).
//!   A withdrawn candidate's name is not on the ballot paper, so a paper
//!   whose only preferences are for withdrawn candidates indicates no first
//!   preference for a candidate: it is not a valid paper and is left out
//!   of the valid total and the quota \[I: the application to a file that
//!   names withdrawn candidates\], as under the Scottish rules (SSI
//!   2011/399 Sch 1 r.46). Preferences for withdrawn candidates are passed
//!   over.
//! - **Quota** (r.48(1)–(2)): valid papers ÷ (members to be elected + 1),
//!   "increased by one", "any fraction being disregarded". "At any stage of
//!   the count a candidate whose total vote equals or exceeds the quota
//!   shall be deemed to be elected" (r.48(3)), so also after a sub-parcel of
//!   an exclusion (r.51(11): "if after a transfer of votes under any
//!   provision of this rule, a candidate has a surplus"); "except that at an
//!   election where there is only one vacancy a candidate shall not be
//!   deemed to be elected until the procedure set out in paragraphs (1) to
//!   (3) of rule 51 has been complied with" (r.48(3)), and rule 49 does not
//!   apply (r.49(11)): rule 52 decides.
//! - **Surpluses** (r.49): a first-stage surplus is taken from "all the
//!   ballot papers on which first preference votes are given for that
//!   candidate" (r.49(1)); a later one, "at the end of any stage of the
//!   count involving the transfer of ballot papers", from "the sub-parcel
//!   of transferred votes which was last received by that candidate"
//!   (r.49(5)). The transfer value is "calculated by dividing the surplus
//!   … by the total number of the ballot papers on which those votes are
//!   given, the calculation being made to two decimal places (ignoring the
//!   remainder if any)" (r.49(4)(b)), "those votes" being the votes on the
//!   papers transferred under r.49(3), the transferable ones (the
//!   interpretation rule: the transfer of a surplus "means the transfer (at
//!   a transfer value) of all transferable papers"; the 2017 sheets confirm
//!   it), so that "the total value of all such votes does not exceed the
//!   surplus" (r.49(4)(a)); for a later surplus the value so calculated "or
//!   … the value at which that vote was received …, whichever is the less"
//!   (r.49(7)). The difference between the surplus and the value
//!   transferred is recorded as non-transferable (r.50(2)(c)); on the
//!   sheet the part lost because the value was truncated is shown as the
//!   rounding loss, the rest (a value capped at the value received, or a
//!   parcel with no transferable paper) as non-transferable — their sum is
//!   r.50(2)(c)'s figure.
//! - **Order of surpluses** (r.50(1)): "the transferable papers of the
//!   candidate with the largest surplus shall be transferred first"; equal
//!   surpluses by the higher total at the end of the earliest preceding
//!   count at which they differed (a); then lot (b).
//! - **Deferral** (r.49(9)–(10)): transferable papers are transferred
//!   "until no candidate who is deemed to be elected has a surplus or all
//!   of the vacancies have been filled", but not where the surpluses not
//!   yet transferred are "(a) less than the difference between the total
//!   vote then credited to the continuing candidate with the lowest
//!   recorded vote and the vote of the candidate with the next lowest
//!   recorded vote; or (b) less than the difference between the total
//!   votes of the two or more continuing candidates … with the lowest
//!   recorded total numbers of votes and the candidate next above such
//!   candidates"; the count goes on to an exclusion and the stage records
//!   the deferral.
//! - **Exclusion** (r.51): when every transfer required has been made and
//!   "subject to rule 52 one or more vacancies remain to be filled", "the
//!   candidate with the then lowest vote" is excluded (r.51(1)); "where the
//!   total of the votes of the two or more lowest candidates, together with
//!   any surpluses not transferred is less than the number of votes
//!   credited to the next lowest candidate", they are excluded "in one
//!   operation" (r.51(12); here the largest such group, never so many that
//!   fewer continuing candidates than vacancies stay \[I\]). Their
//!   first-preference papers are transferred first (r.51(2)–(3)); then, "if,
//!   subject to rule 52, one or more vacancies still remain to be filled",
//!   the papers they received, in sub-parcels "according to their transfer
//!   values", the highest first, each "at the value at which that vote was
//!   received" (r.51(5)–(9)), all within one count. A candidate reaching the
//!   quota after a sub-parcel is deemed elected (r.48(3)) and receives no
//!   more papers (no longer a continuing candidate). Further sub-parcels
//!   are transferred only while rule 52 does not fill the last vacancies:
//!   once every vacancy is filled (on the quota, or by r.52(2) after a
//!   sub-parcel: one vacancy, and a candidate at least all the other
//!   continuing candidates with the surpluses not transferred), or the
//!   continuing candidates equal the vacancies, the rest stay with the
//!   excluded candidate on the sheet and a note says which were not
//!   transferred (r.51(5), r.52(3)). Ties for exclusion: the fewer votes at
//!   the end of the earliest count at which they differed, then lot
//!   (r.51(13)).
//! - **Last vacancies** (r.52): "where the number of continuing candidates
//!   is equal to the number of vacancies remaining unfilled the continuing
//!   candidates shall thereupon be deemed to be elected" (1); "where only
//!   one vacancy remains unfilled and the votes of any one continuing
//!   candidate are equal to or greater than the total of votes credited to
//!   another or other continuing candidates together with any surplus not
//!   transferred, the candidate shall thereupon be deemed to be elected"
//!   (2); "where the last vacancies can be filled under this rule, no
//!   further transfer of votes shall be made" (3). Two candidates who both
//!   meet (2) (equal, nothing else left) are not chosen by it: the
//!   exclusion rules, and so a lot, decide \[I\]. Candidates deemed elected
//!   under rule 52 are recorded on the count at which it applied, with a
//!   note.

use std::collections::BTreeMap;

use crate::ballots::Election;
use crate::error::StvError;
use crate::lots::{break_by_history, LookBack, LotDrawn, LotPurpose, LotSource, Prefer};
use crate::sheet::{Action, Elected, Stage, StageSheet, StvRules};
use crate::value::{Value, NI_PLACES};

/// Counts `election` under the Northern Ireland rules (ELA(NI) 1962 Sch 5
/// rr.46–52), settling any lot from `lots`.
///
/// Errors: a lot needed and neither recorded nor seeded
/// ([`StvError::LotRequired`]), a recorded lot that does not fit its tie
/// ([`StvError::LotMismatch`]), or a total past the fixed-point range
/// ([`StvError::Overflow`]).
pub fn count(election: &Election, lots: &mut LotSource) -> Result<StageSheet, StvError> {
    let mut counter = Counter::new(election, lots)?;
    counter.run()?;
    Ok(counter.into_sheet())
}

/// A candidate's standing in the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Continuing,
    Elected,
    Excluded,
    Withdrawn,
}

/// The papers of one ballot line that travel together: identical papers
/// always have the same next available preference.
#[derive(Debug, Clone, Copy)]
struct Bundle {
    /// The ballot line.
    ballot: usize,
    /// How many papers.
    papers: u64,
    /// The position in the line's preferences of the candidate holding them.
    pos: usize,
}

/// A sub-parcel as received by a candidate: papers at one value.
#[derive(Debug, Clone)]
struct Parcel {
    /// The candidate's first-preference papers (r.47).
    first: bool,
    /// The value of each paper.
    value: Value,
    /// The stage at which it was received.
    stage: u32,
    /// The papers.
    bundles: Vec<Bundle>,
}

impl Parcel {
    /// Sums of papers here and below cannot overflow: every paper is one
    /// of the election's, whose total `Election::new` checked fits in u64
    /// (`ElectionProblem::TooManyPapers`).
    fn papers(&self) -> u64 {
        self.bundles.iter().map(|b| b.papers).sum()
    }
}

/// Papers sorted by next available preference: one bundle list per
/// receiving candidate, and the papers with none.
struct Sorted {
    to: BTreeMap<usize, Vec<Bundle>>,
    exhausted: u64,
}

impl Sorted {
    fn transferable(&self) -> u64 {
        self.to.values().flatten().map(|b| b.papers).sum()
    }
}

/// One sub-parcel of an exclusion: the papers of the excluded candidates at
/// one value (their first preferences form their own).
struct ExclusionParcel {
    first: bool,
    value: Value,
    /// (owner, papers) in the order taken.
    from: Vec<(usize, Bundle)>,
}

struct Counter<'a> {
    election: &'a Election,
    lots: &'a mut LotSource,
    seats: usize,
    /// The valid papers (r.46, r.48(1)).
    valid: u64,
    quota: Value,
    standing: Vec<Standing>,
    totals: Vec<Value>,
    parcels: Vec<Vec<Parcel>>,
    /// Elected candidates whose surplus has been transferred.
    surplus_done: Vec<bool>,
    non_transferable: Value,
    rounding_loss: Value,
    stages: Vec<Stage>,
    elected: Vec<Elected>,
    drawn: Vec<LotDrawn>,
    /// Notes for the next stage (deferrals, ties decided before it).
    pending_notes: Vec<String>,
    /// Every surplus transfer's (transfer value, value received), for the
    /// property tests.
    #[cfg(test)]
    surplus_log: Vec<(Value, Value)>,
    /// Each exclusion's sub-parcels transferred: (first preferences, value).
    #[cfg(test)]
    exclusion_log: Vec<Vec<(bool, Value)>>,
}

fn overflow(
    stage: u32,
    what: &'static str,
    left: String,
    op: &'static str,
    right: String,
) -> StvError {
    StvError::FigureOverflow {
        stage,
        what,
        left,
        op,
        right,
    }
}

fn add(a: Value, b: Value, stage: u32) -> Result<Value, StvError> {
    a.checked_add(b)
        .ok_or_else(|| overflow(stage, "votes", fx(a), "+", fx(b)))
}

fn sub(a: Value, b: Value, stage: u32) -> Result<Value, StvError> {
    a.checked_sub(b)
        .ok_or_else(|| overflow(stage, "votes", fx(a), "-", fx(b)))
}

fn times(v: Value, papers: u64, stage: u32) -> Result<Value, StvError> {
    v.checked_mul_int(papers)
        .ok_or_else(|| overflow(stage, "the value of papers", fx(v), "×", papers.to_string()))
}

/// Papers added to a count of papers, never clamped.
fn add_papers(a: u64, b: u64, stage: u32, what: &'static str) -> Result<u64, StvError> {
    a.checked_add(b)
        .ok_or_else(|| overflow(stage, what, a.to_string(), "+", b.to_string()))
}

fn fx(v: Value) -> String {
    v.fixed(NI_PLACES).to_string()
}

impl<'a> Counter<'a> {
    fn new(election: &'a Election, lots: &'a mut LotSource) -> Result<Self, StvError> {
        let n = election.candidates().len();
        let seats = election.seats();
        // A paper whose only preferences are for withdrawn candidates gives
        // no first preference to a candidate standing: it is not a valid
        // paper (r.46(1)(b) \[I\]) and is not in the valid total that fixes
        // the quota (r.48(1)).
        let valid = election
            .ballots()
            .iter()
            .filter(|b| {
                b.prefs
                    .iter()
                    .any(|&p| !election.withdrawn().contains(&usize::from(p)))
            })
            .try_fold(0_u64, |acc, b| acc.checked_add(b.weight))
            .ok_or(StvError::Overflow { stage: 1 })?;
        // r.48(1)-(2): valid ÷ (seats + 1), fraction disregarded, plus one.
        let divisor = u64::try_from(seats)
            .ok()
            .and_then(|s| s.checked_add(1))
            .ok_or(StvError::Overflow { stage: 1 })?;
        let quota = (valid / divisor)
            .checked_add(1)
            .and_then(|q| Value::whole(q, NI_PLACES))
            .ok_or(StvError::Overflow { stage: 1 })?;
        let standing = (0..n)
            .map(|c| {
                if election.withdrawn().contains(&c) {
                    Standing::Withdrawn
                } else {
                    Standing::Continuing
                }
            })
            .collect();
        Ok(Counter {
            election,
            lots,
            seats,
            valid,
            quota,
            standing,
            totals: vec![Value::ZERO; n],
            parcels: vec![Vec::new(); n],
            surplus_done: vec![false; n],
            non_transferable: Value::ZERO,
            rounding_loss: Value::ZERO,
            stages: Vec::new(),
            elected: Vec::new(),
            drawn: Vec::new(),
            pending_notes: Vec::new(),
            #[cfg(test)]
            surplus_log: Vec::new(),
            #[cfg(test)]
            exclusion_log: Vec::new(),
        })
    }

    fn name(&self, c: usize) -> String {
        self.election
            .candidates()
            .get(c)
            .map(|k| k.display_name())
            .unwrap_or_else(|| format!("candidate {}", c + 1))
    }

    fn names(&self, cs: &[usize]) -> String {
        cs.iter()
            .map(|&c| self.name(c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn next_stage(&self) -> u32 {
        // A counter, not a figure: there is at most one stage per candidate
        // excluded or surplus transferred, far below u32::MAX.
        u32::try_from(self.stages.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1)
    }

    fn continuing(&self) -> Vec<usize> {
        (0..self.standing.len())
            .filter(|&c| self.standing[c] == Standing::Continuing)
            .collect()
    }

    fn vacancies(&self) -> usize {
        // Never clamps: no more candidates are deemed elected than seats
        // (`elect_on_quota` takes at most the vacancies; rule 52 fills the
        // vacancies left).
        self.seats.saturating_sub(self.elected.len())
    }

    /// The first preference at or after `from` for a continuing candidate.
    fn preference_from(&self, ballot: usize, from: usize) -> Option<(usize, usize)> {
        let prefs = self.election.ballots().get(ballot)?.prefs;
        prefs
            .iter()
            .enumerate()
            .skip(from)
            .map(|(pos, &c)| (usize::from(c), pos))
            .find(|&(c, _)| self.standing.get(c) == Some(&Standing::Continuing))
    }

    /// Sorts bundles by next available preference (r.49(1), (5); r.51(2),
    /// (5)): candidates deemed elected or excluded are passed over.
    fn sort<I: IntoIterator<Item = Bundle>>(
        &self,
        bundles: I,
        stage: u32,
    ) -> Result<Sorted, StvError> {
        let mut to: BTreeMap<usize, Vec<Bundle>> = BTreeMap::new();
        let mut exhausted = 0_u64;
        for b in bundles {
            // `pos` is an index into a paper's preferences (at most one per
            // candidate, a u16): `+ 1` cannot reach usize::MAX.
            match self.preference_from(b.ballot, b.pos.saturating_add(1)) {
                Some((c, pos)) => to.entry(c).or_default().push(Bundle { pos, ..b }),
                None => {
                    exhausted = add_papers(
                        exhausted,
                        b.papers,
                        stage,
                        "papers with no next available preference",
                    )?;
                }
            }
        }
        Ok(Sorted { to, exhausted })
    }

    fn history(&self) -> Vec<Vec<Value>> {
        self.stages.iter().map(|s| s.totals.clone()).collect()
    }

    /// Records a stage with the current totals.
    fn record(
        &mut self,
        action: Action,
        transfers: Vec<Value>,
        excluded: Vec<usize>,
        notes: Vec<String>,
    ) {
        let number = self.next_stage();
        let mut all = std::mem::take(&mut self.pending_notes);
        all.extend(notes);
        self.stages.push(Stage {
            number,
            action,
            transfers,
            totals: self.totals.clone(),
            non_transferable: self.non_transferable,
            rounding_loss: self.rounding_loss,
            elected: Vec::new(),
            excluded,
            transfer_values: Vec::new(),
            notes: all,
        });
    }

    /// Deems `c` elected at the last stage recorded.
    fn deem_elected(&mut self, c: usize, note: Option<String>) {
        let stage = self.stages.len().max(1);
        if let Some(s) = self.standing.get_mut(c) {
            *s = Standing::Elected;
        }
        let number = u32::try_from(stage).unwrap_or(u32::MAX);
        if let Some(last) = self.stages.last_mut() {
            last.elected.push(c);
            if let Some(n) = note {
                last.notes.push(n);
            }
        }
        self.elected.push(Elected {
            candidate: c,
            stage: number,
        });
    }

    /// r.48(3): continuing candidates on or over the quota at the end of a
    /// stage are deemed elected, highest total first (equal totals in
    /// ballot-file order; their surpluses are ordered by r.50 when
    /// transferred). Not with a single vacancy.
    fn elect_on_quota(&mut self) {
        if self.seats <= 1 {
            return;
        }
        let mut reached: Vec<usize> = self
            .continuing()
            .into_iter()
            .filter(|&c| self.totals[c] >= self.quota)
            .collect();
        reached.sort_by(|&a, &b| self.totals[b].cmp(&self.totals[a]).then(a.cmp(&b)));
        let room = self.vacancies();
        for c in reached.into_iter().take(room) {
            self.deem_elected(c, None);
        }
    }

    fn run(&mut self) -> Result<(), StvError> {
        self.first_stage()?;
        loop {
            let vacancies = self.vacancies();
            if vacancies == 0 {
                return Ok(());
            }
            let continuing = self.continuing();
            if continuing.len() <= vacancies {
                // r.52(1): continuing candidates equal to the vacancies.
                let mut rest = continuing;
                rest.sort_by(|&a, &b| self.totals[b].cmp(&self.totals[a]).then(a.cmp(&b)));
                for c in rest {
                    let note = format!(
                        "{} deemed elected: continuing candidates equal the vacancies remaining (r.52(1))",
                        self.name(c)
                    );
                    self.deem_elected(c, Some(note));
                }
                return Ok(());
            }
            let pending = self.pending_surpluses();
            let mut untransferred = Value::ZERO;
            for &(_, s) in &pending {
                untransferred = add(untransferred, s, self.next_stage())?;
            }
            if vacancies == 1 {
                if let Some(c) = self.last_vacancy_shortcut(&continuing, untransferred)? {
                    let note = format!(
                        "{} deemed elected: {} is at least the other continuing candidates' votes together with the surpluses not transferred ({}) (r.52(2)); no further transfer (r.52(3))",
                        self.name(c),
                        fx(self.totals[c]),
                        fx(untransferred)
                    );
                    self.deem_elected(c, Some(note));
                    return Ok(());
                }
            }
            if !pending.is_empty() {
                match self.deferral(&continuing, untransferred, vacancies)? {
                    Some(why) => {
                        let list = pending
                            .iter()
                            .map(|&(c, s)| format!("{} {}", self.name(c), fx(s)))
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.pending_notes.push(format!(
                            "surplus not transferred (deferred, r.49(10)): {list}; {why}"
                        ));
                    }
                    None => {
                        let c = self.choose_surplus(&pending)?;
                        self.transfer_surplus(c)?;
                        continue;
                    }
                }
            }
            self.exclude(&continuing, untransferred, vacancies)?;
        }
    }

    /// Stage 1 (r.47): each paper to its first preference (a preference for
    /// a withdrawn candidate is passed over).
    fn first_stage(&mut self) -> Result<(), StvError> {
        let mut exhausted = 0_u64;
        for (i, b) in self.election.ballots().iter().enumerate() {
            match self.preference_from(i, 0) {
                Some((c, pos)) => {
                    let bundle = Bundle {
                        ballot: i,
                        papers: b.weight,
                        pos,
                    };
                    let parcels = &mut self.parcels[c];
                    match parcels.first_mut() {
                        Some(p) => p.bundles.push(bundle),
                        None => parcels.push(Parcel {
                            first: true,
                            value: Value::whole(1, NI_PLACES)
                                .ok_or(StvError::Overflow { stage: 1 })?,
                            stage: 1,
                            bundles: vec![bundle],
                        }),
                    }
                }
                None => {
                    exhausted = add_papers(
                        exhausted,
                        b.weight,
                        1,
                        "papers naming only withdrawn candidates",
                    )?;
                }
            }
        }
        let one = Value::whole(1, NI_PLACES).ok_or(StvError::Overflow { stage: 1 })?;
        for c in 0..self.totals.len() {
            let papers = self.parcels[c].first().map_or(0, Parcel::papers);
            self.totals[c] = times(one, papers, 1)?;
        }
        let mut notes = vec![format!(
            "quota = {} valid papers / ({} seats + 1), fraction disregarded, + 1 = {} (r.48)",
            self.valid,
            self.seats,
            fx(self.quota)
        )];
        if exhausted > 0 {
            notes.push(format!(
                "{exhausted} papers with preferences only for withdrawn candidates give no first preference to a candidate standing: not valid papers, not counted (r.46(1)(b))"
            ));
        }
        let transfers = self.totals.clone();
        self.record(Action::FirstPreferences, transfers, Vec::new(), notes);
        self.elect_on_quota();
        Ok(())
    }

    /// Elected candidates with a surplus not yet transferred, and the
    /// surplus (none with a single vacancy, r.49(11)).
    fn pending_surpluses(&self) -> Vec<(usize, Value)> {
        if self.seats <= 1 {
            return Vec::new();
        }
        (0..self.standing.len())
            .filter(|&c| self.standing[c] == Standing::Elected && !self.surplus_done[c])
            .filter_map(|c| {
                let s = self.totals[c].checked_sub(self.quota)?;
                (s > Value::ZERO).then_some((c, s))
            })
            .collect()
    }

    /// r.52(2): with one vacancy, the one continuing candidate whose votes
    /// are at least all the others' together with the surpluses not
    /// transferred. If two qualify (equal, nothing else left) neither is
    /// chosen here: the exclusion rules decide.
    fn last_vacancy_shortcut(
        &self,
        continuing: &[usize],
        untransferred: Value,
    ) -> Result<Option<usize>, StvError> {
        let stage = self.next_stage();
        let mut all = untransferred;
        for &c in continuing {
            all = add(all, self.totals[c], stage)?;
        }
        let mut found = Vec::new();
        for &c in continuing {
            let others = sub(all, self.totals[c], stage)?;
            if self.totals[c] >= others {
                found.push(c);
            }
        }
        Ok(match found.as_slice() {
            [c] => Some(*c),
            _ => None,
        })
    }

    /// r.49(10): whether the untransferred surpluses are deferred, and why.
    fn deferral(
        &self,
        continuing: &[usize],
        untransferred: Value,
        vacancies: usize,
    ) -> Result<Option<String>, StvError> {
        let stage = self.next_stage();
        let mut low = continuing.to_vec();
        low.sort_by(|&a, &b| self.totals[a].cmp(&self.totals[b]).then(a.cmp(&b)));
        let v: Vec<Value> = low.iter().map(|&c| self.totals[c]).collect();
        if let (Some(&v0), Some(&v1)) = (v.first(), v.get(1)) {
            let gap = sub(v1, v0, stage)?;
            if untransferred < gap {
                return Ok(Some(format!(
                    "less than the {} between the lowest continuing candidate ({}, {}) and the next lowest ({}, {}) (r.49(10)(a))",
                    fx(gap),
                    self.name(low[0]),
                    fx(v0),
                    self.name(low[1]),
                    fx(v1)
                )));
            }
        }
        // The count goes on only while the continuing candidates outnumber
        // the vacancies (`run`), so this never clamps.
        let most = continuing.len().saturating_sub(vacancies);
        let mut sum = Value::ZERO;
        for (i, (&c, &above)) in low.iter().zip(low.iter().skip(1)).enumerate() {
            let k = i + 1;
            if k > most {
                break;
            }
            sum = add(sum, self.totals[c], stage)?;
            if k < 2 {
                continue;
            }
            let next = self.totals[above];
            let gap = sub(next, sum, stage)?;
            if untransferred < gap {
                return Ok(Some(format!(
                    "less than the {} between the {k} lowest continuing candidates together ({}) and the candidate next above them ({}, {}) (r.49(10)(b))",
                    fx(gap),
                    fx(sum),
                    self.name(above),
                    fx(next)
                )));
            }
        }
        Ok(None)
    }

    /// r.50(1): the largest surplus first; equal ones by the higher total at
    /// the earliest stage at which they differed; then lot.
    fn choose_surplus(&mut self, pending: &[(usize, Value)]) -> Result<usize, StvError> {
        let stage = self.next_stage();
        let Some(max) = pending.iter().map(|&(_, s)| s).max() else {
            return Err(StvError::Overflow { stage });
        };
        let tied: Vec<usize> = pending
            .iter()
            .filter(|&&(_, s)| s == max)
            .map(|&(c, _)| c)
            .collect();
        if let [c] = tied.as_slice() {
            return Ok(*c);
        }
        let (left, at) =
            break_by_history(&self.history(), &tied, LookBack::Earliest, Prefer::Highest);
        if let [c] = left.as_slice() {
            let at = at.unwrap_or(1);
            self.pending_notes.push(format!(
                "equal surpluses of {} ({}): {} first, higher at the end of the earliest count at which they differed (count {at}) (r.50(1)(a))",
                self.names(&tied),
                fx(max),
                self.name(*c)
            ));
            return Ok(*c);
        }
        let lot = self.lots.draw(stage, LotPurpose::SurplusOrder, &left)?;
        let c = lot.chosen;
        self.pending_notes.push(format!(
            "equal surpluses of {} ({}), equal at the end of every count: the lot fell on {}, transferred first (r.50(1)(b))",
            self.names(&left),
            fx(max),
            self.name(c)
        ));
        self.drawn.push(lot);
        Ok(c)
    }

    /// r.49: transfers `c`'s surplus from the sub-parcel last received (all
    /// the first-preference papers for a first-stage surplus).
    fn transfer_surplus(&mut self, c: usize) -> Result<(), StvError> {
        let stage = self.next_stage();
        let surplus = sub(self.totals[c], self.quota, stage)?;
        let parcel = self.parcels[c].pop();
        let (value, first, received, bundles) = match parcel {
            Some(p) => (p.value, p.first, p.stage, p.bundles),
            None => (Value::ZERO, false, 0, Vec::new()),
        };
        let examined: u64 = bundles.iter().map(|b| b.papers).sum();
        let sorted = self.sort(bundles, stage)?;
        let transferable = sorted.transferable();
        let raw = surplus.div_int_floor(transferable);
        // r.49(4)(b) then (4)(a)/(7): never above the value received.
        let (tv, capped) = match raw {
            Some(r) if r > value => (value, true),
            Some(r) => (r, false),
            None => (Value::ZERO, true),
        };
        #[cfg(test)]
        if transferable > 0 {
            self.surplus_log.push((tv, value));
        }
        let mut transfers = vec![Value::ZERO; self.totals.len()];
        let mut moved = Value::ZERO;
        for (to, bs) in sorted.to {
            let papers: u64 = bs.iter().map(|b| b.papers).sum();
            let amount = times(tv, papers, stage)?;
            self.totals[to] = add(self.totals[to], amount, stage)?;
            transfers[to] = amount;
            moved = add(moved, amount, stage)?;
            self.parcels[to].push(Parcel {
                first: false,
                value: tv,
                stage,
                bundles: bs,
            });
        }
        let left = sub(surplus, moved, stage)?;
        if capped {
            self.non_transferable = add(self.non_transferable, left, stage)?;
        } else {
            self.rounding_loss = add(self.rounding_loss, left, stage)?;
        }
        self.totals[c] = self.quota;
        transfers[c] = surplus.checked_neg().ok_or(StvError::Overflow { stage })?;
        self.surplus_done[c] = true;
        let source = if first {
            format!("all {examined} first-preference papers (r.49(1))")
        } else {
            format!(
                "the sub-parcel last received: {examined} papers at {} received at count {received} (r.49(5))",
                fx(value)
            )
        };
        let how = if transferable == 0 {
            "no paper has a next available preference: the whole surplus is non-transferable (r.50(2)(c))".to_string()
        } else if capped {
            format!(
                "transfer value {} ÷ {transferable} transferable papers exceeds the value received, so {} (r.49(4)(a), (7)); {} non-transferable",
                fx(surplus),
                fx(tv),
                fx(left)
            )
        } else {
            format!(
                "transfer value {} ÷ {transferable} transferable papers = {} to two places, remainder ignored (r.49(4)(b)); {} not transferred (rounding)",
                fx(surplus),
                fx(tv),
                fx(left)
            )
        };
        let note = format!(
            "surplus of {} ({}) from {source}; {}; {} papers non-transferable",
            self.name(c),
            fx(surplus),
            how,
            sorted.exhausted
        );
        self.record(Action::Surplus(c), transfers, Vec::new(), vec![note]);
        self.elect_on_quota();
        Ok(())
    }

    /// r.51(1), (12), (13): who is excluded.
    fn choose_exclusion(
        &mut self,
        continuing: &[usize],
        untransferred: Value,
        vacancies: usize,
    ) -> Result<Vec<usize>, StvError> {
        let stage = self.next_stage();
        let mut low = continuing.to_vec();
        low.sort_by(|&a, &b| self.totals[a].cmp(&self.totals[b]).then(a.cmp(&b)));
        // r.51(12): the largest group of two or more lowest whose total,
        // with the surpluses not transferred, is less than the next one's;
        // never so many that fewer continuing candidates than vacancies stay.
        // The count goes on only while the continuing candidates outnumber
        // the vacancies (`run`), so this never clamps.
        let most = continuing.len().saturating_sub(vacancies);
        let mut sum = untransferred;
        let mut bulk = 0;
        for k in 1..=most {
            let (Some(&ck), Some(&next)) = (low.get(k - 1), low.get(k)) else {
                break;
            };
            sum = add(sum, self.totals[ck], stage)?;
            if k >= 2 && sum < self.totals[next] {
                bulk = k;
            }
        }
        if bulk >= 2 {
            let mut group: Vec<usize> = low.iter().copied().take(bulk).collect();
            let next = low[bulk];
            let mut total = Value::ZERO;
            for &c in &group {
                total = add(total, self.totals[c], stage)?;
            }
            self.pending_notes.push(format!(
                "{} excluded together: their {} votes with the {} of surpluses not transferred are less than the {} of {} (r.51(12))",
                self.names(&group),
                fx(total),
                fx(untransferred),
                fx(self.totals[next]),
                self.name(next)
            ));
            group.sort_unstable();
            return Ok(group);
        }
        let Some(&lowest) = low.first() else {
            return Err(StvError::Overflow { stage });
        };
        let min = self.totals[lowest];
        let tied: Vec<usize> = low
            .iter()
            .copied()
            .filter(|&c| self.totals[c] == min)
            .collect();
        if let [c] = tied.as_slice() {
            return Ok(vec![*c]);
        }
        let (left, at) =
            break_by_history(&self.history(), &tied, LookBack::Earliest, Prefer::Lowest);
        if let [c] = left.as_slice() {
            self.pending_notes.push(format!(
                "{} equal lowest on {}: {} excluded, lowest at the end of the earliest count at which they had unequal votes (count {}) (r.51(13)(a))",
                self.names(&tied),
                fx(min),
                self.name(*c),
                at.unwrap_or(1)
            ));
            return Ok(vec![*c]);
        }
        let lot = self.lots.draw(stage, LotPurpose::Exclusion, &left)?;
        let c = lot.chosen;
        self.pending_notes.push(format!(
            "{} equal lowest on {} and equal at the end of every count: the lot fell on {}, excluded (r.51(13)(b))",
            self.names(&left),
            fx(min),
            self.name(c)
        ));
        self.drawn.push(lot);
        Ok(vec![c])
    }

    /// r.51: excludes the lowest candidate(s) and transfers their papers.
    /// The exclusion is one stage of the count (r.51(4)): the sub-parcels
    /// (first preferences, then papers received by descending value) are
    /// transferred inside it, and the stage records the totals at its end.
    /// A candidate reaching the quota after a sub-parcel is deemed elected
    /// and receives no more papers; once no vacancy remains, or the
    /// continuing candidates equal the vacancies, the sub-parcels left are
    /// not transferred (r.48(3), r.51(5) "if … one or more vacancies remain
    /// to be filled", r.52(3)).
    fn exclude(
        &mut self,
        continuing: &[usize],
        untransferred: Value,
        vacancies: usize,
    ) -> Result<(), StvError> {
        let group = self.choose_exclusion(continuing, untransferred, vacancies)?;
        for &c in &group {
            self.standing[c] = Standing::Excluded;
        }
        let who = self.names(&group);
        let n_candidates = self.totals.len();
        if self.continuing().len() <= self.vacancies() {
            // The last exclusion: it leaves as many continuing candidates as
            // vacancies, who are deemed elected at once (r.52(1)), and no
            // further transfer is made (r.52(3)). A count is "the operations
            // involved in … the transfer of the votes of excluded
            // candidates" (Part IV interpretation): with nothing transferred no count is
            // made, and the exclusion is shown on the count just completed,
            // as the official count sheets show it (e.g. Belfast South 2017
            // count 9). A lot for it keeps the number of the count it would
            // have opened (see the module docs).
            let note = format!(
                "{who} excluded at the end of this count (r.51(1)): the continuing candidates now equal the vacancies, so no papers are transferred and no further count is made (r.52(1), (3))"
            );
            let pending = std::mem::take(&mut self.pending_notes);
            // Stage 1 is always recorded before any exclusion.
            if let Some(last) = self.stages.last_mut() {
                last.excluded.extend(group.iter().copied());
                last.notes.extend(pending);
                last.notes.push(note);
            }
            return Ok(());
        }
        let action = match group.as_slice() {
            [c] => Action::Exclusion(*c),
            _ => Action::BulkExclusion(group.clone()),
        };
        let parcels = self.exclusion_parcels(&group);
        let stage = self.next_stage();
        let n = parcels.len();
        let opening = match n {
            0 => format!("exclusion of {who}: no papers to transfer"),
            1 => format!("exclusion of {who}: one sub-parcel, transferred in this count (r.51(4))"),
            _ => format!(
                "exclusion of {who}: {n} sub-parcels, all transferred within this one count (r.51(4))"
            ),
        };
        self.record(
            action,
            vec![Value::ZERO; n_candidates],
            group,
            vec![opening],
        );
        #[cfg(test)]
        self.exclusion_log.push(Vec::new());
        for (i, parcel) in parcels.into_iter().enumerate() {
            if i > 0 {
                let why = if self.vacancies() == 0 {
                    Some("every vacancy is filled (r.48(3), r.51(5))")
                } else if self.continuing().len() <= self.vacancies() {
                    Some("the continuing candidates equal the vacancies (r.52(1), (3))")
                } else {
                    None
                };
                if let Some(why) = why {
                    let note = format!(
                        "sub-parcels {} to {n} of {who} not transferred: {why}",
                        i + 1
                    );
                    if let Some(last) = self.stages.last_mut() {
                        last.notes.push(note);
                    }
                    break;
                }
            }
            #[cfg(test)]
            if let Some(log) = self.exclusion_log.last_mut() {
                log.push((parcel.first, parcel.value));
            }
            let mut transfers = vec![Value::ZERO; n_candidates];
            let papers: u64 = parcel.from.iter().map(|(_, b)| b.papers).sum();
            for &(owner, b) in &parcel.from {
                let amount = times(parcel.value, b.papers, stage)?;
                self.totals[owner] = sub(self.totals[owner], amount, stage)?;
                transfers[owner] = sub(transfers[owner], amount, stage)?;
            }
            let sorted = self.sort(parcel.from.iter().map(|&(_, b)| b), stage)?;
            for (to, bs) in sorted.to {
                let p: u64 = bs.iter().map(|b| b.papers).sum();
                let amount = times(parcel.value, p, stage)?;
                self.totals[to] = add(self.totals[to], amount, stage)?;
                transfers[to] = add(transfers[to], amount, stage)?;
                self.parcels[to].push(Parcel {
                    first: false,
                    value: parcel.value,
                    stage,
                    bundles: bs,
                });
            }
            let lost = times(parcel.value, sorted.exhausted, stage)?;
            self.non_transferable = add(self.non_transferable, lost, stage)?;
            let what = if parcel.first {
                format!(
                    "first-preference papers ({papers} at {}) (r.51(2)-(3))",
                    fx(parcel.value)
                )
            } else {
                format!(
                    "papers received at {} ({papers} papers) (r.51(5)-(7), (9))",
                    fx(parcel.value)
                )
            };
            let moved = transfers
                .iter()
                .enumerate()
                .filter(|&(_, t)| *t > Value::ZERO)
                .map(|(c, t)| format!("{} +{}", self.name(c), fx(*t)))
                .collect::<Vec<_>>()
                .join(", ");
            let moved = if moved.is_empty() {
                "none transferred".to_string()
            } else {
                moved
            };
            let note = format!(
                "sub-parcel {} of {n}: {what}: {moved}; {} papers non-transferable ({}) (r.51(8))",
                i + 1,
                sorted.exhausted,
                fx(lost)
            );
            let totals = self.totals.clone();
            let non_transferable = self.non_transferable;
            if let Some(last) = self.stages.last_mut() {
                for (acc, t) in last.transfers.iter_mut().zip(&transfers) {
                    *acc = add(*acc, *t, stage)?;
                }
                last.totals = totals;
                last.non_transferable = non_transferable;
                last.notes.push(note);
            }
            let before = self.elected.len();
            self.elect_on_quota();
            let now: Vec<usize> = self.elected[before..].iter().map(|e| e.candidate).collect();
            if !now.is_empty() && i + 1 < n {
                let note = format!(
                    "{} reached the quota after sub-parcel {}: deemed elected, no further papers (r.48(3), r.51(11))",
                    self.names(&now),
                    i + 1
                );
                if let Some(last) = self.stages.last_mut() {
                    last.notes.push(note);
                }
            }
            self.last_vacancy_inside_exclusion(stage)?;
        }
        Ok(())
    }

    /// r.52(2) part-way through an exclusion: with one vacancy left, a
    /// continuing candidate whose votes are at least all the other
    /// continuing candidates' together with the surpluses not transferred
    /// is "thereupon" deemed elected, and no further transfer is made
    /// (r.52(3)); the received sub-parcels are transferred only "if,
    /// subject to rule 52, one or more vacancies still remain to be filled"
    /// (r.51(5)). This covers the single-vacancy election whose candidate
    /// reaches the quota inside an exclusion (not deemed elected on the
    /// quota until r.51(1)-(3) have been complied with, r.48(3); the quota
    /// is more than half the valid papers, so more than all the others
    /// together), and a last vacancy of several filled below the quota.
    fn last_vacancy_inside_exclusion(&mut self, stage: u32) -> Result<(), StvError> {
        if self.vacancies() != 1 {
            return Ok(());
        }
        let continuing = self.continuing();
        if continuing.len() <= 1 {
            return Ok(());
        }
        let mut untransferred = Value::ZERO;
        for (_, s) in self.pending_surpluses() {
            untransferred = add(untransferred, s, stage)?;
        }
        if let Some(c) = self.last_vacancy_shortcut(&continuing, untransferred)? {
            let note = format!(
                "{} deemed elected at count {stage}: {} is at least the other continuing candidates' votes together with the surpluses not transferred ({}) (r.52(2)); no further transfer (r.51(5), r.52(3))",
                self.name(c),
                fx(self.totals[c]),
                fx(untransferred)
            );
            self.deem_elected(c, Some(note));
        }
        Ok(())
    }

    /// The excluded candidates' papers in the order r.51 transfers them:
    /// first preferences (r.51(2)), then by transfer value, highest first
    /// (r.51(5)-(9)). Papers of equal value from different stages or
    /// candidates form one sub-parcel.
    fn exclusion_parcels(&mut self, group: &[usize]) -> Vec<ExclusionParcel> {
        let mut first = ExclusionParcel {
            first: true,
            value: Value::ZERO,
            from: Vec::new(),
        };
        let mut by_value: BTreeMap<Value, Vec<(usize, Bundle)>> = BTreeMap::new();
        for &c in group {
            for p in std::mem::take(&mut self.parcels[c]) {
                if p.first {
                    first.value = p.value;
                    first.from.extend(p.bundles.into_iter().map(|b| (c, b)));
                } else {
                    by_value
                        .entry(p.value)
                        .or_default()
                        .extend(p.bundles.into_iter().map(|b| (c, b)));
                }
            }
        }
        let mut out = Vec::new();
        if !first.from.is_empty() {
            out.push(first);
        }
        for (value, from) in by_value.into_iter().rev() {
            if !from.is_empty() {
                out.push(ExclusionParcel {
                    first: false,
                    value,
                    from,
                });
            }
        }
        out
    }

    fn into_sheet(self) -> StageSheet {
        StageSheet {
            rules: StvRules::NorthernIreland,
            places: NI_PLACES,
            title: self.election.title().to_vec(),
            poll_date: self.election.poll_date(),
            seats: self.seats,
            valid_papers: self.valid,
            quota: self.quota,
            candidates: self.election.candidates().to_vec(),
            withdrawn: self.election.withdrawn().iter().copied().collect(),
            stages: self.stages,
            elected: self.elected,
            lots: self.drawn,
            rehearsal_seed: self.lots.seed().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::ballots::{Ballot, Candidate};
    use crate::lots::{LotMethod, RecordedLot};

    /// An election from candidate names and `(papers, preferences by name)`.
    fn election(names: &[&str], seats: usize, lines: &[(u64, &[&str])]) -> Election {
        let idx = |n: &str| u16::try_from(names.iter().position(|x| *x == n).unwrap()).unwrap();
        let ballots = lines
            .iter()
            .map(|(w, p)| Ballot {
                weight: *w,
                prefs: p.iter().map(|n| idx(n)).collect(),
            })
            .collect();
        let candidates = names.iter().map(|n| Candidate::new(*n)).collect();
        Election::new("test", candidates, seats, BTreeSet::new(), ballots).unwrap()
    }

    fn v(s: &str) -> Value {
        Value::parse(s, NI_PLACES).unwrap()
    }

    /// Stage `n`'s totals as 2-place strings.
    fn totals(sheet: &StageSheet, n: u32) -> Vec<String> {
        sheet
            .stage(n)
            .unwrap()
            .totals
            .iter()
            .map(|t| fx(*t))
            .collect()
    }

    fn elected(sheet: &StageSheet) -> Vec<(usize, u32)> {
        sheet
            .elected
            .iter()
            .map(|e| (e.candidate, e.stage))
            .collect()
    }

    /// Σ totals + non-transferable + rounding loss = valid papers at every
    /// stage (r.50(2)(d), r.51(10)(d)).
    fn assert_conserved(sheet: &StageSheet) {
        let valid = Value::whole(sheet.valid_papers, NI_PLACES).unwrap();
        for s in &sheet.stages {
            let mut sum = s.non_transferable.checked_add(s.rounding_loss).unwrap();
            for t in &s.totals {
                sum = sum.checked_add(*t).unwrap();
            }
            assert_eq!(sum, valid, "stage {}", s.number);
        }
    }

    /// The surplus arithmetic of uk-count-rules §6.2 (West Tyrone, as
    /// reported): quota 1,078; McElduff 1,471 first preferences, surplus
    /// 393, 1,427 transferable papers, TV = trunc2(393 / 1427 = 0.2754) =
    /// 0.27 (r.49(4)(b)); 1,427 × 0.27 = 385.29 transferred, 7.71 not.
    /// McDonnell: 1,060 first preferences + 7 papers at 0.47 (3.29) + 170 at
    /// 0.27 (45.90) = 1,109.19, surplus 31.19; only the last sub-parcel (170
    /// papers at 0.27) is examined (r.49(5)); 123 transferable, TV =
    /// trunc2(31.19 / 123 = 0.2536) = 0.25 ≤ 0.27 (r.49(7)); 30.75
    /// transferred, 0.44 not.
    ///
    /// The miniature election reproducing it (5 seats, 6,464 valid papers,
    /// quota floor(6464 / 6) + 1 = 1,078, r.48): P (1,548) has the larger
    /// surplus, 470, transferred first (r.50(1)): 1,000 transferable papers,
    /// TV 0.47 (7 to D = 3.29, 993 to Y = 466.71). Then M (stage 3), then D
    /// (stage 4). Stage 5: L1, L2, L3 (100 + 110 + 200 = 410 < Z's 430.75,
    /// r.51(12)) excluded together: Y +100, X +200, 110 non-transferable.
    /// Count 6: Z excluded: first preferences (r.51(2)): Y +150 =
    /// 1,003.71, X +250 = 999.39. Y 1,003.71 ≥ X 999.39, the one vacancy
    /// left: Y is thereupon elected (r.52(2)) and Z's second sub-parcel,
    /// the 123 papers received at 0.25, is not transferred (r.51(5) "if,
    /// subject to rule 52, one or more vacancies still remain", r.52(3)):
    /// Z keeps 30.75.
    #[test]
    fn west_tyrone_arithmetic_and_last_parcel() {
        let names = ["P", "M", "D", "E", "X", "Y", "Z", "L1", "L2", "L3"];
        let e = election(
            &names,
            5,
            &[
                (7, &["P", "D"]),
                (993, &["P", "Y"]),
                (548, &["P"]),
                (123, &["M", "D", "Z"]),
                (47, &["M", "D"]),
                (1257, &["M", "X"]),
                (44, &["M"]),
                (1060, &["D"]),
                (1078, &["E"]),
                (210, &["X"]),
                (287, &["Y"]),
                (150, &["Z", "Y"]),
                (250, &["Z", "X"]),
                (100, &["L1", "Y"]),
                (110, &["L2"]),
                (200, &["L3", "X"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.valid_papers, 6464);
        assert_eq!(s.quota, v("1078"));
        assert_eq!(s.stages.len(), 6);
        assert_eq!(s.stages[1].action, Action::Surplus(0));
        assert_eq!(s.stages[2].action, Action::Surplus(1));
        assert_eq!(s.stages[3].action, Action::Surplus(2));
        // Stage 2: P's surplus at 0.47.
        assert_eq!(s.stages[1].transfers[2], v("3.29"));
        assert_eq!(s.stages[1].transfers[5], v("466.71"));
        // Stage 3: M's surplus at 0.27: D +45.90 = 1,109.19, X +339.39.
        let st3 = &s.stages[2];
        assert_eq!(st3.transfers[1], v("-393"));
        assert_eq!(st3.transfers[2], v("45.90"));
        assert_eq!(st3.transfers[4], v("339.39"));
        assert_eq!(st3.totals[2], v("1109.19"));
        assert_eq!(st3.rounding_loss, v("7.71"));
        assert_eq!(st3.non_transferable, v("0"));
        assert_eq!(st3.elected, vec![2]);
        // Stage 4: D's surplus 31.19 from the 170 papers at 0.27 only.
        let st4 = &s.stages[3];
        assert_eq!(st4.transfers[2], v("-31.19"));
        assert_eq!(st4.transfers[6], v("30.75"));
        assert_eq!(
            st4.rounding_loss.checked_sub(st3.rounding_loss),
            Some(v("0.44"))
        );
        assert_eq!(st4.totals[2], v("1078"));
        // Stage 5: the bulk exclusion.
        assert_eq!(s.stages[4].action, Action::BulkExclusion(vec![7, 8, 9]));
        assert_eq!(s.stages[4].excluded, vec![7, 8, 9]);
        assert_eq!(
            totals(&s, 5),
            [
                "1078.00", "1078.00", "1078.00", "1078.00", "749.39", "853.71", "430.75", "0.00",
                "0.00", "0.00"
            ]
        );
        assert_eq!(s.stages[4].non_transferable, v("110"));
        // Count 6: Z's first preferences; the 0.25 sub-parcel stays.
        assert_eq!(s.stages[5].action, Action::Exclusion(6));
        assert_eq!(s.stages[5].excluded, vec![6]);
        assert_eq!(s.stages[5].transfers[6], v("-400"));
        let notes = s.stages[5].notes.join(" | ");
        assert!(
            notes.contains("sub-parcel 1 of 2: first-preference papers (400 at 1.00)"),
            "{notes}"
        );
        assert!(
            notes.contains("sub-parcels 2 to 2 of Z not transferred: every vacancy is filled"),
            "{notes}"
        );
        assert_eq!(
            totals(&s, 6),
            [
                "1078.00", "1078.00", "1078.00", "1078.00", "999.39", "1003.71", "30.75", "0.00",
                "0.00", "0.00"
            ]
        );
        assert_eq!(s.stages[5].non_transferable, v("110"));
        assert_eq!(s.stages[5].rounding_loss, v("8.15"));
        assert_eq!(elected(&s), [(0, 1), (1, 1), (3, 1), (2, 3), (5, 6)]);
        assert!(s.stages[5].notes.iter().any(|n| n.contains("r.52(2)")));
        assert_conserved(&s);
    }

    /// r.49(7): a later surplus's TV is the lesser of surplus ÷ transferable
    /// papers and the value at which the papers were received.
    /// 3 seats, 76 papers, quota floor(76/4)+1 = 20. A 30: surplus 10 over 20
    /// transferable papers, TV 0.50 (C +5.00 = 24.00, G +5.00). C's surplus
    /// 4.00 comes from the 10 papers received at 0.50, of which 2 go on to F:
    /// 4.00 / 2 = 2.00 > 0.50, so TV 0.50: F +1.00, and 3.00 is
    /// non-transferable (r.50(2)(c)), not a rounding loss. Then F (9) is
    /// excluded at count 4: first preferences to H (18); H 18 ≥ G 14, the
    /// one vacancy left: H elected (r.52(2)), and the 2 papers F received
    /// at 0.50 are not transferred (r.51(5), r.52(3)): F keeps 1.00.
    #[test]
    fn transfer_value_capped_at_value_received() {
        let e = election(
            &["A", "C", "F", "G", "H"],
            3,
            &[
                (2, &["A", "C", "F"]),
                (8, &["A", "C"]),
                (10, &["A", "G"]),
                (10, &["A"]),
                (19, &["C"]),
                (8, &["F", "H"]),
                (9, &["G"]),
                (10, &["H"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("20"));
        assert_eq!(totals(&s, 2), ["20.00", "24.00", "8.00", "14.00", "10.00"]);
        assert_eq!(s.stages[2].action, Action::Surplus(1));
        assert_eq!(s.stages[2].transfers[2], v("1.00"));
        assert_eq!(s.stages[2].non_transferable, v("3.00"));
        assert_eq!(s.stages[2].rounding_loss, v("0"));
        assert_eq!(s.stages[3].action, Action::Exclusion(2));
        assert_eq!(s.stages.len(), 4);
        assert_eq!(totals(&s, 4), ["20.00", "20.00", "1.00", "14.00", "18.00"]);
        assert_eq!(s.stages[3].non_transferable, v("3.00"));
        assert_eq!(elected(&s), [(0, 1), (1, 2), (4, 4)]);
        assert_conserved(&s);
    }

    /// r.49(10)(a): 2 seats, 30 papers, quota 11. A's surplus of 1 is less
    /// than the gap between the lowest, L (2), and the next, C (7), so it is
    /// deferred and L is excluded first (stage 2: C 9). Then B and C are
    /// equal on 9: no gap, so the surplus goes (stage 3): 12 papers, TV
    /// trunc2(1 / 12 = 0.083) = 0.08, B +0.96, loss 0.04. B 9.96 ≥ C 9:
    /// B elected (r.52(2)).
    #[test]
    fn deferred_surplus() {
        let e = election(
            &["A", "B", "C", "L"],
            2,
            &[
                (12, &["A", "B"]),
                (9, &["B"]),
                (7, &["C"]),
                (2, &["L", "C"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("11"));
        assert_eq!(s.stages[1].action, Action::Exclusion(3));
        assert!(
            s.stages[1].notes.iter().any(|n| n.contains("r.49(10)(a)")),
            "{:?}",
            s.stages[1].notes
        );
        assert_eq!(totals(&s, 2), ["12.00", "9.00", "9.00", "0.00"]);
        assert_eq!(s.stages[2].action, Action::Surplus(0));
        assert_eq!(totals(&s, 3), ["11.00", "9.96", "9.00", "0.00"]);
        assert_eq!(s.stages[2].rounding_loss, v("0.04"));
        assert_eq!(elected(&s), [(0, 1), (1, 3)]);
        assert_conserved(&s);
    }

    /// r.49(10)(b) and r.51(12): 2 seats, 73 papers, quota 25. A's surplus
    /// of 1 is not less than the gap between L1 (2) and L2 (3), but is less
    /// than the gap between L1 + L2 (5) and O (20): deferred. L1 and L2 are
    /// excluded together (5 + 1 < 20; with O, 25 + 1 is not < N's 22):
    /// N 24, O 23. N 24 ≥ O 23 + the surplus 1 (r.52(2), "equal to or
    /// greater"): N elected at stage 2.
    #[test]
    fn bulk_exclusion_with_deferral_b() {
        let e = election(
            &["A", "N", "O", "L1", "L2"],
            2,
            &[
                (26, &["A", "O"]),
                (22, &["N"]),
                (20, &["O"]),
                (2, &["L1", "N"]),
                (3, &["L2", "O"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("25"));
        assert_eq!(s.stages.len(), 2);
        assert_eq!(s.stages[1].action, Action::BulkExclusion(vec![3, 4]));
        let notes = s.stages[1].notes.join(" | ");
        assert!(notes.contains("r.49(10)(b)"), "{notes}");
        assert!(notes.contains("r.51(12)"), "{notes}");
        assert_eq!(totals(&s, 2), ["26.00", "24.00", "23.00", "0.00", "0.00"]);
        assert_eq!(elected(&s), [(0, 1), (1, 2)]);
        assert_conserved(&s);
    }

    /// r.51(5)-(9): an excluded candidate's papers go first-preferences
    /// first, then by the value received, highest first. 3 seats, 141
    /// papers, quota floor(141 / 4) + 1 = 36.
    ///
    /// | count | action | A | B | X | Y | Z | W | non-tr. |
    /// |---|---|---|---|---|---|---|---|---|
    /// | 1 | first preferences | 48 | 42 | 10 | 12 | 14 | 15 | 0 |
    /// | 2 | A's surplus 12 | 36 | 42 | 13.00 | 21.00 | 14.00 | 15 | 0 |
    /// | 3 | B's surplus 6 | 36 | 36 | 14.50 | 21.00 | 18.50 | 15 | 0 |
    /// | 4 | X excluded | 36 | 36 | 0 | 21.00 | 29.00 | 15 | 4.00 |
    /// | 5 | W excluded | 36 | 36 | 0 | 21.00 | 29.00 | 0 | 19.00 |
    ///
    /// - Count 2: A 48: surplus 12 / 20 transferable = 0.60 (X 5 papers
    ///   +3.00, Y 15 +9.00). Not deferred: 12 + 6 is not less than X 10 to
    ///   Y 12 (r.49(10)(a)).
    /// - Count 3: B 42: 6 / 20 = 0.30 (X 5 papers +1.50, Z 15 +4.50).
    /// - Count 4: X (14.50) excluded, one count in three sub-parcels: his
    ///   first preferences (Z +6 = 24.50, 4 non-transferable); the 5 papers
    ///   at 0.60 (Z +3.00 = 27.50); the 5 at 0.30 (Z +1.50 = 29.00). After
    ///   each, Z is less than Y + W = 36, so r.52(2) does not end it.
    /// - Count 5: W (15) excluded, all non-transferable; Z 29 ≥ Y 21: Z
    ///   elected (r.52(2)).
    #[test]
    fn exclusion_in_sub_parcels_of_descending_value() {
        let e = election(
            &["A", "B", "X", "Y", "Z", "W"],
            3,
            &[
                (5, &["A", "X", "Z"]),
                (15, &["A", "Y"]),
                (28, &["A"]),
                (5, &["B", "X", "Z"]),
                (15, &["B", "Z"]),
                (22, &["B"]),
                (6, &["X", "Z"]),
                (4, &["X"]),
                (12, &["Y"]),
                (14, &["Z"]),
                (15, &["W"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("36"));
        assert_eq!(
            totals(&s, 3),
            ["36.00", "36.00", "14.50", "21.00", "18.50", "15.00"]
        );
        assert_eq!(s.stages.len(), 5);
        assert_eq!(
            totals(&s, 4),
            ["36.00", "36.00", "0.00", "21.00", "29.00", "15.00"]
        );
        let notes = s.stages[3].notes.join(" | ");
        let first = notes
            .find("sub-parcel 1 of 3: first-preference papers")
            .unwrap();
        let sixty = notes
            .find("sub-parcel 2 of 3: papers received at 0.60")
            .unwrap();
        let thirty = notes
            .find("sub-parcel 3 of 3: papers received at 0.30")
            .unwrap();
        assert!(first < sixty && sixty < thirty, "{notes}");
        assert_eq!(s.stages[3].transfers[2], v("-14.50"));
        assert_eq!(s.stages[3].transfers[4], v("10.50"));
        assert_eq!(s.stages[3].non_transferable, v("4.00"));
        assert_eq!(s.stages[4].action, Action::Exclusion(5));
        assert_eq!(s.stages[4].non_transferable, v("19.00"));
        assert_eq!(elected(&s), [(0, 1), (1, 1), (4, 5)]);
        assert_conserved(&s);
    }

    /// r.51(13)(a): P and Q equal (8) at stage 3; at the earliest stage at
    /// which they differed (stage 1: P 5, Q 6) P had fewer, so P is excluded
    /// (the Scottish "most recent" rule would look at stage 2, P 8, Q 6, and
    /// exclude Q). 2 seats, 47 papers, quota 16; A's surplus 3 goes to P at
    /// 1.00 (3 / 3 transferable); R (2) excluded at stage 3 to Q.
    #[test]
    fn exclusion_tie_by_earliest_stage() {
        let e = election(
            &["A", "B", "P", "Q", "R"],
            2,
            &[
                (3, &["A", "P"]),
                (16, &["A"]),
                (15, &["B"]),
                (5, &["P"]),
                (6, &["Q"]),
                (2, &["R", "Q"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("16"));
        assert_eq!(totals(&s, 2), ["16.00", "15.00", "8.00", "6.00", "2.00"]);
        assert_eq!(totals(&s, 3), ["16.00", "15.00", "8.00", "8.00", "0.00"]);
        assert_eq!(s.stages[3].action, Action::Exclusion(2));
        assert!(s.stages[3]
            .notes
            .iter()
            .any(|n| n.contains("(count 1)") && n.contains("r.51(13)(a)")));
        assert!(s.lots.is_empty());
        // P's 5 first preferences: non-transferable; then B 15 ≥ Q 8, the
        // one vacancy left: B elected (r.52(2)), and the 3 papers P
        // received at 1.00 are not transferred (r.51(5), r.52(3)).
        assert_eq!(s.stages.len(), 4);
        assert_eq!(s.stages[3].non_transferable, v("5"));
        assert_eq!(totals(&s, 4), ["16.00", "15.00", "3.00", "8.00", "0.00"]);
        assert_eq!(elected(&s), [(0, 1), (1, 4)]);
        assert_conserved(&s);
    }

    /// r.51(13)(b): P and Q equal (3) at every stage: lot. 2 seats, 17
    /// papers, quota 6; A exactly on the quota (no surplus stage). Without a
    /// lot the count stops and says so; with a recorded lot excluding Q,
    /// Q's 3 papers go to P (6 = quota, elected at stage 2).
    #[test]
    fn exclusion_tie_by_lot() {
        let e = election(
            &["A", "B", "P", "Q"],
            2,
            &[(6, &["A"]), (5, &["B"]), (3, &["P"]), (3, &["Q", "P"])],
        );
        assert_eq!(
            count(&e, &mut LotSource::none()),
            Err(StvError::LotRequired {
                stage: 2,
                purpose: LotPurpose::Exclusion,
                tied: vec![2, 3]
            })
        );
        let mut lots = LotSource::recorded(vec![RecordedLot {
            stage: 2,
            purpose: LotPurpose::Exclusion,
            tied: vec![2, 3],
            chosen: 3,
        }]);
        let s = count(&e, &mut lots).unwrap();
        assert_eq!(s.quota, v("6"));
        assert_eq!(s.stages.len(), 2);
        assert_eq!(s.stages[1].action, Action::Exclusion(3));
        assert_eq!(totals(&s, 2), ["6.00", "5.00", "6.00", "0.00"]);
        assert_eq!(elected(&s), [(0, 1), (2, 2)]);
        assert_eq!(s.lots.len(), 1);
        assert_eq!(s.lots[0].chosen, 3);
        assert_eq!(s.lots[0].method, LotMethod::Recorded);
        assert!(s.stages[1].notes.iter().any(|n| n.contains("lot")));
        assert_conserved(&s);
    }

    /// r.52(1) and (3): 2 seats, 9 papers, quota floor(9/3)+1 = 4.
    ///
    /// | count | action | A | B | C | D | elected / excluded |
    /// |---|---|---|---|---|---|---|
    /// | 1 | first preferences | 3 | 3 | 2 | 1 | |
    /// | 2 | D excluded: 1 to C | 3 | 3 | 3 | 0 | D excluded; then C excluded, A, B elected |
    ///
    /// After count 2 A, B and C are all on 3; the earliest count at which
    /// they differed is count 1 (C 2): C is excluded (r.51(13)(a)). A and B
    /// are then the continuing candidates for the two vacancies, deemed
    /// elected (r.52(1)), and no further transfer is made (r.52(3)): C's 3
    /// papers stay where they are, nothing is transferred, so no count 3 is
    /// made (a count is the operations of transferring, Part IV interpretation) and C's
    /// exclusion is shown on count 2, as the official sheets show it.
    #[test]
    fn last_vacancies_filled_without_transfer() {
        let e = election(
            &["A", "B", "C", "D"],
            2,
            &[(3, &["A"]), (3, &["B"]), (2, &["C", "A"]), (1, &["D", "C"])],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("4"));
        assert_eq!(s.stages.len(), 2);
        assert_eq!(s.stages[1].action, Action::Exclusion(3));
        assert_eq!(totals(&s, 2), ["3.00", "3.00", "3.00", "0.00"]);
        assert_eq!(s.stages[1].excluded, vec![3, 2]);
        assert!(s.stages[1].notes.iter().any(|n| n.contains("r.52(1), (3)")));
        assert!(s.stages[1].notes.iter().any(|n| n.contains("r.51(13)(a)")));
        assert_eq!(elected(&s), [(0, 2), (1, 2)]);
        assert_conserved(&s);
    }

    /// A lot for the last exclusion (r.51(13)(b)) keeps the number of the
    /// count that exclusion would open (r.51(4)), one more than the last
    /// count on the sheet, so that it never meets a lot drawn for the last
    /// count's own action. 3 seats, 13 papers, quota floor(13/4)+1 = 4.
    ///
    /// | count | action | A | B | P | Q | R | non-tr. | elected / excluded |
    /// |---|---|---|---|---|---|---|---|---|
    /// | 1 | first preferences | 4 | 3 | 2 | 2 | 2 | 0 | A elected (quota) |
    /// | 2 | R excluded (lot drawn for count 2) | 4 | 3 | 2 | 2 | 0 | 2 | R excluded; Q excluded (lot drawn for count 3); B, P elected |
    ///
    /// After count 1 (A on the quota, no surplus) P, Q and R are equal
    /// lowest at every count: a lot for count 2's exclusion falls on R,
    /// whose 2 papers name no one else (non-transferable). After count 2 B,
    /// P and Q continue for two vacancies; P and Q are equal lowest at the
    /// end of counts 1 and 2: a lot (r.51(13)(b)) for the exclusion, which
    /// would open count 3, falls on Q. B and P are then as many as the
    /// vacancies (r.52(1)): nothing is transferred (r.52(3)), no count 3 is
    /// made, and Q's exclusion and B's and P's election are shown on count
    /// 2. Without the second lot the count stops asking for it at count 3.
    #[test]
    fn lot_for_the_last_exclusion_is_numbered_by_the_count_it_would_open() {
        let e = election(
            &["A", "B", "P", "Q", "R"],
            3,
            &[
                (4, &["A"]),
                (3, &["B"]),
                (2, &["P"]),
                (2, &["Q"]),
                (2, &["R"]),
            ],
        );
        let first = RecordedLot {
            stage: 2,
            purpose: LotPurpose::Exclusion,
            tied: vec![2, 3, 4],
            chosen: 4,
        };
        assert_eq!(
            count(&e, &mut LotSource::recorded(vec![first.clone()])),
            Err(StvError::LotRequired {
                stage: 3,
                purpose: LotPurpose::Exclusion,
                tied: vec![2, 3]
            })
        );
        let mut lots = LotSource::recorded(vec![
            first,
            RecordedLot {
                stage: 3,
                purpose: LotPurpose::Exclusion,
                tied: vec![2, 3],
                chosen: 3,
            },
        ]);
        let s = count(&e, &mut lots).unwrap();
        assert!(lots.unused().is_empty());
        assert_eq!(s.quota, v("4"));
        assert_eq!(s.stages.len(), 2);
        assert_eq!(s.stages[1].action, Action::Exclusion(4));
        assert_eq!(totals(&s, 2), ["4.00", "3.00", "2.00", "2.00", "0.00"]);
        assert_eq!(s.stages[1].non_transferable, v("2"));
        assert_eq!(s.stages[1].excluded, vec![4, 3]);
        assert_eq!(elected(&s), [(0, 1), (1, 2), (2, 2)]);
        let drawn: Vec<(u32, usize)> = s.lots.iter().map(|l| (l.stage, l.chosen)).collect();
        assert_eq!(drawn, [(2, 4), (3, 3)]);
        assert_conserved(&s);
    }

    /// r.50(1)(b): equal surpluses, equal at every stage: the order is by
    /// lot, recorded on the sheet. 3 seats, 35 papers, quota floor(35/4)+1
    /// = 9. A and B 10 each (surplus 1 each); C 6, D 5, E 4: no deferral
    /// (2 is not less than D − E = 1, r.49(10)(a); C 6 − (E + D) < 0,
    /// (b)), and C 6 < D + E + 2 (r.52(2) does not apply). The lot's choice
    /// goes first: TV trunc2(1 / 10) = 0.10, 10 papers, 1.00 to its next
    /// preference (C for A, D for B).
    #[test]
    fn equal_surpluses_by_lot() {
        let e = election(
            &["A", "B", "C", "D", "E"],
            3,
            &[
                (10, &["A", "C"]),
                (10, &["B", "D"]),
                (6, &["C"]),
                (5, &["D"]),
                (4, &["E"]),
            ],
        );
        assert_eq!(
            count(&e, &mut LotSource::none()),
            Err(StvError::LotRequired {
                stage: 2,
                purpose: LotPurpose::SurplusOrder,
                tied: vec![0, 1]
            })
        );
        let mut lots = LotSource::none().with_seed("published", "equal-surpluses");
        let s = count(&e, &mut lots).unwrap();
        assert_eq!(s.quota, v("9"));
        assert_eq!(s.lots.len(), 1);
        assert_eq!(s.lots[0].purpose, LotPurpose::SurplusOrder);
        assert_eq!(s.lots[0].tied, vec![0, 1]);
        assert!(matches!(s.lots[0].method, LotMethod::Seeded { .. }));
        let first = s.lots[0].chosen;
        assert_eq!(s.stages[1].action, Action::Surplus(first));
        assert_eq!(s.stages[1].transfers[first + 2], v("1.00"));
        assert!(s.stages[1].notes.iter().any(|n| n.contains("r.50(1)(b)")));
        assert_conserved(&s);
    }

    /// A candidate deemed elected part-way through an exclusion receives no
    /// further papers (he is no longer continuing), the exclusion goes on
    /// while vacancies remain (r.51(5)), and his surplus then comes from the
    /// sub-parcel last received (r.49(5)). 3 seats, 59 papers, quota
    /// floor(59/4)+1 = 15.
    /// - Count 2: A's surplus 6 / 12 transferable = 0.50: D +2.00 (4
    ///   papers), C +4.00 (8).
    /// - Count 3: D (8) excluded. Sub-parcel 1, first preferences: B +6 =
    ///   18, deemed elected; sub-parcel 2, D's 4 papers at 0.50 pass over B:
    ///   C +2.00 = 14. The count ends: A 15, B 18, C 14, D 0, E 12.
    /// - Count 4: B's surplus 3 from the 6 papers received at count 3
    ///   (1.00): 2 transferable, 3 / 2 = 1.50 > 1.00 so TV 1.00 (r.49(7)):
    ///   E +2.00 = 14, 1.00 non-transferable.
    /// - After count 4: C and E equal on 14; at the end of count 1 C had 8,
    ///   E 12 (r.51(13)(a)): C excluded; E is then the one continuing
    ///   candidate for the one vacancy (r.52(1)) and no further transfer is
    ///   made (r.52(3)): nothing is transferred, so no count 5 — C's
    ///   exclusion and E's election are shown on count 4.
    #[test]
    fn elected_during_an_exclusion_then_last_parcel_surplus() {
        let e = election(
            &["A", "B", "C", "D", "E"],
            3,
            &[
                (4, &["A", "D", "B", "C"]),
                (8, &["A", "C"]),
                (9, &["A"]),
                (12, &["B"]),
                (8, &["C"]),
                (2, &["D", "B", "E"]),
                (4, &["D", "B"]),
                (12, &["E"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("15"));
        assert_eq!(totals(&s, 2), ["15.00", "12.00", "12.00", "8.00", "12.00"]);
        assert_eq!(totals(&s, 3), ["15.00", "18.00", "14.00", "0.00", "12.00"]);
        assert_eq!(s.stages[2].elected, vec![1]);
        assert_eq!(s.stages[2].excluded, vec![3]);
        assert_eq!(s.stages[3].action, Action::Surplus(1));
        assert_eq!(totals(&s, 4), ["15.00", "15.00", "14.00", "0.00", "14.00"]);
        assert_eq!(s.stages[3].non_transferable, v("1.00"));
        assert_eq!(s.stages[3].rounding_loss, v("0"));
        assert!(s.stages[3]
            .notes
            .iter()
            .any(|n| n.contains("received at count 3")));
        assert_eq!(s.stages.len(), 4);
        assert_eq!(s.stages[3].excluded, vec![2]);
        assert_eq!(elected(&s), [(0, 1), (1, 3), (4, 4)]);
        assert_conserved(&s);
    }

    /// r.50(1)(a): equal surpluses; the candidate with more votes at the
    /// earliest stage at which they differed goes first (Scotland's "most
    /// recent" rule would pick the other). 4 seats, 99 papers, quota
    /// floor(99/5)+1 = 20. Stage 1: X 15, Y 13. Stage 2: A's surplus 4 over
    /// 4 transferable papers, TV 1.00: Y 17. Stage 3: Z (10) excluded, 6 to X
    /// and 4 to Y: both on 21, elected, surpluses of 1 each. At stage 1 X
    /// was ahead (stage 2: Y ahead), so X's goes first (stage 4): his 6
    /// papers received at stage 3, TV trunc2(1/6) = 0.16, W +0.96, loss
    /// 0.04. Stage 5: Y's, 4 papers, TV 0.25, B +1.00 = 20: elected.
    #[test]
    fn equal_surpluses_by_earliest_stage() {
        let e = election(
            &["A", "B", "W", "X", "Y", "Z"],
            4,
            &[
                (4, &["A", "Y"]),
                (20, &["A"]),
                (19, &["B"]),
                (18, &["W"]),
                (15, &["X"]),
                (13, &["Y"]),
                (6, &["Z", "X", "W"]),
                (4, &["Z", "Y", "B"]),
            ],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        assert_eq!(s.quota, v("20"));
        assert_eq!(
            totals(&s, 2),
            ["20.00", "19.00", "18.00", "15.00", "17.00", "10.00"]
        );
        assert_eq!(
            totals(&s, 3),
            ["20.00", "19.00", "18.00", "21.00", "21.00", "0.00"]
        );
        assert_eq!(s.stages[3].action, Action::Surplus(3));
        assert!(s.stages[3]
            .notes
            .iter()
            .any(|n| n.contains("(count 1)") && n.contains("r.50(1)(a)")));
        assert_eq!(
            totals(&s, 4),
            ["20.00", "19.00", "18.96", "20.00", "21.00", "0.00"]
        );
        assert_eq!(s.stages[3].rounding_loss, v("0.04"));
        assert_eq!(s.stages[4].action, Action::Surplus(4));
        assert_eq!(
            totals(&s, 5),
            ["20.00", "20.00", "18.96", "20.00", "20.00", "0.00"]
        );
        assert_eq!(elected(&s), [(0, 1), (3, 3), (4, 3), (1, 5)]);
        assert!(s.lots.is_empty());
        assert_conserved(&s);
    }

    /// r.48(2): floor(valid / (seats + 1)) + 1.
    /// A figure past the fixed-point range is an error naming the figures,
    /// never clamped: 10^17 first preferences are worth 10^17 × 100 units
    /// of 0.01, past i64::MAX (about 9.2 × 10^18).
    #[test]
    fn overflow_names_the_figures() {
        let e = election(
            &["A", "B", "C"],
            1,
            &[(100_000_000_000_000_000, &["A"]), (1, &["B"]), (1, &["C"])],
        );
        let err = count(&e, &mut LotSource::none()).unwrap_err();
        assert_eq!(
            err,
            StvError::FigureOverflow {
                stage: 1,
                what: "the value of papers",
                left: "1.00".to_owned(),
                op: "×",
                right: "100000000000000000".to_owned(),
            }
        );
        assert!(
            err.to_string().contains("1.00 × 100000000000000000"),
            "{err}"
        );
    }

    #[test]
    fn quota() {
        let e = election(
            &["A", "B", "C"],
            1,
            &[(7, &["A"]), (4, &["B"]), (2, &["C"])],
        );
        let s = count(&e, &mut LotSource::none()).unwrap();
        // 13 / 2 = 6.5 → 6, + 1 = 7; one vacancy: A 7 ≥ B 4 + C 2 (r.52(2)).
        assert_eq!(s.quota, v("7"));
        assert_eq!(elected(&s), [(0, 1)]);
        assert_eq!(s.stages.len(), 1);
    }

    fn arb_election() -> impl Strategy<Value = Election> {
        (3_usize..10).prop_flat_map(|n| {
            let line = (
                1_u64..30,
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                1..=n,
            )
                .prop_map(|(w, order, len)| (w, order.into_iter().take(len).collect::<Vec<_>>()));
            (1..n, proptest::collection::vec(line, 1..40)).prop_map(move |(seats, lines)| {
                let ballots = lines
                    .into_iter()
                    .map(|(weight, prefs)| Ballot {
                        weight,
                        prefs: prefs
                            .into_iter()
                            .map(|p| u16::try_from(p).unwrap())
                            .collect(),
                    })
                    .collect();
                let candidates = (0..n).map(|i| Candidate::new(format!("C{i}"))).collect();
                Election::new("p", candidates, seats, BTreeSet::new(), ballots).unwrap()
            })
        })
    }

    fn seeded() -> LotSource {
        LotSource::none().with_seed("seed", "prop")
    }

    /// Elections with one withdrawn candidate whose name may appear on the
    /// lines, alone or with others.
    fn arb_election_withdrawn() -> impl Strategy<Value = Election> {
        (4_usize..9).prop_flat_map(|n| {
            let line = (
                1_u64..20,
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                1..=n,
            )
                .prop_map(|(w, order, len)| (w, order.into_iter().take(len).collect::<Vec<_>>()));
            (0..n, 1..n - 1, proptest::collection::vec(line, 1..30)).prop_map(
                move |(withdrawn, seats, lines)| {
                    let ballots = lines
                        .into_iter()
                        .map(|(weight, prefs)| Ballot {
                            weight,
                            prefs: prefs
                                .into_iter()
                                .map(|p| u16::try_from(p).unwrap())
                                .collect(),
                        })
                        .collect();
                    let candidates = (0..n).map(|i| Candidate::new(format!("C{i}"))).collect();
                    Election::new("p", candidates, seats, [withdrawn].into(), ballots).unwrap()
                },
            )
        })
    }

    /// The sheet's structure: stages numbered 1, 2, … (the official count
    /// numbers); every exclusion one stage, naming the candidates excluded
    /// ("stage of the count" (c), r.51(4)); every lot drawn for a stage that exists (or the last exclusion's, one past the last count) and whose
    /// action it decided.
    fn check_structure(s: &StageSheet) -> Result<(), TestCaseError> {
        let n = s.stages.len();
        for (i, st) in s.stages.iter().enumerate() {
            prop_assert_eq!(st.number as usize, i + 1);
            let own: Vec<usize> = match &st.action {
                Action::Exclusion(c) => vec![*c],
                Action::BulkExclusion(cs) => cs.clone(),
                _ => Vec::new(),
            };
            // Only the last count may also show the last exclusion, which
            // transfers nothing (r.52(3)).
            if i + 1 < n {
                prop_assert_eq!(&st.excluded, &own);
            } else {
                prop_assert_eq!(&st.excluded[..own.len()], &own[..]);
            }
        }
        let mut seen = BTreeSet::new();
        for st in &s.stages {
            for &c in &st.excluded {
                prop_assert!(seen.insert(c), "candidate {} excluded twice", c);
            }
        }
        for lot in &s.lots {
            if lot.stage as usize == n + 1 {
                // The last exclusion's lot, numbered by the count it would
                // have opened; it is shown on the last count.
                prop_assert_eq!(lot.purpose, LotPurpose::Exclusion);
                let last = s.stages.last().unwrap();
                prop_assert!(last.excluded.contains(&lot.chosen));
                prop_assert!(last.action.candidate() != Some(lot.chosen));
                continue;
            }
            let st = s.stage(lot.stage);
            prop_assert!(st.is_some(), "lot for count {} not on the sheet", lot.stage);
            let st = st.unwrap();
            match lot.purpose {
                LotPurpose::Exclusion => {
                    prop_assert_eq!(&st.action, &Action::Exclusion(lot.chosen));
                }
                LotPurpose::SurplusOrder => {
                    prop_assert_eq!(&st.action, &Action::Surplus(lot.chosen));
                }
                other => prop_assert!(false, "an STV count drew a {:?} lot", other),
            }
        }
        Ok(())
    }

    proptest! {
        /// The count's structure holds (see `check_structure`), and the
        /// count fills every seat.
        #[test]
        fn one_stage_per_count(e in arb_election()) {
            let s = count(&e, &mut seeded()).unwrap();
            check_structure(&s)?;
            prop_assert_eq!(s.elected.len(), s.seats);
        }

        /// The engine and `check-sheet` agree: every NI sheet the engine
        /// makes, read as a published sheet, checks clean under the NI
        /// rules (order, deferrals, bulk exclusions, bounds, elections, the
        /// last exclusion on the count before, the end of the count).
        #[test]
        fn engine_sheets_check_clean(e in arb_election()) {
            use crate::check::{check, PublishedAction, PublishedSheet, PublishedStage};
            let s = count(&e, &mut seeded()).unwrap();
            let published = PublishedSheet {
                file: "engine".to_owned(),
                title: String::new(),
                candidates: s.candidates.iter().map(Candidate::display_name).collect(),
                seats: s.seats,
                valid: Some(s.valid_papers),
                quota: None,
                places: NI_PLACES,
                marks_elected: true,
                withdrawn: Vec::new(),
                stages: s
                    .stages
                    .iter()
                    .map(|st| PublishedStage {
                        number: st.number,
                        line: 1,
                        action: match &st.action {
                            Action::FirstPreferences => PublishedAction::FirstPreferences,
                            Action::Surplus(c) => PublishedAction::Surplus(*c),
                            Action::Exclusion(c) => PublishedAction::Exclusion(vec![*c]),
                            Action::BulkExclusion(cs) => PublishedAction::Exclusion(cs.clone()),
                        },
                        transfers: st.transfers.clone(),
                        totals: st.totals.clone(),
                        non_transferable: st.non_transferable,
                        loss: st.rounding_loss,
                        elected: st.elected.clone(),
                    })
                    .collect(),
            };
            let findings = check(&published, StvRules::NorthernIreland);
            prop_assert!(findings.is_empty(), "{:#?}\n{:#?}", findings, s.stages);
        }

        /// Papers naming only the withdrawn candidate are not valid: the
        /// valid total (and so the quota) counts only papers with a
        /// preference for a candidate standing; value is conserved at every
        /// count against that total.
        #[test]
        fn withdrawn_only_papers_are_not_valid(e in arb_election_withdrawn()) {
            let w = *e.withdrawn().iter().next().unwrap();
            let expected: u64 = e
                .ballots()
                .iter()
                .filter(|b| b.prefs.iter().any(|&p| usize::from(p) != w))
                .map(|b| b.weight)
                .sum();
            let s = count(&e, &mut seeded()).unwrap();
            prop_assert_eq!(s.valid_papers, expected);
            prop_assert_eq!(
                s.quota,
                Value::whole(expected / (s.seats as u64 + 1) + 1, NI_PLACES).unwrap()
            );
            assert_conserved(&s);
            check_structure(&s)?;
            prop_assert!(s.stages.iter().all(|st| st.totals[w] == Value::ZERO));
        }

        /// Every stage conserves value exactly; every transfer value is at
        /// most the value at which the papers were received (r.49(4), (7));
        /// exclusions go first preferences first, then by descending value
        /// (r.51); the count fills every seat.
        #[test]
        fn conserves_value_and_caps_transfer_values(e in arb_election()) {
            let mut lots = seeded();
            let mut c = Counter::new(&e, &mut lots).unwrap();
            c.run().unwrap();
            for &(tv, received) in &c.surplus_log {
                prop_assert!(tv <= received, "tv {tv:?} > received {received:?}");
                prop_assert!(tv >= Value::ZERO);
            }
            // r.51(2), (5)-(9): first preferences first, then strictly
            // descending values, none above 1.00.
            let one = Value::whole(1, NI_PLACES).unwrap();
            for parcels in &c.exclusion_log {
                for (i, &(first, value)) in parcels.iter().enumerate() {
                    prop_assert!(value <= one);
                    prop_assert_eq!(first, i == 0 && first);
                    if i > 0 && !first {
                        let (pf, pv) = parcels[i - 1];
                        prop_assert!(pf || pv > value, "{:?}", parcels);
                    }
                }
            }
            let s = c.into_sheet();
            assert_conserved(&s);
            prop_assert_eq!(s.elected.len(), s.seats);
            for st in &s.stages {
                prop_assert!(st.non_transferable >= Value::ZERO);
                prop_assert!(st.rounding_loss >= Value::ZERO);
                prop_assert!(st.totals.iter().all(|t| *t >= Value::ZERO));
            }
        }

        /// The elected set and every stage total do not depend on the order
        /// of the ballot lines.
        #[test]
        fn ballot_order_does_not_matter(e in arb_election(), rotate in 0_usize..25) {
            let mut lines = e.ballots().to_vec();
            let k = rotate % lines.len();
            lines.rotate_left(k);
            lines.reverse();
            let f = Election::new("p", e.candidates().to_vec(), e.seats(), BTreeSet::new(), lines).unwrap();
            let a = count(&e, &mut seeded()).unwrap();
            let b = count(&f, &mut seeded()).unwrap();
            let set = |s: &StageSheet| s.elected.iter().map(|x| x.candidate).collect::<BTreeSet<_>>();
            prop_assert_eq!(set(&a), set(&b));
            let t = |s: &StageSheet| s.stages.iter().map(|x| x.totals.clone()).collect::<Vec<_>>();
            prop_assert_eq!(t(&a), t(&b));
        }
    }
}
