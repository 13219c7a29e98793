//! The Scottish rules (Scottish Local Government Elections Order 2011,
//! Sch 1 rr.46–53).

use crate::{Election, LotSource, StageSheet, StvError};

/// Counts `election` under the Scottish rules.
pub fn count(election: &Election, lots: &mut LotSource) -> Result<StageSheet, StvError> {
    let _ = (election, lots);
    Err(StvError::NotBuilt { rules: "Scottish" })
}
