//! Golden outputs of the shipped examples, in every format. The expected
//! files are canonical (the renderers are deterministic), so any change in
//! a document shows as a diff in review.

use crate::support::{example, golden, run, stderr};

fn check(log: &str, extra: &[&str], name: &str) {
    let log = example(log).display().to_string();
    for (format, ext) in [("text", "txt"), ("json", "json"), ("csv", "csv")] {
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
    check("westbury.jsonl", &["--papers", &papers], "westbury-papers");
}

#[test]
fn demo() {
    let o = run(&["demo"]);
    assert!(o.status.success());
    golden("demo.txt", &o.stdout);
}
