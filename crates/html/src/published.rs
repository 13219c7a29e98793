//! The pages of `countroom results` (published results checked) and of
//! `countroom spending-limit`.

use countroom_accounts::date_text;
use countroom_arith::{thousands, thousands_signed};
use countroom_collate::published::{PublishedMethod, ResultsReport};
use countroom_io::published::how_many;
use countroom_io::render::{election_wording, exact_pounds, SpendingNotice};

use crate::chart::{self, Bar};
use crate::markup::Html;
use crate::messages::Lang;
use crate::{page_end, page_start};

/// Hundredths of a point as a signed figure with two places: `+1.23`,
/// `-0.05`, `0.00` (as the text report writes the change in share).
fn points(hundredths: i64) -> String {
    let sign = match hundredths {
        h if h > 0 => "+",
        h if h < 0 => "-",
        _ => "",
    };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// The report of `countroom results` as a self-contained page: the
/// problems, each contest's candidates with their shares and marks (and
/// the contest's own problems), and the summary by party with a chart of
/// the parties' votes. `source_sha256` is the results file's digest.
#[must_use]
pub fn results_page(report: &ResultsReport, source_sha256: &str) -> String {
    let mut h = Html::new();
    page_start(&mut h, Lang::English, "Published results checked");
    h.open("section", &[("class", "doc"), ("data-doc", "published")]);
    h.open("header", &[("class", "running")]);
    h.el(
        "p",
        &[],
        &format!("{} · SHA-256 {source_sha256}", report.file),
    );
    h.close("header");
    h.el("h1", &[], "Published results checked");
    let candidates: usize = report.contests.iter().map(|c| c.candidates.len()).sum();
    h.el(
        "p",
        &[],
        &format!(
            "{}, {}, {}; checked by countroom {}.",
            how_many(report.contests.len() as u64, "contest"),
            how_many(candidates as u64, "candidate"),
            how_many(report.seats, "seat"),
            env!("CARGO_PKG_VERSION")
        ),
    );
    if report.problems.is_empty() {
        h.el("p", &[("class", "status")], "No problems found.");
    } else {
        h.el(
            "h2",
            &[],
            &format!("Problems ({})", thousands(report.problems.len())),
        );
        h.open("ul", &[("class", "problems")]);
        for p in &report.problems {
            h.el(
                "li",
                &[("class", "problem"), ("data-code", p.code)],
                &p.to_string(),
            );
        }
        h.close("ul");
    }
    for c in &report.contests {
        h.open("div", &[("class", "contest"), ("data-contest", &c.id)]);
        h.open("h2", &[]).text(&c.id).text(" ").name(&c.name);
        h.text(&if c.seats == 1 {
            " (1 seat)".to_owned()
        } else {
            format!(" ({} seats)", c.seats)
        });
        h.close("h2");
        for p in report
            .problems
            .iter()
            .filter(|p| p.contest.as_deref() == Some(c.id.as_str()))
        {
            h.el(
                "p",
                &[("class", "problem"), ("data-code", p.code)],
                &p.to_string(),
            );
        }
        let sv = c.method == PublishedMethod::SupplementaryVote;
        h.open("table", &[("class", "candidates")]);
        h.fixed("<thead><tr><th>Candidate</th><th>Party</th><th class=\"n\">Votes</th><th class=\"n\">Share</th>");
        if sv {
            h.fixed("<th class=\"n\">Second preferences added</th><th class=\"n\">Total</th>");
        }
        h.fixed("<th>Marks</th></tr></thead><tbody>");
        for (i, x) in c.candidates.iter().enumerate() {
            h.open(
                "tr",
                &[
                    ("data-candidate", &(i + 1).to_string()),
                    ("class", if x.elected_by_rules { "elected" } else { "" }),
                ],
            );
            h.open("td", &[("class", "name")]).name(&x.name).close("td");
            h.open("td", &[]).name(&x.party).close("td");
            h.el(
                "td",
                &[("class", "n"), ("data-value", &x.votes.to_string())],
                &thousands(x.votes),
            );
            h.el(
                "td",
                &[("class", "n")],
                &x.share.map(|s| format!("{s}%")).unwrap_or_default(),
            );
            if sv {
                h.el(
                    "td",
                    &[("class", "n")],
                    &x.second.map(thousands).unwrap_or_default(),
                );
                h.el(
                    "td",
                    &[("class", "n")],
                    &match (x.second, x.total) {
                        (_, Some(t)) => thousands(t),
                        (Some(_), None) => "eliminated".to_owned(),
                        _ => String::new(),
                    },
                );
            }
            let mut marks: Vec<&str> = Vec::new();
            if x.elected_by_rules {
                marks.push("elected");
            }
            if x.tied {
                marks.push("equality of votes: a lot decides");
            }
            match x.elected_as_published {
                Some(true) if x.tied => marks.push("published as elected (by lot)"),
                Some(true) if !x.elected_by_rules => marks.push("PUBLISHED AS ELECTED"),
                Some(false) if x.elected_by_rules => marks.push("NOT PUBLISHED AS ELECTED"),
                _ => {}
            }
            h.el("td", &[], &marks.join("; "));
            h.close("tr");
        }
        h.close("tbody").close("table");
        let mut figures = vec![format!("Valid votes {}", thousands(c.votes))];
        if let Some(r) = c.rejected {
            figures.push(format!("rejected ballot papers {}", thousands(r)));
        }
        if let Some(p) = c.papers {
            figures.push(format!("ballot papers counted {}", thousands(p)));
        }
        if let Some(e) = c.electorate {
            figures.push(format!("electorate {}", thousands(e)));
        }
        figures.push(countroom_io::published::majority_text(c));
        h.el("p", &[], &format!("{}.", figures.join("; ")));
        h.close("div").newline();
    }
    h.close("section");
    h.open("section", &[("class", "doc"), ("data-doc", "parties")]);
    h.el("h1", &[], "Summary by party");
    let previous = report.previous_votes.is_some();
    h.el(
        "p",
        &[],
        &format!(
            "Shares of {} valid votes, each rounded half up to 2 places{}.",
            thousands(report.votes),
            if previous {
                "; change: the difference of the shares as shown"
            } else {
                ""
            }
        ),
    );
    h.open("table", &[("class", "parties")]);
    h.fixed("<thead><tr><th>Party</th><th class=\"n\">Candidates</th><th class=\"n\">Seats</th><th class=\"n\">Votes</th><th class=\"n\">Share</th>");
    if previous {
        h.fixed("<th class=\"n\">Seats +/-</th><th class=\"n\">Share +/-</th>");
    }
    h.fixed("</tr></thead><tbody>");
    let party_name = |p: &str| {
        if p.is_empty() {
            "(none)".to_owned()
        } else {
            p.to_owned()
        }
    };
    for p in &report.parties {
        h.open("tr", &[("data-party", &p.party)]);
        h.open("td", &[("class", "name")])
            .name(&party_name(&p.party))
            .close("td");
        h.el("td", &[("class", "n")], &thousands(p.candidates));
        h.el(
            "td",
            &[("class", "n"), ("data-seats", &p.seats.to_string())],
            &thousands(p.seats),
        );
        h.el(
            "td",
            &[("class", "n"), ("data-value", &p.votes.to_string())],
            &thousands(p.votes),
        );
        h.el(
            "td",
            &[("class", "n")],
            &p.share.map(|s| s.to_string()).unwrap_or_default(),
        );
        if previous {
            h.el(
                "td",
                &[("class", "n")],
                &p.seat_change.map(thousands_signed).unwrap_or_default(),
            );
            h.el(
                "td",
                &[("class", "n")],
                &p.share_change_hundredths.map(points).unwrap_or_default(),
            );
        }
        h.close("tr");
    }
    h.close("tbody").open("tfoot", &[]).open("tr", &[]);
    h.el("th", &[], "Total");
    h.el("td", &[("class", "n")], &thousands(candidates));
    h.el("td", &[("class", "n")], &thousands(report.seats));
    h.el("td", &[("class", "n")], &thousands(report.votes));
    h.close("tr").close("tfoot").close("table");
    if report.seats_undecided > 0 {
        h.el(
            "p",
            &[("class", "problem")],
            &format!(
                "{} seat(s) left to a lot the file does not record (counted for no party).",
                thousands(report.seats_undecided)
            ),
        );
    }
    let names: Vec<String> = report
        .parties
        .iter()
        .map(|p| party_name(&p.party))
        .collect();
    let bars: Vec<Bar<'_>> = report
        .parties
        .iter()
        .zip(&names)
        .map(|(p, name)| Bar {
            label: name,
            figure: thousands(p.votes),
            units: u128::from(p.votes),
            colour: chart::colour_for(Some(&p.party)),
        })
        .collect();
    if !bars.is_empty() {
        h.open("figure", &[("class", "votes-chart")]);
        chart::bars(&mut h, "parties", "Votes by party", &bars, None);
        h.el(
            "figcaption",
            &[],
            "Votes by party (the table above gives the figures).",
        );
        h.close("figure");
    }
    h.close("section");
    page_end(&mut h);
    h.finish()
}

/// The notice of `countroom spending-limit` as a self-contained page: the
/// limit with its working and, when the declaration date was given, the
/// deadline for the return of election expenses.
#[must_use]
pub fn spending_page(notice: &SpendingNotice) -> String {
    let l = &notice.limit;
    let mut h = Html::new();
    page_start(&mut h, Lang::English, "Spending limit");
    h.open(
        "section",
        &[("class", "doc"), ("data-doc", "spending-limit")],
    );
    h.el("h1", &[], "Spending limit");
    h.el("p", &[], &election_wording(&l.election));
    h.el("p", &[], l.basis);
    h.open("table", &[("class", "working")]);
    let row = |h: &mut Html, label: &str, value: &str| {
        h.open("tr", &[])
            .el("th", &[], label)
            .el("td", &[("class", "n")], value)
            .close("tr");
    };
    row(&mut h, "Electors", &thousands(l.electors));
    row(
        &mut h,
        "Limit before any fraction",
        &format!(
            "{} + {} × {} = {}",
            exact_pounds(l.base),
            thousands(l.electors),
            exact_pounds(l.per_elector),
            exact_pounds(l.full_limit)
        ),
    );
    if l.fraction != "1/1" {
        let exact = if l.exact.contains('/') {
            format!("{} pounds exactly", l.exact)
        } else {
            format!("£{} exactly", l.exact)
        };
        row(&mut h, "Fraction", &format!("× {} = {exact}", l.fraction));
    }
    h.open("tr", &[("class", "limit")])
        .el("th", &[], "Limit")
        .el(
            "td",
            &[("class", "n"), ("data-pence", &l.limit.pence().to_string())],
            &format!("{} ({})", l.limit.pounds(), l.rounding),
        )
        .close("tr");
    h.close("table");
    if let Some(d) = &notice.return_deadline {
        h.el("h2", &[], "Return of election expenses");
        h.open("table", &[("class", "deadline")]);
        row(&mut h, "Declared", &date_text(d.declared));
        row(
            &mut h,
            &format!("{} days later", d.days),
            &date_text(d.nominal),
        );
        for p in &d.passed_over {
            row(&mut h, "Passed over", p);
        }
        h.open("tr", &[("class", "limit")])
            .el("th", &[], "Deadline")
            .el(
                "td",
                &[
                    ("class", "n"),
                    ("data-date", &countroom_accounts::iso_date(d.deadline)),
                ],
                &date_text(d.deadline),
            )
            .close("tr");
        h.close("table");
        h.el("p", &[], d.basis);
    }
    h.close("section");
    page_end(&mut h);
    h.finish()
}
