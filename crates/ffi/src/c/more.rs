//! The rest of the typed commands from C: verification, doubtful papers,
//! objections, explanations, the collating officer's decisions, single
//! figures, postal openings, saved papers, papers with any marks (and STV
//! preference papers), the supplementary vote's second count, and the
//! definitions and appointments recorded after the count has begun. Each
//! reads its C values, builds the command with `countroom_ffi::typed`
//! (every bad value listed) and applies it as `countroom_count_bundle`
//! does: the same statuses, the same ownership (the caller owns every
//! pointer given; countroom keeps none), panics caught, NULL checked.

use std::ffi::c_char;

use super::{
    apply_typed, items, optional_text, run, text, votes_of, CountroomBuffer, CountroomCount,
    CountroomNote, CountroomStatus, CountroomVotes,
};
use crate::api::Error;
use crate::typed;

/// `len` NUL-terminated strings at `data` (NULL only when `len` is 0).
///
/// # Safety
///
/// `data` is NULL or points to `len` readable pointers, each NULL or
/// NUL-terminated, none changed during the call.
pub(super) unsafe fn strings<'a>(
    data: *const *const c_char,
    len: usize,
    what: &str,
) -> Result<Vec<&'a str>, Error> {
    // SAFETY: as the caller promises.
    unsafe { items(data, len, what) }?
        .iter()
        // SAFETY: as the caller promises, for each string.
        .map(|&s| unsafe { text(s, what) })
        .collect()
}

/// A name (a ballot box's id, a reason's code) and a figure.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomNamedFigure {
    /// The name (a NUL-terminated UTF-8 string).
    pub name: *const c_char,
    /// The figure.
    pub figure: u64,
}

/// # Safety
///
/// As [`items`], each `name` NULL or NUL-terminated.
unsafe fn named<'a>(
    data: *const CountroomNamedFigure,
    len: usize,
    what: &str,
) -> Result<Vec<(&'a str, u64)>, Error> {
    // SAFETY: as the caller promises.
    unsafe { items(data, len, what) }?
        .iter()
        // SAFETY: as the caller promises, for each name.
        .map(|n| Ok((unsafe { text(n.name, what) }?, n.figure)))
        .collect()
}

/// A typed command: a ballot box received at the count, with the
/// `seals_len` seal numbers at `seals` as read (`box_received`; PER
/// r.45(1)). Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `ballot_box` is NULL or
/// NUL-terminated; `seals` is NULL or points to `seals_len` readable
/// pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_receive_box(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    ballot_box: *const c_char,
    seals: *const *const c_char,
    seals_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let b = text(ballot_box, "the ballot box's id")?;
            let seals = strings(seals, seals_len, "the seals")?;
            apply_typed(count, note, || typed::receive_box(b, &seals))
        })
    }
}

/// The figures of a presiding officer's ballot paper account.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomAccountFigures {
    /// Issued to voters: the papers expected in the box.
    pub issued: u64,
    /// Unused.
    pub unused: u64,
    /// Spoilt.
    pub spoilt: u64,
    /// Cancelled.
    pub cancelled: u64,
    /// Tendered.
    pub tendered: u64,
}

/// A serial range of ballot papers (first, last: NUL-terminated UTF-8
/// strings).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomSerialRange {
    /// The first serial number.
    pub first: *const c_char,
    /// The last serial number.
    pub last: *const c_char,
}

/// A typed command: a presiding officer's ballot paper account for one
/// poll at one box (`account_entered`; PER r.45(3)–(4)), with the
/// `entrusted_len` serial ranges entrusted at `entrusted`. Returns, and
/// owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `ballot_box` is NULL or
/// NUL-terminated; `figures` is NULL or points to a readable
/// `CountroomAccountFigures`; `entrusted` is NULL or points to
/// `entrusted_len` readable `CountroomSerialRange`s whose strings are NULL
/// or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_account(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    ballot_box: *const c_char,
    contest: *const c_char,
    figures: *const CountroomAccountFigures,
    entrusted: *const CountroomSerialRange,
    entrusted_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let b = text(ballot_box, "the ballot box's id")?;
            let c = text(contest, "the contest id")?;
            let f = items(figures, 1, "the figures")?[0];
            let ranges = items(entrusted, entrusted_len, "the serial ranges")?
                .iter()
                .map(|r| {
                    Ok((
                        text(r.first, "a range's first")?,
                        text(r.last, "a range's last")?,
                    ))
                })
                .collect::<Result<Vec<_>, Error>>()?;
            let figures =
                typed::AccountFigures::new(f.issued, f.unused, f.spoilt, f.cancelled, f.tendered);
            apply_typed(count, note, || typed::account(b, c, figures, &ranges))
        })
    }
}

