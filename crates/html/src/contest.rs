//! A contest's documents: verification, collation, the result sheet or
//! declaration, rejected papers, turnout, lots and re-counts, the STV stage
//! sheet.

use countroom_arith::{thousands, thousands_signed};
use countroom_count::{ContestReport, Report, Status};

use crate::chart::{self, Bar, Stack};
use crate::markup::Html;
use crate::messages::{Lang, Msg};
use crate::{evidence_block, heading, msg_text, page_end, page_start, running_header};

/// One contest's documents as a self-contained page.
#[must_use]
pub fn contest_page(contest: &ContestReport) -> String {
    let lang = Lang::for_country(contest.contest.country);
    let mut h = Html::new();
    page_start(&mut h, lang, &page_title(contest));
    contest_sections(&mut h, contest);
    page_end(&mut h);
    h.finish()
}

/// Every contest's documents, one page each, in the report's order:
/// `(contest id, page)`. A server serves these; `--out DIR` writes them.
#[must_use]
pub fn report_pages(report: &Report) -> Vec<(String, String)> {
    report
        .contests
        .iter()
        .map(|c| (c.contest.id.clone(), contest_page(c)))
        .collect()
}

/// Bilingual if any contest is in Wales, else English.
fn report_lang(report: &Report) -> Lang {
    report
        .contests
        .iter()
        .map(|c| Lang::for_country(c.contest.country))
        .find(|l| *l == Lang::Bilingual)
        .unwrap_or(Lang::English)
}

/// Every contest's documents in one page (each document on a new printed
/// page).
#[must_use]
pub fn report_page(report: &Report) -> String {
    let lang = report_lang(report);
    let title = report.contests.first().map_or_else(
        || {
            report.list_contests.first().map_or_else(
                || "countroom: no contests".to_owned(),
                crate::list::list_title,
            )
        },
        page_title,
    );
    let mut h = Html::new();
    page_start(&mut h, lang, &title);
    if report.contests.is_empty() && report.list_contests.is_empty() {
        h.el("p", &[], "(no contests defined)");
    }
    for c in &report.contests {
        contest_sections(&mut h, c);
    }
    for c in &report.list_contests {
        crate::list::list_contest_sections(&mut h, c);
    }
    page_end(&mut h);
    h.finish()
}

/// The verification statements and the box-by-box progress view
/// (`countroom verify --format html`).
#[must_use]
pub fn verification_page(report: &Report) -> String {
    let lang = report_lang(report);
    let mut h = Html::new();
    page_start(&mut h, lang, "Verification statements");
    for r in &report.contests {
        let lang = Lang::for_country(r.contest.country);
        section_start(&mut h, lang, r, "verification");
        heading(&mut h, "h1", lang, Msg::Verification, "");
        match &r.verification {
            Some(v) => verification(&mut h, v, r),
            None => {
                h.el(
                    "p",
                    &[],
                    "No verification is recorded in the log for this poll.",
                );
            }
        }
        h.close("section").newline();
    }
    for r in &report.list_contests {
        crate::list::list_verification_section(&mut h, r);
    }
    if !report.boxes.is_empty() {
        h.open("section", &[("class", "doc"), ("id", "boxes")]);
        h.el("h1", &[], "Ballot boxes: progress");
        h.open("table", &[]);
        h.fixed("<thead><tr><th>Box</th><th>Polling station</th><th>Received</th><th>Polls</th></tr></thead><tbody>");
        for b in &report.boxes {
            h.open("tr", &[]);
            h.el("td", &[], &b.ballot_box);
            h.el("td", &[], b.polling_station.as_deref().unwrap_or("postal"));
            h.el(
                "td",
                &[],
                &if b.received {
                    if b.seals.is_empty() {
                        "received".to_owned()
                    } else {
                        format!("seals {}", b.seals.join("/"))
                    }
                } else {
                    "not received".to_owned()
                },
            );
            let polls: Vec<String> = b
                .polls
                .iter()
                .map(|p| {
                    format!(
                        "{}: {}{}",
                        p.contest,
                        p.status_text,
                        p.verified
                            .map(|v| format!(" ({})", thousands(v)))
                            .unwrap_or_default()
                    )
                })
                .collect();
            h.el("td", &[], &polls.join("; "));
            h.close("tr");
        }
        h.fixed("</tbody></table>");
        h.close("section");
    }
    if let Some(e) = &report.evidence {
        evidence_block(&mut h, e);
    }
    page_end(&mut h);
    h.finish()
}

fn page_title(r: &ContestReport) -> String {
    format!("{} — {}", r.contest.title, r.contest.area)
}

