//! The ruleset chosen for a poll, through the command line, on each side of
//! the dates issue 15 settled: the English Devolution and Community
//! Empowerment Act 2026 s.63, commenced from 18 June 2026 for combined
//! (county) authority mayors only (`countroom_rules::SV_2026`), and the
//! Local Elections (Principal Areas) (England and Wales) Rules 2006 in Wales
//! from 2 January 2007 to 4 May 2022 (`countroom_rules::WALES_2006`).
//!
//! Each expected value is read from the instruments: the FPTP statements
//! (SI 2022/1353 art.3(7)(g); SI 2022/1111 rr.3(5) and 5(4); the PCC Order
//! 2012 Sch 3 r.53(7)), the 2006 Rules r.1(2), and the Welsh 2021 Rules r.2.

use crate::support::{run, scratch, stderr, stdout, write};

/// A version 1 log: one contest for `office` (with `authority`, if any) in
/// `country`, polled on `poll_date`, with three candidates, one seat (or
/// two, for a council), and a batch of 10 valid papers (A 5, B 3, C 2) and
/// one rejected for voting for more than one candidate.
fn log(office: &str, authority: Option<&str>, country: &str, poll_date: &str) -> String {
    let authority = authority.map_or(String::new(), |a| format!(r#""authority":"{a}","#));
    let seats = if office == "principal_councillor" {
        2
    } else {
        1
    };
    let vacancies = vec![r#"{"kind":"ordinary","term_ends":"2032-05-09"}"#; seats].join(",");
    format!(
        concat!(
            "{{\"schema\":\"countroom-count-log\",\"version\":1}}\n",
            r#"{{"seq":1,"by":"RO","event":{{"election_defined":{{"election":"e","name":"Test poll","poll_date":"{poll_date}"}}}}}}"#,
            "\n",
            r#"{{"seq":2,"by":"RO","event":{{"contest_defined":{{"contest":"c","election":"e","title":"Test","area":"Exampletown","office":"{office}",{authority}"country":"{country}","electorate":1000,"vacancies":[{vacancies}],"candidates":[{{"id":"A","name":"ADAMS, Ann"}},{{"id":"B","name":"BROWN, Ben"}},{{"id":"C","name":"CLARK, Cat"}}]}}}}}}"#,
            "\n",
            r#"{{"seq":3,"by":"RO","event":{{"paper_batch_counted":{{"contest":"c","run":1,"batch":"b1","valid_papers":10,"votes":[{{"candidate":"A","votes":5}},{{"candidate":"B","votes":3}},{{"candidate":"C","votes":2}}],"rejected":[{{"head":"too_many_votes","papers":1}}]}}}}}}"#,
            "\n",
        ),
        poll_date = poll_date,
        office = office,
        authority = authority,
        country = country,
        vacancies = vacancies,
    )
}

/// `countroom count` on the log: the sheet, or the error.
fn count(text: &str) -> (bool, String) {
    let dir = scratch();
    let path = write(dir.path(), "count.jsonl", text.as_bytes());
    let o = run(&["count", &path]);
    (o.status.success(), format!("{}{}", stdout(&o), stderr(&o)))
}

const LA_FPTP: &str = "Rules: Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007 (SI 2007/1024), Schedule 1, as amended by the Local Authorities (Mayoral Elections) (England and Wales) (Amendment) Regulations 2022 under the Elections Act 2022 s.13";
const LONDON_FPTP: &str = "Rules: Greater London Authority Elections Rules 2007 (SI 2007/3541), Schedules 3 and 7, as amended by the Greater London Authority Elections (Amendment) Rules 2022 (SI 2022/1111) under the Elections Act 2022 s.13";
const PCC_FPTP: &str = "Rules: Police and Crime Commissioner Elections Order 2012 (SI 2012/1917), Schedule 3, as amended under the Elections Act 2022";

/// A local authority's mayor, the Mayor of London and a PCC are counted by
/// first past the post on both sides of 18 June 2026 and later (s.63 not
/// commenced for them), with the first-past-the-post statement's head (b);
/// a combined authority's mayor changes to the supplementary vote that day.
#[test]
fn first_past_the_post_stays_where_s63_is_not_commenced() {
    for date in ["2026-06-17", "2026-06-18", "2030-05-02"] {
        for (office, authority, country, rules) in [
            ("mayor", Some("local_authority"), "england", LA_FPTP),
            ("mayor", Some("local_authority"), "wales", LA_FPTP),
            ("mayor", Some("london"), "england", LONDON_FPTP),
            ("police_and_crime_commissioner", None, "england", PCC_FPTP),
            ("police_and_crime_commissioner", None, "wales", PCC_FPTP),
        ] {
            let (ok, out) = count(&log(office, authority, country, date));
            assert!(ok, "{office} {country} {date}: {out}");
            assert!(out.contains(rules), "{office} {country} {date}: {out}");
            assert!(
                out.contains("(b) voting for more than one candidate ")
                    && !out.contains("first preference"),
                "{office} {country} {date}: {out}"
            );
        }
    }
    let (ok, before) = count(&log(
        "mayor",
        Some("combined_authority"),
        "england",
        "2026-06-17",
    ));
    assert!(ok && !before.contains("supplementary vote"), "{before}");
    let (ok, after) = count(&log(
        "mayor",
        Some("combined_authority"),
        "england",
        "2026-06-18",
    ));
    assert!(
        ok && after.contains("with the supplementary vote restored"),
        "{after}"
    );
}

/// A Welsh principal council: refused before 2 January 2007 (the 1986
/// Rules), the 2006 Rules from that day to 4 May 2022 with the statement's
/// "rejected in part", the Welsh 2021 Rules from 5 May 2022.
#[test]
fn welsh_principal_councils_by_date() {
    let rules_2006 = "Rules: Local Elections (Principal Areas) (England and Wales) Rules 2006 (SI 2006/3304), Schedules 2 and 3";
    let rules_2021 = "Rules: Local Elections (Principal Areas) (Wales) Rules 2021 (SI 2021/1459), Schedules 1 and 2";
    let (ok, out) = count(&log("principal_councillor", None, "wales", "2004-06-10"));
    assert!(!ok, "{out}");
    assert!(
        out.contains("before 2 January 2007 a Welsh principal council was elected under the Local Elections (Principal Areas) Rules 1986"),
        "{out}"
    );
    for date in ["2007-01-02", "2017-05-04", "2022-05-04"] {
        let (ok, out) = count(&log("principal_councillor", None, "wales", date));
        assert!(ok, "{date}: {out}");
        assert!(out.contains(rules_2006), "{date}: {out}");
        assert!(out.contains("Rejected in part"), "{date}: {out}");
    }
    let (ok, out) = count(&log("principal_councillor", None, "wales", "2022-05-05"));
    assert!(ok && out.contains(rules_2021), "{out}");
    // England on the same days: the 2006 Rules throughout.
    for date in ["2007-01-02", "2022-05-04", "2022-05-05"] {
        let (ok, out) = count(&log("principal_councillor", None, "england", date));
        assert!(ok && out.contains(rules_2006), "{date}: {out}");
    }
}
