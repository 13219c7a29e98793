//! Hand-worked accounts, and the properties of apportionment.

use proptest::prelude::*;

use crate::*;

fn poll(id: &str, framework: Framework, unit: &str) -> Poll {
    Poll {
        id: id.into(),
        source_line: 0,
        name: format!("{id} poll"),
        framework,
        area: if framework.has_caps() {
            "Exampleton".into()
        } else {
            String::new()
        },
        contested: true,
        unit: unit.into(),
        advance: Money::ZERO,
        poll_date: None,
    }
}

fn line(id: &str, day: u8, head: Head, attribution: Attribution, pence: i64) -> CostLine {
    CostLine {
        id: id.into(),
        source_line: 0,
        line_type: LineType::Cost,
        date: time::Date::from_calendar_date(2024, time::Month::July, day).unwrap(),
        category: head,
        attribution,
        amount: Money::from_pence(pence),
        payee: "Payee".into(),
        evidence: format!("INV-{id}"),
        description: String::new(),
    }
}

fn three_polls() -> Vec<Poll> {
    vec![
        poll("ukpge", Framework::UkParliamentary2017, "ukpge"),
        poll("district", Framework::CouncilScale, "district"),
        poll("town", Framework::CouncilScale, "town"),
    ]
}

fn shares(schedule: &apportion::Apportionment, line: usize) -> Vec<(String, i64)> {
    schedule.lines[line]
        .shares
        .iter()
        .map(|s| (s.poll.clone(), s.amount.pence()))
        .collect()
}

/// s.15(4): a shared cost is apportioned equally among the elections.
/// £1,000.01 between two polls: 50,001 + 50,000 pence (the penny left over
/// to the first listed); £100.00 among three: 3,334 + 3,333 + 3,333;
/// £0.02 among three: 1 + 1 + 0. A cost solely of one poll stays whole.
#[test]
fn hand_worked_apportionments() {
    let lines = vec![
        line(
            "L1",
            1,
            Head::Premises,
            Attribution::Shared(vec!["district".into(), "ukpge".into()]),
            100_001,
        ),
        line(
            "L2",
            2,
            Head::Staff,
            Attribution::Combination(vec![]),
            10_000,
        ),
        line(
            "L3",
            3,
            Head::Miscellaneous,
            Attribution::Combination(vec![]),
            2,
        ),
        line(
            "L4",
            4,
            Head::BallotPapers,
            Attribution::Solely("town".into()),
            12_345,
        ),
    ];
    let ledger = Ledger::new(three_polls(), lines).unwrap();
    let s = apportion::apportion(&ledger).unwrap();
    // Listed order decides, not the order the line names them in.
    assert_eq!(
        shares(&s, 0),
        [("ukpge".into(), 50_001), ("district".into(), 50_000)]
    );
    assert_eq!(s.lines[0].leftover_pence, 1);
    assert_eq!(
        shares(&s, 1),
        [
            ("ukpge".into(), 3_334),
            ("district".into(), 3_333),
            ("town".into(), 3_333)
        ]
    );
    assert_eq!(
        shares(&s, 2),
        [
            ("ukpge".into(), 1),
            ("district".into(), 1),
            ("town".into(), 0)
        ]
    );
    assert_eq!(s.lines[2].per_unit.pence(), 0);
    assert_eq!(shares(&s, 3), [("town".into(), 12_345)]);
    let totals: Vec<_> = s
        .polls
        .iter()
        .map(|p| (p.solely.pence(), p.shared.pence(), p.combination.pence()))
        .collect();
    assert_eq!(
        totals,
        [(0, 50_001, 3_335), (0, 50_000, 3_334), (12_345, 0, 3_333)]
    );
    assert_eq!(s.total.pence(), 100_001 + 10_000 + 2 + 12_345);
}

/// Units of apportionment: with two parish polls grouped as one unit, a
/// £100.00 combination cost is halved between the district and the
/// parishes (5,000 each), and the parishes' half split 2,500 + 2,500; with
/// each parish its own unit it is thirds.
#[test]
fn units_of_apportionment() {
    let grouped = vec![
        poll("district", Framework::CouncilScale, "district"),
        poll("north", Framework::CouncilScale, "parishes"),
        poll("south", Framework::CouncilScale, "parishes"),
    ];
    let cost = || {
        vec![line(
            "L1",
            1,
            Head::Premises,
            Attribution::Combination(vec![]),
            10_001,
        )]
    };
    let s = apportion::apportion(&Ledger::new(grouped, cost()).unwrap()).unwrap();
    assert_eq!(s.lines[0].units, 2);
    assert_eq!(
        shares(&s, 0),
        [
            ("district".into(), 5_001),
            ("north".into(), 2_500),
            ("south".into(), 2_500)
        ]
    );
    let separate = vec![
        poll("district", Framework::CouncilScale, "district"),
        poll("north", Framework::CouncilScale, "north"),
        poll("south", Framework::CouncilScale, "south"),
    ];
    let s = apportion::apportion(&Ledger::new(separate, cost()).unwrap()).unwrap();
    assert_eq!(s.lines[0].units, 3);
    assert_eq!(
        shares(&s, 0),
        [
            ("district".into(), 3_334),
            ("north".into(), 3_334),
            ("south".into(), 3_333)
        ]
    );
}