fn section_start(h: &mut Html, lang: Lang, r: &ContestReport, id: &str) {
    h.open(
        "section",
        &[
            ("class", "doc"),
            ("id", &format!("{}-{id}", r.contest.id)),
            ("data-doc", id),
            ("data-contest", &r.contest.id),
        ],
    );
    running_header(h, lang, r);
}

fn contest_sections(h: &mut Html, r: &ContestReport) {
    let lang = Lang::for_country(r.contest.country);
    if let Some(v) = &r.verification {
        section_start(h, lang, r, "verification");
        heading(h, "h1", lang, Msg::Verification, "");
        verification(h, v, r);
        h.close("section").newline();
    }
    if let Some(col) = &r.collation {
        section_start(h, lang, r, "collation");
        heading(h, "h1", lang, Msg::Collation, "");
        collation(h, r, col);
        h.close("section").newline();
    }
    section_start(h, lang, r, "result");
    result(h, lang, r);
    if let Some(e) = &r.evidence {
        evidence_block(h, e);
    }
    h.close("section").newline();
    if let Some(rej) = &r.rejected {
        section_start(h, lang, r, "rejected");
        heading(h, "h1", lang, Msg::Rejected, "");
        rejected(h, lang, r, rej);
        h.close("section").newline();
    }
    if r.turnout.is_some() || r.reconciliation.is_some() || r.deposits.is_some() {
        section_start(h, lang, r, "turnout");
        heading(h, "h1", lang, Msg::Turnout, "");
        turnout(h, lang, r);
        h.close("section").newline();
    }
    if !r.lots.is_empty() || !r.recounts.is_empty() || r.runs.len() > 1 {
        section_start(h, lang, r, "lots");
        heading(h, "h1", lang, Msg::Lots, "");
        lots(h, lang, r);
        h.close("section").newline();
    }
    if let Some(sheet) = &r.stage_sheet {
        section_start(h, lang, r, "stages");
        crate::other::stage_sheet_body(h, lang, sheet, &format!("{}-stv", r.contest.id));
        h.close("section").newline();
    }
}

fn opt(n: Option<u64>) -> String {
    n.map_or_else(|| "-".to_owned(), thousands)
}

fn num(h: &mut Html, n: Option<u64>) {
    match n {
        Some(n) => h.el(
            "td",
            &[("class", "n"), ("data-value", &n.to_string())],
            &thousands(n),
        ),
        None => h.el("td", &[("class", "n")], "-"),
    };
}

/// The Mayor of London's first × second preference table (GLA Elections
/// Rules 2007 r.53(1)(c)(iii)): a row per first preference, a column per
/// second preference, none, void and the row's total.
fn preference_table(h: &mut Html, r: &ContestReport, t: &countroom_count::PreferenceTable) {
    h.open("table", &[("class", "preferences")]);
    h.open("caption", &[])
        .text(&format!(
            "First and second preferences correlated ({}); a paper with the same candidate as first and second preference counts as that candidate's first preference only",
            t.citation
        ))
        .close("caption");
    h.open("thead", &[]).open("tr", &[]);
    h.el(
        "th",
        &[],
        "First preference \u{2193} / second preference \u{2192}",
    );
    for id in &t.candidates {
        h.open("th", &[("class", "n")])
            .name(name_of(r, id))
            .close("th");
    }
    for label in ["None", "Void", "Total"] {
        h.el("th", &[("class", "n")], label);
    }
    h.close("tr").close("thead").open("tbody", &[]);
    for row in &t.rows {
        h.open("tr", &[("data-first", &row.first)]);
        h.open("th", &[]).name(name_of(r, &row.first)).close("th");
        for v in &row.second {
            h.el("td", &[("class", "n")], &thousands(*v));
        }
        for v in [row.none, row.void, row.first_preferences] {
            h.el("td", &[("class", "n")], &thousands(v));
        }
        h.close("tr");
    }
    h.open("tr", &[]);
    h.el("th", &[], "Total");
    for v in &t.second_totals {
        h.el("td", &[("class", "n")], &thousands(*v));
    }
    for v in [t.none_total, t.void_total, t.total] {
        h.el("td", &[("class", "n")], &thousands(v));
    }
    h.close("tr").close("tbody").close("table");
}

fn name_of<'a>(r: &'a ContestReport, id: &'a str) -> &'a str {
    r.candidates
        .iter()
        .find(|c| c.id == id)
        .map_or(id, |c| c.name.as_str())
}

