//! The presiding officer's ballot paper account.

use std::fmt;

/// A range of ballot paper serial numbers, e.g. `A000001`–`A001500`: an
/// optional letter prefix and an inclusive range of numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct SerialRange {
    prefix: String,
    first: u64,
    last: u64,
    width: usize,
}

/// Why a serial range is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SerialError {
    /// Not letters followed by digits.
    #[error("{value:?} is not a serial number (letters, then digits, e.g. A000123)")]
    Malformed {
        /// The value.
        value: String,
    },
    /// The two ends have different prefixes.
    #[error("{first:?} and {last:?} have different prefixes")]
    PrefixMismatch {
        /// First serial.
        first: String,
        /// Last serial.
        last: String,
    },
    /// The range runs backwards.
    #[error("{first:?} comes after {last:?}")]
    Backwards {
        /// First serial.
        first: String,
        /// Last serial.
        last: String,
    },
}

fn split(value: &str) -> Result<(&str, u64, usize), SerialError> {
    let digits_at =
        value
            .find(|c: char| c.is_ascii_digit())
            .ok_or_else(|| SerialError::Malformed {
                value: value.to_owned(),
            })?;
    let (prefix, digits) = value.split_at(digits_at);
    if !prefix.chars().all(|c| c.is_ascii_alphabetic())
        || digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
        || digits.len() > 18
    {
        return Err(SerialError::Malformed {
            value: value.to_owned(),
        });
    }
    let n = digits.parse().map_err(|_| SerialError::Malformed {
        value: value.to_owned(),
    })?;
    Ok((prefix, n, digits.len()))
}

impl SerialRange {
    /// Parses a range from its first and last serial numbers.
    pub fn new(first: &str, last: &str) -> Result<SerialRange, SerialError> {
        let (p1, n1, w1) = split(first)?;
        let (p2, n2, _) = split(last)?;
        if p1 != p2 {
            return Err(SerialError::PrefixMismatch {
                first: first.to_owned(),
                last: last.to_owned(),
            });
        }
        if n1 > n2 {
            return Err(SerialError::Backwards {
                first: first.to_owned(),
                last: last.to_owned(),
            });
        }
        Ok(SerialRange {
            prefix: p1.to_owned(),
            first: n1,
            last: n2,
            width: w1,
        })
    }

    /// How many papers the range holds (at most 10^18 − 1: a serial number
    /// has at most 18 digits, and `new` refuses a backwards range, so this
    /// cannot overflow).
    #[must_use]
    pub fn len(&self) -> u64 {
        self.last - self.first + 1
    }

    /// Always false: a range holds at least one paper.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The letter prefix (may be empty).
    #[must_use]
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The first serial number's digits, as a number.
    #[must_use]
    pub fn first(&self) -> u64 {
        self.first
    }

    /// The last serial number's digits, as a number.
    #[must_use]
    pub fn last(&self) -> u64 {
        self.last
    }

    /// Whether the two ranges share a serial number.
    #[must_use]
    pub fn overlaps(&self, other: &SerialRange) -> bool {
        self.prefix == other.prefix && self.first <= other.last && other.first <= self.last
    }
}

impl fmt::Display for SerialRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self.width;
        write!(
            f,
            "{p}{a:0w$}-{p}{b:0w$}",
            p = self.prefix,
            a = self.first,
            b = self.last
        )
    }
}

/// The presiding officer's ballot paper account for one poll at one box:
/// the papers entrusted, and how they are accounted for.
///
/// Parliamentary Elections Rules r.43 (and the local rules' r.43): the
/// account shows the papers entrusted and accounts for them as issued (and
/// not otherwise accounted for), unused, spoilt and tendered; cancelled
/// papers are kept as a counter of their own so that the account balances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotPaperAccount {
    /// The serial ranges entrusted.
    pub entrusted: Vec<SerialRange>,
    /// Issued to voters and not otherwise accounted for: the papers
    /// expected in the box.
    pub issued: u64,
    /// Unused.
    pub unused: u64,
    /// Spoilt (replaced in the polling station).
    pub spoilt: u64,
    /// Cancelled.
    pub cancelled: u64,
    /// Tendered (never in the box, never counted).
    pub tendered: u64,
}