/// A refund is netted off its line before apportionment: £90.00 shared by
/// three, less a £0.01 refund, is £89.99: 3,000 + 3,000 + 2,999.
#[test]
fn refunds_are_netted_before_apportionment() {
    let mut refund = line("R1", 9, Head::Premises, Attribution::Combination(vec![]), 1);
    refund.line_type = LineType::Refund { of: "L1".into() };
    let lines = vec![
        line(
            "L1",
            1,
            Head::Premises,
            Attribution::Combination(vec![]),
            9_000,
        ),
        refund,
    ];
    let s = apportion::apportion(&Ledger::new(three_polls(), lines).unwrap()).unwrap();
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].refunded.pence(), 1);
    assert_eq!(
        shares(&s, 0),
        [
            ("ukpge".into(), 3_000),
            ("district".into(), 3_000),
            ("town".into(), 2_999)
        ]
    );
}

#[test]
fn bad_ledgers_are_refused_with_every_problem() {
    let mut refund = line(
        "R1",
        9,
        Head::Staff,
        Attribution::Combination(vec![]),
        20_000,
    );
    refund.line_type = LineType::Refund { of: "L1".into() };
    let mut orphan = line("R2", 9, Head::Staff, Attribution::Combination(vec![]), 1);
    orphan.line_type = LineType::Refund { of: "nope".into() };
    let lines = vec![
        line(
            "L1",
            1,
            Head::Premises,
            Attribution::Shared(vec!["ukpge".into(), "parish".into()]),
            10_000,
        ),
        line(
            "L1",
            1,
            Head::Premises,
            Attribution::Shared(vec!["ukpge".into()]),
            10_000,
        ),
        refund,
        orphan,
    ];
    let problems = Ledger::new(three_polls(), lines).unwrap_err();
    let kinds: Vec<_> = problems
        .iter()
        .map(|p| (p.field, p.kind.to_string()))
        .collect();
    assert_eq!(
        kinds[0],
        (
            "polls",
            "unknown poll \"parish\" (the polls: ukpge, district, town)".to_owned()
        )
    );
    assert!(matches!(
        problems[1].kind,
        LedgerProblemKind::DuplicateLine { .. }
    ));
    assert!(matches!(
        problems[2].kind,
        LedgerProblemKind::SharedNeedsTwo { found: 1 }
    ));
    assert!(matches!(
        problems[3].kind,
        LedgerProblemKind::RefundDiffers { .. }
    ));
    assert!(matches!(
        problems[4].kind,
        LedgerProblemKind::RefundExceedsLine { .. }
    ));
    assert!(matches!(
        problems[5].kind,
        LedgerProblemKind::RefundOfUnknownLine { .. }
    ));
    assert_eq!(problems.len(), 6);
}

fn caps(poll: &str, services: i64, expenses: i64, overall: i64) -> Caps {
    Caps {
        source_line: 2,
        poll: poll.into(),
        area: "Exampleton".into(),
        services: Money::from_pence(services),
        expenses: Money::from_pence(expenses),
        overall: Money::from_pence(overall),
        uncontested_overall: Some(Money::from_pence(100_000)),
    }
}

/// A UK Parliamentary claim with its expenses cap exceeded: expenses
/// £600.00 (its own ballot papers £300.00 on 1 July, half of £400.00 of
/// staff on 2 July, half of £200.00 of premises on 3 July) against a cap
/// of £450.00: £150.00 over. Running total in date order: 300, 500 (passes
/// the cap by 50 on L2), 600 (L3 all above). Services £250.00 within
/// £300.00. Overall £850.00 within £1,000.00, but £150.00 of it is above
/// the expenses cap: £700.00 recoverable within the caps, less an advance
/// of £500.00: balance due £200.00.
#[test]
fn claim_with_a_cap_exceeded() {
    let mut polls = three_polls();
    polls[0].advance = Money::from_pence(50_000);
    polls.truncate(2);
    let both = || Attribution::Shared(vec!["ukpge".into(), "district".into()]);
    let lines = vec![
        line("L3", 3, Head::Premises, both(), 20_000),
        line(
            "L1",
            1,
            Head::BallotPapers,
            Attribution::Solely("ukpge".into()),
            30_000,
        ),
        line("L2", 2, Head::Staff, both(), 40_000),
        line(
            "S1",
            1,
            Head::Duties,
            Attribution::Solely("ukpge".into()),
            25_000,
        ),
    ];
    let ledger = Ledger::new(polls, lines).unwrap();
    let scale = vec![ScaleItem {
        source_line: 2,
        poll: None,
        category: Head::Staff,
        maximum: Some(Money::from_pence(15_000)),
        description: "Polling station staff".into(),
    }];
    let a = accounts(&ledger, &[caps("ukpge", 30_000, 45_000, 100_000)], &scale).unwrap();
    let PollAccount::Claim(c) = &a.polls[0] else {
        panic!()
    };
    assert_eq!(c.services_total.pence(), 25_000);
    assert_eq!(c.expenses_total.pence(), 60_000);
    assert_eq!(c.total.pence(), 85_000);
    let expenses = &c.checks[1];
    assert!(expenses.exceeded);
    assert_eq!(expenses.headroom.pence(), -15_000);
    let needing: Vec<_> = expenses
        .authorisation_needed
        .iter()
        .map(|l| (l.line.as_str(), l.amount.pence()))
        .collect();
    assert_eq!(needing, [("L2", 5_000), ("L3", 10_000)]);
    assert!(!c.checks[0].exceeded);
    assert_eq!(c.checks[0].headroom.pence(), 5_000);
    assert!(!c.checks[2].exceeded);
    assert_eq!(c.recoverable_within_caps.pence(), 70_000);
    assert_eq!(c.above_caps.pence(), 15_000);
    assert_eq!(c.balance_due.pence(), 20_000);
    assert_eq!(c.expenses[0].provision, Some("art.5(2)(a)"));
    // The district's account against the scale: staff £200.00 against a
    // scale maximum of £150.00; premises £100.00 not on the scale.
    let PollAccount::Scale(d) = &a.polls[1] else {
        panic!()
    };
    assert_eq!(d.total.pence(), 30_000);
    assert_eq!(d.payable.pence(), 15_000);
    assert_eq!(d.not_payable.pence(), 15_000);
    assert!(
        !d.heads
            .iter()
            .find(|h| h.head.head == Head::Premises)
            .unwrap()
            .on_scale
    );
}

