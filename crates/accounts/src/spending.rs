//! Candidates' spending limits and the deadline for the return of election
//! expenses.
//!
//! A limit is a base amount plus an amount per elector, kept exact: a
//! per-elector amount may be half a penny, and joint candidates' limits are
//! reduced by a fraction, so the limit is held as an exact fraction of
//! pounds and rounded only for display, **down** to the penny (integer
//! floor division of the exact fraction; limits are never negative), so
//! that the printed limit never exceeds the legal one. No statute gives a
//! rounding rule (doubt: none was found); the Electoral Commission's own examples come out
//! in whole pence.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::Serialize;
use time::{Date, Duration, Weekday};

use crate::money::Money;

/// The kind of constituency at a UK Parliamentary election (RPA 1983
/// s.76(2)(a), s.76ZA(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Constituency {
    /// A borough constituency (burgh in Scotland).
    Borough,
    /// A county constituency.
    County,
}

/// Which figures to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Figures {
    /// The figures in force for the 2024 UK Parliamentary general election
    /// and, for local elections, the current English figures.
    Current,
    /// The previous figures (UK Parliamentary 2015–2019; English local
    /// before the current ones).
    Previous,
}

/// The election a limit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "election", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Election {
    /// A UK Parliamentary election, the short campaign (from becoming a
    /// candidate to polling day): RPA 1983 s.76(2)(a).
    UkParliamentaryShort {
        /// Borough or county.
        constituency: Constituency,
    },
    /// A UK Parliamentary general election, the long campaign
    /// (pre-candidacy spending after Parliament has sat 55 months): RPA
    /// 1983 s.76ZA. The maximum applies when Parliament is dissolved in
    /// its 60th month; 60%, 70%, 80% or 90% of it in the 56th to 59th.
    UkParliamentaryLong {
        /// Borough or county.
        constituency: Constituency,
        /// The month of the Parliament in which it was dissolved (56–60).
        dissolved_in_month: u32,
    },
    /// An English local government election (RPA 1983 s.76(2)(b)),
    /// reduced for joint candidates (s.77): by one quarter where there are
    /// two, by one third where there are more.
    EnglishLocal {
        /// Joint candidates standing together (1 for a candidate alone).
        joint_candidates: u32,
    },
    /// A non-party campaigner at an English local election (RPA 1983
    /// s.75(1ZZB)): the permitted sum. Doubt (not printed): the provision
    /// and figures are the Electoral Commission's guidance's ("Local
    /// non-party campaigners can spend up to £50 + 0.5p per elector ...
    /// This is the permitted sum", electors as registered on the last day
    /// for publication of the notice of election,
    /// <https://www.electoralcommission.org.uk/non-party-campaigners-local-elections-england/spending-limits>);
    /// s.75's current text was not read: only its text as enacted (a 50p
    /// exception, <https://legislation.gov.uk/cy/ukpga/1983/2/section/75/enacted?view=plain+extent>)
    /// came back (searched: "section 75(1ZZB) permitted sum local
    /// government election £50 0.5p", "prohibition of expenses not
    /// authorised by election agent permitted sum", "\"the permitted sum\"
    /// means ... local government election £50 together with 0.5p"; and
    /// again: "section 75 (1ZZB) permitted sum local government election
    /// £50 together with 0.5p for every entry", which brought back s.75
    /// and s.76 as enacted and PPERA 2000 s.131, the amendment of
    /// s.75(1)(ii)'s £5 exception, not the subsection in force).
    /// Corroborated, not settled: the Explanatory Notes to PPERA 2000
    /// (para 226, on s.131,
    /// <http://www.legislation.gov.uk/ukpga/2000/41/notes/division/5/8>)
    /// say s.131 replaced the £5 limit with £500 at a parliamentary
    /// election and "£50 plus 0.5 pence per elector" at a local government
    /// election, the figures used here; whether a later Act changed them
    /// needs s.75 as in force (searched again 2026-12-04: "section 131
    /// subsection (1ZZB) permitted sum £50 together with 0.5p").
    NonPartyLocal,
}

