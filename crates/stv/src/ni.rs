//! The Northern Ireland rules (Electoral Law Act (Northern Ireland) 1962,
//! Sch 5 rr.46–52). The engine is being built in its own branch; until it
//! lands, counting under these rules is refused with a typed error.

use crate::{Election, LotSource, StageSheet, StvError};

/// Counts `election` under the Northern Ireland rules.
pub fn count(election: &Election, lots: &mut LotSource) -> Result<StageSheet, StvError> {
    let _ = (election, lots);
    Err(StvError::NotBuilt {
        rules: "Northern Ireland",
    })
}