/// An uncontested poll is checked against its uncontested overall amount
/// (SI 2017/637 art.6), and a head the order does not specify (the
/// nomination process under the PCC order) is claimed as other charges.
#[test]
fn uncontested_and_other_charges() {
    let mut p = poll("pcc", Framework::Pcc2024, "pcc");
    p.contested = false;
    let lines = vec![line(
        "N1",
        1,
        Head::Nomination,
        Attribution::Solely("pcc".into()),
        150_000,
    )];
    let ledger = Ledger::new(vec![p], lines).unwrap();
    let a = accounts(&ledger, &[caps("pcc", 1, 1, 1_000_000)], &[]).unwrap();
    let PollAccount::Claim(c) = &a.polls[0] else {
        panic!()
    };
    assert_eq!(c.other_total.pence(), 150_000);
    assert_eq!(c.checks[2].maximum.pence(), 100_000);
    assert!(c.checks[2].exceeded);
    assert_eq!(c.checks[2].authorisation_needed[0].amount.pence(), 50_000);
    assert_eq!(c.recoverable_within_caps.pence(), 100_000);
}

#[test]
fn tables_are_checked_against_the_polls() {
    let ledger = Ledger::new(three_polls(), vec![]).unwrap();
    // No caps for the UK Parliamentary poll.
    let p = accounts(&ledger, &[], &[]).unwrap_err();
    assert!(matches!(&p[0].kind, LedgerProblemKind::MissingCaps { poll, .. } if poll == "ukpge"));
    assert_eq!(p[0].input, Source::Caps);
    // Caps for an unknown poll, for a scale poll, in the wrong area, twice.
    let mut wrong_area = caps("ukpge", 1, 1, 1);
    wrong_area.area = "Elsewhere".into();
    let p = accounts(
        &ledger,
        &[
            caps("nope", 1, 1, 1),
            caps("district", 1, 1, 1),
            wrong_area,
            caps("ukpge", 1, 1, 1),
        ],
        &[],
    )
    .unwrap_err();
    let fields: Vec<_> = p.iter().map(|p| p.kind.to_string()).collect();
    assert!(fields[0].starts_with("unknown poll \"nope\""), "{fields:?}");
    assert!(
        fields[1].contains("under a scale (a council's"),
        "{fields:?}"
    );
    assert!(fields[2].contains("area \"Elsewhere\""), "{fields:?}");
    assert!(fields[3].contains("twice"), "{fields:?}");
}

fn arb_ledger() -> impl Strategy<Value = (Vec<Poll>, Vec<CostLine>)> {
    (
        1usize..6,
        prop::collection::vec(
            (0u8..3, any::<u8>(), 0i64..10_000_000, 0usize..16, 0u8..3),
            0..40,
        ),
    )
        .prop_map(|(n, specs)| {
            let polls: Vec<Poll> = (0..n)
                .map(|i| {
                    // Polls 3 and 4 share a unit when both exist.
                    let unit = if i >= 3 {
                        "grouped".to_owned()
                    } else {
                        format!("p{i}")
                    };
                    // The first poll is claimed under the 2017 order, against caps.
                    let framework = if i == 0 {
                        Framework::UkParliamentary2017
                    } else {
                        Framework::CouncilScale
                    };
                    poll(&format!("p{i}"), framework, &unit)
                })
                .collect();
            let lines = specs
                .into_iter()
                .enumerate()
                .map(|(k, (kind, mask, pence, head, day))| {
                    let mut named: Vec<String> = (0..n)
                        .filter(|i| mask & (1 << i) != 0)
                        .map(|i| format!("p{i}"))
                        .collect();
                    let attribution = match kind {
                        0 => Attribution::Solely(format!("p{}", usize::from(mask) % n)),
                        1 if named.len() >= 2 => Attribution::Shared(named),
                        _ => {
                            if named.len() == 1 {
                                named.clear();
                            }
                            Attribution::Combination(named)
                        }
                    };
                    line(
                        &format!("L{k}"),
                        day + 1,
                        Head::ALL[head],
                        attribution,
                        pence,
                    )
                })
                .collect();
            (polls, lines)
        })
}

/// Caps small enough that random ledgers often exceed them.
fn small_caps() -> Vec<Caps> {
    vec![caps("p0", 1_000_000, 5_000_000, 5_500_000)]
}

