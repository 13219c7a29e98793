//! `docs/count-log.schema.json`, the JSON Schema of one line of a count log,
//! checked against the shipped example logs, against lines the reader
//! accepts and rejects, and against the event types this crate defines.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use countroom_log::{
    AccountEntered, AgentAppointed, AreaRecountOrdered, BallotBoxDefined, BatchSource, BoxCounted,
    BoxReceived, BundleCounted, CandidateDef, CandidateVotes, CheckpointSigned, ContestDefined,
    CountCompleted, CountingAreaDefined, DoubtfulPaperDecided, ElectionDefined, Entry, Event,
    ExplanationRecorded, HeadPapers, Header, LocalSecondCountReported, LocalTotalAuthorised,
    LocalTotalReported, LogUpgraded, LotDrawn, LotMethod, OfficerAppointed, PaperBatchCounted,
    PapersMoved, PapersSetAside, PapersVerified, PollingPlaceDefined, PollingStationDefined,
    PostalBoxPapers, PostalOpeningRecorded, PostalRejections, PreferenceLine, RecountDecided,
    RecountRequested, RegionDefined, RejectedCounted, RejectedInPartCounted, RejectionObjected,
    ResultDeclared, SavedCounted, SavedPapers, SecondCountCompleted, SecondCountDirected,
    SecondPreferences, SecondPreferencesCounted, SerialRangeDef, SetAsidePaper,
    TenderedVotesListed, VacancyDef, VerificationCompleted,
};
use countroom_log::{
    AllocationRecalculated, AllocationRecalculationRequested, ConstituencyParty,
    ConstituencyReturnReported, ListCandidateDef, ListContestDefined, ListLotDrawn, ListPartyDef,
    ListVacancyFilled, PlanningDecisionRecorded,
};
use serde_json::Value;

const HEADER: &str = r#"{"schema":"countroom-count-log","version":1}"#;