/// A typed command: a box's papers of one poll counted at verification,
/// `attempt` 1 for the first count, then 2, 3, … (`box_counted`). Returns,
/// and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `ballot_box` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_count_box(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    ballot_box: *const c_char,
    contest: *const c_char,
    attempt: u32,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let b = text(ballot_box, "the ballot box's id")?;
            let c = text(contest, "the contest id")?;
            apply_typed(count, note, || typed::count_box(b, c, attempt, papers))
        })
    }
}

/// A typed command: verification of a poll completed
/// (`verification_completed`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_complete_verification(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            apply_typed(count, note, || typed::complete_verification(c))
        })
    }
}

/// A typed command: the ballot papers verified for a poll, as one figure
/// (`papers_verified`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_verify_papers(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            apply_typed(count, note, || typed::verify_papers(c, papers))
        })
    }
}

/// A typed command: papers of `to_contest` found in `from_box` among
/// `from_contest`'s papers, moved to `to_box`'s account (`papers_moved`).
/// Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; every string is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_move_papers(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    from_box: *const c_char,
    from_contest: *const c_char,
    to_box: *const c_char,
    to_contest: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let fb = text(from_box, "the box they were found in")?;
            let fc = text(from_contest, "the contest they were found with")?;
            let tb = text(to_box, "the box they belong to")?;
            let tc = text(to_contest, "their contest")?;
            apply_typed(count, note, || typed::move_papers(fb, fc, tb, tc, papers))
        })
    }
}

/// A typed command: a postal opening session (`postal_opening_recorded`):
/// the papers placed in each postal ballot box (`boxes_len` at `boxes`,
/// each a box id and papers), and the statements rejected by reason
/// (`rejected_len` at `rejected`, each a code of RPR 2001 reg 87:
/// `signature_mismatch`, `date_of_birth_mismatch`, `signature_blank`,
/// `date_of_birth_blank`, `paper_without_statement`,
/// `statement_without_paper`, and a number). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `opening` is NULL or
/// NUL-terminated; `boxes` and `rejected` are NULL or point to that many
/// readable `CountroomNamedFigure`s whose `name` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_postal_opening(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    opening: *const c_char,
    contest: *const c_char,
    boxes: *const CountroomNamedFigure,
    boxes_len: usize,
    rejected: *const CountroomNamedFigure,
    rejected_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let o = text(opening, "the opening session")?;
            let c = text(contest, "the contest id")?;
            let boxes = named(boxes, boxes_len, "the boxes")?;
            let rejected = named(rejected, rejected_len, "the statements rejected")?;
            apply_typed(count, note, || {
                typed::postal_opening(o, c, &boxes, &rejected)
            })
        })
    }
}

/// A typed command: the tendered votes list of a box's poll, its number
/// of entries (`tendered_votes_listed`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `ballot_box` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_tendered_votes(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    ballot_box: *const c_char,
    contest: *const c_char,
    entries: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let b = text(ballot_box, "the ballot box's id")?;
            let c = text(contest, "the contest id")?;
            apply_typed(count, note, || typed::tendered_votes(b, c, entries))
        })
    }
}

/// A doubtful paper set aside: its reference (never the ballot paper
/// number) and why (NULL: not said).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomSetAsidePaper {
    /// The paper's reference.
    pub paper: *const c_char,
    /// Why it is doubtful, or NULL.
    pub reason: *const c_char,
}

/// A typed command: doubtful papers set aside in the current run for the
/// returning officer (`papers_set_aside`; PER r.47), `papers_len` at
/// `papers`. Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `papers` is NULL or points to
/// `papers_len` readable `CountroomSetAsidePaper`s whose strings are NULL
/// or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_set_aside(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    papers: *const CountroomSetAsidePaper,
    papers_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `set_aside_in` needs.
    unsafe { set_aside_in(count, note, contest, None, papers, papers_len, out) }
}

/// The counting area given to an `_area_` function (`Some`: required,
/// NULL refused), or none for the function without it.
///
/// # Safety
///
/// The pointer, when given, is NULL or a NUL-terminated string not changed
/// during the call.
unsafe fn area_text<'a>(counting_area: Option<*const c_char>) -> Result<Option<&'a str>, Error> {
    counting_area
        // SAFETY: as this function's caller promises.
        .map(|a| unsafe { text(a, "the counting area's id") })
        .transpose()
}

