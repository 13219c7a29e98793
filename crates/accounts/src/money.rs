//! Money: pounds exact to the penny, as `rust_decimal` pence.

use std::fmt;

use rust_decimal::Decimal;

/// An amount of money, exact to the penny.
///
/// Every `Money` is built from whole pence (`i64`) and held as them, so
/// equality, ordering and hashing agree with the amount, and the pence are
/// read back exactly (no conversion that could fail or clamp).
///
/// [`Money::to_decimal`] gives it as a `rust_decimal::Decimal` of scale 2
/// (its mantissa the pence), exactly. It is never rounded: an amount with more than two
/// decimal places is refused when read ([`Money::parse`]), and sums use
/// checked arithmetic. Amounts may be negative only as the result of a
/// subtraction (a balance due that is repayable, headroom below a cap);
/// a cost line's amount is never negative (refunds are explicit lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// Empty.
    #[error("empty amount")]
    Empty,
    /// Not a number of pounds.
    #[error("{value:?} is not an amount in pounds (write e.g. 1234.56 or £1,234.56)")]
    NotAnAmount {
        /// The text.
        value: String,
    },
    /// More than two decimal places.
    #[error("{value:?} has more than two decimal places: amounts are in pounds and pence")]
    TooManyPlaces {
        /// The text.
        value: String,
    },
    /// A negative amount where only costs may stand.
    #[error("{value:?} is negative: a cost is never negative; record a refund as a line of type `refund`")]
    Negative {
        /// The text.
        value: String,
    },
    /// Too large to hold.
    #[error("{value:?} is too large")]
    TooLarge {
        /// The text.
        value: String,
    },
}

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money(0);

    /// An amount of whole pence.
    #[must_use]
    pub fn from_pence(pence: i64) -> Money {
        Money(pence)
    }

    /// The amount in pence, exactly.
    #[must_use]
    pub fn pence(self) -> i64 {
        self.0
    }

    /// The amount as a `Decimal` of scale 2 (pounds and pence).
    #[must_use]
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// Reads an amount of pounds: digits with at most two decimal places,
    /// optionally preceded by `£` and with `,` between thousands
    /// (`1234.5`, `£1,234.50`). A negative amount is refused: a refund is
    /// an explicit line, never a negative cost.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let value = text.trim();
        if value.is_empty() {
            return Err(MoneyError::Empty);
        }
        let not = || MoneyError::NotAnAmount {
            value: text.to_owned(),
        };
        if value.starts_with('-') {
            let rest = value.trim_start_matches('-');
            // Only a well-formed amount is reported as negative.
            return match Money::parse(rest) {
                Ok(_) => Err(MoneyError::Negative {
                    value: text.to_owned(),
                }),
                Err(_) => Err(not()),
            };
        }
        let body = value.strip_prefix('£').unwrap_or(value);
        let (whole, frac) = match body.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (body, None),
        };
        let digits: String = if whole.contains(',') {
            // Thousands separators must be in the right places.
            let groups: Vec<&str> = whole.split(',').collect();
            let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
            let rest_ok = groups.iter().skip(1).all(|g| g.len() == 3);
            if !first_ok || !rest_ok {
                return Err(not());
            }
            groups.concat()
        } else {
            whole.to_owned()
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not());
        }
        let frac = frac.unwrap_or("");
        if !frac.bytes().all(|b| b.is_ascii_digit()) || (body.contains('.') && frac.is_empty()) {
            return Err(not());
        }
        if frac.len() > 2 {
            return Err(MoneyError::TooManyPlaces {
                value: text.to_owned(),
            });
        }
        let too_large = || MoneyError::TooLarge {
            value: text.to_owned(),
        };
        let pounds: i64 = digits.parse().map_err(|_| too_large())?;
        let mut pence: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| not())? * 10,
            _ => frac.parse::<i64>().map_err(|_| not())?,
        };
        pence = pounds
            .checked_mul(100)
            .and_then(|p| p.checked_add(pence))
            .ok_or_else(too_large)?;
        Ok(Money::from_pence(pence))
    }

    /// `self + other`, or `None` on overflow.
    #[must_use]
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.pence()
            .checked_add(other.pence())
            .map(Money::from_pence)
    }

    /// `self − other`, or `None` on overflow.
    #[must_use]
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.pence()
            .checked_sub(other.pence())
            .map(Money::from_pence)
    }

    /// The sum of `items`, or `None` on overflow.
    pub fn sum(items: impl IntoIterator<Item = Money>) -> Option<Money> {
        items
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    /// The smaller of two amounts.
    #[must_use]
    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// Whether the amount is below zero.
    #[must_use]
    pub fn is_negative(self) -> bool {
        self.pence() < 0
    }

    /// The amount as it is printed on a claim: `£1,234.56` (`−£5.00` below
    /// zero).
    #[must_use]
    pub fn pounds(self) -> String {
        let sign = if self.is_negative() { "−" } else { "" };
        let abs = self.pence().unsigned_abs();
        let whole = abs / 100;
        let pence = abs % 100;
        format!("{sign}£{}.{pence:02}", countroom_arith::thousands(whole))
    }
}

/// Plain pounds and pence, as in CSV and JSON: `1234.56`, `-5.00`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.is_negative() { "-" } else { "" };
        let abs = self.pence().unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pounds_and_pence() {
        assert_eq!(Money::parse("1234.56").unwrap().pence(), 123_456);
        assert_eq!(Money::parse("1234.5").unwrap().pence(), 123_450);
        assert_eq!(Money::parse("1234").unwrap().pence(), 123_400);
        assert_eq!(Money::parse("£1,234.56").unwrap().pence(), 123_456);
        assert_eq!(Money::parse(" 0.07 ").unwrap().pence(), 7);
        assert_eq!(Money::parse("0").unwrap(), Money::ZERO);
    }

    #[test]
    fn refuses_what_is_not_pence() {
        assert_eq!(
            Money::parse("12.345"),
            Err(MoneyError::TooManyPlaces {
                value: "12.345".into()
            })
        );
        // Written places count, even when they are zeros.
        assert!(matches!(
            Money::parse("12.340"),
            Err(MoneyError::TooManyPlaces { .. })
        ));
        assert!(matches!(
            Money::parse("-5.00"),
            Err(MoneyError::Negative { .. })
        ));
        for bad in [
            "", "abc", "12.", ".5", "1,23.00", "12,3456", "1e3", "--5", "£", "12.3a",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad:?}");
        }
        assert!(matches!(
            Money::parse("99999999999999999999"),
            Err(MoneyError::TooLarge { .. })
        ));
    }

    #[test]
    fn prints() {
        let m = Money::from_pence(1_978_316);
        assert_eq!(m.to_string(), "19783.16");
        assert_eq!(m.pounds(), "£19,783.16");
        assert_eq!(Money::from_pence(-500).pounds(), "−£5.00");
        assert_eq!(Money::from_pence(-500).to_string(), "-5.00");
        assert_eq!(Money::from_pence(7).to_string(), "0.07");
        assert_eq!(m.to_decimal().to_string(), "19783.16");
        assert_eq!(Money::from_pence(100_000_000).pounds(), "£1,000,000.00");
        assert_eq!(Money::from_pence(99_900).pounds(), "£999.00");
    }
}
