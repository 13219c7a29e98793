//! The STV stage sheet, the election accounts and the index page.

use countroom_accounts::{iso_date, Accounts, Money, PollAccount};
use countroom_arith::thousands;
use countroom_stv::{Action, StageSheet};

use crate::chart::{self, Bar, Series};
use crate::markup::Html;
use crate::messages::{Lang, Msg};
use crate::{heading, msg_text, page_end, page_start};

/// Stages per table of the stage sheet: a count of many stages is printed
/// as several tables of at most this many stages, as the official sheets
/// run over several pages, so each stays readable on A4.
pub const STAGES_PER_TABLE: usize = 5;

/// The STV stage sheet of `countroom stv` as a self-contained page.
#[must_use]
pub fn stage_sheet_page(sheet: &StageSheet) -> String {
    let title = String::from_utf8_lossy(&sheet.title).into_owned();
    let mut h = Html::new();
    page_start(
        &mut h,
        Lang::English,
        if title.is_empty() {
            "Stage sheet"
        } else {
            &title
        },
    );
    h.open("section", &[("class", "doc"), ("data-doc", "stages")]);
    h.open("header", &[("class", "running")]);
    h.el("p", &[], &title);
    h.close("header");
    stage_sheet_body(&mut h, Lang::English, sheet, "stv");
    h.close("section");
    page_end(&mut h);
    h.finish()
}

/// The page of `countroom stv --papers --format html`: the stage sheet,
/// then the statement of rejected ballot papers (each head of the ruleset
/// in statutory order with its letter, wording and papers), the account of
/// the papers read, and the adjudication record (each doubtful paper with
/// the Returning Officer's decision).
#[must_use]
pub fn stage_sheet_with_papers_page(
    sheet: &StageSheet,
    papers: &countroom_stv::Adjudicated,
) -> String {
    let title = String::from_utf8_lossy(&sheet.title).into_owned();
    let mut h = Html::new();
    page_start(
        &mut h,
        Lang::English,
        if title.is_empty() {
            "Stage sheet"
        } else {
            &title
        },
    );
    let running = |h: &mut Html| {
        h.open("header", &[("class", "running")]);
        h.el("p", &[], &title);
        h.close("header");
    };
    h.open("section", &[("class", "doc"), ("data-doc", "stages")]);
    running(&mut h);
    stage_sheet_body(&mut h, Lang::English, sheet, "stv");
    h.close("section").newline();
    h.open("section", &[("class", "doc"), ("data-doc", "rejected")]);
    running(&mut h);
    let lang = Lang::English;
    heading(&mut h, "h1", lang, Msg::Rejected, "");
    h.el("p", &[], papers.rules().heads_citation);
    h.open("table", &[("class", "rejected")]);
    h.fixed("<thead><tr><th>Head</th><th class=\"n\">Papers</th></tr></thead><tbody>");
    for head in &papers.rejected {
        h.open("tr", &[("data-head", head.spec.head.code())]);
        h.el(
            "td",
            &[],
            &format!("({}) {}", head.spec.letter, head.spec.label),
        );
        h.el(
            "td",
            &[("class", "n"), ("data-value", &head.papers.to_string())],
            &thousands(head.papers),
        );
        h.close("tr");
    }
    h.close("tbody").open("tfoot", &[]).open("tr", &[]);
    h.el("th", &[], "Total");
    h.el(
        "td",
        &[
            ("class", "n"),
            ("data-value", &papers.rejected_total().to_string()),
        ],
        &thousands(papers.rejected_total()),
    );
    h.close("tr").close("tfoot").close("table");
    let decided = |valid: bool| {
        papers
            .doubtful
            .iter()
            .filter(|d| match &d.ruling {
                Some(countroom_stv::Ruling::Valid(_)) => valid,
                Some(countroom_stv::Ruling::Rejected(_)) => !valid,
                _ => false,
            })
            .count()
    };
    h.el("h2", &[], "Ballot papers");
    h.open("table", &[("class", "papers")]);
    for (label, n) in [
        ("Read", thousands(papers.papers_read)),
        ("Valid", thousands(papers.valid)),
        (
            "of which partially accepted (counted for their preferences up to the break in the sequence)",
            thousands(papers.partially_accepted),
        ),
        ("of which a preference outside the box", thousands(papers.saved)),
        ("Rejected", thousands(papers.rejected_total())),
        (
            "Doubtful, decided valid by the Returning Officer",
            thousands(decided(true)),
        ),
        (
            "Doubtful, decided rejected by the Returning Officer",
            thousands(decided(false)),
        ),
    ] {
        h.open("tr", &[])
            .el("th", &[], label)
            .el("td", &[("class", "n")], &n)
            .close("tr");
    }
    h.close("table");
    h.el("h2", &[], "Adjudication record");
    if papers.doubtful.is_empty() {
        h.el("p", &[], "No paper was left to the Returning Officer.");
    } else {
        h.open("table", &[("class", "adjudication")]);
        h.fixed("<thead><tr><th>Paper</th><th class=\"n\">Line</th><th>Doubt</th><th>Decision of the Returning Officer</th></tr></thead><tbody>");
        for d in &papers.doubtful {
            h.open("tr", &[("data-paper", &d.reference)]);
            h.open("td", &[]).name(&d.reference).close("td");
            h.el("td", &[("class", "n")], &d.line.to_string());
            h.el("td", &[], d.doubt.code());
            h.el(
                "td",
                &[],
                &countroom_io::render::stv::ruling_text(d.ruling.as_ref()),
            );
            h.close("tr");
        }
        h.close("tbody").close("table");
    }
    h.close("section");
    page_end(&mut h);
    h.finish()
}

