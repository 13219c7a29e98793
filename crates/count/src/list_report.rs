//! The documents of a list contest: the collation of the constituencies'
//! list totals, the constituency returns (additional member system), the
//! allocation round by round and the members returned, the recalculations
//! asked for, the declaration and later vacancies.

use serde::Serialize;
use time::Date;

use countroom_list::{Disregarded, Status, TieSettled};

use crate::state::{
    stage_words_named, AllocationStage, CountState, DecisionKind, ListContestCount,
};
use crate::wire_time::EntryTime;
use crate::DeclarationLine;

/// One list contest's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListContestReport {
    /// The contest's id.
    pub contest: String,
    /// The election's name.
    pub election: String,
    /// The poll date (serialised `YYYY-MM-DD`).
    #[serde(serialize_with = "crate::wire_time::date")]
    pub poll_date: Date,
    /// Title of the poll.
    pub title: String,
    /// The region (or Senedd constituency, or London).
    pub area: String,
    /// What the area is, by the contest's office: `constituency` (the
    /// Senedd from 2026), `region` (the Scottish Parliament's and the
    /// Senedd 2007–2021 regions) or `London` (the London members).
    pub area_kind: &'static str,
    /// The officer who allocates the seats and declares them, as the
    /// documents name the office ("the constituency returning officer",
    /// "the regional returning officer", "the Greater London returning
    /// officer"). Not in the JSON (`area_kind` and `office` give it).
    #[serde(skip)]
    pub allocating_officer: &'static str,
    /// The list office's code.
    pub office: &'static str,
    /// The list ruleset's code.
    pub ruleset: &'static str,
    /// The ruleset's name.
    pub ruleset_name: &'static str,
    /// The statute of the system.
    pub system: &'static str,
    /// `dhondt` or `ams`.
    pub method: &'static str,
    /// The rule for equal highest figures, as cited.
    pub equal_figures: &'static str,
    /// The threshold, as `5%`, if the ruleset sets one.
    pub threshold: Option<String>,
    /// Seats to fill.
    pub seats: u32,
    /// `awaiting_totals`, `awaiting_returns`, `refused`, `lot_required`,
    /// `tie_rule_unsettled`, `more_tied_than_seats_left`, `allocated`,
    /// `unfilled` or `declared`.
    pub status: &'static str,
    /// Where the allocation stands, in words, the parties and individual
    /// candidates by name.
    pub status_text: String,
    /// The parties and individual candidates: votes, constituency seats,
    /// list seats.
    pub options: Vec<ListOptionLine>,
    /// Each constituency's list total.
    pub areas: Vec<ListAreaLine>,
    /// The region's list votes in all (authorised constituencies); `None`
    /// past the largest count.
    pub total_votes: Option<u64>,
    /// Rejected list papers in all (authorised constituencies).
    pub rejected: u64,
    /// Constituency returns reported (additional member system).
    pub constituency_returns: Vec<ConstituencyReturnLine>,
    /// Every seat allocated, in order.
    pub rounds: Vec<RoundLine>,
    /// The highest figure after the last seat.
    pub next: Option<NextLine>,
    /// The members returned at the allocation (and declared, once the
    /// result is declared), seat by seat: never changed by a later vacancy.
    pub members: Vec<MemberLine>,
    /// The members sitting now, seat by seat: [`Self::members`] with each
    /// later vacancy applied in order (an empty name: the seat is vacant).
    /// Left out where there is no later vacancy.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sitting: Vec<MemberLine>,
    /// Lots drawn.
    pub lots: Vec<ListLotLine>,
    /// Recalculations asked for and made.
    pub recalculations: Vec<RecalculationLine>,
    /// The declaration, once made.
    pub declaration: Option<DeclarationLine>,
    /// Later vacancies in list seats.
    pub vacancies: Vec<ListVacancyLine>,
    /// The statement as to the verification of the list papers, where the
    /// log verifies them box by box.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification: Option<countroom_verify::VerificationStatement>,
    /// What the log proves about itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<crate::Evidence>,
}