proptest! {
    /// Apportionment never creates or loses a penny: every line's shares
    /// sum to its net amount, and the polls' totals to the ledger's.
    #[test]
    fn apportionment_conserves_pence((polls, lines) in arb_ledger()) {
        let ledger = Ledger::new(polls, lines).unwrap();
        let s = apportion::apportion(&ledger).unwrap();
        for w in &s.lines {
            let sum: i64 = w.shares.iter().map(|s| s.amount.pence()).sum();
            prop_assert_eq!(sum, w.net.pence());
            prop_assert!(w.shares.iter().all(|s| !s.amount.is_negative()));
            prop_assert!(w.leftover_pence >= 0);
        }
        let total: i64 = s.polls.iter().map(|p| p.total.pence()).sum();
        prop_assert_eq!(total, ledger.net_total().unwrap().pence());
        // Per-poll accounts sum to the ledger total.
        let a = accounts(&ledger, &small_caps(), &[]).unwrap();
        let sum: i64 = a.polls.iter().map(|p| match p { PollAccount::Scale(s) => s.total.pence(), PollAccount::Claim(c) => c.total.pence() }).sum();
        prop_assert_eq!(sum, ledger.net_total().unwrap().pence());
    }

    /// The order of the cost lines does not change any claim.
    #[test]
    fn line_order_does_not_change_the_claims((polls, lines) in arb_ledger(), rotate in 0usize..40) {
        let forward = Ledger::new(polls.clone(), lines.clone()).unwrap();
        let mut shuffled = lines;
        shuffled.reverse();
        if !shuffled.is_empty() {
            let k = rotate % shuffled.len();
            shuffled.rotate_left(k);
        }
        let backward = Ledger::new(polls, shuffled).unwrap();
        let a = accounts(&forward, &small_caps(), &[]).unwrap();
        let b = accounts(&backward, &small_caps(), &[]).unwrap();
        for (x, y) in a.polls.iter().zip(&b.polls) {
            match (x, y) {
                (PollAccount::Scale(x), PollAccount::Scale(y)) => {
                    prop_assert_eq!(x.total, y.total);
                    let hx: Vec<_> = x.heads.iter().map(|h| (h.head.head, h.head.amount)).collect();
                    let hy: Vec<_> = y.heads.iter().map(|h| (h.head.head, h.head.amount)).collect();
                    prop_assert_eq!(hx, hy);
                }
                (PollAccount::Claim(x), PollAccount::Claim(y)) => {
                    // The whole claim, the lines needing authorisation
                    // included, once each head's lines are in date order.
                    let norm = |c: &Claim| {
                        let mut c = c.clone();
                        for h in c.services.iter_mut().chain(&mut c.expenses).chain(&mut c.other) {
                            h.lines.sort_by(|a, b| (a.date, &a.line).cmp(&(b.date, &b.line)));
                        }
                        c
                    };
                    prop_assert_eq!(norm(x), norm(y));
                }
                _ => prop_assert!(false, "accounts of different kinds"),
            }
        }
        prop_assert_eq!(&a.apportionment.polls, &b.apportionment.polls);
    }
}

/// A line built in memory with a negative amount (a CSV never gives one) is
/// refused, so the ledger's arithmetic (nets, shares, totals) works on
/// amounts that are not negative and cannot overflow: -£0.01 and
/// i64::MIN pence are both named.
#[test]
fn negative_amounts_are_refused() {
    let lines = vec![
        line(
            "L1",
            1,
            Head::Premises,
            Attribution::Combination(vec![]),
            -1,
        ),
        line(
            "L2",
            1,
            Head::Premises,
            Attribution::Combination(vec![]),
            i64::MIN,
        ),
    ];
    let problems = Ledger::new(three_polls(), lines).unwrap_err();
    let negative: Vec<String> = problems
        .iter()
        .filter(|p| matches!(p.kind, LedgerProblemKind::NegativeAmount { .. }))
        .map(|p| p.kind.to_string())
        .collect();
    assert_eq!(negative.len(), 2, "{problems:?}");
    assert!(negative[0].starts_with("-0.01 is negative"), "{negative:?}");
}

fn request(id: &str, poll: &str, cap: &str, pence: i64, day: u8) -> Authorisation {
    Authorisation {
        id: id.into(),
        source_line: 0,
        event: Event::Request,
        poll: poll.into(),
        cap: cap.into(),
        amount: Money::from_pence(pence),
        date: time::Date::from_calendar_date(2024, time::Month::August, day).unwrap(),
        by: "Returning Officer".into(),
        reference: String::new(),
    }
}

fn grant(id: &str, of: &str, pence: i64, day: u8) -> Authorisation {
    Authorisation {
        event: Event::Grant(of.into()),
        poll: String::new(),
        cap: String::new(),
        by: "Secretary of State".into(),
        ..request(id, "", "", pence, day)
    }
}