fn verification(h: &mut Html, v: &countroom_verify::VerificationStatement, r: &ContestReport) {
    h.el(
        "p",
        &[("class", "status")],
        &match &v.completed_by {
            Some(by) => format!("Completed by {}", who(r, by)),
            None => format!(
                "In progress: {} of {} boxes accepted",
                thousands(v.boxes_accepted),
                thousands(v.boxes.len())
            ),
        },
    );
    h.open("table", &[("class", "verification")]);
    h.fixed("<thead><tr><th>Box</th><th>Polling place</th><th class=\"n\">Expected</th><th>Counts</th><th class=\"n\">Moved</th><th class=\"n\">Verified</th><th class=\"n\">Variance</th><th>Status</th></tr></thead><tbody>");
    for b in &v.boxes {
        h.open("tr", &[("data-box", &b.ballot_box)]);
        h.el("td", &[], &b.ballot_box);
        h.el("td", &[], b.polling_place.as_deref().unwrap_or("postal"));
        num(h, b.expected);
        let counts: Vec<String> = b.counts.iter().map(|&n| thousands(n)).collect();
        h.el("td", &[("class", "n")], &counts.join(", "));
        let moved = i128::from(b.moved_in) - i128::from(b.moved_out);
        h.el(
            "td",
            &[("class", "n")],
            &if moved == 0 {
                String::new()
            } else {
                thousands_signed(moved)
            },
        );
        num(h, b.verified);
        h.el(
            "td",
            &[("class", "n")],
            &b.variance.map_or_else(|| "-".to_owned(), thousands_signed),
        );
        h.open("td", &[]);
        h.text(&b.status_text);
        for m in &b.moves {
            h.fixed("<br>").text("moved: ").text(m);
        }
        for e in &b.explanations {
            h.fixed("<br>").text("explanation: ").text(e);
        }
        if b.account_balances == Some(false) {
            h.fixed("<br>").text(&format!(
                "the ballot paper account does not balance: {} entrusted ({})",
                opt(b.entrusted),
                b.serials.join(", ")
            ));
        }
        if b.account_corrected {
            h.fixed("<br>")
                .text("the ballot paper account was corrected");
        }
        h.close("td");
        h.close("tr");
    }
    h.fixed("</tbody></table>");
    h.open("table", &[("class", "totals")]);
    for (label, n) in [
        (
            "Polling station ballot papers verified",
            v.polling_station_papers,
        ),
        ("Postal ballot papers verified", v.postal_papers),
        ("Total ballot papers verified", v.total_verified),
    ] {
        h.open("tr", &[]);
        h.el("th", &[], label);
        num(h, Some(n));
        h.close("tr");
    }
    h.close("table");
    for p in &v.problems {
        h.el("p", &[("class", "problem")], &format!("Problem: {p}"));
    }
    if !v.tendered.is_empty() {
        h.el(
            "h2",
            &[],
            "Tendered papers statement (tendered papers are never counted)",
        );
        h.open("table", &[]);
        h.fixed("<thead><tr><th>Box</th><th class=\"n\">Account</th><th class=\"n\">Listed</th><th class=\"n\">Difference</th></tr></thead><tbody>");
        for t in &v.tendered {
            h.open("tr", &[]);
            h.el("td", &[], &t.ballot_box);
            num(h, t.account);
            num(h, t.listed);
            h.el(
                "td",
                &[("class", "n")],
                &t.difference
                    .map_or_else(|| "-".to_owned(), thousands_signed),
            );
            h.close("tr");
        }
        h.fixed("</tbody></table>");
    }
}

/// Who recorded an entry: in a log with appointments, the person's name
/// and office.
fn who(r: &ContestReport, by: &str) -> String {
    r.evidence
        .as_ref()
        .and_then(|e| e.offices.iter().rev().find(|o| o.person == by))
        .map_or_else(|| by.to_owned(), |o| format!("{}, {}", o.name, o.office))
}

