//! Election accounts as text, JSON and CSV: each poll's claim or account,
//! the apportionment schedule, and the spending-limit notice.

use std::fmt::Write as _;

use countroom_accounts::apportion::Apportionment;
use countroom_accounts::claim::{CapCheck, HeadAmount, LineShare};
use countroom_accounts::spending::{Election, ReturnDeadline, SpendingLimit};
use countroom_accounts::{date_text, iso_date, Accounts, Claim, Money, PollAccount, ScaleAccount};

use super::to_json;

/// The accounts as JSON.
#[must_use]
pub fn accounts_json(accounts: &Accounts) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        version: u32,
        #[serde(flatten)]
        accounts: &'a Accounts,
    }
    to_json(&Doc {
        schema: "countroom-accounts",
        version: 1,
        accounts,
    })
}

fn shares_text(out: &mut String, lines: &[LineShare]) {
    for l in lines {
        let _ = writeln!(
            out,
            "      line {} ({}): {}",
            l.line,
            iso_date(l.date),
            l.amount.pounds()
        );
    }
}

fn balance_text(out: &mut String, advance: Money, balance: Money) {
    let _ = writeln!(out, "  Advances received: {}", advance.pounds());
    let _ = writeln!(out, "  Balance due: {}", balance.pounds());
}

fn heads_text(out: &mut String, title: &str, heads: &[HeadAmount], total: Money) {
    if heads.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {title}");
    for h in heads {
        let provision = h.provision.map(|p| format!("{p} ")).unwrap_or_default();
        let _ = writeln!(out, "    {provision}{}: {}", h.wording, h.amount.pounds());
        shares_text(out, &h.lines);
    }
    let _ = writeln!(out, "    Total: {}", total.pounds());
}

fn check_text(out: &mut String, c: &CapCheck) {
    let verdict = if c.exceeded {
        format!(
            "EXCEEDED by {}",
            Money::from_pence(-c.headroom.pence()).pounds()
        )
    } else {
        format!("headroom {}", c.headroom.pounds())
    };
    let _ = writeln!(
        out,
        "    {} ({}): claimed {} of {}; {verdict}",
        c.cap,
        c.provision,
        c.claimed.pounds(),
        c.maximum.pounds()
    );
    requests_text(out, c);
    if c.exceeded {
        let _ = writeln!(
            out,
            "      Status: {}; authorised {} of the {} excess",
            c.status.text(),
            c.authorised.pounds(),
            c.excess.pounds()
        );
    }
    if !c.authorisation_needed.is_empty() {
        let _ = writeln!(
            out,
            "      Needing the Secretary of State's authorisation (RPA 1983 s.29(3B)), in date order from the line that passed the cap:"
        );
        for l in &c.authorisation_needed {
            let _ = writeln!(
                out,
                "        line {} ({}): {} above the cap",
                l.line,
                iso_date(l.date),
                l.amount.pounds()
            );
        }
    }
}

fn requests_text(out: &mut String, c: &CapCheck) {
    for r in &c.requests {
        let reference = if r.reference.is_empty() {
            String::new()
        } else {
            format!(" (ref. {})", r.reference)
        };
        let _ = writeln!(
            out,
            "      Request {}: {} above the cap, requested by {} on {}{reference}",
            r.id,
            r.requested.pounds(),
            r.by,
            iso_date(r.date)
        );
        if r.awaiting {
            let _ = writeln!(out, "        awaiting the Secretary of State's decision");
        }
        for g in &r.grants {
            let reference = if g.reference.is_empty() {
                String::new()
            } else {
                format!(" (ref. {})", g.reference)
            };
            let _ = writeln!(
                out,
                "        Grant {}: {} authorised by {} on {}{reference}",
                g.id,
                g.amount.pounds(),
                g.by,
                iso_date(g.date)
            );
        }
    }
}

