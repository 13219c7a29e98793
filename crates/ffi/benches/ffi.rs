//! The cost of the C boundary: replaying the shipped example log
//! (`examples/data/abbey-ward.jsonl`) to its report as JSON, by the Rust
//! library directly, by the bindings' safe surface, and through the C ABI
//! (the `extern "C"` functions called through the rlib: the checks, the
//! panic guard, the copy into a C buffer and its free). The Python
//! package's figure is `bindings/python/bench/replay.py`; both are in
//! BENCHMARKS.md.
//!
//! Then appending one entry: through the live count, the safe surface and
//! the C ABI, after 3 and after 10,003 entries, against the route the
//! bindings took before (the whole log replayed with the entry).
//!
//! `cargo bench -p countroom-ffi --bench ffi -- --warm-up-time 1 --measurement-time 3`

#![allow(unsafe_code, missing_docs, clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};

fn replay(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/abbey-ward.jsonl"
    );
    let log = std::fs::read(path).unwrap();
    let mut group = c.benchmark_group("replay abbey-ward.jsonl to JSON");
    group.bench_function("rust: report_from_log + report_json", |b| {
        b.iter(|| {
            let report = countroom::report_from_log(std::hint::black_box(&log)).unwrap();
            countroom::io::render::report_json(&report)
        });
    });
    group.bench_function("rust: countroom_ffi::api::replay", |b| {
        b.iter(|| countroom_ffi::api::replay(std::hint::black_box(&log)).unwrap());
    });
    group.bench_function("c abi: countroom_replay + countroom_buffer_free", |b| {
        use countroom_ffi::c::{
            countroom_buffer_free, countroom_replay, CountroomBuffer, CountroomStatus,
        };
        b.iter(|| {
            let mut out = CountroomBuffer {
                data: std::ptr::null_mut(),
                len: 0,
                tag: 0,
            };
            // SAFETY: `log` is `log.len()` readable bytes; `out` is a valid
            // buffer, freed once below.
            let status = unsafe { countroom_replay(log.as_ptr(), log.len(), &mut out) };
            assert_eq!(status, CountroomStatus::Ok);
            let len = out.len;
            // SAFETY: a buffer countroom gave.
            unsafe { countroom_buffer_free(&mut out) };
            len
        });
    });
    group.finish();
}

/// A bundle entry for westbury, `id` its bundle: one vote for one
/// candidate, so any number of them can be appended.
fn bundle(id: u64) -> String {
    format!(
        r#"{{"by":"Acting Returning Officer (Sam Okafor)","event":{{"bundle_counted":{{"contest":"westbury","run":1,"bundle":"B{id}","votes":[{{"candidate":"WB-ALLEN","votes":1}}]}}}}}}"#
    )
}

/// westbury.jsonl with `n` bundles appended.
fn westbury_with(n: u64) -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/westbury.jsonl"
    );
    let mut count = countroom_ffi::api::Count::open(&std::fs::read(path).unwrap()).unwrap();
    for i in 0..n {
        count.append(bundle(1_000_000_000 + i).as_bytes()).unwrap();
    }
    count.log().to_vec()
}

/// Appending one entry (a bundle, as JSON) to a count: through the live
/// count directly, the bindings' safe surface and the C ABI, after 3 and
/// after 10,003 entries (the same cost: an append is applied to the state,
/// not replayed); and, for comparison, the route the bindings took before
/// (`countroom::append`: the whole log read and replayed with the entry),
/// after 1,003 entries.
fn append(c: &mut Criterion) {
    let mut group = c.benchmark_group("append a bundle entry");
    for n in [0u64, 10_000] {
        let log = westbury_with(n);
        let entries = n + 3;
        let mut live = countroom::live::Count::open(&log).unwrap();
        let mut next = 0u64;
        group.bench_function(
            format!("rust: live Count::apply_entry, after {entries} entries"),
            |b| {
                b.iter(|| {
                    next += 1;
                    let line = bundle(next);
                    let read = countroom::log::read_new_entries(line.as_bytes()).unwrap();
                    let entry = read.entries.into_iter().next().unwrap();
                    live.apply_entry(entry).unwrap().bytes.len()
                });
            },
        );
        let mut count = countroom_ffi::api::Count::open(&log).unwrap();
        let mut next = 0u64;
        group.bench_function(
            format!("rust: api::Count::append, after {entries} entries"),
            |b| {
                b.iter(|| {
                    next += 1;
                    count.append(bundle(next).as_bytes()).unwrap().len()
                });
            },
        );
        {
            use countroom_ffi::c::{
                countroom_buffer_free, countroom_count_append, countroom_count_close,
                countroom_count_open, CountroomBuffer, CountroomStatus,
            };
            let mut out = CountroomBuffer {
                data: std::ptr::null_mut(),
                len: 0,
                tag: 0,
            };
            let mut handle = std::ptr::null_mut();
            // SAFETY: `log` is `log.len()` readable bytes; `handle` and `out`
            // are valid places to write; `out` is freed once.
            unsafe {
                assert_eq!(
                    countroom_count_open(log.as_ptr(), log.len(), &mut handle, &mut out),
                    CountroomStatus::Ok
                );
                countroom_buffer_free(&mut out);
            }
            let mut next = 0u64;
            group.bench_function(
                format!("c abi: countroom_count_append + countroom_buffer_free, after {entries} entries"),
                |b| {
                    b.iter(|| {
                        next += 1;
                        let line = bundle(next);
                        let mut out = CountroomBuffer {
                            data: std::ptr::null_mut(),
                            len: 0,
                            tag: 0,
                        };
                        // SAFETY: `handle` is an open count; `line` is
                        // readable; `out` is freed once below.
                        let status = unsafe {
                            countroom_count_append(handle, line.as_ptr(), line.len(), &mut out)
                        };
                        assert_eq!(status, CountroomStatus::Ok);
                        let len = out.len;
                        // SAFETY: a buffer countroom gave.
                        unsafe { countroom_buffer_free(&mut out) };
                        len
                    });
                },
            );
            // SAFETY: a count countroom gave, closed once.
            unsafe { countroom_count_close(handle) };
        }
    }
    let log = westbury_with(1_000);
    let mut next = 0u64;
    group.bench_function(
        "before: countroom::append (the log replayed), after 1003 entries",
        |b| {
            b.iter(|| {
                next += 1;
                let line = bundle(next);
                let read = countroom::log::read_new_entries(line.as_bytes()).unwrap();
                countroom::append(std::hint::black_box(&log), &read.entries)
                    .unwrap()
                    .bytes
                    .len()
            });
        },
    );
    group.finish();
}

criterion_group!(benches, replay, append);
criterion_main!(benches);
