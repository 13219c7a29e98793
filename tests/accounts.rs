//! Election accounts through the command line: the shipped combined poll
//! in every format, the spending-limit notices of the Electoral
//! Commission's and councils' published examples, and bad input.

use crate::support::{example, golden, run, scratch, stderr, stdout, write};

fn accounts_args<'a>(dir: &'a str, format: &'a str) -> Vec<String> {
    let f = |name: &str| format!("{dir}/{name}");
    vec![
        "accounts".into(),
        f("ledger.csv"),
        "--polls".into(),
        f("polls.csv"),
        "--caps".into(),
        f("mra.csv"),
        "--scale".into(),
        f("scale.csv"),
        "--format".into(),
        format.into(),
    ]
}

fn run_owned(args: &[String]) -> std::process::Output {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&a)
}

/// The shipped combination: a UK Parliamentary general election with a
/// district ward and a town council poll. Hand-worked: polling station
/// staff £28,450.00 ÷ 3 = £9,483.33 and 1p over, to the UK Parliamentary
/// poll (listed first); the services cap (£5,100.00) is exceeded by the
/// fees £1,250.00 + £4,000.00 = £5,250.00, £150.00 of line L18 needing
/// authorisation; within the caps £37,780.23 − £150.00 = £37,630.23, less
/// the advance of £30,000.00: £7,630.23 due.
#[test]
fn combined_poll_claim_in_every_format() {
    let dir = example("accounts").display().to_string();
    for (format, ext) in [("text", "txt"), ("json", "json"), ("csv", "csv")] {
        let o = run_owned(&accounts_args(&dir, format));
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        golden(&format!("accounts.{ext}"), &o.stdout);
    }
    let text = stdout(&run_owned(&accounts_args(&dir, "text")));
    assert!(text.contains("line L12 [expenses.staff; combination] £28,450.00: £28,450.00 ÷ 3 = £9,483.33 each, 1 penny left over: ukpge £9,483.34, district £9,483.33, town £9,483.33"));
    assert!(text.contains(
        "services (SI 2017/637 art.4(1)): claimed £5,250.00 of £5,100.00; EXCEEDED by £150.00"
    ));
    assert!(text.contains("line L18 (2024-07-05): £150.00 above the cap"));
    assert!(text.contains("Recoverable within the maximum recoverable amounts: £37,630.23"));
    assert!(text.contains("Balance due: £7,630.23"));
    assert!(text.contains("Ledger total (net of refunds): £83,689.83"));
    // Per-poll totals sum to the ledger: 37,780.23 + 23,935.01 + 21,974.59.
    assert_eq!(3_778_023 + 2_393_501 + 2_197_459, 8_368_983);
}