fn poll_line(out: &mut String, c: &Claim) {
    let _ = writeln!(
        out,
        "  Area: {}; {}",
        c.area,
        if c.contested {
            "contested"
        } else {
            "uncontested"
        }
    );
    let _ = match (c.poll_date, c.in_force_checked) {
        (Some(d), true) => writeln!(
            out,
            "  Poll: {}; the order applies to a poll on that date",
            date_text(d)
        ),
        (Some(d), false) => writeln!(
            out,
            "  Poll: {}; whether the order applies on that date was not checked (its dates were not read)",
            date_text(d)
        ),
        (None, _) => writeln!(
            out,
            "  Poll date not given: whether the order applies was not checked"
        ),
    };
}

fn claim_text(out: &mut String, c: &Claim) {
    let _ = writeln!(out, "CLAIM: {} ({})", c.name, c.poll);
    let _ = writeln!(out, "  Under {}", c.instrument);
    poll_line(out, c);
    heads_text(out, "Specified services", &c.services, c.services_total);
    heads_text(out, "Specified expenses", &c.expenses, c.expenses_total);
    heads_text(
        out,
        "Other charges (no specified head of the order)",
        &c.other,
        c.other_total,
    );
    let _ = writeln!(out, "  Total claimed: {}", c.total.pounds());
    let _ = writeln!(
        out,
        "  Maximum recoverable amounts (RPA 1983 s.29(3), (3A)):"
    );
    for check in &c.checks {
        check_text(out, check);
    }
    let _ = writeln!(
        out,
        "  Recoverable within the maximum recoverable amounts: {}",
        c.recoverable_within_caps.pounds()
    );
    let _ = writeln!(
        out,
        "  Claimed above them, for authorisation: {}",
        c.above_caps.pounds()
    );
    let _ = writeln!(
        out,
        "  Authorised above them (RPA 1983 s.29(3B)): {}",
        c.authorised_above_caps.pounds()
    );
    let _ = writeln!(out, "  Recoverable: {}", c.recoverable.pounds());
    let _ = writeln!(out, "  Status: {}", c.status.text());
    balance_text(out, c.advance, c.balance_due);
}

/// Each claim as submitted, as text: the schedule in the order's order.
#[must_use]
pub fn claim_forms_text(accounts: &Accounts) -> Vec<u8> {
    let mut out = String::new();
    for c in claims(accounts) {
        let _ = writeln!(out, "CLAIM AS SUBMITTED: {} ({})", c.name, c.poll);
        let _ = writeln!(out, "  Under {}", c.instrument);
        poll_line(&mut out, c);
        let _ = writeln!(out, "  Heads, in the order's order (amount claimed):");
        for l in &c.schedule {
            let _ = writeln!(
                out,
                "    {} {}: {}",
                l.provision.unwrap_or("other charges:"),
                l.wording,
                l.claimed.pounds()
            );
        }
        let _ = writeln!(
            out,
            "  Maximum recoverable amounts (claimed / maximum / authorised above it / status):"
        );
        for k in &c.checks {
            let _ = writeln!(
                out,
                "    {} ({}): {} / {} / {} / {}",
                k.cap,
                k.provision,
                k.claimed.pounds(),
                k.maximum.pounds(),
                k.authorised.pounds(),
                k.status.text()
            );
        }
        let _ = writeln!(out, "  Total claimed: {}", c.total.pounds());
        let _ = writeln!(out, "  Recoverable: {}", c.recoverable.pounds());
        let _ = writeln!(out, "  Not recoverable: {}", c.not_recoverable.pounds());
        let _ = writeln!(out, "  Advance received: {}", c.advance.pounds());
        let _ = writeln!(out, "  Balance: {}", c.balance_due.pounds());
        let _ = writeln!(out, "  Status: {}", c.status.text());
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("No poll is claimed under a charges order.\n");
    }
    out.into_bytes()
}

fn claims(accounts: &Accounts) -> impl Iterator<Item = &Claim> {
    accounts.polls.iter().filter_map(|p| match p {
        PollAccount::Claim(c) => Some(c),
        PollAccount::Scale(_) => None,
    })
}