/// [`countroom_count_set_aside`] (no area) or its list area form
/// (`countroom_count_area_set_aside`): the same command, addressed to
/// `counting_area` when given.
///
/// # Safety
///
/// As [`countroom_count_set_aside`]; `counting_area` is NULL or NUL-terminated.
pub(super) unsafe fn set_aside_in(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: Option<*const c_char>,
    papers: *const CountroomSetAsidePaper,
    papers_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let area = area_text(counting_area)?;
            let papers = items(papers, papers_len, "the papers")?
                .iter()
                .map(|p| {
                    Ok((
                        text(p.paper, "a paper's reference")?,
                        optional_text(p.reason, "a paper's reason")?,
                    ))
                })
                .collect::<Result<Vec<_>, Error>>()?;
            apply_typed(count, note, || {
                typed::in_area(typed::set_aside(c, &papers), area)
            })
        })
    }
}

/// A typed command: the returning officer's decision on a doubtful paper
/// of the current run (`doubtful_paper_decided`; PER r.47): `decision`
/// `"valid"` (its votes, or at an STV poll its preferences in order, the
/// `votes_len` candidates at `votes`), `"rejected"` (under `head`, its
/// code) or `"rejected_in_part"` (its counted votes at `votes`);
/// `rejection_objected` non-zero: endorsed "rejection objected to" (PER
/// r.47(3)). Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `paper`, `decision` and `head`
/// are NULL or NUL-terminated; `votes` is NULL or points to `votes_len`
/// readable pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_decide_doubtful(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
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
        decide_doubtful_in(
            count,
            note,
            contest,
            None,
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

/// [`countroom_count_decide_doubtful`] (no area) or its list area form
/// (`countroom_count_area_decide_doubtful`): the same command, addressed to
/// `counting_area` when given.
///
/// # Safety
///
/// As [`countroom_count_decide_doubtful`]; `counting_area` is NULL or NUL-terminated.
// The C function's arguments, and the area: one per value of the entry.
#[allow(clippy::too_many_arguments)]
pub(super) unsafe fn decide_doubtful_in(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: Option<*const c_char>,
    paper: *const c_char,
    decision: *const c_char,
    votes: *const *const c_char,
    votes_len: usize,
    head: *const c_char,
    rejection_objected: u8,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let area = area_text(counting_area)?;
            let p = text(paper, "the paper's reference")?;
            let d = text(decision, "the decision")?;
            let votes = strings(votes, votes_len, "the candidates' ids")?;
            let h = optional_text(head, "the head")?;
            apply_typed(count, note, || {
                typed::in_area(
                    typed::decide_doubtful(c, p, d, &votes, h, rejection_objected != 0),
                    area,
                )
            })
        })
    }
}

/// A typed command: a counting agent's objection to the rejection of a
/// doubtful paper of the current run (`rejection_objected`; PER r.47(3)),
/// on behalf of `candidate` (NULL: not said). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `paper` and `candidate` are NULL
/// or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_object_to_paper(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    paper: *const c_char,
    candidate: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `object_to_paper_in` needs.
    unsafe { object_to_paper_in(count, note, contest, None, paper, candidate, out) }
}

/// [`countroom_count_object_to_paper`] (no area) or its list area form
/// (`countroom_count_area_object_to_paper`): the same command, addressed to
/// `counting_area` when given.
///
/// # Safety
///
/// As [`countroom_count_object_to_paper`]; `counting_area` is NULL or NUL-terminated.
pub(super) unsafe fn object_to_paper_in(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: Option<*const c_char>,
    paper: *const c_char,
    candidate: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let area = area_text(counting_area)?;
            let p = text(paper, "the paper's reference")?;
            let who = optional_text(candidate, "the candidate's id")?;
            apply_typed(count, note, || {
                typed::in_area(typed::object_to_paper(c, p, who), area)
            })
        })
    }
}

/// A typed command: a counting agent's objection to the rejection of
/// `papers` papers under `head` (its code) in the current run, or in its
/// batch `batch` (NULL: the run), on behalf of `candidate` (NULL: not
/// said). Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `head`, `batch` and `candidate`
/// are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_object_to_head(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    head: *const c_char,
    papers: u64,
    batch: *const c_char,
    candidate: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `object_to_head_in` needs.
    unsafe {
        object_to_head_in(
            count, note, contest, None, head, papers, batch, candidate, out,
        )
    }
}