const EXAMPLES: [&str; 4] = [
    "abbey-ward.jsonl",
    "exampletown-mayor.jsonl",
    "two-seat-tie.jsonl",
    "westbury.jsonl",
];

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn schema() -> Value {
    let path = repo_file("docs/count-log.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// The schema's complaints about `line`, each with its place in the line.
fn schema_errors(validator: &jsonschema::Validator, line: &str) -> Vec<String> {
    let value: Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {e}: {line}"));
    validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Whether the reader accepts `line` as the first entry of a log.
fn reader_accepts_entry(line: &str) -> bool {
    countroom_log::read(format!("{HEADER}\n{line}\n").as_bytes()).is_ok()
}

/// Whether the reader accepts `line` as the header of an empty log.
fn reader_accepts_header(line: &str) -> bool {
    countroom_log::read(format!("{line}\n").as_bytes()).is_ok()
}

#[test]
fn schema_is_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("the schema is not a valid draft 2020-12 schema: {e}");
    }
}

#[test]
fn every_line_of_the_examples_is_valid() {
    let validator = validator();
    for name in EXAMPLES {
        let path = repo_file(&format!("examples/data/{name}"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            countroom_log::read(text.as_bytes()).is_ok(),
            "{name} does not read"
        );
        let mut lines = 0;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            let errors = schema_errors(&validator, line);
            assert!(errors.is_empty(), "{name} line {}: {errors:#?}", i + 1);
            lines += 1;
        }
        assert!(lines > 1, "{name} has no entries");
    }
}

/// Entries (as the first entry, `seq` 1) that the reader rejects: the
/// schema must reject them too.
const BAD_ENTRIES: &[(&str, &str)] = &[
    (
        "negative votes",
        r#"{"seq":1,"by":"x","event":{"bundle_counted":{"contest":"a","run":1,"bundle":"b","votes":[{"candidate":"C1","votes":-5}]}}}"#,
    ),
    (
        "votes past u64",
        r#"{"seq":1,"by":"x","event":{"papers_verified":{"contest":"a","papers":18446744073709551616}}}"#,
    ),
    (
        "votes as a string",
        r#"{"seq":1,"by":"x","event":{"papers_verified":{"contest":"a","papers":"12"}}}"#,
    ),
    (
        "run past u32",
        r#"{"seq":1,"by":"x","event":{"count_completed":{"contest":"a","run":4294967296}}}"#,
    ),
    (
        "negative run",
        r#"{"seq":1,"by":"x","event":{"count_completed":{"contest":"a","run":-1}}}"#,
    ),
    (
        "unknown event type",
        r#"{"seq":1,"by":"x","event":{"count_started":{"contest":"a","run":1}}}"#,
    ),
    (
        "event given as a bare name",
        r#"{"seq":1,"by":"x","event":"count_completed"}"#,
    ),
    ("event with no type", r#"{"seq":1,"by":"x","event":{}}"#),
    (
        "two events in one entry",
        r#"{"seq":1,"by":"x","event":{"count_completed":{"contest":"a","run":1},"result_declared":{"contest":"a","run":1}}}"#,
    ),
    (
        "extra field in an event",
        r#"{"seq":1,"by":"x","event":{"count_completed":{"contest":"a","run":1,"colour":"red"}}}"#,
    ),
    (
        "extra field in an entry",
        r#"{"seq":1,"by":"x","colour":"red","event":{"count_completed":{"contest":"a","run":1}}}"#,
    ),
    (
        "extra field in a vote",
        r#"{"seq":1,"by":"x","event":{"bundle_counted":{"contest":"a","run":1,"bundle":"b","votes":[{"candidate":"C1","votes":5,"share":"1%"}]}}}"#,
    ),
    (
        "missing required field",
        r#"{"seq":1,"by":"x","event":{"bundle_counted":{"contest":"a","run":1,"bundle":"b"}}}"#,
    ),
    (
        "missing by",
        r#"{"seq":1,"event":{"count_completed":{"contest":"a","run":1}}}"#,
    ),
    (
        "missing seq",
        r#"{"by":"x","event":{"count_completed":{"contest":"a","run":1}}}"#,
    ),
    (
        "seq 0",
        r#"{"seq":0,"by":"x","event":{"count_completed":{"contest":"a","run":1}}}"#,
    ),
    (
        "null for a list that may be left out",
        r#"{"seq":1,"by":"x","event":{"doubtful_paper_decided":{"contest":"a","run":1,"paper":"p1","decision":"valid","votes":null}}}"#,
    ),
    (
        "null for a flag that may be left out",
        r#"{"seq":1,"by":"x","event":{"contest_defined":{"contest":"c","election":"e","title":"t","area":"a","office":"uk_parliament","country":"england","electorate":1,"vacancies":[],"candidates":[{"id":"A","name":"A","withdrawn":null}]}}}"#,
    ),
    (
        "negative papers in a box count",
        r#"{"seq":1,"by":"x","event":{"box_counted":{"ballot_box":"B1","contest":"a","attempt":1,"papers":-3}}}"#,
    ),
    (
        "negative papers moved",
        r#"{"seq":1,"by":"x","event":{"papers_moved":{"from_box":"B1","from_contest":"a","to_box":"B2","to_contest":"a","papers":-1}}}"#,
    ),
    (
        "negative papers placed at a postal opening",
        r#"{"seq":1,"by":"x","event":{"postal_opening_recorded":{"opening":"O1","contest":"a","boxes":[{"ballot_box":"PV1","papers":-402}]}}}"#,
    ),
    (
        "missing attempt",
        r#"{"seq":1,"by":"x","event":{"box_counted":{"ballot_box":"B1","contest":"a","papers":500}}}"#,
    ),
    (
        "attempt past u32",
        r#"{"seq":1,"by":"x","event":{"box_counted":{"ballot_box":"B1","contest":"a","attempt":4294967296,"papers":500}}}"#,
    ),
    (
        "missing issued in an account",
        r#"{"seq":1,"by":"x","event":{"account_entered":{"ballot_box":"B1","contest":"a","entrusted":[],"unused":0,"spoilt":0}}}"#,
    ),
    (
        "extra field in an account",
        r#"{"seq":1,"by":"x","event":{"account_entered":{"ballot_box":"B1","contest":"a","entrusted":[],"issued":1,"unused":0,"spoilt":0,"expected":1}}}"#,
    ),
    (
        "extra field in a serial range",
        r#"{"seq":1,"by":"x","event":{"account_entered":{"ballot_box":"B1","contest":"a","entrusted":[{"first":"A1","last":"A9","books":1}],"issued":1,"unused":0,"spoilt":0}}}"#,
    ),
    (
        "serial range as a string",
        r#"{"seq":1,"by":"x","event":{"account_entered":{"ballot_box":"B1","contest":"a","entrusted":["A1-A9"],"issued":1,"unused":0,"spoilt":0}}}"#,
    ),
    (
        "extra field in the rejected statements",
        r#"{"seq":1,"by":"x","event":{"postal_opening_recorded":{"opening":"O1","contest":"a","boxes":[],"rejected_statements":{"late":2}}}}"#,
    ),
    (
        "extra field in a box received",
        r#"{"seq":1,"by":"x","event":{"box_received":{"ballot_box":"B1","seals":["S1"],"intact":true}}}"#,
    ),
    (
        "null for seals that may be left out",
        r#"{"seq":1,"by":"x","event":{"box_received":{"ballot_box":"B1","seals":null}}}"#,
    ),
    (
        "null for a count that defaults to 0",
        r#"{"seq":1,"by":"x","event":{"account_entered":{"ballot_box":"B1","contest":"a","entrusted":[],"issued":1,"unused":0,"spoilt":0,"tendered":null}}}"#,
    ),
    (
        "null for rejected statements that may be left out",
        r#"{"seq":1,"by":"x","event":{"postal_opening_recorded":{"opening":"O1","contest":"a","boxes":[],"rejected_statements":null}}}"#,
    ),
    (
        "explanation without text",
        r#"{"seq":1,"by":"x","event":{"explanation_recorded":{"contest":"a","ballot_box":"B1"}}}"#,
    ),
    (
        "verification completed without a contest",
        r#"{"seq":1,"by":"x","event":{"verification_completed":{}}}"#,
    ),
    (
        "lot method with both kinds",
        r#"{"seq":1,"by":"x","event":{"lot_drawn":{"contest":"a","run":1,"purpose":"election","tied":["A","B"],"winners":["A"],"method":{"seeded":{"seed":"s"},"recorded":{"description":"d"}}}}}"#,
    ),
    (
        "lot method as a bare name",
        r#"{"seq":1,"by":"x","event":{"lot_drawn":{"contest":"a","run":1,"purpose":"election","tied":["A","B"],"winners":["A"],"method":"seeded"}}}"#,
    ),
    (
        "unknown lot method",
        r#"{"seq":1,"by":"x","event":{"lot_drawn":{"contest":"a","run":1,"purpose":"election","tied":["A","B"],"winners":["A"],"method":{"coin":{"seed":"s"}}}}}"#,
    ),
    (
        "extra field in a lot method",
        r#"{"seq":1,"by":"x","event":{"lot_drawn":{"contest":"a","run":1,"purpose":"election","tied":["A","B"],"winners":["A"],"method":{"seeded":{"seed":"s","salt":"t"}}}}}"#,
    ),
    (
        "doubtful paper decided without the paper",
        r#"{"seq":1,"by":"x","event":{"doubtful_paper_decided":{"contest":"a","run":1,"decision":"rejected","head":"identifying_mark"}}}"#,
    ),
    (
        "null for the paper of a decision",
        r#"{"seq":1,"by":"x","event":{"doubtful_paper_decided":{"contest":"a","run":1,"paper":null,"decision":"valid","votes":["C1"]}}}"#,
    ),
    (
        "paper set aside without its reference",
        r#"{"seq":1,"by":"x","event":{"papers_set_aside":{"contest":"a","run":1,"papers":[{"reason":"a word against a name"}]}}}"#,
    ),
    (
        "papers set aside given as bare references",
        r#"{"seq":1,"by":"x","event":{"papers_set_aside":{"contest":"a","run":1,"papers":["p1","p2"]}}}"#,
    ),
    (
        "papers set aside without the list",
        r#"{"seq":1,"by":"x","event":{"papers_set_aside":{"contest":"a","run":1}}}"#,
    ),
    (
        "extra field in a paper set aside",
        r#"{"seq":1,"by":"x","event":{"papers_set_aside":{"contest":"a","run":1,"papers":[{"paper":"p1","table":"T1"}]}}}"#,
    ),
    (
        "paper set aside in a batch without its reference",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":0,"votes":[],"rejected":[],"set_aside":[{"reason":"other_mark"}]}}}"#,
    ),
    (
        "null for a batch's set-aside papers, which may be left out",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":0,"votes":[],"rejected":[],"set_aside":null}}}"#,
    ),
    (
        "null for a batch's second preferences, which may be left out",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":0,"votes":[],"rejected":[],"second_preferences":null}}}"#,
    ),
    (
        "second-preferences row without its first candidate",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":3,"votes":[{"candidate":"A","votes":3}],"rejected":[],"second_preferences":[{"votes":[{"candidate":"B","votes":3}]}]}}}"#,
    ),
    (
        "extra field in a second-preferences row",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":3,"votes":[{"candidate":"A","votes":3}],"rejected":[],"second_preferences":[{"first":"A","unmarked":3,"for_eliminated":0}]}}}"#,
    ),
    (
        "second preferences counted without votes",
        r#"{"seq":1,"by":"x","event":{"second_preferences_counted":{"contest":"a","run":1,"bundle":"S1","unmarked":4}}}"#,
    ),
    (
        "null for a second-preference count that defaults to 0",
        r#"{"seq":1,"by":"x","event":{"second_preferences_counted":{"contest":"a","run":1,"bundle":"S1","votes":[],"for_eliminated":null}}}"#,
    ),
    (
        "negative papers with no second preference",
        r#"{"seq":1,"by":"x","event":{"second_preferences_counted":{"contest":"a","run":1,"bundle":"S1","votes":[],"unmarked":-1}}}"#,
    ),
    (
        "second count completed without a run",
        r#"{"seq":1,"by":"x","event":{"second_count_completed":{"contest":"a"}}}"#,
    ),
    (
        "region without a name",
        r#"{"seq":1,"by":"x","event":{"region_defined":{"region":"E15000006"}}}"#,
    ),
    (
        "negative electorate of a counting area",
        r#"{"seq":1,"by":"x","event":{"counting_area_defined":{"counting_area":"north","name":"North","electorate":-1}}}"#,
    ),
    (
        "counting areas given as one string",
        r#"{"seq":1,"by":"x","event":{"contest_defined":{"contest":"c","election":"e","title":"t","area":"a","office":"referendum","country":"england","electorate":1,"vacancies":[],"candidates":[{"id":"Y","name":"Yes"},{"id":"N","name":"No"}],"counting_areas":"north,south"}}}"#,
    ),
    (
        "local total without the papers going forward",
        r#"{"seq":1,"by":"x","event":{"local_total_reported":{"contest":"a","counting_area":"north","votes":[{"candidate":"A","votes":5}]}}}"#,
    ),
    (
        "null for a local total's rejected papers, which may be left out",
        r#"{"seq":1,"by":"x","event":{"local_total_reported":{"contest":"a","counting_area":"north","papers_forward":5,"votes":[{"candidate":"A","votes":5}],"rejected":null}}}"#,
    ),
    (
        "extra field in a local total",
        r#"{"seq":1,"by":"x","event":{"local_total_reported":{"contest":"a","counting_area":"north","papers_forward":5,"votes":[],"turnout":"50%"}}}"#,
    ),
    (
        "local total authorised without the area",
        r#"{"seq":1,"by":"x","event":{"local_total_authorised":{"contest":"a"}}}"#,
    ),
    (
        "area re-count ordered for a run",
        r#"{"seq":1,"by":"x","event":{"area_recount_ordered":{"contest":"a","counting_area":"north","run":1}}}"#,
    ),
    (
        "second count directed without the remaining candidates",
        r#"{"seq":1,"by":"x","event":{"second_count_directed":{"contest":"a"}}}"#,
    ),
    (
        "local second count with its rejected papers by head",
        r#"{"seq":1,"by":"x","event":{"local_second_count_reported":{"contest":"a","counting_area":"north","votes":[],"rejected":[{"head":"unmarked","papers":3}]}}}"#,
    ),
];

#[test]
fn lines_the_reader_rejects_are_invalid() {
    let validator = validator();
    for (what, line) in BAD_ENTRIES {
        assert!(
            !reader_accepts_entry(line),
            "{what}: the reader accepts it (fix the test case): {line}"
        );
        assert!(
            !schema_errors(&validator, line).is_empty(),
            "{what}: the schema accepts it: {line}"
        );
    }
}

/// Entries the reader accepts, written in ways countroom itself never
/// writes (fields left out, nulls, the largest numbers): the schema must
/// accept them too.
const GOOD_ENTRIES: &[(&str, &str)] = &[
    (
        "null for optional text",
        r#"{"seq":1,"by":"x","at":null,"reason":null,"event":{"recount_requested":{"contest":"a","run":1,"candidate":null}}}"#,
    ),
    (
        "null for optional papers and source",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","source":null,"valid_papers":0,"votes":[],"rejected":[]}}}"#,
    ),
    (
        "bundle without papers",
        r#"{"seq":1,"by":"x","event":{"bundle_counted":{"contest":"a","run":1,"bundle":"b","papers":null,"votes":[{"candidate":"C1","votes":3}]}}}"#,
    ),
    (
        "largest numbers",
        r#"{"seq":1,"by":"x","event":{"papers_verified":{"contest":"a","papers":18446744073709551615}}}"#,
    ),
    (
        "largest run",
        r#"{"seq":1,"by":"x","event":{"count_completed":{"contest":"a","run":4294967295}}}"#,
    ),
    (
        "fields in another order",
        r#"{"event":{"count_completed":{"run":1,"contest":"a"}},"by":"x","seq":1}"#,
    ),
    (
        "defaults written out",
        r#"{"seq":1,"by":"x","event":{"doubtful_paper_decided":{"contest":"a","run":1,"paper":"p1","decision":"rejected","votes":[],"head":"identifying_mark","rejection_objected":false}}}"#,
    ),
    (
        "box received without seals",
        r#"{"seq":1,"by":"x","event":{"box_received":{"ballot_box":"B1"}}}"#,
    ),
    (
        "account without cancelled and tendered",
        r#"{"seq":1,"by":"x","event":{"account_entered":{"ballot_box":"B1","contest":"a","entrusted":[{"first":"D0001","last":"D2000"}],"issued":1012,"unused":980,"spoilt":6}}}"#,
    ),
    (
        "postal opening without rejected statements",
        r#"{"seq":1,"by":"x","event":{"postal_opening_recorded":{"opening":"O1","contest":"a","boxes":[{"ballot_box":"PV1","papers":402}]}}}"#,
    ),
    (
        "postal opening with some reasons for rejection left out",
        r#"{"seq":1,"by":"x","event":{"postal_opening_recorded":{"opening":"O1","contest":"a","boxes":[],"rejected_statements":{"signature_mismatch":3}}}}"#,
    ),
    (
        "explanation of a box, with a null run",
        r#"{"seq":1,"by":"x","event":{"explanation_recorded":{"contest":"a","run":null,"ballot_box":"B1","text":"t"}}}"#,
    ),
    (
        "explanation of a run, with a null box",
        r#"{"seq":1,"by":"x","event":{"explanation_recorded":{"contest":"a","run":1,"ballot_box":null,"text":"t"}}}"#,
    ),
    (
        "explanation with both run and box (rejected on replay, not when read)",
        r#"{"seq":1,"by":"x","event":{"explanation_recorded":{"contest":"a","run":1,"ballot_box":"B1","text":"t"}}}"#,
    ),
    (
        "explanation with neither run nor box (rejected on replay, not when read)",
        r#"{"seq":1,"by":"x","event":{"explanation_recorded":{"contest":"a","text":"t"}}}"#,
    ),
    (
        "serial numbers and attempts are checked on replay, not when read",
        r#"{"seq":1,"by":"x","event":{"account_entered":{"ballot_box":"B1","contest":"a","entrusted":[{"first":"B9","last":"A1"}],"issued":0,"unused":0,"spoilt":0}}}"#,
    ),
    (
        "largest attempt",
        r#"{"seq":1,"by":"x","event":{"box_counted":{"ballot_box":"B1","contest":"a","attempt":4294967295,"papers":0}}}"#,
    ),
    (
        "a paper set aside with a null reason",
        r#"{"seq":1,"by":"x","event":{"papers_set_aside":{"contest":"a","run":1,"papers":[{"paper":"p1","reason":null},{"paper":"p2"}]}}}"#,
    ),
    (
        "an empty list of papers set aside",
        r#"{"seq":1,"by":"x","event":{"papers_set_aside":{"contest":"a","run":1,"papers":[]}}}"#,
    ),
    (
        "a batch's set-aside papers written out when empty",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":0,"votes":[],"rejected":[],"set_aside":[]}}}"#,
    ),
    (
        "paper references and set-aside reasons are free text",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":0,"votes":[],"rejected":[],"set_aside":[{"paper":"row 17 / sheet 2","reason":"uncertain_mark"}]}}}"#,
    ),
    (
        "codes and ids are checked on replay, not when read",
        r#"{"seq":1,"by":"x","event":{"rejected_counted":{"contest":"no such contest!","run":0,"head":"spoilt","papers":1}}}"#,
    ),
    (
        "null for a contest's ballot paper id, and counting areas written out when empty",
        r#"{"seq":1,"by":"x","event":{"contest_defined":{"contest":"c","election":"e","title":"t","area":"a","office":"uk_parliament","country":"england","electorate":1,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"A","name":"A"}],"counting_areas":[],"ballot_paper_id":null}}}"#,
    ),
    (
        "null for a counting area's region and electorate",
        r#"{"seq":1,"by":"x","event":{"counting_area_defined":{"counting_area":"north","name":"North","region":null,"electorate":null}}}"#,
    ),
    (
        "a second-preferences row with only its first candidate",
        r#"{"seq":1,"by":"x","event":{"paper_batch_counted":{"contest":"a","run":1,"batch":"b","valid_papers":0,"votes":[],"rejected":[],"second_preferences":[{"first":"A"}]}}}"#,
    ),
    (
        "second preferences counted with only the required fields",
        r#"{"seq":1,"by":"x","event":{"second_preferences_counted":{"contest":"a","run":1,"bundle":"S1","votes":[]}}}"#,
    ),
    (
        "second preferences counted with a null table",
        r#"{"seq":1,"by":"x","event":{"second_preferences_counted":{"contest":"a","run":1,"bundle":"S1","table":null,"votes":[{"candidate":"A","votes":1}],"unmarked":0,"for_eliminated":0,"void":0}}}"#,
    ),
    (
        "local total with only the required fields",
        r#"{"seq":1,"by":"x","event":{"local_total_reported":{"contest":"a","counting_area":"north","papers_forward":0,"votes":[]}}}"#,
    ),
    (
        "null for a local total's optional figures and explanation",
        r#"{"seq":1,"by":"x","event":{"local_total_reported":{"contest":"a","counting_area":"north","expected":null,"polling_station_papers":null,"postal_papers":null,"papers_forward":5,"votes":[{"candidate":"A","votes":5}],"rejected":[],"explanation":null}}}"#,
    ),
    (
        "local second count without rejected papers",
        r#"{"seq":1,"by":"x","event":{"local_second_count_reported":{"contest":"a","counting_area":"north","votes":[{"candidate":"A","votes":5}]}}}"#,
    ),
];

#[test]
fn lines_the_reader_accepts_are_valid() {
    let validator = validator();
    for (what, line) in GOOD_ENTRIES {
        assert!(
            reader_accepts_entry(line),
            "{what}: the reader rejects it (fix the test case): {line}"
        );
        let errors = schema_errors(&validator, line);
        assert!(errors.is_empty(), "{what}: {errors:#?}: {line}");
    }
}

#[test]
fn empty_by_is_invalid_and_rejected_on_replay() {
    // The reader accepts an empty `by` (the replay rejects it with the
    // entry's number); the schema rejects it at once.
    let line = r#"{"seq":1,"by":"","event":{"count_completed":{"contest":"a","run":1}}}"#;
    assert!(reader_accepts_entry(line));
    assert!(!schema_errors(&validator(), line).is_empty());
}

#[test]
fn header_is_checked() {
    let validator = validator();
    assert!(reader_accepts_header(HEADER));
    assert!(schema_errors(&validator, HEADER).is_empty());
    for line in [
        r#"{"schema":"countroom-count-log","version":2}"#,
        r#"{"schema":"other","version":1}"#,
        r#"{"schema":"countroom-count-log"}"#,
        r#"{"schema":"countroom-count-log","version":1,"created":"today"}"#,
    ] {
        assert!(!reader_accepts_header(line), "{line}");
        assert!(
            !schema_errors(&validator, line).is_empty(),
            "the schema accepts {line}"
        );
    }
}

/// The number of `Event` variants. `variant_index` matches every variant
/// without a wildcard, so a new variant does not compile until it is given
/// an index here and a value in `one_of_each`.
const N_VARIANTS: usize = 47;

fn variant_index(event: &Event) -> usize {
    match event {
        Event::ElectionDefined(_) => 0,
        Event::ContestDefined(_) => 1,
        Event::CountingAreaDefined(_) => 2,
        Event::PollingPlaceDefined(_) => 3,
        Event::PollingStationDefined(_) => 4,
        Event::BallotBoxDefined(_) => 5,
        Event::PapersVerified(_) => 6,
        Event::BoxReceived(_) => 7,
        Event::AccountEntered(_) => 8,
        Event::BoxCounted(_) => 9,
        Event::PapersMoved(_) => 10,
        Event::PostalOpeningRecorded(_) => 11,
        Event::TenderedVotesListed(_) => 12,
        Event::VerificationCompleted(_) => 13,
        Event::BundleCounted(_) => 14,
        Event::RejectedCounted(_) => 15,
        Event::RejectedInPartCounted(_) => 16,
        Event::PaperBatchCounted(_) => 17,
        Event::PapersSetAside(_) => 18,
        Event::DoubtfulPaperDecided(_) => 19,
        Event::ExplanationRecorded(_) => 20,
        Event::CountCompleted(_) => 21,
        Event::RecountRequested(_) => 22,
        Event::RecountDecided(_) => 23,
        Event::LotDrawn(_) => 24,
        Event::ResultDeclared(_) => 25,
        Event::SecondPreferencesCounted(_) => 26,
        Event::SecondCountCompleted(_) => 27,
        Event::RegionDefined(_) => 28,
        Event::LocalTotalReported(_) => 29,
        Event::LocalTotalAuthorised(_) => 30,
        Event::AreaRecountOrdered(_) => 31,
        Event::SecondCountDirected(_) => 32,
        Event::LocalSecondCountReported(_) => 33,
        Event::OfficerAppointed(_) => 34,
        Event::AgentAppointed(_) => 35,
        Event::CheckpointSigned(_) => 36,
        Event::LogUpgraded(_) => 37,
        Event::SavedCounted(_) => 38,
        Event::RejectionObjected(_) => 39,
        Event::ListContestDefined(_) => 40,
        Event::ConstituencyReturnReported(_) => 41,
        Event::ListLotDrawn(_) => 42,
        Event::AllocationRecalculationRequested(_) => 43,
        Event::AllocationRecalculated(_) => 44,
        Event::ListVacancyFilled(_) => 45,
        Event::PlanningDecisionRecorded(_) => 46,
    }
}

/// One value of every event type; with `full`, every optional field is
/// given (so that its name is checked against the schema), else none is.
/// (`explanation_recorded` therefore has both `run` and `ballot_box`, or
/// neither: the reader and the schema accept both, and the replay rejects
/// both.)
fn one_of_each(full: bool) -> Vec<Event> {
    let some = |s: &str| full.then(|| s.to_owned());
    let c = || "abbey".to_owned();
    let votes = || vec![CandidateVotes::new("C1", 31)];
    vec![
        Event::ElectionDefined(ElectionDefined::new(
            "e",
            "Exampleshire District Council elections",
            "2026-05-07",
        )),
        Event::ContestDefined(
            ContestDefined::new(
                c(),
                "e",
                "Election of District Councillors",
                "Abbey Ward",
                "principal_councillor",
                "england",
            )
            .electorate(9_842)
            .vacancies(vec![
                VacancyDef::new("ordinary").term_ends(Some("2030-05-06".into()))
            ])
            .candidates(vec![CandidateDef::new("C1", "ADAMS, Jo")
                .description(some("Independent"))
                .withdrawn(full)])
            .ruleset(some("england-principal-2006"))
            .counting_areas(if full {
                vec!["north".into(), "south".into()]
            } else {
                Vec::new()
            })
            .ballot_paper_id(some("local.exampleshire.abbey.2026-05-07")),
        ),
        Event::CountingAreaDefined(
            CountingAreaDefined::new("north", "North")
                .region(some("E15000006"))
                .electorate(full.then_some(48_210)),
        ),
        Event::PollingPlaceDefined(
            PollingPlaceDefined::new("PP1", "Village Hall").counting_area(some("north")),
        ),
        Event::PollingStationDefined(PollingStationDefined::new("AB1", "PP1", "Station AB1")),
        Event::BallotBoxDefined(if full {
            BallotBoxDefined::new("POSTAL1", vec![c()]).counting_area(some("north"))
        } else {
            BallotBoxDefined::new("BOX1", vec![c()]).polling_station(some("AB1"))
        }),
        Event::PapersVerified(PapersVerified::new(c(), 3_517)),
        Event::BoxReceived(BoxReceived::new("BOX1").seals(if full {
            vec!["S10481".into(), "S10482".into()]
        } else {
            Vec::new()
        })),
        Event::AccountEntered(
            AccountEntered::new(
                "BOX1",
                c(),
                vec![SerialRangeDef::new("D0001", "D2000")],
                1_012,
                980,
                6,
            )
            .cancelled(u64::from(full))
            .tendered(if full { 2 } else { 0 }),
        ),
        Event::BoxCounted(BoxCounted::new("BOX1", c(), 1, 1_010)),
        Event::PapersMoved(PapersMoved::new("TBOX1", "abbey-town", "BOX1", c(), 1)),
        Event::PostalOpeningRecorded(
            PostalOpeningRecorded::new("PO-1", c(), vec![PostalBoxPapers::new("PV-1", 402)])
                .rejected_statements(if full {
                    PostalRejections::new()
                        .signature_mismatch(6)
                        .date_of_birth_mismatch(4)
                        .signature_blank(2)
                        .date_of_birth_blank(1)
                        .paper_without_statement(3)
                        .statement_without_paper(1)
                } else {
                    PostalRejections::default()
                }),
        ),
        Event::TenderedVotesListed(TenderedVotesListed::new("BOX1", c(), 2)),
        Event::VerificationCompleted(VerificationCompleted::new(c())),
        Event::BundleCounted(
            BundleCounted::new(c(), 1, "T1-1", votes())
                .table(some("T1"))
                .ballot_box(some("BOX1"))
                .papers(full.then_some(50)),
        ),
        Event::RejectedCounted(RejectedCounted::new(c(), 1, "too_many_votes", 9)),
        Event::RejectedInPartCounted(RejectedInPartCounted::new(c(), 1, 2)),
        Event::PaperBatchCounted(
            PaperBatchCounted::new(
                c(),
                1,
                "batch-1",
                56,
                votes(),
                vec![HeadPapers::new("no_official_mark", 1)],
            )
            .source(full.then(|| BatchSource::new("papers.csv", "00".repeat(32))))
            .rejected_in_part(u64::from(full))
            .saved(if full {
                vec![SavedPapers::new("tick", 2)]
            } else {
                Vec::new()
            })
            .set_aside(if full {
                vec![SetAsidePaper::new("41").reason(some("other_mark"))]
            } else {
                Vec::new()
            })
            .second_preferences(if full {
                vec![SecondPreferences::new("C1")
                    .votes(vec![CandidateVotes::new("C2", 19)])
                    .unmarked(9)
                    .void(3)]
            } else {
                Vec::new()
            })
            .preferences(if full {
                vec![PreferenceLine::new(3, ["C2", "C1"].into_iter().collect())].into()
            } else {
                Default::default()
            }),
        ),
        Event::SavedCounted(SavedCounted::new(c(), 1, "outside_box", 3)),
        Event::RejectionObjected(
            RejectionObjected::new(c(), 1)
                .paper(some("T1-D1"))
                .head(some("too_many_votes"))
                .batch(some("batch-1"))
                .papers(full.then_some(2))
                .candidate(some("C1")),
        ),
        Event::PapersSetAside(PapersSetAside::new(
            c(),
            1,
            vec![SetAsidePaper::new("T1-D1").reason(some("a word written against ASHWORTH"))],
        )),
        Event::DoubtfulPaperDecided(
            DoubtfulPaperDecided::new(c(), 1, "T1-D1", "rejected")
                .votes(if full { vec!["C1".into()] } else { Vec::new() })
                .head(some("identifying_mark"))
                .rejection_objected(full),
        ),
        Event::ExplanationRecorded(
            ExplanationRecorded::new(c(), "One paper fewer counted than verified.")
                .run(full.then_some(1))
                .ballot_box(some("BOX1")),
        ),
        Event::CountCompleted(CountCompleted::new(c(), 1)),
        Event::RecountRequested(RecountRequested::new(c(), 1).candidate(some("C1"))),
        Event::RecountDecided(RecountDecided::new(c(), 1, full)),
        Event::LotDrawn(
            LotDrawn::new(
                c(),
                2,
                "election",
                vec!["C1".into(), "C2".into()],
                vec!["C2".into()],
                if full {
                    LotMethod::Seeded {
                        seed: "2026-05-07 rehearsal".into(),
                    }
                } else {
                    LotMethod::Recorded {
                        description: "names drawn from a hat".into(),
                    }
                },
            )
            .stage(full.then_some(4)),
        ),
        Event::ResultDeclared(ResultDeclared::new(c(), 2)),
        Event::SecondPreferencesCounted(
            SecondPreferencesCounted::new(
                c(),
                1,
                "S-T1-1",
                vec![
                    CandidateVotes::new("C1", 212),
                    CandidateVotes::new("C2", 174),
                ],
            )
            .table(some("T1"))
            .unmarked(if full { 88 } else { 0 })
            .for_eliminated(if full { 21 } else { 0 })
            .void(if full { 5 } else { 0 }),
        ),
        Event::SecondCountCompleted(SecondCountCompleted::new(c(), 1)),
        Event::RegionDefined(RegionDefined::new("E15000006", "East of England")),
        Event::LocalTotalReported(
            LocalTotalReported::new(
                c(),
                "north",
                21_419,
                vec![
                    CandidateVotes::new("C1", 11_204),
                    CandidateVotes::new("C2", 10_102),
                ],
            )
            .expected(full.then_some(21_420))
            .polling_station_papers(full.then_some(14_902))
            .postal_papers(full.then_some(6_517))
            .rejected(if full {
                vec![HeadPapers::new("unmarked", 113)]
            } else {
                Vec::new()
            })
            .explanation(some("one postal paper found unused in a returned envelope")),
        ),
        Event::LocalTotalAuthorised(LocalTotalAuthorised::new(c(), "north")),
        Event::AreaRecountOrdered(AreaRecountOrdered::new(c(), "north")),
        Event::SecondCountDirected(SecondCountDirected::new(
            c(),
            vec!["C1".into(), "C2".into()],
        )),
        Event::LocalSecondCountReported(
            LocalSecondCountReported::new(c(), "north", vec![CandidateVotes::new("C1", 1_530)])
                .rejected(if full { 2_204 } else { 0 }),
        ),
        Event::OfficerAppointed(
            OfficerAppointed::new("jmarsh", "Jane Marsh", "deputy_returning_officer")
                .functions(if full {
                    vec!["adjudicate".into()]
                } else {
                    vec![]
                })
                .contests(if full { vec![c()] } else { vec![] })
                .counting_area(some("north"))
                .public_key(some(&"ab".repeat(32))),
        ),
        Event::AgentAppointed(
            AgentAppointed::new("pevans-agent", "Sam Jones", "counting_agent")
                .contest(some("abbey"))
                .candidate(some("C1"))
                .public_key(some(&"cd".repeat(32))),
        ),
        Event::CheckpointSigned(CheckpointSigned::new(3, "01".repeat(32), "ef".repeat(64))),
        Event::LogUpgraded(LogUpgraded::new(1, "23".repeat(32), 68)),
        Event::ListContestDefined(
            ListContestDefined::new(
                "mid-west",
                "e",
                "Election of Members of the Senedd",
                "Mid and West Wales",
                "senedd_regional_member",
                "wales",
                4,
            )
            .ruleset(some("senedd-regional-2007"))
            .parties(vec![ListPartyDef::new("LAB", "Welsh Labour").list(vec![
                ListCandidateDef::new("Jo Adams").withdrawn(full).died(full),
            ])])
            .individuals(if full {
                vec![CandidateDef::new("IND1", "Sam Baker")]
            } else {
                Vec::new()
            })
            .counting_areas(vec!["north".into()])
            .constituencies(if full {
                vec!["W09000001".into()]
            } else {
                Vec::new()
            })
            .constituency_parties(if full {
                vec![ConstituencyParty::new("W09000001", "JONES", "LAB")]
            } else {
                Vec::new()
            }),
        ),
        Event::ConstituencyReturnReported(
            ConstituencyReturnReported::new("mid-west", "W09000001", "Ann Jones")
                .party(some("LAB")),
        ),
        Event::ListLotDrawn(ListLotDrawn::new(
            "mid-west",
            3,
            vec!["LAB".into(), "CON".into()],
            "LAB",
            LotMethod::Recorded {
                description: "names drawn from a box".into(),
            },
        )),
        Event::AllocationRecalculationRequested(
            AllocationRecalculationRequested::new("mid-west").party(some("CON")),
        ),
        Event::AllocationRecalculated(AllocationRecalculated::new("mid-west", "unchanged")),
        Event::ListVacancyFilled(
            ListVacancyFilled::new("mid-west", "Jo Adams")
                .declined(if full {
                    vec!["Ben Cole".into()]
                } else {
                    Vec::new()
                })
                .filled_by(some("Dee Evans")),
        ),
        Event::PlanningDecisionRecorded(
            PlanningDecisionRecorded::new(
                "np",
                "make",
                "Cabinet of Exampleshire District Council",
                "2026-10-14",
            )
            .resolution(some("Cabinet minute 42/2026")),
        ),
    ]
}

#[test]
fn one_of_each_has_every_variant_once() {
    for full in [false, true] {
        let mut seen: Vec<usize> = one_of_each(full).iter().map(variant_index).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..N_VARIANTS).collect::<Vec<_>>());
    }
}