/// Each claim as submitted, as JSON (`"schema": "countroom-claim-forms"`).
#[must_use]
pub fn claim_forms_json(accounts: &Accounts) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Cap<'a> {
        cap: &'a str,
        provision: &'a str,
        claimed: Money,
        maximum: Money,
        authorised: Money,
        status: countroom_accounts::CapStatus,
    }
    #[derive(serde::Serialize)]
    struct Form<'a> {
        poll: &'a str,
        name: &'a str,
        framework: &'a str,
        instrument: &'a str,
        area: &'a str,
        contested: bool,
        poll_date: Option<String>,
        in_force_checked: bool,
        heads: &'a [countroom_accounts::ScheduleLine],
        caps: Vec<Cap<'a>>,
        total: Money,
        recoverable: Money,
        not_recoverable: Money,
        advance: Money,
        balance_due: Money,
        status: countroom_accounts::CapStatus,
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        version: u32,
        claims: Vec<Form<'a>>,
    }
    to_json(&Doc {
        schema: "countroom-claim-forms",
        version: 1,
        claims: claims(accounts)
            .map(|c| Form {
                poll: &c.poll,
                name: &c.name,
                framework: c.framework.code(),
                instrument: c.instrument,
                area: &c.area,
                contested: c.contested,
                poll_date: c.poll_date.map(iso_date),
                in_force_checked: c.in_force_checked,
                heads: &c.schedule,
                caps: c
                    .checks
                    .iter()
                    .map(|k| Cap {
                        cap: k.cap,
                        provision: k.provision,
                        claimed: k.claimed,
                        maximum: k.maximum,
                        authorised: k.authorised,
                        status: k.status,
                    })
                    .collect(),
                total: c.total,
                recoverable: c.recoverable,
                not_recoverable: c.not_recoverable,
                advance: c.advance,
                balance_due: c.balance_due,
                status: c.status,
            })
            .collect(),
    })
}

/// The claim-form CSV's header.
pub const CLAIM_FORM_HEADER: [&str; 8] = [
    "poll",
    "row",
    "key",
    "provision",
    "claimed",
    "maximum",
    "authorised",
    "status",
];