/// A party or individual candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListOptionLine {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// An individual candidate.
    pub individual: bool,
    /// Votes in the region (authorised constituencies).
    pub votes: u64,
    /// Constituency seats won in the region (additional member system).
    pub constituency_seats: u32,
    /// List seats allocated.
    pub list_seats: u32,
    /// Why it took no (further) part, if so: `threshold`,
    /// `returned_as_constituency_member`, `list_exhausted`.
    pub disregarded: Option<&'static str>,
    /// A party's list, in order, with each person's standing.
    pub list: Vec<ListPersonLine>,
}

/// One person on a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListPersonLine {
    /// Position, from 1.
    pub position: usize,
    /// Name.
    pub name: String,
    /// `standing`, `withdrawn`, `died`, `constituency_member`.
    pub status: &'static str,
}

/// One constituency's list total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListAreaLine {
    /// The constituency.
    pub counting_area: String,
    /// Its name.
    pub name: String,
    /// `missing`, `reported` or `authorised`.
    pub status: &'static str,
    /// Re-counts ordered.
    pub recounts: u32,
    /// Papers going forward to the count.
    pub papers_forward: Option<u64>,
    /// Votes per option, in the options' order.
    pub votes: Vec<u64>,
    /// Rejected papers.
    pub rejected: Option<u64>,
    /// The area's verified list papers, where the log verifies them
    /// (absent otherwise): for the list papers' verification statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<u64>,
    /// Why the area has no verified figure, where it has none ("the list
    /// papers are not verified in the log"): for `verify`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_note: Option<String>,
    /// The count of the area's list papers in the log, if they are counted
    /// there (absent: the area's total, if any, was reported with
    /// `local_total_reported`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<ListAreaCountLine>,
}

/// The count of one area's list papers in the log (docs/count-log.md,
/// "Counting a list poll at the constituency count").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListAreaCountLine {
    /// Where the area's total comes from: `counted` (the completed count
    /// is the total), `counted_and_reported` (a local total reported that
    /// agrees with it is recorded too), `reported` (a reported total
    /// stands while the count is not completed) or `counting` (no total
    /// yet).
    pub source: &'static str,
    /// The current run (1 for the first count).
    pub run: u32,
    /// Whether the current run is completed.
    pub completed: bool,
    /// Papers counted in the current run: valid + rejected.
    pub papers_counted: u64,
    /// Valid papers (one vote each).
    pub valid: u64,
    /// Votes per option, in the options' order.
    pub votes: Vec<u64>,
    /// Rejected papers under each head of the list ruleset (or as one
    /// figure, `breakdown_not_given`, where its heads were not read).
    pub rejected: Vec<ListHeadLine>,
    /// Bundles counted in the current run.
    pub bundles: u64,
    /// Batches counted in the current run.
    pub batches: u64,
    /// Every run's papers counted, first count first.
    pub runs: Vec<u64>,
    /// Re-counts asked for or ordered.
    pub recounts: Vec<ListAreaRecountLine>,
    /// The area's verified list papers, where the log verifies them.
    pub verified: Option<u64>,
    /// Why there is no verified figure, if there is none.
    pub verified_note: Option<String>,
    /// Papers counted − verified: data on the statement, never an error.
    pub variance: Option<i128>,
    /// Papers valid only under the saving clause in the current run, by
    /// reason (only reasons with papers; absent where there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub saved: Vec<crate::SavedLine>,
    /// The doubtful papers set aside in the current run and the
    /// constituency returning officer's decisions, in reference order
    /// (absent where none was set aside).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubtful: Vec<crate::DecisionLine>,
    /// Objections to rejections in the current run (absent where none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objections: Vec<crate::ObjectionLine>,
    /// Explanations of the current run's variance (absent where none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explanations: Vec<ListExplanationLine>,
}

/// An explanation of the variance of an area's run of list papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListExplanationLine {
    /// Who gave it (the entry's `by`).
    pub by: String,
    /// What it says.
    pub text: String,
}