fn result(h: &mut Html, lang: Lang, r: &ContestReport) {
    let c = &r.contest;
    let declared = matches!(r.status, Status::Declared | Status::UncontestedDeclared);
    if declared {
        heading(h, "h1", lang, Msg::Declaration, "");
    } else {
        heading(h, "h1", lang, Msg::Provisional, "");
        h.open("p", &[("class", "status provisional")]);
        msg_text(h, lang, Msg::NotDeclared);
        h.text(&format!(
            " — {}{}. Not a declaration.",
            r.run.map(|n| format!("run {n}; ")).unwrap_or_default(),
            r.status.describe()
        ));
        h.close("p");
    }
    h.open("p", &[]);
    h.name(&c.title).text(" for ").name(&c.area).text(". ");
    msg_text(h, lang, Msg::PollHeld);
    h.text(&format!(" {}. Rules: {}.", c.poll_day, c.instrument));
    h.close("p");
    match r.status {
        Status::Uncontested | Status::UncontestedDeclared => {
            h.el(
                "p",
                &[],
                &format!(
                    "The number of candidates standing did not exceed the number of seats ({}); no poll was taken.",
                    thousands(c.seats)
                ),
            );
        }
        Status::Declared if c.counting_officer.is_some() && c.method == "referendum" => {
            // A local poll on a question.
            let (officer, poll) = if c.office == "parish_poll_question" {
                ("Returning Officer", "poll")
            } else {
                ("Counting Officer", "referendum")
            };
            h.el(
                "p",
                &[],
                &format!("I, the {officer} at the above {poll}, give notice that the number of votes cast for each answer to the question is as follows:"),
            );
        }
        Status::Declared => {
            let officer = r.declaring_office();
            h.el(
                "p",
                &[],
                &format!("I, the {officer} at the above election, give notice that the number of votes recorded for each candidate is as follows:"),
            );
        }
        _ => {}
    }
    if c.by_election {
        let n = c.vacancies.len();
        h.el(
            "p",
            &[],
            &format!(
                "By-election to fill {} casual vacanc{}: each person elected holds office for the rest of the term of the seat vacated{} (Local Government Act 1972 s.89{}).",
                thousands(n),
                if n == 1 { "y" } else { "ies" },
                if n > 1 { "; the most votes takes the longest term" } else { "" },
                if n > 1 { "(4)" } else { "" }
            ),
        );
    }
    if let Some(q) = &c.question {
        h.open("p", &[("class", "question")]);
        h.text("Question: ").name(q);
        h.close("p");
    }
    if let Some(officer) = &c.counting_officer {
        h.el(
            "p",
            &[],
            &format!("Counted by {} ({}).", officer.text, officer.citation),
        );
    }
    let referendum = r.referendum.is_some() || c.method == "referendum";
    let stv = c.method == "single_transferable_vote";
    let sv = r.supplementary_vote.is_some();
    // At STV and SV polls the figure is the first preferences.
    let votes_label = if stv || sv { "First preferences" } else { "" };
    h.open("table", &[("class", "candidates")]);
    h.open("thead", &[]).open("tr", &[]);
    if referendum {
        h.el("th", &[], "Answer");
    } else {
        h.open("th", &[]);
        msg_text(h, lang, Msg::Candidate);
        h.close("th").open("th", &[]);
        msg_text(h, lang, Msg::Description);
        h.close("th");
    }
    h.open("th", &[("class", "n")]);
    if votes_label.is_empty() {
        msg_text(h, lang, Msg::Votes);
    } else {
        h.text(votes_label);
    }
    h.close("th");
    if sv {
        h.el("th", &[("class", "n")], "Second preferences");
        h.el("th", &[("class", "n")], "Total");
    }
    h.open("th", &[]);
    if !referendum {
        msg_text(h, lang, Msg::Elected);
    }
    h.close("th");
    h.close("tr").close("thead").open("tbody", &[]);
    for cand in &r.candidates {
        let elected_attr = if cand.elected { "elected" } else { "" };
        h.open(
            "tr",
            &[("data-candidate", &cand.id), ("class", elected_attr)],
        );
        h.open("td", &[("class", "name")])
            .name(&cand.name)
            .close("td");
        if !referendum {
            h.open("td", &[]);
            if let Some(d) = &cand.description {
                h.name(d);
            }
            h.close("td");
        }
        num(h, cand.votes);
        if sv {
            num(h, cand.second_preferences);
            num(h, cand.total);
        }
        h.el(
            "td",
            &[],
            match (cand.elected, r.status) {
                (true, Status::Uncontested) => "Unopposed",
                (true, _) => "Elected",
                (false, _) => "",
            },
        );
        h.close("tr");
    }
    h.close("tbody").close("table");
    if r.candidates.iter().any(|c| c.votes.is_some()) {
        let bars: Vec<Bar<'_>> = r
            .candidates
            .iter()
            .map(|cand| Bar {
                label: &cand.name,
                figure: opt(cand.total.or(cand.votes)),
                units: u128::from(cand.total.or(cand.votes).unwrap_or(0)),
                colour: chart::colour_for(cand.description.as_deref()),
            })
            .collect();
        let title = match lang {
            Lang::English => Msg::VotesByCandidate.en().to_owned(),
            Lang::Bilingual => format!(
                "{} / {}",
                Msg::VotesByCandidate.cy(),
                Msg::VotesByCandidate.en()
            ),
        };
        h.open("figure", &[("class", "votes-chart")]);
        chart::bars(
            h,
            &format!("{}-votes", c.id),
            &format!("{title}: {}", c.area),
            &bars,
            None,
        );
        h.el(
            "figcaption",
            &[],
            &format!("{title} (the table above gives the same figures)."),
        );
        h.close("figure");
    }
    if let Some(rf) = &r.referendum {
        h.el("p", &[("class", "status")], &rf.statement);
        if let Some(p) = &rf.proposal {
            h.el(
                "p",
                &[],
                &format!(
                    "Those voting: {} (Yes {} + No {}); {} ({}).",
                    p.voting
                        .map_or_else(|| "more than the largest count".to_owned(), thousands),
                    thousands(p.yes),
                    thousands(p.no),
                    if p.in_favour {
                        "more than half in favour"
                    } else {
                        "not more than half in favour"
                    },
                    p.citation
                ),
            );
        }
        if let Some(cb) = &rf.combined {
            h.el(
                "p",
                &[("class", "status")],
                &format!(
                    "With the {} referendum{}: {}",
                    if c.office == "business_referendum" {
                        "residents'"
                    } else {
                        "business"
                    },
                    if cb.final_result {
                        ""
                    } else {
                        " (provisional: not both declared)"
                    },
                    cb.statement
                ),
            );
            if let Some(d) = &cb.decision {
                h.el(
                    "p",
                    &[("class", "status")],
                    &format!(
                        "{} Recorded by {} (entry {}; {}).",
                        d.statement, d.recorded_by, d.entry, d.citation
                    ),
                );
            }
        }
    }
    if let Some(sv) = &r.supplementary_vote {
        h.el(
            "p",
            &[],
            &format!(
                "First count: {} ballot papers counted, {} rejected, {} valid first preferences; more than {} needed to be elected at the first count.",
                thousands(sv.papers_counted),
                thousands(sv.rejected),
                thousands(sv.total_first_preferences),
                sv.half_of_first_preferences
            ),
        );
        if !sv.eliminated.is_empty() {
            let names: Vec<&str> = sv.eliminated.iter().map(|id| name_of(r, id)).collect();
            h.el(
                "p",
                &[],
                &format!("Eliminated after the first count: {}.", names.join(", ")),
            );
        }
        if let Some(sc) = &sv.second_count {
            h.el(
                "p",
                &[],
                &format!(
                    "Second count{}: {} papers to examine; {} rejected as unmarked or void as to the second preference.",
                    if sc.completed { "" } else { " (in progress)" },
                    thousands(sc.to_examine),
                    thousands(sc.rejected)
                ),
            );
        }
        if let Some(t) = &sv.preference_table {
            preference_table(h, r, t);
        }
    }
    if !r.elected.is_empty() {
        h.open("h2", &[]);
        msg_text(h, lang, Msg::Elected);
        h.close("h2");
        h.open("ul", &[("class", "elected")]);
        for e in &r.elected {
            h.open("li", &[("data-elected", &e.id)]);
            h.open("strong", &[]).name(&e.name).close("strong");
            if let Some(d) = &e.description {
                h.text(" (").name(d).text(")");
            }
            if let Some(v) = e.votes {
                h.text(&format!(", {} votes", thousands(v)));
            }
            if let Some(t) = &e.term_ends {
                h.text(&format!("; {} seat, term ends {t}", e.seat));
            }
            if e.by_lot {
                h.text("; elected by lot after an equality of votes");
            }
            h.close("li");
        }
        h.close("ul");
    }
    if r.unfilled_seats > 0 {
        h.el(
            "p",
            &[("class", "problem")],
            &format!("Seats left unfilled: {}.", thousands(r.unfilled_seats)),
        );
    }
    if let Some(m) = r.majority {
        h.open("p", &[]);
        msg_text(h, lang, Msg::Majority);
        h.text(&format!(": {}", thousands(m)));
        h.close("p");
    }
    if let Some(lot) = &r.lot_required {
        let names: Vec<&str> = lot.tied.iter().map(|id| name_of(r, id)).collect();
        h.el(
            "p",
            &[("class", "problem")],
            &format!(
                "An equality of votes ({} each) between {}: a lot is to be drawn for {} place(s).",
                thousands(lot.votes),
                names.join(", "),
                lot.places
            ),
        );
    }
    for p in &r.arithmetic_problems {
        h.el("p", &[("class", "problem")], p);
    }
    if let Some(d) = &r.declaration {
        h.el(
            "p",
            &[],
            &format!(
                "Declared by {}{} (run {}).",
                d.officer.as_deref().unwrap_or(&d.by),
                d.at.as_deref()
                    .map(|a| format!(" at {a}"))
                    .unwrap_or_default(),
                d.run
            ),
        );
    }
    if declared {
        signature_lines(h, lang);
    }
}