/// Each claim as submitted, as one CSV table (`CLAIM_FORM_HEADER`): a
/// `head` row per head of the order in its order, a `cap` row per
/// maximum recoverable amount, then `total`, `recoverable`,
/// `not_recoverable`, `advance` and `balance` rows.
#[must_use]
pub fn claim_forms_csv(accounts: &Accounts) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(CLAIM_FORM_HEADER);
    for c in claims(accounts) {
        for l in &c.schedule {
            let _ = w.write_record([
                c.poll.as_str(),
                "head",
                l.code,
                l.provision.unwrap_or(""),
                &l.claimed.to_string(),
                "",
                "",
                "",
            ]);
        }
        for k in &c.checks {
            let status = k.status.code();
            let _ = w.write_record([
                c.poll.as_str(),
                "cap",
                k.cap,
                k.provision,
                &k.claimed.to_string(),
                &k.maximum.to_string(),
                &k.authorised.to_string(),
                status,
            ]);
        }
        let status = c.status.code();
        for (key, amount, st) in [
            ("total", c.total, ""),
            ("recoverable", c.recoverable, ""),
            ("not_recoverable", c.not_recoverable, ""),
            ("advance", c.advance, ""),
            ("balance", c.balance_due, status),
        ] {
            let _ = w.write_record([
                c.poll.as_str(),
                key,
                "",
                "",
                &amount.to_string(),
                "",
                "",
                st,
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}

fn scale_text(out: &mut String, a: &ScaleAccount) {
    let _ = writeln!(out, "ACCOUNT: {} ({})", a.name, a.poll);
    let _ = writeln!(out, "  {}", a.against());
    if let Some(note) = a.note() {
        let _ = writeln!(out, "  Note: {note}.");
    }
    for h in &a.heads {
        let scale = match (&h.scale_item, h.maximum) {
            (None, _) => "not on the scale".to_owned(),
            (Some(d), Some(m)) => format!("scale item \"{d}\": up to {}", m.pounds()),
            (Some(d), None) => format!("scale item \"{d}\": actual cost"),
        };
        let _ = writeln!(
            out,
            "    {}: {} ({scale}); payable {}{}",
            h.head.wording,
            h.head.amount.pounds(),
            h.payable.pounds(),
            if h.not_payable > Money::ZERO {
                format!(", not payable {}", h.not_payable.pounds())
            } else {
                String::new()
            }
        );
        shares_text(out, &h.head.lines);
    }
    let _ = writeln!(out, "  Total: {}", a.total.pounds());
    let _ = writeln!(
        out,
        "  Payable by {} under the scale: {}",
        a.payer(),
        a.payable.pounds()
    );
    let _ = writeln!(
        out,
        "  Not payable under the scale: {}",
        a.not_payable.pounds()
    );
    balance_text(out, a.advance, a.balance_due);
}

fn schedule_text(out: &mut String, s: &Apportionment) {
    let _ = writeln!(out, "APPORTIONMENT SCHEDULE");
    let _ = writeln!(out, "  {}.", s.rule);
    let _ = writeln!(out, "  Pence left over: {}.", s.leftover_rule);
    for w in &s.lines {
        let net = if w.refunded > Money::ZERO {
            format!(" less refunds {} = {}", w.refunded.pounds(), w.net.pounds())
        } else {
            String::new()
        };
        let shares = w
            .shares
            .iter()
            .map(|s| format!("{} {}", s.poll, s.amount.pounds()))
            .collect::<Vec<_>>()
            .join(", ");
        let working = if w.attribution == "solely" {
            "solely attributable".to_owned()
        } else {
            format!(
                "{} ÷ {} = {} each, {} left over",
                w.net.pounds(),
                super::thousands(w.units),
                w.per_unit.pounds(),
                if w.leftover_pence == 1 {
                    "1 penny".to_owned()
                } else {
                    format!("{} pence", super::thousands(w.leftover_pence))
                }
            )
        };
        let _ = writeln!(
            out,
            "  line {} [{}; {}] {}{net}: {working}: {shares}",
            w.line,
            w.category.code(),
            w.attribution,
            w.amount.pounds()
        );
    }
    let _ = writeln!(out, "  By poll (solely / shared / combination / total):");
    for p in &s.polls {
        let _ = writeln!(
            out,
            "    {}: {} / {} / {} / {}",
            p.poll,
            p.solely.pounds(),
            p.shared.pounds(),
            p.combination.pounds(),
            p.total.pounds()
        );
    }
    let _ = writeln!(out, "  Ledger total (net of refunds): {}", s.total.pounds());
}

/// The accounts as text: each poll's claim or account, then the schedule.
#[must_use]
pub fn accounts_text(accounts: &Accounts) -> Vec<u8> {
    let mut out = String::new();
    for p in &accounts.polls {
        match p {
            PollAccount::Claim(c) => claim_text(&mut out, c),
            PollAccount::Scale(a) => scale_text(&mut out, a),
        }
        out.push('\n');
    }
    schedule_text(&mut out, &accounts.apportionment);
    out.into_bytes()
}

const HEADER: [&str; 5] = ["poll", "section", "key", "label", "value"];

/// The accounts as one long CSV table: `poll,section,key,label,value`.
#[must_use]
pub fn accounts_csv(accounts: &Accounts) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    let mut row = |poll: &str, section: &str, key: &str, label: &str, value: String| {
        let _ = w.write_record([poll, section, key, label, value.as_str()]);
    };
    for p in &accounts.polls {
        match p {
            PollAccount::Claim(c) => {
                for (section, heads) in [
                    ("services", &c.services),
                    ("expenses", &c.expenses),
                    ("other", &c.other),
                ] {
                    for h in heads {
                        row(
                            &c.poll,
                            section,
                            h.code,
                            h.provision.unwrap_or(""),
                            h.amount.to_string(),
                        );
                    }
                }
                row(
                    &c.poll,
                    "totals",
                    "services",
                    "specified services",
                    c.services_total.to_string(),
                );
                row(
                    &c.poll,
                    "totals",
                    "expenses",
                    "specified expenses",
                    c.expenses_total.to_string(),
                );
                row(
                    &c.poll,
                    "totals",
                    "other",
                    "other charges",
                    c.other_total.to_string(),
                );
                row(
                    &c.poll,
                    "totals",
                    "total",
                    "total claimed",
                    c.total.to_string(),
                );
                for check in &c.checks {
                    row(
                        &c.poll,
                        "cap",
                        check.cap,
                        check.provision,
                        check.maximum.to_string(),
                    );
                    row(
                        &c.poll,
                        "headroom",
                        check.cap,
                        if check.exceeded { "exceeded" } else { "within" },
                        check.headroom.to_string(),
                    );
                    for l in &check.authorisation_needed {
                        row(
                            &c.poll,
                            "authorisation",
                            check.cap,
                            &l.line,
                            l.amount.to_string(),
                        );
                    }
                }
                row(
                    &c.poll,
                    "totals",
                    "recoverable_within_caps",
                    "recoverable within the caps",
                    c.recoverable_within_caps.to_string(),
                );
                row(
                    &c.poll,
                    "totals",
                    "above_caps",
                    "above the caps, for authorisation",
                    c.above_caps.to_string(),
                );
                for check in &c.checks {
                    row(
                        &c.poll,
                        "status",
                        check.cap,
                        check.status.text(),
                        check.authorised.to_string(),
                    );
                }
                row(
                    &c.poll,
                    "totals",
                    "authorised_above_caps",
                    "authorised above the caps",
                    c.authorised_above_caps.to_string(),
                );
                row(
                    &c.poll,
                    "totals",
                    "recoverable",
                    "recoverable: within the caps and authorised above them",
                    c.recoverable.to_string(),
                );
                row(
                    &c.poll,
                    "status",
                    "claim",
                    c.status.text(),
                    c.status.code().to_owned(),
                );
                row(
                    &c.poll,
                    "totals",
                    "advance",
                    "advances received",
                    c.advance.to_string(),
                );
                row(
                    &c.poll,
                    "totals",
                    "balance_due",
                    "balance due",
                    c.balance_due.to_string(),
                );
            }
            PollAccount::Scale(a) => {
                for h in &a.heads {
                    let label = if h.on_scale {
                        "on the scale"
                    } else {
                        "not on the scale"
                    };
                    row(
                        &a.poll,
                        "scale",
                        h.head.code,
                        label,
                        h.head.amount.to_string(),
                    );
                    row(
                        &a.poll,
                        "payable",
                        h.head.code,
                        label,
                        h.payable.to_string(),
                    );
                }
                row(&a.poll, "totals", "total", "total", a.total.to_string());
                row(
                    &a.poll,
                    "totals",
                    "payable",
                    "payable under the scale",
                    a.payable.to_string(),
                );
                row(
                    &a.poll,
                    "totals",
                    "not_payable",
                    "not payable under the scale",
                    a.not_payable.to_string(),
                );
                row(
                    &a.poll,
                    "totals",
                    "advance",
                    "advances received",
                    a.advance.to_string(),
                );
                row(
                    &a.poll,
                    "totals",
                    "balance_due",
                    "balance due",
                    a.balance_due.to_string(),
                );
            }
        }
    }
    for l in &accounts.apportionment.lines {
        for s in &l.shares {
            row(
                &s.poll,
                "apportionment",
                &l.line,
                l.attribution,
                s.amount.to_string(),
            );
        }
    }
    w.into_inner().unwrap_or_default()
}

/// A spending-limit notice: the limit with its working, and the return
/// deadline if one was asked for.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SpendingNotice {
    /// The limit.
    pub limit: SpendingLimit,
    /// The deadline for the return of election expenses.
    pub return_deadline: Option<ReturnDeadline>,
}

/// The notice as JSON.
#[must_use]
pub fn spending_json(notice: &SpendingNotice) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        version: u32,
        #[serde(flatten)]
        notice: &'a SpendingNotice,
    }
    to_json(&Doc {
        schema: "countroom-spending-limit",
        version: 1,
        notice,
    })
}