impl BallotPaperAccount {
    /// Papers entrusted: the sum of the ranges' lengths, or `None` if it
    /// passes `u64::MAX` (never a clamped total).
    #[must_use]
    pub fn entrusted_total(&self) -> Option<u64> {
        u64::try_from(self.entrusted_exact()).ok()
    }

    /// Papers accounted for: issued + unused + spoilt + cancelled +
    /// tendered, or `None` if it passes `u64::MAX`.
    #[must_use]
    pub fn accounted_total(&self) -> Option<u64> {
        u64::try_from(self.accounted_exact()).ok()
    }

    /// Whether the account balances (entrusted = accounted for), compared
    /// exactly. An account that does not is flagged on the statement, not
    /// rejected.
    #[must_use]
    pub fn balances(&self) -> bool {
        self.entrusted_exact() == self.accounted_exact()
    }

    /// The sum in 128 bits: exact for fewer than 2^64 ranges.
    fn entrusted_exact(&self) -> u128 {
        self.entrusted.iter().map(|r| u128::from(r.len())).sum()
    }

    fn accounted_exact(&self) -> u128 {
        [
            self.issued,
            self.unused,
            self.spoilt,
            self.cancelled,
            self.tendered,
        ]
        .iter()
        .map(|&n| u128::from(n))
        .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let r = SerialRange::new("A000001", "A001500").unwrap();
        assert_eq!(r.len(), 1_500);
        assert_eq!(r.to_string(), "A000001-A001500");
        assert!(r.overlaps(&SerialRange::new("A001500", "A002000").unwrap()));
        assert!(!r.overlaps(&SerialRange::new("A001501", "A002000").unwrap()));
        assert!(!r.overlaps(&SerialRange::new("B000001", "B001500").unwrap()));
        assert_eq!(SerialRange::new("17", "17").unwrap().len(), 1);
        assert!(matches!(
            SerialRange::new("A10", "B20"),
            Err(SerialError::PrefixMismatch { .. })
        ));
        assert!(matches!(
            SerialRange::new("A20", "A10"),
            Err(SerialError::Backwards { .. })
        ));
        assert!(matches!(
            SerialRange::new("A-1", "A2"),
            Err(SerialError::Malformed { .. })
        ));
        assert!(matches!(
            SerialRange::new("ABC", "ABC"),
            Err(SerialError::Malformed { .. })
        ));
    }

    /// uk-count-rules.md §2.8, box 101: 612 + 880 + 6 + 2 = 1,500.
    #[test]
    fn worked_example_balances() {
        let mut account = BallotPaperAccount {
            entrusted: vec![SerialRange::new("N0001", "N1500").unwrap()],
            issued: 612,
            unused: 880,
            spoilt: 6,
            cancelled: 0,
            tendered: 2,
        };
        assert!(account.balances());
        account.unused = 879;
        assert!(!account.balances());
        assert_eq!(account.accounted_total(), Some(1_499));
    }

    /// Totals past the largest count are not clamped. A serial number has
    /// at most 18 digits, so a range holds at most 999,999,999,999,999,999
    /// papers; 19 such ranges are 18,999,999,999,999,999,981, past u64::MAX
    /// (18,446,744,073,709,551,615): no `u64` total (`None`), and the
    /// account balances exactly against u64::MAX issued plus
    /// 553,255,926,290,448,366 unused, and not against one fewer.
    #[test]
    fn totals_past_the_largest_count_are_exact() {
        let range = SerialRange::new("A1", "A999999999999999999").unwrap();
        assert_eq!(range.len(), 999_999_999_999_999_999);
        let mut account = BallotPaperAccount {
            entrusted: vec![range; 19],
            issued: u64::MAX,
            unused: 553_255_926_290_448_366,
            spoilt: 0,
            cancelled: 0,
            tendered: 0,
        };
        assert_eq!(account.entrusted_total(), None);
        assert_eq!(account.accounted_total(), None);
        assert!(account.balances());
        account.unused -= 1;
        assert!(!account.balances());
    }
}