/// RPA 1983 s.29(3B): the claim of `claim_with_a_cap_exceeded` (expenses
/// £600.00 against a cap of £450.00: £150.00 over; services £250.00 of
/// £300.00; an advance of £500.00), hand-worked with authorisations:
/// - no request: over the caps without authorisation, £700.00
///   recoverable, balance £200.00;
/// - a request for £150.00 not yet granted: awaiting, the same figures;
/// - £100.00 granted of it: £100.00 authorised, so £800.00 recoverable,
///   £50.00 not, balance £300.00, and without authorisation for the rest;
/// - £150.00 granted: the whole £850.00 recoverable, balance £350.00,
///   over the caps with authorisation;
/// - £200.00 requested and granted: only the £150.00 excess is authorised.
#[test]
fn authorisation_decides_status_and_recoverable() {
    let mut polls = three_polls();
    polls[0].advance = Money::from_pence(50_000);
    polls.truncate(2);
    let both = || Attribution::Shared(vec!["ukpge".into(), "district".into()]);
    let lines = vec![
        line("L3", 3, Head::Premises, both(), 20_000),
        line(
            "L1",
            1,
            Head::BallotPapers,
            Attribution::Solely("ukpge".into()),
            30_000,
        ),
        line("L2", 2, Head::Staff, both(), 40_000),
        line(
            "F1",
            4,
            Head::Duties,
            Attribution::Solely("ukpge".into()),
            25_000,
        ),
    ];
    let ledger = Ledger::new(polls, lines).unwrap();
    let caps = [caps("ukpge", 30_000, 45_000, 100_000)];
    let claim = |events: &[Authorisation]| {
        let a = accounts_with(&ledger, &caps, &[], events).unwrap();
        let PollAccount::Claim(c) = a.polls[0].clone() else {
            panic!()
        };
        c
    };
    let figures = |c: &Claim| {
        (
            c.status,
            c.checks[1].status,
            c.checks[1].authorised.pence(),
            c.recoverable.pence(),
            c.not_recoverable.pence(),
            c.balance_due.pence(),
        )
    };
    use CapStatus::*;
    let c = claim(&[]);
    assert_eq!(c.total.pence(), 85_000);
    assert_eq!(c.checks[1].excess.pence(), 15_000);
    assert_eq!(
        figures(&c),
        (
            OverNotAuthorised,
            OverNotAuthorised,
            0,
            70_000,
            15_000,
            20_000
        )
    );
    assert_eq!(c.checks[0].status, Within);
    let r = request("A1", "ukpge", "expenses", 15_000, 1);
    assert_eq!(
        figures(&claim(std::slice::from_ref(&r))),
        (
            OverAwaitingAuthorisation,
            OverAwaitingAuthorisation,
            0,
            70_000,
            15_000,
            20_000
        )
    );
    let c = claim(&[r.clone(), grant("A2", "A1", 10_000, 20)]);
    assert_eq!(
        figures(&c),
        (
            OverNotAuthorised,
            OverNotAuthorised,
            10_000,
            80_000,
            5_000,
            30_000
        )
    );
    assert_eq!(c.checks[1].requests[0].grants[0].by, "Secretary of State");
    assert!(!c.checks[1].requests[0].awaiting);
    let c = claim(&[r.clone(), grant("A2", "A1", 15_000, 20)]);
    assert_eq!(
        figures(&c),
        (OverAuthorised, OverAuthorised, 15_000, 85_000, 0, 35_000)
    );
    let big = request("A1", "ukpge", "expenses", 20_000, 1);
    let c = claim(&[big, grant("A2", "A1", 20_000, 1)]);
    assert_eq!(
        figures(&c),
        (OverAuthorised, OverAuthorised, 15_000, 85_000, 0, 35_000)
    );
}

/// The overall cap: £850.00 claimed, every head within its own cap (a
/// services cap of £300.00, expenses £700.00) but the overall cap £800.00,
/// so £50.00 over it. Authorising £50.00 above the overall maximum (RPA
/// 1983 s.29(3B)(a)) makes all £850.00 recoverable.
#[test]
fn authorisation_above_the_overall_cap() {
    let mut polls = three_polls();
    polls.truncate(1);
    let solely = || Attribution::Solely("ukpge".into());
    let lines = vec![
        line("E1", 1, Head::Staff, solely(), 60_000),
        line("F1", 2, Head::Duties, solely(), 25_000),
    ];
    let ledger = Ledger::new(polls, lines).unwrap();
    let caps = [caps("ukpge", 30_000, 70_000, 80_000)];
    let get = |events: &[Authorisation]| {
        let a = accounts_with(&ledger, &caps, &[], events).unwrap();
        let PollAccount::Claim(c) = a.polls[0].clone() else {
            panic!()
        };
        c
    };
    let c = get(&[]);
    assert_eq!(
        (c.recoverable.pence(), c.checks[2].excess.pence()),
        (80_000, 5_000)
    );
    let c = get(&[
        request("O1", "ukpge", "overall", 5_000, 1),
        grant("O2", "O1", 5_000, 2),
    ]);
    assert_eq!(c.recoverable.pence(), 85_000);
    assert_eq!(c.status, CapStatus::OverAuthorised);
}

/// Bad authorisations, all listed: a grant before its request, a grant of
/// no request, grants past the request, a cap the order does not have, a
/// request for a poll under the council's scale, an unknown poll, an
/// identifier twice, a grant for another cap than its request's.
#[test]
fn bad_authorisations_are_all_listed() {
    let ledger = Ledger::new(three_polls(), vec![]).unwrap();
    let mut other_cap = grant("G4", "R1", 1, 10);
    other_cap.cap = "services".into();
    let events = [
        request("R1", "ukpge", "expenses", 10_000, 10),
        grant("G1", "R1", 5_000, 9),
        grant("G2", "R9", 5_000, 11),
        grant("G3", "R1", 5_001, 11),
        request("R2", "ukpge", "expenses.premises", 1, 10),
        request("R3", "district", "services", 1, 10),
        request("R4", "parish", "services", 1, 10),
        request("R1", "ukpge", "services", 1, 10),
        other_cap,
    ];
    let p = authorisation::check(&ledger, &events).unwrap_err();
    let codes: Vec<(u64, &str, &str)> =
        p.iter().map(|p| (p.line, p.field, p.kind.code())).collect();
    assert_eq!(
        codes.iter().map(|c| (c.1, c.2)).collect::<Vec<_>>(),
        [
            ("date", "grant_before_request"),
            ("request", "grant_without_request"),
            ("amount", "grant_exceeds_request"),
            ("cap", "no_such_cap"),
            ("cap", "no_such_cap"),
            ("poll", "unknown_poll"),
            ("id", "twice"),
            ("cap", "grant_differs"),
            ("amount", "grant_exceeds_request"),
        ]
    );
}

