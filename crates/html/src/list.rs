//! A list contest's documents as a page: the list votes by counting area
//! and in the region, the constituency members returned (additional member
//! system), the allocation seat by seat, the next highest figure, lots,
//! recalculations, the members returned, the declaration and later
//! vacancies. The same [`ListContestReport`] the text, JSON and CSV
//! renderers take; every figure is printed as the report holds it (the
//! exact fraction and the two places, half to even, made by
//! `countroom-count`), nothing is recomputed here.

use countroom_arith::thousands;
use countroom_count::ListContestReport;

use crate::chart::{self, Bar};
use crate::contest::signature_lines_for;
use crate::markup::Html;
use crate::messages::Lang;
use crate::{evidence_block, page_end, page_start};

/// One list contest's documents as a self-contained page.
#[must_use]
pub fn list_contest_page(contest: &ListContestReport) -> String {
    let mut h = Html::new();
    page_start(&mut h, Lang::English, &list_title(contest));
    list_contest_sections(&mut h, contest);
    page_end(&mut h);
    h.finish()
}

pub(crate) fn list_title(r: &ListContestReport) -> String {
    format!("{} — {}", r.title, r.area)
}

/// The name of an option (its id when the report does not list it).
fn name_of<'a>(r: &'a ListContestReport, id: &'a str) -> &'a str {
    r.options
        .iter()
        .find(|o| o.id == id)
        .map_or(id, |o| o.name.as_str())
}

/// A person as the log's appointments name them ("Jane Marsh, Returning
/// Officer"), else as recorded.
fn who(r: &ListContestReport, by: &str) -> String {
    r.evidence
        .as_ref()
        .and_then(|e| e.offices.iter().rev().find(|o| o.person == by))
        .map_or_else(|| by.to_owned(), |o| format!("{}, {}", o.name, o.office))
}

/// A figure to two places with its whole part grouped in thousands
/// (`13,508.80`), as the text document prints it.
fn grouped(figure: Option<&str>) -> String {
    let Some(f) = figure else {
        return "(too large)".to_owned();
    };
    let (whole, frac) = f.split_once('.').unwrap_or((f, ""));
    let g = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_owned(), thousands);
    if frac.is_empty() {
        g
    } else {
        format!("{g}.{frac}")
    }
}

fn at(a: Option<&str>) -> String {
    a.map(|a| format!(" at {a}")).unwrap_or_default()
}

/// The running header: the poll, the contest and the chain head.
fn header(h: &mut Html, r: &ListContestReport) {
    h.open("header", &[("class", "running")]);
    h.open("p", &[]);
    if !r.election.is_empty() {
        h.name(&r.election).text(" · ");
    }
    h.name(&r.title).text(" — ").name(&r.area);
    h.text(" · Poll held ").text(&r.poll_date.to_string());
    h.close("p");
    if let Some(e) = &r.evidence {
        h.open("p", &[]);
        h.text("Chain head: ");
        h.el(
            "span",
            &[("class", "head-code")],
            &countroom_io::render::digest_groups(&e.chain_head),
        );
        h.close("p");
    }
    h.close("header");
}

/// Welsh headings on a Senedd list contest's page, only where an official
/// Welsh text gives the term: the Welsh text of the Senedd Cymru (Members
/// and Elections) Act 2024 (asc 4; legislation.gov.uk, its Welsh contents
/// and body, read), Part 2's heading "Y system bleidleisio mewn etholiadau
/// cyffredinol y Senedd a dyrannu seddi" ("… and allocation of seats") and
/// s.9's heading "Seddi gwag" ("Vacancies"). No official Welsh was found
/// for the page's other headings (the list votes, the members returned, the
/// declaration: the Welsh text of the Senedd Cymru (Representation of the
/// People) Order 2025's forms and the Electoral Commission's Welsh
/// guidance for the count were searched for and not reached), so they stay
/// in English: countroom does not make up Welsh wording for a statutory
/// document.
const ALLOCATION_CY: &str = "Dyrannu seddi";
/// See [`ALLOCATION_CY`]: s.9's heading in the 2024 Act's Welsh text.
const VACANCIES_CY: &str = "Seddi gwag";

