//! The `debrief` binary as CI runs it: real processes, real files, exit codes checked.
//!
//! Fixtures (tests/fixtures/):
//! - clean.json: no language findings, nothing private left in public; one internal
//!   timeline event carries the canary string [`CANARY`].
//! - flagged.json: "should have" and an email address in the (always public) summary.
//! - broken.json: JSON cut short.
//! - review-v1.json: the schema-1 golden fixture from debrief-core.
//! - initials.json: the schema-3 fixture from debrief-core: a responder recorded as "AN",
//!   an organisation and a private outside reporter acting in the timeline.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Text that appears only in an internal timeline event of clean.json.
const CANARY: &str = "CANARY-INTERNAL-7731";
/// The policy the brief asks of every page, as it reads once its attribute is decoded.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                   base-uri 'none'; form-action 'none'";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh, empty folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("debrief-cli")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        // A fixed clock keeps runs comparable (and tests that the override works).
        .env("SOURCE_DATE_EPOCH", "1715000000")
        .output()
        .expect("the debrief binary runs")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

// ---------------------------------------------------------------------------------------------
// render

#[test]
fn render_html_to_stdout_by_default() {
    let out = debrief(&["render", path(&fixture("clean.json"))]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"));
    assert!(html.contains("Checkout latency after a cache configuration change"));
    assert!(html.contains(CANARY), "the internal report has everything");
    assert!(stderr(&out).is_empty());
}

#[test]
fn render_markdown_to_stdout() {
    let out = debrief(&["render", path(&fixture("clean.json")), "--format", "md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("Checkout latency after a cache configuration change"));
    assert!(!md.contains("<!DOCTYPE"));
}

#[test]
fn render_writes_to_a_file_with_o() {
    let dir = scratch("render_o");
    let html = dir.join("report.html");
    let md = dir.join("report.md");
    let out = debrief(&["render", path(&fixture("clean.json")), "-o", path(&html)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).is_empty(),
        "nothing on stdout when writing a file"
    );
    assert!(fs::read_to_string(&html).unwrap().contains(CANARY));

    let out = debrief(&[
        "render",
        path(&fixture("clean.json")),
        "--format=md",
        "--output",
        path(&md),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(fs::read_to_string(&md)
        .unwrap()
        .contains("Checkout latency after a cache configuration change"));
}

#[test]
fn public_render_leaves_out_internal_entries() {
    for format in ["html", "md"] {
        let out = debrief(&[
            "render",
            path(&fixture("clean.json")),
            "--public",
            "--format",
            format,
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains("Latency alert for checkout fires."),
            "{format}"
        );
        assert!(!text.contains(CANARY), "{format}: internal text leaked");
    }
}

#[test]
fn render_reads_older_schema_versions_through_the_load_path() {
    let out = debrief(&["render", path(&fixture("review-v1.json"))]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("Ingest brownouts from a slow memory leak"));
}

#[test]
fn render_of_a_broken_file_explains_and_exits_2() {
    let out = debrief(&["render", path(&fixture("broken.json"))]);
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("broken.json"), "{err}");
    assert!(err.contains("not valid JSON"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn render_of_a_missing_file_exits_2() {
    let out = debrief(&["render", "no/such/review.json"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("no/such/review.json"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn render_refuses_a_newer_schema_in_plain_words() {
    let dir = scratch("render_newer");
    let file = dir.join("future.json");
    let text = fs::read_to_string(fixture("clean.json"))
        .unwrap()
        .replace("\"schema_version\": 1", "\"schema_version\": 99");
    fs::write(&file, text).unwrap();
    let out = debrief(&["render", path(&file)]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("newer version of Debrief"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn render_to_an_unwritable_place_exits_2() {
    let out = debrief(&[
        "render",
        path(&fixture("clean.json")),
        "-o",
        "/no/such/folder/report.html",
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("could not write"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let out = debrief(&["render", path(&fixture("clean.json")), "--format", "pdf"]);
    assert_eq!(code(&out), 2);
    let out = debrief(&["frobnicate"]);
    assert_eq!(code(&out), 2);
    let out = debrief(&["--help"]);
    assert_eq!(code(&out), 0);
    for command in ["render", "lint", "site"] {
        assert!(stdout(&out).contains(command));
    }
}

// ---------------------------------------------------------------------------------------------
// lint

#[test]
fn lint_of_a_clean_review_exits_0() {
    let out = debrief(&["lint", path(&fixture("clean.json"))]);
    let report = stdout(&out);
    assert_eq!(code(&out), 0, "{report}{}", stderr(&out));
    assert!(report.contains("Language: no findings."), "{report}");
    assert!(
        report.contains("Nothing left in the public version looks private."),
        "{report}"
    );
}

#[test]
fn lint_reports_language_and_private_details_and_exits_1() {
    let out = debrief(&["lint", path(&fixture("flagged.json"))]);
    let report = stdout(&out);
    assert_eq!(code(&out), 1, "{report}{}", stderr(&out));
    // The language finding: field, phrase, rule and the gentler question.
    assert!(report.contains("should have"), "{report}");
    assert!(report.contains("Counterfactual"), "{report}");
    assert!(
        report.contains("What made this action make sense at the time"),
        "{report}"
    );
    // The pre-publish check: the address is still in the public version.
    assert!(report.contains("alex.rivera@example.com"), "{report}");
    assert!(report.contains("looks private"), "{report}");
}

#[test]
fn lint_lists_every_replacement_in_its_sentence() {
    let out = debrief(&["lint", path(&fixture("initials.json"))]);
    let report = stdout(&out);
    assert!(report.contains("The public version replaces"), "{report}");
    assert!(
        report.contains(
            "\u{201c}AN\u{201d} \u{2192} \u{201c}Responder B\u{201d} in: Globex Corp reports \
             rejected telemetry; AN confirms it coincided with an update."
        ),
        "{report}"
    );
    // The word "an" is not AN, and an organisation keeps its name.
    assert!(!report.contains("\u{201c}an\u{201d}"), "{report}");
    assert!(!report.contains("\u{201c}AWS\u{201d} \u{2192}"), "{report}");
}

#[test]
fn lint_of_a_broken_file_exits_2() {
    let out = debrief(&["lint", path(&fixture("broken.json"))]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not valid JSON"), "{}", stderr(&out));
}

#[test]
fn lint_never_echoes_terminal_control_characters() {
    let dir = scratch("lint_control");
    let file = dir.join("escape.json");
    let text = fs::read_to_string(fixture("flagged.json"))
        .unwrap()
        .replace("should have paused", "should have \\u001b[31mpaused");
    fs::write(&file, text).unwrap();
    let out = debrief(&["lint", path(&file)]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(!stdout(&out).contains('\u{1b}'));
}

// ---------------------------------------------------------------------------------------------
// site

/// The value of a page's Content-Security-Policy meta tag, up to its closing `">`.
fn csp_tag(html: &str) -> &str {
    let start = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let from = html.find(start).expect("a CSP meta tag") + start.len();
    let len = html[from..].find('>').unwrap() + 1;
    &html[from..from + len]
}

/// A folder of reviews as a team keeps them in git, plus files that are not reviews.
fn site_input(test: &str) -> PathBuf {
    let dir = scratch(test).join("reviews");
    fs::create_dir_all(&dir).unwrap();
    for name in [
        "clean.json",
        "flagged.json",
        "broken.json",
        "review-v1.json",
    ] {
        fs::copy(fixture(name), dir.join(name)).unwrap();
    }
    // JSON, but not a Debrief document; and a file that is not JSON at all.
    fs::write(dir.join("package.json"), r#"{"name": "reviews"}"#).unwrap();
    fs::write(dir.join("README.md"), "# Reviews\n").unwrap();
    // A review whose title and id try to break out of the index page.
    let hostile = fs::read_to_string(fixture("clean.json"))
        .unwrap()
        .replace(
            "\"id\": \"2024-03-checkout-latency\"",
            "\"id\": \"../../Evil ID\"",
        )
        .replace(
            "Checkout latency after a cache configuration change",
            "<script>alert('x')</script> & \\\"friends\\\"",
        );
    fs::write(dir.join("hostile.json"), hostile).unwrap();
    dir
}

#[test]
fn site_writes_an_index_and_one_page_per_review() {
    let input = site_input("site_internal");
    let output = input.parent().unwrap().join("site");
    let out = debrief(&["site", path(&input), "-o", path(&output)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let mut files: Vec<String> = fs::read_dir(&output)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "2024-03-checkout-latency.html",
            "2024-05-search-outage.html",
            "evil-id.html",
            "fixture-v1-memory.html",
            "index.html",
        ]
    );
    let page = fs::read_to_string(output.join("2024-03-checkout-latency.html")).unwrap();
    assert!(
        page.contains(CANARY),
        "internal site pages are internal reports"
    );

    let index = fs::read_to_string(output.join("index.html")).unwrap();
    // The index carries the very same policy tag as the reports.
    let policy = csp_tag(&page);
    assert_eq!(policy.replace("&#39;", "'"), format!("{CSP}\">"));
    assert_eq!(csp_tag(&index), policy);
    assert!(index.contains("(internal)"));
    // Newest incident first; every link relative, to a page that exists.
    let positions: Vec<usize> = [
        "2024-05-search-outage.html",
        "2024-03-checkout-latency.html",
        "evil-id.html",
        "fixture-v1-memory.html",
    ]
    .iter()
    .map(|href| {
        index
            .find(&format!("href=\"{href}\""))
            .unwrap_or_else(|| panic!("{href} linked"))
    })
    .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    // checkout and evil share a start; "&lt;script…" sorts before "Checkout" by title.
    assert_eq!(positions[0], sorted[0]);
    assert_eq!(positions[3], sorted[3]);
    assert_eq!(index.matches("href=").count(), 4);
    // Incident start on the incident's clock, with its offset; status, severity, trigger.
    assert!(
        index.contains("2019-11-06 02:20 PST (UTC-08:00)"),
        "{index}"
    );
    assert!(
        index.contains("2024-03-12 14:05 CET (UTC+01:00)"),
        "{index}"
    );
    assert!(index.contains("In review"));
    assert!(index.contains("SEV-2"));
    assert!(index.contains("Self-change-caused"));
}

#[test]
fn site_skips_files_that_are_not_reviews_and_says_why() {
    let input = site_input("site_skips");
    let output = input.parent().unwrap().join("site");
    let out = debrief(&["site", path(&input), "-o", path(&output)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    let broken = err
        .lines()
        .find(|l| l.contains("broken.json"))
        .unwrap_or_else(|| panic!("broken.json named: {err}"));
    assert!(broken.contains("warning: skipping"), "{broken}");
    assert!(broken.contains("not valid JSON"), "{broken}");
    assert!(err.contains("package.json"), "{err}");
    assert!(err.contains("not a Debrief document"), "{err}");
    assert!(
        !err.contains("README.md"),
        "non-JSON files are not reviews: {err}"
    );
    assert!(err.contains("2 files skipped"), "{err}");
}

#[test]
fn site_index_escapes_a_hostile_title() {
    let input = site_input("site_hostile");
    let output = input.parent().unwrap().join("site");
    let out = debrief(&["site", path(&input), "-o", path(&output)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let index = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(!index.contains("<script"), "{index}");
    assert!(
        index.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"),
        "{index}"
    );
    // The id became a safe, relative file name inside the output folder.
    assert!(index.contains("href=\"evil-id.html\""));
    assert!(!index.contains(".."));
    assert!(output.join("evil-id.html").is_file());
}

#[test]
fn public_site_leaves_out_internal_entries() {
    let input = site_input("site_public");
    let output = input.parent().unwrap().join("site");
    let out = debrief(&["site", path(&input), "-o", path(&output), "--public"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for entry in fs::read_dir(&output).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains(CANARY));
    }
    let index = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(!index.contains("(internal)"));
    assert!(index.contains("Checkout latency after a cache configuration change"));
}

#[test]
fn site_output_is_deterministic() {
    let input = site_input("site_deterministic");
    let first = input.parent().unwrap().join("first");
    let second = input.parent().unwrap().join("second");
    for output in [&first, &second] {
        let out = debrief(&["site", path(&input), "-o", path(output), "--public"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    for name in ["index.html", "2024-03-checkout-latency.html"] {
        assert_eq!(
            fs::read(first.join(name)).unwrap(),
            fs::read(second.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn site_of_a_missing_folder_exits_2() {
    let output = scratch("site_missing").join("site");
    let out = debrief(&["site", "no/such/folder", "-o", path(&output)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no/such/folder"), "{}", stderr(&out));
    assert!(
        !output.exists(),
        "nothing written when there is nothing to read"
    );
}

// ---------------------------------------------------------------------------------------------
// meta

/// The five incidents of Honeycomb's August 2020 meta-review, kept with debrief-core.
fn meta_seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../debrief-core/tests/fixtures/meta-seed")
}

#[test]
fn meta_renders_every_review_in_a_folder_as_html() {
    let out = debrief(&["meta", path(&meta_seed())]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(csp_tag(&html).replace("&#39;", "'"), format!("{CSP}\">"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(html.contains("Meta-review of 5 incidents"));
    for n in 1..=5 {
        assert!(html.contains(&format!("id=\"incident-{n}\"")));
    }
    assert!(html.contains("Bad instance in the dogfooding Kafka cluster"));
    // Most of the reviews are told in Pacific time, so that is the clock the figures use.
    assert!(html.contains("America/Los_Angeles"));
    assert!(
        html.contains("Dana Whitfield"),
        "the internal report names people"
    );
    assert!(stderr(&out).contains("meta-review of 5 reviews"));
}

#[test]
fn meta_public_markdown_to_a_file_names_no_one() {
    let dir = scratch("meta_public_markdown");
    let file = dir.join("meta.md");
    let out = debrief(&[
        "meta",
        path(&meta_seed()),
        "--public",
        "--markdown",
        "--title",
        "August <2020>",
        "--zone",
        "europe/berlin",
        "-o",
        path(&file),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let md = fs::read_to_string(&file).unwrap();
    assert!(md.starts_with("# August &lt;2020&gt;\n"), "{md}");
    assert!(md.contains("Europe/Berlin"));
    assert!(md.contains("| Provider-caused | 2 | 40% |"));
    for name in ["Dana", "Whitfield", "Priya", "Sam Okoye", "Leo Brandt"] {
        assert!(!md.contains(name), "{name}");
    }
    assert!(!md.contains("internal escalation policy"));
}

#[test]
fn meta_tells_incidents_with_one_title_apart_by_number_and_date() {
    // Three postmortems of one organisation published under one heading.
    let dir = scratch("meta_same_title");
    let titles = [
        "Query engine lambda start-up failures",
        "Query engine panics after a configuration change",
        "Storage engine database migration ran after the code that needed it",
    ];
    for entry in fs::read_dir(meta_seed()).unwrap() {
        let entry = entry.unwrap();
        let mut text = fs::read_to_string(entry.path()).unwrap();
        for title in titles {
            text = text.replace(&format!("\"{title}\""), "\"Query engine errors\"");
        }
        fs::write(dir.join(entry.file_name()), text).unwrap();
    }
    for markdown in [false, true] {
        let mut args = vec!["meta", path(&dir)];
        if markdown {
            args.push("--markdown");
        }
        let out = debrief(&args);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let report = stdout(&out);
        for (n, date) in [(3, "2020-08-03"), (4, "2020-08-05"), (5, "2020-08-06")] {
            let label = format!("#{n} Query engine errors ({date})");
            let heading = if markdown {
                format!("### \\{label}\n")
            } else {
                format!("<h3>{label}</h3>")
            };
            assert!(report.contains(&heading), "{heading}");
        }
    }
}

#[test]
fn meta_skips_files_that_do_not_load_and_names_them() {
    let dir = scratch("meta_skips");
    for entry in fs::read_dir(meta_seed()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    fs::copy(fixture("broken.json"), dir.join("0-broken.json")).unwrap();
    fs::write(dir.join("notes.txt"), "not a review").unwrap();
    let out = debrief(&["meta", path(&dir)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("skipping") && err.contains("0-broken.json"),
        "{err}"
    );
    assert!(err.contains("(1 file skipped)"), "{err}");
    assert!(stdout(&out).contains("Meta-review of 5 incidents"));
}

#[test]
fn meta_with_no_review_that_loads_exits_2() {
    let dir = scratch("meta_none");
    fs::copy(fixture("broken.json"), dir.join("broken.json")).unwrap();
    let out = debrief(&["meta", path(&dir)]);
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("broken.json"), "{err}");
    assert!(err.contains("none of the 1 review files"), "{err}");

    let empty = scratch("meta_empty");
    let out = debrief(&["meta", path(&empty)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("holds no review files"));
}

#[test]
fn meta_refuses_an_unknown_zone_and_a_missing_folder() {
    let out = debrief(&["meta", path(&meta_seed()), "--zone", "Mars/Olympus"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("Mars/Olympus"));
    let out = debrief(&["meta", "/no/such/folder"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
}

#[test]
fn meta_renders_a_stored_meta_review_over_a_folder() {
    let dir = scratch("meta_stored");
    let meta = dir.join("meta.json");
    std::fs::write(
        &meta,
        r#"{"format":"debrief.meta_review","schema_version":1,"meta_review":{
            "id":"m1","title":"Two provider incidents","time_zone":"UTC",
            "selection":{"picked":["2020-07-28-dns","seed-gone"],"rule":null},
            "summaries":[{"review":"seed-gone","title":"An incident since deleted","incident_start":null,"text":"KEPT-SUMMARY"}],
            "themes":[{"id":"t1","text":"THEME-SEAMS","reviews":["2020-07-28-dns"],"visibility":"internal"}]}}"#,
    )
    .unwrap();
    let out = debrief(&[
        "meta",
        path(&meta_seed()),
        "--meta",
        path(&meta),
        "--zone",
        "Europe/Berlin",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.contains("Two provider incidents"));
    assert!(
        html.contains("DNS lookups slow or failing"),
        "the covered review"
    );
    assert!(html.contains("THEME-SEAMS"), "the analyst's own sections");
    assert!(
        html.contains("KEPT-SUMMARY"),
        "a missing review keeps its summary"
    );
    assert!(
        html.contains("Europe/Berlin"),
        "--zone overrides the stored zone"
    );
    assert!(
        !html.contains("Bad instance in the dogfooding Kafka cluster"),
        "only what the meta-review covers"
    );

    let wrong = debrief(&[
        "meta",
        path(&meta_seed()),
        "--meta",
        path(&meta_seed().join("1-dns.json")),
    ]);
    assert_eq!(code(&wrong), 2);
    assert!(
        stderr(&wrong).contains("review, not a meta-review"),
        "{}",
        stderr(&wrong)
    );
}
