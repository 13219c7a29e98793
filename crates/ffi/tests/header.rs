//! include/countroom.h is what cbindgen makes of `src/c.rs` today: CI fails
//! when the C ABI changed and the header was not regenerated.
//! `UPDATE_HEADER=1 cargo test -p countroom-ffi --test header` rewrites it.

use std::path::PathBuf;

#[test]
fn the_committed_header_is_up_to_date() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .unwrap()
        .write(&mut generated);
    let header = crate_dir.join("../../include/countroom.h");
    if std::env::var_os("UPDATE_HEADER").is_some() {
        std::fs::write(&header, &generated).unwrap();
        return;
    }
    let committed = std::fs::read(&header).unwrap_or_default();
    assert!(
        committed == generated,
        "include/countroom.h is not what cbindgen generates from crates/ffi/src/c.rs: \
         run `UPDATE_HEADER=1 cargo test -p countroom-ffi --test header` and commit it"
    );
}
