//! The standard result formats: NIST SP 1500-100 Election Results Reporting
//! v2 (JSON and XML) and Democracy Club's result JSON.
//!
//! One small contest is written in each format and compared with a
//! document typed by hand from the standard (the element names, order and
//! enumerations of NIST's JSON Schema and XSD; Democracy Club's results
//! shape) and from the contest's figures worked by hand. Every ERR document
//! the tests write is validated against the standard's own JSON Schema and
//! XSD, read from `../shared/standards/nist-1500-100-v2/` beside the
//! repository (never copied into it): when they are absent the test says
//! so and passes without asserting; the XML is validated with `xmllint
//! --schema` (Debian's `libxml2-utils`, installed by `.ci/run`), and a test
//! says so and skips that check when `xmllint` is not installed.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use countroom::io::render::{democracy_club_json, err_json, err_xml};
use serde_json::{json, Value};

use crate::support::{example, root, run, stderr};

/// A UK Parliamentary contest of three candidates, worked by hand:
/// 500 papers verified; 490 valid (ARNOLD 250, BROWN 200, CLARKE 40);
/// rejected 6 under head (b) and 4 under head (d) (Parliamentary Elections
/// Rules r.47(4)), 10 in all; 500 counted, no variance. Majority 250 - 200
/// = 50. Turnout 500 / 1,000 = 50.00%, valid-vote 490 / 1,000 = 49.00%.
/// Deposits: one-twentieth of 490 is 24.5 (RPA 1983 Sch 1 r.53(4)), every
/// candidate polled more: all returned. A version 1 log (no chain).
const SMALL: &str = r#"{"schema":"countroom-count-log","version":1}
{"seq":1,"by":"Returning Officer (Ann Lee)","event":{"election_defined":{"election":"ge-2030","name":"UK Parliamentary general election","poll_date":"2030-03-14"}}}
{"seq":2,"by":"Returning Officer (Ann Lee)","event":{"contest_defined":{"contest":"ash","election":"ge-2030","title":"Election of a Member of Parliament","area":"Ashford Vale Constituency","office":"uk_parliament","country":"england","electorate":1000,"vacancies":[{"kind":"ordinary","term_ends":"2034-05-04"}],"candidates":[{"id":"A","name":"ARNOLD, Ann","description":"Party X"},{"id":"B","name":"BROWN, Ben","description":"Party Y"},{"id":"C","name":"CLARKE, Cy"}],"ballot_paper_id":"parl.ashford-vale.2030-03-14"}}}
{"seq":3,"by":"Returning Officer (Ann Lee)","event":{"papers_verified":{"contest":"ash","papers":500}}}
{"seq":4,"by":"Returning Officer (Ann Lee)","event":{"bundle_counted":{"contest":"ash","run":1,"bundle":"B1","papers":490,"votes":[{"candidate":"A","votes":250},{"candidate":"B","votes":200},{"candidate":"C","votes":40}]}}}
{"seq":5,"by":"Returning Officer (Ann Lee)","event":{"rejected_counted":{"contest":"ash","run":1,"head":"too_many_votes","papers":6}}}
{"seq":6,"by":"Returning Officer (Ann Lee)","event":{"rejected_counted":{"contest":"ash","run":1,"head":"unmarked_or_void","papers":4}}}
{"seq":7,"by":"Returning Officer (Ann Lee)","event":{"count_completed":{"contest":"ash","run":1}}}
{"seq":8,"by":"Returning Officer (Ann Lee)","at":"2030-03-15T02:10:00Z","event":{"result_declared":{"contest":"ash","run":1}}}
"#;

/// The small contest's report, without the log's evidence (so that the
/// expected documents need no chain head).
fn small() -> countroom::count::Report {
    let mut report = countroom::report_from_log(SMALL.as_bytes()).unwrap();
    report.evidence = None;
    for c in &mut report.contests {
        c.evidence = None;
    }
    report
}

/// `ElectionResults.InternationalizedText` in English.
fn text(s: &str) -> Value {
    json!({
        "@type": "ElectionResults.InternationalizedText",
        "Text": [{"@type": "ElectionResults.LanguageString", "Content": s, "Language": "en"}]
    })
}

/// An `ExternalIdentifier` of type `other`.
fn other(kind: &str, value: &str) -> Value {
    json!({"@type": "ElectionResults.ExternalIdentifier", "Type": "other", "OtherType": kind, "Value": value})
}

fn head(code: &str, papers: u64) -> Value {
    json!({"@type": "ElectionResults.BallotCounts", "GpUnitId": "ru-c1", "Type": "other",
           "OtherType": format!("uk-rejected:{code}"), "BallotsRejected": papers})
}

fn selection(order: u64, votes: u64) -> Value {
    json!({
        "@id": format!("sel-c1-{order}"),
        "@type": "ElectionResults.CandidateSelection",
        "SequenceOrder": order,
        "VoteCounts": [{"@type": "ElectionResults.VoteCounts", "GpUnitId": "ru-c1", "Type": "total", "Count": votes}],
        "CandidateIds": [format!("can-c1-{order}")]
    })
}

const NOTES: &str = "Made by countroom from the count's report. Identifiers of type `other` (uk-…, countroom-…) are described in countroom's docs/formats.md, \"NIST ERR v2\".";

#[test]
fn err_json_of_a_small_contest_typed_by_hand() {
    let expected = json!({
        "@type": "ElectionResults.ElectionReport",
        "Election": [{
            "@type": "ElectionResults.Election",
            "BallotCounts": [
                {"@type": "ElectionResults.BallotCounts", "GpUnitId": "ru-c1", "Type": "total",
                 "BallotsCast": 500, "BallotsRejected": 10},
                head("no_official_mark", 0),
                head("too_many_votes", 6),
                head("identifying_mark", 0),
                head("unmarked_or_void", 4)
            ],
            "Candidate": [
                {"@id": "can-c1-1", "@type": "ElectionResults.Candidate", "BallotName": text("ARNOLD, Ann"),
                 "ExternalIdentifier": [other("countroom-candidate-id", "A"), other("uk-seat", "ordinary"),
                                        other("uk-term-ends", "2034-05-04"), other("uk-deposit", "returned")],
                 "PartyId": "par-1", "PostElectionStatus": "winner"},
                {"@id": "can-c1-2", "@type": "ElectionResults.Candidate", "BallotName": text("BROWN, Ben"),
                 "ExternalIdentifier": [other("countroom-candidate-id", "B"), other("uk-deposit", "returned")],
                 "PartyId": "par-2", "PostElectionStatus": "defeated"},
                {"@id": "can-c1-3", "@type": "ElectionResults.Candidate", "BallotName": text("CLARKE, Cy"),
                 "ExternalIdentifier": [other("countroom-candidate-id", "C"), other("uk-deposit", "returned")],
                 "PostElectionStatus": "defeated"}
            ],
            "Contest": [{
                "@id": "con-1",
                "@type": "ElectionResults.CandidateContest",
                "ContestSelection": [selection(1, 250), selection(2, 200), selection(3, 40)],
                "CountStatus": [{"@type": "ElectionResults.CountStatus", "Status": "completed", "Type": "total"}],
                "ElectionDistrictId": "ru-c1",
                "ExternalIdentifier": [
                    other("countroom-contest-id", "ash"),
                    other("democracy-club-ballot-paper-id", "parl.ashford-vale.2030-03-14"),
                    other("uk-ruleset", "uk-parliamentary"),
                    other("uk-instrument", "Parliamentary Elections Rules, Schedule 1 to the Representation of the People Act 1983"),
                    other("uk-count-status", "declared"),
                    other("uk-run", "1"),
                    other("uk-turnout-ballot-box", "50.00"),
                    other("uk-turnout-valid-vote", "49.00"),
                    other("uk-majority", "50"),
                    other("uk-declared-by", "Returning Officer (Ann Lee)"),
                    other("uk-declared-at", "2030-03-15T02:10:00Z")
                ],
                "Name": "Election of a Member of Parliament",
                "SequenceOrder": 1,
                "VoteVariation": "plurality",
                "NumberElected": 1,
                "OfficeIds": ["off-c1-1"],
                "VotesAllowed": 1
            }],
            "ElectionScopeId": "ru-e1",
            "ExternalIdentifier": [other("countroom-election-id", "ge-2030")],
            "Name": text("UK Parliamentary general election"),
            "StartDate": "2030-03-14",
            "EndDate": "2030-03-14",
            "Type": "general"
        }],
        "Format": "summary-contest",
        "GeneratedDate": "2030-03-15T02:10:00Z",
        "GpUnit": [
            {"@id": "ru-e1", "@type": "ElectionResults.ReportingUnit", "ComposingGpUnitIds": ["ru-c1"],
             "ExternalIdentifier": [other("countroom-election-id", "ge-2030")],
             "Name": text("UK Parliamentary general election"), "Type": "other", "OtherType": "uk-election"},
            {"@id": "ru-c1", "@type": "ElectionResults.ReportingUnit",
             "Name": text("Ashford Vale Constituency"), "Type": "other",
             "OtherType": "uk-electoral-area:uk_parliament", "VotersParticipated": 500, "VotersRegistered": 1000}
        ],
        "Issuer": "Returning Officer (Ann Lee)",
        "IssuerAbbreviation": "Returning Officer (Ann Lee)",
        "Notes": NOTES,
        "Office": [{"@id": "off-c1-1", "@type": "ElectionResults.Office", "ElectionDistrictId": "ru-c1",
                    "Name": text("Member of Parliament (ordinary seat)"),
                    "Term": {"@type": "ElectionResults.Term", "EndDate": "2034-05-04", "Type": "full-term"}}],
        "Party": [
            {"@id": "par-1", "@type": "ElectionResults.Party", "Name": text("Party X")},
            {"@id": "par-2", "@type": "ElectionResults.Party", "Name": text("Party Y")}
        ],
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": "certified",
        "VendorApplicationId": format!("countroom {}", env!("CARGO_PKG_VERSION"))
    });
    let bytes = err_json(&small()).unwrap();
    let actual: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(actual, expected);
    validate_json(&bytes, "small contest");
}

