//! Validated identifiers.

use std::fmt;

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The identifier is empty.
    #[error("{kind} id is empty")]
    Empty {
        /// What the identifier names ("candidate", "contest", …).
        kind: &'static str,
    },
    /// The identifier is longer than [`MAX_ID_LEN`] bytes.
    #[error("{kind} id {value:?} is longer than {max} characters", max = MAX_ID_LEN)]
    TooLong {
        /// What the identifier names.
        kind: &'static str,
        /// The rejected value.
        value: String,
    },
    /// The identifier has a character outside `A-Z a-z 0-9 - _ . : /`.
    #[error(
        "{kind} id {value:?} has the character {bad:?}: use only letters, digits and - _ . : /"
    )]
    BadChar {
        /// What the identifier names.
        kind: &'static str,
        /// The rejected value.
        value: String,
        /// The first offending character.
        bad: char,
    },
}

/// The longest identifier accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

fn validate(kind: &'static str, value: &str) -> Result<(), IdError> {
    if value.is_empty() {
        return Err(IdError::Empty { kind });
    }
    if value.len() > MAX_ID_LEN {
        return Err(IdError::TooLong {
            kind,
            value: value.to_owned(),
        });
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/')))
    {
        return Err(IdError::BadChar {
            kind,
            value: value.to_owned(),
            bad,
        });
    }
    Ok(())
}

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        ///
        /// One to 64 characters from `A-Z a-z 0-9 - _ . : /`, so that it can
        /// stand unquoted in a CSV header and a file name.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Box<str>);

        impl $name {
            /// What this identifier names, as used in error messages.
            pub const KIND: &'static str = $kind;

            /// Validates `value` as an identifier.
            pub fn new(value: &str) -> Result<Self, IdError> {
                validate($kind, value)?;
                Ok(Self(value.into()))
            }

            /// The identifier as written.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }
    };
}

define_id!(
    /// An election event: the polls held on one day in one place.
    ElectionId,
    "election"
);
define_id!(
    /// A contest (poll): one office in one electoral area, e.g. one ward.
    ContestId,
    "contest"
);
define_id!(
    /// A candidate standing in a contest.
    CandidateId,
    "candidate"
);
define_id!(
    /// A counting area (local unit of a multi-area poll).
    CountingAreaId,
    "counting area"
);
define_id!(
    /// A region that counting areas are collated into (e.g. the ONS code
    /// of an English region, `E15000006`).
    RegionId,
    "region"
);
define_id!(
    /// A polling place (building).
    PollingPlaceId,
    "polling place"
);
define_id!(
    /// A polling station inside a polling place.
    PollingStationId,
    "polling station"
);
define_id!(
    /// A ballot box (polling station box or postal ballot box).
    BallotBoxId,
    "ballot box"
);
define_id!(
    /// A bundle of counted ballot papers (or one batch of a table's tally).
    BundleId,
    "bundle"
);
define_id!(
    /// A counting table.
    TableId,
    "table"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        for ok in ["C1", "abbey-ward", "E05000001", "2026:abbey/1", "a.b_c"] {
            assert_eq!(ContestId::new(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn rejects_bad_ids_with_the_reason() {
        assert_eq!(
            CandidateId::new(""),
            Err(IdError::Empty { kind: "candidate" })
        );
        assert!(matches!(
            CandidateId::new("Jo Adams"),
            Err(IdError::BadChar { bad: ' ', .. })
        ));
        assert!(matches!(
            CandidateId::new("é"),
            Err(IdError::BadChar { bad: 'é', .. })
        ));
        assert!(matches!(
            CandidateId::new(&"x".repeat(65)),
            Err(IdError::TooLong { .. })
        ));
        assert!(CandidateId::new(&"x".repeat(64)).is_ok());
    }

    #[test]
    fn error_message_names_the_kind_and_value() {
        let err = BallotBoxId::new("B 1").unwrap_err();
        assert_eq!(
            err.to_string(),
            "ballot box id \"B 1\" has the character ' ': use only letters, digits and - _ . : /"
        );
    }
}
