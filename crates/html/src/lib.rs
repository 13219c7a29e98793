//! countroom's documents as HTML: self-contained, printable pages with
//! inline SVG charts.
//!
//! Every function here is a pure function from a document type of the
//! count (the same [`Report`] the text, JSON and CSV renderers take, the
//! STV [`countroom_stv::StageSheet`], the election
//! [`countroom_accounts::Accounts`]) to the bytes of a page:
//! the same input gives the same bytes, nothing reads a clock or the
//! environment, and nothing is fetched when the page is shown (inline CSS,
//! no scripts, no fonts, images or links to other hosts; a
//! Content-Security-Policy of `default-src 'none'` says so to the browser).
//! A server can call [`contest_page`], [`report_pages`] and
//! [`index_page`] as they are.
//!
//! Every text from the input goes through one escaping writer
//! ([`escape`]); names are isolated for bidirectional text (`<bdi>`), so a
//! right-to-left or combining name renders as written. Welsh polls print
//! their headings and fixed wording in Welsh and English ([`messages`]).
//!
//! Printing: A4 pages, each document starting a new page with a header
//! naming the poll, the contest and the count log's chain head; the
//! declaration ends with signature and date lines. Page numbers ("page N
//! of M") are added by the PDF route (`countroom --format pdf`), which
//! prints through Chromium with a footer template: CSS `@page` margin boxes
//! are not supported by Chromium.

pub mod chart;
mod contest;
pub mod flow;
mod list;
mod markup;
pub mod messages;
mod other;
mod published;

use countroom_count::{ContestReport, Report};

pub use contest::{contest_page, report_page, report_pages, verification_page};
pub use list::list_contest_page;
pub use markup::escape;
pub use messages::{Lang, Msg};
pub use other::{
    accounts_page, claim_forms_page, collation_page, contests_index_page, index_page,
    stage_sheet_page, stage_sheet_with_papers_page, CHOICE_COLOURS, STAGES_PER_TABLE,
};
pub use published::{results_page, spending_page};

/// The style sheet every page carries inline (A4 print rules included).
pub const STYLE: &str = include_str!("style.css");

use markup::Html;

/// The start of a page: doctype, language, policy, title and style.
fn page_start(h: &mut Html, lang: Lang, title: &str) {
    h.fixed("<!DOCTYPE html>\n");
    h.open(
        "html",
        &[("lang", if lang == Lang::Bilingual { "cy" } else { "en" })],
    );
    h.fixed("<head><meta charset=\"utf-8\">");
    h.fixed("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    h.fixed("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.fixed("<meta name=\"generator\" content=\"countroom\">");
    h.el("title", &[], title);
    h.fixed("<style>");
    h.fixed(STYLE);
    h.fixed("</style></head>\n<body>\n");
}

fn page_end(h: &mut Html) {
    h.fixed("</body>\n</html>\n");
}

/// A heading in the page's wording: bilingual polls give the Welsh, then
/// the English.
fn heading(h: &mut Html, tag: &'static str, lang: Lang, msg: Msg, suffix: &str) {
    h.open(tag, &[]);
    msg_text(h, lang, msg);
    if !suffix.is_empty() {
        h.text(suffix);
    }
    h.close(tag);
}

/// A fixed phrase in the page's wording.
fn msg_text(h: &mut Html, lang: Lang, msg: Msg) {
    match lang {
        Lang::English => {
            h.text(msg.en());
        }
        Lang::Bilingual => {
            h.el("span", &[("lang", "cy")], msg.cy());
            h.text(" / ");
            h.el("span", &[("lang", "en"), ("class", "en")], msg.en());
        }
    }
}

/// A document's running header: the poll, the contest and the count log's
/// chain head (when the report was made from a log file).
fn running_header(h: &mut Html, lang: Lang, r: &ContestReport) {
    let c = &r.contest;
    h.open("header", &[("class", "running")]);
    h.open("p", &[]);
    if !c.election_name.is_empty() {
        h.name(&c.election_name).text(" · ");
    }
    h.name(&c.title).text(" — ").name(&c.area);
    h.text(" · ");
    msg_text(h, lang, Msg::PollHeld);
    h.text(" ").text(&c.poll_day);
    h.close("p");
    if let Some(e) = &r.evidence {
        h.open("p", &[]);
        msg_text(h, lang, Msg::ChainHead);
        h.text(": ");
        h.el(
            "span",
            &[("class", "head-code")],
            &countroom_io::render::digest_groups(&e.chain_head),
        );
        h.close("p");
    }
    h.close("header");
}

/// The evidence the documents state about the log they were made from.
fn evidence_block(h: &mut Html, e: &countroom_count::Evidence) {
    h.open("div", &[("class", "evidence")]);
    h.open("p", &[]);
    if e.tamper_evident {
        h.text(&format!(
            "Count log: format version {}, hash-chained ({} entries). ",
            e.log_version,
            thousands(e.entries)
        ));
    } else {
        h.text(&format!(
            "Count log: format version {} ({} entries): NOT TAMPER-EVIDENT, its lines are not hash-chained. ",
            e.log_version,
            thousands(e.entries)
        ));
    }
    if let Some(sentence) = e.added_sentence() {
        h.text(&format!("{sentence} "));
    }
    h.text("Chain head: ");
    h.el(
        "span",
        &[("class", "head-code")],
        &countroom_io::render::digest_groups(&e.chain_head),
    );
    h.text(".");
    h.close("p");
    for c in &e.coverage {
        h.el("p", &[], &format!("Signatures: {c}."));
    }
    h.el("p", &[], &format!("{}.", upper_first(&e.authority_line())));
    if e.rules_match == Some(false) {
        h.el(
            "p",
            &[("class", "problem")],
            "The log was begun under another ruleset table than this countroom's.",
        );
    }
    h.el("p", &[], &format!("Made by countroom {}.", e.countroom));
    h.close("div");
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

use countroom_arith::thousands;

/// A whole report's contests, for [`index_page`] links: `(contest id,
/// title)`.
#[must_use]
pub fn contest_titles(report: &Report) -> Vec<(String, String)> {
    report
        .contests
        .iter()
        .map(|c| {
            (
                c.contest.id.clone(),
                format!("{} — {}", c.contest.title, c.contest.area),
            )
        })
        .chain(
            report
                .list_contests
                .iter()
                .map(|c| (c.contest.clone(), list::list_title(c))),
        )
        .collect()
}
