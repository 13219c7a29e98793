//! The count log: an append-only sequence of typed events, and its JSON
//! Lines file format.
//!
//! A count is recorded as a log of [`Entry`]s, each an [`Event`] with who
//! recorded it (`by`), optionally when (`at`, as given: the engine never
//! reads a clock) and why (`reason`). Every document countroom produces is a
//! pure function of a log, so any prefix of a log is a valid state of the
//! count, and replaying a log gives the same documents byte for byte.
//!
//! The types here are the file format, version [`VERSION`]: identifiers are
//! plain strings and codes, checked when the log is replayed (by
//! `countroom-count`), so that a log that names an unknown candidate still
//! reads and the problem is reported with its entry.
//!
//! The file is JSON Lines: a [`Header`] line, then one entry per line, `seq`
//! numbered from 1 with no gaps. `docs/count-log.md` describes every event;
//! `docs/count-log.schema.json` is its JSON Schema.
//!
//! ```
//! use countroom_log::{read, write, Entry, Event, CountCompleted};
//!
//! let text = concat!(
//!     r#"{"schema":"countroom-count-log","version":1}"#, "\n",
//!     r#"{"seq":1,"by":"Deputy RO","event":{"count_completed":{"contest":"abbey","run":1}}}"#, "\n",
//! );
//! let log = read(text.as_bytes()).unwrap();
//! assert_eq!(log.entries.len(), 1);
//! assert!(matches!(&log.entries[0].event, Event::CountCompleted(CountCompleted { run: 1, .. })));
//! assert_eq!(write(&log.header, &log.entries), text.as_bytes());
//! ```

pub mod checkpoint;
mod events;
mod jsonl;
mod new_entry;
mod plain;
mod preferences;

pub use events::*;
pub use jsonl::{
    read, read_each, upgrade, write, write_entry, Appender, EachEntry, Header, LogFile, LogReader,
    LogTail, ReadEntry, ReadError, ReadErrorKind, Sha256Digest, UpgradeError, SCHEMA, VERSION,
    VERSION_1,
};
pub use new_entry::{read_new_entries, NewEntries, NewEntry};
pub use preferences::{parse_canonical, CanonicalError, OrderRef, PreferenceLineRef, Preferences};
