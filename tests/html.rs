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
    // Parts 1-5, 7 (the parish poll), 8 (the two neighbourhood planning
    // referendums), 9 and 10 (the list polls), 11 and 12 (the council tax
    // and governance referendums), the index, and the set's SHA256SUMS
    // (the pages are written as `count --out` writes a set).
    assert_eq!(files.len(), 15, "{files:?}");
    assert!(dir.path().join("SHA256SUMS").is_file());
    files.retain(|f| f.extension().is_some_and(|x| x == "html"));
    assert_eq!(files.len(), 14, "{files:?}");
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
    // The index: every contest in the report's order, with its status and
    // a relative link, and in SHA256SUMS like every other page.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let r = report_of("abbey-ward.jsonl");
    let rows: Vec<&str> = index.split("<tr data-contest=").skip(1).collect();
    assert_eq!(rows.len(), r.contests.len());
    for (row, c) in rows.iter().zip(&r.contests) {
        assert!(row.starts_with(&format!("\"{}\"", c.contest.id)), "{row}");
        assert!(
            row.contains(&format!("<a href=\"{}.html\">", c.contest.id)),
            "{row}"
        );
        assert!(
            row.contains(&format!("data-status=\"{}\"", c.status.code())),
            "{row}"
        );
    }
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    let names: Vec<&str> = sums.lines().map(|l| &l[66..]).collect();
    assert_eq!(names, ["abbey-town.html", "abbey.html", "index.html"]);
    assert!(sums.contains(&format!(
        "{}  index.html",
        countroom::io::sha256_hex(index.as_bytes())
    )));
    // The same log, the same index.
    let again = dir.path().join("again");
    let o = crate::support::run(&[
        "count",
        "examples/data/abbey-ward.jsonl",
        "--format",
        "html",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    assert_eq!(
        std::fs::read_to_string(again.join("index.html")).unwrap(),
        index
    );
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
    // The same page, printed again a second later: the same bytes (the
    // creation and modification dates blanked out in place), and every
    // cross-reference offset still at its object.
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    let again = crate::support::run(&[
        "stv",
        "--rules",
        "scotland",
        "examples/data/stv-ward.blt",
        "--format",
        "pdf",
    ]);
    assert!(again.status.success());
    assert!(o.stdout == again.stdout, "two prints of one page differ");
    xref_offsets_hold(&o.stdout);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains("/CreationDate") && !text.contains("/ModDate"));
}

/// Every in-use entry of the PDF's cross-reference table points at its
/// object (`N 0 obj`), and `startxref` at the table.
fn xref_offsets_hold(pdf: &[u8]) {
    let pos = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let at = pos(pdf, b"startxref").unwrap() + 9;
    let tail = std::str::from_utf8(&pdf[at..]).unwrap();
    let start: usize = tail
        .split_ascii_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let table = &pdf[start..];
    let table = std::str::from_utf8(&table[..pos(table, b"trailer").unwrap()]).unwrap();
    assert!(table.starts_with("xref"));
    let mut lines = table.lines().skip(1);
    let (first, count) = lines.next().unwrap().split_once(' ').unwrap();
    let (first, count): (usize, usize) = (first.parse().unwrap(), count.trim().parse().unwrap());
    assert!(count > 10);
    for (i, line) in lines.take(count).enumerate() {
        if line.trim_end().ends_with('n') {
            let offset: usize = line[..10].parse().unwrap();
            let head = format!("{} 0 obj", first + i);
            assert!(
                pdf[offset..].starts_with(head.as_bytes()),
                "{head} at {offset}"
            );
        }
    }
}

// ---- The STV transfers as a flow chart ----------------------------------

/// A one-seat STV count of `n` candidates, each paper's next preference the
/// next candidate (as [`thirty_stages`]).
fn chain_count(n: u16) -> StageSheet {
    let candidates = (0..n)
        .map(|i| {
            let mut c = Candidate::new(format!("Candidate {i:02}").into_bytes());
            if i % 4 == 0 {
                c.party = Some(b"Scottish Labour".to_vec());
            }
            c
        })
        .collect();
    let ballots = (0..n)
        .map(|i| Ballot {
            weight: 100 + 10 * u64::from(i),
            prefs: vec![i, (i + 1) % n],
        })
        .collect();
    let e = Election::new("Chain", candidates, 1, BTreeSet::new(), ballots).unwrap();
    stv::count(StvRules::Scotland, &e, &mut LotSource::default()).unwrap()
}

