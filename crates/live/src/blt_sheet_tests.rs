//! The stage sheet of a BLT file counted outside a log, as domain values:
//! hand-checked at stage 2 of the example ward, and equal to the sheet of
//! the same papers counted through the log.

use countroom_model::{CandidateId, ContestId, Papers};
use countroom_rules::StvRules;

use crate::verify_tests::{before, example};
use crate::*;

fn ids() -> Vec<CandidateId> {
    ["BROWN", "DUNCAN", "FRASER", "MACLEOD", "ROSS", "WATT"]
        .map(|c| CandidateId::new(c).unwrap())
        .to_vec()
}

fn ward() -> ContestId {
    ContestId::new("example-ward").unwrap()
}

/// `stv-ward.blt` (100 papers, 3 seats) by the Scottish rules, stage 2
/// worked by hand (SLGEO 2011 Sch 1 rr.47, 48(3), 49): quota floor(100 /
/// 4) + 1 = 26; FRASER's 36 first preferences leave a surplus of 10,
/// transferred at 10 / 36 = 0.27777 (truncated to five places, r.49(3)):
/// BROWN 30 × 0.27777 = 8.33310, ROSS 6 × 0.27777 = 1.66662, and 10 −
/// 9.99972 = 0.00028 lost to truncation.
#[test]
fn a_blt_sheet_outside_a_log_worked_by_hand() {
    let sheet = StvSheet::from_blt(
        &example("stv-ward.blt"),
        StvRules::Scotland,
        ward(),
        ids(),
        None,
    )
    .unwrap();
    assert_eq!(sheet.contest, ward());
    assert_eq!(sheet.valid_papers, Papers::new(100));
    assert_eq!(sheet.seats, 3);
    assert_eq!(sheet.quota.to_string(), "26.00000");
    // No poll date in the file's title: the instrument is not guessed.
    assert_eq!(sheet.instrument, None);
    let two = sheet.stage(2).unwrap();
    let fraser = CandidateId::new("FRASER").unwrap();
    assert_eq!(two.action, StageAction::Surplus(fraser));
    assert_eq!(two.transfer_values[0].value.to_string(), "0.27777");
    let transfer = |c: &str| {
        two.lines
            .iter()
            .find(|l| l.candidate.as_str() == c)
            .unwrap()
            .transfer
    };
    assert_eq!(transfer("BROWN"), VoteValue::new(833_310, 5).unwrap());
    assert_eq!(transfer("ROSS").to_string(), "1.66662");
    assert_eq!(transfer("FRASER").to_string(), "-10.00000");
    assert_eq!(two.rounding_loss.to_string(), "0.00028");
    assert_eq!(two.non_transferable.units(), 0);
}

/// The same papers entered into the ward's log as one batch (as `countroom
/// tally-papers --blt` enters them) and counted there: the same sheet,
/// with the log's poll date (6 May 2027: the 2011 Order in force).
#[test]
fn a_blt_sheet_outside_a_log_is_the_logs_sheet() {
    let (prefix, _) = before("stv-ward.jsonl", 4);
    let mut count = Count::open(&prefix).unwrap();
    let contest = count.state().contest(&ward()).unwrap().contest().clone();
    let blt = example("stv-ward.blt");
    let batch =
        countroom_io::stv_batch::batch_from_blt(&blt, &contest, 1, "blt-1".into(), None).unwrap();
    let ro = count.actor("Returning Officer (Fiona Reid)").unwrap();
    count
        .apply(
            &ro,
            Command::Event(Box::new(countroom_log::Event::PaperBatchCounted(batch))),
        )
        .unwrap();
    count
        .apply(&ro, Command::CompleteCount { contest: ward() })
        .unwrap();
    let through_log = count.stv_sheets().unwrap().remove(0);
    let poll_date = time::macros::date!(2027 - 05 - 06);
    let outside =
        StvSheet::from_blt(&blt, StvRules::Scotland, ward(), ids(), Some(poll_date)).unwrap();
    assert!(outside.instrument.is_some());
    assert_eq!(outside, through_log);
}

#[test]
fn a_blt_file_that_gives_no_sheet_says_why() {
    let blt = example("stv-ward.blt");
    let e = StvSheet::from_blt(&blt, StvRules::Scotland, ward(), ids()[..5].to_vec(), None)
        .unwrap_err();
    assert!(matches!(e, BltSheetError::Document(_)), "{e}");
    let e = StvSheet::from_blt(b"3 1\n", StvRules::Scotland, ward(), ids(), None).unwrap_err();
    assert!(matches!(e, BltSheetError::Blt(_)), "{e}");
}

/// A rehearsal sheet (`countroom stv --seed`: lots drawn from a published
/// seed) is never a declared result; the domain sheet has no mark for it,
/// so it is refused naming `stage_sheet.rehearsal_seed`, never taken for
/// the sheet of a count.
#[test]
fn a_rehearsal_sheet_is_refused() {
    let e = countroom_stv::blt::read(&example("stv-ward.blt")).unwrap();
    let sheet = countroom_stv::count(
        StvRules::Scotland,
        &e,
        &mut countroom_stv::LotSource::none().with_seed("s1", "ward"),
    )
    .unwrap();
    assert_eq!(sheet.rehearsal_seed.as_deref(), Some("s1"));
    let err = StvSheet::from_stage_sheet(ward(), ids(), &sheet).unwrap_err();
    assert_eq!(err.field, "stage_sheet.rehearsal_seed");
    assert_eq!(err.value, "s1");
    let plain = countroom_stv::count(
        StvRules::Scotland,
        &e,
        &mut countroom_stv::LotSource::none(),
    )
    .unwrap();
    assert!(StvSheet::from_stage_sheet(ward(), ids(), &plain).is_ok());
}