/// The election as the spending-limit notice names it ("English local
/// government election, a candidate standing alone").
#[must_use]
pub fn election_wording(e: &Election) -> String {
    election_text(e)
}

/// An exact amount of pounds as the notice prints it: `£11,390.00`,
/// `£0.005` (never rounded).
#[must_use]
pub fn exact_pounds(d: rust_decimal::Decimal) -> String {
    pounds(d)
}

fn election_text(e: &Election) -> String {
    match e {
        Election::UkParliamentaryShort { constituency } => format!(
            "UK Parliamentary election, short campaign, {} constituency",
            format!("{constituency:?}").to_lowercase()
        ),
        Election::UkParliamentaryLong {
            constituency,
            dissolved_in_month,
        } => format!(
            "UK Parliamentary general election, long campaign, {} constituency, Parliament dissolved in its month {dissolved_in_month}",
            format!("{constituency:?}").to_lowercase()
        ),
        Election::EnglishLocal { joint_candidates: 1 } => "English local government election, a candidate standing alone".to_owned(),
        Election::EnglishLocal { joint_candidates } => {
            format!("English local government election, one of {joint_candidates} joint candidates")
        }
        Election::NonPartyLocal => "English local government election, a non-party campaigner".to_owned(),
        _ => "election".to_owned(),
    }
}