/// [`countroom_count_object_to_head`] (no area) or its list area form
/// (`countroom_count_area_object_to_head`): the same command, addressed to
/// `counting_area` when given.
///
/// # Safety
///
/// As [`countroom_count_object_to_head`]; `counting_area` is NULL or NUL-terminated.
// The C function's arguments, and the area: one per value of the entry.
#[allow(clippy::too_many_arguments)]
pub(super) unsafe fn object_to_head_in(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: Option<*const c_char>,
    head: *const c_char,
    papers: u64,
    batch: *const c_char,
    candidate: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let area = area_text(counting_area)?;
            let h = text(head, "the head")?;
            let b = optional_text(batch, "the batch id")?;
            let who = optional_text(candidate, "the candidate's id")?;
            apply_typed(count, note, || {
                typed::in_area(typed::object_to_head(c, h, papers, b, who), area)
            })
        })
    }
}

/// A typed command: an explanation (`explanation_recorded`) of
/// `ballot_box`'s variance at verification, or (NULL) of the count's
/// current run. Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `ballot_box` and `explanation` are NULL
/// or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_explain(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    ballot_box: *const c_char,
    explanation: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `explain_in` needs.
    unsafe { explain_in(count, note, contest, None, ballot_box, explanation, out) }
}

/// [`countroom_count_explain`] (no area) or its list area form
/// (`countroom_count_area_explain`): the same command, addressed to
/// `counting_area` when given.
///
/// # Safety
///
/// As [`countroom_count_explain`]; `counting_area` is NULL or NUL-terminated.
pub(super) unsafe fn explain_in(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: Option<*const c_char>,
    ballot_box: *const c_char,
    explanation: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let area = area_text(counting_area)?;
            let b = optional_text(ballot_box, "the ballot box's id")?;
            let t = text(explanation, "the explanation")?;
            apply_typed(count, note, || {
                typed::in_area(typed::explain(c, b, t), area)
            })
        })
    }
}

/// A typed command: the collating officer orders a re-count in one
/// counting area (`area_recount_ordered`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `counting_area` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_order_area_recount(
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
            apply_typed(count, note, || typed::order_area_recount(c, a))
        })
    }
}

/// A typed command: valid papers of the current run counted only under
/// the saving clause, for one reason by its code (`outside_box`, `tick`,
/// `figure`, `more_than_one_mark`: `saved_counted`; PER r.47(2)). Returns,
/// and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `reason` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_saved(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    reason: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `saved_in` needs.
    unsafe { saved_in(count, note, contest, None, reason, papers, out) }
}

/// [`countroom_count_saved`] (no area) or its list area form
/// (`countroom_count_area_saved`): the same command, addressed to
/// `counting_area` when given.
///
/// # Safety
///
/// As [`countroom_count_saved`]; `counting_area` is NULL or NUL-terminated.
pub(super) unsafe fn saved_in(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: Option<*const c_char>,
    reason: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let area = area_text(counting_area)?;
            let r = text(reason, "the saving reason")?;
            apply_typed(count, note, || {
                typed::in_area(typed::saved(c, r, papers), area)
            })
        })
    }
}

/// A typed command: papers of the current run rejected in part
/// (`rejected_in_part_counted`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_rejected_in_part(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    papers: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            apply_typed(count, note, || typed::rejected_in_part(c, papers))
        })
    }
}

/// One mark on a ballot paper: the candidate's 0-based position in
/// ballot-paper order, and the mark in the ballot-paper CSV's notation
/// (`"X"`, `"tick"`, `"other"` or a figure such as `"2"`; `"@outside"`,
/// `"@straddle"`; `"2:"` for the second-choice column; several joined by
/// `+`), a NUL-terminated UTF-8 string.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomMark {
    /// The candidate's position.
    pub candidate: u32,
    /// The mark.
    pub mark: *const c_char,
}

/// One ballot paper with any marks: its reference (NULL: its position in
/// the batch), whether the official mark is on it, whether a mark
/// identifies the voter, and its `len` marks at `marks` (NULL only when
/// `len` is 0).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CountroomMarkedPaper {
    /// The paper's reference (never the ballot paper number), or NULL.
    pub reference: *const c_char,
    /// Non-zero: the official mark is on it.
    pub official_mark: u8,
    /// Non-zero: writing or a mark by which the voter can be identified.
    pub identifying_mark: u8,
    /// The marks.
    pub marks: *const CountroomMark,
    /// How many.
    pub len: usize,
}