/// The Returning Officer's signature and the date, to be filled in by hand
/// on the printed declaration.
pub(crate) fn signature_lines(h: &mut Html, lang: Lang) {
    h.open("div", &[("class", "signature")]);
    h.open("div", &[]);
    msg_text(h, lang, Msg::Signature);
    h.text(" (");
    msg_text(h, lang, Msg::ReturningOfficer);
    h.text(")");
    h.close("div").open("div", &[]);
    msg_text(h, lang, Msg::Date);
    h.close("div").close("div");
}

/// The signature and the date for a document declared by `office` (in
/// English: "Signature (collating officer)"), as the "Declared by …" line
/// above it names the office.
pub(crate) fn signature_lines_for(h: &mut Html, office: &str) {
    h.open("div", &[("class", "signature")]);
    h.open("div", &[]);
    msg_text(h, Lang::English, Msg::Signature);
    h.text(&format!(" ({office})"));
    h.close("div").open("div", &[]);
    msg_text(h, Lang::English, Msg::Date);
    h.close("div").close("div");
}

fn rejected(h: &mut Html, lang: Lang, r: &ContestReport, rej: &countroom_count::RejectedStatement) {
    h.el("p", &[], &format!("Under {}.", rej.citation));
    h.open("table", &[("class", "heads")]);
    h.open("thead", &[]).open("tr", &[]).open("th", &[]);
    msg_text(h, lang, Msg::Head);
    h.close("th").open("th", &[("class", "n")]);
    msg_text(h, lang, Msg::Papers);
    h.close("th").close("tr").close("thead").open("tbody", &[]);
    for head in &rej.heads {
        h.open("tr", &[("data-head", head.code)]);
        h.el(
            "td",
            &[],
            &if head.letter.is_empty() {
                head.label.to_owned()
            } else {
                format!("({}) {}", head.letter, head.label)
            },
        );
        num(h, Some(head.papers));
        h.close("tr");
    }
    h.open("tr", &[("class", "total")]).open("th", &[]);
    msg_text(h, lang, Msg::Total);
    h.close("th");
    num(h, Some(rej.total));
    h.close("tr").close("tbody").close("table");
    if let Some(p) = rej.rejected_in_part {
        h.el(
            "p",
            &[],
            &format!(
                "Rejected in part (counted among the valid papers): {}.",
                thousands(p)
            ),
        );
    }
    if let Some(u) = rej.unused_votes {
        h.el(
            "p",
            &[],
            &format!(
                "Unused votes (not a rejection; for information): {}.",
                thousands(u)
            ),
        );
    }
    if let Some(sc) = &rej.saving_clause {
        h.el(
            "h2",
            &[],
            &format!("Valid under the saving clause ({})", sc.citation),
        );
        h.open("table", &[]);
        for l in &sc.reasons {
            h.open("tr", &[]);
            h.el("td", &[], l.label);
            num(h, Some(l.papers));
            h.close("tr");
        }
        h.open("tr", &[]).el("th", &[], "Total");
        num(h, Some(sc.total));
        h.close("tr").close("table");
    }
    if !rej.objections.is_empty() {
        h.el(
            "h2",
            &[],
            &format!(
                "Rejections objected to ({})",
                thousands(rej.rejection_objected)
            ),
        );
        h.open("table", &[]);
        h.fixed("<thead><tr><th>By</th><th>Paper or head</th><th class=\"n\">Papers</th><th>For</th><th>Reason</th></tr></thead><tbody>");
        for o in &rej.objections {
            h.open("tr", &[]);
            h.el("td", &[], &who(r, &o.by));
            h.el(
                "td",
                &[],
                &o.paper
                    .clone()
                    .or_else(|| o.head_label.clone())
                    .unwrap_or_default(),
            );
            num(h, Some(o.papers));
            h.el(
                "td",
                &[],
                o.candidate.as_deref().map_or("", |c| name_of(r, c)),
            );
            h.el("td", &[], o.reason.as_deref().unwrap_or(""));
            h.close("tr");
        }
        h.fixed("</tbody></table>");
    }
    let a = &rej.adjudication;
    h.open("h2", &[]);
    msg_text(h, lang, Msg::Adjudication);
    h.close("h2");
    h.el(
        "p",
        &[],
        &format!(
            "Doubtful papers set aside: {}; allowed {}, rejected {}, rejected in part {}, undecided {}.",
            thousands(a.set_aside),
            thousands(a.allowed),
            thousands(a.rejected),
            thousands(a.rejected_in_part),
            thousands(a.undecided)
        ),
    );
    if !a.papers.is_empty() {
        h.open("table", &[("class", "adjudication")]);
        h.fixed("<thead><tr><th>Paper</th><th>Set aside because</th><th>Decision</th><th>Votes counted for</th><th>Decided by</th><th>Reason</th></tr></thead><tbody>");
        for d in &a.papers {
            h.open("tr", &[("data-paper", &d.paper)]);
            h.el("td", &[], &d.paper);
            h.el("td", &[], d.set_aside_because.as_deref().unwrap_or(""));
            let mut decision = d.decision.replace('_', " ");
            if let Some(head) = &d.head {
                decision.push_str(": ");
                decision.push_str(head);
            }
            if d.rejection_objected {
                decision.push_str(" (rejection objected to)");
            }
            h.el("td", &[], &decision);
            h.el("td", &[], &d.votes.join(", "));
            h.el(
                "td",
                &[],
                &d.by.as_deref().map(|b| who(r, b)).unwrap_or_default(),
            );
            h.el("td", &[], d.reason.as_deref().unwrap_or(""));
            h.close("tr");
        }
        h.fixed("</tbody></table>");
    }
}

