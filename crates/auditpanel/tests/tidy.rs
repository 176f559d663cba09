//! Conventions checked by tests, as rust-analyzer's tidy does: the architecture invariants that a reviewer
//! would otherwise have to remember.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Architecture invariant: the domain and statistics crates know nothing of HTTP, databases or async.
#[test]
fn pure_crates_have_no_io_dependencies() {
    for krate in ["crates/audit", "crates/agreement"] {
        let manifest: toml::Table = std::fs::read_to_string(root().join(krate).join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let deps = manifest
            .get("dependencies")
            .and_then(|d| d.as_table())
            .cloned()
            .unwrap_or_default();
        for forbidden in [
            "axum", "maud", "sea-orm", "sqlx", "tokio", "store", "web", "reqwest", "hyper",
        ] {
            assert!(
                !deps.contains_key(forbidden),
                "{krate} must not depend on {forbidden}"
            );
        }
    }
}

/// Architecture invariant: the web layer reaches the database only through `store`.
#[test]
fn web_has_no_database_dependencies() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("web/Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let deps = manifest
        .get("dependencies")
        .and_then(|d| d.as_table())
        .cloned()
        .unwrap_or_default();
    for forbidden in ["sea-orm", "sea-orm-migration", "sqlx"] {
        assert!(
            !deps.contains_key(forbidden),
            "web must not depend on {forbidden}"
        );
    }
}

/// Every source file says what it is for in its first line.
#[test]
fn every_source_file_starts_with_a_module_doc_comment() {
    let mut files = Vec::new();
    for dir in ["crates", "web", "tests"] {
        let dir = root().join(dir);
        if dir.exists() {
            rust_files(&dir, &mut files);
        }
    }
    assert!(
        files.len() > 20,
        "the walk found too few files: {}",
        files.len()
    );
    let missing: Vec<_> = files
        .into_iter()
        .filter(|p| !std::fs::read_to_string(p).unwrap().starts_with("//!"))
        .collect();
    assert!(missing.is_empty(), "add a `//!` line to:\n{missing:#?}");
}

/// The pure crates never read the clock: today's date is a parameter (see ARCHITECTURE.md).
#[test]
fn pure_crates_never_read_the_clock() {
    let mut files = Vec::new();
    rust_files(&root().join("crates/audit/src"), &mut files);
    rust_files(&root().join("crates/agreement/src"), &mut files);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for clock in [
            "SystemTime::now",
            "OffsetDateTime::now",
            "Date::today",
            "Utc::now",
            "Local::now",
        ] {
            assert!(
                !text.contains(clock),
                "{} reads the clock ({clock})",
                path.display()
            );
        }
    }
}
