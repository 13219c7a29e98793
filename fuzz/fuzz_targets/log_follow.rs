//! A count log read as a growing file is (`countroom serve`): complete
//! lines only, handed over in pieces with `LogReader::follow`.
//!
//! The first two bytes choose where the pieces are cut (the last line feed
//! before each of three positions); the rest is the log.
//! - reading never panics, and `follow` is always accepted (every piece
//!   ends in a line feed);
//! - a log ending in a line feed reads, piece by piece, as `log::read`
//!   reads it whole: the same entries on the same lines with the same
//!   digests and the same chain head, or the same problems.

#![no_main]

use std::io::Cursor;

use countroom::log::{read, LogReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((cut, bytes)) = data.split_first_chunk::<2>() else {
        return;
    };
    if !bytes.ends_with(b"\n") {
        return;
    }
    let len = bytes.len();
    let mut ends: Vec<usize> = [cut[0] as usize, cut[1] as usize * 7, (cut[0] as usize) << 4]
        .iter()
        .filter_map(|&c| {
            let c = c % (len + 1);
            bytes[..c].iter().rposition(|&b| b == b'\n').map(|i| i + 1)
        })
        .collect();
    ends.push(len);
    ends.sort_unstable();
    ends.dedup();
    let mut reader = LogReader::new(Cursor::new(Vec::new()));
    let mut entries = Vec::new();
    let mut from = 0;
    for (i, end) in ends.into_iter().enumerate() {
        let piece = Cursor::new(bytes[from..end].to_vec());
        if i == 0 {
            reader = LogReader::new(piece);
        } else {
            assert!(reader.follow(piece));
        }
        from = end;
        while let Some(e) = reader.next_entry().unwrap() {
            entries.push((e.entry, e.line, e.digest));
        }
    }
    let followed = reader.finish().unwrap();
    match (read(bytes), followed) {
        (Ok(log), Ok(tail)) => {
            assert_eq!(tail.header, log.header);
            assert_eq!(tail.head, log.head());
            let whole: Vec<_> = log
                .entries
                .into_iter()
                .zip(log.lines)
                .zip(log.digests)
                .map(|((e, l), d)| (e, l, d))
                .collect();
            assert_eq!(entries, whole);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("read whole: {:?}; followed: {:?}", a.is_ok(), b.is_ok()),
    }
});