fn turnout(h: &mut Html, lang: Lang, r: &ContestReport) {
    if let Some(t) = &r.turnout {
        h.open("table", &[("class", "turnout")]);
        h.open("tr", &[]).open("th", &[]);
        msg_text(h, lang, Msg::Electorate);
        h.close("th");
        num(h, Some(t.electorate));
        h.close("tr");
        for (label, v) in [
            ("Ballot-box turnout", &t.ballot_box),
            ("Valid-vote turnout", &t.valid_vote),
        ] {
            h.open("tr", &[]).el("th", &[], label);
            h.el(
                "td",
                &[("class", "n")],
                &v.as_deref()
                    .map_or_else(|| "-".to_owned(), |p| format!("{p}%")),
            );
            h.close("tr");
        }
        h.close("table");
        h.el("p", &[], &format!("Rounding: {}.", t.rounding));
    }
    if let Some(rc) = &r.reconciliation {
        h.open("h2", &[]);
        msg_text(h, lang, Msg::Reconciliation);
        h.close("h2");
        h.open("table", &[("class", "reconciliation")]);
        let rows: [(&str, Option<String>); 6] = [
            ("Valid ballot papers", Some(thousands(rc.valid_papers))),
            (
                "Rejected ballot papers",
                Some(thousands(rc.rejected_papers)),
            ),
            ("Ballot papers counted", Some(thousands(rc.papers_counted))),
            ("Ballot papers verified", rc.papers_verified.map(thousands)),
            ("Counted less verified", rc.variance.map(thousands_signed)),
            (
                "Votes (of at most seats × valid papers)",
                Some(format!(
                    "{} of {}",
                    thousands(rc.total_votes),
                    thousands(rc.max_votes)
                )),
            ),
        ];
        for (label, v) in rows {
            h.open("tr", &[]).el("th", &[], label);
            h.el("td", &[("class", "n")], v.as_deref().unwrap_or("-"));
            h.close("tr");
        }
        h.close("table");
        for e in &rc.explanations {
            h.el("p", &[], &format!("Explanation: {e}"));
        }
        for p in &rc.problems {
            h.el("p", &[("class", "problem")], &format!("Problem: {p}"));
        }
    }
    if let Some(d) = &r.deposits {
        h.el("h2", &[], "Deposits");
        h.el(
            "p",
            &[],
            &format!(
                "£{} deposit ({}; {}): forfeited by a candidate not elected with {} votes or fewer.",
                thousands(d.pounds),
                d.rule,
                d.citation,
                thousands(d.forfeited_at_or_below)
            ),
        );
        let forfeited: Vec<&str> = d
            .candidates
            .iter()
            .filter(|(_, f)| *f)
            .map(|(id, _)| name_of(r, id))
            .collect();
        h.el(
            "p",
            &[],
            &if forfeited.is_empty() {
                "No deposit is forfeited.".to_owned()
            } else {
                format!("Deposits forfeited: {}.", forfeited.join(", "))
            },
        );
    }
}

