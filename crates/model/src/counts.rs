//! Counts of votes, ballot papers and electors, with checked arithmetic only.

use std::fmt;

macro_rules! define_count {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// There is no `Add` or `Sub`: use the checked methods, which return
        /// `None` on overflow or underflow instead of wrapping.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(u64);

        impl $name {
            /// Zero.
            pub const ZERO: Self = Self(0);

            /// Wraps a count.
            #[must_use]
            pub const fn new(n: u64) -> Self {
                Self(n)
            }

            /// The count as an integer.
            #[must_use]
            pub const fn get(self) -> u64 {
                self.0
            }

            /// `self + other`, or `None` on overflow.
            #[must_use]
            pub const fn checked_add(self, other: Self) -> Option<Self> {
                match self.0.checked_add(other.0) {
                    Some(n) => Some(Self(n)),
                    None => None,
                }
            }

            /// `self - other`, or `None` if `other` is larger.
            #[must_use]
            pub const fn checked_sub(self, other: Self) -> Option<Self> {
                match self.0.checked_sub(other.0) {
                    Some(n) => Some(Self(n)),
                    None => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

define_count!(
    /// A number of votes given to a candidate (or a sum of such numbers).
    Votes
);
define_count!(
    /// A number of ballot papers.
    ///
    /// Papers and votes are different things: in a three-seat ward one paper
    /// may carry three votes.
    Papers
);
define_count!(
    /// A number of electors on the register for a contest.
    Electorate
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_arithmetic_never_wraps() {
        assert_eq!(Votes::new(u64::MAX).checked_add(Votes::new(1)), None);
        assert_eq!(Papers::new(0).checked_sub(Papers::new(1)), None);
        assert_eq!(
            Papers::new(10).checked_sub(Papers::new(4)),
            Some(Papers::new(6))
        );
    }
}
