//! HTML and PDF documents of a list contest (issue 19): the page of the
//! Senedd example pinned, its rounds and members equal to the JSON
//! report's, hand-worked D'Hondt figures on the page, markup in a party's
//! name escaped, the command line's routes (`--format html|pdf`, `--out DIR`
//! with its index, `--contest`), and the page in headless Chromium (no
//! console error, no request, nothing wider than the window).

use countroom::count::ListContestReport;
use countroom::html;
use serde_json::Value;

use crate::support::{example, run, scratch, stderr, stdout};

const LIST_LOGS: [&str; 2] = ["senedd-cwm-valleys.jsonl", "exampleshire-region.jsonl"];

fn list_contest(log: &str) -> ListContestReport {
    let r = countroom::report_from_log(&std::fs::read(example(log)).unwrap()).unwrap();
    assert_eq!(r.list_contests.len(), 1, "{log}");
    r.list_contests[0].clone()
}

fn json_of(log: &str) -> Value {
    let o = run(&["count", example(log).to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The attribute text as the page writes it (`'` and `&` escaped).
fn attr(s: &str) -> String {
    html::escape(s)
}

#[test]
fn the_senedd_list_page_is_pinned() {
    let c = list_contest("senedd-cwm-valleys.jsonl");
    let page = html::list_contest_page(&c);
    assert_eq!(page, html::list_contest_page(&c), "deterministic");
    crate::support::golden("senedd-cwm-valleys.html", page.as_bytes());
}

/// The rounds and the members on the page are the JSON report's, seat by
/// seat (the same report, through `count --format json` and `--format
/// html`).
#[test]
fn the_rounds_and_members_on_the_page_are_the_json_reports() {
    for log in LIST_LOGS {
        let json = json_of(log);
        let o = run(&["count", example(log).to_str().unwrap(), "--format", "html"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let page = stdout(&o);
        let c = &json["list_contests"][0];
        let rounds = c["rounds"].as_array().unwrap();
        assert!(!rounds.is_empty(), "{log}");
        let sitting = c["sitting"].as_array().map_or(0, Vec::len);
        assert_eq!(
            page.matches("<tr data-seat=").count(),
            rounds.len() + c["members"].as_array().unwrap().len() + sitting,
            "{log}"
        );
        for x in rounds {
            let row = format!(
                "<tr data-seat=\"{}\" data-option=\"{}\" data-figure=\"{}\" data-exact=\"{}\">",
                x["seat"],
                attr(x["option"].as_str().unwrap()),
                x["figure"].as_str().unwrap(),
                x["figure_exact"].as_str().unwrap()
            );
            assert!(page.contains(&row), "{log}: {row}");
            if let Some(m) = x["member"].as_str() {
                assert!(
                    page.contains(&format!("<bdi>{}</bdi>", attr(m))),
                    "{log}: {m}"
                );
            }
        }
        for m in c["members"]
            .as_array()
            .unwrap()
            .iter()
            .chain(c["sitting"].as_array().into_iter().flatten())
        {
            let row = format!(
                "<tr data-seat=\"{}\" data-option=\"{}\" data-member=\"{}\">",
                m["seat"],
                attr(m["option"].as_str().unwrap()),
                attr(m["name"].as_str().unwrap())
            );
            assert!(page.contains(&row), "{log}: {row}");
        }
        if let Some(n) = c["next"].as_object() {
            assert!(page.contains(&format!(
                "class=\"next\" data-option=\"{}\" data-exact=\"{}\"",
                attr(n["option"].as_str().unwrap()),
                n["figure_exact"].as_str().unwrap()
            )));
        }
        // One bar per party or individual candidate, in a labelled chart.
        assert_eq!(
            page.matches("<g class=\"bar\">").count(),
            c["options"].as_array().unwrap().len(),
            "{log}"
        );
        assert!(page.contains("role=\"img\""));
        // Signature and date lines under the declaration, and the chain
        // head in every running header.
        assert!(page.contains("<div class=\"signature\">"));
        assert_eq!(page.matches("<header class=\"running\">").count(), 3);
        assert!(!page.contains("<script"));
        assert!(page.contains("default-src 'none'"));
    }
}

/// The Senedd example worked by hand under the Government of Wales Act
/// 2006 s.9 as substituted by the Senedd Cymru (Members and Elections) Act
/// 2024 s.8 (D'Hondt: votes ÷ (1 + seats already allocated)): Labour
/// 40,400, Plaid Cymru 26,400, Reform UK 22,000, Rhys Morgan 13,200. Seats
/// 1-3: 40,400, 26,400, 22,000; seat 4: Labour 40,400 ÷ 2 = 20,200; seat 5:
/// Labour 40,400 ÷ 3 = 13,466.666… = 13,466.67; seat 6: Plaid Cymru
/// 26,400 ÷ 2 = 13,200 equals Rhys Morgan 13,200 ÷ 1, settled by the lot
/// the log records (it fell on Rhys Morgan); the next highest figure is
/// Plaid Cymru's 13,200.
#[test]
fn the_senedd_figures_worked_by_hand_are_on_the_page() {
    let page = html::list_contest_page(&list_contest("senedd-cwm-valleys.jsonl"));
    for (seat, option, figure, exact) in [
        (1, "LAB", "40400.00", "40400"),
        (2, "PC", "26400.00", "26400"),
        (3, "REF", "22000.00", "22000"),
        (4, "LAB", "20200.00", "20200"),
        (5, "LAB", "13466.67", "40400/3"),
    ] {
        assert!(
            page.contains(&format!(
                "<tr data-seat=\"{seat}\" data-option=\"{option}\" data-figure=\"{figure}\" data-exact=\"{exact}\">"
            )),
            "seat {seat}"
        );
    }
    assert!(page.contains("<td class=\"n\">13,466.67</td><td class=\"n\">40400/3</td>"));
    assert!(page.contains("data-figure=\"13200.00\" data-exact=\"13200\""));
    assert!(page.contains("equal highest figures: by lot"));
    assert!(
        page.contains("Lot for seat 6 between Plaid Cymru and Rhys Morgan: fell on Rhys Morgan")
    );
    assert!(page.contains("Next highest figure: <bdi>Plaid Cymru</bdi> 13,200.00 (13200)."));
}

#[test]
fn a_party_name_with_markup_is_escaped() {
    let mut c = list_contest("exampleshire-region.jsonl");
    let bad = "<script>alert(\"x\")</script> & 'Sons' \u{5d3}\u{5d5}\u{5d3}";
    c.options[0].name = bad.to_owned();
    c.options[0].list[0].name = "<b>bold</b>".to_owned();
    c.area = "<i>Region</i>".to_owned();
    let page = html::list_contest_page(&c);
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<b>bold"));
    assert!(!page.contains("<i>Region"));
    assert!(page.contains(
        "<bdi>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sons&#39; \u{5d3}\u{5d5}\u{5d3}</bdi>"
    ));
    assert!(page.contains("<bdi>&lt;b&gt;bold&lt;/b&gt;</bdi>"));
    assert!(page.contains("&lt;i&gt;Region&lt;/i&gt;"));
}

#[test]
fn the_command_line_writes_a_list_contests_pages() {
    let log = example("senedd-cwm-valleys.jsonl");
    let log = log.to_str().unwrap();
    // --contest names the list contest: the same page.
    let all = run(&["count", log, "--format", "html"]);
    let one = run(&["count", log, "--format", "html", "--contest", "cwm-valleys"]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(all.stdout, one.stdout);
    let page = html::list_contest_page(&list_contest("senedd-cwm-valleys.jsonl"));
    assert_eq!(stdout(&one), page);
    // --out DIR: the page, the index linking it, and SHA256SUMS.
    let dir = scratch();
    let out = dir.path().join("docs");
    let o = run(&[
        "count",
        log,
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.join("cwm-valleys.html")).unwrap(),
        page
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"cwm-valleys.html\">"), "{index}");
    assert!(index.contains("data-status=\"declared\""));
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    assert!(sums.contains("cwm-valleys.html"), "{sums}");
    assert!(sums.contains("index.html"), "{sums}");
    // The result formats are written too (their figures: tests/err_formats.rs).
    for format in ["dc-json", "err-json", "err-xml"] {
        let o = run(&["count", log, "--format", format]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(!o.stdout.is_empty());
    }
}

#[test]
fn the_list_pages_in_the_browser() {
    // PDF through Chromium when it is installed.
    if countroom_chromium::find().is_some() {
        let o = run(&[
            "count",
            example("senedd-cwm-valleys.jsonl").to_str().unwrap(),
            "--format",
            "pdf",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(o.stdout.starts_with(b"%PDF-"));
    }
    let Some(mut b) = crate::html::browser() else {
        return;
    };
    for log in LIST_LOGS {
        let c = list_contest(log);
        let loaded = b.load(&html::list_contest_page(&c)).unwrap();
        assert_eq!(loaded.errors, Vec::<String>::new(), "{log}");
        assert_eq!(loaded.requests, Vec::<String>::new(), "{log}");
        let seen: Value = serde_json::from_str(
            b.evaluate(
                r#"JSON.stringify({
  rounds: [...document.querySelectorAll('table.rounds tbody tr')].map(tr => [Number(tr.dataset.seat), tr.dataset.option, tr.dataset.exact, tr.cells[6].textContent]),
  members: [...document.querySelectorAll('table.members tbody tr')].map(tr => tr.cells[1].textContent),
  bars: document.querySelectorAll('svg.chart g.bar').length,
  labelled: [...document.querySelectorAll('svg.chart')].every(s => s.getAttribute('role') === 'img' && document.getElementById(s.getAttribute('aria-labelledby'))),
  overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  sections: document.querySelectorAll('section.doc').length
})"#,
            )
            .unwrap()
            .as_str()
            .unwrap(),
        )
        .unwrap();
        let rounds: Vec<Value> = c
            .rounds
            .iter()
            .map(|x| {
                serde_json::json!([
                    x.seat,
                    x.option,
                    x.figure_exact,
                    x.member.clone().unwrap_or_default()
                ])
            })
            .collect();
        assert_eq!(seen["rounds"], Value::Array(rounds), "{log}");
        let members: Vec<&str> = c.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(seen["members"], serde_json::json!(members), "{log}");
        assert_eq!(seen["bars"], c.options.len(), "{log}");
        assert_eq!(seen["labelled"], true, "{log}");
        assert_eq!(seen["overflow"], false, "{log}: wider than the window");
        assert_eq!(seen["sections"], 3, "{log}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Whatever the names, every one is escaped (no markup from the input
    /// reaches the page: the only tags are countroom's own) and the same
    /// report gives the same bytes.
    #[test]
    fn any_names_are_escaped(names in proptest::collection::vec(".{0,40}", 1..6)) {
        let mut c = list_contest("exampleshire-region.jsonl");
        for (o, n) in c.options.iter_mut().zip(&names) {
            o.name = format!("<x-in>{n}");
        }
        for (x, n) in c.rounds.iter_mut().zip(&names) {
            x.name = format!("<x-in>{n}");
            x.member = Some(format!("<x-in>{n}"));
        }
        let page = html::list_contest_page(&c);
        proptest::prop_assert!(!page.contains("<x-in>"));
        proptest::prop_assert_eq!(page, html::list_contest_page(&c));
    }
}

/// A Senedd list contest's page gives the Welsh heading where an official
/// Welsh text has the term (the Senedd Cymru (Members and Elections) Act
/// 2024's Welsh text: Part 2 "… dyrannu seddi", s.9 "Seddi gwag"), Welsh
/// first and marked `lang="cy"`, then the English; the headings with no
/// official Welsh found stay English only. A Scottish region's page is in
/// English.
#[test]
fn senedd_headings_in_welsh_where_the_welsh_is_official() {
    let page = html::list_contest_page(&list_contest("senedd-cwm-valleys.jsonl"));
    assert!(
        page.contains("<h1><span lang=\"cy\">Dyrannu seddi</span> / <span lang=\"en\" class=\"en\">Allocation of seats</span></h1>"),
        "{page}"
    );
    assert!(
        page.contains("<h2><span lang=\"cy\">Seddi gwag</span> / <span lang=\"en\" class=\"en\">Later vacancies in list seats</span></h2>"),
        "{page}"
    );
    assert!(page.contains("<h1>List votes</h1>"));
    assert!(page.contains("<h1>Declaration of the members returned</h1>"));
    let scottish = html::list_contest_page(&list_contest("exampleshire-region.jsonl"));
    assert!(scottish.contains("<h1>Allocation of seats</h1>"));
    assert!(!scottish.contains("lang=\"cy\""));
}

/// The declaration names the members returned at the declaration (audit
/// 12, finding 1): on the Senedd example, seat 4 is Bethan Lloyd, whom
/// round 4 returned and the Returning Officer declared on 2026-05-08; Emyr
/// Owen filled her seat on 2027-02-01 (entry 19) and appears only after
/// the signature, in the dated vacancies and the members sitting after
/// them. The signature names the office of whoever declared (finding 5:
/// the Scottish region's collating officer signs as the collating officer,
/// as the "Declared by" line says); the headings name the contest's area
/// (finding 4: the Senedd 2026 poll is a constituency, the Scottish one a
/// region). Read in the DOM of headless Chromium, in document order.
#[test]
fn the_declaration_names_those_declared_and_the_vacancies_follow_it() {
    for (log, declared, sitting, office, area) in [
        (
            "senedd-cwm-valleys.jsonl",
            [
                "Alun Rees",
                "Iwan Roberts",
                "Neil Baker",
                "Bethan Lloyd",
                "Carwyn Hughes",
                "Rhys Morgan",
            ]
            .as_slice(),
            [
                "Alun Rees",
                "Iwan Roberts",
                "Neil Baker",
                "Emyr Owen",
                "Carwyn Hughes",
                "Rhys Morgan",
            ]
            .as_slice(),
            "Returning Officer",
            "List votes in the constituency (authorised local totals)",
        ),
        (
            "exampleshire-region.jsonl",
            [
                "Stuart Logan",
                "Yasmin Laing",
                "Tessa Grant",
                "Lorna Hay",
                "Malcolm Shaw",
                "Uisdean Mackay",
                "Niamh Boyd",
            ]
            .as_slice(),
            [].as_slice(),
            "collating officer",
            "List votes in the region (authorised local totals)",
        ),
    ] {
        let page = html::list_contest_page(&list_contest(log));
        // The markup, without a browser.
        assert!(
            page.contains(&format!("<div>Signature ({office})</div>")),
            "{log}"
        );
        assert!(page.contains(&format!("<h2>{area}</h2>")), "{log}");
        assert!(
            !page.contains("(sitting, after the vacancies below)"),
            "{log}"
        );
        let Some(mut b) = crate::html::browser() else {
            continue;
        };
        let loaded = b.load(&page).unwrap();
        assert_eq!(loaded.errors, Vec::<String>::new(), "{log}");
        let seen: Value = serde_json::from_str(
            b.evaluate(
                r#"(() => {
  const sig = document.querySelector('div.signature');
  const members = document.querySelector('table.members');
  const sitting = document.querySelector('table.sitting');
  const after = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
  return JSON.stringify({
    declared: [...members.querySelectorAll('tbody tr')].map(tr => tr.cells[1].textContent),
    sitting: sitting ? [...sitting.querySelectorAll('tbody tr')].map(tr => tr.cells[1].textContent) : [],
    members_above_signature: after(members, sig),
    sitting_below_signature: sitting ? after(sig, sitting) : null,
    vacancies_below_signature: [...document.querySelectorAll('p.vacancy')].every(p => after(sig, p)),
    vacancy_dates: [...document.querySelectorAll('p.vacancy')].map(p => p.dataset.at),
    signature: sig.textContent,
    declared_by: document.querySelector('p.declared').textContent,
    headings: [...document.querySelectorAll('h2')].map(h => h.textContent)
  });
})()"#,
            )
            .unwrap()
            .as_str()
            .unwrap(),
        )
        .unwrap();
        assert_eq!(seen["declared"], serde_json::json!(declared), "{log}");
        assert_eq!(seen["sitting"], serde_json::json!(sitting), "{log}");
        assert_eq!(seen["members_above_signature"], true, "{log}");
        assert_eq!(seen["vacancies_below_signature"], true, "{log}");
        assert_eq!(
            seen["signature"],
            format!("Signature ({office})Date"),
            "{log}"
        );
        assert!(
            seen["declared_by"]
                .as_str()
                .unwrap()
                .contains(&format!(", {office} at ")),
            "{log}"
        );
        assert!(
            seen["headings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h == area),
            "{log}"
        );
        if sitting.is_empty() {
            assert_eq!(seen["sitting_below_signature"], Value::Null, "{log}");
            assert_eq!(seen["vacancy_dates"], serde_json::json!([]), "{log}");
        } else {
            assert_eq!(seen["sitting_below_signature"], true, "{log}");
            assert_eq!(
                seen["vacancy_dates"],
                serde_json::json!(["2027-02-01T10:00:00+00:00"]),
                "{log}"
            );
        }
    }
}
