//! Stage sheets as JSON, CSV and text (the layout of the official Scottish
//! "Candidate Votes Per Stage" reports). Every renderer is a pure function
//! of the sheet: the same sheet gives the same bytes.

use std::fmt::Write as _;

use countroom_stv::papers::{Adjudicated, Ruling};
use countroom_stv::{Action, LotMethod, StageSheet, Value};

fn json_str(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    serde_json::to_string(&*s).unwrap_or_else(|_| "\"\"".to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn numbers(cs: &[usize]) -> String {
    let v: Vec<String> = cs.iter().map(|c| (c + 1).to_string()).collect();
    format!("[{}]", v.join(", "))
}

fn values(vs: &[Value], places: u32) -> String {
    let v: Vec<String> = vs
        .iter()
        .map(|x| format!("\"{}\"", x.fixed(places)))
        .collect();
    format!("[{}]", v.join(", "))
}

/// The sheet as JSON. Candidate numbers are 1-based positions in the
/// ballot file; values are fixed-point strings with the ruleset's places;
/// `totals` and `transfers` have one entry per candidate in ballot-file
/// order; `non_transferable` (excluding the loss to truncation) and
/// `rounding_loss` are cumulative; `candidate` is `null` for first
/// preferences and for a bulk exclusion (whose candidates are in
/// `candidates`). A name that is not valid UTF-8 also has `name_hex`.
#[must_use]
pub fn sheet_json(sheet: &StageSheet) -> Vec<u8> {
    let p = sheet.places;
    let mut o = String::new();
    o.push_str("{\n");
    let _ = writeln!(o, "  \"rules\": \"{}\",", sheet.rules.as_str());
    let _ = writeln!(o, "  \"title\": {},", json_str(&sheet.title));
    let _ = writeln!(o, "  \"seats\": {},", sheet.seats);
    let _ = writeln!(o, "  \"valid_papers\": {},", sheet.valid_papers);
    let _ = writeln!(o, "  \"quota\": \"{}\",", sheet.quota.fixed(p));
    o.push_str("  \"candidates\": [\n");
    for (i, c) in sheet.candidates.iter().enumerate() {
        let _ = write!(
            o,
            "    {{\"number\": {}, \"name\": {}",
            i + 1,
            json_str(&c.name)
        );
        if std::str::from_utf8(&c.name).is_err() {
            let _ = write!(o, ", \"name_hex\": \"{}\"", hex(&c.name));
        }
        match &c.party {
            Some(party) => {
                let _ = write!(o, ", \"party\": {}", json_str(party));
            }
            None => o.push_str(", \"party\": null"),
        }
        let _ = write!(o, ", \"withdrawn\": {}}}", sheet.withdrawn.contains(&i));
        o.push_str(if i + 1 < sheet.candidates.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    o.push_str("  ],\n  \"stages\": [\n");
    for (k, s) in sheet.stages.iter().enumerate() {
        o.push_str("    {\n");
        let _ = writeln!(o, "      \"stage\": {},", s.number);
        let _ = writeln!(o, "      \"action\": \"{}\",", s.action.kind());
        match s.action.candidate() {
            Some(c) => {
                let _ = writeln!(o, "      \"candidate\": {},", c + 1);
            }
            None => o.push_str("      \"candidate\": null,\n"),
        }
        if let Action::BulkExclusion(cs) = &s.action {
            let _ = writeln!(o, "      \"candidates\": {},", numbers(cs));
        }
        let _ = writeln!(o, "      \"transfers\": {},", values(&s.transfers, p));
        let _ = writeln!(o, "      \"totals\": {},", values(&s.totals, p));
        let _ = writeln!(
            o,
            "      \"non_transferable\": \"{}\",",
            s.non_transferable.fixed(p)
        );
        let _ = writeln!(
            o,
            "      \"rounding_loss\": \"{}\",",
            s.rounding_loss.fixed(p)
        );
        let _ = writeln!(o, "      \"elected\": {},", numbers(&s.elected));
        let _ = writeln!(o, "      \"excluded\": {},", numbers(&s.excluded));
        let notes: Vec<String> = s.notes.iter().map(|n| json_str(n.as_bytes())).collect();
        let _ = writeln!(o, "      \"notes\": [{}]", notes.join(", "));
        o.push_str(if k + 1 < sheet.stages.len() {
            "    },\n"
        } else {
            "    }\n"
        });
    }
    o.push_str(if sheet.elected.is_empty() {
        "  ],\n  \"elected\": ["
    } else {
        "  ],\n  \"elected\": [\n"
    });
    for (k, e) in sheet.elected.iter().enumerate() {
        let _ = write!(
            o,
            "    {{\"candidate\": {}, \"stage\": {}}}",
            e.candidate + 1,
            e.stage
        );
        o.push_str(if k + 1 < sheet.elected.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    o.push_str(if sheet.lots.is_empty() {
        "  ],\n  \"lots\": ["
    } else {
        "  ],\n  \"lots\": [\n"
    });
    for (k, l) in sheet.lots.iter().enumerate() {
        let _ = write!(
            o,
            "    {{\"stage\": {}, \"purpose\": \"{}\", \"tied\": {}, \"chosen\": {}, ",
            l.stage,
            l.purpose.code(),
            numbers(&l.tied),
            l.chosen + 1
        );
        match &l.method {
            LotMethod::Recorded => o.push_str("\"method\": \"recorded\"}"),
            LotMethod::Seeded { seed, context } => {
                let _ = write!(
                    o,
                    "\"method\": \"seeded\", \"seed\": {}, \"context\": {}}}",
                    json_str(seed.as_bytes()),
                    json_str(context.as_bytes())
                );
            }
        }
        o.push_str(if k + 1 < sheet.lots.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    o.push_str(if sheet.lots.is_empty() {
        "]\n}\n"
    } else {
        "  ]\n}\n"
    });
    o.into_bytes()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The sheet as CSV: two rows per stage, `transfer` (each candidate's
/// transfer, and the stage's non-transferable value and loss) and `total`
/// (running totals, cumulative non-transferable and loss). Columns:
/// `stage,action,subject,row`, one per candidate (headed by the name),
/// `non_transferable,rounding_loss,elected,excluded` (1-based numbers
/// separated by spaces, on the `total` row).
#[must_use]
pub fn sheet_csv(sheet: &StageSheet) -> Vec<u8> {
    let p = sheet.places;
    let mut o = String::from("stage,action,subject,row");
    for c in &sheet.candidates {
        o.push(',');
        o.push_str(&csv_field(&c.display_name()));
    }
    o.push_str(",non_transferable,rounding_loss,elected,excluded\n");
    let mut prev_nt = Value::ZERO;
    let mut prev_loss = Value::ZERO;
    let join = |cs: &[usize]| {
        cs.iter()
            .map(|c| (c + 1).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for s in &sheet.stages {
        let subject = match &s.action {
            Action::FirstPreferences => String::new(),
            Action::Surplus(c) | Action::Exclusion(c) => (c + 1).to_string(),
            Action::BulkExclusion(cs) => join(cs),
            other => other
                .candidate()
                .map(|c| (c + 1).to_string())
                .unwrap_or_default(),
        };
        let head = format!("{},{},{}", s.number, s.action.kind(), subject);
        let _ = write!(o, "{head},transfer");
        for t in &s.transfers {
            let _ = write!(o, ",{}", t.fixed(p));
        }
        let dnt = s
            .non_transferable
            .checked_sub(prev_nt)
            .unwrap_or(Value::ZERO);
        let dloss = s
            .rounding_loss
            .checked_sub(prev_loss)
            .unwrap_or(Value::ZERO);
        let _ = writeln!(o, ",{},{},,", dnt.fixed(p), dloss.fixed(p));
        let _ = write!(o, "{head},total");
        for t in &s.totals {
            let _ = write!(o, ",{}", t.fixed(p));
        }
        let _ = writeln!(
            o,
            ",{},{},{},{}",
            s.non_transferable.fixed(p),
            s.rounding_loss.fixed(p),
            join(&s.elected),
            join(&s.excluded)
        );
        prev_nt = s.non_transferable;
        prev_loss = s.rounding_loss;
    }
    o.into_bytes()
}

/// A value with thousands separators, as on the official sheets
/// (`1,913.00000`).
fn grouped(v: Value, places: u32) -> String {
    let s = v.fixed(places).to_string();
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut g = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            g.push(',');
        }
        g.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{g}.{f}"),
        None => format!("{sign}{g}"),
    }
}

fn pad_right(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// The sheet as text, in the layout of the official Scottish sheets: the
/// contest, valid votes, positions to be filled and quota; then for each
/// stage its action and a table of each candidate's transfer, votes and
/// status, non-transferable votes (and those due to rounding, shown apart),
/// and the total; notes (tie-breaks, lots) under the stage.
#[must_use]
pub fn sheet_text(sheet: &StageSheet) -> Vec<u8> {
    let p = sheet.places;
    let name = |c: usize| {
        sheet
            .candidates
            .get(c)
            .map(|x| x.display_name())
            .unwrap_or_default()
    };
    let labels = [
        "Non-transferable votes",
        "Non-transferable votes due to rounding",
    ];
    let name_w = sheet
        .candidates
        .iter()
        .map(|c| c.display_name().chars().count())
        .chain(labels.iter().map(|l| l.chars().count()))
        .max()
        .unwrap_or(0)
        + 2;
    let has_party = sheet.candidates.iter().any(|c| c.party.is_some());
    let party_w = sheet
        .candidates
        .iter()
        .filter_map(|c| c.party.as_ref())
        .map(|p| String::from_utf8_lossy(p).chars().count())
        .chain(std::iter::once("Affiliation".len()))
        .max()
        .unwrap_or(0)
        + 2;
    let num_w = grouped(
        Value::whole(sheet.valid_papers, p).unwrap_or(Value::ZERO),
        p,
    )
    .len()
    .max("Transfer Value".len())
        + 1;
    let mut o = String::new();
    let _ = writeln!(o, "Candidate Votes Per Stage");
    let _ = writeln!(o, "Rules: {}", sheet.rules.citation());
    o.push('\n');
    let _ = writeln!(
        o,
        "Contest Name                 {}",
        String::from_utf8_lossy(&sheet.title)
    );
    let _ = writeln!(
        o,
        "Total Number of Valid Votes  {}",
        grouped(
            Value::whole(sheet.valid_papers, 0).unwrap_or(Value::ZERO),
            0
        )
    );
    let _ = writeln!(o, "Positions to be Filled       {}", sheet.seats);
    let _ = writeln!(
        o,
        "Quota                        {}",
        grouped(sheet.quota, p)
    );
    if !sheet.withdrawn.is_empty() {
        let w: Vec<String> = sheet.withdrawn.iter().map(|&c| name(c)).collect();
        let _ = writeln!(o, "Withdrawn                    {}", w.join(", "));
    }
    let mut prev_nt = Value::ZERO;
    let mut prev_loss = Value::ZERO;
    for s in &sheet.stages {
        o.push('\n');
        let _ = writeln!(o, "Stage {}", s.number);
        match &s.action {
            Action::FirstPreferences => o.push_str("First preferences\n"),
            Action::Surplus(c) => {
                let _ = writeln!(o, "Surplus of {}", name(*c));
            }
            Action::Exclusion(c) => {
                let _ = writeln!(o, "Exclusion of {}", name(*c));
            }
            Action::BulkExclusion(cs) => {
                let n: Vec<String> = cs.iter().map(|&c| name(c)).collect();
                let _ = writeln!(o, "Exclusion of {}", n.join(", "));
            }
            other => {
                let _ = writeln!(o, "{}", other.kind());
            }
        }
        let mut header = pad_right("Candidate Name", name_w);
        if has_party {
            header.push_str(&pad_right("Affiliation", party_w));
        }
        let _ = writeln!(
            o,
            "{header}{:>num_w$}{:>num_w$}  Status",
            "Transfer Value", "Votes"
        );
        for (c, cand) in sheet.candidates.iter().enumerate() {
            let mut row = pad_right(&cand.display_name(), name_w);
            if has_party {
                let party = cand
                    .party
                    .as_ref()
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .unwrap_or_default();
                row.push_str(&pad_right(&party, party_w));
            }
            let status = if s.elected.contains(&c) {
                "  Elected"
            } else if s.excluded.contains(&c) {
                "  Excluded"
            } else if sheet.withdrawn.contains(&c) {
                "  Withdrawn"
            } else {
                ""
            };
            let transfer = s.transfers.get(c).copied().unwrap_or(Value::ZERO);
            let total = s.totals.get(c).copied().unwrap_or(Value::ZERO);
            let _ = writeln!(
                o,
                "{row}{:>num_w$}{:>num_w$}{status}",
                grouped(transfer, p),
                grouped(total, p)
            );
        }
        let blank = if has_party { party_w } else { 0 };
        let dnt = s
            .non_transferable
            .checked_sub(prev_nt)
            .unwrap_or(Value::ZERO);
        let dloss = s
            .rounding_loss
            .checked_sub(prev_loss)
            .unwrap_or(Value::ZERO);
        for (label, d, cum) in [
            (labels[0], dnt, s.non_transferable),
            (labels[1], dloss, s.rounding_loss),
        ] {
            let _ = writeln!(
                o,
                "{}{}{:>num_w$}{:>num_w$}",
                pad_right(label, name_w),
                " ".repeat(blank),
                grouped(d, p),
                grouped(cum, p)
            );
        }
        let total = s
            .totals
            .iter()
            .try_fold(Value::ZERO, |a, t| a.checked_add(*t))
            .and_then(|t| t.checked_add(s.non_transferable))
            .and_then(|t| t.checked_add(s.rounding_loss))
            .unwrap_or(Value::ZERO);
        let _ = writeln!(
            o,
            "{}{}{:>num_w$}{:>num_w$}",
            pad_right("Total", name_w),
            " ".repeat(blank),
            "",
            grouped(total, p)
        );
        for n in &s.notes {
            let _ = writeln!(o, "Note: {n}");
        }
        prev_nt = s.non_transferable;
        prev_loss = s.rounding_loss;
    }
    o.push('\n');
    o.push_str("Elected\n");
    for e in &sheet.elected {
        let _ = writeln!(o, "  {} (stage {})", name(e.candidate), e.stage);
    }
    o.into_bytes()
}

fn ruling_text(ruling: Option<&Ruling>) -> String {
    match ruling {
        Some(Ruling::Valid(prefs)) => {
            let n: Vec<String> = prefs.iter().map(|c| (c + 1).to_string()).collect();
            format!("valid, preferences {}", n.join(" "))
        }
        Some(Ruling::Rejected(head)) => format!("rejected, {}", head.code()),
        None => "undecided".to_string(),
    }
}

fn decided(papers: &Adjudicated) -> (usize, usize) {
    let valid = papers
        .doubtful
        .iter()
        .filter(|d| matches!(d.ruling, Some(Ruling::Valid(_))))
        .count();
    let rejected = papers
        .doubtful
        .iter()
        .filter(|d| matches!(d.ruling, Some(Ruling::Rejected(_))))
        .count();
    (valid, rejected)
}

/// The statement of rejected ballot papers and the account of the papers
/// read, as text: each head of the ruleset in statutory order with its
/// letter, wording and papers; the papers read, valid (and of them the
/// partially accepted, counted for their preferences up to the break in the
/// sequence), rejected, and each doubtful paper with the Returning
/// Officer's decision.
#[must_use]
pub fn papers_text(papers: &Adjudicated) -> Vec<u8> {
    let rules = papers.rules();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Statement of rejected ballot papers ({})",
        rules.heads_citation
    );
    let labels: Vec<String> = papers
        .rejected
        .iter()
        .map(|h| format!("({}) {}", h.spec.letter, h.spec.label))
        .collect();
    let w = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(40)
        + 2;
    let num_w = papers.papers_read.to_string().len().max(5) + 1;
    for (label, h) in labels.iter().zip(&papers.rejected) {
        let _ = writeln!(o, "{}{:>num_w$}", pad_right(label, w), h.papers);
    }
    let _ = writeln!(
        o,
        "{}{:>num_w$}",
        pad_right("Total", w),
        papers.rejected_total()
    );
    o.push('\n');
    o.push_str("Ballot papers\n");
    let (dv, dr) = decided(papers);
    for (label, n) in [
        ("Read", papers.papers_read),
        ("Valid", papers.valid),
        ("  of which partially accepted", papers.partially_accepted),
        ("  of which a preference outside the box", papers.saved),
        ("Rejected", papers.rejected_total()),
        (
            "Doubtful, decided valid by the Returning Officer",
            dv as u64,
        ),
        (
            "Doubtful, decided rejected by the Returning Officer",
            dr as u64,
        ),
    ] {
        let _ = writeln!(o, "{}{:>num_w$}", pad_right(label, w), n);
        if label.ends_with("partially accepted") {
            o.push_str("    (counted for their preferences up to the break in the sequence)\n");
        }
    }
    for d in &papers.doubtful {
        let _ = writeln!(
            o,
            "  paper {} (line {}, {}): {}",
            d.reference,
            d.line,
            d.doubt.code(),
            ruling_text(d.ruling.as_ref())
        );
    }
    o.into_bytes()
}

/// The stage sheet as text ([`sheet_text`]) followed by the statement of
/// rejected ballot papers and the account of the papers ([`papers_text`]).
#[must_use]
pub fn sheet_text_with_papers(sheet: &StageSheet, papers: &Adjudicated) -> Vec<u8> {
    let mut o = sheet_text(sheet);
    o.push(b'\n');
    o.extend_from_slice(&papers_text(papers));
    o
}

/// The stage sheet as JSON ([`sheet_json`]) with three more fields:
/// `"papers"` (`read`, `valid`, `partially_accepted`, `saved`, `rejected`),
/// `"rejected"` (the statement: `citation`, `heads` — each with `head`
/// code, `letter`, `label`, `papers` — in statutory order, and `total`),
/// and `"doubtful"` (each paper's `paper` reference, `line`, `reason` and
/// `decision`: `{"valid": [numbers]}` or `{"rejected": "head"}`).
#[must_use]
pub fn sheet_json_with_papers(sheet: &StageSheet, papers: &Adjudicated) -> Vec<u8> {
    let mut o = String::from_utf8_lossy(&sheet_json(sheet)).into_owned();
    // The sheet ends with "\n}\n": reopen the object.
    if o.ends_with("\n}\n") {
        o.truncate(o.len() - 3);
    }
    o.push_str(",\n  \"papers\": {");
    let _ = writeln!(
        o,
        "\"read\": {}, \"valid\": {}, \"partially_accepted\": {}, \"saved\": {}, \"rejected\": {}}},",
        papers.papers_read,
        papers.valid,
        papers.partially_accepted,
        papers.saved,
        papers.rejected_total()
    );
    let _ = writeln!(
        o,
        "  \"rejected\": {{\n    \"citation\": {},\n    \"heads\": [",
        json_str(papers.rules().heads_citation.as_bytes())
    );
    for (k, h) in papers.rejected.iter().enumerate() {
        let _ = write!(
            o,
            "      {{\"head\": \"{}\", \"letter\": \"{}\", \"label\": {}, \"papers\": {}}}",
            h.spec.head.code(),
            h.spec.letter,
            json_str(h.spec.label.as_bytes()),
            h.papers
        );
        o.push_str(if k + 1 < papers.rejected.len() {
            ",\n"
        } else {
            "\n"
        });
    }
    let _ = writeln!(
        o,
        "    ],\n    \"total\": {}\n  }},",
        papers.rejected_total()
    );
    o.push_str(if papers.doubtful.is_empty() {
        "  \"doubtful\": []\n}\n"
    } else {
        "  \"doubtful\": [\n"
    });
    for (k, d) in papers.doubtful.iter().enumerate() {
        let decision = match &d.ruling {
            Some(Ruling::Valid(prefs)) => format!("{{\"valid\": {}}}", numbers(prefs)),
            Some(Ruling::Rejected(head)) => format!("{{\"rejected\": \"{}\"}}", head.code()),
            None => "null".to_string(),
        };
        let _ = write!(
            o,
            "    {{\"paper\": {}, \"line\": {}, \"reason\": \"{}\", \"decision\": {decision}}}",
            json_str(d.reference.as_bytes()),
            d.line,
            d.doubt.code()
        );
        o.push_str(if k + 1 < papers.doubtful.len() {
            ",\n"
        } else {
            "\n  ]\n}\n"
        });
    }
    o.into_bytes()
}

/// The stage sheet as CSV ([`sheet_csv`]), a blank line, then the account
/// of the papers as a second table `section,item,description,papers`:
/// `papers` rows (`read`, `valid`, `partially_accepted`, `saved`,
/// `rejected`), one `rejected` row per head of the statement in statutory
/// order (item the head's letter, description its wording) and its
/// `total`, and one `doubtful` row per doubtful paper (item its reference,
/// description its reason and the decision).
#[must_use]
pub fn sheet_csv_with_papers(sheet: &StageSheet, papers: &Adjudicated) -> Vec<u8> {
    let mut o = String::from_utf8_lossy(&sheet_csv(sheet)).into_owned();
    o.push_str("\nsection,item,description,papers\n");
    for (item, n) in [
        ("read", papers.papers_read),
        ("valid", papers.valid),
        ("partially_accepted", papers.partially_accepted),
        ("saved", papers.saved),
        ("rejected", papers.rejected_total()),
    ] {
        let _ = writeln!(o, "papers,{item},,{n}");
    }
    for h in &papers.rejected {
        let _ = writeln!(
            o,
            "rejected,{},{},{}",
            h.spec.letter,
            csv_field(h.spec.label),
            h.papers
        );
    }
    let _ = writeln!(o, "rejected,total,,{}", papers.rejected_total());
    for d in &papers.doubtful {
        let _ = writeln!(
            o,
            "doubtful,{},{},1",
            csv_field(&d.reference),
            csv_field(&format!(
                "{}: {}",
                d.doubt.code(),
                ruling_text(d.ruling.as_ref())
            ))
        );
    }
    o.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_not_utf8_survive_in_json_and_csv() {
        let e = countroom_stv::blt::read(
            b"3 1\n3 1 0\n1 2 0\n1 3 2 0\n0\n\xffA, \"x\"\n\"B\" \"P\"\nC\nT\n",
        )
        .unwrap();
        let s = countroom_stv::scotland::count(&e, &mut countroom_stv::LotSource::none()).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&sheet_json(&s)).unwrap();
        assert_eq!(json["candidates"][0]["name_hex"], "ff412c20227822");
        assert_eq!(json["candidates"][1]["party"], "P");
        assert_eq!(json["quota"], "3.00000"); // floor(5/2)+1
        assert_eq!(json["lots"], serde_json::json!([]));
        let csv = String::from_utf8(sheet_csv(&s)).unwrap();
        assert!(
            csv.starts_with("stage,action,subject,row,\"\u{fffd}A, \"\"x\"\"\",B,C,"),
            "{csv}"
        );
        let text = String::from_utf8(sheet_text(&s)).unwrap();
        assert!(
            text.contains("Quota                        3.00000"),
            "{text}"
        );
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(Value::from_units(-140_901_545), 5), "-1,409.01545");
        assert_eq!(grouped(Value::from_units(726_300_000), 5), "7,263.00000");
        assert_eq!(grouped(Value::from_units(99_999), 5), "0.99999");
    }
}