fn lots(h: &mut Html, lang: Lang, r: &ContestReport) {
    if r.lots.is_empty() {
        h.el("p", &[], "No lot was drawn.");
    }
    for l in &r.lots {
        h.el(
            "p",
            &[("class", "lot")],
            &format!(
                "{} ({}; drawn by {}).",
                l.statement,
                l.method,
                who(r, &l.by)
            ),
        );
    }
    h.open("h2", &[]);
    msg_text(h, lang, Msg::Recounts);
    h.close("h2");
    if r.recounts.is_empty() {
        h.el("p", &[], "No re-count was requested.");
    } else {
        h.open("table", &[("class", "recounts")]);
        h.fixed("<thead><tr><th class=\"n\">Run</th><th>Requested by</th><th>For</th><th>Reason</th><th>Decision</th><th>Decided by</th></tr></thead><tbody>");
        for rc in &r.recounts {
            h.open("tr", &[]);
            h.el("td", &[("class", "n")], &rc.run.to_string());
            h.el("td", &[], &who(r, &rc.requested_by));
            h.el(
                "td",
                &[],
                rc.candidate.as_deref().map_or("", |c| name_of(r, c)),
            );
            h.el("td", &[], rc.reason.as_deref().unwrap_or(""));
            h.el("td", &[], rc.decision);
            h.el(
                "td",
                &[],
                &format!(
                    "{}{}",
                    rc.decided_by
                        .as_deref()
                        .map(|b| who(r, b))
                        .unwrap_or_default(),
                    rc.decision_reason
                        .as_deref()
                        .map(|x| format!(": {x}"))
                        .unwrap_or_default()
                ),
            );
            h.close("tr");
        }
        h.fixed("</tbody></table>");
    }
    if r.runs.len() > 1 {
        h.el("h2", &[], "Every run's figures");
        h.open("table", &[("class", "runs")]);
        h.open("thead", &[]).open("tr", &[]);
        h.open("th", &[]);
        msg_text(h, lang, Msg::Candidate);
        h.close("th");
        for run in &r.runs {
            h.el(
                "th",
                &[("class", "n")],
                &format!(
                    "Run {} ({}{})",
                    run.run,
                    run.origin,
                    if run.completed { "" } else { ", in progress" }
                ),
            );
        }
        h.close("tr").close("thead").open("tbody", &[]);
        for (i, c) in r.candidates.iter().enumerate() {
            h.open("tr", &[]);
            h.open("td", &[("class", "name")]).name(&c.name).close("td");
            for run in &r.runs {
                num(h, run.votes.get(i).copied());
            }
            h.close("tr");
        }
        h.open("tr", &[]).el("td", &[], "Rejected");
        for run in &r.runs {
            num(h, Some(run.rejected_papers));
        }
        h.close("tr");
        h.close("tbody").close("table");
    }
}

