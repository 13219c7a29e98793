//! Single transferable vote contests through the count log: preference
//! batches (from a ballot-paper CSV or a BLT file), the returning officer's
//! decisions, lots by stage, the stage sheet as a projection of the log
//! (the same bytes as `countroom stv`), and the bad input that belongs to
//! them.

use std::path::Path;

use countroom::log::{
    self as clog, CandidateDef, ContestDefined, ElectionDefined, Event, VacancyDef,
};

use crate::support::{dataset, example, run, scratch, stderr, stdout, write};

/// A candidate: id, name, party.
type Cand = (String, String, Option<String>);

/// A version 2 log defining election `e` (poll `date`) and the Scottish
/// STV contest `ward` (area `area`, `seats` seats) with `candidates` (id,
/// name, party).
fn define(date: &str, area: &str, seats: usize, candidates: &[Cand]) -> Vec<u8> {
    define_in("scotland", date, area, seats, candidates)
}

/// [`define`] in `country`.
fn define_in(country: &str, date: &str, area: &str, seats: usize, candidates: &[Cand]) -> Vec<u8> {
    let header = countroom::new_log_header("e");
    let mut out = Vec::new();
    let mut a = clog::Appender::start(&header, &mut out);
    a.append(
        &mut out,
        "Returning Officer".into(),
        None,
        None,
        Event::ElectionDefined(ElectionDefined::new("e", "Example Council election", date)),
    );
    a.append(
        &mut out,
        "Returning Officer".into(),
        None,
        None,
        Event::ContestDefined(
            ContestDefined::new(
                "ward",
                "e",
                "Election of Councillors",
                area,
                "principal_councillor",
                country,
            )
            .electorate(1_000_000)
            .vacancies(
                (0..seats)
                    .map(|_| VacancyDef::new("ordinary").term_ends(Some("2027-05-06".into())))
                    .collect(),
            )
            .candidates(
                candidates
                    .iter()
                    .map(|(id, name, party)| {
                        CandidateDef::new(id.clone(), name.clone()).description(party.clone())
                    })
                    .collect(),
            ),
        ),
    );
    out
}

/// The candidates of a BLT file as (C1.., name, party).
fn blt_candidates(bytes: &[u8]) -> (Vec<Cand>, usize, String) {
    let e = countroom::stv::blt::read(bytes).unwrap();
    let c = e
        .candidates()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                format!("C{}", i + 1),
                c.display_name(),
                c.party
                    .as_ref()
                    .map(|p| String::from_utf8_lossy(p).into_owned()),
            )
        })
        .collect();
    (
        c,
        e.seats(),
        String::from_utf8_lossy(e.title()).into_owned(),
    )
}

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
}

fn append(log: &str, dir: &Path, name: &str, lines: &str) {
    let f = write(dir, name, lines.as_bytes());
    ok(&run(&["append", log, &f]));
}

/// A BLT file counted through the log (imported as one batch, completed)
/// gives the same stage sheet bytes as `countroom stv FILE.blt`, in every
/// format.
fn same_sheet_both_routes(blt: &Path, poll_date: &str) -> String {
    let bytes = std::fs::read(blt).unwrap();
    let (candidates, seats, title) = blt_candidates(&bytes);
    let dir = scratch();
    let log = write(
        dir.path(),
        "ward.jsonl",
        &define(poll_date, &title, seats, &candidates),
    );
    let b = blt.display().to_string();
    ok(&run(&[
        "tally-papers",
        &log,
        &b,
        "--by",
        "Count supervisor",
    ]));
    append(
        &log,
        dir.path(),
        "done.json",
        r#"{"by":"Returning Officer","event":{"count_completed":{"contest":"ward","run":1}}}"#,
    );
    for format in ["text", "json", "csv"] {
        let direct = ok(&run(&[
            "stv", "--rules", "scotland", &b, "--format", format, "--date", poll_date,
        ]));
        let logged = ok(&run(&["count", &log, "--stage-sheet", format]));
        assert_eq!(logged, direct, "{} ({format})", blt.display());
    }
    // The auditor's replay: the same file checks against the batch.
    ok(&run(&["count", &log, "--papers", &b]));
    ok(&run(&["count", &log, "--stage-sheet", "text"]))
}