/// A typed command: a batch of ballot papers held in memory with any
/// marks (`papers_len` at `papers`), adjudicated under the contest's
/// ruleset and counted as one batch (`paper_batch_counted`; doubtful
/// papers set aside for the returning officer, never decided here);
/// `preferences` non-zero: a single transferable vote batch of preference
/// papers (figures), the entry `countroom tally-papers` makes from the
/// same papers. `file_name` and `file_sha256`: the file they came from and
/// its SHA-256 (both NULL: tied to the papers by their content hash).
/// Returns, and owns, as [`super::countroom_count_bundle`]; a mark that
/// does not read is `COUNTROOM_STATUS_INPUT` (code `bad_mark`).
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `batch`, `file_name` and
/// `file_sha256` are NULL or NUL-terminated; `papers` is NULL or points to
/// `papers_len` readable `CountroomMarkedPaper`s, each `reference` NULL or
/// NUL-terminated and `marks` NULL or pointing to `len` readable
/// `CountroomMark`s whose `mark` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_marked_batch(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    batch: *const c_char,
    papers: *const CountroomMarkedPaper,
    papers_len: usize,
    preferences: u8,
    file_name: *const c_char,
    file_sha256: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those `marked_batch_in` needs.
    unsafe {
        marked_batch_in(
            count,
            note,
            contest,
            None,
            batch,
            (papers, papers_len),
            preferences,
            (file_name, file_sha256),
            out,
        )
    }
}

/// [`countroom_count_marked_batch`] (no area) or its list area form
/// (`countroom_count_area_marked_batch`): the same command, addressed to
/// `counting_area` when given.
///
/// # Safety
///
/// As [`countroom_count_marked_batch`]; `counting_area` is NULL or
/// NUL-terminated.
#[allow(clippy::too_many_arguments)] // the C function's arguments, passed on
pub(super) unsafe fn marked_batch_in(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: Option<*const c_char>,
    batch: *const c_char,
    (papers, papers_len): (*const CountroomMarkedPaper, usize),
    preferences: u8,
    (file_name, file_sha256): (*const c_char, *const c_char),
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let area = area_text(counting_area)?;
            let b = text(batch, "the batch id")?;
            let papers = items(papers, papers_len, "the papers")?
                .iter()
                .map(|p| {
                    let marks = items(p.marks, p.len, "a paper's marks")?
                        .iter()
                        .map(|m| Ok((m.candidate as usize, text(m.mark, "a mark")?))) // u32 into usize: no loss on the targets built
                        .collect::<Result<Vec<_>, Error>>()?;
                    let mut v = typed::PaperValues::marked(marks)
                        .flags(p.official_mark != 0, p.identifying_mark != 0);
                    if let Some(r) = optional_text(p.reference, "a paper's reference")? {
                        v = v.reference(r);
                    }
                    Ok(v)
                })
                .collect::<Result<Vec<_>, Error>>()?;
            let file = match (
                optional_text(file_name, "the file's name")?,
                optional_text(file_sha256, "the file's SHA-256")?,
            ) {
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
                let command = if preferences != 0 {
                    typed::preference_batch(c, b, &papers, file)
                } else {
                    typed::marked_batch(c, b, &papers, file)
                };
                typed::in_area(command, area)
            })
        })
    }
}

/// A typed command: a bundle of the supplementary vote's second count at
/// one count (`second_preferences_counted`; PCCEO 2012 Sch 3 r.60): the
/// second preferences for each remaining candidate (`votes_len` at
/// `votes`), the papers with none (`unmarked`), with one for an
/// eliminated candidate (`for_eliminated`) and void for uncertainty
/// (`void_papers`), at `table` (NULL: not said). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `bundle` and `table` are NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_second_preferences(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    bundle: *const c_char,
    votes: *const CountroomVotes,
    votes_len: usize,
    unmarked: u64,
    for_eliminated: u64,
    void_papers: u64,
    table: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let b = text(bundle, "the bundle id")?;
            let votes = votes_of(votes, votes_len)?;
            let t = optional_text(table, "the table's id")?;
            let not_counted = typed::NotCounted::new(unmarked, for_eliminated, void_papers);
            apply_typed(count, note, || {
                typed::second_preferences(c, b, &votes, not_counted, t)
            })
        })
    }
}

