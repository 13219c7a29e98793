//! The typed commands of a list poll from C (the list contest defined, a
//! list area's bundles, rejected papers, batches by figures, completion
//! and re-counts, constituency returns, list lots, recalculations and
//! vacancies), and a contest defined after the count has begun. Each reads
//! its C values, builds the command with `countroom_ffi::typed` (every bad
//! value listed) and applies it as `countroom_count_bundle` does: the same
//! statuses, the same ownership (the caller owns every pointer given;
//! countroom keeps none), panics caught, NULL checked. A list contest is
//! declared with `countroom_count_declare` (run 0).

use std::ffi::c_char;

use super::more::{strings, CountroomMarkedPaper, CountroomSetAsidePaper};
use super::{
    apply_typed, items, optional_text, run, text, votes_of, CountroomBuffer, CountroomCount,
    CountroomHeadPapers, CountroomNote, CountroomStatus, CountroomVotes,
};
use crate::api::Error;
use crate::typed::{self, ContestValues, ListContestValues, PartyValues};

/// One person on a party's list: their name (a NUL-terminated UTF-8
/// string) and, non-zero, whether they withdrew or died before the
/// allocation.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomListMember {
    /// The name.
    pub name: *const c_char,
    /// Non-zero: withdrawn from the list.
    pub withdrawn: u8,
    /// Non-zero: died.
    pub died: u8,
}

/// A registered party on a list ballot: its id, its registered name and
/// its list in order (`list_len` people at `list`, NULL only when
/// `list_len` is 0: the list not recorded).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomListParty {
    /// The party's id.
    pub id: *const c_char,
    /// Its registered name.
    pub name: *const c_char,
    /// Its list.
    pub list: *const CountroomListMember,
    /// How many on its list.
    pub list_len: usize,
}

/// A candidate (or an individual candidate on a list ballot, or a
/// referendum's answer): id, name and description (NULL: none).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomCandidate {
    /// The id.
    pub id: *const c_char,
    /// The name as on the ballot paper.
    pub name: *const c_char,
    /// The description (a party's name), or NULL.
    pub description: *const c_char,
}

/// The list party a constituency candidate stood for (additional member
/// system).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomConstituencyParty {
    /// The constituency (one of the list contest's).
    pub constituency: *const c_char,
    /// The candidate's id in the constituency contest.
    pub candidate: *const c_char,
    /// The party's id on the list ballot.
    pub party: *const c_char,
}

/// A list contest (`list_contest_defined`, docs/count-log.md): every
/// string NUL-terminated UTF-8; `title` and `ruleset` NULL when not
/// given; each array NULL only when its length is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomListContest {
    /// The election (as the log defines it).
    pub election: *const c_char,
    /// The contest's id.
    pub id: *const c_char,
    /// The title, or NULL (the office's default).
    pub title: *const c_char,
    /// The region, Senedd constituency or London.
    pub area: *const c_char,
    /// The list office's code (`"senedd_member"`,
    /// `"scottish_parliament_regional_member"`, …).
    pub office: *const c_char,
    /// The country's code (`"wales"`, `"scotland"`, `"england"`).
    pub country: *const c_char,
    /// Seats to fill.
    pub seats: u32,
    /// The list ruleset's code expected, or NULL.
    pub ruleset: *const c_char,
    /// The registered parties, in ballot-paper order.
    pub parties: *const CountroomListParty,
    /// How many parties.
    pub parties_len: usize,
    /// The individual candidates (their `description` ignored).
    pub individuals: *const CountroomCandidate,
    /// How many individual candidates.
    pub individuals_len: usize,
    /// The counting areas' ids.
    pub counting_areas: *const *const c_char,
    /// How many counting areas.
    pub counting_areas_len: usize,
    /// Additional member system: the constituencies.
    pub constituencies: *const *const c_char,
    /// How many constituencies.
    pub constituencies_len: usize,
    /// Additional member system: the constituency candidates' parties.
    pub constituency_parties: *const CountroomConstituencyParty,
    /// How many links.
    pub constituency_parties_len: usize,
}

/// A seat to fill: `"ordinary"` or `"casual"`, and the day its term ends
/// (`YYYY-MM-DD`; NULL: no fixed term, an ordinary seat only).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomSeat {
    /// The kind.
    pub kind: *const c_char,
    /// The day its term ends, or NULL.
    pub term_ends: *const c_char,
}

