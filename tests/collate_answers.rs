//! `countroom collate` without `--choices`: the answers from the ruleset,
//! or from the national referendum held under it on `--date`
//! (`countroom_rules::referendums`).

use crate::support::{dataset, example, run, scratch, stderr, stdout, write};

/// The shipped local totals (examples/data/referendum-totals, answers `Yes`
/// and `No`) collated as the referendum of 5 May 2011, whose answers the
/// Parliamentary Voting System and Constituencies Act 2011 s.8(1)(a) names
/// "Yes" and "No": the answers come from the ruleset, and the result is the
/// one declared choices give. Hand-worked from the two files: Yes 16,020 +
/// 12,900 + 18,800 + 11,500 = 59,220; No 14,050 + 14,521 + 20,160 +
/// 10,360 = 59,091.
#[test]
fn answers_from_the_act_for_the_poll_date() {
    let dir = example("referendum-totals").display().to_string();
    let o = run(&["collate", &dir, "--date", "2011-05-05"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("  Choices: Yes, No (the answers of the referendum held on 2011-05-05 (av-2011): Parliamentary Voting System and Constituencies Act 2011, s.1(7) (the question) and s.8(1)(a), (2)"),
        "{text}"
    );
    assert!(
        text.contains("  Yes 59,220 (50.05% of valid votes)"),
        "{text}"
    );
    assert!(text.contains("  No 59,091"), "{text}");
    // The same collation as with the answers declared.
    let from_rules = run(&["collate", &dir, "--date", "2011-05-05", "--format", "json"]);
    let declared = run(&["collate", &dir, "--choices", "Yes,No", "--format", "json"]);
    assert!(from_rules.status.success() && declared.status.success());
    assert_eq!(from_rules.stdout, declared.stdout);
}

/// With the answers from the ruleset, a column that is neither of the
/// format nor an answer is refused, as with declared choices, naming the
/// file, line 1 and the column; nothing is printed.
#[test]
fn a_column_that_is_not_an_answer_is_refused() {
    let dir = scratch();
    let text = std::fs::read_to_string(example("referendum-totals/north.csv")).unwrap();
    let mut lines = text.lines();
    let mut out = format!("{},Total\n", lines.next().unwrap());
    for l in lines {
        out.push_str(l);
        out.push_str(",0\n");
    }
    let file = write(dir.path(), "north.csv", out.as_bytes());
    let o = run(&["collate", &file, "--date", "2011-05-05"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("north.csv:1: field `Total`"),
        "{}",
        stderr(&o)
    );
    // Without a poll date the ruleset cannot say which referendum's answers
    // these are: every column not of the format is taken for a choice, and
    // the statement says why.
    let o = run(&["collate", &file]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("  Choices: Yes, No, Total (every column not of the format, the answers not being known from the ruleset: uk-referendum governs more than one referendum, each with the answers its own Act set (av-2011 on 2011-05-05; eu-2016 on 2016-06-23), and no poll date was given to say which; give --date of one of them, or declare the answers with --choices, to refuse any other column)"), "{text}");
    // A date on which no referendum countroom has read was held: the
    // answers are not guessed.
    let o = run(&["collate", &file, "--date", "2014-09-18"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(
        "no referendum under uk-referendum on 2014-09-18 whose answers countroom has read"
    ));
}

/// The 2016 EU referendum's 382 areas (the Electoral Commission's file)
/// collated with the answers of the European Union Referendum Act 2015
/// s.1(5) (headed `Remain` and `Leave` in the file): the declared result,
/// Remain 16,141,241 and Leave 17,410,742, without `--choices`; the same
/// bytes as with them.
#[test]
fn eu_referendum_2016_without_choices() {
    let Some(dir) = dataset("eu-referendum-2016") else {
        return;
    };
    let dir = dir.display().to_string();
    let o = run(&["collate", &dir, "--published", "--date", "2016-06-23"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("(the answers of the referendum held on 2016-06-23 (eu-2016): European Union Referendum Act 2015, s.1(4) (the question), s.1(5) (the alternative answers)"), "{text}");
    assert!(
        text.contains("  Remain 16,141,241 (48.11% of valid votes)"),
        "{text}"
    );
    assert!(
        text.contains("  Leave 17,410,742 (51.89% of valid votes)"),
        "{text}"
    );
    let json = |extra: &[&str]| {
        let mut args = vec!["collate", dir.as_str(), "--published", "--format", "json"];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        o.stdout
    };
    assert_eq!(
        json(&["--date", "2016-06-23"]),
        json(&["--choices", "Remain,Leave"])
    );
}

/// A governance referendum asks one of the six questions of SI 2012/323
/// Sch 1 (reg 3), each with its own two answers: `--question 1` (para 1: a
/// leader, as now, or a mayor) takes them from the ruleset, headed `Leader`
/// and `Mayor`. Hand-worked: Leader 25 + 30 = 55, Mayor 35 + 20 = 55, an
/// equality reported, never drawn. `--question 2` (committees, or a mayor)
/// refuses the `Leader` column and asks for `Committees`; a paragraph the
/// Schedule does not have is a usage error (exit 2); without `--question`,
/// the statement lists the six.
#[test]
fn governance_answers_from_the_paragraph_named() {
    let dir = scratch();
    let file = write(
        dir.path(),
        "gov.csv",
        b"Region_Code,Region,Area_Code,Area,Electorate,ExpectedBallots,VerifiedBallotPapers,Leader,Mayor,breakdown_not_given,Explanation\n\
R1,Exampleton,A01,North,100,60,60,25,35,0,\n\
R1,Exampleton,A02,South,100,50,50,30,20,0,\n",
    );
    let gov = [
        "collate",
        file.as_str(),
        "--ruleset",
        "governance-referendum-2012",
    ];
    let with = |extra: &[&str]| {
        let mut args = gov.to_vec();
        args.extend_from_slice(extra);
        run(&args)
    };
    let o = with(&["--question", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("  Choices: Leader, Mayor (the answers the instrument sets: Local Authorities (Conduct of Referendums) (England) Regulations 2012, reg 3 and Sch 1 para 1)"), "{text}");
    assert!(
        text.contains("  Leader 55 (50.00% of valid votes)"),
        "{text}"
    );
    assert!(text.contains("an exact tie"), "{text}");
    assert_eq!(
        with(&["--question", "1", "--format", "json"]).stdout,
        with(&["--choices", "Leader,Mayor", "--format", "json"]).stdout
    );
    let o = with(&["--question", "2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("gov.csv:1: field `Leader`"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("missing column \"Committees"),
        "{}",
        stderr(&o)
    );
    let o = with(&["--question", "7"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("governance-referendum-2012 has no question 7"),
        "{}",
        stderr(&o)
    );
    let o = with(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("para 2: Committees (in place) or Mayor"));
    assert!(stdout(&o).contains("give --question N, or declare the answers with --choices"));
    // --question for a ruleset with one form of question is refused.
    let o = run(&[
        "collate",
        file.as_str(),
        "--ruleset",
        "council-tax-referendum-2012",
        "--question",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--question is for governance-referendum-2012"),
        "{}",
        stderr(&o)
    );
}