#[test]
fn shipped_blt_same_sheet_through_the_log() {
    let sheet = same_sheet_both_routes(&example("stv-ward.blt"), "2022-05-05");
    assert!(sheet.contains(
        "Rules: Scottish local government STV rules: Scottish Local Government Elections Order 2011 (SSI 2011/399), Sch 1 rr.46-53 (poll 2022-05-05)"
    ));
}

/// The 21 Glasgow 2007 wards, defined on their real poll date, 3 May 2007:
/// the log selects `scotland-stv-2007` (Scottish Local Government Elections
/// Order 2007, SSI 2007/42) and every sheet names the 2007 Order.
#[test]
fn glasgow_2007_same_sheet_through_the_log() {
    let Some(dir) = dataset("scotland-stv") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(dir.join("glasgow-2007-droop-reference/blt"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-2007.blt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 21);
    for f in files {
        let sheet = same_sheet_both_routes(&f, "2007-05-03");
        assert!(
            sheet.contains("Rules: Scottish local government STV rules: Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch 1 r.45 (first stage) onwards (poll 2007-05-03)"),
            "{}",
            f.display()
        );
    }
}

const WARD: [(&str, &str); 6] = [
    ("BROWN", "Ailsa BROWN"),
    ("DUNCAN", "Calum DUNCAN"),
    ("FRASER", "Morag FRASER"),
    ("MACLEOD", "Iain MACLEOD"),
    ("ROSS", "Kirsty ROSS"),
    ("WATT", "Lewis WATT"),
];

fn ward_log(dir: &Path) -> String {
    let candidates: Vec<_> = WARD
        .iter()
        .map(|(id, name)| ((*id).to_owned(), (*name).to_owned(), None))
        .collect();
    write(
        dir,
        "ward.jsonl",
        &define(
            "2022-05-05",
            "Example Ward (synthetic papers)",
            3,
            &candidates,
        ),
    )
}

/// The shipped ward's 120 ballot papers logged end to end: the batch
/// adjudicated from the CSV, the two doubtful papers decided, the run
/// completed, the result declared. The stage sheet is the one `countroom
/// stv --papers` prints (its text output is the sheet followed by the
/// statement of rejected papers), and the declaration and the statement of
/// rejected papers come out as for every poll.
#[test]
fn ward_papers_logged_end_to_end() {
    let dir = scratch();
    let log = ward_log(dir.path());
    let papers = example("stv-ward-papers.csv").display().to_string();
    let decisions = example("stv-ward-papers.decisions.csv")
        .display()
        .to_string();
    ok(&run(&[
        "tally-papers",
        &log,
        &papers,
        "--by",
        "Count supervisor",
    ]));
    // Not yet: two papers are set aside.
    let o = run(&["count", &log, "--stage-sheet", "text"]);
    assert!(!o.status.success());
    // The stage sheet has its own formats: `--format` with it is refused,
    // not silently ignored (the audit's finding 17).
    let o = run(&["count", &log, "--stage-sheet", "text", "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    append(
        &log,
        dir.path(),
        "decisions.json",
        concat!(
            r#"{"by":"Returning Officer","reason":"a cross against MACLEOD: a clear first preference (r.44(2))","event":{"doubtful_paper_decided":{"contest":"ward","run":1,"paper":"P110","decision":"valid","votes":["MACLEOD"]}}}"#,
            "\n",
            r#"{"by":"Returning Officer","event":{"doubtful_paper_decided":{"contest":"ward","run":1,"paper":"P115","decision":"rejected","head":"unmarked_or_void"}}}"#,
            "\n",
            r#"{"by":"Returning Officer","event":{"count_completed":{"contest":"ward","run":1}}}"#,
            "\n",
        ),
    );
    let direct = ok(&run(&[
        "stv",
        "--rules",
        "scotland",
        "--papers",
        &papers,
        "--seats",
        "3",
        "--title",
        "Example Ward (synthetic papers)",
        "--decisions",
        &decisions,
        "--date",
        "2022-05-05",
    ]));
    let logged = ok(&run(&["count", &log, "--stage-sheet", "text"]));
    assert!(direct.starts_with(&logged), "{logged}\n---\n{direct}");
    assert!(direct.len() > logged.len());
    for format in ["json", "csv"] {
        let logged = ok(&run(&["count", &log, "--stage-sheet", format]));
        assert!(logged.len() > 100);
    }
    append(
        &log,
        dir.path(),
        "declare.json",
        r#"{"by":"Returning Officer","event":{"result_declared":{"contest":"ward","run":1}}}"#,
    );
    let report = ok(&run(&["count", &log, "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&report).unwrap();
    let c = &json["contests"][0];
    assert_eq!(c["status"], "declared");
    assert_eq!(c["stv"]["quota"], "29.00000");
    let elected: Vec<&str> = c["elected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(elected.len(), 3, "{elected:?}");
    assert!(elected.contains(&"FRASER"));
    // The statement of rejected papers: the six papers of the CSV's heads
    // and P115, decided.
    assert_eq!(c["reconciliation"]["valid_papers"], 114);
    assert_eq!(c["rejected"]["total"], 6);
    let text = ok(&run(&["count", &log]));
    assert!(
        text.contains("SINGLE TRANSFERABLE VOTE (scotland rules)"),
        "{text}"
    );
}

/// Three candidates, one seat: A 2, B 1, C 1. Quota floor(4/2) + 1 = 3
/// (r.47); nobody has it, and B and C are equal lowest with no earlier
/// stage to separate them, so the exclusion at stage 2 is by lot (r.52).
fn tie_log(dir: &Path) -> String {
    let candidates: Vec<_> = ["A", "B", "C"]
        .iter()
        .map(|id| ((*id).to_owned(), format!("Candidate {id}"), None))
        .collect();
    let log = write(
        dir,
        "tie.jsonl",
        &define("2022-05-05", "Tie Ward", 1, &candidates),
    );
    append(
        &log,
        dir,
        "batch.json",
        concat!(
            r#"{"by":"Count supervisor","event":{"paper_batch_counted":{"contest":"ward","run":1,"batch":"b1","valid_papers":4,"votes":[{"candidate":"A","votes":2},{"candidate":"B","votes":1},{"candidate":"C","votes":1}],"rejected":[],"preferences":[{"weight":2,"order":["A"]},{"weight":1,"order":["B","A"]},{"weight":1,"order":["C","A"]}]}}}"#,
            "\n",
            r#"{"by":"Returning Officer","event":{"count_completed":{"contest":"ward","run":1}}}"#,
            "\n",
        ),
    );
    log
}

fn lot(stage: u32, purpose: &str, tied: &str, winner: &str) -> String {
    format!(
        r#"{{"by":"Returning Officer","event":{{"lot_drawn":{{"contest":"ward","run":1,"purpose":"{purpose}","stage":{stage},"tied":[{tied}],"winners":["{winner}"],"method":{{"recorded":{{"description":"names drawn from a box"}}}}}}}}}}"#
    )
}

/// Refused entries leave the log as it was, and name entry and field.
fn refused(log: &str, dir: &Path, line: &str) -> String {
    let before = std::fs::read(log).unwrap();
    let f = write(dir, "bad.json", line.as_bytes());
    let o = run(&["append", log, &f]);
    assert!(!o.status.success(), "accepted: {line}");
    assert_eq!(std::fs::read(log).unwrap(), before);
    stderr(&o)
}

#[test]
fn lot_required_at_its_stage_then_drawn() {
    let dir = scratch();
    let log = tie_log(dir.path());
    let text = ok(&run(&["count", &log]));
    assert!(
        text.contains("LOT REQUIRED AT STAGE 2 (exclusion): 1 of B, C"),
        "{text}"
    );
    let o = run(&["count", &log, "--stage-sheet", "text"]);
    assert!(stderr(&o).contains("a lot is required at stage 2 (exclusion) between B, C"));
    // Declaring before the lot is refused.
    let e = refused(
        &log,
        dir.path(),
        r#"{"by":"Returning Officer","event":{"result_declared":{"contest":"ward","run":1}}}"#,
    );
    assert!(e.contains("must first be settled by lot"), "{e}");
    // A lot for a stage where no tie arises.
    let e = refused(&log, dir.path(), &lot(3, "exclusion", r#""B","C""#, "B"));
    assert!(
        e.contains("needs no lot at stage 3 (exclusion); the next lot it needs is at stage 2 (exclusion) between B, C"),
        "{e}"
    );
    // A lot naming a candidate outside the tied set.
    let e = refused(&log, dir.path(), &lot(2, "exclusion", r#""A","B""#, "A"));
    assert!(
        e.contains("the lot needed is one of B, C chosen at stage 2 (exclusion)"),
        "{e}"
    );
    // A lot without its stage.
    let e = refused(
        &log,
        dir.path(),
        r#"{"by":"Returning Officer","event":{"lot_drawn":{"contest":"ward","run":1,"purpose":"exclusion","tied":["B","C"],"winners":["B"],"method":{"recorded":{"description":"x"}}}}}"#,
    );
    assert!(e.contains("field `stage`"), "{e}");
    append(
        &log,
        dir.path(),
        "lot.json",
        &lot(2, "exclusion", r#""C","B""#, "B"),
    );
    // Two lots for one stage.
    let e = refused(&log, dir.path(), &lot(2, "exclusion", r#""B","C""#, "C"));
    assert!(
        e.contains("a lot for stage 2 of run 1 was already drawn"),
        "{e}"
    );
    let sheet = ok(&run(&["count", &log, "--stage-sheet", "json"]));
    assert!(sheet.contains("\"lots\""), "{sheet}");
    let report = ok(&run(&["count", &log]));
    assert!(report.contains("At stage 2, Candidate B and Candidate C had equal votes, the lowest; lots were drawn and Candidate B was excluded."), "{report}");
    append(
        &log,
        dir.path(),
        "declare.json",
        r#"{"by":"Returning Officer","event":{"result_declared":{"contest":"ward","run":1}}}"#,
    );
}

#[test]
fn bad_stv_input() {
    let dir = scratch();
    let log = ward_log(dir.path());
    let papers = example("stv-ward-papers.csv").display().to_string();
    ok(&run(&["tally-papers", &log, &papers]));
    // A decision for a paper never set aside.
    let e = refused(
        &log,
        dir.path(),
        r#"{"by":"Returning Officer","event":{"doubtful_paper_decided":{"contest":"ward","run":1,"paper":"P001","decision":"valid","votes":["FRASER"]}}}"#,
    );
    assert!(e.contains("P001") && e.contains("P110, P115"), "{e}");
    // A decision whose preferences name an unknown candidate.
    let e = refused(
        &log,
        dir.path(),
        r#"{"by":"Returning Officer","event":{"doubtful_paper_decided":{"contest":"ward","run":1,"paper":"P110","decision":"valid","votes":["MACLEOD","NOBODY"]}}}"#,
    );
    assert!(
        e.contains("field `votes[1]`") && e.contains("NOBODY"),
        "{e}"
    );
    // A bundle at an STV poll.
    let e = refused(
        &log,
        dir.path(),
        r#"{"by":"Count supervisor","event":{"bundle_counted":{"contest":"ward","run":1,"bundle":"B1","votes":[{"candidate":"FRASER","votes":1}]}}}"#,
    );
    assert!(e.contains("field `bundle`"), "{e}");
    // Preferences that do not add up to the batch's figures.
    let e = refused(
        &log,
        dir.path(),
        r#"{"by":"Count supervisor","event":{"paper_batch_counted":{"contest":"ward","run":1,"batch":"b9","valid_papers":2,"votes":[{"candidate":"FRASER","votes":2}],"rejected":[],"preferences":[{"weight":1,"order":["FRASER","FRASER"]},{"weight":1,"order":["ROSS"]}]}}}"#,
    );
    assert!(
        e.contains("field `preferences[0].order[1]`: FRASER is given two preferences"),
        "{e}"
    );

    // A preference batch for a contest that is not STV.
    let fptp = example("westbury.jsonl");
    let fdir = scratch();
    let flog = write(fdir.path(), "w.jsonl", &std::fs::read(fptp).unwrap());
    let bytes = std::fs::read(&flog).unwrap();
    let parsed = clog::read(&bytes).unwrap();
    let contest = parsed
        .entries
        .iter()
        .find_map(|e| match &e.event {
            Event::ContestDefined(c) => Some(c.clone()),
            _ => None,
        })
        .unwrap();
    let c0 = &contest.candidates[0].id;
    let line = format!(
        r#"{{"by":"Count supervisor","event":{{"paper_batch_counted":{{"contest":"{}","run":1,"batch":"pref-1","valid_papers":1,"votes":[{{"candidate":"{c0}","votes":1}}],"rejected":[],"preferences":[{{"weight":1,"order":["{c0}"]}}]}}}}}}"#,
        contest.contest
    );
    let e = refused(&flog, fdir.path(), &line);
    assert!(
        e.contains("field `preferences`: only a single transferable vote poll has preferences"),
        "{e}"
    );
}

/// The auditor's replay of an imported BLT file: a file of the same name
/// whose bytes differ from the ones the log records is reported, with both
/// hashes, and nothing is written.
#[test]
fn blt_whose_hash_differs_from_the_log() {
    let blt = example("stv-ward.blt");
    let bytes = std::fs::read(&blt).unwrap();
    let (candidates, seats, title) = blt_candidates(&bytes);
    let dir = scratch();
    let log = write(
        dir.path(),
        "ward.jsonl",
        &define("2022-05-05", &title, seats, &candidates),
    );
    let b = write(dir.path(), "stv-ward.blt", &bytes);
    ok(&run(&["tally-papers", &log, &b]));
    let logged = std::fs::read(&log).unwrap();
    // The same name, one paper moved from one line to another.
    let text = String::from_utf8(bytes).unwrap();
    let changed = text
        .replacen("30 3 1 2 0", "29 3 1 2 0", 1)
        .replacen("6 3 5 0", "7 3 5 0", 1);
    assert_ne!(changed, text);
    let b = write(dir.path(), "stv-ward.blt", changed.as_bytes());
    let o = run(&["count", &log, "--papers", &b]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("the file's SHA-256 is"), "{e}");
    assert!(e.contains("papers with the preferences"), "{e}");
    assert_eq!(std::fs::read(&log).unwrap(), logged);
}

/// A re-count is a run: it starts with no papers, is counted from its own
/// batches, and needs its own lots (the first run's lot does not carry
/// over).
#[test]
fn recount_is_a_run_with_its_own_lots() {
    let dir = scratch();
    let log = tie_log(dir.path());
    append(
        &log,
        dir.path(),
        "lot.json",
        &lot(2, "exclusion", r#""B","C""#, "C"),
    );
    append(
        &log,
        dir.path(),
        "recount.json",
        concat!(
            r#"{"by":"Agent for B","event":{"recount_requested":{"contest":"ward","run":1,"candidate":"B"}}}"#,
            "\n",
            r#"{"by":"Returning Officer","event":{"recount_decided":{"contest":"ward","run":1,"granted":true}}}"#,
            "\n",
            r#"{"by":"Count supervisor","event":{"paper_batch_counted":{"contest":"ward","run":2,"batch":"b1","valid_papers":4,"votes":[{"candidate":"A","votes":2},{"candidate":"B","votes":1},{"candidate":"C","votes":1}],"rejected":[],"preferences":[{"weight":1,"order":["C","A"]},{"weight":2,"order":["A"]},{"weight":1,"order":["B","A"]}]}}}"#,
            "\n",
            r#"{"by":"Returning Officer","event":{"count_completed":{"contest":"ward","run":2}}}"#,
            "\n",
        ),
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&run(&["count", &log, "--format", "json"]))).unwrap();
    let c = &json["contests"][0];
    assert_eq!(c["run"], 2);
    assert_eq!(c["status"], "lot_required");
    assert_eq!(c["lot_required"]["stage"], 2);
    assert_eq!(c["stv"]["lot_required_at"], 2);
    let e = refused(&log, dir.path(), &lot(2, "exclusion", r#""B","C""#, "B"));
    assert!(e.contains("run 1"), "{e}");
    append(
        &log,
        dir.path(),
        "lot2.json",
        &lot(2, "exclusion", r#""B","C""#, "B").replace("\"run\":1", "\"run\":2"),
    );
    let sheet = ok(&run(&["count", &log, "--stage-sheet", "csv"]));
    assert!(!sheet.is_empty());
}

/// A Northern Ireland contest through the log is counted under the NI rules
/// (ELA(NI) 1962 Sch 5), the same sheet as `countroom stv --rules ni`.
#[test]
fn ni_contest_same_sheet_through_the_log() {
    let blt = example("stv-ward.blt");
    let bytes = std::fs::read(&blt).unwrap();
    let (candidates, seats, title) = blt_candidates(&bytes);
    let dir = scratch();
    let log = write(
        dir.path(),
        "ni.jsonl",
        &define_in("northern_ireland", "2023-05-18", &title, seats, &candidates),
    );
    let b = blt.display().to_string();
    ok(&run(&["tally-papers", &log, &b]));
    append(
        &log,
        dir.path(),
        "done.json",
        r#"{"by":"Returning Officer","event":{"count_completed":{"contest":"ward","run":1}}}"#,
    );
    for format in ["text", "json", "csv"] {
        let direct = ok(&run(&[
            "stv",
            "--rules",
            "ni",
            &b,
            "--format",
            format,
            "--date",
            "2023-05-18",
        ]));
        let logged = ok(&run(&["count", &log, "--stage-sheet", format]));
        assert_eq!(logged, direct, "{format}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(&run(&["count", &log, "--format", "json"]))).unwrap();
    assert_eq!(json["contests"][0]["stv"]["rules"], "ni");
}

/// Glasgow 2017 Ward 7 (Langside): the file route matches the council's
/// official sheet stage by stage (`stv::glasgow_2017_ward_7_matches_official_sheet`),
/// and the log route gives the same sheet bytes, so the log route matches
/// the official sheet too.
#[test]
fn glasgow_2017_ward_7_same_sheet_through_the_log() {
    let Some(dir) = dataset("scotland-stv/glasgow-2017-official") else {
        return;
    };
    same_sheet_both_routes(
        &dir.join("PreferenceProfile_Report_Ward_7_Langside_05052017_163223.xlsx.derived.blt"),
        "2017-05-04",
    );
}

/// Glasgow 2017 Ward 2 (Newlands/Auldburn) through the count log, by the
/// library's in-memory route: the council's preference profile (the
/// report's `.txt`, a BLT ballot file padded with spaces) read into a
/// `paper_batch_counted` entry by `countroom_io::stv_batch::batch_from_blt`,
/// appended with `countroom::append`, the log replayed and the stage sheet
/// projected from it. It equals the file route's sheet stage by stage and
/// the council's official "Candidate Votes Per Stage" sheet (quota 1,816
/// from 7,263 valid votes; DOCHERTY elected at stage 1, CURRAN at 4,
/// THORNTON at 7).
#[test]
fn glasgow_2017_ward_2_through_the_log_in_memory() {
    use countroom::io::stv_batch;
    use countroom::log::{CountCompleted, NewEntry};
    use countroom::stv::{LotSource, StvRules};

    let Some(dir) = dataset("scotland-stv/glasgow-2017-official") else {
        return;
    };
    let profile = dir.join("PreferenceProfile_Report_Ward_2_Newlands-Auldburn_05052017_163151.txt");
    let official = dir.join(
        "CandidateVotesPerStage_Report_Ward_2_Newlands-Auldburn_05052017_150229.pdf.derived.txt",
    );
    let bytes = std::fs::read(&profile).unwrap();
    let (candidates, seats, title) = blt_candidates(&bytes);
    let log = define("2017-05-04", &title, seats, &candidates);

    let file = clog::read(&log).unwrap();
    let (state, problems) = countroom::count::replay_log(&file);
    assert!(problems.is_empty(), "{problems:?}");
    let contest = state.contests()[0].contest();
    let batch = stv_batch::batch_from_blt(&bytes, contest, 1, "ward-2".into(), None).unwrap();
    assert_eq!(batch.valid_papers, 7263);
    assert_eq!(
        batch.preferences.iter().map(|l| l.weight).sum::<u64>(),
        7263
    );
    let appended = countroom::append(
        &log,
        &[
            NewEntry::new("Count supervisor", Event::PaperBatchCounted(batch)),
            NewEntry::new(
                "Returning Officer",
                Event::CountCompleted(CountCompleted::new("ward", 1)),
            ),
        ],
    )
    .unwrap();

    let file = clog::read(&appended.bytes).unwrap();
    let (state, problems) = countroom::count::replay_log(&file);
    assert!(problems.is_empty(), "{problems:?}");
    let report = countroom::count::report(&state);
    let logged = report.contests[0].stage_sheet.as_ref().unwrap();

    let election = countroom::stv::blt::read(&bytes).unwrap();
    let direct =
        countroom::stv::count(StvRules::Scotland, &election, &mut LotSource::none()).unwrap();
    assert_eq!(logged.stages, direct.stages);
    assert_eq!(logged.elected, direct.elected);
    assert_eq!(
        (logged.valid_papers, logged.quota, logged.seats),
        (direct.valid_papers, direct.quota, direct.seats)
    );
    crate::stv::assert_sheet_matches_official(
        logged,
        &official,
        3,
        7263,
        "1816",
        &[
            ("Josephine DOCHERTY", 1),
            ("Stephen CURRAN", 4),
            ("Kyle THORNTON", 7),
        ],
    );
}