/// A contest (`contest_defined`, docs/count-log.md): every string
/// NUL-terminated UTF-8; `title`, `authority` and `ruleset` NULL when not
/// given; each array NULL only when its length is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomContest {
    /// The election (as the log defines it).
    pub election: *const c_char,
    /// The contest's id.
    pub id: *const c_char,
    /// The title, or NULL (the office's default).
    pub title: *const c_char,
    /// The electoral area.
    pub area: *const c_char,
    /// The office's code (`"principal_councillor"`, `"referendum"`, …).
    pub office: *const c_char,
    /// A mayor's kind of authority, or NULL.
    pub authority: *const c_char,
    /// The country's code.
    pub country: *const c_char,
    /// Electors on the register.
    pub electorate: u64,
    /// The seats.
    pub seats: *const CountroomSeat,
    /// How many seats.
    pub seats_len: usize,
    /// The candidates (or answers) in ballot-paper order.
    pub candidates: *const CountroomCandidate,
    /// How many candidates.
    pub candidates_len: usize,
    /// The ruleset's code expected, or NULL.
    pub ruleset: *const c_char,
    /// A poll counted in counting areas and collated: the areas' ids.
    pub counting_areas: *const *const c_char,
    /// How many counting areas (0: a poll counted at one count).
    pub counting_areas_len: usize,
}

/// A typed command: a list contest defined (`list_contest_defined`; its
/// counting areas defined before it), as `contest` gives it. Returns, and
/// owns, as [`super::countroom_count_bundle`]: `COUNTROOM_STATUS_INPUT`
/// for a value that does not read (an id, the office's, country's or
/// ruleset's code), `COUNTROOM_STATUS_REJECTED` when the count refuses it
/// (an area not defined, seats not the ruleset's, constituencies given
/// under D'Hondt, …).
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `contest` is NULL or points to a
/// readable `CountroomListContest` whose strings are NULL or
/// NUL-terminated and whose arrays are NULL or hold their lengths'
/// readable items, none changed during the call.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_define_list_contest(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const CountroomListContest,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            if contest.is_null() {
                return Err(super::invalid("null_pointer", "the list contest is NULL"));
            }
            let c = &*contest;
            let mut values = ListContestValues::new(
                text(c.election, "the election's id")?,
                text(c.id, "the contest id")?,
                text(c.area, "the area")?,
                text(c.office, "the office")?,
                text(c.country, "the country")?,
                c.seats,
            );
            values.title = optional_text(c.title, "the title")?;
            values.ruleset = optional_text(c.ruleset, "the ruleset")?;
            for p in items(c.parties, c.parties_len, "the parties")? {
                let list = items(p.list, p.list_len, "a party's list")?
                    .iter()
                    .map(|m| Ok((text(m.name, "a name")?, m.withdrawn != 0, m.died != 0)))
                    .collect::<Result<Vec<_>, Error>>()?;
                values.parties.push(PartyValues::with_list(
                    text(p.id, "a party's id")?,
                    text(p.name, "a party's name")?,
                    list,
                ));
            }
            for i in items(
                c.individuals,
                c.individuals_len,
                "the individual candidates",
            )? {
                values
                    .individuals
                    .push((text(i.id, "a candidate's id")?, text(i.name, "a name")?));
            }
            values.counting_areas =
                strings(c.counting_areas, c.counting_areas_len, "the counting areas")?;
            values.constituencies =
                strings(c.constituencies, c.constituencies_len, "the constituencies")?;
            for l in items(
                c.constituency_parties,
                c.constituency_parties_len,
                "the constituency parties",
            )? {
                values.constituency_parties.push((
                    text(l.constituency, "a constituency")?,
                    text(l.candidate, "a candidate's id")?,
                    text(l.party, "a party's id")?,
                ));
            }
            apply_typed(count, note, || typed::define_list_contest(&values))
        })
    }
}