#[test]
fn err_xml_of_a_small_contest_typed_by_hand() {
    // Typed from the XSD: each type's elements in its xsd:sequence order
    // (a base type's before its extension's), ObjectId attributes, xsi:type
    // on the abstract GpUnit, Contest and ContestSelection.
    let ext = |kind: &str, value: &str, pad: &str| {
        format!("{pad}<ExternalIdentifier>\n{pad}  <Type>other</Type>\n{pad}  <OtherType>{kind}</OtherType>\n{pad}  <Value>{value}</Value>\n{pad}</ExternalIdentifier>\n")
    };
    let name = |tag: &str, s: &str, pad: &str| {
        format!("{pad}<{tag}>\n{pad}  <Text Language=\"en\">{s}</Text>\n{pad}</{tag}>\n")
    };
    let head = |code: &str, n: u64| {
        format!("    <BallotCounts>\n      <GpUnitId>ru-c1</GpUnitId>\n      <Type>other</Type>\n      <OtherType>uk-rejected:{code}</OtherType>\n      <BallotsRejected>{n}</BallotsRejected>\n    </BallotCounts>\n")
    };
    let candidate = |k: u64, who: &str, id: &str, seat: bool, party: Option<&str>, status: &str| {
        let mut s = format!("    <Candidate ObjectId=\"can-c1-{k}\">\n");
        s += &name("BallotName", who, "      ");
        s += &ext("countroom-candidate-id", id, "      ");
        if seat {
            s += &ext("uk-seat", "ordinary", "      ");
            s += &ext("uk-term-ends", "2034-05-04", "      ");
        }
        s += &ext("uk-deposit", "returned", "      ");
        if let Some(p) = party {
            s += &format!("      <PartyId>{p}</PartyId>\n");
        }
        s +=
            &format!("      <PostElectionStatus>{status}</PostElectionStatus>\n    </Candidate>\n");
        s
    };
    let selection = |k: u64, votes: u64| {
        format!("      <ContestSelection ObjectId=\"sel-c1-{k}\" xsi:type=\"CandidateSelection\">\n        <SequenceOrder>{k}</SequenceOrder>\n        <VoteCounts>\n          <GpUnitId>ru-c1</GpUnitId>\n          <Type>total</Type>\n          <Count>{votes}</Count>\n        </VoteCounts>\n        <CandidateIds>can-c1-{k}</CandidateIds>\n      </ContestSelection>\n")
    };
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ElectionReport xmlns=\"NIST_V2_election_results_reporting.xsd\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n  <Election>\n");
    x += "    <BallotCounts>\n      <GpUnitId>ru-c1</GpUnitId>\n      <Type>total</Type>\n      <BallotsCast>500</BallotsCast>\n      <BallotsRejected>10</BallotsRejected>\n    </BallotCounts>\n";
    x += &head("no_official_mark", 0);
    x += &head("too_many_votes", 6);
    x += &head("identifying_mark", 0);
    x += &head("unmarked_or_void", 4);
    x += &candidate(1, "ARNOLD, Ann", "A", true, Some("par-1"), "winner");
    x += &candidate(2, "BROWN, Ben", "B", false, Some("par-2"), "defeated");
    x += &candidate(3, "CLARKE, Cy", "C", false, None, "defeated");
    x += "    <Contest ObjectId=\"con-1\" xsi:type=\"CandidateContest\">\n";
    x += &selection(1, 250);
    x += &selection(2, 200);
    x += &selection(3, 40);
    x += "      <CountStatus>\n        <Status>completed</Status>\n        <Type>total</Type>\n      </CountStatus>\n";
    x += "      <ElectionDistrictId>ru-c1</ElectionDistrictId>\n";
    for (k, v) in [
        ("countroom-contest-id", "ash"),
        ("democracy-club-ballot-paper-id", "parl.ashford-vale.2030-03-14"),
        ("uk-ruleset", "uk-parliamentary"),
        ("uk-instrument", "Parliamentary Elections Rules, Schedule 1 to the Representation of the People Act 1983"),
        ("uk-count-status", "declared"),
        ("uk-run", "1"),
        ("uk-turnout-ballot-box", "50.00"),
        ("uk-turnout-valid-vote", "49.00"),
        ("uk-majority", "50"),
        ("uk-declared-by", "Returning Officer (Ann Lee)"),
        ("uk-declared-at", "2030-03-15T02:10:00Z"),
    ] {
        x += &ext(k, v, "      ");
    }
    x += "      <Name>Election of a Member of Parliament</Name>\n      <SequenceOrder>1</SequenceOrder>\n      <VoteVariation>plurality</VoteVariation>\n      <NumberElected>1</NumberElected>\n      <OfficeIds>off-c1-1</OfficeIds>\n      <VotesAllowed>1</VotesAllowed>\n    </Contest>\n";
    x += "    <ElectionScopeId>ru-e1</ElectionScopeId>\n";
    x += &ext("countroom-election-id", "ge-2030", "    ");
    x += &name("Name", "UK Parliamentary general election", "    ");
    x += "    <StartDate>2030-03-14</StartDate>\n    <EndDate>2030-03-14</EndDate>\n    <Type>general</Type>\n  </Election>\n";
    x += "  <Format>summary-contest</Format>\n  <GeneratedDate>2030-03-15T02:10:00Z</GeneratedDate>\n";
    x += "  <GpUnit ObjectId=\"ru-e1\" xsi:type=\"ReportingUnit\">\n    <ComposingGpUnitIds>ru-c1</ComposingGpUnitIds>\n";
    x += &ext("countroom-election-id", "ge-2030", "    ");
    x += &name("Name", "UK Parliamentary general election", "    ");
    x += "    <Type>other</Type>\n    <OtherType>uk-election</OtherType>\n  </GpUnit>\n";
    x += "  <GpUnit ObjectId=\"ru-c1\" xsi:type=\"ReportingUnit\">\n";
    x += &name("Name", "Ashford Vale Constituency", "    ");
    x += "    <Type>other</Type>\n    <OtherType>uk-electoral-area:uk_parliament</OtherType>\n    <VotersParticipated>500</VotersParticipated>\n    <VotersRegistered>1000</VotersRegistered>\n  </GpUnit>\n";
    x += "  <Issuer>Returning Officer (Ann Lee)</Issuer>\n  <IssuerAbbreviation>Returning Officer (Ann Lee)</IssuerAbbreviation>\n";
    x += "  <Notes>Made by countroom from the count's report. Identifiers of type `other` (uk-…, countroom-…) are described in countroom's docs/formats.md, \"NIST ERR v2\".</Notes>\n";
    x += "  <Office ObjectId=\"off-c1-1\">\n    <ElectionDistrictId>ru-c1</ElectionDistrictId>\n";
    x += &name("Name", "Member of Parliament (ordinary seat)", "    ");
    x += "    <Term>\n      <EndDate>2034-05-04</EndDate>\n      <Type>full-term</Type>\n    </Term>\n  </Office>\n";
    x += "  <Party ObjectId=\"par-1\">\n";
    x += &name("Name", "Party X", "    ");
    x += "  </Party>\n  <Party ObjectId=\"par-2\">\n";
    x += &name("Name", "Party Y", "    ");
    x += "  </Party>\n";
    x += &format!("  <SequenceStart>1</SequenceStart>\n  <SequenceEnd>1</SequenceEnd>\n  <Status>certified</Status>\n  <VendorApplicationId>countroom {}</VendorApplicationId>\n</ElectionReport>\n", env!("CARGO_PKG_VERSION"));
    let bytes = err_xml(&small()).unwrap();
    let actual = String::from_utf8(bytes.clone()).unwrap();
    if actual != x {
        for (n, (a, e)) in actual.lines().zip(x.lines()).enumerate() {
            assert_eq!(a, e, "line {}", n + 1);
        }
    }
    assert_eq!(actual, x);
    validate_xml(&bytes, "small contest");
}