/// A typed command: the second count of the current run completed
/// (`second_count_completed`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`].
#[no_mangle]
pub unsafe extern "C" fn countroom_count_complete_second_count(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            apply_typed(count, note, || typed::complete_second_count(c))
        })
    }
}

/// A typed command: the collating officer directs the second count, the
/// `remaining_len` candidates remaining at `remaining`
/// (`second_count_directed`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `remaining` is NULL or points to
/// `remaining_len` readable pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_direct_second_count(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    remaining: *const *const c_char,
    remaining_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let r = strings(remaining, remaining_len, "the candidates remaining")?;
            apply_typed(count, note, || typed::direct_second_count(c, &r))
        })
    }
}

/// A typed command: a counting area's second count reported to the
/// collating officer (`local_second_count_reported`; PCCEO 2012 Sch 3
/// r.60(5)): the second preferences for each remaining candidate and the
/// papers rejected for the second count. Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `counting_area` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_local_second_count(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    contest: *const c_char,
    counting_area: *const c_char,
    votes: *const CountroomVotes,
    votes_len: usize,
    rejected: u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let c = text(contest, "the contest id")?;
            let a = text(counting_area, "the counting area's id")?;
            let votes = votes_of(votes, votes_len)?;
            apply_typed(count, note, || {
                typed::local_second_count(c, a, &votes, rejected)
            })
        })
    }
}

/// A typed command: a counting area defined (`counting_area_defined`),
/// collated into `region` (NULL: none), with `electorate` electors (NULL:
/// not given). Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `id`, `name` and `region` are
/// NULL or NUL-terminated; `electorate` is NULL or points to a readable
/// `uint64_t`.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_define_counting_area(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    id: *const c_char,
    name: *const c_char,
    region: *const c_char,
    electorate: *const u64,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let i = text(id, "the counting area's id")?;
            let n = text(name, "the name")?;
            let r = optional_text(region, "the region's id")?;
            let e = if electorate.is_null() {
                None
            } else {
                Some(electorate.read())
            };
            apply_typed(count, note, || typed::define_counting_area(i, n, r, e))
        })
    }
}

/// A typed command: a region defined (`region_defined`). Returns, and
/// owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `id` and `name` are NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_define_region(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    id: *const c_char,
    name: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let i = text(id, "the region's id")?;
            let n = text(name, "the name")?;
            apply_typed(count, note, || typed::define_region(i, n))
        })
    }
}

/// A typed command: a polling place defined, in `counting_area` at a poll
/// of several (NULL: none) (`polling_place_defined`). Returns, and owns,
/// as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `id`, `name` and `counting_area`
/// are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_define_polling_place(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    id: *const c_char,
    name: *const c_char,
    counting_area: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let i = text(id, "the polling place's id")?;
            let n = text(name, "the name")?;
            let a = optional_text(counting_area, "the counting area's id")?;
            apply_typed(count, note, || typed::define_polling_place(i, n, a))
        })
    }
}

/// A typed command: a polling station defined in a polling place
/// (`polling_station_defined`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `id`, `polling_place` and `name`
/// are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_define_polling_station(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    id: *const c_char,
    polling_place: *const c_char,
    name: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let i = text(id, "the polling station's id")?;
            let p = text(polling_place, "the polling place's id")?;
            let n = text(name, "the name")?;
            apply_typed(count, note, || typed::define_polling_station(i, p, n))
        })
    }
}

/// A typed command: a ballot box defined, a polling station's or (NULL) a
/// postal ballot box, holding the papers of the `contests_len` contests at
/// `contests` (`ballot_box_defined`). Returns, and owns, as
/// [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `id` and `polling_station` are
/// NULL or NUL-terminated; `contests` is NULL or points to `contests_len`
/// readable pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_define_ballot_box(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    id: *const c_char,
    polling_station: *const c_char,
    contests: *const *const c_char,
    contests_len: usize,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let i = text(id, "the ballot box's id")?;
            let s = optional_text(polling_station, "the polling station's id")?;
            let c = strings(contests, contests_len, "the contests")?;
            apply_typed(count, note, || typed::define_ballot_box(i, s, &c))
        })
    }
}

