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
}

/// `numerator × scale / denominator`, rounded by `rule`; `None` if the
/// denominator is zero or the result does not fit in a `u64`.
///
/// ```
/// use countroom_arith::{scaled_ratio, Rounding};
/// assert_eq!(scaled_ratio(2, 3, 100, Rounding::HalfUp), Some(67));
/// assert_eq!(scaled_ratio(2, 3, 100, Rounding::Down), Some(66));
/// assert_eq!(scaled_ratio(1, 8, 100, Rounding::HalfUp), Some(13));
/// ```
#[must_use]
pub fn scaled_ratio(numerator: u64, denominator: u64, scale: u64, rule: Rounding) -> Option<u64> {
    if denominator == 0 {
        return None;
    }
    let num = u128::from(numerator).checked_mul(u128::from(scale))?;
    let den = u128::from(denominator);
    let quotient = num / den;
    let remainder = num % den;
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
    };
    u64::try_from(rounded).ok()
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