/// Whether the contest is a Senedd poll (Welsh and English headings where
/// the Welsh is official).
fn senedd(r: &ListContestReport) -> bool {
    r.office.starts_with("senedd")
}

/// A heading: the official Welsh then the English for a Senedd poll
/// (`lang="cy"`, `lang="en"`, as the other Welsh documents print them),
/// else the English.
fn list_heading(h: &mut Html, r: &ListContestReport, tag: &'static str, cy: &str, en: &str) {
    if senedd(r) {
        h.open(tag, &[]);
        h.el("span", &[("lang", "cy")], cy);
        h.text(" / ");
        h.el("span", &[("lang", "en"), ("class", "en")], en);
        h.close(tag);
    } else {
        h.el(tag, &[], en);
    }
}

fn section_start(h: &mut Html, r: &ListContestReport, id: &str) {
    h.open(
        "section",
        &[
            ("class", "doc"),
            ("id", &format!("{}-{id}", r.contest)),
            ("data-doc", id),
            ("data-contest", &r.contest),
        ],
    );
    header(h, r);
}

/// Every document of one list contest, each a `<section class="doc">`
/// (a new printed page).
pub(crate) fn list_contest_sections(h: &mut Html, r: &ListContestReport) {
    section_start(h, r, "list-votes");
    h.el("h1", &[], "List votes");
    summary(h, r);
    areas(h, r);
    verification_by_area(h, r);
    doubtful_by_area(h, r);
    region(h, r);
    if !r.constituency_returns.is_empty() {
        returns(h, r);
    }
    h.close("section").newline();

    section_start(h, r, "allocation");
    list_heading(h, r, "h1", ALLOCATION_CY, "Allocation of seats");
    allocation(h, r);
    lots_and_recalculations(h, r);
    h.close("section").newline();

    section_start(h, r, "declaration");
    h.el("h1", &[], "Declaration of the members returned");
    members(h, r);
    declaration(h, r);
    if !r.vacancies.is_empty() {
        vacancies(h, r);
    }
    if let Some(e) = &r.evidence {
        evidence_block(h, e);
    }
    h.close("section").newline();
}

fn summary(h: &mut Html, r: &ListContestReport) {
    h.el(
        "p",
        &[],
        &format!(
            "Poll: {}. Seats to fill: {}. Ruleset: {} ({}).",
            r.poll_date, r.seats, r.ruleset_name, r.ruleset
        ),
    );
    h.el("p", &[], &format!("System: {}.", r.system));
    let method = if r.method == "ams" {
        format!("the additional member system: each figure is the votes divided by 1 + the constituency seats won {} + the list seats already allocated", r.in_area())
    } else {
        "D'Hondt: each figure is the votes divided by 1 + the list seats already allocated"
            .to_owned()
    };
    h.el("p", &[], &format!("Allocation: {method}."));
    if let Some(t) = &r.threshold {
        h.el(
            "p",
            &[],
            &format!(
                "Threshold: a party or individual candidate with less than {t} of the votes takes no seat."
            ),
        );
    }
    h.el(
        "p",
        &[],
        &format!("Equal highest figures: {}.", r.equal_figures),
    );
    h.el(
        "p",
        &[("class", "status"), ("data-status", r.status)],
        &format!("Status: {}.", r.status_words()),
    );
}

