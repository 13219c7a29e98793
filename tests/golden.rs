//! Golden outputs of the shipped examples, in every format. The expected
//! files are canonical (the renderers are deterministic), so any change in
//! a document shows as a diff in review.

use crate::support::{example, golden, run, stderr};

fn check(log: &str, extra: &[&str], name: &str) {
    let log = example(log).display().to_string();
    for (format, ext) in [
        ("text", "txt"),
        ("json", "json"),
        ("csv", "csv"),
        ("dc-json", "dc.json"),
        ("err-json", "err.json"),
        ("err-xml", "err.xml"),
    ] {
        let mut args = vec!["count", log.as_str(), "--format", format];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert!(o.status.success(), "{name} {format}: {}", stderr(&o));
        golden(&format!("{name}.{ext}"), &o.stdout);
    }
}

#[test]
fn abbey_ward_declaration() {
    check("abbey-ward.jsonl", &[], "abbey-ward");
}

#[test]
fn two_seat_tie_with_casual_vacancy() {
    check("two-seat-tie.jsonl", &[], "two-seat-tie");
}

#[test]
fn westbury_from_ballot_papers() {
    let papers = example("westbury-papers.csv").display().to_string();
    check(
        "westbury.jsonl",
        &["--papers", &papers, "--as-new-batch"],
        "westbury-papers",
    );
}

/// A mayor elected by the supplementary vote at one count, from ballot
/// papers with first and second choices (LAMR 2007 r.51).
#[test]
fn mayor_by_supplementary_vote() {
    let papers = example("exampletown-mayor-papers.csv")
        .display()
        .to_string();
    check(
        "exampletown-mayor.jsonl",
        &["--papers", &papers],
        "exampletown-mayor",
    );
}

/// A combined authority mayor collated from three council areas.
#[test]
fn collated_combined_authority_mayor() {
    check("exampleshire-mayor.jsonl", &[], "exampleshire-mayor");
}

/// `collate` on the shipped referendum totals, in every format.
#[test]
fn collated_referendum_totals() {
    let dir = example("referendum-totals").display().to_string();
    for (format, ext) in [
        ("text", "txt"),
        ("areas-csv", "areas.csv"),
        ("summary-csv", "summary.csv"),
        ("html", "html"),
    ] {
        let o = run(&[
            "collate",
            &dir,
            "--poll",
            "Exampleshire referendum",
            "--format",
            format,
        ]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        golden(&format!("referendum-totals.{ext}"), &o.stdout);
    }
}

/// The list polls through the log (text, JSON and CSV; the result formats
/// are refused for a list contest): a Senedd 2026 constituency by closed
/// list (a tie at the sixth seat settled by a recorded lot, a recalculation,
/// a later vacancy) and a Scottish Parliament region by the additional
/// member system (three council counts collated, one re-counted; nine
/// constituency returns; a party whose constituency seats exceed its share
/// takes no list seat; a constituency member skipped on a list).
#[test]
fn list_polls_through_the_log() {
    for (log, name) in [
        ("senedd-cwm-valleys.jsonl", "senedd-cwm-valleys"),
        ("exampleshire-region.jsonl", "exampleshire-region"),
    ] {
        let log = example(log).display().to_string();
        for (format, ext) in [("text", "txt"), ("json", "json"), ("csv", "csv")] {
            let o = run(&["count", log.as_str(), "--format", format]);
            assert!(o.status.success(), "{name} {format}: {}", stderr(&o));
            golden(&format!("{name}.{ext}"), &o.stdout);
        }
    }
}

#[test]
fn demo() {
    // Its pages in a scratch directory, not a new one in the temporary
    // directory for every run.
    let pages = crate::support::scratch();
    let o = run(&["demo", "--html-dir", pages.path().to_str().unwrap()]);
    assert!(o.status.success());
    golden("demo.txt", &o.stdout);
}

/// A Scottish STV ward counted through the log (examples/data/stv-ward.jsonl:
/// the 120 papers of examples/data/stv-ward-papers.csv as one batch, the
/// two doubtful papers decided, declared). Its stage sheet is the one
/// `countroom stv --papers` prints for the same papers and decisions
/// (tests/golden/stv-ward-papers.txt: the sheet, then the statement of
/// rejected papers).
#[test]
fn stv_ward_through_the_log() {
    check("stv-ward.jsonl", &[], "stv-ward-log");
    let log = example("stv-ward.jsonl").display().to_string();
    let o = run(&["count", &log, "--stage-sheet", "text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let direct =
        std::fs::read(crate::support::root().join("tests/golden/stv-ward-papers.txt")).unwrap();
    assert!(direct.starts_with(&o.stdout));
    assert!(o.stdout.len() > 500);
}

/// No document a Returning Officer signs carries an internal marker of the
/// rules' research ("[K", "[I", "to check]"): every golden document (the
/// declarations, statements, accounts, sheets and the demo's output) is
/// scanned. Doubts stay in the code's docs.
#[test]
fn no_internal_markers_on_documents() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut scanned = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/golden is readable") {
        let path = entry.expect("a directory entry").path();
        let text = std::fs::read_to_string(&path).expect("golden files are text");
        for marker in ["[K", "[I", "to check]"] {
            assert!(
                !text.contains(marker),
                "{} contains {marker:?}",
                path.display()
            );
        }
        scanned += 1;
    }
    assert!(scanned >= 30, "only {scanned} golden documents found");
}
