//! Exact fixed-point vote values.
//!
//! A [`Value`] is an integer number of units of 10^-places of a vote, where
//! `places` is the ruleset's precision ([`SCOTLAND_PLACES`] = 5: "the
//! calculation being made to five decimal places (any remainder being
//! ignored)", SLGEO 2011 Sch 1 r.49(3); [`NI_PLACES`] = 2: "to two decimal
//! places (ignoring the remainder)", ELA(NI) 1962 Sch 5 r.49(4)).
//! The value itself does not carry its places: a count uses one precision
//! throughout, held by the stage sheet. Values are signed so that a stage's
//! transfers (the transferring candidate's negative one) use the same type.
//! All arithmetic is checked; division truncates toward zero (toward minus
//! infinity for the floor helpers, identical for the non-negative values a
//! count divides).

use std::fmt;

/// Decimal places of the Scottish rules (SLGEO 2011 Sch 1 r.49(3)).
pub const SCOTLAND_PLACES: u32 = 5;
/// Decimal places of the Northern Ireland rules (ELA(NI) 1962 Sch 5 r.49(4)).
pub const NI_PLACES: u32 = 2;
/// The largest precision a [`Value`] can display or scale by.
pub const MAX_PLACES: u32 = 9;

/// An exact vote value: integer units of 10^-places of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Value(i64);

/// 10^places, or `None` past [`MAX_PLACES`].
#[must_use]
pub const fn scale(places: u32) -> Option<i64> {
    if places > MAX_PLACES {
        None
    } else {
        Some(10_i64.pow(places))
    }
}

impl Value {
    /// Zero votes.
    pub const ZERO: Value = Value(0);

    /// A value of `units` units of 10^-places.
    #[must_use]
    pub const fn from_units(units: i64) -> Self {
        Value(units)
    }

    /// The value in units of 10^-places.
    #[must_use]
    pub const fn units(self) -> i64 {
        self.0
    }

    /// `votes` whole votes at `places` decimal places; `None` on overflow.
    #[must_use]
    pub fn whole(votes: u64, places: u32) -> Option<Self> {
        let votes = i64::try_from(votes).ok()?;
        votes.checked_mul(scale(places)?).map(Value)
    }

    /// Checked addition.
    #[must_use]
    pub fn checked_add(self, other: Value) -> Option<Value> {
        self.0.checked_add(other.0).map(Value)
    }

    /// Checked subtraction.
    #[must_use]
    pub fn checked_sub(self, other: Value) -> Option<Value> {
        self.0.checked_sub(other.0).map(Value)
    }

    /// Checked multiplication by a whole number (e.g. papers × value).
    #[must_use]
    pub fn checked_mul_int(self, n: u64) -> Option<Value> {
        let n = i64::try_from(n).ok()?;
        self.0.checked_mul(n).map(Value)
    }

    /// The negated value.
    #[must_use]
    pub fn checked_neg(self) -> Option<Value> {
        self.0.checked_neg().map(Value)
    }

    /// `floor(self × num / den)` computed exactly in 128 bits: the Scottish
    /// transfer value `surplus × value received / total`, truncated
    /// (r.49(3)). `None` when `den` is zero or the result does not fit.
    #[must_use]
    pub fn mul_div_floor(self, num: Value, den: Value) -> Option<Value> {
        if den.0 == 0 {
            return None;
        }
        let n = i128::from(self.0).checked_mul(i128::from(num.0))?;
        let q = n.div_euclid(i128::from(den.0));
        // div_euclid rounds toward minus infinity for a positive divisor;
        // for a negative divisor adjust so the result is the floor.
        let q = if den.0 < 0 && n.rem_euclid(i128::from(den.0)) != 0 {
            q.checked_sub(1)?
        } else {
            q
        };
        i64::try_from(q).ok().map(Value)
    }

    /// `floor(self / n)` for a whole divisor (the NI transfer value
    /// `surplus ÷ transferable papers`, r.49(4)). `None` when `n` is zero.
    #[must_use]
    pub fn div_int_floor(self, n: u64) -> Option<Value> {
        if n == 0 {
            return None;
        }
        let n = i128::from(n);
        i64::try_from(i128::from(self.0).div_euclid(n))
            .ok()
            .map(Value)
    }

