//! Opening a live count from any bytes (`countroom::live::Count::open` and
//! `Count::open_truncating_torn_tail`):
//! - neither panics;
//! - a log that opens has no torn line to leave out, and opens the same
//!   with the request;
//! - a torn line left out is exactly the bytes after the last line feed
//!   (never a complete line), and the count is that of the bytes before it.

#![no_main]

use countroom::live::{Count, OpenError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opened = Count::open(data);
    let truncated = Count::open_truncating_torn_tail(data);
    match (&opened, &truncated) {
        (Ok(count), Ok((again, torn))) => {
            assert!(torn.is_none());
            assert_eq!(count.head(), again.head());
            assert_eq!(count.entries(), again.entries());
        }
        (Ok(_), Err(e)) => panic!("opens, but not with the request: {e}"),
        (Err(OpenError::TornTail(t)), _) => {
            let offset = data.iter().rposition(|&b| b == b'\n').map(|i| i + 1);
            assert_eq!(Some(t.offset), offset);
            assert_eq!(data.get(t.offset..), Some(&t.bytes[..]));
            assert!(!t.bytes.contains(&b'\n'));
            if let Ok((count, Some(left_out))) = &truncated {
                assert_eq!(left_out, t);
                let before = Count::open(&data[..t.offset]).map(|c| (c.head(), c.entries()));
                assert_eq!(before.ok(), Some((count.head(), count.entries())));
            }
        }
        (Err(_), Ok(_)) => panic!("refused, but opened with the request"),
        (Err(_), Err(_)) => {}
    }
});
