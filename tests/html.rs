//! HTML and PDF documents: escaping, determinism, no external requests,
//! bilingual Welsh headings, long and many names, many stages; and in a real
//! browser (headless Chromium over the DevTools protocol): the candidates,
//! figures and elected names where they should be, one bar per candidate,
//! no console errors, no network requests, screenshots and PDFs.
//!
//! The browser tests need Chromium (`apt-get install chromium`; `.ci/run`
//! installs it): without it they say so and pass without asserting.

use std::collections::BTreeSet;

use countroom::count::{ContestReport, Report};
use countroom::html;
use countroom::stv::{self, Ballot, Candidate, Election, LotSource, StageSheet, StvRules};
use countroom_chromium::Browser;
use serde_json::Value;

use crate::support::{example, root, scratch};

/// The shipped example logs with documents to show.
const LOGS: [&str; 6] = [
    "abbey-ward.jsonl",
    "exampletown-mayor.jsonl",
    "exampleshire-mayor.jsonl",
    "stv-ward.jsonl",
    "two-seat-tie.jsonl",
    "westbury.jsonl",
];

fn report_of(log: &str) -> Report {
    countroom::report_from_log(&std::fs::read(example(log)).unwrap()).unwrap()
}

/// A contest of `n` candidates with hand-set votes (candidate i has
/// 1,000 + 7i votes; the last is elected), built on the abbey ward's
/// declared report.
fn many_candidates(n: usize) -> ContestReport {
    let mut c = report_of("two-seat-tie.jsonl").contests.remove(0);
    let template = c.candidates[0].clone();
    c.candidates = (0..n)
        .map(|i| {
            let mut x = template.clone();
            x.ballot_order = i + 1;
            x.id = format!("c{i}");
            x.name = format!("CANDIDATE {i:02}, Name");
            x.description = Some(if i % 3 == 0 {
                "Labour Party".into()
            } else {
                "Independent".into()
            });
            x.votes = Some(1_000 + 7 * i as u64);
            x.elected = i + 1 == n;
            x
        })
        .collect();
    c.elected.truncate(1);
    c.elected[0].id = format!("c{}", n - 1);
    c.elected[0].name = format!("CANDIDATE {:02}, Name", n - 1);
    c.runs.clear();
    c.lots.clear();
    c.recounts.clear();
    c.lot_required = None;
    c
}

/// Names that would break a page if written unescaped: markup, quotes,
/// control characters, right-to-left and combining characters, and a
/// 400-character name with no space.
const BAD_NAMES: [&str; 5] = [
    "<script>alert(\"x\")</script> & 'Sons'",
    "Tab\there\u{0}NUL\u{1b}ESC",
    "\u{5d3}\u{5d5}\u{5d3} \u{5db}\u{5d4}\u{5df}",
    "Zoe\u{308} Ne\u{301}ve",
    "",
];

fn long_name() -> String {
    "W".repeat(400)
}

fn bad_names() -> ContestReport {
    let mut c = many_candidates(6);
    for (i, name) in BAD_NAMES.iter().enumerate() {
        c.candidates[i].name = if name.is_empty() {
            long_name()
        } else {
            (*name).to_owned()
        };
    }
    c.candidates[1].description = Some("<b>bold</b> \"Party\"".into());
    c
}

/// A one-seat STV count of 31 candidates, each paper's next preference the
/// next candidate: 29 exclusions and more stages than any sheet countroom
/// has met.
fn thirty_stages() -> StageSheet {
    let n = 31u16;
    let candidates = (0..n)
        .map(|i| Candidate::new(format!("Candidate {i:02}").into_bytes()))
        .collect();
    let ballots = (0..n)
        .map(|i| Ballot {
            weight: 100 + 10 * u64::from(i),
            prefs: vec![i, (i + 1) % n],
        })
        .collect();
    let e = Election::new("Thirty stages", candidates, 1, BTreeSet::new(), ballots).unwrap();
    stv::count(StvRules::Scotland, &e, &mut LotSource::default()).unwrap()
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    for log in LOGS {
        let r = report_of(log);
        assert_eq!(
            html::report_page(&r),
            html::report_page(&report_of(log)),
            "{log}"
        );
        for (a, b) in html::report_pages(&r).iter().zip(html::report_pages(&r)) {
            assert_eq!(a.1, b.1);
        }
    }
}