/// A typed command: a contest (first past the post, a referendum, the
/// supplementary vote, STV) defined after the count has begun
/// (`contest_defined`), as `contest` gives it. Returns, and owns, as
/// [`super::countroom_count_bundle`]: `COUNTROOM_STATUS_INPUT` for a
/// value that does not read (an id, a code, a date),
/// `COUNTROOM_STATUS_REJECTED` when the count refuses it (an id already
/// used, a ruleset the law does not choose, …).
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `contest` is NULL or points to a
/// readable `CountroomContest` whose strings are NULL or NUL-terminated
/// and whose arrays are NULL or hold their lengths' readable items, none
/// changed during the call.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_define_contest(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const CountroomContest,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            if contest.is_null() {
                return Err(super::invalid("null_pointer", "the contest is NULL"));
            }
            let c = &*contest;
            let mut values = ContestValues::new(
                text(c.election, "the election's id")?,
                text(c.id, "the contest id")?,
                text(c.area, "the area")?,
                text(c.office, "the office")?,
                text(c.country, "the country")?,
                c.electorate,
            );
            values.title = optional_text(c.title, "the title")?;
            values.authority = optional_text(c.authority, "the authority")?;
            values.ruleset = optional_text(c.ruleset, "the ruleset")?;
            for s in items(c.seats, c.seats_len, "the seats")? {
                values.seats.push((
                    text(s.kind, "a seat's kind")?,
                    optional_text(s.term_ends, "a seat's term")?,
                ));
            }
            for k in items(c.candidates, c.candidates_len, "the candidates")? {
                values.candidates.push((
                    text(k.id, "a candidate's id")?,
                    text(k.name, "a name")?,
                    optional_text(k.description, "a description")?,
                ));
            }
            values.counting_areas =
                strings(c.counting_areas, c.counting_areas_len, "the counting areas")?;
            apply_typed(count, note, || typed::define_contest(&values))
        })
    }
}

/// A typed command: a bundle of a list area's papers counted by hand, in
/// the area's current run: `votes_len` votes by party or individual
/// candidate at `votes`, counted at `table` (NULL: not given). Returns,
/// and owns, as [`super::countroom_count_bundle`] (refused: an area not
/// the contest's, a party not on its list ballot, a run completed, …).
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `counting_area`, `bundle` and
/// `table` are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_bundle(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    bundle: *const c_char,
    votes: *const CountroomVotes,
    votes_len: usize,
    table: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let a = text(counting_area, "the counting area's id")?;
            let b = text(bundle, "the bundle id")?;
            let v = votes_of(votes, votes_len)?;
            let t = optional_text(table, "the table")?;
            apply_typed(count, note, || typed::area_bundle(c, a, b, &v, t))
        })
    }
}

/// A typed command: a list area's papers rejected under a head of the
/// list ruleset (by its code; `"breakdown_not_given"` where its heads were
/// not read). Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `counting_area` and `head` are
/// NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_rejected(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    head: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let a = text(counting_area, "the counting area's id")?;
            let h = text(head, "the head")?;
            apply_typed(count, note, || typed::area_rejected(c, a, h, papers))
        })
    }
}

/// A typed command: a batch of a list area's papers counted by figures:
/// `valid_papers`, `votes_len` votes at `votes`, `rejected_len` rejected
/// papers by head at `rejected`, and the file read (`file_name` and its
/// SHA-256 `file_sha256`, both NULL when not from a file). Returns, and
/// owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; every string is NULL or
/// NUL-terminated; `rejected` is NULL or points to `rejected_len` readable
/// `CountroomHeadPapers`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_batch(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    batch: *const c_char,
    valid_papers: u64,
    votes: *const CountroomVotes,
    votes_len: usize,
    rejected: *const CountroomHeadPapers,
    rejected_len: usize,
    file_name: *const c_char,
    file_sha256: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let a = text(counting_area, "the counting area's id")?;
            let b = text(batch, "the batch id")?;
            let v = votes_of(votes, votes_len)?;
            let r = items(rejected, rejected_len, "the rejected papers")?
                .iter()
                .map(|h| Ok((text(h.head, "a head's code")?, h.papers)))
                .collect::<Result<Vec<_>, Error>>()?;
            let name = optional_text(file_name, "the file's name")?;
            let sha = optional_text(file_sha256, "the file's SHA-256")?;
            let file = match (name, sha) {
                (Some(n), Some(s)) => Some((n, s)),
                (None, None) => None,
                _ => {
                    return Err(super::invalid(
                        "null_pointer",
                        "the file's name and SHA-256 are given together or not at all",
                    ))
                }
            };
            apply_typed(count, note, || {
                typed::area_batch(c, a, b, valid_papers, &v, &r, file)
            })
        })
    }
}

/// A typed command: the count of a list area's current run completed (the
/// area's list total). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `counting_area` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_complete_area(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let a = text(counting_area, "the counting area's id")?;
            apply_typed(count, note, || typed::complete_area(c, a))
        })
    }
}