#[test]
fn democracy_club_json_of_a_small_contest_typed_by_hand() {
    // Democracy Club's results shape: a ballot by its ballot_paper_id, the
    // candidacies with person, party and result, and the ballot's results
    // (turnout reported, spoilt ballots, electorate, turnout percentage).
    let expected = r#"[
  {
    "ballot_paper_id": "parl.ashford-vale.2030-03-14",
    "candidacies": [
      {
        "party": {
          "name": "Party X"
        },
        "person": {
          "name": "ARNOLD, Ann"
        },
        "result": {
          "elected": true,
          "num_ballots": 250,
          "tied_vote_winner": false
        }
      },
      {
        "party": {
          "name": "Party Y"
        },
        "person": {
          "name": "BROWN, Ben"
        },
        "result": {
          "elected": false,
          "num_ballots": 200,
          "tied_vote_winner": false
        }
      },
      {
        "party": {
          "name": null
        },
        "person": {
          "name": "CLARKE, Cy"
        },
        "result": {
          "elected": false,
          "num_ballots": 40,
          "tied_vote_winner": false
        }
      }
    ],
    "election_date": "2030-03-14",
    "post": {
      "label": "Ashford Vale Constituency"
    },
    "results": {
      "is_final": true,
      "num_spoilt_ballots": 10,
      "num_turnout_reported": 500,
      "source": "countroom: Election of a Member of Parliament for Ashford Vale Constituency, run 1",
      "total_electorate": 1000,
      "turnout_percentage": 50.00
    },
    "voting_system": "FPTP",
    "winner_count": 1
  }
]
"#;
    let actual = String::from_utf8(democracy_club_json(&small()).unwrap()).unwrap();
    assert_eq!(actual, expected);
}