/// Rejected papers under one head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListHeadLine {
    /// The head's code.
    pub code: &'static str,
    /// Papers.
    pub papers: u64,
}

/// A re-count of an area's list papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListAreaRecountLine {
    /// The run re-counted.
    pub run: u32,
    /// Who asked for it (or, ordered, the regional returning officer).
    pub requested_by: String,
    /// The party or individual candidate for whom it was asked.
    pub option: Option<String>,
    /// Ordered by the regional returning officer (`area_recount_ordered`).
    pub ordered: bool,
    /// `granted`, `refused` or `waiting`.
    pub decision: &'static str,
    /// Who decided.
    pub decided_by: Option<String>,
}

/// A constituency's return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConstituencyReturnLine {
    /// The constituency.
    pub constituency: String,
    /// The member returned.
    pub member: String,
    /// The party (option id), if any.
    pub party: Option<String>,
    /// Who reported it (or declared the constituency's result).
    pub by: String,
    /// The constituency contest of the log whose declared result gave the
    /// return (absent where it was reported).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_contest: Option<String>,
}

/// One seat of the allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundLine {
    /// The seat, from 1.
    pub seat: u32,
    /// The option's id.
    pub option: String,
    /// Its name.
    pub name: String,
    /// The votes divided.
    pub votes: u64,
    /// The divisor.
    pub divisor: u64,
    /// The figure as an exact fraction (`67544/5`).
    pub figure_exact: String,
    /// The figure to two places, half to even (`13508.80`).
    pub figure: Option<String>,
    /// The member filling the seat.
    pub member: Option<String>,
    /// `none`, `each_allocated`, `one_more_vote`, `lot`.
    pub tie: &'static str,
}

/// The highest figure after the last seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextLine {
    /// The option's id.
    pub option: String,
    /// Its name.
    pub name: String,
    /// The figure as an exact fraction.
    pub figure_exact: String,
    /// To two places, half to even.
    pub figure: Option<String>,
}

/// A member returned (or, in `sitting`, sitting after later vacancies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberLine {
    /// The seat.
    pub seat: u32,
    /// The member's name (empty: the seat is vacant).
    pub name: String,
    /// The party or individual candidate (option id).
    pub option: String,
}

/// A lot drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListLotLine {
    /// The seat it decided.
    pub round: u32,
    /// Those tied.
    pub tied: Vec<String>,
    /// On whom it fell.
    pub winner: String,
    /// How it was drawn.
    pub method: String,
    /// Who drew it.
    pub by: String,
    /// When (the log's `at`, as written).
    pub at: Option<EntryTime>,
}

/// A recalculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecalculationLine {
    /// Who asked.
    pub requested_by: String,
    /// When.
    pub requested_at: Option<EntryTime>,
    /// For which option.
    pub party: Option<String>,
    /// Who recalculated.
    pub recalculated_by: Option<String>,
    /// When.
    pub recalculated_at: Option<EntryTime>,
    /// The outcome (`unchanged`), once made.
    pub outcome: Option<String>,
}

/// A later vacancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListVacancyLine {
    /// Who vacated.
    pub vacating: String,
    /// The party.
    pub party: String,
    /// Those who declined.
    pub declined: Vec<String>,
    /// The new member.
    pub filled_by: Option<String>,
    /// Their position on the list.
    pub position: Option<usize>,
    /// The seat of a member returned as an individual candidate: the
    /// statute under which it remains vacant until the next general
    /// election (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remains_vacant_under: Option<String>,
    /// Who recorded it.
    pub by: String,
    /// When (the log's `at`, as written).
    pub at: Option<EntryTime>,
}

const fn disregarded_code(d: Disregarded) -> &'static str {
    match d {
        Disregarded::Threshold => "threshold",
        Disregarded::ReturnedAsConstituencyMember => "returned_as_constituency_member",
        Disregarded::ListExhausted => "list_exhausted",
    }
}