fn collation(h: &mut Html, r: &ContestReport, col: &countroom_count::CollationStatement) {
    h.el(
        "p",
        &[],
        &format!(
            "{} counting areas in the poll; {} awaiting a total, {} reported but not authorised.",
            thousands(col.areas_in_poll),
            thousands(col.missing.len()),
            thousands(col.unauthorised.len())
        ),
    );
    let keys: Vec<(&str, &'static str)> = r
        .candidates
        .iter()
        .map(|c| (c.name.as_str(), chart::colour_for(c.description.as_deref())))
        .collect();
    let region_table = |h: &mut Html, title: &str, rows: Vec<(String, Vec<u64>, u64)>| {
        h.el("h2", &[], title);
        h.open("table", &[("class", "regions")]);
        h.open("thead", &[])
            .open("tr", &[])
            .el("th", &[], "Region or area");
        for c in &r.candidates {
            h.open("th", &[("class", "n")]).name(&c.name).close("th");
        }
        h.el("th", &[("class", "n")], "Rejected");
        h.close("tr").close("thead").open("tbody", &[]);
        for (name, votes, rejected) in &rows {
            h.open("tr", &[]);
            h.open("td", &[]).name(name).close("td");
            for v in votes {
                num(h, Some(*v));
            }
            num(h, Some(*rejected));
            h.close("tr");
        }
        h.close("tbody").close("table");
    };
    if !col.regions.is_empty() {
        region_table(
            h,
            "By region",
            col.regions
                .iter()
                .map(|g| (g.name.clone(), g.votes.clone(), g.rejected))
                .collect(),
        );
    }
    region_table(
        h,
        "By counting area",
        col.areas
            .iter()
            .map(|a| {
                (
                    format!("{} ({})", a.name, a.status),
                    a.votes.clone(),
                    a.rejected.unwrap_or(0),
                )
            })
            .collect(),
    );
    // The chart: by region, or by counting area where the poll has no
    // regions.
    let (what, stacks): (&str, Vec<Stack<'_>>) = if col.regions.is_empty() {
        (
            "counting area",
            col.areas
                .iter()
                .map(|a| Stack {
                    label: &a.name,
                    segments: a.votes.iter().map(|&v| u128::from(v)).collect(),
                })
                .collect(),
        )
    } else {
        (
            "region",
            col.regions
                .iter()
                .map(|g| Stack {
                    label: &g.name,
                    segments: g.votes.iter().map(|&v| u128::from(v)).collect(),
                })
                .collect(),
        )
    };
    if !stacks.is_empty() {
        h.open("figure", &[("class", "regions-chart")]);
        chart::stacks(
            h,
            &format!("{}-regions", r.contest.id),
            &format!("Votes by {what} (each bar one {what}'s votes as shares)"),
            &keys,
            &stacks,
        );
        h.el(
            "figcaption",
            &[],
            &format!("Votes by {what}, each bar one {what}'s votes as shares (the tables above give the figures)."),
        );
        h.close("figure");
    }
    for a in col.areas.iter().filter(|a| a.needs_explanation) {
        h.el(
            "p",
            &[("class", "problem")],
            &format!("{}: a variance awaits an explanation.", a.name),
        );
    }
}