    /// The whole votes of `self` (floor) at `places`: for the quota and
    /// "any fraction being disregarded".
    #[must_use]
    pub fn whole_part(self, places: u32) -> Option<i64> {
        Some(self.0.div_euclid(scale(places)?))
    }

    /// Displays the value with `places` decimal places (`1913.00000`,
    /// `-63.00000`). Places above [`MAX_PLACES`] are shown as [`MAX_PLACES`].
    #[must_use]
    pub fn fixed(self, places: u32) -> Fixed {
        Fixed {
            value: self,
            places: places.min(MAX_PLACES),
        }
    }

    /// Parses a fixed-point string with exactly `places` decimals
    /// (`"1913.00000"`, `"-0.5"` with places 1; thousands separators
    /// `1,913.00000` accepted). `None` if it is not such a number.
    #[must_use]
    pub fn parse(text: &str, places: u32) -> Option<Value> {
        let s = text.trim();
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        let int: String = int.chars().filter(|c| *c != ',').collect();
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > places as usize
        {
            return None;
        }
        let mut units: i64 = int.parse::<i64>().ok()?.checked_mul(scale(places)?)?;
        let mut f: i64 = 0;
        for b in frac.bytes() {
            f = f * 10 + i64::from(b - b'0');
        }
        let pad = places - frac.len() as u32;
        f = f.checked_mul(scale(pad)?)?;
        units = units.checked_add(f)?;
        Some(Value(if neg { -units } else { units }))
    }
}

/// A [`Value`] with its places, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fixed {
    value: Value,
    places: u32,
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = i128::from(self.value.0);
        let scale = i128::from(scale(self.places).unwrap_or(1));
        let sign = if units < 0 { "-" } else { "" };
        let abs = units.abs();
        let (int, frac) = (abs / scale, abs % scale);
        if self.places == 0 {
            write!(f, "{sign}{int}")
        } else {
            write!(
                f,
                "{sign}{int}.{frac:0width$}",
                width = self.places as usize
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_with_places() {
        assert_eq!(
            Value::from_units(191_300_000).fixed(5).to_string(),
            "1913.00000"
        );
        assert_eq!(
            Value::from_units(-6_300_000).fixed(5).to_string(),
            "-63.00000"
        );
        assert_eq!(Value::from_units(27).fixed(2).to_string(), "0.27");
        assert_eq!(Value::from_units(-5).fixed(5).to_string(), "-0.00005");
        assert_eq!(Value::ZERO.fixed(2).to_string(), "0.00");
    }

    #[test]
    fn parses_what_it_displays() {
        for u in [0_i64, 1, -1, 191_300_000, 28_468_180, -99_999] {
            let v = Value::from_units(u);
            assert_eq!(Value::parse(&v.fixed(5).to_string(), 5), Some(v));
        }
        assert_eq!(
            Value::parse("1,816.00000", 5),
            Some(Value::from_units(181_600_000))
        );
        assert_eq!(Value::parse("0.3", 2), Some(Value::from_units(30)));
        assert_eq!(Value::parse("0.123", 2), None);
        assert_eq!(Value::parse("x", 2), None);
    }

    /// Govan 2007, stage 2 (SLGEO 2011 r.49(3)): TV = trunc5(781 × 1 / 2694)
    /// = 0.28990 (uk-count-rules §6.1.1).
    #[test]
    fn transfer_value_truncates() {
        let surplus = Value::whole(781, 5).unwrap();
        let one = Value::whole(1, 5).unwrap();
        let total = Value::whole(2694, 5).unwrap();
        assert_eq!(
            surplus.mul_div_floor(one, total),
            Some(Value::from_units(28_990))
        );
        assert_eq!(surplus.mul_div_floor(one, Value::ZERO), None);
        // NI r.49(4): 393 / 1427 = 0.2754 -> 0.27.
        assert_eq!(
            Value::whole(393, 2).unwrap().div_int_floor(1427),
            Some(Value::from_units(27))
        );
    }

    #[test]
    fn checked_arithmetic_refuses_overflow() {
        assert_eq!(
            Value::from_units(i64::MAX).checked_add(Value::from_units(1)),
            None
        );
        assert_eq!(Value::whole(u64::MAX, 5), None);
        assert_eq!(
            Value::from_units(i64::MAX).mul_div_floor(Value::from_units(2), Value::from_units(1)),
            None
        );
    }
}
