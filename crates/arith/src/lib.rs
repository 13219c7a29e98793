//! Exact arithmetic for counts: percentages from exact integers, rounded
//! once, by a rule that is named at every call.
//!
//! Votes and papers are integers; a percentage such as a turnout is a ratio
//! of two integers. This crate computes such ratios exactly (128-bit integer
//! arithmetic, no floating point) and rounds the result once, by a
//! [`Rounding`] rule the caller must name. It is the only place in countroom
//! that decides how a number is rounded.
//!
//! ```
//! use countroom_arith::{Percentage, Rounding};
//!
//! // 3,470 ballot papers from 10,117 electors is 34.2987…%
//! let turnout = Percentage::of(3_470, 10_117, Rounding::HalfUp).unwrap();
//! assert_eq!(turnout.to_string(), "34.30");
//! assert_eq!(Percentage::of(1, 8, Rounding::Down).unwrap().to_string(), "12.50");
//! assert_eq!(Percentage::of(1, 0, Rounding::HalfUp), None);
//! ```

use std::fmt;

/// How an exact ratio is rounded to the precision shown.
///
/// There is no default: every call names its rule, and the rule's doc says
/// which publication or statute it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// Round to the nearest, and a half (exactly …5) upwards.
    ///
    /// This is the convention of the Electoral Commission's published result
    /// files (percentages to two places): every `Pct_Turnout` of the 2016 EU
    /// referendum file is `100 × Votes_Cast / Electorate` rounded this way.
    /// Turnout is never negative, so "upwards" and "away from zero" agree.
    HalfUp,
    /// Truncate: drop everything past the last place shown ("any remainder
    /// being ignored", as the STV rules say of transfer values).
    Down,
    /// Round to the nearest, and a half (exactly …5) to the even neighbour
    /// ("banker's rounding").
    ///
    /// This is how the published round tables of the list systems print a
    /// figure (votes ÷ divisor) to two places: the London Assembly's
    /// London-wide allocation of 2021 prints 795,081 ÷ 8 = 99,385.125 as
    /// 99,385.12 (the half goes to the even 2, not up to 3) and
    /// 986,609 ÷ 11 = 89,691.7272… as 89,691.73 (nearest). Used by
    /// `countroom-list` for a figure's `figure` string; the exact fraction is
    /// always given beside it.
    HalfEven,
}

/// `numerator × scale / denominator`, rounded by `rule`; `None` if the
/// denominator is zero or the result does not fit in a `u64`.
///
/// ```
/// use countroom_arith::{scaled_ratio, Rounding};
/// assert_eq!(scaled_ratio(2, 3, 100, Rounding::HalfUp), Some(67));
/// assert_eq!(scaled_ratio(2, 3, 100, Rounding::Down), Some(66));
/// assert_eq!(scaled_ratio(1, 8, 100, Rounding::HalfUp), Some(13));
/// // 795,081 ÷ 8 = 99,385.125: half to even prints 99,385.12.
/// assert_eq!(scaled_ratio(795_081, 8, 100, Rounding::HalfEven), Some(9_938_512));
/// assert_eq!(scaled_ratio(3, 8, 100, Rounding::HalfEven), Some(38)); // 0.375
/// ```
#[must_use]
pub fn scaled_ratio(numerator: u64, denominator: u64, scale: u64, rule: Rounding) -> Option<u64> {
    u64::try_from(scaled_ratio_wide(numerator, denominator, scale, rule)?).ok()
}

/// [`scaled_ratio`] in 128 bits: `numerator × scale / denominator`, rounded
/// by `rule`, for every `u64` numerator and scale (their product fits a
/// `u128`, and so does the rounded quotient); `None` only if the
/// denominator is zero.
///
/// ```
/// use countroom_arith::{scaled_ratio_wide, Rounding};
/// // u64::MAX ÷ 7 = 2,635,249,153,387,078,802 1/7: to two places 0.14.
/// assert_eq!(
///     scaled_ratio_wide(u64::MAX, 7, 100, Rounding::HalfEven),
///     Some(263_524_915_338_707_880_214)
/// );
/// assert_eq!(scaled_ratio_wide(1, 0, 100, Rounding::HalfEven), None);
/// ```
#[must_use]
pub fn scaled_ratio_wide(
    numerator: u64,
    denominator: u64,
    scale: u64,
    rule: Rounding,
) -> Option<u128> {
    if denominator == 0 {
        return None;
    }
    // (2^64 - 1)^2 < 2^128: the product never overflows.
    let num = u128::from(numerator).checked_mul(u128::from(scale))?;
    let den = u128::from(denominator);
    let quotient = num / den;
    let remainder = num % den;
    // remainder < den < 2^64, so 2 × remainder fits; quotient < 2^128 - 1
    // since num < 2^128 - 1 and den ≥ 1 (num ≤ (2^64 - 1)^2).
    let rounded = match rule {
        Rounding::Down => quotient,
        // remainder / den >= 1/2  <=>  2 * remainder >= den
        Rounding::HalfUp => {
            if remainder.checked_mul(2)? >= den {
                quotient.checked_add(1)?
            } else {
                quotient
            }
        }
        Rounding::HalfEven => {
            let twice = remainder.checked_mul(2)?;
            if twice > den || (twice == den && quotient % 2 == 1) {
                quotient.checked_add(1)?
            } else {
                quotient
            }
        }
    };
    Some(rounded)
}