/// Why a limit cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpendingError {
    /// A month of dissolution with no long campaign, or past the 60th.
    #[error("Parliament dissolved in month {month}: the long campaign limit applies only to a dissolution in the 56th to 60th month (RPA 1983 s.76ZA); before the 56th there is no long campaign")]
    NoLongCampaign {
        /// The month given.
        month: u32,
    },
    /// No joint candidates.
    #[error("joint candidates must be at least 1 (1 for a candidate standing alone)")]
    NoCandidates,
    /// Previous figures for a non-party campaigner, which countroom has only
    /// one set of.
    #[error("countroom has only the current figures for {what}")]
    NoPreviousFigures {
        /// What.
        what: &'static str,
    },
    /// Too many electors to compute.
    #[error("{electors} electors is too many to compute a limit for")]
    TooLarge {
        /// The electors.
        electors: u64,
    },
}

/// A spending limit, with its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SpendingLimit {
    /// The election.
    #[serde(flatten)]
    pub election: Election,
    /// The figures used.
    pub figures: Figures,
    /// The statutory basis, with the source of the figures.
    pub basis: &'static str,
    /// The fixed amount.
    pub base: Decimal,
    /// The amount per elector (pounds).
    pub per_elector: Decimal,
    /// The electors (the register on the last day for publication of the
    /// notice of election).
    pub electors: u64,
    /// `per_elector × electors`.
    pub electors_amount: Decimal,
    /// `base + electors_amount`: the limit before any fraction.
    pub full_limit: Decimal,
    /// The fraction applied (long campaign month, joint candidates), as
    /// `numerator/denominator`.
    pub fraction: String,
    /// The exact limit: `full_limit × fraction`, as `numerator/denominator`
    /// of pounds when it is not a whole number of pence.
    pub exact: String,
    /// The limit rounded down to the penny (the printed figure).
    pub limit: Money,
    /// The rounding rule of `limit`.
    pub rounding: &'static str,
}

struct Rates {
    base_pence: i64,
    /// Per elector in tenths of a penny.
    per_elector_tenths: i64,
    basis: &'static str,
}

fn rates(election: Election, figures: Figures) -> Result<Rates, SpendingError> {
    use Constituency::{Borough, County};
    use Figures::{Current, Previous};
    let r = |base_pence, per_elector_tenths, basis| Rates {
        base_pence,
        per_elector_tenths,
        basis,
    };
    Ok(match (election, figures) {
        (Election::UkParliamentaryShort { constituency }, Current) => r(
            1_139_000,
            if constituency == Borough { 80 } else { 120 },
            "RPA 1983 s.76(2)(a), as varied for the 2024 general election: £11,390 + 8p (borough) / 12p (county) per elector",
        ),
        (Election::UkParliamentaryShort { constituency }, Previous) => r(
            870_000,
            if constituency == Borough { 60 } else { 90 },
            "RPA 1983 s.76(2)(a), as varied in 2014 (elections 2015–2019): £8,700 + 6p (borough) / 9p (county) per elector",
        ),
        (Election::UkParliamentaryLong { constituency, .. }, Current) => r(
            4_022_000,
            if constituency == County { 120 } else { 80 },
            "RPA 1983 s.76ZA (maximum for a Parliament dissolved in its 60th month), as varied for 2024: £40,220 + 8p (borough) / 12p (county) per elector",
        ),
        (Election::UkParliamentaryLong { constituency, .. }, Previous) => r(
            3_070_000,
            if constituency == County { 90 } else { 60 },
            "RPA 1983 s.76ZA, as varied in 2014: £30,700 + 6p (borough) / 9p (county) per elector",
        ),
        (Election::EnglishLocal { .. }, Current) => r(
            96_000,
            80,
            "RPA 1983 s.76(2)(b), current English figures: £960 + 8p per local government elector",
        ),
        (Election::EnglishLocal { .. }, Previous) => r(
            80_600,
            70,
            "RPA 1983 s.76(2)(b), previous English figures: £806 + 7p per local government elector",
        ),
        (Election::NonPartyLocal, Current) => r(
            5_000,
            5,
            "RPA 1983 s.75 permitted sum at an English local election: £50 + 0.5p per elector",
        ),
        (Election::NonPartyLocal, Previous) => {
            return Err(SpendingError::NoPreviousFigures {
                what: "non-party campaigners",
            })
        }
    })
}

