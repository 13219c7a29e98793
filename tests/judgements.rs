//! Every judgement on the record, through the command line: papers valid
//! under the saving clause by reason, objections to rejections, and the
//! declaration of an uncontested election; bad input named by file, line
//! and field.

use crate::cli::rejects;
use crate::support::{run, scratch, stderr, stdout, write};

const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// A two-seat ward (A, B, C) or, with `uncontested`, two candidates for
/// three parish seats; then `lines`, numbered on.
fn log(uncontested: bool, lines: &[&str]) -> String {
    let contest = if uncontested {
        r#"{"contest_defined":{"contest":"ward","election":"e","title":"Election of Parish Councillors","area":"Little Ormsby South","office":"parish_councillor","country":"england","electorate":900,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"P","name":"PARKER, Ann"},{"id":"Q","name":"QUINN, Bob"}]}}"#
    } else {
        r#"{"contest_defined":{"contest":"ward","election":"e","title":"Election of Councillors","area":"Test Ward","office":"principal_councillor","country":"england","electorate":1000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-06"},{"kind":"ordinary","term_ends":"2030-05-06"}],"candidates":[{"id":"A","name":"ADAMS, Ann"},{"id":"B","name":"BROWN, Ben"},{"id":"C","name":"CLARK, Cat"}]}}"#
    };
    let mut out = String::from(HEADER);
    out.push_str(r#"{"seq":1,"by":"RO","event":{"election_defined":{"election":"e","name":"Test elections","poll_date":"2026-05-07"}}}"#);
    out.push('\n');
    out.push_str(&format!(r#"{{"seq":2,"by":"RO","event":{contest}}}"#));
    out.push('\n');
    for (i, line) in lines.iter().enumerate() {
        out.push_str(&format!(
            r#"{{"seq":{},"by":"Agent for C (Sam Patel)","at":"02:10","reason":"clear intention","event":{line}}}"#,
            i + 3
        ));
        out.push('\n');
    }
    out
}

/// 6 valid papers (A 5, B 3, C 2), 2 rejected under (b), 1 under (d), and
/// the saving clause as given.
fn batch(saved: &str) -> String {
    format!(
        r#"{{"paper_batch_counted":{{"contest":"ward","run":1,"batch":"b1","valid_papers":6,"votes":[{{"candidate":"A","votes":5}},{{"candidate":"B","votes":3}},{{"candidate":"C","votes":2}}],"rejected":[{{"head":"too_many_votes","papers":2}},{{"head":"unmarked_or_void","papers":1}}],"saved":[{saved}],"set_aside":[{{"paper":"D1","reason":"other_mark"}}]}}}}"#
    )
}

const VALID_D1: &str = r#"{"doubtful_paper_decided":{"contest":"ward","run":1,"paper":"D1","decision":"valid","votes":["A"]}}"#;

#[test]
fn bad_saved_papers_and_objections() {
    rejects(
        log(false, &[&batch(r#"{"reason":"smiley","papers":1}"#)]).as_bytes(),
        &[],
        &["count.jsonl:4: entry 3: paper_batch_counted: field `saved[0].reason`: unknown saving-clause reason \"smiley\" (expected one of: outside_box, tick, figure, more_than_one_mark)"],
    );
    rejects(
        log(false, &[&batch(r#"{"reason":"tick","papers":7}"#)]).as_bytes(),
        &[],
        &["count.jsonl:4: entry 3: paper_batch_counted: field `saved`: 7 papers valid under the saving clause, but the batch has only 6 valid papers"],
    );
    let ok = batch(r#"{"reason":"tick","papers":2}"#);
    for (objection, expected) in [
        (
            r#"{"rejection_objected":{"contest":"ward","run":1,"head":"identifying_mark","papers":1}}"#,
            "count.jsonl:6: entry 5: rejection_objected: field `papers`: an objection to 1 papers rejected under head \"identifying_mark\", but run 1 has 0 papers rejected under that head (0 already objected to)",
        ),
        (
            r#"{"rejection_objected":{"contest":"ward","run":1,"head":"too_many_votes","papers":3}}"#,
            "count.jsonl:6: entry 5: rejection_objected: field `papers`: an objection to 3 papers rejected under head \"too_many_votes\", but run 1 has 2 papers rejected under that head (0 already objected to)",
        ),
        (
            r#"{"rejection_objected":{"contest":"ward","run":1,"paper":"D1"}}"#,
            "count.jsonl:6: entry 5: rejection_objected: field `paper`: paper \"D1\" was decided valid in run 1: only a rejection can be objected to",
        ),
        (
            r#"{"rejection_objected":{"contest":"ward","run":1,"paper":"D7"}}"#,
            "count.jsonl:6: entry 5: rejection_objected: field `paper`: paper \"D7\" was never set aside as doubtful in run 1 (papers set aside: D1)",
        ),
    ] {
        rejects(
            log(false, &[&ok, VALID_D1, objection]).as_bytes(),
            &[],
            &[expected],
        );
    }
}

/// The statement lists the saving clause by reason and each objection
/// with who objected; the CSV has the same rows.
#[test]
fn saved_papers_and_objections_in_the_documents() {
    let text = log(
        false,
        &[
            &batch(r#"{"reason":"outside_box","papers":1},{"reason":"tick","papers":2}"#),
            VALID_D1,
            r#"{"rejection_objected":{"contest":"ward","run":1,"head":"too_many_votes","batch":"b1","papers":2,"candidate":"C"}}"#,
        ],
    );
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", text.as_bytes());
    let o = run(&["count", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "PAPERS VALID UNDER THE SAVING CLAUSE (not rejected: counted as valid votes)",
        "  vote marked elsewhere than in the proper place                             1",
        "  vote marked by a tick, not a cross                                         2",
        "  Total                                                                      3",
        "REJECTIONS OBJECTED TO",
        "  2 papers rejected under (b) voting for more candidates than the voter was entitled to in batch b1: objected to by Agent for C (Sam Patel) for C; clear intention",
        "  Rejections objected to                                                     2",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    let o = run(&["count", &path, "--format", "csv"]);
    let csv = stdout(&o);
    for row in [
        "ward,1,saving_clause,tick,\"vote marked by a tick, not a cross\",2",
        "ward,1,saving_clause,total,valid under the saving clause (counted as valid votes),3",
        "ward,1,objection,1,objected to by Agent for C (Sam Patel); head too_many_votes; batch b1; for C; clear intention,2",
    ] {
        assert!(csv.contains(row), "{row:?} in:\n{csv}");
    }
}

/// `tally-papers` writes the papers valid under the saving clause by
/// reason: p2 a tick (b), p3 a cross outside the box (a), p4 two crosses
/// for A (c), p5 a tick outside the box, which is (a) first.
#[test]
fn tally_papers_records_the_saving_clause_by_reason() {
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", log(false, &[]).as_bytes());
    let papers = b"paper,official_mark,identifying_mark,A,B,C\np1,Y,N,X,X,\np2,Y,N,tick,,\np3,Y,N,,X@outside,\np4,Y,N,X+X,,X\np5,Y,N,,,tick@outside\n";
    let papers = write(dir.path(), "p.csv", papers);
    let o = run(&["tally-papers", &path, &papers]);
    assert!(o.status.success(), "{}", stderr(&o));
    let full = std::fs::read_to_string(&path).unwrap();
    let entry = full.lines().last().unwrap();
    assert!(
        entry.contains(r#""rejected_in_part":0,"saved":[{"reason":"outside_box","papers":2},{"reason":"tick","papers":1},{"reason":"more_than_one_mark","papers":1}]"#),
        "{entry}"
    );
    // The auditor's replay compares the saving clause too.
    let tampered = full.replace(
        r#"{"reason":"tick","papers":1}"#,
        r#"{"reason":"figure","papers":1}"#,
    );
    let tampered = write(dir.path(), "tampered.jsonl", tampered.as_bytes());
    let o = run(&["count", &tampered, "--papers", &papers]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "papers valid under the saving clause (figure): the log records 1, the file gives 0"
        ),
        "{}",
        stderr(&o)
    );
}

/// uk-count-rules §4.6: until the declaration is logged, a notice; then the
/// declaration, by whom and when.
#[test]
fn uncontested_notice_then_declaration() {
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", log(true, &[]).as_bytes());
    let out = stdout(&run(&["count", &path]));
    assert!(
        out.contains("NOTICE OF UNCONTESTED ELECTION: NOT YET DECLARED"),
        "{out}"
    );
    assert!(!out.contains("I declare"), "{out}");
    assert!(
        out.contains("PARKER, Ann                       -  Unopposed"),
        "{out}"
    );
    assert!(
        out.contains("Remaining validly nominated, and to be declared elected Councillors for Little Ormsby South:"),
        "{out}"
    );
    let json = stdout(&run(&["count", &path, "--format", "json"]));
    assert!(json.contains(r#""status": "uncontested","#), "{json}");

    let declared = log(true, &[r#"{"result_declared":{"contest":"ward","run":0}}"#])
        .replace("Agent for C (Sam Patel)", "Returning Officer (Jane Marsh)");
    let path = write(dir.path(), "declared.jsonl", declared.as_bytes());
    let o = run(&["count", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "DECLARATION OF RESULT: UNCONTESTED ELECTION",
        "I declare the following duly elected Councillors for Little Ormsby South:",
        "Declared by Returning Officer (Jane Marsh) at 02:10, without a poll.",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    let csv = stdout(&run(&["count", &path, "--format", "csv"]));
    assert!(csv.contains(",uncontested_declared\n"), "{csv}");

    rejects(
        log(true, &[r#"{"result_declared":{"contest":"ward","run":1}}"#]).as_bytes(),
        &[],
        &["count.jsonl:4: entry 3: result_declared: field `run`: contest ward is uncontested (2 standing for 3 seats): there was no poll, so its result is declared with run 0, not run 1"],
    );
}