#[test]
fn the_abbey_ward_page_is_pinned() {
    let r = report_of("abbey-ward.jsonl");
    crate::support::golden(
        "abbey-ward.html",
        html::contest_page(&r.contests[0]).as_bytes(),
    );
}

/// No page asks for anything: no scripts, no links, no images, no URLs
/// other than the SVG namespace, and a policy that forbids fetching.
#[test]
fn pages_are_self_contained() {
    for log in LOGS {
        for (_, page) in html::report_pages(&report_of(log)) {
            assert!(!page.contains("<script"), "{log}");
            assert!(!page.contains("<link"), "{log}");
            assert!(!page.contains("<img"), "{log}");
            assert!(!page.contains(" src="), "{log}");
            assert!(!page.contains("url("), "{log}");
            assert!(page.contains("default-src 'none'"), "{log}");
            let urls = page.matches("http://").count() + page.matches("https://").count();
            assert_eq!(
                urls,
                page.matches("http://www.w3.org/2000/svg").count(),
                "{log}"
            );
        }
    }
}

#[test]
fn names_are_escaped_and_shown_as_written() {
    let page = html::contest_page(&bad_names());
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sons&#39;"));
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt; &quot;Party&quot;"));
    // Control characters as their visible pictures; tabs kept.
    assert!(page.contains("Tab\there\u{2400}NUL\u{241b}ESC"));
    assert!(!page.contains('\u{0}'));
    // Right-to-left and combining characters written as they are, in <bdi>.
    assert!(page.contains("<bdi>\u{5d3}\u{5d5}\u{5d3} \u{5db}\u{5d4}\u{5df}</bdi>"));
    assert!(page.contains("Zoe\u{308} Ne\u{301}ve"));
    assert!(page.contains(&long_name()));
}

#[test]
fn every_candidate_has_one_bar_and_a_row() {
    for n in [1, 7, 60] {
        let c = many_candidates(n);
        let page = html::contest_page(&c);
        let chart = &page[page.find("class=\"votes-chart\"").unwrap()..];
        let chart = &chart[..chart.find("</figure>").unwrap()];
        assert_eq!(chart.matches("<g class=\"bar\">").count(), n);
        assert!(chart.contains("role=\"img\"") && chart.contains("aria-labelledby="));
        assert_eq!(page.matches("<tr data-candidate=").count(), n);
    }
}

/// Bar lengths are exact integer shares of the largest: with 60 candidates
/// of 1,000 + 7i votes the largest (1,413) is 330 units long, and candidate
/// 0's bar is 330 × 1,000 ÷ 1,413 = 233.54…, drawn 233 (rounded down).
#[test]
fn bar_lengths_are_worked_by_hand() {
    let page = html::contest_page(&many_candidates(60));
    assert!(
        page.contains("<rect x=\"230\" y=\"10\" width=\"233\" height=\"16\" fill=\"#c8102e\"/>")
    );
    assert!(page.contains("width=\"330\" height=\"16\" fill=\"#595959\"/>"));
}

#[test]
fn a_welsh_poll_has_welsh_and_english_headings() {
    let mut r = report_of("abbey-ward.jsonl");
    let mut c = r.contests.remove(0);
    c.contest.country = "wales";
    let page = html::contest_page(&c);
    assert!(page.contains("<html lang=\"cy\">"));
    assert!(page.contains("<span lang=\"cy\">Datganiad o ganlyniad y bleidlais</span> / <span lang=\"en\" class=\"en\">Declaration of result of poll</span>"));
    assert!(page.contains("<span lang=\"cy\">Llofnod</span>"));
    // English polls: English only.
    let english = html::contest_page(&report_of("abbey-ward.jsonl").contests[0]);
    assert!(!english.contains("lang=\"cy\""));
    // The translation hook: every message has both wordings.
    for (id, en, cy) in html::messages::MESSAGES {
        assert!(!en.is_empty() && !cy.is_empty(), "{id:?}");
    }
}