/// A typed command: an officer appointed (`officer_appointed`), `role` by
/// its code, a deputy's `functions_len` functions at `functions` (none:
/// all), the `contests_len` contests at `contests` (none: all), the
/// `counting_area` of a local returning officer and the Ed25519
/// `public_key` they sign with (each NULL: none). The Returning Officer,
/// an acting or collating officer and a local returning officer record
/// their own appointment (the note's `by` the person appointed). Returns,
/// and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; every string is NULL or
/// NUL-terminated; `functions` and `contests` are NULL or point to that
/// many readable pointers, each NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_appoint(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    person: *const c_char,
    name: *const c_char,
    role: *const c_char,
    functions: *const *const c_char,
    functions_len: usize,
    contests: *const *const c_char,
    contests_len: usize,
    counting_area: *const c_char,
    public_key: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let p = text(person, "the person's id")?;
            let n = text(name, "the name")?;
            let r = text(role, "the role")?;
            let f = strings(functions, functions_len, "the functions")?;
            let c = strings(contests, contests_len, "the contests")?;
            let a = optional_text(counting_area, "the counting area's id")?;
            let k = optional_text(public_key, "the public key")?;
            apply_typed(count, note, || {
                let mut scope = typed::AppointmentScope::all().functions(&f).contests(&c);
                if let Some(a) = a {
                    scope = scope.counting_area(a);
                }
                if let Some(k) = k {
                    scope = scope.public_key(k);
                }
                typed::appoint(p, n, r, scope)
            })
        })
    }
}

/// A typed command: a candidate, an agent or an observer appointed
/// (`agent_appointed`): `role` `"candidate"`, `"election_agent"`,
/// `"counting_agent"` (each for `contest` and `candidate`) or
/// `"observer"` (both NULL), and the Ed25519 `public_key` they sign with
/// (NULL: none). Returns, and owns, as [`super::countroom_count_bundle`].
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; every string is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_appoint_agent(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    person: *const c_char,
    name: *const c_char,
    role: *const c_char,
    contest: *const c_char,
    candidate: *const c_char,
    public_key: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let p = text(person, "the person's id")?;
            let n = text(name, "the name")?;
            let r = text(role, "the role")?;
            let c = optional_text(contest, "the contest id")?;
            let who = optional_text(candidate, "the candidate's id")?;
            let k = optional_text(public_key, "the public key")?;
            apply_typed(count, note, || typed::appoint_agent(p, n, r, c, who, k))
        })
    }
}

/// Signs a checkpoint over the log as it stands and appends it
/// (`checkpoint_signed`), recorded by the note's `by` at its `at` (its
/// `reason` must be NULL): `key` is the signer's secret key, 64 lower-case
/// hex digits as `countroom keygen` writes it (a final line feed
/// allowed). On success `out` holds the line appended: the line `countroom
/// sign LOG --key FILE --by PERSON [--at TIME]` appends to the same log.
/// countroom keeps no copy of the key; the caller should wipe it.
///
/// Returns `COUNTROOM_STATUS_OK`; `COUNTROOM_STATUS_INPUT` for a key that
/// does not read (code `not_a_key`) or a reason given;
/// `COUNTROOM_STATUS_REJECTED` when the replay would refuse the checkpoint
/// (a log without a chain, a signer with no key appointed, a key not the
/// one appointed: `checkpoint_signature`); otherwise as
/// [`super::countroom_count_bundle`]. On any failure the count is
/// unchanged.
///
/// # Safety
///
/// As [`super::countroom_count_bundle`]; `key` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn countroom_count_sign_checkpoint(
    count: *mut CountroomCount,
    note: *const CountroomNote,
    key: *const c_char,
    out: *mut CountroomBuffer,
) -> CountroomStatus {
    // SAFETY: the caller's promises are those each read below needs.
    unsafe {
        run(out, || {
            let k = text(key, "the key")?;
            if note.is_null() {
                return Err(super::invalid("null_pointer", "the note is NULL"));
            }
            // SAFETY: not null; the caller promises a readable struct.
            let n = &*note;
            let by = text(n.by, "the note's by")?;
            let at = optional_text(n.at, "the note's at")?;
            let reason = optional_text(n.reason, "the note's reason")?;
            let mut typed_note = typed::Note::by(by);
            if let Some(at) = at {
                typed_note = typed_note.at(at);
            }
            if let Some(reason) = reason {
                typed_note = typed_note.reason(reason);
            }
            super::with_count(count, |c| super::lock(c).sign_checkpoint(&typed_note, k))
        })
    }
}