proptest! {
    /// Whatever is requested and granted on each cap of the claimed poll
    /// (`p0`): what is authorised on a cap is at most its excess and at
    /// most what was granted; the recoverable amount lies between what is
    /// within the caps and the total claimed; the balance is the
    /// recoverable amount less the advance; a cap within its maximum is
    /// `within`, and one whose excess is all granted `over_authorised`.
    #[test]
    fn authorisations_never_recover_more_than_claimed_or_granted(
        (polls, lines) in arb_ledger(),
        asks in prop::collection::vec((0usize..3, 0i64..2_000_000, 0i64..2_000_000, any::<bool>()), 0..6),
    ) {
        let ledger = Ledger::new(polls, lines).unwrap();
        let mut events = Vec::new();
        for (i, (cap, asked, given, decided)) in asks.into_iter().enumerate() {
            let cap = ["services", "expenses", "overall"][cap];
            events.push(request(&format!("R{i}"), "p0", cap, asked, 1));
            if decided {
                events.push(grant(&format!("G{i}"), &format!("R{i}"), given.min(asked), 2));
            }
        }
        let a = accounts_with(&ledger, &small_caps(), &[], &events).unwrap();
        for p in &a.polls {
            let PollAccount::Claim(c) = p else { continue };
            for k in &c.checks {
                prop_assert!(k.authorised <= k.excess && k.authorised <= k.granted);
                if k.excess == Money::ZERO {
                    prop_assert_eq!(k.status, CapStatus::Within);
                } else if k.granted >= k.excess {
                    prop_assert_eq!(k.status, CapStatus::OverAuthorised);
                } else {
                    prop_assert!(k.status > CapStatus::OverAuthorised);
                }
            }
            prop_assert!(c.recoverable_within_caps <= c.recoverable && c.recoverable <= c.total);
            prop_assert_eq!(c.recoverable.pence() - c.advance.pence(), c.balance_due.pence());
            prop_assert_eq!(c.recoverable.pence() + c.not_recoverable.pence(), c.total.pence());
            prop_assert_eq!(c.status, c.checks.iter().map(|k| k.status).max().unwrap());
        }
    }
}

/// The confirmed orders' caps are set where the instruments say (read in
/// the made text of SI 2017/637: art.3 "The overall maximum recoverable
/// amount for each constituency is the amount listed in the corresponding
/// entry in column 4 of the table in the Schedule"; art.4(1) column 2 for
/// specified services; art.5(1) column 3 for specified expenses), and the
/// claim cites them.
#[test]
fn confirmed_orders_cite_their_cap_articles() {
    let uk = orders::order(Framework::UkParliamentary2017).unwrap();
    let c = uk.caps.unwrap();
    assert_eq!(
        (c.services, c.expenses, c.overall, c.uncontested),
        (
            "SI 2017/637 art.4(1)",
            "SI 2017/637 art.5(1)",
            "SI 2017/637 art.3",
            "SI 2017/637 art.6"
        )
    );
    assert!(c
        .amounts
        .contains("column 2 services, column 3 expenses, column 4 overall"));
    let pcc = orders::order(Framework::Pcc2024).unwrap();
    assert_eq!(pcc.applies_from, Some(time::macros::date!(2024 - 05 - 02)));
    assert_eq!(pcc.status, OrderStatus::Confirmed);
    // Every other order is refused, with its reason.
    for o in orders::ORDERS {
        let confirmed = matches!(
            o.framework,
            Framework::UkParliamentary2017 | Framework::Pcc2024
        );
        assert_eq!(
            o.status == OrderStatus::Confirmed,
            confirmed,
            "{:?}",
            o.framework
        );
    }
}

/// A PCC local returning officer's claim under SI 2024/297 (poll on 2 May
/// 2024), hand-worked over and under its caps: services art.3(1)(a)
/// £1,000.00 + (b) £2,500.00 = £3,500.00 against a services cap of
/// £3,000.00 (£500.00 over); expenses art.3(3)(a) staff £20,000.00 +
/// art.3(4)(b) poll cards £4,000.00 = £24,000.00 within £30,000.00;
/// overall £27,500.00 within £33,000.00. Within the caps: £3,000.00 +
/// £24,000.00 = £27,000.00; with the £500.00 granted on 1 August 2024,
/// £27,500.00; less an advance of £20,000.00, balance £7,500.00.
#[test]
fn pcc_2024_claim_over_and_under_its_caps() {
    let mut p = poll("pcc", Framework::Pcc2024, "pcc");
    p.advance = Money::from_pence(2_000_000);
    p.poll_date = Some(time::macros::date!(2024 - 05 - 02));
    let solely = || Attribution::Solely("pcc".into());
    let lines = vec![
        line("S1", 1, Head::Arrangements, solely(), 100_000),
        line("S2", 2, Head::Duties, solely(), 250_000),
        line("E1", 3, Head::Staff, solely(), 2_000_000),
        line("E2", 4, Head::PollCards, solely(), 400_000),
    ];
    let ledger = Ledger::new(vec![p], lines).unwrap();
    let caps = [caps("pcc", 300_000, 3_000_000, 3_300_000)];
    let get = |events: &[Authorisation]| {
        let a = accounts_with(&ledger, &caps, &[], events).unwrap();
        let PollAccount::Claim(c) = a.polls[0].clone() else {
            panic!()
        };
        c
    };
    let c = get(&[]);
    assert!(c.in_force_checked);
    let provisions: Vec<_> = c.schedule.iter().map(|l| l.provision.unwrap()).collect();
    assert_eq!(
        &provisions[..4],
        ["art.3(1)(a)", "art.3(1)(b)", "art.3(3)(a)", "art.3(3)(b)"]
    );
    assert_eq!(
        provisions.len(),
        15,
        "2 services, 9 + 4 expenses, no nomination head"
    );
    assert_eq!(
        c.checks
            .iter()
            .map(|k| (k.claimed.pence(), k.status))
            .collect::<Vec<_>>(),
        [
            (350_000, CapStatus::OverNotAuthorised),
            (2_400_000, CapStatus::Within),
            (2_750_000, CapStatus::Within)
        ]
    );
    assert_eq!(c.recoverable.pence(), 2_700_000);
    assert_eq!(c.balance_due.pence(), 700_000);
    let c = get(&[
        request("R1", "pcc", "services", 50_000, 1),
        grant("G1", "R1", 50_000, 1),
    ]);
    assert_eq!(c.status, CapStatus::OverAuthorised);
    assert_eq!(c.recoverable.pence(), 2_750_000);
    assert_eq!(c.balance_due.pence(), 750_000);
}