const fn tie_code(t: TieSettled) -> &'static str {
    match t {
        TieSettled::None => "none",
        TieSettled::EachAllocated => "each_allocated",
        TieSettled::OneMoreVote => "one_more_vote",
        TieSettled::Lot => "lot",
        TieSettled::OneMoreSeat => "one_more_seat",
    }
}

/// Every list contest's documents, in the order defined.
#[must_use]
pub fn list_reports(
    state: &CountState,
    evidence: Option<&crate::Evidence>,
) -> Vec<ListContestReport> {
    state
        .list_contests()
        .iter()
        .map(|c| {
            let election = state
                .elections()
                .iter()
                .find(|e| e.id.as_str() == c.election())
                .map_or_else(String::new, |e| e.name.clone());
            let mut r = list_contest_report(state, c, election);
            r.evidence = evidence.cloned();
            if let Some(d) = r.declaration.as_mut() {
                let holder = state.authority().holder(&d.by);
                d.officer = holder.map(|a| format!("{}, {}", a.name, a.role.title()));
                // The office of whoever declared, for the signature line
                // (a collating officer signs as such).
                d.office = holder.map(|a| a.role.title());
            }
            r
        })
        .collect()
}

fn list_contest_report(
    state: &CountState,
    c: &ListContestCount,
    election: String,
) -> ListContestReport {
    let rules = c.rules();
    // Collated once, for the allocation and for the report's figures.
    let (stage, collated) = c.allocation_and_collated();
    let totals: Vec<u64> = collated
        .as_ref()
        .map(|x| x.total.votes().to_vec())
        .unwrap_or_else(|| vec![0; c.options().len()]);
    let name_of = |id: &str| {
        c.options()
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    };
    let allocation = match &stage {
        AllocationStage::Allocated(a) => Some(a),
        _ => None,
    };
    let returned: std::collections::BTreeSet<&str> =
        c.returns().iter().map(|r| r.member.as_str()).collect();
    let options = c
        .options()
        .iter()
        .zip(&totals)
        .map(|(o, votes)| ListOptionLine {
            id: o.id.clone(),
            name: o.name.clone(),
            individual: o.individual,
            votes: *votes,
            constituency_seats: if c.is_ams() {
                c.constituency_seats(&o.id)
            } else {
                0
            },
            list_seats: allocation
                .and_then(|a| a.seats_by_contestant.get(&o.id).copied())
                .unwrap_or(0),
            disregarded: allocation
                .and_then(|a| a.disregarded.get(&o.id).copied())
                .map(disregarded_code),
            list: o
                .list
                .iter()
                .enumerate()
                .map(|(i, p)| ListPersonLine {
                    position: i + 1,
                    name: p.name.clone(),
                    status: if p.died {
                        "died"
                    } else if p.withdrawn {
                        "withdrawn"
                    } else if returned.contains(p.name.as_str()) {
                        "constituency_member"
                    } else {
                        "standing"
                    },
                })
                .collect(),
        })
        .collect();
    let areas = c
        .collation()
        .plan()
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            // The collation's areas are in the plan's order: looked up by
            // place first, by id only if that is not the area.
            let found = collated.as_ref().and_then(|x| {
                x.areas
                    .get(i)
                    .filter(|r| r.area == a.id)
                    .or_else(|| x.areas.iter().find(|r| r.area == a.id))
            });
            let verified = state.list_area_verified(c.id(), &a.id);
            ListAreaLine {
                counting_area: a.id.clone(),
                name: a.name.clone(),
                status: match found {
                    None => "missing",
                    Some(r) if r.authorised => "authorised",
                    Some(_) => "reported",
                },
                recounts: found.map_or(0, |r| r.recounts),
                papers_forward: found.map(|r| r.figures.papers_forward()),
                votes: found.map_or_else(Vec::new, |r| r.figures.votes().to_vec()),
                rejected: found.map(|r| r.figures.rejected_total()),
                verified: verified.as_ref().ok().copied(),
                verified_note: verified.err(),
                count: area_count_line(state, c, &a.id),
            }
        })
        .collect();
    let rounds = allocation.map_or_else(Vec::new, |a| {
        a.rounds
            .iter()
            .map(|r| RoundLine {
                seat: r.seat,
                option: r.contestant.clone(),
                name: name_of(&r.contestant),
                votes: r.figure.votes,
                divisor: r.figure.divisor,
                figure_exact: r.figure.exact(),
                figure: r.figure.decimal(),
                member: if r.individual {
                    Some(name_of(&r.contestant))
                } else {
                    r.member.clone()
                },
                tie: tie_code(r.tie),
            })
            .collect()
    });
    let next = allocation.and_then(|a| a.next.as_ref()).map(|n| NextLine {
        option: n.contestant.clone(),
        name: name_of(&n.contestant),
        figure_exact: n.figure.exact(),
        figure: n.figure.decimal(),
    });
    let status = match (&stage, c.declared()) {
        (_, Some(_)) => "declared",
        (AllocationStage::AwaitingTotals { .. }, _) => "awaiting_totals",
        (AllocationStage::AwaitingReturns(_), _) => "awaiting_returns",
        (AllocationStage::Refused(_), _) => "refused",
        (AllocationStage::Allocated(a), _) => match a.status {
            Status::Complete => "allocated",
            Status::Unfilled { .. } => "unfilled",
            Status::LotRequired { .. } => "lot_required",
            Status::TieRuleUnsettled { .. } => "tie_rule_unsettled",
            Status::MoreTiedThanSeatsLeft { .. } => "more_tied_than_seats_left",
        },
    };
    let threshold = match rules.method {
        countroom_rules::lists::ListMethod::DHondt {
            threshold: Some(t), ..
        } => Some(
            // The exact decimal (`5%`, `4.5%`), as `allocate` shows it.
            countroom_list::Threshold::percent(t.percent_numerator, t.percent_denominator)
                .map_or_else(
                    || format!("{}/{}%", t.percent_numerator, t.percent_denominator),
                    |x| x.to_string(),
                ),
        ),
        _ => None,
    };
    ListContestReport {
        contest: c.id().to_owned(),
        election,
        poll_date: c.poll_date(),
        title: c.title().to_owned(),
        area: c.area().to_owned(),
        area_kind: c.office().area_word(),
        allocating_officer: c.office().allocating_officer(),
        office: c.office().code(),
        ruleset: rules.code,
        ruleset_name: rules.name,
        system: rules.system,
        method: rules.method.code(),
        equal_figures: rules.equal_figures.citation,
        threshold,
        seats: c.seats(),
        status,
        status_text: stage_words_named(&stage, &|id: &str| name_of(id)),
        options,
        areas,
        total_votes: totals.iter().try_fold(0u64, |a, v| a.checked_add(*v)),
        rejected: collated.as_ref().map_or(0, |x| x.total.rejected_total()),
        constituency_returns: c
            .returns()
            .iter()
            .map(|r| ConstituencyReturnLine {
                constituency: r.constituency.clone(),
                member: r.member.clone(),
                party: r.party.clone(),
                by: r.by.clone(),
                from_contest: r.from_contest.clone(),
            })
            .collect(),
        rounds,
        next,
        members: c
            .members_in(&stage)
            .into_iter()
            .map(|(seat, option, name)| MemberLine { seat, name, option })
            .collect(),
        sitting: if c.vacancies().is_empty() {
            Vec::new()
        } else {
            c.sitting_in(&stage)
                .into_iter()
                .map(|(seat, option, name)| MemberLine { seat, name, option })
                .collect()
        },
        lots: c
            .lots()
            .iter()
            .map(|l| ListLotLine {
                round: l.round,
                tied: l.tied.clone(),
                winner: l.winner.clone(),
                method: l.method.clone(),
                by: l.by.clone(),
                at: l.at.clone(),
            })
            .collect(),
        recalculations: c
            .recalculations()
            .iter()
            .map(|r| RecalculationLine {
                requested_by: r.requested_by.clone(),
                requested_at: r.requested_at.clone(),
                party: r.party.clone(),
                recalculated_by: r.recalculated.as_ref().map(|x| x.0.clone()),
                recalculated_at: r.recalculated.as_ref().and_then(|x| x.1.clone()),
                outcome: r.outcome.clone(),
            })
            .collect(),
        declaration: c.declared().map(|d| DeclarationLine {
            run: d.run,
            by: d.by.clone(),
            at: d.at.clone(),
            officer: None,
            office: None,
        }),
        vacancies: c
            .vacancies()
            .iter()
            .map(|v| ListVacancyLine {
                vacating: v.vacating.clone(),
                party: v.party.clone(),
                declined: v.declined.clone(),
                filled_by: v.filled_by.as_ref().map(|f| f.1.clone()),
                position: v.filled_by.as_ref().map(|f| f.0),
                remains_vacant_under: v.remains_vacant_under.map(str::to_owned),
                by: v.by.clone(),
                at: v.at.clone(),
            })
            .collect(),
        verification: (!c.verification().boxes().is_empty())
            .then(|| countroom_verify::statement(c.verification())),
        evidence: None,
    }
}