#[test]
fn the_declaration_has_signature_and_date_lines_and_the_chain_head() {
    let r = report_of("abbey-ward.jsonl");
    let page = html::contest_page(&r.contests[0]);
    assert!(page.contains(
        "<div class=\"signature\"><div>Signature (Returning Officer)</div><div>Date</div></div>"
    ));
    let head = countroom::io::render::digest_groups(&r.evidence.as_ref().unwrap().chain_head);
    // In every document's running header.
    let headers = page.matches("<header class=\"running\">").count();
    assert!(headers >= 4);
    assert_eq!(page.matches(&head).count(), headers + 1);
}

#[test]
fn thirty_stages_are_printed_five_to_a_table() {
    let sheet = thirty_stages();
    assert!(sheet.stages.len() >= 30, "{} stages", sheet.stages.len());
    let page = html::stage_sheet_page(&sheet);
    assert_eq!(
        page.matches("<table class=\"stages\"").count(),
        sheet.stages.len().div_ceil(html::STAGES_PER_TABLE)
    );
    // The line chart: one polyline per candidate, with the quota line.
    assert_eq!(page.matches("<polyline").count(), 31);
    assert!(page.contains(&format!("quota {}", sheet.quota.fixed(sheet.places))));
}

// ---- In the browser ----------------------------------------------------

pub(crate) fn browser() -> Option<Browser> {
    match Browser::start() {
        Ok(b) => Some(b),
        Err(countroom_chromium::Error::NotFound) => {
            assert!(
                std::env::var_os("COUNTROOM_REQUIRE_CHROMIUM").is_none(),
                "COUNTROOM_REQUIRE_CHROMIUM is set (as in CI) and Chromium is not installed"
            );
            eprintln!("skipping: headless Chromium is not installed (apt-get install chromium); the browser tests did not assert");
            None
        }
        Err(e) => panic!("Chromium is installed but did not start: {e}"),
    }
}

/// What the page shows, read from the DOM.
pub(crate) const READ_RESULT: &str = r#"JSON.stringify((() => {
  const sec = document.querySelector('section[data-doc="result"]');
  const rows = [...sec.querySelectorAll('table.candidates tbody tr')].map(tr =>
    [tr.dataset.candidate, tr.querySelector('td.name').textContent, (tr.querySelector('td.n[data-value]') || {dataset: {}}).dataset.value || null, tr.classList.contains('elected')]);
  const elected = [...sec.querySelectorAll('ul.elected li strong')].map(e => e.textContent);
  const bars = sec.querySelectorAll('figure.votes-chart svg g.bar').length;
  const labelled = [...document.querySelectorAll('svg.chart')].every(s => s.getAttribute('role') === 'img' && document.getElementById(s.getAttribute('aria-labelledby')));
  const width = document.documentElement.clientWidth;
  const overflow = document.documentElement.scrollWidth > width + 1;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + '>' + width);
  return {rows, elected, bars, labelled, overflow, wide, sections: document.querySelectorAll('section.doc').length};
})())"#;

pub(crate) fn read(b: &mut Browser) -> Value {
    serde_json::from_str(b.evaluate(READ_RESULT).unwrap().as_str().unwrap()).unwrap()
}

fn is_png(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.len() > 1000, "a screenshot of {} bytes", bytes.len());
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

fn is_pdf(bytes: &[u8]) {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert!(bytes.len() > 2000);
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
    assert!(tail.contains("%%EOF"));
}