/// The (stage, recipient) pairs with a non-zero transfer, read from the
/// sheet's figures directly: each candidate's positive transfer, and the
/// increase of the non-transferable papers and of the loss to truncation.
fn nonzero_transfers(sheet: &StageSheet) -> usize {
    sheet
        .stages
        .windows(2)
        .map(|w| {
            w[1].transfers.iter().filter(|v| v.units() > 0).count()
                + usize::from(w[1].non_transferable > w[0].non_transferable)
                + usize::from(w[1].rounding_loss > w[0].rounding_loss)
        })
        .sum()
}

/// The shipped example ward, worked by hand (see `stv::cli_example_ward_golden`):
/// stage 2 moves FRASER's surplus of 10.00000 as BROWN 8.33310, ROSS
/// 1.66662 and 0.00028 lost to truncation (SLGEO 2011 Sch 1 r.49): three
/// flows, and a row each in the transfers table.
#[test]
fn the_flow_chart_of_the_example_ward_is_worked_by_hand() {
    let o = crate::support::run(&[
        "stv",
        "--rules",
        "scotland",
        "examples/data/stv-ward.blt",
        "--format",
        "html",
    ]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let page = String::from_utf8(o.stdout).unwrap();
    let chart = &page[page.find("<figure class=\"flow-chart\">").unwrap()..];
    let chart = &chart[..chart.find("</figure>").unwrap()];
    assert!(chart.contains("role=\"img\"") && chart.contains("<title id=\"stv-flows-title\">"));
    assert_eq!(chart.matches("<g class=\"flow\"").count(), 9);
    for (to, units) in [("1", 833_310), ("5", 166_662), ("loss", 28)] {
        assert!(
            chart.contains(&format!(
                "<g class=\"flow\" data-stage=\"2\" data-to=\"{to}\" data-units=\"{units}\">"
            )),
            "{to}"
        );
    }
    assert!(chart.contains("quota 26.00000"));
    assert!(page.contains("<tr data-stage=\"2\"><td class=\"n\">2</td><td><bdi>Morag FRASER</bdi></td><td><bdi>Ailsa BROWN</bdi></td><td class=\"n\" data-units=\"833310\">8.33310</td></tr>"));
    assert_eq!(page.matches("<tr data-stage=").count(), 9);
    // Pinned against regressions (the figures above are the proof).
    crate::support::golden("stv-ward.html", page.as_bytes());
}

/// A count log's STV contest (examples/data/stv-ward.jsonl): its page has
/// the same flow chart, one flow per (stage, recipient), and each stage's
/// flows sum to what its candidates passed on.
#[test]
fn an_stv_contest_of_a_log_has_the_flow_chart() {
    let r = report_of("stv-ward.jsonl");
    let c = r.contests.iter().find(|c| c.stage_sheet.is_some()).unwrap();
    let sheet = c.stage_sheet.as_ref().unwrap();
    let page = html::contest_page(c);
    assert_eq!(
        page.matches("<g class=\"flow\"").count(),
        nonzero_transfers(sheet)
    );
    for s in sheet.stages.iter().skip(1) {
        let out: i64 = s
            .transfers
            .iter()
            .filter(|v| v.units() < 0)
            .map(|v| -v.units())
            .sum();
        let got: i64 = page
            .split(&format!("<g class=\"flow\" data-stage=\"{}\" ", s.number))
            .skip(1)
            .map(|x| {
                let u = &x[x.find("data-units=\"").unwrap() + 12..];
                u[..u.find('"').unwrap()].parse::<i64>().unwrap()
            })
            .sum();
        assert_eq!(got, out, "stage {}", s.number);
    }
}

#[test]
fn the_flow_chart_has_one_flow_per_stage_and_recipient() {
    for sheet in [thirty_stages(), chain_count(60)] {
        let page = html::stage_sheet_page(&sheet);
        assert_eq!(
            page.matches("<g class=\"flow\"").count(),
            nonzero_transfers(&sheet)
        );
        assert_eq!(page, html::stage_sheet_page(&sheet));
    }
}

/// In the browser: one flow element per (stage, recipient) with a non-zero
/// transfer, for 30 stages and for 60 candidates, the chart inside the
/// page; and Glasgow 2017 Ward 7 Langside against the council's official
/// stage sheet: the stage 2 flows from Susan AITKEN's surplus total
/// 724.00000, Anna RICHARDSON's is 550.67526, and the non-transferable
/// votes with the loss to truncation 31.24750 (the sheet's one
/// "non-transferable" figure holds both).
#[test]
fn the_flow_chart_in_the_browser() {
    let Some(mut b) = browser() else { return };
    let count_flows = "document.querySelectorAll('figure.flow-chart svg g.flow').length";
    let fits = "[...document.querySelectorAll('figure.flow-chart svg')].every(s => s.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)";
    for sheet in [thirty_stages(), chain_count(60)] {
        let loaded = b.load(&html::stage_sheet_page(&sheet)).unwrap();
        assert!(
            loaded.errors.is_empty() && loaded.requests.is_empty(),
            "{loaded:?}"
        );
        assert_eq!(
            b.evaluate(count_flows).unwrap(),
            nonzero_transfers(&sheet) as u64
        );
        assert_eq!(b.evaluate(fits).unwrap(), true);
        assert_eq!(
            b.evaluate("document.querySelectorAll('table.transfers tbody tr').length")
                .unwrap(),
            nonzero_transfers(&sheet) as u64
        );
    }
    let Some(dir) = crate::support::dataset("scotland-stv/glasgow-2017-official") else {
        return;
    };
    let blt = std::fs::read(
        dir.join("PreferenceProfile_Report_Ward_7_Langside_05052017_163223.xlsx.derived.blt"),
    )
    .unwrap();
    let e = stv::blt::read(&blt).unwrap();
    let sheet = stv::count(StvRules::Scotland, &e, &mut LotSource::none()).unwrap();
    let richardson = sheet
        .candidates
        .iter()
        .position(|c| c.name == b"Anna RICHARDSON")
        .unwrap();
    b.load(&html::stage_sheet_page(&sheet)).unwrap();
    let mut sum = |sel: &str| {
        b.evaluate(&format!(
            "[...document.querySelectorAll('figure.flow-chart g.flow[data-stage=\"2\"]{sel}')].reduce((a, g) => a + Number(g.dataset.units), 0)"
        ))
        .unwrap()
    };
    assert_eq!(sum(""), 72_400_000);
    assert_eq!(
        sum(&format!("[data-to=\"{}\"]", richardson + 1)),
        55_067_526
    );
    assert_eq!(sum(":is([data-to=\"nt\"], [data-to=\"loss\"])"), 3_124_750);
    assert_eq!(
        b.evaluate(count_flows).unwrap(),
        nonzero_transfers(&sheet) as u64
    );
    is_pdf(&b.pdf("Langside", "page", "of").unwrap());
}

// ---- HTML for `results`, `spending-limit` and `stv --papers` ------------

fn html_of(args: &[&str], ok: bool) -> String {
    let o = crate::support::run(args);
    assert_eq!(o.status.success(), ok, "{}", crate::support::stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

fn results_html() -> String {
    // Exit 1: the report lists problems (the shipped file has two).
    html_of(
        &[
            "results",
            "examples/data/published/results.csv",
            "--contests",
            "examples/data/published/contests.csv",
            "--previous",
            "examples/data/published/previous.csv",
            "--format",
            "html",
        ],
        false,
    )
}

fn spending_html() -> String {
    html_of(
        &[
            "spending-limit",
            "--election",
            "local",
            "--electors",
            "5000",
            "--declared",
            "2026-05-08",
            "--format",
            "html",
        ],
        true,
    )
}

fn stv_papers_html() -> String {
    html_of(
        &[
            "stv",
            "--rules",
            "scotland",
            "--papers",
            "examples/data/stv-ward-papers.csv",
            "--seats",
            "3",
            "--decisions",
            "examples/data/stv-ward-papers.decisions.csv",
            "--format",
            "html",
        ],
        true,
    )
}

/// `results --format html`: the problems (Castlebury's published winner
/// is not the candidate with the most votes, IRWIN 14,912 against HUGHES
/// 14,870, a majority of 42: RPA 1983 Sch 1 r.50; Eastwick's tie, which
/// only a lot decides), each contest's candidates, and the summary by
/// party with the same figures as the JSON report of the same files.
#[test]
fn results_in_html() {
    let page = results_html();
    assert_eq!(page.matches("<li class=\"problem\"").count(), 2);
    let codes: Vec<&str> = page
        .split("<li class=\"problem\" data-code=\"")
        .skip(1)
        .map(|x| &x[..x.find('"').unwrap()])
        .collect();
    assert_eq!(codes, ["wrong_winner", "boundary_tie"]);
    let json: Value = serde_json::from_slice(
        &crate::support::run(&[
            "results",
            "examples/data/published/results.csv",
            "--contests",
            "examples/data/published/contests.csv",
            "--previous",
            "examples/data/published/previous.csv",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    let contests = json["contests"].as_array().unwrap();
    assert_eq!(
        page.matches("<div class=\"contest\"").count(),
        contests.len()
    );
    let rows: usize = contests
        .iter()
        .map(|c| c["candidates"].as_array().unwrap().len())
        .sum();
    assert_eq!(page.matches("<tr data-candidate=").count(), rows);
    for p in json["parties"].as_array().unwrap() {
        assert!(page.contains(&format!(
            "<td class=\"n\" data-value=\"{}\">",
            p["votes"].as_u64().unwrap()
        )));
    }
    assert_eq!(
        page.matches("<tr data-party=").count(),
        json["parties"].as_array().unwrap().len()
    );
    assert!(page.contains("<bdi>IRWIN, Ivy</bdi></td><td><bdi>Blue</bdi></td><td class=\"n\" data-value=\"14912\">14,912</td>"));
    assert!(page.contains("elected; NOT PUBLISHED AS ELECTED"));
    assert!(page.contains("majority 42."));
    assert_eq!(
        page.matches("<g class=\"bar\">").count(),
        json["parties"].as_array().unwrap().len()
    );
}

/// `spending-limit --format html`: £960 + 5,000 electors × 8p = £1,360.00
/// (RPA 1983 s.76(2)(b), the current English figures); declared on Friday
/// 8 May 2026, the return is due 35 days later, Friday 12 June 2026
/// (s.81(1)), no day passed over.
#[test]
fn spending_limit_in_html() {
    let page = spending_html();
    assert!(page.contains("£960.00 + 5,000 × £0.08 = £1,360.00"));
    assert!(page.contains("data-pence=\"136000\""));
    assert!(page.contains("data-date=\"2026-06-12\""));
    assert!(!page.contains("<script"));
}

/// `stv --papers --format html`: the stage sheet, then the statement of
/// rejected ballot papers (SLGEO 2011 Sch 1 r.44) with the figures the text
/// statement gives (heads a–e: 1, 1, 1, 1, 2; total 6; read 120, valid
/// 114), and the adjudication record: P110 decided valid, P115 rejected as
/// the decisions file records.
#[test]
fn stv_papers_in_html() {
    let page = stv_papers_html();
    assert!(page.contains("data-doc=\"stages\""));
    let statement = &page[page.find("data-doc=\"rejected\"").unwrap()..];
    let heads: Vec<&str> = statement
        .split("<tr data-head=")
        .skip(1)
        .map(|r| {
            let v = &r[r.find("data-value=\"").unwrap() + 12..];
            &v[..v.find('"').unwrap()]
        })
        .collect();
    assert_eq!(heads, ["1", "1", "1", "1", "2"]);
    assert!(statement.contains("<th>Total</th><td class=\"n\" data-value=\"6\">6</td>"));
    assert!(statement.contains("<tr><th>Read</th><td class=\"n\">120</td></tr>"));
    assert!(statement.contains("<tr><th>Valid</th><td class=\"n\">114</td></tr>"));
    assert!(statement.contains("<tr data-paper=\"P110\"><td><bdi>P110</bdi></td><td class=\"n\">111</td><td>not_a_figure</td><td>valid, preferences 4</td></tr>"));
    assert!(statement.contains("<td>rejected, unmarked_or_void</td>"));
}

#[test]
fn results_spending_and_stv_papers_in_the_browser() {
    let Some(mut b) = browser() else { return };
    for page in [results_html(), spending_html(), stv_papers_html()] {
        let loaded = b.load(&page).unwrap();
        assert!(
            loaded.errors.is_empty() && loaded.requests.is_empty(),
            "{loaded:?}"
        );
        assert_eq!(
            b.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
            )
            .unwrap(),
            true
        );
        is_pdf(&b.pdf("doc", "page", "of").unwrap());
    }
    b.load(&results_html()).unwrap();
    assert_eq!(
        b.evaluate("document.querySelectorAll('ul.problems li').length")
            .unwrap(),
        2
    );
    assert_eq!(
        b.evaluate("document.querySelectorAll('figure.votes-chart g.bar').length")
            .unwrap(),
        b.evaluate("document.querySelectorAll('table.parties tbody tr').length")
            .unwrap()
    );
}