/// The line of an area whose list papers are counted in the log.
fn area_count_line(
    state: &CountState,
    c: &ListContestCount,
    area: &str,
) -> Option<ListAreaCountLine> {
    let ac = c.area_count(area)?;
    let run = ac.current()?;
    let completed = run.completed().is_some();
    let stands = c.collation().local_total(area).is_some();
    let source = match (completed, c.reported_entry(area).is_some(), stands) {
        (true, true, _) => "counted_and_reported",
        (true, false, true) => "counted",
        (false, true, _) => "reported",
        _ => "counting",
    };
    let t = run.tally();
    let (verified, verified_note) = match state.list_area_verified(c.id(), area) {
        Ok(v) => (Some(v), None),
        Err(why) => (None, Some(why)),
    };
    Some(ListAreaCountLine {
        source,
        run: run.number(),
        completed,
        papers_counted: t.papers_counted(),
        valid: t.valid_papers(),
        votes: t.votes().to_vec(),
        rejected: c
            .collation()
            .plan()
            .heads
            .iter()
            .map(|h| ListHeadLine {
                code: h.code(),
                papers: t.rejected(*h),
            })
            .collect(),
        bundles: run.bundles(),
        batches: run.batches(),
        runs: ac
            .runs()
            .iter()
            .map(|r| r.tally().papers_counted())
            .collect(),
        recounts: ac
            .recounts()
            .iter()
            .map(|r| ListAreaRecountLine {
                run: r.run,
                requested_by: r.requested_by.clone(),
                option: r.option.clone(),
                ordered: r.ordered,
                decision: match &r.decision {
                    Some((true, _)) => "granted",
                    Some((false, _)) => "refused",
                    None => "waiting",
                },
                decided_by: r.decision.as_ref().map(|d| d.1.clone()),
            })
            .collect(),
        verified,
        verified_note,
        variance: verified.map(|v| i128::from(t.papers_counted()) - i128::from(v)),
        saved: countroom_tally::SavingReason::ALL
            .into_iter()
            .filter_map(|r| {
                let papers = run.saved().get(r.index()).copied().unwrap_or(0);
                (papers > 0).then(|| crate::SavedLine {
                    code: r.code(),
                    label: r.describe(),
                    papers,
                })
            })
            .collect(),
        doubtful: run
            .set_aside()
            .iter()
            .map(|(paper, p)| {
                let d = p.decision.as_ref();
                let (decision, head) = match d.map(|d| d.kind) {
                    None => ("undecided", None),
                    Some(DecisionKind::Valid) => ("valid", None),
                    Some(DecisionKind::RejectedInPart) => ("rejected_in_part", None),
                    Some(DecisionKind::Rejected(h)) => ("rejected", Some(list_head_label(c, h))),
                };
                crate::DecisionLine {
                    paper: paper.clone(),
                    set_aside_because: p.reason.clone(),
                    decision,
                    head,
                    votes: d
                        .map(|d| d.votes.iter().map(|v| option_name(c, v)).collect())
                        .unwrap_or_default(),
                    rejection_objected: d.is_some_and(|d| d.rejection_objected),
                    by: d.map(|d| d.by.clone()),
                    reason: d.and_then(|d| d.reason.clone()),
                }
            })
            .collect(),
        objections: run
            .objections()
            .iter()
            .map(|o| crate::ObjectionLine {
                by: o.by.clone(),
                paper: o.paper.clone(),
                head: o.head.map(countroom_rules::RejectionHead::code),
                head_label: o.head.map(|h| list_head_label(c, h)),
                batch: o.batch.clone(),
                papers: o.papers,
                candidate: o.option.clone(),
                reason: o.reason.clone(),
            })
            .collect(),
        explanations: run
            .explanations()
            .iter()
            .map(|e| ListExplanationLine {
                by: e.by.clone(),
                text: e.text.clone(),
            })
            .collect(),
    })
}