#[test]
fn every_example_in_the_browser() {
    let Some(mut b) = browser() else { return };
    for log in LOGS {
        let r = report_of(log);
        for c in &r.contests {
            let page = html::contest_page(c);
            let loaded = b.load(&page).unwrap();
            assert_eq!(
                loaded.errors,
                Vec::<String>::new(),
                "{log} {}",
                c.contest.id
            );
            assert_eq!(
                loaded.requests,
                Vec::<String>::new(),
                "{log} {}",
                c.contest.id
            );
            let seen = read(&mut b);
            let rows = seen["rows"].as_array().unwrap();
            assert_eq!(rows.len(), c.candidates.len(), "{log}");
            for (row, cand) in rows.iter().zip(&c.candidates) {
                assert_eq!(row[0], cand.id.as_str());
                assert_eq!(row[1], cand.name.as_str());
                assert_eq!(
                    row[2].as_str().map(str::to_owned),
                    cand.votes.map(|v| v.to_string())
                );
                assert_eq!(row[3], cand.elected);
            }
            let elected: Vec<&str> = c.elected.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(seen["elected"], serde_json::json!(elected), "{log}");
            if c.candidates.iter().any(|x| x.votes.is_some()) {
                assert_eq!(seen["bars"], c.candidates.len(), "{log}");
            }
            assert_eq!(seen["labelled"], true);
            assert_eq!(
                seen["overflow"], false,
                "{log}: the page is wider than the window: {}",
                seen["wide"]
            );
        }
    }
    // The abbey ward declared: a screenshot and the PDF.
    let r = report_of("abbey-ward.jsonl");
    b.load(&html::contest_page(&r.contests[0])).unwrap();
    let (w, h) = is_png(&b.screenshot(900).unwrap());
    assert_eq!(w, 900);
    assert!(h > 1000, "{h}");
    let pdf = b.pdf("Abbey Ward", "page", "of").unwrap();
    is_pdf(&pdf);
    // The README's picture: the result sheet, small (UPDATE_SCREENSHOT=1).
    let png = b
        .screenshot_of("section[data-doc=\"result\"]", 760)
        .unwrap();
    is_png(&png);
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        std::fs::write(root().join("docs/images/result-sheet.png"), &png).unwrap();
    }
}