/// The event type names in the schema's `$defs/event/oneOf`.
fn schema_event_names(schema: &Value) -> Vec<String> {
    let branches = schema["$defs"]["event"]["oneOf"]
        .as_array()
        .expect("$defs/event/oneOf is a list");
    branches
        .iter()
        .map(|branch| {
            let required = branch["required"].as_array().expect("required");
            assert_eq!(required.len(), 1, "{branch}");
            let name = required[0].as_str().expect("a name").to_owned();
            let properties = branch["properties"].as_object().expect("properties");
            assert_eq!(
                properties.keys().collect::<Vec<_>>(),
                vec![&name],
                "{branch}"
            );
            assert_eq!(branch["additionalProperties"], Value::Bool(false));
            name
        })
        .collect()
}

#[test]
fn schema_event_names_are_the_event_kinds() {
    let schema = schema();
    let mut in_schema = schema_event_names(&schema);
    let mut kinds: Vec<String> = one_of_each(true)
        .iter()
        .map(|e| e.kind().to_owned())
        .collect();
    in_schema.sort();
    kinds.sort();
    assert_eq!(in_schema, kinds);
    for name in &in_schema {
        let def = &schema["$defs"][name.as_str()];
        assert_eq!(def["type"], "object", "$defs/{name}");
        assert_eq!(
            def["additionalProperties"],
            Value::Bool(false),
            "$defs/{name}"
        );
    }
}