/// A typed command: a re-count of a list area's completed run requested,
/// on behalf of the party or individual candidate `option` (NULL: none).
/// Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `counting_area` and `option` are
/// NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_request_area_recount(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    option: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let a = text(counting_area, "the counting area's id")?;
            let o = optional_text(option, "the party's id")?;
            apply_typed(count, note, || typed::request_area_recount(c, a, o))
        })
    }
}

/// A typed command: a request for a re-count of a list area decided
/// (`granted` non-zero: the area's next run begins). Returns, and owns,
/// as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `counting_area` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_decide_area_recount(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    granted: u8,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let a = text(counting_area, "the counting area's id")?;
            apply_typed(count, note, || {
                typed::decide_area_recount(c, a, granted != 0)
            })
        })
    }
}

/// A typed command: a constituency's return reported to the regional
/// returning officer: the `member` returned for `constituency`, for
/// `party` (NULL: an independent). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; every string is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_constituency_return(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    constituency: *const c_char,
    member: *const c_char,
    party: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let k = text(constituency, "the constituency")?;
            let m = text(member, "the member")?;
            let p = optional_text(party, "the party's id")?;
            apply_typed(count, note, || typed::constituency_return(c, k, m, p))
        })
    }
}

/// A typed command: a lot at seat `round` of a list allocation between the
/// `tied_len` parties or individual candidates at `tied`, which fell on
/// `winner`: drawn at the count as `draw` describes (`seeded` zero), or a
/// rehearsal draw from the published seed `draw` (`seeded` non-zero),
/// recomputed. Returns, and owns, as [`super::countroom_count_bundle`]
/// (refused: a lot the allocation does not ask for, a seeded winner the
/// seed does not draw).
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `winner` and `draw` are NULL or
/// NUL-terminated; `tied` is NULL or points to `tied_len` readable
/// pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_list_lot(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    round: u32,
    tied: *const *const c_char,
    tied_len: usize,
    winner: *const c_char,
    draw: *const c_char,
    seeded: u8,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let t = strings(tied, tied_len, "the tied")?;
            let w = text(winner, "the winner")?;
            let d = text(draw, "the draw")?;
            apply_typed(count, note, || {
                typed::list_lot(c, round, &t, w, d, seeded != 0)
            })
        })
    }
}

/// A typed command: the list allocation's recalculation asked for, on
/// behalf of `party` (NULL: none). Returns, and owns, as
/// [`super::countroom_count_bundle`] (refused before the allocation is
/// complete, or while another request waits).
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `party` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_request_recalculation(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    party: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let p = optional_text(party, "the party's id")?;
            apply_typed(count, note, || typed::request_recalculation(c, p))
        })
    }
}

/// A typed command: the list allocation recalculated from the same
/// totals (outcome `unchanged`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_recalculate(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            apply_typed(count, note, || typed::recalculate(c))
        })
    }
}

/// A typed command: a later vacancy in a list seat: the member
/// `vacating`, the `declined_len` people at `declined` who will not serve,
/// and the new member `filled_by` (NULL: the seat remains vacant).
/// Returns, and owns, as [`super::countroom_count_bundle`] (refused: not
/// the next willing person on the list, …).
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `vacating` and `filled_by` are
/// NULL or NUL-terminated; `declined` is NULL or points to `declined_len`
/// readable pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_list_vacancy(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    vacating: *const c_char,
    declined: *const *const c_char,
    declined_len: usize,
    filled_by: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let v = text(vacating, "the member vacating")?;
            let d = strings(declined, declined_len, "those who declined")?;
            let f = optional_text(filled_by, "the new member")?;
            apply_typed(count, note, || typed::list_vacancy(c, v, &d, f))
        })
    }
}

/// A typed command at a list contest's counting area: papers set aside
/// (`countroom_count_set_aside`'s entry with `counting_area`, in the area's
/// current run; docs/count-log.md, "Counting a list poll at the
/// constituency count"). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_set_aside`]; `counting_area` is NULL or
/// NUL-terminated (NULL is refused: the area is required).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_set_aside(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    papers: *const CountroomSetAsidePaper,
    papers_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `set_aside_in` needs.
    unsafe {
        super::more::set_aside_in(
            count,
            note,
            contest,
            Some(counting_area),
            papers,
            papers_len,
            out,
        )
    }
}

