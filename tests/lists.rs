//! The list systems' rulesets (`countroom_rules::lists`): a count log
//! `contest_defined` for a list office is refused by name with its rulesets
//! cited (a list poll is a `list_contest_defined`, tests/list_log.rs; the
//! London Assembly's constituency poll: "not yet: the list allocation is not
//! counted through the log"), never counted under other rules, and nothing
//! is written. The Scottish Parliament's and the Senedd 2007–2021's
//! constituency polls are counted through the log (first past the post,
//! `countroom_rules::ams`; tests/list_log.rs).

use crate::cli::rejects;

const HEADER: &str = "{\"schema\":\"countroom-count-log\",\"version\":1}\n";

/// A log defining one contest for `office` at a poll on `poll_date`.
fn list_log(office: &str, country: &str, poll_date: &str) -> String {
    format!(
        "{HEADER}{{\"seq\":1,\"by\":\"RO\",\"event\":{{\"election_defined\":{{\"election\":\"e\",\"name\":\"General election\",\"poll_date\":\"{poll_date}\"}}}}}}\n{{\"seq\":2,\"by\":\"RO\",\"event\":{{\"contest_defined\":{{\"contest\":\"c\",\"election\":\"e\",\"title\":\"Election\",\"area\":\"Area\",\"office\":\"{office}\",\"country\":\"{country}\",\"electorate\":1000,\"vacancies\":[{{\"kind\":\"ordinary\",\"term_ends\":\"2030-05-02\"}}],\"candidates\":[{{\"id\":\"A\",\"name\":\"Party A\"}},{{\"id\":\"B\",\"name\":\"Party B\"}}]}}}}}}\n"
    )
}

/// Each list office, on `count --out` and `check`: exit 1, the refusal
/// with the ruleset that governs the office cited (the codes and statutes
/// of `countroom_rules::lists::LIST_RULESETS`), nothing written.
#[test]
fn a_list_office_is_refused_with_its_ruleset_cited() {
    let cases = [
        (
            "senedd_member",
            "wales",
            "2026-05-07",
            "senedd-closed-list-2026 (polls from 2026-04-07: Government of Wales Act 2006 ss.6-9 as substituted by the Senedd Cymru (Members and Elections) Act 2024 s.8",
        ),
        (
            "scottish_parliament_regional_member",
            "scotland",
            "2026-05-07",
            "scottish-parliament-regional-2016 (polls from 2016-05-05: Scotland Act 1998 ss.5-8",
        ),
        (
            "scottish_parliament_constituency_member",
            "scotland",
            "2026-05-07",
            "scottish-parliament-constituency-2016",
        ),
        (
            "london_assembly_london_member",
            "england",
            "2028-05-04",
            "london-assembly-london-wide-2008 (polls from 2008-01-14: Greater London Authority Act 1999 s.2 and s.4, Sch 2 Part II",
        ),
        (
            "london_assembly_constituency_member",
            "england",
            "2028-05-04",
            "london-assembly-constituency-2008",
        ),
        (
            "senedd_regional_member",
            "wales",
            "2021-05-06",
            "senedd-regional-2007 (polls from 2007-05-04 to 2026-04-06",
        ),
        (
            "senedd_constituency_member",
            "wales",
            "2021-05-06",
            "senedd-constituency-2007",
        ),
    ];
    for (office, country, day, cited) in cases {
        let log = list_log(office, country, day);
        if COUNTED_CONSTITUENCY_OFFICES.contains(&office) {
            // Counted through the log under the ruleset of the same code
            // (countroom_rules::ams).
            use crate::support::{run, scratch, stderr, write};
            let dir = scratch();
            let path = write(dir.path(), "count.jsonl", log.as_bytes());
            let o = run(&["count", &path, "--format", "json"]);
            assert!(o.status.success(), "{office}: {}", stderr(&o));
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(v["contests"][0]["contest"]["ruleset"], cited, "{office}");
            continue;
        }
        if LIST_CONTEST_OFFICES.contains(&office) {
            // A list poll is counted through the log as a list contest
            // (tests/list_log.rs): contest_defined is refused, pointing to
            // list_contest_defined, with the ruleset named.
            let code = cited.split(' ').next().unwrap();
            rejects(
                log.as_bytes(),
                &[],
                &[
                    "count.jsonl:3: entry 2: contest_defined: field `office`: a contest for office ",
                    office,
                    &format!("is a list contest ({code}): define it with list_contest_defined"),
                ],
            );
            continue;
        }
        rejects(
            log.as_bytes(),
            &[],
            &[
                "count.jsonl:3: entry 2: contest_defined: field `office`: not yet: the list allocation is not counted through the log: a contest for office ",
                office,
                cited,
            ],
        );
    }
}

/// The constituency offices of the additional member system counted
/// through the log as first-past-the-post contests.
const COUNTED_CONSTITUENCY_OFFICES: [&str; 3] = [
    "scottish_parliament_constituency_member",
    "senedd_constituency_member",
    "london_assembly_constituency_member",
];

/// The list offices counted through the log as list contests.
const LIST_CONTEST_OFFICES: [&str; 4] = [
    "senedd_member",
    "senedd_regional_member",
    "scottish_parliament_regional_member",
    "london_assembly_london_member",
];

/// `check --format json`: the refusal as one problem with the stable code
/// `list_poll`, naming the log's line and the field `office`.
#[test]
fn the_refusal_has_its_stable_code() {
    use crate::support::{run, scratch, write};
    let dir = scratch();
    let log = write(
        dir.path(),
        "count.jsonl",
        list_log("london_assembly_london_member", "england", "2028-05-04").as_bytes(),
    );
    let o = run(&["check", &log, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let problems = v.as_array().unwrap();
    let p = problems
        .iter()
        .find(|p| p["code"] == "list_poll")
        .unwrap_or_else(|| panic!("no list_poll in {v}"));
    assert_eq!(p["line"], 3);
    assert!(
        p["message"]
            .as_str()
            .unwrap()
            .contains("london-assembly-london-wide-2008): define it with list_contest_defined"),
        "{p}"
    );
}
