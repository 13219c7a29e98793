//! People: who records an entry.

use std::fmt;

/// A person's identifier in the count log: what an entry's `by` names, and
/// an appointment's `person`.
///
/// Not empty, no leading or trailing spaces, no control characters (a
/// line break in `by` could forge a line of a printed document).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(Box<str>);

/// Why a person's identifier is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PersonError {
    /// Empty or only spaces.
    #[error("a person's identifier is empty")]
    Empty,
    /// Spaces at either end.
    #[error("person `{0}`: spaces at either end")]
    Untrimmed(String),
    /// A control character (a line break, a tab, …).
    #[error("person {0:?}: a control character")]
    ControlCharacter(String),
}

impl PersonId {
    /// Validates an identifier.
    ///
    /// ```
    /// use countroom_live::PersonId;
    /// assert_eq!(PersonId::new("ro")?.as_str(), "ro");
    /// assert!(PersonId::new("RO\nDECLARATION").is_err());
    /// # Ok::<(), countroom_live::PersonError>(())
    /// ```
    pub fn new(value: &str) -> Result<PersonId, PersonError> {
        if value.trim().is_empty() {
            return Err(PersonError::Empty);
        }
        if value.trim() != value {
            return Err(PersonError::Untrimmed(value.to_owned()));
        }
        if value.chars().any(char::is_control) {
            return Err(PersonError::ControlCharacter(value.to_owned()));
        }
        Ok(PersonId(value.into()))
    }

    /// The identifier.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The person recording a command. Made by [`crate::Count::actor`], which
/// checks, once the log records appointments, that the person holds one;
/// whether their office allows the command is checked when it is applied
/// (the roles table, `countroom_count::authority`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Actor(PersonId);

impl Actor {
    pub(crate) fn new(person: PersonId) -> Actor {
        Actor(person)
    }

    /// The person.
    #[must_use]
    pub fn person(&self) -> &PersonId {
        &self.0
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}