/// A head of the list ruleset's statement as printed: "(c) votes given
/// for more than one …" where the heads were read, else the one figure's
/// words.
fn list_head_label(c: &ListContestCount, h: countroom_rules::RejectionHead) -> String {
    if h == countroom_rules::RejectionHead::BreakdownNotGiven {
        return countroom_rules::RejectionHead::BREAKDOWN_NOT_GIVEN_LABEL.to_owned();
    }
    c.rules()
        .heads
        .and_then(|hs| hs.iter().find(|s| s.head == h))
        .map_or_else(
            || h.code().to_owned(),
            |spec| format!("({}) {}", spec.letter, spec.label),
        )
}

/// A party's or individual candidate's name on the list ballot, by id.
fn option_name(c: &ListContestCount, id: &str) -> String {
    c.options()
        .iter()
        .find(|o| o.id == id)
        .map_or_else(|| id.to_owned(), |o| o.name.clone())
}

impl ListContestReport {
    /// "in the constituency" (the Senedd from 2026), "in the region" (a
    /// Scottish or Senedd 2007–2021 region) or "in London" (the London
    /// members), by [`Self::area_kind`].
    #[must_use]
    pub fn in_area(&self) -> &'static str {
        match self.area_kind {
            "region" => "in the region",
            "London" => "in London",
            _ => "in the constituency",
        }
    }

    /// Where the allocation stands, in words for the documents (no code,
    /// no id): "declared", "every seat allocated, not yet declared", or
    /// [`Self::status_text`] ("a lot is required at seat 6 between Plaid
    /// Cymru and Rhys Morgan").
    #[must_use]
    pub fn status_words(&self) -> String {
        match self.status {
            "declared" => "declared".to_owned(),
            "allocated" => "every seat allocated, not yet declared".to_owned(),
            "unfilled" => format!("{}, not yet declared", self.status_text),
            _ => self.status_text.clone(),
        }
    }

    /// The name of a party or individual candidate by id (the id where the
    /// report does not list it).
    #[must_use]
    pub fn option_name(&self, id: &str) -> String {
        self.options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    }

    /// Whether the option `id` is an individual candidate.
    #[must_use]
    pub fn is_individual(&self, id: &str) -> bool {
        self.options.iter().any(|o| o.id == id && o.individual)
    }

    /// The latest `at` of the later vacancies (as recorded), if any.
    #[must_use]
    pub fn last_vacancy_at(&self) -> Option<&str> {
        self.vacancies.iter().rev().find_map(|v| v.at.as_deref())
    }
    /// Whether the allocation is complete (`allocated`, `unfilled` or
    /// `declared`): only then are the members in [`Self::members`] the
    /// members returned. Before that (a lot awaited, a tie rule not read,
    /// more tied than seats left) they are the seats allocated so far, and
    /// the documents say so.
    #[must_use]
    pub fn allocation_complete(&self) -> bool {
        matches!(self.status, "allocated" | "unfilled" | "declared")
    }
}