/// The overall maximum recoverable amount is the table's own figure, never
/// the sum of the services and expenses caps. Independent source: SI
/// 2019/1470 art.2(2)(a) prints Berwickshire, Roxburgh and Selkirk as
/// £3,519 services, £242,227 expenses, £245,745 overall (one pound less
/// than their sum). Typed into a caps row of a confirmed order (SI
/// 2017/637, whose arts 3 to 5 take each figure from its own column),
/// hand-worked: services £3,519.00 (art.4(2)(a)) within its cap, expenses
/// £242,227.00 (art.5(2)(a) staff £200,000.00, (d) ballot papers
/// £42,227.00) within its cap, overall £245,746.00 against £245,745.00:
/// £1.00 over the overall cap alone, needing authorisation (RPA 1983
/// s.29(3B)) on the last line in date order; within the caps £245,745.00.
#[test]
fn overall_cap_is_the_tables_own_figure() {
    let solely = || Attribution::Solely("ukpge".into());
    let lines = vec![
        line("S1", 1, Head::Arrangements, solely(), 351_900),
        line("E1", 2, Head::Staff, solely(), 20_000_000),
        line("E2", 3, Head::BallotPapers, solely(), 4_222_700),
    ];
    let p = poll("ukpge", Framework::UkParliamentary2017, "ukpge");
    let ledger = Ledger::new(vec![p], lines).unwrap();
    let figures = orders::order(Framework::UkParliamentary2019)
        .unwrap()
        .figures;
    let row = caps(
        "ukpge",
        figures[0].pence,
        figures[1].pence,
        figures[2].pence,
    );
    let a = accounts(&ledger, &[row], &[]).unwrap();
    let PollAccount::Claim(c) = &a.polls[0] else {
        panic!()
    };
    let statuses: Vec<_> = c
        .checks
        .iter()
        .map(|k| (k.cap, k.claimed.pence(), k.maximum.pence(), k.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("services", 351_900, 351_900, CapStatus::Within),
            ("expenses", 24_222_700, 24_222_700, CapStatus::Within),
            (
                "overall",
                24_574_600,
                24_574_500,
                CapStatus::OverNotAuthorised
            ),
        ]
    );
    assert_eq!(c.checks[2].excess.pence(), 100);
    let needing: Vec<_> = c.checks[2]
        .authorisation_needed
        .iter()
        .map(|l| (l.line.as_str(), l.amount.pence()))
        .collect();
    assert_eq!(needing, [("E2", 100)]);
    assert_eq!(c.recoverable_within_caps.pence(), 24_574_500);
    assert_eq!(c.not_recoverable.pence(), 100);
}

/// Every order still unconfirmed is refused by name, with what was read
/// and what was not (never a guessed figure): the PCC order 2016 (SI
/// 2016/514, its dates read, its heads not), the UK Parliamentary order
/// 2019 (only its amending order read), the combined authority mayor
/// (a combined county authority mayor: only the (4D) for an authority
/// not yet established was read, SI 2017/67 art.10(1)(d)) and the Scottish
/// Parliament (SSI 2021/155 read to reg.5(2)). A combined authority mayor is
/// not among them: its account is against the combined authority's scale
/// (`combined_authority_mayor_against_its_scale`).
#[test]
fn unconfirmed_orders_are_refused_by_name() {
    let cases = [
        (Framework::Pcc2016, "pcc-2016", "SI 2016/514"),
        (Framework::UkParliamentary2019, "ukpe-2019", "SI 2019/1470"),
        (Framework::CombinedCountyAuthorityMayor, "cca-mayor", "(4D)"),
        (
            Framework::ScottishParliament,
            "scottish-parliament",
            "reg.5",
        ),
        (Framework::Senedd, "senedd", "WSI 2021/315"),
        (Framework::EuReferendum2016, "eu-referendum-2016", "HCWS648"),
    ];
    let polls: Vec<_> = cases
        .iter()
        .map(|(f, code, _)| poll(code, *f, code))
        .collect();
    let ledger = Ledger::new(polls, vec![]).unwrap();
    let problems = claim::check_orders(&ledger).unwrap_err();
    assert_eq!(problems.len(), cases.len());
    for (p, (_, code, read)) in problems.iter().zip(cases) {
        let LedgerProblemKind::OrderUnconfirmed { order, reason, .. } = &p.kind else {
            panic!("{p:?}")
        };
        assert_eq!(*order, code);
        assert!(reason.contains(read), "{code}: {reason}");
        assert_eq!(p.field, "framework");
    }
}

