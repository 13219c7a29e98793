//! What a count log proves about itself: its format version, whether it is
//! hash-chained, its chain head, and (when it came through `upgrade`) where
//! its chain began.

use countroom_log::{Event, LogFile};
use serde::Serialize;

use crate::problem::{LogProblem, ProblemKind};
use crate::state::{replay, CountState};

/// The evidence a log carries, stated on every document made from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The log's format version.
    pub log_version: u32,
    /// Whether the log is hash-chained (version 2): any change to a line
    /// but the last shows when it is read.
    pub tamper_evident: bool,
    /// The chain head: the SHA-256 (hex) of the log's last line.
    pub chain_head: String,
    /// How many entries the log has.
    pub entries: u64,
    /// The version of countroom that made the documents.
    pub countroom: &'static str,
    /// Version 2: the countroom version that began the log.
    pub log_countroom: Option<String>,
    /// Version 2: whether the ruleset table the log was begun under is this
    /// countroom's (`None` for a version 1 log, which does not say).
    pub rules_match: Option<bool>,
    /// When the log was rewritten from version 1: the entries before this
    /// one were chained then, not as they were recorded.
    pub upgraded_at: Option<u64>,
}

impl Evidence {
    /// The evidence of a log as read.
    #[must_use]
    pub fn of(log: &LogFile) -> Evidence {
        Evidence {
            log_version: log.header.version,
            tamper_evident: log.tamper_evident(),
            chain_head: log.head().to_hex(),
            entries: u64::try_from(log.entries.len()).unwrap_or(u64::MAX),
            countroom: env!("CARGO_PKG_VERSION"),
            log_countroom: log.header.countroom.clone(),
            rules_match: log
                .header
                .rules
                .as_ref()
                .map(|r| *r == countroom_rules::table_digest()),
            upgraded_at: log.entries.iter().find_map(|e| match &e.event {
                Event::LogUpgraded(_) => Some(e.seq),
                _ => None,
            }),
        }
    }
}

/// Replays a log as read from a file: [`replay`], and the checks that need
/// its header (a version 2 log records one election, named in its header).
/// The state carries the log's [`Evidence`].
#[must_use]
pub fn replay_log(log: &LogFile) -> (CountState, Vec<LogProblem>) {
    let (mut state, mut problems) = replay(&log.entries);
    if let Some(election) = &log.header.election {
        for entry in &log.entries {
            if let Event::ElectionDefined(e) = &entry.event {
                if &e.election != election {
                    problems.push(LogProblem {
                        seq: entry.seq,
                        event: entry.event.kind(),
                        kind: ProblemKind::ElectionNotInHeader {
                            found: e.election.clone(),
                            header: election.clone(),
                        },
                    });
                }
            }
        }
        problems.sort_by_key(|p| p.seq);
    }
    state.set_evidence(Evidence::of(log));
    (state, problems)
}
