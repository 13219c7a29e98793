//! The Mayor of London: the supplementary vote with the GLA's own statement
//! (Greater London Authority Elections Rules 2007, Sch 3 and Sch 7): the
//! first-by-second preference table (r.53(1)(c)(iii)), papers with the same
//! candidate as first and second preference, the Greater London Returning
//! Officer's declaration (r.57(1)–(2)); first past the post from 2023; and
//! the 2021 result from its published figures.

use countroom::adjudicate::{Adjudicator, BallotPaper, Mark, Outcome, SecondPreference};
use countroom::model::RulesetId;
use countroom::rules::ruleset;
use countroom::tally::{sv_final_count, sv_first_count, SvDecision};
use serde_json::{json, Value};

use crate::support::{run, scratch, stderr, stdout, write};

/// A version 1 count log (no chain: the test is about the documents) of a
/// Mayor of London poll with one batch of adjudicated papers.
fn london_log(authority: &str, ruleset: &str, poll_date: &str, batch: Value, sv: bool) -> String {
    let mut lines = vec![json!({"schema": "countroom-count-log", "version": 1})];
    let mut events = vec![
        json!({"officer_appointed": {"person": "glro", "name": "Mary Harpley", "role": "returning_officer"}}),
        json!({"election_defined": {"election": "gla-test", "name": "Greater London Authority elections (test)", "poll_date": poll_date}}),
        json!({"contest_defined": {
            "contest": "mayor", "election": "gla-test", "title": "Election of the Mayor of London",
            "area": "Greater London", "office": "mayor", "authority": authority, "country": "england",
            "electorate": 200, "vacancies": [{"kind": "ordinary", "term_ends": "2028-05-08"}],
            "candidates": [
                {"id": "A", "name": "ASHE, Ann", "description": "Party A"},
                {"id": "B", "name": "BELL, Ben", "description": "Party B"},
                {"id": "C", "name": "COLE, Cat", "description": "Party C"},
                {"id": "D", "name": "DEAN, Dan", "description": "Independent"}
            ],
            "ruleset": ruleset
        }}),
        json!({"papers_verified": {"contest": "mayor", "papers": 104}}),
        json!({"paper_batch_counted": batch}),
        json!({"count_completed": {"contest": "mayor", "run": 1}}),
    ];
    if sv {
        events.push(json!({"second_count_completed": {"contest": "mayor", "run": 1}}));
    }
    events.push(json!({"result_declared": {"contest": "mayor", "run": 1}}));
    for (i, e) in events.into_iter().enumerate() {
        lines.push(json!({"seq": i + 1, "by": "glro", "event": e}));
    }
    let mut out = String::new();
    for l in lines {
        out.push_str(&serde_json::to_string(&l).unwrap());
        out.push('\n');
    }
    out
}

fn votes(pairs: &[(&str, u64)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(c, v)| json!({"candidate": c, "votes": v}))
            .collect(),
    )
}

/// The hand-worked batch: 104 papers, 4 rejected (one without the official
/// mark, two with two first preferences, one unmarked), 100 valid. First
/// × second preferences (rows first, columns A, B, C, D, none, void):
///
/// ```text
///      A   B   C   D  none void  total
/// A    2  10  15   5     7    1     40
/// B   12   1   8   6     8    0     35
/// C    6   3   2   1     3    0     15
/// D    2   4   1   1     2    0     10
/// ```
fn hand_batch() -> Value {
    let row = |first: &str, s: [u64; 4], unmarked: u64, void: u64| json!({"first": first, "votes": votes(&[("A", s[0]), ("B", s[1]), ("C", s[2]), ("D", s[3])]), "unmarked": unmarked, "void": void});
    json!({
        "contest": "mayor", "run": 1, "batch": "all",
        "valid_papers": 100,
        "votes": votes(&[("A", 40), ("B", 35), ("C", 15), ("D", 10)]),
        "rejected": [
            {"head": "no_official_mark", "papers": 1},
            {"head": "too_many_votes", "papers": 2},
            {"head": "unmarked_or_void", "papers": 1}
        ],
        "second_preferences": [
            row("A", [2, 10, 15, 5], 7, 1),
            row("B", [12, 1, 8, 6], 8, 0),
            row("C", [6, 3, 2, 1], 3, 0),
            row("D", [2, 4, 1, 1], 2, 0),
        ]
    })
}