/// A combined authority mayor's account, against the combined authority's
/// scale: RPA 1983 s.36(4C), inserted for a combined authority mayoral
/// election by the Combined Authorities (Mayoral Elections) Order 2017 (SI
/// 2017/67) Sch 2 para 1(6)(b) (read as made): expenditure properly
/// incurred is paid by the combined authority so far as it does not exceed
/// the scale the combined authority fixed. Taken with a district ward
/// under the council's scale (s.36(4)). Hand-worked:
///
/// - L1 premises £600.00 shared by the mayor and the ward: £300.00 each
///   (RPA 1985 s.15(4)).
/// - L2 staff £1,200.50 solely the mayor's; the authority's scale item for
///   staff, naming the poll, is up to £1,000.00: payable £1,000.00, not
///   payable £200.50.
/// - Premises: the council's scale has an item for every poll (`*`),
///   actual cost; the combined authority's scale has none, and a `*` item
///   is the council's, so the mayor's £300.00 is not on its scale (not
///   payable) while the ward's £300.00 is payable by the council.
/// - The mayor: total £1,500.50, payable by the combined authority
///   £1,000.00, not payable £500.50; an advance of £400.00 leaves £600.00
///   due.
#[test]
fn combined_authority_mayor_against_its_scale() {
    let mut mayor = poll("mayor", Framework::CombinedAuthorityMayor, "mayor");
    mayor.advance = Money::from_pence(40_000);
    let polls = vec![mayor, poll("ward", Framework::CouncilScale, "ward")];
    let lines = vec![
        line(
            "L1",
            1,
            Head::Premises,
            Attribution::Shared(vec!["mayor".into(), "ward".into()]),
            60_000,
        ),
        line(
            "L2",
            2,
            Head::Staff,
            Attribution::Solely("mayor".into()),
            120_050,
        ),
    ];
    let ledger = Ledger::new(polls, lines).unwrap();
    let scale = vec![
        ScaleItem {
            source_line: 2,
            poll: Some("mayor".into()),
            category: Head::Staff,
            maximum: Some(Money::from_pence(100_000)),
            description: "Staff (the combined authority's scale)".into(),
        },
        ScaleItem {
            source_line: 3,
            poll: None,
            category: Head::Premises,
            maximum: None,
            description: "Premises (the council's scale)".into(),
        },
    ];
    let a = accounts(&ledger, &[], &scale).unwrap();
    let PollAccount::Scale(m) = &a.polls[0] else {
        panic!("{:?}", a.polls[0])
    };
    assert_eq!(m.framework, Framework::CombinedAuthorityMayor);
    assert_eq!(m.payer(), "the combined authority");
    assert!(m.against().contains("s.36(4C)"));
    assert!(m.note().is_some_and(|n| n.contains("art.9(1)(d)")));
    let heads: Vec<_> = m
        .heads
        .iter()
        .map(|h| {
            (
                h.head.head,
                h.head.amount.pence(),
                h.on_scale,
                h.payable.pence(),
            )
        })
        .collect();
    assert_eq!(
        heads,
        [
            (Head::Staff, 120_050, true, 100_000),
            (Head::Premises, 30_000, false, 0)
        ]
    );
    assert_eq!(m.total.pence(), 150_050);
    assert_eq!(m.payable.pence(), 100_000);
    assert_eq!(m.not_payable.pence(), 50_050);
    assert_eq!(m.balance_due.pence(), 60_000);
    let PollAccount::Scale(w) = &a.polls[1] else {
        panic!("{:?}", a.polls[1])
    };
    assert_eq!(w.payer(), "the council");
    assert_eq!(w.note(), None);
    assert_eq!((w.total.pence(), w.payable.pence()), (30_000, 30_000));
    // A caps row for the mayor is refused: a scale has no maximum
    // recoverable amounts.
    let e = accounts(&ledger, &[caps("mayor", 1, 1, 1)], &scale).unwrap_err();
    assert!(e.iter().any(
        |p| matches!(&p.kind, LedgerProblemKind::CapsForScalePoll { poll } if poll == "mayor")
    ));
}

proptest! {
    /// A combined authority mayor's account against its scale (RPA 1983
    /// s.36(4C)): what the authority pays never exceeds what was spent nor
    /// the item's maximum; paid and not paid make the total; and an item
    /// for every poll (`*`, the council's scale) never changes it.
    #[test]
    fn combined_authority_scale_pays_at_most_its_items(
        shared in 0i64..5_000_000,
        own in 0i64..5_000_000,
        staff_max in prop::option::of(0i64..5_000_000),
        council_premises in prop::option::of(0i64..5_000_000),
    ) {
        let polls = vec![
            poll("mayor", Framework::CombinedAuthorityMayor, "mayor"),
            poll("ward", Framework::CouncilScale, "ward"),
        ];
        let lines = vec![
            line("L1", 1, Head::Premises, Attribution::Shared(vec!["mayor".into(), "ward".into()]), shared),
            line("L2", 2, Head::Staff, Attribution::Solely("mayor".into()), own),
        ];
        let ledger = Ledger::new(polls, lines).unwrap();
        let own_item = ScaleItem {
            source_line: 2,
            poll: Some("mayor".into()),
            category: Head::Staff,
            maximum: staff_max.map(Money::from_pence),
            description: "Staff".into(),
        };
        let council_item = ScaleItem {
            source_line: 3,
            poll: None,
            category: Head::Premises,
            maximum: council_premises.map(Money::from_pence),
            description: "Premises".into(),
        };
        let with = accounts(&ledger, &[], &[own_item.clone(), council_item]).unwrap();
        let without = accounts(&ledger, &[], &[own_item]).unwrap();
        let (PollAccount::Scale(m), PollAccount::Scale(m2)) = (&with.polls[0], &without.polls[0]) else {
            panic!("not scale accounts")
        };
        prop_assert_eq!(m, m2);
        prop_assert!(m.payable <= m.total);
        prop_assert_eq!(m.payable.pence() + m.not_payable.pence(), m.total.pence());
        for h in &m.heads {
            prop_assert!(h.payable <= h.head.amount);
            if let Some(max) = h.maximum {
                prop_assert!(h.payable <= max);
            }
            if h.head.head == Head::Premises {
                prop_assert_eq!(h.payable, Money::ZERO);
            }
        }
    }
}