/// A percentage to two decimal places, computed exactly and rounded once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percentage {
    /// Hundredths of a percent (basis points): 3430 is 34.30%.
    basis_points: u64,
}

impl Percentage {
    /// `100 × part / whole` to two places, rounded by `rule`; `None` when
    /// `whole` is zero.
    #[must_use]
    pub fn of(part: u64, whole: u64, rule: Rounding) -> Option<Percentage> {
        scaled_ratio(part, whole, 10_000, rule).map(|basis_points| Percentage { basis_points })
    }

    /// A turnout: `100 × papers / electorate` to two places, rounded by
    /// `rule`, and never above 100. `None` when the electorate is zero (not
    /// known) or smaller than the papers: each elector has one ballot
    /// paper, so more papers than electors cannot be true, and the figures
    /// are a problem to list, not a turnout to print (README, "Turnout").
    /// The one turnout of the count's documents and of the collation.
    ///
    /// ```
    /// use countroom_arith::{Percentage, Rounding};
    /// let t = Percentage::turnout(39_006, 52_010, Rounding::HalfUp).unwrap();
    /// assert_eq!(t.to_string(), "75.00");
    /// assert_eq!(Percentage::turnout(52_010, 52_010, Rounding::HalfUp).unwrap().to_string(), "100.00");
    /// assert_eq!(Percentage::turnout(69_006, 52_010, Rounding::HalfUp), None);
    /// assert_eq!(Percentage::turnout(1, 0, Rounding::HalfUp), None);
    /// ```
    #[must_use]
    pub fn turnout(papers: u64, electorate: u64, rule: Rounding) -> Option<Percentage> {
        if papers > electorate {
            return None;
        }
        Percentage::of(papers, electorate, rule)
    }

    /// The value in hundredths of a percent (34.30% is 3430).
    #[must_use]
    pub const fn basis_points(self) -> u64 {
        self.basis_points
    }
}

/// Always two decimal places, no percent sign: `34.30`, `100.00`, `0.05`.
impl fmt::Display for Percentage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{:02}",
            self.basis_points / 100,
            self.basis_points % 100
        )
    }
}

/// A count as printed on a document: digits in groups of three separated
/// by commas, a minus sign for a negative figure (`1234567` → `1,234,567`,
/// `-3497` → `-3,497`). Exact for every integer type up to `i128` (`u64`,
/// `i64`, `u32`, …); nothing is rounded. The one formatting of figures on
/// countroom's text documents; machine formats (JSON, CSV) keep plain
/// numbers.
#[must_use]
pub fn thousands(n: impl Figure) -> String {
    group(n.to_i128(), false)
}

/// A change or variance as printed on a document: [`thousands`] with its
/// sign always shown, except for zero (`+1,012`, `-3,497`, `0`).
#[must_use]
pub fn thousands_signed(n: impl Figure) -> String {
    group(n.to_i128(), true)
}

/// An integer figure that [`thousands`] prints: every primitive integer
/// type up to 128 bits (`u128` above `i128::MAX` is not one: no count
/// comes near it).
pub trait Figure: Copy {
    /// The figure as an `i128`, exactly.
    fn to_i128(self) -> i128;
}

macro_rules! figure {
    ($($t:ty),*) => {$(
        impl Figure for $t {
            fn to_i128(self) -> i128 {
                i128::from(self)
            }
        }
    )*};
}
figure!(u8, u16, u32, u64, i8, i16, i32, i64, i128);

impl Figure for usize {
    fn to_i128(self) -> i128 {
        // usize is at most 64 bits on every platform Rust supports.
        self as i128
    }
}

