//! The rules of `tidy` (src/lib.rs) on this repository. A failure names each place and what
//! to do; exceptions go in crates/tidy/allow.txt with their reason.

use std::fs;
use std::path::{Path, PathBuf};
use tidy::{
    browser_io_outside_its_homes, core_module_cycles, markup_outside_core, oversized, Allowed,
    Source,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every Rust and JavaScript source of the app and the crates.
fn sources() -> Vec<Source> {
    let root = root();
    let mut found = Vec::new();
    let mut folders = vec![root.join("src"), root.join("crates"), root.join("tests")];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                if path
                    .file_name()
                    .is_some_and(|name| name != "target" && name != "node_modules")
                {
                    folders.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|ext| ext == "rs" || ext == "js")
            {
                let relative = path.strip_prefix(&root).expect("under the root");
                found.push(Source {
                    path: relative.to_string_lossy().replace('\\', "/"),
                    text: fs::read_to_string(&path).expect("a readable source file"),
                });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

fn allowed() -> Allowed {
    let text = fs::read_to_string(root().join("crates/tidy/allow.txt")).expect("allow.txt");
    Allowed::parse(&text).unwrap_or_else(|err| panic!("{err}"))
}

fn assert_none(what: &str, found: Vec<String>) {
    assert!(found.is_empty(), "{what}:\n  {}", found.join("\n  "));
}

#[test]
fn browser_io_stays_in_storage_and_sessions() {
    assert_none(
        "browser I/O outside its modules",
        browser_io_outside_its_homes(&sources()),
    );
}

#[test]
fn markup_is_written_by_core_only() {
    assert_none(
        "markup strings outside core",
        markup_outside_core(&sources()),
    );
}

#[test]
fn source_files_stay_one_concept_long() {
    assert_none("files past their size", oversized(&sources(), &allowed()));
}

#[test]
fn core_modules_form_no_cycle() {
    assert_none(
        "core module cycles",
        core_module_cycles(&sources(), &allowed()),
    );
}