/// The demo's pages (every part: the count logs, the accounts, the STV
/// ward, the index): no console errors, no requests, nothing wider than
/// the window, one bar per candidate on the STV chart.
#[test]
fn the_demo_pages_in_the_browser() {
    let dir = scratch();
    let o = crate::support::run(&["demo", "--html-dir", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    assert!(crate::support::stderr(&o).contains(&dir.path().display().to_string()));
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 7, "{files:?}");
    let Some(mut b) = browser() else { return };
    for f in &files {
        let loaded = b.load(&std::fs::read_to_string(f).unwrap()).unwrap();
        assert!(
            loaded.errors.is_empty() && loaded.requests.is_empty(),
            "{}: {loaded:?}",
            f.display()
        );
        let wide = b
            .evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1",
            )
            .unwrap();
        assert_eq!(wide, true, "{} is wider than the window", f.display());
    }
    b.load(&std::fs::read_to_string(dir.path().join("part5-stv-ward.html")).unwrap())
        .unwrap();
    assert_eq!(
        b.evaluate("document.querySelectorAll('figure.votes-chart g.bar').length")
            .unwrap(),
        6
    );
    assert_eq!(
        b.evaluate("document.querySelectorAll('figure.stages-chart polyline').length")
            .unwrap(),
        6
    );
    b.load(&std::fs::read_to_string(dir.path().join("part3-exampleshire-mayor.html")).unwrap())
        .unwrap();
    assert_eq!(
        b.evaluate("document.querySelectorAll('figure.regions-chart g.stack').length")
            .unwrap(),
        3
    );
    is_pdf(&b.pdf("demo", "page", "of").unwrap());
    // `collate --format html`: the regions' rows and one bar per region.
    let dir = example("referendum-totals").display().to_string();
    let o = crate::support::run(&[
        "collate",
        &dir,
        "--poll",
        "Exampleshire referendum",
        "--format",
        "html",
    ]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let loaded = b.load(&String::from_utf8(o.stdout).unwrap()).unwrap();
    assert!(
        loaded.errors.is_empty() && loaded.requests.is_empty(),
        "{loaded:?}"
    );
    let regions = b
        .evaluate("document.querySelectorAll('table.regions tr.region').length")
        .unwrap();
    assert_eq!(
        b.evaluate("document.querySelectorAll('figure.regions-chart g.stack').length")
            .unwrap(),
        regions
    );
    assert!(regions.as_u64().unwrap() >= 1);
}

#[test]
fn bad_input_in_the_browser() {
    let Some(mut b) = browser() else { return };
    // Names with markup, control characters, right-to-left text and a very
    // long name: escaped, shown as written, and the page does not overflow.
    let c = bad_names();
    let loaded = b.load(&html::contest_page(&c)).unwrap();
    assert!(
        loaded.errors.is_empty() && loaded.requests.is_empty(),
        "{loaded:?}"
    );
    let seen = read(&mut b);
    let rows = seen["rows"].as_array().unwrap();
    assert_eq!(rows[0][1], BAD_NAMES[0]);
    assert_eq!(rows[2][1], BAD_NAMES[2]);
    assert_eq!(rows[4][1], long_name().as_str());
    assert_eq!(
        seen["overflow"], false,
        "a long name widened the page: {}",
        seen["wide"]
    );
    let scripts = b.evaluate("document.scripts.length").unwrap();
    assert_eq!(scripts, 0);
    // 60 candidates: 60 rows and 60 bars.
    b.load(&html::contest_page(&many_candidates(60))).unwrap();
    let seen = read(&mut b);
    assert_eq!(seen["rows"].as_array().unwrap().len(), 60);
    assert_eq!(seen["bars"], 60);
    assert_eq!(seen["overflow"], false);
    is_png(&b.screenshot(900).unwrap());
    // 30 stages: tables of five stages that fit the page, the charts, a PDF.
    let sheet = thirty_stages();
    let loaded = b.load(&html::stage_sheet_page(&sheet)).unwrap();
    assert!(
        loaded.errors.is_empty() && loaded.requests.is_empty(),
        "{loaded:?}"
    );
    let tables = b
        .evaluate("[...document.querySelectorAll('table.stages')].map(t => t.getBoundingClientRect().right + ' <= ' + document.documentElement.clientWidth)")
        .unwrap();
    let tables = tables.as_array().unwrap();
    assert_eq!(
        tables.len(),
        sheet.stages.len().div_ceil(html::STAGES_PER_TABLE)
    );
    for t in tables {
        let (right, width) = t.as_str().unwrap().split_once(" <= ").unwrap();
        assert!(
            right.parse::<f64>().unwrap().floor() <= width.parse::<f64>().unwrap(),
            "a stage table is wider than the page: {t}"
        );
    }
    assert_eq!(
        b.evaluate("document.querySelectorAll('figure.votes-chart g.bar').length")
            .unwrap(),
        31
    );
    is_pdf(&b.pdf("Thirty stages", "page", "of").unwrap());
}

/// `--format html --out DIR` writes one page per contest; `--format pdf`
/// prints when Chromium is installed, and says how to install it when not.
#[test]
fn the_command_line_writes_html_and_pdf() {
    let dir = scratch();
    let out = dir.path().join("docs");
    let o = crate::support::run(&[
        "count",
        "examples/data/abbey-ward.jsonl",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let page = std::fs::read_to_string(out.join("abbey.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(out.join("abbey-town.html").is_file());
    // `verify --format html`: each poll's statement, a row per box.
    let o = crate::support::run(&[
        "verify",
        "examples/data/abbey-ward.jsonl",
        "--format",
        "html",
    ]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let page = String::from_utf8(o.stdout).unwrap();
    let r = report_of("abbey-ward.jsonl");
    let rows: usize = r
        .contests
        .iter()
        .filter_map(|c| c.verification.as_ref())
        .map(|v| v.boxes.len())
        .sum();
    assert!(rows > 0);
    assert_eq!(page.matches("<tr data-box=").count(), rows);
    assert_eq!(
        page.matches("data-doc=\"verification\"").count(),
        r.contests.len()
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_countroom"))
        .args(["count", "examples/data/abbey-ward.jsonl", "--format", "pdf"])
        .current_dir(root())
        .env("COUNTROOM_CHROMIUM", "/nonexistent/chromium")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(crate::support::stderr(&o).contains("apt-get install chromium"));
    if countroom_chromium::find().is_none() {
        assert!(std::env::var_os("COUNTROOM_REQUIRE_CHROMIUM").is_none());
        eprintln!("skipping: headless Chromium is not installed; --format pdf was not printed");
        return;
    }
    let o = crate::support::run(&[
        "stv",
        "--rules",
        "scotland",
        "examples/data/stv-ward.blt",
        "--format",
        "pdf",
    ]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    is_pdf(&o.stdout);
}
