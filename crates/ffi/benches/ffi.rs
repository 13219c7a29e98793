//! The cost of the C boundary: replaying the shipped example log
//! (`examples/data/abbey-ward.jsonl`) to its report as JSON, by the Rust
//! library directly, by the bindings' safe surface, and through the C ABI
//! (the `extern "C"` functions called through the rlib: the checks, the
//! panic guard, the copy into a C buffer and its free). The Python
//! package's figure is `bindings/python/bench/replay.py`; both are in
//! BENCHMARKS.md.
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

criterion_group!(benches, replay);
criterion_main!(benches);