/// The fraction of the full limit that applies.
fn fraction(election: Election) -> Result<(i64, i64), SpendingError> {
    match election {
        Election::UkParliamentaryLong {
            dissolved_in_month, ..
        } => match dissolved_in_month {
            // s.76ZA: 60% in the 56th month, rising by 10% a month to 100% in the 60th.
            56..=60 => Ok((i64::from(dissolved_in_month - 50), 10)),
            month => Err(SpendingError::NoLongCampaign { month }),
        },
        Election::EnglishLocal { joint_candidates } => match joint_candidates {
            0 => Err(SpendingError::NoCandidates),
            1 => Ok((1, 1)),
            // s.77(1): reduced by one-fourth where two joint candidates…
            2 => Ok((3, 4)),
            // …and by one-third where there are more than two.
            _ => Ok((2, 3)),
        },
        _ => Ok((1, 1)),
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// The spending limit for `electors` under `figures`.
pub fn spending_limit(
    election: Election,
    figures: Figures,
    electors: u64,
) -> Result<SpendingLimit, SpendingError> {
    let rates = rates(election, figures)?;
    let (num, den) = fraction(election)?;
    let too_large = || SpendingError::TooLarge { electors };
    // Tenths of a penny: exact for every rate here (0.5p is 5 tenths).
    let electors_i = i128::from(electors);
    let electors_tenths = electors_i
        .checked_mul(i128::from(rates.per_elector_tenths))
        .ok_or_else(too_large)?;
    let full_tenths = electors_tenths
        .checked_add(i128::from(rates.base_pence) * 10)
        .ok_or_else(too_large)?;
    let exact_num = full_tenths
        .checked_mul(i128::from(num))
        .ok_or_else(too_large)?;
    let exact_den = i128::from(den) * 1000; // tenths of a penny → pounds
                                            // Down to the penny: floor(exact_num / (den × 10)) pence.
    let pence = exact_num.div_euclid(i128::from(den) * 10);
    let limit = Money::from_pence(i64::try_from(pence).map_err(|_| too_large())?);
    let tenths_to_pounds = |t: i128| -> Result<Decimal, SpendingError> {
        Decimal::try_from_i128_with_scale(t, 3)
            .map_err(|_| too_large())
            .map(|d| d.normalize())
    };
    let electors_amount = tenths_to_pounds(electors_tenths)?;
    let full_limit = tenths_to_pounds(full_tenths)?;
    let g = gcd(exact_num, exact_den);
    let (n, d) = (exact_num / g.max(1), exact_den / g.max(1));
    let exact = if d == 1 || (exact_num * 100) % exact_den == 0 {
        // A whole number of pence: print it as pounds and pence.
        let p = exact_num * 100 / exact_den;
        Money::from_pence(i64::try_from(p).map_err(|_| too_large())?).to_string()
    } else {
        format!("{n}/{d}")
    };
    Ok(SpendingLimit {
        election,
        figures,
        basis: rates.basis,
        base: Money::from_pence(rates.base_pence).to_decimal(),
        per_elector: Decimal::new(rates.per_elector_tenths, 3).normalize(),
        electors,
        electors_amount,
        full_limit,
        fraction: format!("{num}/{den}"),
        exact,
        limit,
        rounding: "rounded down to the penny: the printed limit never exceeds the exact one",
    })
}

/// The deadline for a return of election expenses, with its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReturnDeadline {
    /// The day the result was declared.
    #[serde(serialize_with = "crate::serialize_date")]
    pub declared: Date,
    /// The period, in days after the declaration.
    pub days: u32,
    /// `declared + days`.
    #[serde(serialize_with = "crate::serialize_date")]
    pub nominal: Date,
    /// The deadline: the nominal day, or the first day after it that is
    /// not a Saturday, a Sunday or a listed non-working day.
    #[serde(serialize_with = "crate::serialize_date")]
    pub deadline: Date,
    /// The days passed over, with why.
    pub passed_over: Vec<String>,
    /// The rule.
    pub basis: &'static str,
}

/// The period for a return of election expenses at UK Parliamentary and
/// local elections: 35 days after the declaration (RPA 1983 s.81(1)).
pub const RETURN_DAYS: u32 = 35;

/// The deadline for a return due `days` after `declared`: if the last day
/// is a Saturday, a Sunday or one of `non_working` (Christmas Eve,
/// Christmas Day, Good Friday, bank holidays, days of thanksgiving or
/// mourning — RPA 1983 s.119(1)–(2); the caller lists them, since bank
/// holidays differ by nation and year), the first day after it that is
/// none of those.
#[must_use]
pub fn return_deadline(
    declared: Date,
    days: u32,
    non_working: &BTreeSet<Date>,
) -> Option<ReturnDeadline> {
    let nominal = declared.checked_add(Duration::days(i64::from(days)))?;
    let mut deadline = nominal;
    let mut passed_over = Vec::new();
    loop {
        let why = match deadline.weekday() {
            Weekday::Saturday => Some("Saturday"),
            Weekday::Sunday => Some("Sunday"),
            _ if non_working.contains(&deadline) => Some("non-working day"),
            _ => None,
        };
        match why {
            Some(w) => {
                passed_over.push(format!("{} ({w})", crate::date_text(deadline)));
                deadline = deadline.next_day()?;
            }
            None => break,
        }
    }
    Some(ReturnDeadline {
        declared,
        days,
        nominal,
        deadline,
        passed_over,
        basis: "RPA 1983 s.81(1) (within 35 days after the day the result is declared) and s.119 (a last day that is a Saturday, Sunday, Christmas Eve, Christmas Day, Good Friday, bank holiday or day of thanksgiving or mourning moves to the next day that is not)",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn limit(e: Election, f: Figures, electors: u64) -> SpendingLimit {
        spending_limit(e, f, electors).unwrap()
    }

    /// Mole Valley, 2024: a county constituency of 69,943 electors:
    /// £11,390 + 69,943 × 12p = £11,390 + £8,393.16 = £19,783.16.
    #[test]
    fn mole_valley_2024() {
        let l = limit(
            Election::UkParliamentaryShort {
                constituency: Constituency::County,
            },
            Figures::Current,
            69_943,
        );
        assert_eq!(l.electors_amount.to_string(), "8393.16");
        assert_eq!(l.limit.to_string(), "19783.16");
        assert_eq!(l.exact, "19783.16");
    }

    /// Brentford & Isleworth (Hounslow), 2024: a borough constituency of
    /// 77,874 electors: £11,390 + £6,229.92 = £17,619.92; Feltham & Heston,
    /// 75,503 electors: £17,430.24.
    #[test]
    fn hounslow_2024() {
        let b = Election::UkParliamentaryShort {
            constituency: Constituency::Borough,
        };
        assert_eq!(
            limit(b, Figures::Current, 77_874).limit.to_string(),
            "17619.92"
        );
        assert_eq!(
            limit(b, Figures::Current, 75_503).limit.to_string(),
            "17430.24"
        );
        // The previous figures: £8,700 + 6p.
        assert_eq!(
            limit(b, Figures::Previous, 77_874).limit.to_string(),
            "13372.44"
        );
    }

    /// English local, 7,500 electors: £960 + £600 = £1,560; two joint
    /// candidates: reduced by a quarter (£390) to £1,170 each (s.77; the
    /// Electoral Commission's example). Previous figures: £806 + £525 =
    /// £1,331.
    #[test]
    fn english_local_and_joint_candidates() {
        let one = limit(
            Election::EnglishLocal {
                joint_candidates: 1,
            },
            Figures::Current,
            7_500,
        );
        assert_eq!(one.limit.to_string(), "1560.00");
        let two = limit(
            Election::EnglishLocal {
                joint_candidates: 2,
            },
            Figures::Current,
            7_500,
        );
        assert_eq!(two.limit.to_string(), "1170.00");
        assert_eq!(two.fraction, "3/4");
        // Three joint candidates: reduced by one third: £1,040.
        let three = limit(
            Election::EnglishLocal {
                joint_candidates: 3,
            },
            Figures::Current,
            7_500,
        );
        assert_eq!(three.limit.to_string(), "1040.00");
        let prev = limit(
            Election::EnglishLocal {
                joint_candidates: 1,
            },
            Figures::Previous,
            7_500,
        );
        assert_eq!(prev.limit.to_string(), "1331.00");
        // £1,331 × 2/3 = £887.333…: exact as a fraction, printed down to £887.33.
        let prev3 = limit(
            Election::EnglishLocal {
                joint_candidates: 3,
            },
            Figures::Previous,
            7_500,
        );
        assert_eq!(prev3.exact, "2662/3");
        assert_eq!(prev3.limit.to_string(), "887.33");
        assert!(matches!(
            spending_limit(
                Election::EnglishLocal {
                    joint_candidates: 0
                },
                Figures::Current,
                1
            ),
            Err(SpendingError::NoCandidates)
        ));
    }

    /// Non-party campaigner: £50 + 0.5p per elector; 1,000 electors: £55.
    /// 1,001 electors: £55.005 exactly, printed £55.00.
    #[test]
    fn non_party_half_pence() {
        assert_eq!(
            limit(Election::NonPartyLocal, Figures::Current, 1_000)
                .limit
                .to_string(),
            "55.00"
        );
        let odd = limit(Election::NonPartyLocal, Figures::Current, 1_001);
        assert_eq!(odd.full_limit.to_string(), "55.005");
        assert_eq!(odd.exact, "11001/200");
        assert_eq!(odd.limit.to_string(), "55.00");
    }

    /// s.76ZA: the long campaign's maximum (£40,220 + 12p county) in the
    /// 60th month; 60% of it in the 56th. County, 70,000 electors: £48,620;
    /// 60% = £29,172.
    #[test]
    fn long_campaign_by_month() {
        let at = |m| Election::UkParliamentaryLong {
            constituency: Constituency::County,
            dissolved_in_month: m,
        };
        assert_eq!(
            limit(at(60), Figures::Current, 70_000).limit.to_string(),
            "48620.00"
        );
        assert_eq!(
            limit(at(56), Figures::Current, 70_000).limit.to_string(),
            "29172.00"
        );
        assert_eq!(limit(at(58), Figures::Current, 70_000).fraction, "8/10");
        assert!(matches!(
            spending_limit(at(55), Figures::Current, 1),
            Err(SpendingError::NoLongCampaign { month: 55 })
        ));
        assert!(spending_limit(at(61), Figures::Current, 1).is_err());
    }

    /// Mole Valley's 2024 return: declared Friday 5 July 2024, due 35 days
    /// later, Friday 9 August 2024 (the council's published deadline).
    #[test]
    fn return_deadline_2024() {
        let d = return_deadline(date!(2024 - 07 - 05), RETURN_DAYS, &BTreeSet::new()).unwrap();
        assert_eq!(d.deadline, date!(2024 - 08 - 09));
        assert!(d.passed_over.is_empty());
    }

    /// Rolled forward: declared Friday 3 May 2024 + 35 days = Friday 7 June;
    /// declared Saturday 4 May → Saturday 8 June, rolled past the weekend
    /// to Monday 10 June, and past a listed non-working Monday to Tuesday.
    #[test]
    fn return_deadline_rolls_forward() {
        let none = BTreeSet::new();
        assert_eq!(
            return_deadline(date!(2024 - 05 - 03), 35, &none)
                .unwrap()
                .deadline,
            date!(2024 - 06 - 07)
        );
        let sat = return_deadline(date!(2024 - 05 - 04), 35, &none).unwrap();
        assert_eq!(sat.deadline, date!(2024 - 06 - 10));
        assert_eq!(sat.passed_over.len(), 2);
        let holiday: BTreeSet<_> = [date!(2024 - 06 - 10)].into_iter().collect();
        let rolled = return_deadline(date!(2024 - 05 - 04), 35, &holiday).unwrap();
        assert_eq!(rolled.deadline, date!(2024 - 06 - 11));
        assert_eq!(rolled.passed_over[2], "10 June 2024 (non-working day)");
    }
}