#[test]
fn every_event_as_written_is_valid() {
    let validator = validator();
    for full in [false, true] {
        let entries: Vec<Entry> = one_of_each(full)
            .into_iter()
            .enumerate()
            .map(|(i, event)| {
                Entry::new(i as u64 + 1, "Returning Officer (Jane Marsh)", event)
                    .at(full.then(|| "2026-05-08T02:41:00+01:00".to_owned()))
                    .reason(full.then(|| "as announced".to_owned()))
            })
            .collect();
        let bytes = countroom_log::write(&Header::v1(), &entries);
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), entries.len() + 1);
        assert_eq!(lines[0], HEADER);
        for (line, entry) in lines
            .iter()
            .zip(std::iter::once(None).chain(entries.iter().map(Some)))
        {
            let errors = schema_errors(&validator, line);
            assert!(errors.is_empty(), "{errors:#?}: {line}");
            if let Some(entry) = entry {
                let value: Value = serde_json::from_str(line).unwrap();
                let tags: Vec<&String> = value["event"].as_object().unwrap().keys().collect();
                assert_eq!(tags, vec![entry.event.kind()], "{line}");
            }
        }
    }
}

#[test]
fn every_example_in_the_docs_is_valid() {
    let path = repo_file("docs/count-log.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let validator = validator();
    let mut in_json = false;
    let mut kinds = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_json = line == "```json";
            continue;
        }
        if !in_json || line.trim().is_empty() {
            continue;
        }
        let errors = schema_errors(&validator, line);
        assert!(
            errors.is_empty(),
            "count-log.md line {}: {errors:#?}",
            i + 1
        );
        if line.starts_with(r#"{"schema":"#) {
            assert!(reader_accepts_header(line), "count-log.md line {}", i + 1);
            continue;
        }
        let entry: Entry = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("count-log.md line {}: {e}", i + 1));
        kinds.push(entry.event.kind());
    }
    kinds.sort_unstable();
    kinds.dedup();
    let mut all: Vec<&str> = one_of_each(false).iter().map(Event::kind).collect();
    all.sort_unstable();
    assert_eq!(kinds, all, "every event type has an example");
}