fn areas(h: &mut Html, r: &ListContestReport) {
    h.el("h2", &[], "List votes by counting area (local totals)");
    if r.areas.is_empty() {
        h.el("p", &[], "No counting area is defined.");
        return;
    }
    h.open("div", &[("class", "wide"), ("style", "overflow-x:auto")]);
    h.open("table", &[("class", "list-areas")]);
    h.open("thead", &[]).open("tr", &[]);
    h.el("th", &[], "Counting area");
    h.el("th", &[], "Status");
    for o in &r.options {
        h.open("th", &[]).name(&o.name).close("th");
    }
    h.el("th", &[("class", "n")], "Rejected");
    h.el("th", &[("class", "n")], "Papers forward");
    h.close("tr").close("thead").open("tbody", &[]);
    for a in &r.areas {
        h.open("tr", &[("data-area", &a.counting_area)]);
        h.open("td", &[]).name(&a.name).close("td");
        let status = if a.recounts > 0 {
            format!("{} (re-counted {})", a.status, a.recounts)
        } else {
            a.status.to_owned()
        };
        h.el("td", &[], &status);
        for (i, _) in r.options.iter().enumerate() {
            h.el(
                "td",
                &[("class", "n")],
                &a.votes.get(i).map_or_else(String::new, |v| thousands(*v)),
            );
        }
        h.el(
            "td",
            &[("class", "n")],
            &a.rejected.map_or_else(String::new, thousands),
        );
        h.el(
            "td",
            &[("class", "n")],
            &a.papers_forward.map_or_else(String::new, thousands),
        );
        h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    // The areas whose list papers are counted in the log: where the total
    // came from, the run, the papers counted and verified.
    for a in &r.areas {
        let Some(k) = &a.count else { continue };
        let source = match k.source {
            "counted" => "counted in the log; the completed count is the area's total",
            "counted_and_reported" => {
                "counted in the log; the local total reported agrees with the count"
            }
            "reported" => {
                "counting in the log; the local total reported stands until the count is completed"
            }
            _ => "counting in the log",
        };
        let rejected = k
            .papers_counted
            .checked_sub(k.valid)
            .map_or_else(|| "-".to_owned(), thousands);
        let verified = match (k.verified, k.variance, &k.verified_note) {
            (Some(v), Some(d), _) => format!(
                "Verified {}; papers counted − verified: {}.",
                thousands(v),
                countroom_arith::thousands_signed(d)
            ),
            (_, _, Some(why)) => format!("Verified: none ({why})."),
            _ => String::new(),
        };
        h.el(
            "p",
            &[
                ("class", "area-count"),
                ("data-area", &a.counting_area),
                ("data-source", k.source),
            ],
            &format!(
                "{}: {source}. Run {} ({}): papers counted {} = valid {} + rejected {}. {verified}",
                a.name,
                k.run,
                if k.completed { "completed" } else { "counting" },
                thousands(k.papers_counted),
                thousands(k.valid),
                rejected
            ),
        );
    }
}

/// The list papers' verification statement by counting area: where each
/// area's figures came from (counted in the log, or a local total
/// reported), its papers counted (or going forward, as reported), its
/// verified papers, the variance and the explanations recorded for it.
/// Shown where an area's papers are counted in the log or verified; the
/// headings are in English (no official Welsh of them was reached).
fn verification_by_area(h: &mut Html, r: &ListContestReport) {
    let shown = r.verification.is_some()
        || r.areas
            .iter()
            .any(|a| a.count.is_some() || a.verified.is_some());
    if shown {
        verification_table(h, r);
    }
}

/// `verify`'s page of a list contest: whether its list papers are verified
/// in the log (the statement's totals where they are), then the table by
/// counting area, always (each area's verified papers or why none).
pub(crate) fn list_verification_section(h: &mut Html, r: &ListContestReport) {
    section_start(h, r, "list-verification");
    h.el("h1", &[], "Verification of the list papers");
    let summary = match &r.verification {
        None => {
            "List papers verified: none (the list papers are not verified in the log).".to_owned()
        }
        Some(v) => format!(
            "List papers verified box by box ({}): {} of {} boxes accepted; {} verified.",
            v.status.replace('_', " "),
            thousands(v.boxes_accepted),
            thousands(v.boxes.len()),
            thousands(v.total_verified)
        ),
    };
    h.el("p", &[("class", "list-verified")], &summary);
    verification_table(h, r);
    h.close("section").newline();
}

fn verification_table(h: &mut Html, r: &ListContestReport) {
    h.el(
        "h2",
        &[],
        "Statement as to the verification of the list papers, by counting area",
    );
    h.open("div", &[("class", "wide"), ("style", "overflow-x:auto")]);
    h.open("table", &[("class", "list-verification")]);
    h.open("thead", &[]).open("tr", &[]);
    h.el("th", &[], "Counting area");
    h.el("th", &[], "Figures from");
    h.el("th", &[("class", "n")], "Papers counted");
    h.el("th", &[("class", "n")], "Verified");
    h.el("th", &[("class", "n")], "Variance");
    h.el("th", &[], "Explanation");
    h.close("tr").close("thead").open("tbody", &[]);
    for a in &r.areas {
        let (source, from, counted) = match &a.count {
            Some(k) => (
                k.source,
                format!(
                    "counted in the log (run {}{}){}",
                    k.run,
                    if k.completed { "" } else { ", counting" },
                    match k.source {
                        "counted_and_reported" => "; the local total reported agrees",
                        "reported" =>
                            "; the local total reported stands until the count is completed",
                        _ => "",
                    }
                ),
                Some(k.papers_counted),
            ),
            None if a.papers_forward.is_some() => (
                "reported",
                "reported (local total)".to_owned(),
                a.papers_forward,
            ),
            None => ("missing", "no total yet".to_owned(), None),
        };
        let verified = a.verified.or(a.count.as_ref().and_then(|k| k.verified));
        let variance = match (a.count.as_ref().and_then(|k| k.variance), counted, verified) {
            (Some(d), _, _) => Some(d),
            (None, Some(c), Some(v)) => Some(i128::from(c) - i128::from(v)),
            _ => None,
        };
        let explanation = a.count.as_ref().map_or_else(String::new, |k| {
            k.explanations
                .iter()
                .map(|e| format!("{} ({})", e.text, who(r, &e.by)))
                .collect::<Vec<_>>()
                .join("; ")
        });
        h.open(
            "tr",
            &[("data-area", &a.counting_area), ("data-source", source)],
        );
        h.open("td", &[]).name(&a.name).close("td");
        h.el("td", &[], &from);
        h.el(
            "td",
            &[("class", "n")],
            &counted.map_or_else(String::new, thousands),
        );
        let verified_text = match (
            verified,
            a.count.as_ref().and_then(|k| k.verified_note.as_deref()),
        ) {
            (Some(v), _) => thousands(v),
            (None, Some(why)) => format!("none ({why})"),
            // The area's reason where it is counted in the log; for a
            // reported area, the one reason the report can give.
            (None, None) if r.verification.is_none() => {
                "none (the list papers are not verified in the log)".to_owned()
            }
            (None, None) => "none".to_owned(),
        };
        h.el("td", &[("class", "n")], &verified_text);
        h.el(
            "td",
            &[("class", "n")],
            &variance.map_or_else(String::new, countroom_arith::thousands_signed),
        );
        h.el("td", &[("class", "explanation")], &explanation);
        h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    h.el(
        "p",
        &[],
        "Variance: papers counted (or going forward, as reported) − papers verified; a variance is shown, never an error.",
    );
}

/// Each area's doubtful papers set aside at its count of list papers and
/// the constituency returning officer's decisions, its papers valid under
/// the saving clause, and the objections to rejections.
fn doubtful_by_area(h: &mut Html, r: &ListContestReport) {
    for a in &r.areas {
        let Some(k) = &a.count else { continue };
        if k.doubtful.is_empty() && k.objections.is_empty() && k.saved.is_empty() {
            continue;
        }
        h.open("h3", &[])
            .text("Doubtful papers and objections: ")
            .name(&a.name)
            .close("h3");
        if !k.saved.is_empty() {
            let saved = k
                .saved
                .iter()
                .map(|s| format!("{} {}", s.label, thousands(s.papers)))
                .collect::<Vec<_>>()
                .join("; ");
            h.el(
                "p",
                &[("class", "list-saved"), ("data-area", &a.counting_area)],
                &format!("Valid under the saving clause (run {}): {saved}.", k.run),
            );
        }
        if !k.doubtful.is_empty() {
            h.open("div", &[("class", "wide"), ("style", "overflow-x:auto")]);
            h.open(
                "table",
                &[("class", "list-doubtful"), ("data-area", &a.counting_area)],
            );
            h.open("thead", &[]).open("tr", &[]);
            for t in [
                "Paper",
                "Set aside because",
                "Decision",
                "Vote for, or head",
                "Rejection objected to",
                "Decided by",
                "Reason given",
            ] {
                h.el("th", &[], t);
            }
            h.close("tr").close("thead").open("tbody", &[]);
            for d in &k.doubtful {
                h.open(
                    "tr",
                    &[("data-paper", &d.paper), ("data-decision", d.decision)],
                );
                h.el("td", &[], &d.paper);
                h.el("td", &[], d.set_aside_because.as_deref().unwrap_or(""));
                h.el(
                    "td",
                    &[],
                    match d.decision {
                        "valid" => "allowed",
                        "rejected" => "rejected",
                        "rejected_in_part" => "rejected in part",
                        _ => "not yet decided",
                    },
                );
                let what = match &d.head {
                    Some(head) => head.clone(),
                    None => d.votes.join(", "),
                };
                h.el("td", &[], &what);
                h.el("td", &[], if d.rejection_objected { "yes" } else { "" });
                h.el(
                    "td",
                    &[],
                    &d.by.as_deref().map_or_else(String::new, |b| who(r, b)),
                );
                h.el("td", &[], d.reason.as_deref().unwrap_or(""));
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
        }
        if !k.objections.is_empty() {
            h.open(
                "ul",
                &[
                    ("class", "list-objections"),
                    ("data-area", &a.counting_area),
                ],
            );
            for o in &k.objections {
                let what = match (&o.paper, &o.head_label) {
                    (Some(p), _) => format!("the rejection of paper {p}"),
                    (None, Some(head)) => format!(
                        "the rejection of {} paper{} under {head}{}",
                        thousands(o.papers),
                        if o.papers == 1 { "" } else { "s" },
                        o.batch
                            .as_deref()
                            .map(|b| format!(" in batch {b}"))
                            .unwrap_or_default()
                    ),
                    (None, None) => format!("{} papers", thousands(o.papers)),
                };
                let for_whom = o
                    .candidate
                    .as_deref()
                    .map(|c| format!(" for {}", name_of(r, c)))
                    .unwrap_or_default();
                let why = o
                    .reason
                    .as_deref()
                    .map(|w| format!(": {w}"))
                    .unwrap_or_default();
                h.el(
                    "li",
                    &[],
                    &format!(
                        "{} objected to {what}{for_whom}{why} (rejection objected to).",
                        who(r, &o.by)
                    ),
                );
            }
            h.close("ul");
        }
    }
}

fn region(h: &mut Html, r: &ListContestReport) {
    h.el(
        "h2",
        &[],
        &format!("List votes {} (authorised local totals)", r.in_area()),
    );
    let ams = r.method == "ams";
    h.open("table", &[("class", "list-options")]);
    h.open("thead", &[]).open("tr", &[]);
    h.el("th", &[], "Party or individual candidate");
    h.el("th", &[("class", "n")], "Votes");
    if ams {
        h.el("th", &[("class", "n")], "Constituency seats");
    }
    h.el("th", &[("class", "n")], "List seats");
    h.el("th", &[], "Took no (further) part");
    h.close("tr").close("thead").open("tbody", &[]);
    for o in &r.options {
        h.open("tr", &[("data-option", &o.id)]);
        h.open("td", &[]).name(&o.name);
        if o.individual {
            h.text(" (individual)");
        }
        h.close("td");
        h.el("td", &[("class", "n")], &thousands(o.votes));
        if ams {
            h.el("td", &[("class", "n")], &o.constituency_seats.to_string());
        }
        h.el("td", &[("class", "n")], &o.list_seats.to_string());
        h.el(
            "td",
            &[],
            &o.disregarded
                .map_or_else(String::new, |d| d.replace('_', " ")),
        );
        h.close("tr");
    }
    h.close("tbody").open("tfoot", &[]).open("tr", &[]);
    h.el("th", &[], "Total");
    h.el(
        "td",
        &[("class", "n")],
        &r.total_votes
            .map_or_else(|| "past the largest count".to_owned(), thousands),
    );
    h.close("tr").open("tr", &[]);
    h.el("th", &[], "Rejected ballot papers");
    h.el("td", &[("class", "n")], &thousands(r.rejected));
    h.close("tr").close("tfoot").close("table");
    if r.options.iter().any(|o| o.votes > 0) {
        let bars: Vec<Bar<'_>> = r
            .options
            .iter()
            .map(|o| Bar {
                label: &o.name,
                figure: thousands(o.votes),
                units: u128::from(o.votes),
                colour: chart::colour_for(Some(&o.name)),
            })
            .collect();
        h.open("figure", &[]);
        chart::bars(
            h,
            &format!("{}-list-votes", r.contest),
            "List votes by party or individual candidate",
            &bars,
            None,
        );
        h.el(
            "figcaption",
            &[],
            &format!(
                "List votes {} (the table above holds the same figures).",
                r.in_area()
            ),
        );
        h.close("figure");
    }
    let lists: Vec<_> = r.options.iter().filter(|o| !o.list.is_empty()).collect();
    if !lists.is_empty() {
        h.el("h2", &[], "The parties' lists");
        for o in lists {
            h.open("p", &[]).name(&o.name).text(":").close("p");
            h.open("ol", &[("class", "party-list")]);
            for p in &o.list {
                h.open("li", &[("value", &p.position.to_string())]);
                h.name(&p.name);
                if p.status != "standing" {
                    h.text(&format!(" ({})", p.status.replace('_', " ")));
                }
                h.close("li");
            }
            h.close("ol");
        }
    }
}

fn returns(h: &mut Html, r: &ListContestReport) {
    h.el(
        "h2",
        &[],
        &format!("Constituency members returned {}", r.in_area()),
    );
    h.open("table", &[("class", "constituency-returns")]);
    h.fixed("<thead><tr><th>Constituency</th><th>Member</th><th>Party</th><th>Reported by</th></tr></thead><tbody>");
    for c in &r.constituency_returns {
        h.open("tr", &[]);
        h.open("td", &[]).name(&c.constituency).close("td");
        h.open("td", &[]).name(&c.member).close("td");
        match c.party.as_deref() {
            Some(p) => {
                h.open("td", &[]).name(name_of(r, p)).close("td");
            }
            None => {
                h.el("td", &[], "no party on the list ballot");
            }
        }
        h.el("td", &[], &who(r, &c.by));
        h.close("tr");
    }
    h.close("tbody").close("table");
}

fn tie_words(tie: &str) -> &'static str {
    match tie {
        "lot" => "equal highest figures: by lot",
        "each_allocated" => "equal highest figures: each a seat",
        "one_more_vote" => "equal highest figures: one more vote each",
        "one_more_seat" => "equal highest figures: recalculated as though each had one more seat",
        _ => "",
    }
}

fn allocation(h: &mut Html, r: &ListContestReport) {
    if r.rounds.is_empty() {
        h.el(
            "p",
            &[],
            &format!("No seat is allocated yet: {}.", r.status_text),
        );
        return;
    }
    h.el(
        "p",
        &[],
        "Figure = votes ÷ divisor; shown to two places (half to even) with the exact fraction beside it.",
    );
    h.open("div", &[("class", "wide"), ("style", "overflow-x:auto")]);
    h.open("table", &[("class", "rounds")]);
    h.fixed("<thead><tr><th class=\"n\">Seat</th><th>Party or individual candidate</th><th class=\"n\">Votes</th><th class=\"n\">Divisor</th><th class=\"n\">Figure</th><th class=\"n\">Exact</th><th>Member</th><th>Equal highest figures</th></tr></thead><tbody>");
    for x in &r.rounds {
        h.open(
            "tr",
            &[
                ("data-seat", &x.seat.to_string()),
                ("data-option", &x.option),
                ("data-figure", x.figure.as_deref().unwrap_or("")),
                ("data-exact", &x.figure_exact),
            ],
        );
        h.el("td", &[("class", "n")], &x.seat.to_string());
        h.open("td", &[]).name(&x.name).close("td");
        h.el("td", &[("class", "n")], &thousands(x.votes));
        h.el("td", &[("class", "n")], &x.divisor.to_string());
        h.el("td", &[("class", "n")], &grouped(x.figure.as_deref()));
        h.el("td", &[("class", "n")], &x.figure_exact);
        h.open("td", &[]);
        if let Some(m) = &x.member {
            h.name(m);
        }
        h.close("td");
        h.el("td", &[], tie_words(x.tie));
        h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    if let Some(n) = &r.next {
        h.open(
            "p",
            &[
                ("class", "next"),
                ("data-option", &n.option),
                ("data-exact", &n.figure_exact),
            ],
        );
        h.text("Next highest figure: ").name(&n.name);
        h.text(&format!(
            " {} ({}).",
            grouped(n.figure.as_deref()),
            n.figure_exact
        ));
        h.close("p");
    }
}

fn lots_and_recalculations(h: &mut Html, r: &ListContestReport) {
    h.el("h2", &[], "Lots and recalculations");
    if r.lots.is_empty() {
        h.el("p", &[], "No lot was drawn.");
    }
    for l in &r.lots {
        let tied: Vec<&str> = l.tied.iter().map(|t| name_of(r, t)).collect();
        h.el(
            "p",
            &[("class", "lot")],
            &format!(
                "Lot for seat {} between {}: fell on {}; drawn by {}{} ({}).",
                l.round,
                tied.join(" and "),
                name_of(r, &l.winner),
                who(r, &l.by),
                at(l.at.as_deref()),
                l.method
            ),
        );
    }
    if r.recalculations.is_empty() {
        h.el("p", &[], "No recalculation was asked for.");
    }
    for c in &r.recalculations {
        let party = c
            .party
            .as_deref()
            .map(|p| format!(" for {}", name_of(r, p)))
            .unwrap_or_default();
        let outcome = match (&c.recalculated_by, &c.outcome) {
            (Some(by), Some(outcome)) => format!(
                "; recalculated by {}{} from the same totals (no re-count at that stage): {outcome}.",
                who(r, by),
                at(c.recalculated_at.as_deref())
            ),
            _ => "; waiting for the returning officer.".to_owned(),
        };
        h.el(
            "p",
            &[("class", "recalculation")],
            &format!(
                "Recalculation asked for by {}{party}{}{outcome}",
                who(r, &c.requested_by),
                at(c.requested_at.as_deref())
            ),
        );
    }
}

/// The members returned at the allocation, as declared (the declaration's
/// block, above its signature): never those who filled a later vacancy.
fn members(h: &mut Html, r: &ListContestReport) {
    if r.members.is_empty() {
        h.el("p", &[], "No member is returned yet.");
        return;
    }
    if r.allocation_complete() {
        h.el("h2", &[], "Members returned");
    } else {
        h.el("h2", &[], "Seats allocated so far");
        h.el(
            "p",
            &[],
            "The allocation is not complete: no member is returned yet.",
        );
    }
    member_table(
        h,
        r,
        &r.members,
        "members",
        "(the party's list is not recorded in the log)",
    );
}

/// A table of members, seat by seat (`empty`: what an empty name means).
fn member_table(
    h: &mut Html,
    r: &ListContestReport,
    members: &[countroom_count::MemberLine],
    class: &str,
    empty: &str,
) {
    h.open("table", &[("class", class)]);
    h.fixed("<thead><tr><th class=\"n\">Seat</th><th>Member</th><th>Party or individual candidate</th></tr></thead><tbody>");
    for m in members {
        h.open(
            "tr",
            &[
                ("data-seat", &m.seat.to_string()),
                ("data-option", &m.option),
                ("data-member", &m.name),
            ],
        );
        h.el("td", &[("class", "n")], &m.seat.to_string());
        h.open("td", &[]);
        if m.name.is_empty() {
            h.text(empty);
        } else {
            h.name(&m.name);
        }
        h.close("td");
        if r.is_individual(&m.option) {
            h.el("td", &[], "individual candidate");
        } else {
            h.open("td", &[]).name(name_of(r, &m.option)).close("td");
        }
        h.close("tr");
    }
    h.close("tbody").close("table");
}

fn declaration(h: &mut Html, r: &ListContestReport) {
    match &r.declaration {
        Some(d) => {
            h.el(
                "p",
                &[("class", "declared")],
                &format!(
                    "Declared by {}{}.",
                    d.officer.as_deref().unwrap_or(&d.by),
                    at(d.at.as_deref())
                ),
            );
            // The signature of the office that declared (the same office
            // as the line above: a collating officer signs as such).
            signature_lines_for(h, d.office.unwrap_or("Returning Officer"));
        }
        None => {
            h.el("p", &[("class", "problem")], "NOT YET DECLARED.");
        }
    }
}

/// Later vacancies, after the declaration and its signature, each dated
/// with its entry's `at`; then the members sitting after them.
fn vacancies(h: &mut Html, r: &ListContestReport) {
    list_heading(h, r, "h2", VACANCIES_CY, "Later vacancies in list seats");
    h.el(
        "p",
        &[],
        "After the declaration, each dated as recorded in the log.",
    );
    for v in &r.vacancies {
        let declined = if v.declined.is_empty() {
            String::new()
        } else {
            format!("; declined: {}", v.declined.join(", "))
        };
        let filled = match (&v.filled_by, v.position, &v.remains_vacant_under) {
            (Some(f), Some(p), _) => format!("filled by {f} (position {p} on the list)"),
            (_, _, Some(rule)) => format!(
                "returned as an individual candidate, so the seat is not filled from a list and remains vacant until the next general election ({rule})"
            ),
            _ => "no one on the list can fill it: the seat remains vacant".to_owned(),
        };
        let of = if r.is_individual(&v.party) {
            "individual candidate"
        } else {
            name_of(r, &v.party)
        };
        h.el(
            "p",
            &[
                ("class", "vacancy"),
                ("data-at", v.at.as_deref().unwrap_or("")),
            ],
            &format!(
                "{}: {} ({of}) vacated{declined}; {filled}; recorded by {}.",
                v.at.as_deref().unwrap_or("(no time recorded)"),
                v.vacating,
                who(r, &v.by),
            ),
        );
    }
    h.el(
        "h2",
        &[],
        &format!(
            "Members sitting after the later vacancies{}",
            r.last_vacancy_at()
                .map(|a| format!(" (as at {a})"))
                .unwrap_or_default()
        ),
    );
    member_table(h, r, &r.sitting, "sitting", "(vacant)");
}