/// Hand-worked under the GLA Elections Rules 2007 and the GLA Act 1999
/// Sch 2: 100 valid first preferences, A 40 is not more than half (50),
/// so A and B remain (para 4(2)) and C (15) and D (10) are eliminated. On
/// their 25 papers (para 4(5): second preferences for a remaining
/// candidate by voters whose first preference was for neither): A 6 + 2 =
/// 8, B 3 + 4 = 7; unmarked 3 + 2 = 5; for an eliminated candidate C→C 2,
/// C→D 1, D→C 1, D→D 1 = 5 (the same candidate twice among them, counted
/// for no one). Totals A 40 + 8 = 48, B 35 + 7 = 42: A is returned. A's
/// own two papers marked A twice stay two of A's 40 first preferences and
/// add nothing (48, not 50). The table (r.53(1)(c)(iii)) has column
/// totals A 22, B 18, C 26, D 13, none 20, void 1 (100). The declaration
/// is the GLRO's "as the Mayor of London" (r.57(1)); the statement of
/// rejected papers has the four heads of r.50(13).
#[test]
fn mayor_of_london_statement_hand_worked() {
    let dir = scratch();
    let log = write(
        dir.path(),
        "london.jsonl",
        london_log(
            "london",
            "london-mayor-sv-2008",
            "2021-05-06",
            hand_batch(),
            true,
        )
        .as_bytes(),
    );
    let o = run(&["count", &log, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &json["contests"][0];
    assert_eq!(c["contest"]["ruleset"], "london-mayor-sv-2008");
    assert_eq!(
        c["contest"]["declaration"]["officer"],
        "Greater London Returning Officer"
    );
    assert_eq!(
        c["contest"]["declaration"]["elected_as"],
        "the Mayor of London"
    );
    let sv = &c["supplementary_vote"];
    assert_eq!(sv["remaining"], json!(["A", "B"]));
    assert_eq!(sv["eliminated"], json!(["C", "D"]));
    let sc = &sv["second_count"];
    assert_eq!(sc["to_examine"], 25);
    assert_eq!(sc["votes"], json!([["A", 8], ["B", 7]]));
    assert_eq!(sc["unmarked"], 5);
    assert_eq!(sc["void"], 0);
    assert_eq!(sc["for_eliminated"], 5);
    let totals: Vec<(&str, Value)> = c["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_str().unwrap(), x["total"].clone()))
        .collect();
    assert_eq!(
        totals,
        [
            ("A", json!(48)),
            ("B", json!(42)),
            ("C", Value::Null),
            ("D", Value::Null)
        ]
    );
    assert_eq!(c["elected"][0]["id"], "A");
    let t = &sv["preference_table"];
    assert_eq!(
        t["citation"],
        "Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 3 and Sch 7 r.53(1)(c)(iii)"
    );
    assert_eq!(t["candidates"], json!(["A", "B", "C", "D"]));
    assert_eq!(
        t["rows"][0],
        json!({"first": "A", "second": [2, 10, 15, 5], "none": 7, "void": 1, "first_preferences": 40})
    );
    assert_eq!(t["rows"][3]["second"], json!([2, 4, 1, 1]));
    assert_eq!(t["second_totals"], json!([22, 18, 26, 13]));
    assert_eq!(
        (
            t["none_total"].clone(),
            t["void_total"].clone(),
            t["total"].clone()
        ),
        (json!(20), json!(1), json!(100))
    );
    let heads: Vec<&str> = c["rejected"]["heads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "want of official mark",
            "voting for more than one candidate as to first preference vote",
            "writing or mark by which the voter could be identified",
            "unmarked or void for uncertainty as to the first preference vote"
        ]
    );

    let o = run(&["count", &log]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for want in [
        "I, the Greater London Returning Officer at the above election, give notice",
        "FIRST AND SECOND PREFERENCES CORRELATED (Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 3 and Sch 7 r.53(1)(c)(iii))",
        "  First \\ second     (1)     (2)     (3)     (4)    None    Void   Total\n  (1)                  2      10      15       5       7       1      40\n",
        "  Total               22      18      26      13      20       1     100\n",
        "  (4) DEAN, Dan\n",
        "I declare the following duly elected as the Mayor of London:\n  ASHE, Ann, Party A",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    let o = run(&["count", &log, "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.contains("mayor,1,sv_preferences,C:C,\"first preference COLE, Cat, second preference COLE, Cat\",2\n"),
        "{csv}"
    );
    assert!(csv.contains("mayor,1,sv_preferences,A:void,"), "{csv}");
    let o = run(&["count", &log, "--format", "html"]);
    let html = stdout(&o);
    assert!(html.contains("<table class=\"preferences\">"), "{html}");
    assert!(
        html.contains("I, the Greater London Returning Officer"),
        "{html}"
    );
}

/// The same papers at a local authority's mayoral poll (LAMR 2007): no
/// correlated table (its statement does not require one) and the general
/// wording; the second count is the same (A 48, B 42).
#[test]
fn a_local_mayor_has_neither_the_table_nor_the_glro() {
    let dir = scratch();
    let log = write(
        dir.path(),
        "local.jsonl",
        london_log(
            "local_authority",
            "mayor-sv-2007",
            "2021-05-06",
            hand_batch(),
            true,
        )
        .as_bytes(),
    );
    let o = run(&["count", &log, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &json["contests"][0];
    assert!(c["supplementary_vote"].get("preference_table").is_none());
    assert!(c["contest"].get("declaration").is_none());
    assert_eq!(c["candidates"][0]["total"], 48);
    let text = stdout(&run(&["count", &log]));
    assert!(
        text.contains("I, the Returning Officer at the above election"),
        "{text}"
    );
    assert!(!text.contains("CORRELATED"), "{text}");
}

/// First past the post for the Mayor of London from 2023 (the Elections
/// Act 2022 s.13; GLA Elections Rules 2007 as amended by SI 2022/1111): on
/// 2 May 2024 the same 100 valid votes elect A (40) by a majority of 5
/// over B (35); no second count and no table; the statement's heads lose
/// "as to (the) first preference vote" (SI 2022/1111 r.3(5)(i)); the
/// GLRO declares "as the Mayor of London".
#[test]
fn mayor_of_london_by_first_past_the_post_from_2023() {
    let mut batch = hand_batch();
    batch.as_object_mut().unwrap().remove("second_preferences");
    let dir = scratch();
    let log = write(
        dir.path(),
        "london-2024.jsonl",
        london_log(
            "london",
            "london-mayor-fptp-2023",
            "2024-05-02",
            batch,
            false,
        )
        .as_bytes(),
    );
    let o = run(&["count", &log, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &json["contests"][0];
    assert_eq!(c["contest"]["method"], "first_past_the_post");
    assert!(c.get("supplementary_vote").is_none_or(Value::is_null));
    assert_eq!(c["elected"][0]["id"], "A");
    assert_eq!(c["majority"], 5);
    assert_eq!(
        c["rejected"]["heads"][1]["label"],
        "voting for more than one candidate"
    );
    let text = stdout(&run(&["count", &log]));
    assert!(
        text.contains("I, the Greater London Returning Officer"),
        "{text}"
    );
    assert!(
        text.contains("I declare the following duly elected as the Mayor of London:"),
        "{text}"
    );
}

/// A paper marked with the same candidate as first and second preference,
/// adjudicated under the GLA rules: a valid first preference for that
/// candidate whose second preference is recorded (for the table) and can
/// never count (GLA Act 1999 Sch 2 para 4(5): second preferences are
/// counted only for remaining candidates on papers whose first preference
/// is for none of them).
#[test]
fn same_candidate_twice_is_a_first_preference_only() {
    let rules = Adjudicator::new(ruleset(RulesetId::LondonMayorSv2008), 4, 1).unwrap();
    let paper = BallotPaper::marked(vec![Mark::cross(2), Mark::cross(2).second()]);
    assert_eq!(
        rules.adjudicate(&paper).unwrap(),
        Outcome::FirstPreference {
            first: 2,
            second: SecondPreference::For(2),
            saved: false
        }
    );
}

/// The 2021 Mayor of London result from its published figures (BBC "London
/// elections 2021" results page; the Guardian, 8 May 2021): first
/// preferences Khan 1,013,721, Bailey 893,051, Berry 197,976, Porritt
/// 111,716, Omilana 49,628, Fox 47,634, Rose 31,111, Hewison 28,012,
/// Binface 24,775, Reid 21,182, Corbyn 20,604, Hudson 16,826 (the twelve
/// published there; the other eight candidates' smaller figures can only
/// add to the total, and Khan is already short of half of these twelve's
/// 2,456,236); second preferences Khan 192,313, Bailey 84,550. Under GLA
/// Act 1999 Sch 2 paras 3–4: no majority, Khan and Bailey remain, totals
/// 1,206,034 and 977,601 as published, Khan returned.
#[test]
fn london_2021_from_the_published_figures() {
    let first = [
        1_013_721, 893_051, 197_976, 111_716, 49_628, 47_634, 31_111, 28_012, 24_775, 21_182,
        20_604, 16_826,
    ];
    let (total, decision) = sv_first_count(&first).unwrap();
    assert_eq!(total, 2_456_236);
    assert_eq!(decision, SvDecision::SecondCount(vec![0, 1]));
    let mut second = [0u64; 12];
    second[0] = 192_313;
    second[1] = 84_550;
    let (totals, decision) = sv_final_count(&first, &[0, 1], &second).unwrap();
    assert_eq!(totals[0], 1_206_034);
    assert_eq!(totals[1], 977_601);
    assert_eq!(decision, SvDecision::Elected(0));
}