/// A typed command at a list contest's counting area: the area's ballot
/// papers held in memory with any marks (`papers_len` at `papers`; a
/// mark's `candidate` is the option's 0-based position: the parties as
/// the list contest lists them, then its individual candidates),
/// adjudicated under the list ruleset's heads and counted as one batch
/// (`countroom_count_marked_batch`'s entry with `counting_area`, in the
/// area's current run; docs/count-log.md, "Counting a list poll at the
/// constituency count"); doubtful papers are set aside for the
/// constituency returning officer, never decided here; refused where the
/// list ruleset's heads were not read (`list_heads_not_read`: count by
/// figures, `countroom_count_area_batch`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_marked_batch`]; `counting_area` is NULL or
/// NUL-terminated (NULL is refused: the area is required).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_marked_batch(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    batch: *const c_char,
    papers: *const CountroomMarkedPaper,
    papers_len: usize,
    file_name: *const c_char,
    file_sha256: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `marked_batch_in` needs.
    unsafe {
        super::more::marked_batch_in(
            count,
            note,
            contest,
            Some(counting_area),
            batch,
            (papers, papers_len),
            0,
            (file_name, file_sha256),
            out,
        )
    }
}

/// A typed command at a list contest's counting area: a doubtful paper decided
/// (`countroom_count_decide_doubtful`'s entry with `counting_area`, in the area's
/// current run; docs/count-log.md, "Counting a list poll at the
/// constituency count"). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_decide_doubtful`]; `counting_area` is NULL or
/// NUL-terminated (NULL is refused: the area is required).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_decide_doubtful(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    paper: *const c_char,
    decision: *const c_char,
    votes: *const *const c_char,
    votes_len: usize,
    head: *const c_char,
    rejection_objected: u8,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `decide_doubtful_in` needs.
    unsafe {
        super::more::decide_doubtful_in(
            count,
            note,
            contest,
            Some(counting_area),
            paper,
            decision,
            votes,
            votes_len,
            head,
            rejection_objected,
            out,
        )
    }
}

/// A typed command at a list contest's counting area: an objection to a doubtful paper's rejection
/// (`countroom_count_object_to_paper`'s entry with `counting_area`, in the area's
/// current run; docs/count-log.md, "Counting a list poll at the
/// constituency count"). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_object_to_paper`]; `counting_area` is NULL or
/// NUL-terminated (NULL is refused: the area is required).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_object_to_paper(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    paper: *const c_char,
    candidate: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `object_to_paper_in` needs.
    unsafe {
        super::more::object_to_paper_in(
            count,
            note,
            contest,
            Some(counting_area),
            paper,
            candidate,
            out,
        )
    }
}

/// A typed command at a list contest's counting area: an objection to papers rejected under a head
/// (`countroom_count_object_to_head`'s entry with `counting_area`, in the area's
/// current run; docs/count-log.md, "Counting a list poll at the
/// constituency count"). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_object_to_head`]; `counting_area` is NULL or
/// NUL-terminated (NULL is refused: the area is required).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_object_to_head(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    head: *const c_char,
    papers: u64,
    batch: *const c_char,
    candidate: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `object_to_head_in` needs.
    unsafe {
        super::more::object_to_head_in(
            count,
            note,
            contest,
            Some(counting_area),
            head,
            papers,
            batch,
            candidate,
            out,
        )
    }
}

/// A typed command at a list contest's counting area: an explanation of the area run's variance (`ballot_box` NULL)
/// (`countroom_count_explain`'s entry with `counting_area`, in the area's
/// current run; docs/count-log.md, "Counting a list poll at the
/// constituency count"). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_explain`]; `counting_area` is NULL or
/// NUL-terminated (NULL is refused: the area is required).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_explain(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    ballot_box: *const c_char,
    explanation: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `explain_in` needs.
    unsafe {
        super::more::explain_in(
            count,
            note,
            contest,
            Some(counting_area),
            ballot_box,
            explanation,
            out,
        )
    }
}

/// A typed command at a list contest's counting area: papers valid under the saving clause
/// (`countroom_count_saved`'s entry with `counting_area`, in the area's
/// current run; docs/count-log.md, "Counting a list poll at the
/// constituency count"). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_saved`]; `counting_area` is NULL or
/// NUL-terminated (NULL is refused: the area is required).
#[no_mangle]
pub unsafe extern "C" fn countroom_count_area_saved(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    reason: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `saved_in` needs.
    unsafe {
        super::more::saved_in(
            count,
            note,
            contest,
            Some(counting_area),
            reason,
            papers,
            out,
        )
    }
}