fn group(n: i128, plus: bool) -> String {
    // `unsigned_abs` is exact even for `i128::MIN`.
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    } else if plus && n > 0 {
        out.push('+');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod thousands_tests {
    use super::{thousands, thousands_signed};

    #[test]
    fn groups_of_three() {
        assert_eq!(thousands(0u64), "0");
        assert_eq!(thousands(999u64), "999");
        assert_eq!(thousands(1_000u64), "1,000");
        assert_eq!(thousands(33_577_342u64), "33,577,342");
        assert_eq!(thousands(-3_497i64), "-3,497");
        assert_eq!(thousands(-999i64), "-999");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(
            thousands(i128::MIN),
            "-170,141,183,460,469,231,731,687,303,715,884,105,728"
        );
        assert_eq!(thousands_signed(0i64), "0");
        assert_eq!(thousands_signed(1_012i64), "+1,012");
        assert_eq!(thousands_signed(-3_497i128), "-3,497");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A turnout is never above 100.00, and is given exactly when the
        /// papers do not exceed a known electorate.
        #[test]
        fn turnout_never_exceeds_one_hundred(papers in 0u64..u64::MAX, electorate in 0u64..u64::MAX) {
            let t = Percentage::turnout(papers, electorate, Rounding::HalfUp);
            prop_assert_eq!(t.is_some(), electorate != 0 && papers <= electorate);
            if let Some(t) = t {
                prop_assert!(t.basis_points() <= 10_000);
            }
        }
    }

    #[test]
    fn half_up_rounds_exact_halves_up() {
        // 1/8 = 12.5% exactly: to 0 places it is 13 under HalfUp.
        assert_eq!(scaled_ratio(1, 8, 100, Rounding::HalfUp), Some(13));
        // 1/400 = 0.25%: exactly two places, no rounding.
        assert_eq!(
            Percentage::of(1, 400, Rounding::HalfUp)
                .unwrap()
                .to_string(),
            "0.25"
        );
        // 1/800 = 0.125%: a half at the third place goes up to 0.13.
        assert_eq!(
            Percentage::of(1, 800, Rounding::HalfUp)
                .unwrap()
                .to_string(),
            "0.13"
        );
        assert_eq!(
            Percentage::of(1, 800, Rounding::Down).unwrap().to_string(),
            "0.12"
        );
    }

    #[test]
    fn eu_referendum_2016_published_turnouts() {
        // Typed from the Electoral Commission's published file, Hartlepool
        // row: Electorate 70,341, Votes_Cast 46,134, Pct_Turnout 65.59.
        assert_eq!(
            Percentage::of(46_134, 70_341, Rounding::HalfUp)
                .unwrap()
                .to_string(),
            "65.59"
        );
        // National: 33,577,342 papers counted of 46,500,001 electors: 72.21%.
        assert_eq!(
            Percentage::of(33_577_342, 46_500_001, Rounding::HalfUp)
                .unwrap()
                .to_string(),
            "72.21"
        );
    }

    #[test]
    fn zero_denominator_is_none() {
        assert_eq!(Percentage::of(0, 0, Rounding::HalfUp), None);
    }

    #[test]
    fn full_and_empty() {
        assert_eq!(
            Percentage::of(7, 7, Rounding::HalfUp).unwrap().to_string(),
            "100.00"
        );
        assert_eq!(
            Percentage::of(0, 7, Rounding::HalfUp).unwrap().to_string(),
            "0.00"
        );
    }

    proptest! {
        #[test]
        fn half_up_is_within_half_a_unit(n in 0u64..1_000_000_000, d in 1u64..1_000_000_000) {
            let r = u128::from(scaled_ratio(n, d, 10_000, Rounding::HalfUp).unwrap());
            let exact_times_2d = 2 * u128::from(n) * 10_000;
            // |r - exact| <= 1/2  <=>  |2 d r - 2 n s| <= d
            let lhs = 2 * u128::from(d) * r;
            let diff = lhs.abs_diff(exact_times_2d);
            prop_assert!(diff <= u128::from(d));
        }

        #[test]
        fn down_never_exceeds_exact(n in 0u64..1_000_000_000, d in 1u64..1_000_000_000) {
            let r = u128::from(scaled_ratio(n, d, 10_000, Rounding::Down).unwrap());
            prop_assert!(r * u128::from(d) <= u128::from(n) * 10_000);
            prop_assert!((r + 1) * u128::from(d) > u128::from(n) * 10_000);
        }
    }
}