fn cand_name(sheet: &StageSheet, i: usize) -> String {
    sheet.candidates.get(i).map_or_else(
        || format!("candidate {}", i + 1),
        |c| String::from_utf8_lossy(&c.name).into_owned(),
    )
}

fn cand_party(sheet: &StageSheet, i: usize) -> Option<String> {
    sheet
        .candidates
        .get(i)
        .and_then(|c| c.party.as_deref())
        .map(|p| String::from_utf8_lossy(p).into_owned())
}

fn action_text(sheet: &StageSheet, a: &Action) -> String {
    match a {
        Action::FirstPreferences => "First preferences".to_owned(),
        Action::Surplus(c) => format!("Surplus of {}", cand_name(sheet, *c)),
        Action::Exclusion(c) => format!("Exclusion of {}", cand_name(sheet, *c)),
        Action::BulkExclusion(cs) => format!(
            "Exclusion of {}",
            cs.iter()
                .map(|c| cand_name(sheet, *c))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => a.kind().replace('_', " "),
    }
}

/// Units of a value for chart geometry (negative values, which a total
/// never is, count as 0).
fn units(v: countroom_stv::Value) -> u128 {
    u128::try_from(v.units()).unwrap_or(0)
}

/// The stage sheet's documents inside a section (also used for an STV
/// contest's page of `countroom count`).
pub(crate) fn stage_sheet_body(h: &mut Html, lang: Lang, sheet: &StageSheet, id: &str) {
    let p = sheet.places;
    heading(h, "h1", lang, Msg::StageSheet, "");
    // A rehearsal (`stv --seed`) says so before anything else, with each
    // draw from the seed: never a declared result.
    if let Some(seed) = &sheet.rehearsal_seed {
        let text = countroom_io::render::stv::rehearsal_text(sheet);
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        if let Some(first) = lines.next() {
            h.el(
                "p",
                &[("class", "status"), ("data-rehearsal-seed", seed)],
                first,
            );
        }
        let draws: Vec<&str> = lines.map(str::trim).collect();
        if !draws.is_empty() {
            h.open("ul", &[("class", "rehearsal")]);
            for d in draws {
                h.el("li", &[], d);
            }
            h.close("ul");
        }
    }
    h.el("p", &[], &countroom_io::render::stv::rules_line(sheet));
    h.open("table", &[("class", "stv-summary")]);
    h.open("tr", &[])
        .el("th", &[], "Seats")
        .el("td", &[("class", "n")], &thousands(sheet.seats))
        .close("tr");
    h.open("tr", &[])
        .el("th", &[], "Valid ballot papers")
        .el("td", &[("class", "n")], &thousands(sheet.valid_papers))
        .close("tr");
    h.open("tr", &[]).open("th", &[]);
    msg_text(h, lang, Msg::Quota);
    h.close("th");
    h.el(
        "td",
        &[
            ("class", "n"),
            ("data-quota", &sheet.quota.fixed(p).to_string()),
        ],
        &sheet.quota.fixed(p).to_string(),
    );
    h.close("tr").close("table");
    let n = sheet.candidates.len();
    for (block, stages) in sheet.stages.chunks(STAGES_PER_TABLE).enumerate() {
        h.open(
            "table",
            &[
                ("class", "stages"),
                ("data-block", &(block + 1).to_string()),
            ],
        );
        // One column per stage: each cell holds the stage's transfer (above,
        // signed) and the total after it, so five stages fit an A4 page.
        h.open("thead", &[]).open("tr", &[]);
        h.open("th", &[]);
        msg_text(h, lang, Msg::Candidate);
        h.close("th");
        for s in stages {
            h.open("th", &[("class", "stage")]);
            msg_text(h, lang, Msg::Stage);
            h.text(&format!(" {}: ", s.number))
                .text(&action_text(sheet, &s.action));
            h.close("th");
        }
        h.close("tr").close("thead").open("tbody", &[]);
        let cell = |h: &mut Html, transfer: Option<String>, total: String, mark: &str| {
            h.open("td", &[("class", &format!("n{mark}"))]);
            if let Some(t) = transfer {
                h.el("span", &[("class", "transfer")], &t).fixed("<br>");
            }
            h.text(&total);
            if !mark.is_empty() {
                h.text(" *");
            }
            h.close("td");
        };
        for c in 0..n {
            h.open("tr", &[("data-candidate", &(c + 1).to_string())]);
            h.open("td", &[("class", "name")])
                .name(&cand_name(sheet, c));
            if let Some(party) = cand_party(sheet, c) {
                h.text(" (").name(&party).text(")");
            }
            h.close("td");
            for s in stages {
                let transfer = (s.number > 1)
                    .then(|| s.transfers.get(c).map(|v| signed(v.fixed(p).to_string())))
                    .flatten();
                let total = s
                    .totals
                    .get(c)
                    .map(|v| v.fixed(p).to_string())
                    .unwrap_or_default();
                let mut mark = String::new();
                if s.elected.contains(&c) {
                    mark.push_str(" elected");
                }
                if s.excluded.contains(&c) {
                    mark.push_str(" excluded");
                }
                cell(h, transfer, total, &mark);
            }
            h.close("tr");
        }
        h.open("tr", &[]).el("td", &[], "Non-transferable");
        for s in stages {
            cell(h, None, s.non_transferable.fixed(p).to_string(), "");
        }
        h.close("tr")
            .open("tr", &[])
            .el("td", &[], "Loss to truncation");
        for s in stages {
            cell(h, None, s.rounding_loss.fixed(p).to_string(), "");
        }
        h.close("tr").close("tbody").close("table");
        for s in stages {
            for note in &s.notes {
                h.el("p", &[], &format!("Stage {}: {note}", s.number));
            }
        }
    }
    h.el(
        "p",
        &[],
        "Each cell: the transfer at that stage (signed), then the total after it. * elected or excluded at that stage.",
    );
    if !sheet.elected.is_empty() {
        h.open("h2", &[]);
        msg_text(h, lang, Msg::Elected);
        h.close("h2").open("ol", &[("class", "elected")]);
        for e in &sheet.elected {
            h.open("li", &[("data-elected", &(e.candidate + 1).to_string())]);
            h.name(&cand_name(sheet, e.candidate));
            h.text(&format!(" (stage {})", e.stage));
            h.close("li");
        }
        h.close("ol");
    }
    for l in &sheet.lots {
        h.el(
            "p",
            &[("class", "lot")],
            &format!(
                "Stage {}: a lot between {} chose {} ({:?}).",
                l.stage,
                l.tied
                    .iter()
                    .map(|c| cand_name(sheet, *c))
                    .collect::<Vec<_>>()
                    .join(", "),
                cand_name(sheet, l.chosen),
                l.purpose
            ),
        );
    }
    let names: Vec<String> = (0..n).map(|c| cand_name(sheet, c)).collect();
    let colours: Vec<&'static str> = (0..n)
        .map(|c| chart::colour_for(cand_party(sheet, c).as_deref()))
        .collect();
    let quota = sheet.quota.fixed(p).to_string();
    let quota_label = format!("quota {quota}");
    if let Some(last) = sheet.stages.last() {
        let bars: Vec<Bar<'_>> = (0..n)
            .map(|c| {
                let v = last.totals.get(c).copied().unwrap_or_default();
                Bar {
                    label: &names[c],
                    figure: v.fixed(p).to_string(),
                    units: units(v),
                    colour: colours[c],
                }
            })
            .collect();
        h.open("figure", &[("class", "votes-chart")]);
        chart::bars(
            h,
            &format!("{id}-final"),
            &format!(
                "Each candidate's total at the last stage ({}), with the quota",
                last.number
            ),
            &bars,
            Some((units(sheet.quota), &quota_label)),
        );
        h.el(
            "figcaption",
            &[],
            "Totals at the last stage, with the quota marked (the stage tables give the figures).",
        );
        h.close("figure");
        let series: Vec<Series<'_>> = (0..n)
            .map(|c| Series {
                label: &names[c],
                colour: colours[c],
                points: sheet
                    .stages
                    .iter()
                    .map(|s| units(s.totals.get(c).copied().unwrap_or_default()))
                    .collect(),
            })
            .collect();
        h.open("figure", &[("class", "stages-chart")]);
        chart::lines(
            h,
            &format!("{id}-stages"),
            "Each candidate's total stage by stage, with the quota",
            &series,
            Some((units(sheet.quota), &quota_label)),
        );
        h.el("figcaption", &[], "Totals stage by stage; the dashed line is the quota (the stage tables give the figures).");
        h.close("figure");
        transfers(h, id, sheet);
    }
}

/// The transfers as a flow chart, and its text equivalent: the transfers
/// table (stage, from, to, votes), one row per flow.
fn transfers(h: &mut Html, id: &str, sheet: &StageSheet) {
    let flows = crate::flow::flows(sheet);
    if flows.is_empty() {
        return;
    }
    let p = sheet.places;
    h.open("figure", &[("class", "flow-chart")]);
    crate::flow::chart(h, &format!("{id}-flows"), sheet, &flows);
    h.el(
        "figcaption",
        &[],
        "The transfers stage by stage: each column is what a candidate received (first preferences at the bottom, then each transfer, coloured by where it came from); the faded part is what they passed on, and a band runs from it to each recipient; the dashed line is the quota. The table below gives the figures.",
    );
    h.close("figure");
    h.open("table", &[("class", "transfers")]);
    h.fixed("<thead><tr><th class=\"n\">Stage</th><th>From</th><th>To</th><th class=\"n\">Votes</th></tr></thead><tbody>");
    for f in &flows {
        h.open("tr", &[("data-stage", &f.stage.to_string())]);
        h.el("td", &[("class", "n")], &f.stage.to_string());
        h.open("td", &[])
            .name(&crate::flow::from_name(sheet, &f.from))
            .close("td");
        h.open("td", &[])
            .name(&crate::flow::recipient_name(sheet, f.to))
            .close("td");
        h.el(
            "td",
            &[("class", "n"), ("data-units", &f.value.units().to_string())],
            &f.value.fixed(p).to_string(),
        );
        h.close("tr");
    }
    h.close("tbody").close("table");
}

/// A transfer with its sign: `+12.00000`, `-3.00000`, `0.00000`.
fn signed(v: String) -> String {
    if v.starts_with('-') || v.chars().all(|c| c == '0' || c == '.') {
        v
    } else {
        format!("+{v}")
    }
}

fn pounds(m: Money) -> String {
    m.pounds().to_string()
}

fn money_row(h: &mut Html, label: &str, m: Money) {
    h.open("tr", &[])
        .el("th", &[], label)
        .el("td", &[("class", "n")], &pounds(m))
        .close("tr");
}

fn authorisations_html(h: &mut Html, check: &countroom_accounts::claim::CapCheck) {
    for r in &check.requests {
        let mut text = format!(
            "Request {}: {} above the cap, requested by {} on {}",
            r.id,
            pounds(r.requested),
            r.by,
            iso_date(r.date)
        );
        if !r.reference.is_empty() {
            text.push_str(&format!(" (ref. {})", r.reference));
        }
        if r.awaiting {
            text.push_str("; awaiting the Secretary of State's decision");
        }
        for g in &r.grants {
            text.push_str(&format!(
                "; grant {}: {} authorised by {} on {}",
                g.id,
                pounds(g.amount),
                g.by,
                iso_date(g.date)
            ));
            if !g.reference.is_empty() {
                text.push_str(&format!(" (ref. {})", g.reference));
            }
        }
        text.push('.');
        h.el("p", &[("class", "authorisation")], &text);
    }
    if check.exceeded {
        h.el(
            "p",
            &[("data-status", check.status.code())],
            &format!(
                "Status: {}; authorised {} of the {} excess.",
                check.status.text(),
                pounds(check.authorised),
                pounds(check.excess)
            ),
        );
    }
}

/// Each claim as submitted (the claim form: heads in the order's order
/// with the amounts claimed, each maximum recoverable amount with what is
/// authorised above it and the status, the advance and the balance) as a
/// self-contained page; one `section.doc[data-doc=claim-form]` per claim.
#[must_use]
pub fn claim_forms_page(accounts: &Accounts) -> String {
    let lang = Lang::English;
    let mut h = Html::new();
    page_start(&mut h, lang, "Claim as submitted");
    for p in &accounts.polls {
        let PollAccount::Claim(c) = p else {
            continue;
        };
        h.open(
            "section",
            &[
                ("class", "doc"),
                ("data-doc", "claim-form"),
                ("data-poll", &c.poll),
            ],
        );
        h.open("h1", &[])
            .text("Claim as submitted: ")
            .name(&c.name)
            .text(&format!(" ({})", c.poll))
            .close("h1");
        let date = match (c.poll_date, c.in_force_checked) {
            (Some(d), true) => format!("Poll: {}; the order applies on that date.", iso_date(d)),
            (Some(d), false) => format!(
                "Poll: {}; whether the order applies on that date was not checked.",
                iso_date(d)
            ),
            (None, _) => "Poll date not given: whether the order applies was not checked.".into(),
        };
        h.el(
            "p",
            &[],
            &format!(
                "Under {}. Area: {}; {}. {date}",
                c.instrument,
                c.area,
                if c.contested {
                    "contested"
                } else {
                    "uncontested"
                }
            ),
        );
        h.open("table", &[("class", "claim-form")]);
        h.fixed("<thead><tr><th>Provision</th><th>Head</th><th class=\"n\">Claimed</th></tr></thead><tbody>");
        for l in &c.schedule {
            h.open("tr", &[("data-head", l.code)]);
            h.el("td", &[], l.provision.unwrap_or("other charges"));
            h.el("td", &[], l.wording);
            h.el("td", &[("class", "n")], &pounds(l.claimed));
            h.close("tr");
        }
        h.close("tbody").close("table");
        h.open("table", &[("class", "claim-caps")]);
        h.fixed("<thead><tr><th>Maximum recoverable amount</th><th class=\"n\">Claimed</th><th class=\"n\">Maximum</th><th class=\"n\">Authorised above it</th><th>Status</th></tr></thead><tbody>");
        for k in &c.checks {
            h.open(
                "tr",
                &[("data-cap", k.cap), ("data-status", k.status.code())],
            );
            h.el("td", &[], &format!("{} ({})", k.cap, k.provision));
            h.el("td", &[("class", "n")], &pounds(k.claimed));
            h.el("td", &[("class", "n")], &pounds(k.maximum));
            h.el("td", &[("class", "n")], &pounds(k.authorised));
            h.el("td", &[], k.status.text());
            h.close("tr");
        }
        h.close("tbody").close("table");
        h.open("table", &[("class", "claim-totals")]);
        money_row(&mut h, "Total claimed", c.total);
        money_row(&mut h, "Recoverable", c.recoverable);
        money_row(&mut h, "Not recoverable", c.not_recoverable);
        money_row(&mut h, "Advance received", c.advance);
        money_row(&mut h, "Balance", c.balance_due);
        h.close("table");
        h.el(
            "p",
            &[("class", "status"), ("data-status", c.status.code())],
            &format!("Status: {}.", c.status.text()),
        );
        h.close("section").newline();
    }
    page_end(&mut h);
    h.finish()
}

/// The election accounts (each poll's claim or account, then the
/// apportionment schedule) as a self-contained page.
#[must_use]
pub fn accounts_page(accounts: &Accounts) -> String {
    let lang = Lang::English;
    let mut h = Html::new();
    page_start(&mut h, lang, "Election accounts");
    for p in &accounts.polls {
        h.open("section", &[("class", "doc"), ("data-doc", "claim")]);
        match p {
            PollAccount::Claim(c) => {
                h.open("h1", &[])
                    .text("Claim: ")
                    .name(&c.name)
                    .text(&format!(" ({})", c.poll))
                    .close("h1");
                h.el(
                    "p",
                    &[],
                    &format!(
                        "Under {}. Area: {}; {}.",
                        c.instrument,
                        c.area,
                        if c.contested {
                            "contested"
                        } else {
                            "uncontested"
                        }
                    ),
                );
                for (title, heads, total) in [
                    ("Specified services", &c.services, c.services_total),
                    ("Specified expenses", &c.expenses, c.expenses_total),
                    (
                        "Other charges (no specified head of the order)",
                        &c.other,
                        c.other_total,
                    ),
                ] {
                    if heads.is_empty() {
                        continue;
                    }
                    h.el("h2", &[], title);
                    h.open("table", &[]);
                    h.fixed("<thead><tr><th>Provision</th><th>Head</th><th>Lines</th><th class=\"n\">Amount</th></tr></thead><tbody>");
                    for head in heads {
                        h.open("tr", &[]);
                        h.el("td", &[], head.provision.unwrap_or(""));
                        h.el("td", &[], head.wording);
                        let lines: Vec<String> = head
                            .lines
                            .iter()
                            .map(|l| {
                                format!(
                                    "line {} ({}): {}",
                                    l.line,
                                    iso_date(l.date),
                                    pounds(l.amount)
                                )
                            })
                            .collect();
                        h.el("td", &[], &lines.join("; "));
                        h.el("td", &[("class", "n")], &pounds(head.amount));
                        h.close("tr");
                    }
                    h.close("tbody");
                    h.open("tfoot", &[]);
                    money_row(&mut h, "Total", total);
                    h.close("tfoot").close("table");
                }
                h.open("table", &[("class", "claim-totals")]);
                money_row(&mut h, "Total claimed", c.total);
                money_row(
                    &mut h,
                    "Recoverable within the maximum recoverable amounts",
                    c.recoverable_within_caps,
                );
                money_row(
                    &mut h,
                    "Claimed above them, for authorisation",
                    c.above_caps,
                );
                money_row(
                    &mut h,
                    "Authorised above them (RPA 1983 s.29(3B))",
                    c.authorised_above_caps,
                );
                money_row(&mut h, "Recoverable", c.recoverable);
                money_row(&mut h, "Advances received", c.advance);
                money_row(&mut h, "Balance due", c.balance_due);
                h.close("table");
                h.el(
                    "p",
                    &[("class", "status"), ("data-status", c.status.code())],
                    &format!("Status: {}.", c.status.text()),
                );
                h.el(
                    "h2",
                    &[],
                    "Maximum recoverable amounts (RPA 1983 s.29(3), (3A))",
                );
                for check in &c.checks {
                    let verdict = if check.exceeded {
                        format!(
                            "EXCEEDED by {}",
                            Money::from_pence(-check.headroom.pence()).pounds()
                        )
                    } else {
                        format!("headroom {}", check.headroom.pounds())
                    };
                    h.el(
                        "p",
                        &[("class", if check.exceeded { "problem" } else { "" })],
                        &format!(
                            "{} ({}): claimed {} of {}; {verdict}.",
                            check.cap,
                            check.provision,
                            pounds(check.claimed),
                            pounds(check.maximum)
                        ),
                    );
                    authorisations_html(&mut h, check);
                    for l in &check.authorisation_needed {
                        h.el("p", &[], &format!("Needing the Secretary of State's authorisation (RPA 1983 s.29(3B)): line {} ({}): {} above the cap.", l.line, iso_date(l.date), pounds(l.amount)));
                    }
                }
            }
            PollAccount::Scale(a) => {
                h.open("h1", &[])
                    .text("Account: ")
                    .name(&a.name)
                    .text(&format!(" ({})", a.poll))
                    .close("h1");
                h.el("p", &[], &format!("{}.", a.against()));
                if let Some(note) = a.note() {
                    h.el("p", &[], &format!("Note: {note}."));
                }
                h.open("table", &[]);
                h.fixed("<thead><tr><th>Head</th><th>Scale</th><th class=\"n\">Amount</th><th class=\"n\">Payable</th><th class=\"n\">Not payable</th></tr></thead><tbody>");
                for head in &a.heads {
                    h.open("tr", &[]);
                    h.el("td", &[], head.head.wording);
                    let scale = match (&head.scale_item, head.maximum) {
                        (None, _) => "not on the scale".to_owned(),
                        (Some(d), Some(m)) => format!("scale item \"{d}\": up to {}", m.pounds()),
                        (Some(d), None) => format!("scale item \"{d}\": actual cost"),
                    };
                    h.el("td", &[], &scale);
                    h.el("td", &[("class", "n")], &pounds(head.head.amount));
                    h.el("td", &[("class", "n")], &pounds(head.payable));
                    h.el("td", &[("class", "n")], &pounds(head.not_payable));
                    h.close("tr");
                }
                h.close("tbody").close("table");
                h.open("table", &[("class", "claim-totals")]);
                money_row(&mut h, "Total", a.total);
                money_row(
                    &mut h,
                    &format!("Payable by {} under the scale", a.payer()),
                    a.payable,
                );
                money_row(&mut h, "Not payable under the scale", a.not_payable);
                money_row(&mut h, "Advances received", a.advance);
                money_row(&mut h, "Balance due", a.balance_due);
                h.close("table");
            }
        }
        h.close("section").newline();
    }
    let s = &accounts.apportionment;
    h.open("section", &[("class", "doc"), ("data-doc", "schedule")]);
    heading(&mut h, "h1", lang, Msg::Schedule, "");
    h.el(
        "p",
        &[],
        &format!("{}. Pence left over: {}.", s.rule, s.leftover_rule),
    );
    h.open("table", &[("class", "schedule")]);
    h.fixed("<thead><tr><th class=\"n\">Line</th><th>Category</th><th>Attribution</th><th class=\"n\">Amount</th><th>Working</th><th>Shares</th></tr></thead><tbody>");
    for w in &s.lines {
        h.open("tr", &[]);
        h.el("td", &[("class", "n")], &w.line.to_string());
        h.el("td", &[], w.category.code());
        h.el("td", &[], w.attribution);
        h.el("td", &[("class", "n")], &pounds(w.amount));
        let working = if w.attribution == "solely" {
            "solely attributable".to_owned()
        } else {
            format!(
                "{}{} ÷ {} = {} each, {} left over",
                if w.refunded > Money::ZERO {
                    format!(
                        "{} less refunds {} = ",
                        pounds(w.amount),
                        pounds(w.refunded)
                    )
                } else {
                    String::new()
                },
                pounds(w.net),
                thousands(w.units),
                pounds(w.per_unit),
                if w.leftover_pence == 1 {
                    "1 penny".to_owned()
                } else {
                    format!("{} pence", thousands(w.leftover_pence))
                }
            )
        };
        h.el("td", &[], &working);
        let shares: Vec<String> = w
            .shares
            .iter()
            .map(|x| format!("{} {}", x.poll, pounds(x.amount)))
            .collect();
        h.el("td", &[], &shares.join(", "));
        h.close("tr");
    }
    h.close("tbody").close("table");
    h.open("table", &[("class", "by-poll")]);
    h.fixed("<thead><tr><th>Poll</th><th class=\"n\">Solely</th><th class=\"n\">Shared</th><th class=\"n\">Combination</th><th class=\"n\">Total</th></tr></thead><tbody>");
    for p in &s.polls {
        h.open("tr", &[]);
        h.el("td", &[], &p.poll);
        for m in [p.solely, p.shared, p.combination, p.total] {
            h.el("td", &[("class", "n")], &pounds(m));
        }
        h.close("tr");
    }
    h.close("tbody").close("table");
    h.el(
        "p",
        &[],
        &format!("Ledger total (net of refunds): {}.", pounds(s.total)),
    );
    h.close("section");
    page_end(&mut h);
    h.finish()
}

/// A page listing documents with links: `(href, title)` pairs, given by
/// the caller (a server's routes, or the file names of `--out DIR`).
#[must_use]
pub fn index_page(title: &str, links: &[(String, String)]) -> String {
    let mut h = Html::new();
    page_start(&mut h, Lang::English, title);
    h.open("section", &[("class", "doc"), ("data-doc", "index")]);
    h.el("h1", &[], title);
    h.open("nav", &[]).open("ul", &[]);
    for (href, text) in links {
        h.open("li", &[])
            .open("a", &[("href", href)])
            .name(text)
            .close("a")
            .close("li");
    }
    h.close("ul").close("nav").close("section");
    page_end(&mut h);
    h.finish()
}

/// The index of `count --out DIR --format html`: every contest of the
/// report in the report's order, with its poll day, its status and a
/// relative link to its page (`hrefs`, one per contest in the same order;
/// a contest without one is listed unlinked).
#[must_use]
pub fn contests_index_page(report: &countroom_count::Report, hrefs: &[String]) -> String {
    let title = report
        .contests
        .iter()
        .map(|c| c.contest.election_name.as_str())
        .chain(report.list_contests.iter().map(|c| c.election.as_str()))
        .find(|n| !n.is_empty())
        .map_or_else(
            || "The documents of the count".to_owned(),
            |n| format!("{n}: the documents of the count"),
        );
    let mut h = Html::new();
    page_start(&mut h, Lang::English, &title);
    h.open("section", &[("class", "doc"), ("data-doc", "index")]);
    h.el("h1", &[], &title);
    h.open("table", &[("class", "contests")]);
    h.fixed("<thead><tr><th>Contest</th><th>Poll day</th><th>Status</th></tr></thead><tbody>");
    for (i, c) in report.contests.iter().enumerate() {
        h.open("tr", &[("data-contest", &c.contest.id)]);
        h.open("td", &[]);
        match hrefs.get(i) {
            Some(href) => {
                h.open("a", &[("href", href)]);
                h.name(&c.contest.title).text(" — ").name(&c.contest.area);
                h.close("a");
            }
            None => {
                h.name(&c.contest.title).text(" — ").name(&c.contest.area);
            }
        }
        h.close("td");
        h.el("td", &[], &c.contest.poll_day);
        h.el(
            "td",
            &[("data-status", c.status.code())],
            c.status.describe(),
        );
        h.close("tr");
    }
    // The list contests follow the others, as their files do.
    for (i, c) in report.list_contests.iter().enumerate() {
        h.open("tr", &[("data-contest", &c.contest)]);
        h.open("td", &[]);
        match report
            .contests
            .len()
            .checked_add(i)
            .and_then(|k| hrefs.get(k))
        {
            Some(href) => {
                h.open("a", &[("href", href)]);
                h.name(&c.title).text(" — ").name(&c.area);
                h.close("a");
            }
            None => {
                h.name(&c.title).text(" — ").name(&c.area);
            }
        }
        h.close("td");
        h.el("td", &[], &c.poll_date.to_string());
        h.el("td", &[("data-status", c.status)], &c.status_text);
        h.close("tr");
    }
    h.close("tbody").close("table");
    if let Some(e) = &report.evidence {
        h.open("p", &[]);
        h.text("Count log chain head: ");
        h.el(
            "span",
            &[("class", "head-code")],
            &countroom_io::render::digest_groups(&e.chain_head),
        );
        h.text(". Each page's SHA-256 is in SHA256SUMS beside this index.");
        h.close("p");
    }
    h.close("section");
    page_end(&mut h);
    h.finish()
}

/// The collation of `countroom collate` (local totals by region and the
/// poll) as a self-contained page: the regions' figures, a chart of each
/// region's votes as shares, the poll's total and `result` (the sentence of
/// the result, as on the text statement). Each area not authorised is
/// listed first with why (`not_authorised`, the collator's refusals as on
/// the text statement: a variance unexplained, an explanation of another
/// variance, papers above the electorate), each in a `p.problem`.
#[must_use]
pub fn collation_page(
    plan: &countroom_collate::Plan,
    collated: &countroom_collate::Collated,
    result: &str,
    not_authorised: &[String],
) -> String {
    let lang = Lang::English;
    let mut h = Html::new();
    page_start(&mut h, lang, &plan.poll);
    h.open("section", &[("class", "doc"), ("data-doc", "collation")]);
    h.open("header", &[("class", "running")]);
    h.el("p", &[], &plan.poll);
    h.close("header");
    heading(&mut h, "h1", lang, Msg::Collation, "");
    h.el(
        "p",
        &[],
        &format!(
            "{} ({}): {} of {} counting areas authorised.",
            plan.poll,
            plan.method,
            thousands(collated.areas.iter().filter(|a| a.authorised).count()),
            thousands(plan.areas.len())
        ),
    );
    for w in not_authorised {
        h.el(
            "p",
            &[("class", "problem")],
            &format!("Not authorised: {w}"),
        );
    }
    for m in &collated.missing {
        h.el("p", &[("class", "problem")], &format!("Not reported: {m}"));
    }
    let figures = |h: &mut Html, name: &str, f: &countroom_collate::Figures, class: &str| {
        h.open("tr", &[("class", class)]);
        h.open("td", &[("class", "name")]).name(name).close("td");
        h.el("td", &[("class", "n")], &thousands(f.areas()));
        for v in f.votes() {
            h.el(
                "td",
                &[("class", "n"), ("data-value", &v.to_string())],
                &thousands(*v),
            );
        }
        h.el(
            "td",
            &[("class", "n")],
            &if f.not_published() == 0 {
                thousands(f.rejected_total())
            } else {
                "-".to_owned()
            },
        );
        h.el(
            "td",
            &[("class", "n")],
            &f.turnout()
                .map_or_else(|| "-".to_owned(), |p| format!("{p}%")),
        );
        h.close("tr");
    };
    h.open("table", &[("class", "regions")]);
    h.open("thead", &[]).open("tr", &[]);
    h.open("th", &[]);
    msg_text(&mut h, lang, Msg::Region);
    h.close("th");
    h.el("th", &[("class", "n")], "Areas");
    for c in &plan.choices {
        h.open("th", &[("class", "n")]).name(&c.name).close("th");
    }
    h.el("th", &[("class", "n")], "Rejected");
    h.el("th", &[("class", "n")], "Turnout");
    h.close("tr").close("thead").open("tbody", &[]);
    let region_name = |id: &str| {
        plan.regions
            .iter()
            .find(|x| x.id == id)
            .map_or_else(|| id.to_owned(), |x| x.name.clone())
    };
    for r in &collated.regions {
        figures(&mut h, &region_name(&r.region), &r.figures, "region");
    }
    figures(&mut h, "Total", &collated.total, "total");
    h.close("tbody").close("table");
    let keys: Vec<(&str, &'static str)> = plan
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), CHOICE_COLOURS[i % CHOICE_COLOURS.len()]))
        .collect();
    let names: Vec<String> = collated
        .regions
        .iter()
        .map(|r| region_name(&r.region))
        .collect();
    let stacks: Vec<crate::chart::Stack<'_>> = collated
        .regions
        .iter()
        .zip(&names)
        .map(|(r, name)| crate::chart::Stack {
            label: name,
            segments: r.figures.votes().iter().map(|&v| u128::from(v)).collect(),
        })
        .collect();
    if !stacks.is_empty() {
        h.open("figure", &[("class", "regions-chart")]);
        chart::stacks(
            &mut h,
            "collation-regions",
            "Votes by region (each bar one region's votes as shares)",
            &keys,
            &stacks,
        );
        h.el(
            "figcaption",
            &[],
            "Votes by region as shares (the table above gives the figures).",
        );
        h.close("figure");
    }
    h.el("p", &[("class", "status")], result);
    h.close("section");
    page_end(&mut h);
    h.finish()
}

/// Colours of a collation's choices (answers or candidates whose party the
/// area files do not give): distinct, each at least 3:1 against white.
pub const CHOICE_COLOURS: [&str; 6] = [
    "#0a3b7c", "#a35200", "#2e7d32", "#8b1c2c", "#00717f", "#595959",
];