/// An exact amount of pounds as printed: `£11,390.00`, `£0.005`, `£55.005`
/// (never rounded: at least two places, more where the amount has them).
fn pounds(d: rust_decimal::Decimal) -> String {
    let text = d.abs().to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let whole = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_owned(), super::thousands);
    let frac = format!("{frac:0<2}");
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "−"
    } else {
        ""
    };
    format!("{sign}£{whole}.{frac}")
}

/// The notice as text.
#[must_use]
pub fn spending_text(notice: &SpendingNotice) -> Vec<u8> {
    let l = &notice.limit;
    let mut out = String::new();
    let _ = writeln!(out, "SPENDING LIMIT");
    let _ = writeln!(out, "  {}", election_text(&l.election));
    let _ = writeln!(out, "  {}", l.basis);
    let _ = writeln!(out, "  Electors: {}", super::thousands(l.electors));
    let _ = writeln!(
        out,
        "  {} + {} × {} = {}",
        pounds(l.base),
        super::thousands(l.electors),
        pounds(l.per_elector),
        pounds(l.full_limit)
    );
    if l.fraction != "1/1" {
        let exact = if l.exact.contains('/') {
            format!("{} pounds exactly", l.exact)
        } else {
            format!("£{} exactly", l.exact)
        };
        let _ = writeln!(out, "  × {} = {exact}", l.fraction);
    }
    let _ = writeln!(out, "  Limit: {} ({})", l.limit.pounds(), l.rounding);
    if let Some(d) = &notice.return_deadline {
        let _ = writeln!(out, "RETURN OF ELECTION EXPENSES");
        let _ = writeln!(out, "  Declared: {}", date_text(d.declared));
        let _ = writeln!(out, "  {} days later: {}", d.days, date_text(d.nominal));
        for p in &d.passed_over {
            let _ = writeln!(out, "  Passed over: {p}");
        }
        let _ = writeln!(out, "  Deadline: {}", date_text(d.deadline));
        let _ = writeln!(out, "  {}", d.basis);
    }
    out.into_bytes()
}

/// The notice as CSV: `key,value`.
#[must_use]
pub fn spending_csv(notice: &SpendingNotice) -> Vec<u8> {
    let l = &notice.limit;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<(&str, String)> = vec![
        ("election", election_text(&l.election)),
        ("basis", l.basis.to_owned()),
        ("base", l.base.to_string()),
        ("per_elector", l.per_elector.to_string()),
        ("electors", l.electors.to_string()),
        ("electors_amount", l.electors_amount.to_string()),
        ("full_limit", l.full_limit.to_string()),
        ("fraction", l.fraction.clone()),
        ("exact", l.exact.clone()),
        ("limit", l.limit.to_string()),
        ("rounding", l.rounding.to_owned()),
    ];
    if let Some(d) = &notice.return_deadline {
        rows.push(("declared", iso_date(d.declared)));
        rows.push(("return_days", d.days.to_string()));
        rows.push(("return_deadline", iso_date(d.deadline)));
    }
    let _ = w.write_record(["key", "value"]);
    for (k, v) in rows {
        let _ = w.write_record([k, v.as_str()]);
    }
    w.into_inner().unwrap_or_default()
}