/// Names with the characters XML reserves are escaped in the XML (and the
/// document stays valid), kept as they are in the JSON.
#[test]
fn reserved_characters_in_names() {
    let name = r#"O'NEILL & <SONS> \"Ltd\""#;
    let log = SMALL.replace("CLARKE, Cy", name);
    let report = countroom::report_from_log(log.as_bytes()).unwrap();
    let xml = String::from_utf8(err_xml(&report).unwrap()).unwrap();
    assert!(
        xml.contains(r#"<Text Language="en">O'NEILL &amp; &lt;SONS&gt; "Ltd"</Text>"#),
        "{xml}"
    );
    validate_xml(xml.as_bytes(), "reserved characters");
    let doc: Value = serde_json::from_slice(&err_json(&report).unwrap()).unwrap();
    assert_eq!(
        doc["Election"][0]["Candidate"][2]["BallotName"]["Text"][0]["Content"],
        r#"O'NEILL & <SONS> "Ltd""#
    );
}

#[test]
fn democracy_club_ballot_paper_id_is_never_the_contest_id() {
    // two-seat-tie.jsonl's contest defines no ballot_paper_id: null, not
    // the contest id.
    let log = std::fs::read(example("two-seat-tie.jsonl")).unwrap();
    let report = countroom::report_from_log(&log).unwrap();
    let doc: Value = serde_json::from_slice(&democracy_club_json(&report).unwrap()).unwrap();
    for ballot in doc.as_array().unwrap() {
        assert_eq!(ballot["ballot_paper_id"], Value::Null);
    }
}

/// Every shipped example log, through the command line: ERR JSON and XML
/// valid against the standard's schemas, and the same bytes twice.
#[test]
fn every_example_log_gives_valid_err_documents_twice_the_same() {
    let mut logs: Vec<PathBuf> = std::fs::read_dir(root().join("examples/data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    logs.sort();
    assert!(logs.len() >= 6, "{logs:?}");
    for log in &logs {
        let path = log.to_str().unwrap();
        for format in ["err-json", "err-xml", "dc-json"] {
            let first = run(&["count", path, "--format", format]);
            assert!(
                first.status.success(),
                "{path} {format}: {}",
                stderr(&first)
            );
            assert!(!first.stdout.is_empty(), "{path} {format}");
            let second = run(&["count", path, "--format", format]);
            assert_eq!(
                first.stdout, second.stdout,
                "{path} {format}: not deterministic"
            );
            match format {
                "err-json" => validate_json(&first.stdout, path),
                "err-xml" => validate_xml(&first.stdout, path),
                _ => {
                    let _: Value = serde_json::from_slice(&first.stdout).unwrap();
                }
            }
        }
    }
}

/// The STV example: each stage is a round, each total exactly as on the
/// stage sheet (five places, never through floating point).
#[test]
fn stv_stages_are_rounds_with_exact_totals() {
    let log = std::fs::read(example("stv-ward.jsonl")).unwrap();
    let report = countroom::report_from_log(&log).unwrap();
    let sheet = report.contests[0].stage_sheet.clone().unwrap();
    let text = String::from_utf8(err_json(&report).unwrap()).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let selections = doc["Election"][0]["Contest"][0]["ContestSelection"]
        .as_array()
        .unwrap();
    assert_eq!(selections.len(), sheet.candidates.len());
    for (k, s) in selections.iter().enumerate() {
        let rounds: Vec<u64> = s["VoteCounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["Round"].as_u64().unwrap())
            .collect();
        let expected: Vec<u64> = (1..=sheet.stages.len() as u64).collect();
        assert_eq!(rounds, expected);
        for stage in &sheet.stages {
            // The exact digits appear in the JSON text as a number.
            let digits = stage.totals[k].fixed(sheet.places).to_string();
            assert!(digits.contains('.'), "{digits}");
            assert!(text.contains(&format!("\"Count\": {digits}")), "{digits}");
        }
    }
    // Stage 1 of the example: BROWN's 14 first preferences (the first
    // candidate; tests/golden/stv-ward-log.txt), written with five places.
    assert!(text.contains("\"Count\": 14.00000"));
}

/// The collated example: counting areas are reporting units composing the
/// poll's area, each with its own counts.
#[test]
fn collated_areas_are_reporting_units() {
    let log = std::fs::read(example("exampleshire-mayor.jsonl")).unwrap();
    let report = countroom::report_from_log(&log).unwrap();
    let col = report.contests[0].collation.clone().unwrap();
    let doc: Value = serde_json::from_slice(&err_json(&report).unwrap()).unwrap();
    assert_eq!(doc["Format"], "precinct-level");
    let units = doc["GpUnit"].as_array().unwrap();
    let areas: Vec<&Value> = units
        .iter()
        .filter(|u| u["OtherType"] == "uk-counting-area")
        .collect();
    assert_eq!(areas.len(), col.areas.len());
    let poll = units.iter().find(|u| u["@id"] == "ru-c1").unwrap();
    assert_eq!(
        poll["TotalSubUnits"].as_u64().unwrap(),
        col.areas_in_poll as u64
    );
    for (j, a) in col.areas.iter().enumerate() {
        let id = format!("ru-c1-a{}", j + 1);
        let unit = areas.iter().find(|u| u["@id"] == id.as_str()).unwrap();
        assert_eq!(unit["Name"]["Text"][0]["Content"], a.name.as_str());
        // Each candidate's votes in the area, round 1 (first preferences).
        for (k, v) in a.votes.iter().enumerate() {
            let counts = doc["Election"][0]["Contest"][0]["ContestSelection"][k]["VoteCounts"]
                .as_array()
                .unwrap();
            assert!(counts
                .iter()
                .any(|c| c["GpUnitId"] == id.as_str() && c["Round"] == 1 && c["Count"] == *v));
        }
    }
}

/// The NIST ERR v2 JSON Schema and XSD, if present beside the repository.
fn standard(file: &str) -> Option<PathBuf> {
    let path = root()
        .join("../shared/standards/nist-1500-100-v2")
        .join(file);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "skipping schema validation: {} is absent (it is read from ../shared/standards beside the repository)",
            path.display()
        );
        None
    }
}

/// Validates an ERR JSON document against the standard's JSON Schema.
pub(crate) fn validate_json(bytes: &[u8], what: &str) {
    let Some(path) = standard("NIST_V2_election_results_reporting.json") else {
        return;
    };
    let schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let doc: Value = serde_json::from_slice(bytes).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: ERR JSON not valid: {}",
        errors.join("; ")
    );
}

/// Validates an ERR XML document against the standard's XSD with
/// `xmllint --schema`.
pub(crate) fn validate_xml(bytes: &[u8], what: &str) {
    let Some(xsd) = standard("NIST_V2_election_results_reporting.xsd") else {
        return;
    };
    let child = Command::new("xmllint")
        .args(["--noout", "--nowarning", "--schema"])
        .arg(&xsd)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("skipping XML validation: xmllint is not installed (Debian: apt-get install libxml2-utils)");
        return;
    };
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{what}: ERR XML not valid: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A referendum counted at one count, worked by hand: 2,000 electors;
/// Yes 700, No 500; 5 papers rejected under head (b), both answers voted
/// for (PVSCA 2011 Sch 2 r.42(4)); 1,205 papers counted. The answer with
/// more votes is "Yes".
const REFERENDUM: &str = r#"{"schema":"countroom-count-log","version":1}
{"seq":1,"by":"Counting Officer (Rob Hale)","event":{"election_defined":{"election":"ref-2031","name":"Referendum on the example question","poll_date":"2031-06-05"}}}
{"seq":2,"by":"Counting Officer (Rob Hale)","event":{"contest_defined":{"contest":"q","election":"ref-2031","title":"Referendum on the example question","area":"Exampletown","office":"referendum","country":"england","electorate":2000,"vacancies":[],"candidates":[{"id":"YES","name":"Yes"},{"id":"NO","name":"No"}],"ruleset":"uk-referendum"}}}
{"seq":3,"by":"Counting Officer (Rob Hale)","event":{"bundle_counted":{"contest":"q","run":1,"bundle":"B1","papers":1200,"votes":[{"candidate":"YES","votes":700},{"candidate":"NO","votes":500}]}}}
{"seq":4,"by":"Counting Officer (Rob Hale)","event":{"rejected_counted":{"contest":"q","run":1,"head":"too_many_votes","papers":5}}}
{"seq":5,"by":"Counting Officer (Rob Hale)","event":{"count_completed":{"contest":"q","run":1}}}
{"seq":6,"by":"Counting Officer (Rob Hale)","at":"2031-06-06T03:00:00+01:00","event":{"result_declared":{"contest":"q","run":1}}}
"#;

#[test]
fn a_referendum_is_a_ballot_measure() {
    let report = countroom::report_from_log(REFERENDUM.as_bytes()).unwrap();
    let bytes = err_json(&report).unwrap();
    validate_json(&bytes, "referendum");
    validate_xml(&err_xml(&report).unwrap(), "referendum");
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let election = &doc["Election"][0];
    assert_eq!(election["Type"], "other");
    assert_eq!(election["OtherType"], "referendum");
    assert_eq!(election.get("Candidate"), None);
    let contest = &election["Contest"][0];
    assert_eq!(contest["@type"], "ElectionResults.BallotMeasureContest");
    assert_eq!(contest["Type"], "referendum");
    assert_eq!(contest.get("NumberElected"), None);
    assert_eq!(contest.get("VotesAllowed"), None);
    let answers: Vec<(String, u64)> = contest["ContestSelection"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["@type"], "ElectionResults.BallotMeasureSelection");
            (
                s["Selection"]["Text"][0]["Content"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                s["VoteCounts"][0]["Count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(answers, [("Yes".to_owned(), 700), ("No".to_owned(), 500)]);
    assert_eq!(
        election["BallotCounts"][0],
        json!({"@type": "ElectionResults.BallotCounts", "GpUnitId": "ru-c1", "Type": "total",
               "BallotsCast": 1205, "BallotsRejected": 5})
    );
    assert_eq!(doc["GeneratedDate"], "2031-06-06T03:00:00+01:00");
    assert!(contest["ExternalIdentifier"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["OtherType"] == "uk-referendum-result"));
}

/// Before any declaration: no `PostElectionStatus`, status
/// `unofficial-partial`, `GeneratedDate` from the poll date (never the
/// clock); an uncontested election has no vote counts. Both valid.
#[test]
fn undeclared_and_uncontested_contests() {
    // The small contest up to the end of counting, not completed.
    let counting: String = SMALL.lines().take(7).map(|l| format!("{l}\n")).collect();
    let report = countroom::report_from_log(counting.as_bytes()).unwrap();
    let bytes = err_json(&report).unwrap();
    validate_json(&bytes, "counting");
    validate_xml(&err_xml(&report).unwrap(), "counting");
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc["Status"], "unofficial-partial");
    assert_eq!(doc["GeneratedDate"], "2030-03-14T00:00:00Z");
    assert_eq!(doc["Issuer"], "Returning Officer (no result declared yet)");
    for c in doc["Election"][0]["Candidate"].as_array().unwrap() {
        assert_eq!(c.get("PostElectionStatus"), None);
    }
    assert_eq!(
        doc["Election"][0]["Contest"][0]["CountStatus"][0]["Status"],
        "in-process"
    );

    // Two candidates for three seats of a parish: uncontested, one seat
    // unfilled, declared without a poll.
    let uncontested = r#"{"schema":"countroom-count-log","version":1}
{"seq":1,"by":"RO","event":{"election_defined":{"election":"p","name":"Parish election","poll_date":"2030-05-02"}}}
{"seq":2,"by":"RO","event":{"contest_defined":{"contest":"u","election":"p","title":"Election of Parish Councillors","area":"Little Example","office":"parish_councillor","country":"england","electorate":300,"vacancies":[{"kind":"ordinary","term_ends":"2034-05-08"},{"kind":"ordinary","term_ends":"2034-05-08"},{"kind":"ordinary","term_ends":"2034-05-08"}],"candidates":[{"id":"A","name":"ASH, Al"},{"id":"B","name":"BIRCH, Bo"}]}}}
{"seq":3,"by":"RO","at":"2030-04-10T16:00:00+01:00","event":{"result_declared":{"contest":"u","run":0}}}
"#;
    let report = countroom::report_from_log(uncontested.as_bytes()).unwrap();
    let bytes = err_json(&report).unwrap();
    validate_json(&bytes, "uncontested");
    validate_xml(&err_xml(&report).unwrap(), "uncontested");
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc["Status"], "certified");
    let contest = &doc["Election"][0]["Contest"][0];
    for s in contest["ContestSelection"].as_array().unwrap() {
        assert_eq!(s["VoteCounts"], json!([]));
    }
    assert!(contest["ExternalIdentifier"]
        .as_array()
        .unwrap()
        .contains(&other("uk-unfilled-seats", "1")));
    assert_eq!(doc["Office"].as_array().unwrap().len(), 3);
    for c in doc["Election"][0]["Candidate"].as_array().unwrap() {
        assert_eq!(c["PostElectionStatus"], "winner");
    }
}

/// `count --out DIR --format err-xml` writes one document per contest.
#[test]
fn out_dir_writes_one_err_document_per_contest() {
    let dir = tempfile::tempdir().unwrap();
    let log = example("abbey-ward.jsonl");
    for format in ["err-xml", "err-json"] {
        let target = dir.path().join(format);
        let o = run(&[
            "count",
            log.to_str().unwrap(),
            "--format",
            format,
            "--out",
            target.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let ext = if format == "err-xml" {
            "err.xml"
        } else {
            "err.json"
        };
        for contest in ["abbey", "abbey-town"] {
            let bytes = std::fs::read(target.join(format!("{contest}.{ext}"))).unwrap();
            if format == "err-xml" {
                validate_xml(&bytes, contest);
            } else {
                validate_json(&bytes, contest);
                let doc: Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(doc["Election"][0]["Contest"].as_array().unwrap().len(), 1);
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Any first-past-the-post count: the ERR documents are valid, give
    /// each candidate's votes and the papers counted (valid + rejected by
    /// head), and are the same bytes twice.
    #[test]
    fn any_count_gives_valid_err_documents(
        votes in proptest::collection::vec(0u64..100_000, 3),
        heads in proptest::collection::vec(0u64..500, 2),
    ) {
        let valid: u64 = votes.iter().sum();
        // The small contest's definition, then these figures, completed
        // (not declared: an equality at the top awaits a lot).
        let mut log: String = SMALL
            .lines()
            .take(4)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
            .replace(r#""electorate":1000"#, r#""electorate":1000000"#);
        log += &format!(
            r#"{{"seq":4,"by":"RO","event":{{"bundle_counted":{{"contest":"ash","run":1,"bundle":"B1","papers":{valid},"votes":[{{"candidate":"A","votes":{}}},{{"candidate":"B","votes":{}}},{{"candidate":"C","votes":{}}}]}}}}}}
{{"seq":5,"by":"RO","event":{{"rejected_counted":{{"contest":"ash","run":1,"head":"too_many_votes","papers":{}}}}}}}
{{"seq":6,"by":"RO","event":{{"rejected_counted":{{"contest":"ash","run":1,"head":"unmarked_or_void","papers":{}}}}}}}
{{"seq":7,"by":"RO","event":{{"count_completed":{{"contest":"ash","run":1}}}}}}
"#,
            votes[0], votes[1], votes[2], heads[0], heads[1]
        );
        let report = countroom::report_from_log(log.as_bytes()).unwrap();
        let json_bytes = err_json(&report).unwrap();
        proptest::prop_assert_eq!(&json_bytes, &err_json(&report).unwrap());
        let xml_bytes = err_xml(&report).unwrap();
        proptest::prop_assert_eq!(&xml_bytes, &err_xml(&report).unwrap());
        validate_json(&json_bytes, "proptest");
        validate_xml(&xml_bytes, "proptest");
        let doc: Value = serde_json::from_slice(&json_bytes).unwrap();
        let election = &doc["Election"][0];
        proptest::prop_assert_eq!(
            election["BallotCounts"][0]["BallotsCast"].as_u64(),
            Some(valid + heads[0] + heads[1])
        );
        for (k, s) in election["Contest"][0]["ContestSelection"].as_array().unwrap().iter().enumerate() {
            proptest::prop_assert_eq!(s["VoteCounts"][0]["Count"].as_u64(), Some(votes[k]));
        }
    }
}

/// two-seat-tie.jsonl: an equality of votes for the second seat settled by
/// lot. The candidate elected by lot is Democracy Club's
/// `tied_vote_winner` and carries `uk-elected-by-lot` in ERR; no one else.
#[test]
fn elected_by_lot_in_both_formats() {
    let log = std::fs::read(example("two-seat-tie.jsonl")).unwrap();
    let report = countroom::report_from_log(&log).unwrap();
    let by_lot: Vec<&str> = report.contests[0]
        .elected
        .iter()
        .filter(|e| e.by_lot)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(by_lot.len(), 1);
    let dc: Value = serde_json::from_slice(&democracy_club_json(&report).unwrap()).unwrap();
    let tied: Vec<&str> = dc[0]["candidacies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"]["tied_vote_winner"] == true)
        .map(|c| c["person"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(tied, by_lot);
    let err: Value = serde_json::from_slice(&err_json(&report).unwrap()).unwrap();
    let lot: Vec<&str> = err["Election"][0]["Candidate"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["ExternalIdentifier"]
                .as_array()
                .unwrap()
                .contains(&other("uk-elected-by-lot", "true"))
        })
        .map(|c| c["BallotName"]["Text"][0]["Content"].as_str().unwrap())
        .collect();
    assert_eq!(lot, by_lot);
}

/// The ERR and Democracy Club documents of the signed example state the
/// log's chain head (the SHA-256 of its last line, computed here), its
/// version, what the signatures cover and whether authority was checked.
#[test]
fn result_formats_state_their_evidence() {
    let path = example("abbey-ward.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let head = countroom::io::sha256_hex(text.lines().last().unwrap().as_bytes());
    let path = path.to_str().unwrap();
    let err: Value =
        serde_json::from_slice(&run(&["count", path, "--format", "err-json"]).stdout).unwrap();
    let ids = err["ExternalIdentifier"].as_array().unwrap();
    let value = |kind: &str| -> Vec<&str> {
        ids.iter()
            .filter(|e| e["OtherType"] == kind)
            .map(|e| e["Value"].as_str().unwrap())
            .collect()
    };
    assert_eq!(value("countroom-log-chain-head"), [head.as_str()]);
    assert_eq!(value("countroom-log-version"), ["2"]);
    assert_eq!(value("countroom-log-tamper-evident"), ["true"]);
    // The Returning Officer signs at the end of verification, at the
    // completion of the count and at the declaration (README, the demo).
    assert_eq!(value("countroom-log-signatures").len(), 3);
    assert!(value("countroom-log-signatures")
        .iter()
        .all(|s| s.contains("signed by the Returning Officer (Jane Marsh)")));
    assert_eq!(value("countroom-log-authority").len(), 1);
    assert!(err["Notes"].as_str().unwrap().contains(&head));
    let dc: Value =
        serde_json::from_slice(&run(&["count", path, "--format", "dc-json"]).stdout).unwrap();
    assert_eq!(dc[0]["countroom"]["log_chain_head"], head.as_str());
    assert_eq!(
        dc[0]["countroom"]["signatures"].as_array().unwrap().len(),
        3
    );
    assert_eq!(
        dc[0]["countroom"]["authority"],
        value("countroom-log-authority")[0]
    );
}

/// How many times `name` occurs as a key in `v` (an array value counts
/// each of its items).
fn json_occurrences(v: &Value, name: &str) -> usize {
    match v {
        Value::Object(map) => map
            .iter()
            .map(|(k, x)| {
                let here = match (k == name, x) {
                    (true, Value::Array(items)) => items.len(),
                    (true, _) => 1,
                    _ => 0,
                };
                here + json_occurrences(x, name)
            })
            .sum(),
        Value::Array(items) => items.iter().map(|x| json_occurrences(x, name)).sum(),
        _ => 0,
    }
}

/// The JSON and the XML of each shipped example carry the same elements:
/// as many elections, contests, selections, vote counts, ballot counts,
/// candidates, reporting units, parties, offices and identifiers (counted
/// in the XML by `xmllint --xpath`).
#[test]
fn json_and_xml_carry_the_same_elements() {
    if Command::new("xmllint").arg("--version").output().is_err() {
        eprintln!("skipping: xmllint is not installed (Debian: apt-get install libxml2-utils)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for log in [
        "abbey-ward.jsonl",
        "exampleshire-mayor.jsonl",
        "exampletown-mayor.jsonl",
        "stv-ward.jsonl",
        "two-seat-tie.jsonl",
    ] {
        let report = countroom::report_from_log(&std::fs::read(example(log)).unwrap()).unwrap();
        let json: Value = serde_json::from_slice(&err_json(&report).unwrap()).unwrap();
        let xml = dir.path().join(format!("{log}.xml"));
        std::fs::write(&xml, err_xml(&report).unwrap()).unwrap();
        for name in [
            "Election",
            "Contest",
            "ContestSelection",
            "VoteCounts",
            "BallotCounts",
            "OtherCounts",
            "Candidate",
            "GpUnit",
            "Party",
            "Office",
            "ExternalIdentifier",
            "Count",
            "BallotsRejected",
        ] {
            let out = Command::new("xmllint")
                .arg("--xpath")
                .arg(format!("count(//*[local-name()='{name}'])"))
                .arg(&xml)
                .output()
                .unwrap();
            let in_xml: usize = String::from_utf8(out.stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            assert_eq!(in_xml, json_occurrences(&json, name), "{log}: {name}");
            assert!(
                in_xml > 0 || matches!(name, "OtherCounts" | "Party"),
                "{log}: {name}"
            );
        }
    }
}

/// `collate --format err-json|err-xml` on the shipped four-area
/// referendum (docs/formats.md, "Local totals CSV", example): one ballot
/// measure whose district is the poll, composed of its two regions, each of
/// its two areas. The figures are those of the collation statement there:
/// Yes 59,220 and No 59,091 in all; North 28,920 / 28,571 and 83 rejected;
/// Carrow (A03) 18,800 / 20,160, 46 rejected of 39,006 papers counted.
/// Both documents are validated against the standard.
#[test]
fn a_collated_poll_is_one_contest_with_its_areas_as_reporting_units() {
    let dir = root().join("examples/data/referendum-totals");
    let dir = dir.to_str().unwrap();
    let base = [
        "collate",
        dir,
        "--poll",
        "Exampleshire referendum",
        "--date",
        "2031-06-05",
    ];
    let o = run(&[&base[..], &["--format", "err-json"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    validate_json(&o.stdout, "collate err-json");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["Format"], "precinct-level");
    assert_eq!(doc["GeneratedDate"], "2031-06-05T00:00:00Z");
    let contest = &doc["Election"][0]["Contest"][0];
    assert_eq!(contest["@type"], "ElectionResults.BallotMeasureContest");
    assert_eq!(contest["TotalSubUnits"], 4);
    let units = doc["GpUnit"].as_array().unwrap();
    let unit = |other: &str, name: &str| -> String {
        units
            .iter()
            .find(|u| u["OtherType"] == other && u["Name"]["Text"][0]["Content"] == name)
            .unwrap_or_else(|| panic!("{other} {name}"))["@id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let north = unit("uk-collation-region", "North");
    let carrow = unit("uk-counting-area", "Carrow");
    let poll = units.iter().find(|u| u["@id"] == "ru-c1").unwrap();
    assert_eq!(poll["ComposingGpUnitIds"].as_array().unwrap().len(), 2);
    let count = |k: usize, gp: &str| {
        contest["ContestSelection"][k]["VoteCounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["GpUnitId"] == gp)
            .unwrap()["Count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!((count(0, "ru-c1"), count(1, "ru-c1")), (59_220, 59_091));
    assert_eq!((count(0, &north), count(1, &north)), (28_920, 28_571));
    assert_eq!((count(0, &carrow), count(1, &carrow)), (18_800, 20_160));
    let ballots = doc["Election"][0]["BallotCounts"].as_array().unwrap();
    let at = |gp: &str| {
        ballots
            .iter()
            .find(|b| b["GpUnitId"] == gp && b["Type"] == "total")
            .unwrap()
    };
    assert_eq!(at(&north)["BallotsRejected"], 83);
    assert_eq!(
        (
            at(&carrow)["BallotsCast"].as_u64(),
            at(&carrow)["BallotsRejected"].as_u64()
        ),
        (Some(39_006), Some(46))
    );
    // Head (b), voting for both answers, for the whole poll.
    assert!(ballots
        .iter()
        .any(|b| b["OtherType"] == "uk-rejected:too_many_votes" && b["GpUnitId"] == "ru-c1"));

    let o = run(&[&base[..], &["--format", "err-xml"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    validate_xml(&o.stdout, "collate err-xml");
    // The same bytes again.
    let again = run(&[&base[..], &["--format", "err-xml"]].concat());
    assert_eq!(o.stdout, again.stdout);
    // Without --date: the command line is wrong (exit 2).
    let o = run(&["collate", dir, "--format", "err-json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The 2016 EU referendum's 382 counting areas in 12 regions through
/// `collate --format err-json|err-xml --published`: both documents are
/// valid against the standard, and the poll's votes are the declared
/// result (Remain 16,141,241, Leave 17,410,742).
#[test]
fn the_2016_referendum_collated_as_err() {
    let Some(dir) = crate::support::dataset("eu-referendum-2016") else {
        return;
    };
    let file = dir.join("EU-referendum-result-data.csv");
    let file = file.to_str().unwrap();
    for format in ["err-json", "err-xml"] {
        let o = run(&[
            "collate",
            file,
            "--published",
            "--choices",
            "Remain,Leave",
            "--poll",
            "EU referendum 2016",
            "--date",
            "2016-06-23",
            "--format",
            format,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        if format == "err-json" {
            validate_json(&o.stdout, "2016 referendum err-json");
            let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
            let units = doc["GpUnit"].as_array().unwrap();
            assert_eq!(
                units
                    .iter()
                    .filter(|u| u["OtherType"] == "uk-counting-area")
                    .count(),
                382
            );
            let sel = &doc["Election"][0]["Contest"][0]["ContestSelection"];
            let total = |k: usize| {
                sel[k]["VoteCounts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["GpUnitId"] == "ru-c1")
                    .unwrap()["Count"]
                    .as_u64()
            };
            assert_eq!((total(0), total(1)), (Some(16_141_241), Some(17_410_742)));
        } else {
            validate_xml(&o.stdout, "2016 referendum err-xml");
        }
    }
}

/// `count --format F` of a shipped example log, parsed as JSON.
fn example_json(log: &str, format: &str) -> Value {
    let path = example(log).display().to_string();
    let o = run(&["count", &path, "--format", format]);
    assert!(o.status.success(), "{log} {format}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The Senedd list contest (examples/data/senedd-cwm-valleys.jsonl) in
/// Democracy Club's shape, checked by hand against the log's figures: the
/// two counts' list totals (north + south) LAB 21,000 + 19,400 = 40,400,
/// PC 26,400, REF 22,000, CON 12,000, LD 4,000, GRN 3,200, Rhys Morgan
/// (individual) 13,200: 121,200 votes, 150 + 120 = 270 rejected, 121,470
/// papers. D'Hondt on six seats (Government of Wales Act 2006 s.9 as
/// substituted by the 2024 Act): LAB 40,400; PC 26,400; REF 22,000; LAB
/// 20,200; LAB 13,466.67; then PC 26,400 ÷ 2 = 13,200 equals Rhys Morgan's
/// 13,200, the lot falling on Rhys Morgan. So LAB's first three, PC's
/// first, REF's first and Rhys Morgan are returned (the later vacancy in
/// Bethan Lloyd's seat is not the election's result).
#[test]
fn a_list_contest_in_democracy_club_json() {
    let v = example_json("senedd-cwm-valleys.jsonl", "dc-json");
    let b = &v[0];
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(b["voting_system"], "PR-CL");
    assert_eq!(b["winner_count"], 6);
    assert_eq!(b["post"]["label"], "Cwm Valleys");
    assert_eq!(b["election_date"], "2026-05-07");
    assert_eq!(b["results"]["is_final"], true);
    assert_eq!(b["results"]["num_spoilt_ballots"], 270);
    assert_eq!(b["results"]["num_turnout_reported"], 121_470);
    assert_eq!(b["results"]["total_electorate"], Value::Null);
    let parties: Vec<(String, u64, u64)> = b["party_results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["num_ballots"].as_u64().unwrap(),
                p["list_seats"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("Welsh Labour", 40_400, 3),
        ("Plaid Cymru", 26_400, 1),
        ("Reform UK", 22_000, 1),
        ("Welsh Conservatives", 12_000, 0),
        ("Welsh Liberal Democrats", 4_000, 0),
        ("Wales Green Party", 3_200, 0),
        ("Rhys Morgan", 13_200, 1),
    ]
    .map(|(n, v, s)| (n.to_owned(), v, s));
    assert_eq!(parties, expected);
    assert_eq!(parties.iter().map(|p| p.1).sum::<u64>(), 121_200);
    let elected: Vec<(String, Value, bool)> = b["candidacies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"]["elected"] == true)
        .map(|c| {
            (
                c["person"]["name"].as_str().unwrap().to_owned(),
                c["party_list_position"].clone(),
                c["result"]["tied_vote_winner"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        elected,
        [
            ("Alun Rees", json!(1), false),
            ("Bethan Lloyd", json!(2), false),
            ("Carwyn Hughes", json!(3), false),
            ("Iwan Roberts", json!(1), false),
            ("Neil Baker", json!(1), false),
            ("Rhys Morgan", Value::Null, true),
        ]
        .map(|(n, p, l)| (n.to_owned(), p, l))
    );
    // A list vote is the party's: no person on a list carries a figure;
    // the individual candidate carries their own.
    for c in b["candidacies"].as_array().unwrap() {
        if c["party"]["name"].is_null() {
            assert_eq!(c["result"]["num_ballots"], 13_200);
        } else {
            assert_eq!(c["result"]["num_ballots"], Value::Null, "{c}");
        }
    }
    // Eight + four + three + three + two + two on the lists, one individual.
    assert_eq!(b["candidacies"].as_array().unwrap().len(), 23);
}

/// The same Senedd contest and the Scottish region
/// (examples/data/exampleshire-region.jsonl) as NIST ERR v2: valid against
/// the standard's JSON Schema and XSD, a `PartyContest` with a
/// `PartySelection` per party and a `CandidateSelection` per individual
/// candidate, each counting area a `ReportingUnit` with its votes, the
/// members returned `Candidate`s of their party. Hand-checked: the region
/// (additional member system, Scotland Act 1998 ss.7–8): SAL 40,000 ÷ (1 +
/// 7 constituency seats) = 5,000, THL 30,000 ÷ 3 = 10,000, BCON 20,500,
/// GRN 11,000, Morag Campbell 3,000; seats BCON 20,500; GRN 11,000; BCON
/// 10,250; THL 10,000; THL 7,500; BCON 6,833.33; THL 6,000; next GRN
/// 5,500. Northshire's count: 18,000 + 13,500 + 9,000 + 5,000 + 1,400 =
/// 46,900 votes and 215 rejected, 47,115 papers.
#[test]
fn list_contests_in_nist_err() {
    for log in ["senedd-cwm-valleys.jsonl", "exampleshire-region.jsonl"] {
        let path = example(log).display().to_string();
        let json = run(&["count", &path, "--format", "err-json"]);
        assert!(json.status.success(), "{}", stderr(&json));
        validate_json(&json.stdout, log);
        let xml = run(&["count", &path, "--format", "err-xml"]);
        assert!(xml.status.success(), "{}", stderr(&xml));
        validate_xml(&xml.stdout, log);
        let again = run(&["count", &path, "--format", "err-xml"]);
        assert_eq!(xml.stdout, again.stdout, "{log}: not deterministic");
    }

    let v = example_json("senedd-cwm-valleys.jsonl", "err-json");
    assert_eq!(v["Status"], "certified");
    assert_eq!(v["Format"], "precinct-level");
    let e = &v["Election"][0];
    let c = &e["Contest"][0];
    assert_eq!(c["@type"], "ElectionResults.PartyContest");
    assert_eq!(c["VoteVariation"], "proportional");
    let kinds: Vec<&str> = c["ContestSelection"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["@type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "ElectionResults.PartySelection",
            "ElectionResults.PartySelection",
            "ElectionResults.PartySelection",
            "ElectionResults.PartySelection",
            "ElectionResults.PartySelection",
            "ElectionResults.PartySelection",
            "ElectionResults.CandidateSelection"
        ]
    );
    // Welsh Labour: 40,400 in all, 21,000 at the north count, 19,400 at
    // the south.
    let lab: Vec<(String, u64)> = c["ContestSelection"][0]["VoteCounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["GpUnitId"].as_str().unwrap().to_owned(),
                x["Count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lab,
        [
            ("ru-c1".to_owned(), 40_400),
            ("ru-c1-a1".to_owned(), 21_000),
            ("ru-c1-a2".to_owned(), 19_400)
        ]
    );
    let cast: Vec<(String, u64, u64)> = e["BallotCounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["GpUnitId"].as_str().unwrap().to_owned(),
                b["BallotsCast"].as_u64().unwrap(),
                b["BallotsRejected"].as_u64().unwrap(),
            )
        })
        .collect();
    // 63,300 + 150 and 57,900 + 120: the papers going forward of each count.
    assert_eq!(
        cast,
        [
            ("ru-c1".to_owned(), 121_470, 270),
            ("ru-c1-a1".to_owned(), 63_450, 150),
            ("ru-c1-a2".to_owned(), 58_020, 120)
        ]
    );
    let winners: Vec<&str> = e["Candidate"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["PostElectionStatus"] == "winner")
        .map(|x| x["BallotName"]["Text"][0]["Content"].as_str().unwrap())
        .collect();
    assert_eq!(
        winners,
        [
            "Alun Rees",
            "Bethan Lloyd",
            "Carwyn Hughes",
            "Iwan Roberts",
            "Neil Baker",
            "Rhys Morgan"
        ]
    );
    let ids = c["ExternalIdentifier"].as_array().unwrap();
    let of = |kind: &str| -> Vec<&str> {
        ids.iter()
            .filter(|x| x["OtherType"] == kind)
            .map(|x| x["Value"].as_str().unwrap())
            .collect()
    };
    assert_eq!(of("uk-seats"), ["6"]);
    assert_eq!(
        of("uk-list-round")[4],
        "5: Welsh Labour 40400 / 3 = 13466.67 (40400/3)"
    );
    assert_eq!(
        of("uk-list-round")[5],
        "6: Rhys Morgan 13200 / 1 = 13200.00 (13200), equal figures settled: lot"
    );
    assert_eq!(
        of("uk-list-vacancy"),
        ["Bethan Lloyd (Welsh Labour): filled by Emyr Owen; declined: Delyth Evans"]
    );

    let v = example_json("exampleshire-region.jsonl", "err-json");
    let c = &v["Election"][0]["Contest"][0];
    let ids = c["ExternalIdentifier"].as_array().unwrap();
    let of = |kind: &str| -> Vec<&str> {
        ids.iter()
            .filter(|x| x["OtherType"] == kind)
            .map(|x| x["Value"].as_str().unwrap())
            .collect()
    };
    assert_eq!(of("uk-list-method"), ["ams"]);
    assert_eq!(of("uk-constituency-seats")[0], "Saltire Party: 7");
    let rounds: Vec<&str> = of("uk-list-round");
    assert_eq!(
        rounds,
        [
            "1: Borders Conservatives 20500 / 1 = 20500.00 (20500)",
            "2: Green Glens 11000 / 1 = 11000.00 (11000)",
            "3: Borders Conservatives 20500 / 2 = 10250.00 (10250)",
            "4: Thistle Labour 30000 / 3 = 10000.00 (10000)",
            "5: Thistle Labour 30000 / 4 = 7500.00 (7500)",
            "6: Borders Conservatives 20500 / 3 = 6833.33 (20500/3)",
            "7: Thistle Labour 30000 / 5 = 6000.00 (6000)",
        ]
    );
    assert_eq!(of("uk-list-next"), ["Green Glens 5500.00 (5500)"]);
    assert_eq!(of("uk-list-seats")[0], "Saltire Party: 0");
    let north = &v["Election"][0]["BallotCounts"][1];
    assert_eq!(north["GpUnitId"], "ru-c1-a1");
    assert_eq!(north["BallotsCast"], 47_115);
    assert_eq!(north["BallotsRejected"], 215);

    // The log as it stood before the allocation, and waiting for its lot:
    // still valid documents, `in-process`, no winner.
    let dir = crate::support::scratch();
    let whole = std::fs::read_to_string(example("senedd-cwm-valleys.jsonl")).unwrap();
    for n in [7, 11, 12] {
        let prefix: String = whole.split_inclusive('\n').take(n).collect();
        let path =
            crate::support::write(dir.path(), &format!("prefix-{n}.jsonl"), prefix.as_bytes());
        for (format, xml) in [("err-json", false), ("err-xml", true)] {
            let o = run(&["count", &path, "--format", format]);
            assert!(o.status.success(), "{n} {format}: {}", stderr(&o));
            if xml {
                validate_xml(&o.stdout, &format!("first {n} lines"));
            } else {
                validate_json(&o.stdout, &format!("first {n} lines"));
                let v: Value = serde_json::from_slice(&o.stdout).unwrap();
                assert_eq!(v["Status"], "unofficial-partial", "{n}");
                let c = &v["Election"][0]["Contest"][0];
                assert_eq!(c["CountStatus"][0]["Status"], "in-process", "{n}");
                assert!(
                    !String::from_utf8_lossy(&o.stdout).contains("\"winner\""),
                    "{n}"
                );
            }
        }
        let o = run(&["count", &path, "--format", "dc-json"]);
        assert!(o.status.success(), "{n} dc-json: {}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v[0]["results"]["is_final"], false, "{n}");
    }

    // With --out DIR, one document per list contest.
    let out = dir.path().join("out");
    let path = example("senedd-cwm-valleys.jsonl").display().to_string();
    let o = run(&[
        "count",
        &path,
        "--format",
        "err-xml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let one = std::fs::read(out.join("cwm-valleys.err.xml")).unwrap();
    validate_xml(&one, "cwm-valleys.err.xml");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

    /// Any Senedd list contest counted in one area (six seats, three
    /// parties with lists of six, one individual candidate): the ERR
    /// documents are valid against the standard's schemas and the same
    /// bytes twice; each party's and the individual's `VoteCounts` are its
    /// votes; the projected winners are the seats the allocation gave (a
    /// seat left to a lot has none); Democracy Club's `party_results` add
    /// up to the votes and their seats to the rounds.
    #[test]
    fn any_list_contest_gives_valid_err_documents(
        votes in proptest::collection::vec(1u64..100_000, 4),
    ) {
        let party = |id: &str| {
            let list: Vec<Value> = (1..=6).map(|i| json!({"name": format!("{id}{i}")})).collect();
            json!({"id": id, "name": format!("Party {id}"), "list": list})
        };
        let events = [
            json!({"election_defined": {"election": "e", "name": "General election", "poll_date": "2026-05-07"}}),
            json!({"counting_area_defined": {"counting_area": "a", "name": "A count"}}),
            json!({"list_contest_defined": {
                "contest": "c", "election": "e", "title": "Election of Members of the Senedd",
                "area": "Cwm", "office": "senedd_member", "country": "wales", "seats": 6,
                "parties": [party("P"), party("Q"), party("R")],
                "individuals": [{"id": "I", "name": "Ivor Jones"}],
                "counting_areas": ["a"]}}),
            json!({"local_total_reported": {"contest": "c", "counting_area": "a",
                "papers_forward": votes.iter().sum::<u64>(),
                "votes": [{"candidate": "P", "votes": votes[0]}, {"candidate": "Q", "votes": votes[1]},
                          {"candidate": "R", "votes": votes[2]}, {"candidate": "I", "votes": votes[3]}]}}),
            json!({"local_total_authorised": {"contest": "c", "counting_area": "a"}}),
        ];
        let mut log = String::from("{\"schema\":\"countroom-count-log\",\"version\":1}\n");
        for (i, e) in events.iter().enumerate() {
            log.push_str(&serde_json::to_string(&json!({"seq": i + 1, "by": "RO", "event": e})).unwrap());
            log.push('\n');
        }
        let report = countroom::report_from_log(log.as_bytes()).unwrap();
        let json_bytes = err_json(&report).unwrap();
        proptest::prop_assert_eq!(&json_bytes, &err_json(&report).unwrap());
        let xml_bytes = err_xml(&report).unwrap();
        proptest::prop_assert_eq!(&xml_bytes, &err_xml(&report).unwrap());
        validate_json(&json_bytes, "list proptest");
        validate_xml(&xml_bytes, "list proptest");
        let doc: Value = serde_json::from_slice(&json_bytes).unwrap();
        let election = &doc["Election"][0];
        for (k, s) in election["Contest"][0]["ContestSelection"].as_array().unwrap().iter().enumerate() {
            proptest::prop_assert_eq!(s["VoteCounts"][0]["Count"].as_u64(), Some(votes[k]));
        }
        let rounds = report.list_contests[0].rounds.len();
        let winners = election["Candidate"]
            .as_array()
            .map_or(0, |c| c.iter().filter(|x| x["PostElectionStatus"] == "projected-winner").count());
        let status = report.list_contests[0].status;
        proptest::prop_assert!(matches!(status, "allocated" | "lot_required"), "{}", status);
        let allocated = status == "allocated";
        proptest::prop_assert_eq!(winners, if allocated { rounds } else { 0 });
        let dc: Value = serde_json::from_slice(&democracy_club_json(&report).unwrap()).unwrap();
        let parties = dc[0]["party_results"].as_array().unwrap();
        let sum: u64 = parties.iter().map(|p| p["num_ballots"].as_u64().unwrap()).sum();
        proptest::prop_assert_eq!(sum, votes.iter().sum::<u64>());
        let seats: u64 = parties.iter().map(|p| p["list_seats"].as_u64().unwrap()).sum();
        proptest::prop_assert_eq!(seats, rounds as u64);
    }
}