#[test]
fn accounts_out_file_is_written_whole() {
    let tmp = scratch();
    let out = tmp.path().join("claim.json");
    let dir = example("accounts").display().to_string();
    let mut args = accounts_args(&dir, "json");
    args.extend(["--out".into(), out.display().to_string()]);
    let o = run_owned(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = std::fs::read(&out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&written).unwrap();
    assert_eq!(json["schema"], "countroom-accounts");
    assert_eq!(json["polls"][0]["balance_due"], "7630.23");
}

fn bad(files: &[(&str, &str)], expected: &[&str]) {
    let tmp = scratch();
    let dir = example("accounts");
    for name in ["ledger.csv", "polls.csv", "mra.csv", "scale.csv"] {
        let text = files.iter().find(|(n, _)| *n == name).map_or_else(
            || std::fs::read(dir.join(name)).unwrap(),
            |(_, t)| t.as_bytes().to_vec(),
        );
        write(tmp.path(), name, &text);
    }
    let d = tmp.path().display().to_string();
    let o = run_owned(&accounts_args(&d, "text"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for e in expected {
        assert!(
            err.contains(&e.replace("DIR", &d)),
            "expected {e:?} in:\n{err}"
        );
    }
    assert!(o.stdout.is_empty());
}

#[test]
fn bad_amounts_name_file_line_and_field() {
    bad(
        &[(
            "ledger.csv",
            "line,date,category,attribution,polls,amount\n\
             L1,2024-07-01,expenses.staff,solely,ukpge,12.345\n\
             L2,2024-07-01,expenses.staff,solely,ukpge,-40.00\n\
             L3,2024-07-01,expenses.hospitality,solely,ukpge,5.00\n",
        )],
        &[
            "DIR/ledger.csv:2: field `amount`: \"12.345\" has more than two decimal places",
            "DIR/ledger.csv:3: field `amount`: \"-40.00\" is negative: a cost is never negative; record a refund as a line of type `refund`",
            "DIR/ledger.csv:4: field `category`: unknown category \"expenses.hospitality\"",
        ],
    );
}

#[test]
fn bad_unknown_poll_and_missing_caps() {
    bad(
        &[
            (
                "ledger.csv",
                "line,date,category,attribution,polls,amount\n\
                 L1,2024-07-01,expenses.staff,shared,ukpge;parish,10.00\n",
            ),
            ("mra.csv", "poll,area,services,expenses,overall,uncontested_overall\n"),
        ],
        &[
            "DIR/ledger.csv:2: field `polls`: unknown poll \"parish\" (the polls: ukpge, district, town)",
        ],
    );
    bad(
        &[("mra.csv", "poll,area,services,expenses,overall,uncontested_overall\n")],
        &["DIR/mra.csv:1: field `poll`: no maximum recoverable amounts for poll \"ukpge\" (ukpe-2017)"],
    );
    bad(
        &[(
            "mra.csv",
            "poll,area,services,expenses,overall\nukpge,Elsewhere,1.00,1.00,1.00\n",
        )],
        &["DIR/mra.csv:2: field `area`: the caps row is for area \"Elsewhere\", but poll \"ukpge\" is in area \"Exampleton\""],
    );
}

#[test]
fn bad_refunds() {
    bad(
        &[(
            "ledger.csv",
            "line,date,type,refunds,category,attribution,polls,amount\n\
             L1,2024-07-01,cost,,expenses.staff,solely,ukpge,10.00\n\
             R1,2024-07-02,refund,L1,expenses.staff,solely,ukpge,10.01\n\
             R2,2024-07-02,refund,L9,expenses.staff,solely,ukpge,1.00\n\
             R3,2024-07-02,refund,,expenses.staff,solely,ukpge,1.00\n",
        )],
        &["DIR/ledger.csv:5: field `refunds`: a refund names the line it refunds"],
    );
    bad(
        &[(
            "ledger.csv",
            "line,date,type,refunds,category,attribution,polls,amount\n\
             L1,2024-07-01,cost,,expenses.staff,solely,ukpge,10.00\n\
             R1,2024-07-02,refund,L1,expenses.staff,solely,ukpge,10.01\n\
             R2,2024-07-02,refund,L9,expenses.staff,solely,ukpge,1.00\n",
        )],
        &[
            "DIR/ledger.csv:3: field `amount`: refunds of line \"L1\" come to 10.01, more than the line's 10.00",
            "DIR/ledger.csv:4: field `refunds`: refund of line \"L9\", which is not an earlier cost line of the ledger",
        ],
    );
}

/// The Electoral Commission's and councils' published examples (uk-count-rules §8.5).
#[test]
fn spending_limits() {
    let o = run(&[
        "spending-limit",
        "--election",
        "ukpge-short",
        "--constituency",
        "county",
        "--electors",
        "69943",
        "--declared",
        "2024-07-05",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    golden("spending-limit-mole-valley.txt", &o.stdout);
    let text = stdout(&o);
    assert!(text.contains("Limit: £19,783.16"));
    assert!(text.contains("Deadline: 9 August 2024"));
    let o = run(&[
        "spending-limit",
        "--election",
        "ukpge-short",
        "--constituency",
        "borough",
        "--electors",
        "77874",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["limit"]["limit"], "17619.92");
    let o = run(&[
        "spending-limit",
        "--election",
        "local",
        "--electors",
        "7500",
        "--joint",
        "2",
        "--format",
        "csv",
    ]);
    let csv = stdout(&o);
    assert!(csv.contains("limit,1170.00"), "{csv}");
    assert!(csv.contains("full_limit,1560"), "{csv}");
    // A non-working day list moves the deadline on.
    let tmp = scratch();
    let days = write(tmp.path(), "days.txt", b"# bank holidays\n2024-06-10\n");
    let o = run(&[
        "spending-limit",
        "--election",
        "local",
        "--electors",
        "7500",
        "--declared",
        "2024-05-04",
        "--non-working",
        &days,
    ]);
    assert!(
        stdout(&o).contains("Deadline: 11 June 2024"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_spending_limit_arguments() {
    let o = run(&[
        "spending-limit",
        "--election",
        "ukpge-short",
        "--electors",
        "1000",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--constituency borough|county is required"));
    let o = run(&[
        "spending-limit",
        "--election",
        "ukpge-long",
        "--constituency",
        "county",
        "--electors",
        "1000",
        "--dissolved-in-month",
        "40",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("before the 56th there is no long campaign"));
    let tmp = scratch();
    let days = write(tmp.path(), "days.txt", b"2024-06-10\nnext tuesday\n");
    let o = run(&[
        "spending-limit",
        "--election",
        "local",
        "--electors",
        "7500",
        "--declared",
        "2024-05-04",
        "--non-working",
        &days,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("days.txt:2: \"next tuesday\" is not a date"));
    // As JSON: the one problem shape.
    let o = run(&[
        "spending-limit",
        "--election",
        "local",
        "--electors",
        "7500",
        "--declared",
        "2024-05-04",
        "--non-working",
        &days,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{
            "file": days,
            "line": 2,
            "entry": null,
            "field": null,
            "code": "bad_date",
            "message": "\"next tuesday\" is not a date (write YYYY-MM-DD, one a line)"
        }])
    );
}
