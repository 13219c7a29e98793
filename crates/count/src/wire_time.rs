//! Dates and times in the report types: typed values that serialise to
//! exactly the JSON text the reports have always carried.
//!
//! A date in a report (`poll_date`, `term_ends`, `decided_on`) is a
//! `time::Date`: the replay has already read it from the log as a date
//! (`YYYY-MM-DD`, refusing any text that is not one), so the report holds
//! the date itself and writes it back as `time` displays it, the same
//! bytes as before. A time (an entry's `at`) is an [`EntryTime`]: the
//! count log's `at` is free text kept exactly as written (docs/count-log.md:
//! "as the operator recorded it, typically RFC 3339"; the shipped tests use
//! `02:10`, and `Z` and `+00:00` are both RFC 3339 for the same instant), so
//! no `time` value can give the same bytes back for every log; the newtype
//! keeps the text and reads it as RFC 3339 on request.

use std::fmt;

use serde::{Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// When an entry was recorded, as the count log gives it (`at`): the text
/// exactly as written, serialised as that JSON string.
///
/// ```
/// use countroom_count::EntryTime;
/// let at = EntryTime::new("2026-05-08T02:41:00+01:00");
/// assert_eq!(at.as_str(), "2026-05-08T02:41:00+01:00");
/// assert_eq!(at.rfc3339().map(|t| t.hour()), Some(2));
/// assert_eq!(serde_json::to_string(&at)?, r#""2026-05-08T02:41:00+01:00""#);
/// // Free text (the log allows it) is kept, and is no RFC 3339 time.
/// assert!(EntryTime::new("02:10").rfc3339().is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EntryTime(String);

impl EntryTime {
    /// The time as the log's `at` gives it (any text: the log's reader has
    /// already refused control characters and line breaks in it).
    pub fn new(text: impl Into<String>) -> EntryTime {
        EntryTime(text.into())
    }

    /// The time written as the count log writes it (RFC 3339), or the
    /// `time` error when RFC 3339 cannot hold it (a year before 0 or after
    /// 9999, an offset with seconds).
    ///
    /// # Errors
    ///
    /// `time::error::Format` when the time cannot be written in RFC 3339.
    pub fn from_rfc3339(t: OffsetDateTime) -> Result<EntryTime, time::error::Format> {
        t.format(&Rfc3339).map(EntryTime)
    }

    /// The text exactly as written in the log.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The time read as RFC 3339, or `None` when the log's free text is
    /// not an RFC 3339 date and time. countroom never interprets `at`
    /// (docs/count-log.md): this is for the embedding software.
    pub fn rfc3339(&self) -> Option<OffsetDateTime> {
        OffsetDateTime::parse(&self.0, &Rfc3339).ok()
    }
}

impl fmt::Display for EntryTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The text, so `Option<EntryTime>::as_deref()` gives the `Option<&str>`
/// the reports' `at` was before it was typed.
impl std::ops::Deref for EntryTime {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for EntryTime {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for EntryTime {
    fn from(text: String) -> EntryTime {
        EntryTime(text)
    }
}

impl From<&str> for EntryTime {
    fn from(text: &str) -> EntryTime {
        EntryTime(text.to_owned())
    }
}

impl PartialEq<str> for EntryTime {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for EntryTime {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Serialises a date as the reports always wrote it: `time::Date`'s
/// `Display`, `YYYY-MM-DD` for every date the log's reader accepts.
pub(crate) fn date<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

/// [`date`], for a date that may be absent (`null`, or left out with
/// `skip_serializing_if`).
// serde's `serialize_with` passes `&Option<Date>`.
#[allow(clippy::ref_option)]
pub(crate) fn option_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Serialize)]
    struct Dated {
        #[serde(serialize_with = "date")]
        day: Date,
        #[serde(serialize_with = "option_date")]
        maybe: Option<Date>,
        at: Option<EntryTime>,
    }

    #[test]
    fn dates_and_times_are_the_same_json_text() {
        let d = Dated {
            day: time::macros::date!(2026 - 05 - 07),
            maybe: None,
            at: Some(EntryTime::new("02:10")),
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"day":"2026-05-07","maybe":null,"at":"02:10"}"#
        );
    }

    proptest! {
        /// Every date the log's reader accepts (`YYYY-MM-DD`, years 0 to
        /// 9999) serialises to the text it was read from, as the report's
        /// `String` of `to_string()` did.
        #[test]
        fn a_date_serialises_to_its_log_text(julian in 1_721_060i32..=5_373_484) {
            let day = Date::from_julian_day(julian).unwrap();
            let text = format!(
                "{:04}-{:02}-{:02}",
                day.year(),
                u8::from(day.month()),
                day.day()
            );
            let d = Dated { day, maybe: Some(day), at: None };
            prop_assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!(r#"{{"day":"{text}","maybe":"{text}","at":null}}"#)
            );
            prop_assert_eq!(day.to_string(), text);
        }

        /// An entry's time is its text, byte for byte.
        #[test]
        fn a_time_serialises_to_its_text(text in "[ -~]{0,40}") {
            let at = EntryTime::new(text.clone());
            prop_assert_eq!(
                serde_json::to_string(&at).unwrap(),
                serde_json::to_string(&text).unwrap()
            );
        }
    }
}

/// A log whose dates a `time::Date` cannot hold: the replay refuses them
/// as it did when the report carried text (`bad_date`, naming the field
/// and the value), so no report ever holds such a date.
#[cfg(test)]
mod refused {
    use crate::{replay, report, ProblemKind};

    fn log(poll_date: &str, term_ends: &str) -> Vec<countroom_log::Entry> {
        let text = format!(
            concat!(
                r#"{{"schema":"countroom-count-log","version":1}}"#,
                "\n",
                r#"{{"seq":1,"by":"RO","event":{{"election_defined":{{"election":"e","name":"E","poll_date":{}}}}}}}"#,
                "\n",
                r#"{{"seq":2,"by":"RO","event":{{"contest_defined":{{"contest":"w","election":"e","title":"T","area":"A","office":"principal_councillor","country":"england","electorate":100,"vacancies":[{{"kind":"ordinary","term_ends":{}}}],"candidates":[{{"id":"A","name":"A"}},{{"id":"B","name":"B"}}]}}}}}}"#,
                "\n"
            ),
            serde_json::to_string(poll_date).unwrap(),
            serde_json::to_string(term_ends).unwrap(),
        );
        countroom_log::read(text.as_bytes()).unwrap().entries
    }

    #[test]
    fn a_date_the_type_cannot_hold_is_refused_as_before() {
        // Accepted: the report's date is the log's text.
        let (state, problems) = replay(&log("2026-05-07", "2030-05-09"));
        assert!(problems.is_empty(), "{problems:#?}");
        let r = report(&state);
        let json = serde_json::to_value(&r.contests[0]).unwrap();
        assert_eq!(json["contest"]["poll_date"], "2026-05-07");
        assert_eq!(json["contest"]["vacancies"][0]["term_ends"], "2030-05-09");

        for bad in ["2026-02-30", "+10000-05-07", "2026-5-7", "07/05/2026", ""] {
            let (state, problems) = replay(&log(bad, "2030-05-09"));
            let kinds: Vec<_> = problems.into_iter().map(|p| p.kind).collect();
            assert!(
                kinds
                    .iter()
                    .any(|k| matches!(k, ProblemKind::BadDate { field, value }
                    if field == "poll_date" && value == bad)),
                "{bad}: {kinds:#?}"
            );
            assert!(report(&state).contests.is_empty(), "{bad}");
        }
        let (_, problems) = replay(&log("2026-05-07", "2030-02-30"));
        assert!(
            problems
                .iter()
                .any(|p| matches!(&p.kind, ProblemKind::BadDate { value, .. }
                if value == "2030-02-30")),
            "{problems:#?}"
        );
    }
}
