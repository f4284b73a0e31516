use super::*;
use crate::document::encode;
use crate::import::MessageKind;
use crate::testing::{message, transcripts};
use std::io::{Cursor, Write as _};
use zip::write::SimpleFileOptions;

fn file(name: &str, bytes: impl Into<Vec<u8>>) -> PickedFile {
    PickedFile {
        name: name.to_owned(),
        bytes: bytes.into(),
    }
}

/// A small export as Slack zips it: a channel folder with a day file, and its index files.
fn slack_zip() -> Vec<u8> {
    let files = [
        (
            "channels.json",
            r#"[{"id":"C1","name":"incident-42","created":1573048800}]"#,
        ),
        (
            "users.json",
            r#"[{"id":"U1","name":"alice","real_name":"Alice Ng"}]"#,
        ),
        (
            "incident-42/2019-11-06.json",
            r#"[{"type":"message","user":"U1","text":"restarting the api pods","ts":"1573049000.000100"}]"#,
        ),
    ];
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        writer.start_file(name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const DAY_FILE: &str =
    r#"[{"type":"message","user":"U1","text":"paging db on-call","ts":"1573049000.000100"}]"#;

fn opened(files: Vec<PickedFile>) -> ImportWizard {
    let mut wizard = ImportWizard::default();
    wizard.reading_files();
    assert_eq!(wizard.status(), Some("Reading\u{2026}"));
    wizard.files_read(files);
    wizard
}

#[test]
fn each_kind_of_file_opens_its_own_step() {
    let step = |files| opened(files).step().clone();
    assert!(matches!(
        step(vec![file("export.zip", slack_zip())]),
        ImportStep::Slack { file, export } if file == "export.zip" && export.channels().len() == 1
    ));
    assert!(matches!(
        step(vec![file("2019-11-06.json", DAY_FILE), file("2019-11-07.json", "[]")]),
        ImportStep::DayFiles { files } if files.len() == 2 && files[1].0 == "2019-11-07.json"
    ));
    assert!(matches!(
        step(vec![file("alerts.csv", "time,text\n2019-11-06T14:03:00Z,disk full\n")]),
        ImportStep::Csv { file, table } if file == "alerts.csv" && table.headers == ["time", "text"]
    ));
    assert!(matches!(
        step(vec![file("bridge.txt", "[14:03] alice: restarting the api pods\n")]),
        ImportStep::Log { source, .. } if source == "bridge.txt"
    ));
    // Content decides before the name: a zip called .txt is still an export.
    assert!(matches!(
        step(vec![file("export.txt", slack_zip())]),
        ImportStep::Slack { .. }
    ));
}

#[test]
fn opening_a_step_ends_the_reading_and_counts_as_a_step_change() {
    let wizard = opened(vec![file("bridge.txt", "[14:03] alice: hi\n")]);
    assert!(!wizard.working());
    assert!(wizard.in_a_step());
    assert_eq!(wizard.step_changes(), 1);
    assert_eq!(wizard.problem(), None);
}

#[test]
fn a_set_of_transcripts_saved_from_debrief_is_offered_for_restoring() {
    let saved = transcripts(
        vec![vec![message(
            "2019-11-06T14:03:00Z",
            "alice",
            MessageKind::Message,
        )]],
        &[],
    );
    let wizard = opened(vec![file("transcripts.json", encode(&saved))]);
    let ImportStep::Restore { file, saved: read } = wizard.step() else {
        panic!("the restore step, not {:?}", wizard.step());
    };
    assert_eq!(file, "transcripts.json");
    assert_eq!(read, &saved);
}

#[test]
fn a_saved_set_that_cannot_be_read_says_why_in_the_load_paths_words() {
    let newer = r#"{"format":"debrief.transcripts","schema_version":99,"transcripts":{}}"#;
    let wizard = opened(vec![file("transcripts.json", newer)]);
    assert!(!wizard.in_a_step());
    assert!(!wizard.working());
    let problem = wizard.problem().unwrap();
    assert!(
        problem.starts_with(
            "transcripts.json holds transcripts saved from Debrief, but they cannot be read: "
        ),
        "{problem}"
    );
    assert!(problem.contains("newer"), "{problem}");
    assert!(problem.ends_with("Nothing was changed."), "{problem}");
}

#[test]
fn files_that_cannot_be_read_are_refused_by_name_and_change_nothing() {
    let cases = [
        (vec![file("export.zip", "not a zip at all")], "export.zip: "),
        (
            vec![file("utf16.txt", [0xFF, 0xFE, b'h', 0, b'i', 0])],
            "utf16.txt: This file is not text",
        ),
        (
            vec![file("empty.log", "  \n\n")],
            "empty.log: There is nothing to import",
        ),
        (
            vec![
                file("2019-11-06.json", DAY_FILE),
                file("alerts.csv", "a,b\n"),
            ],
            "Pick one kind of file at a time",
        ),
    ];
    for (files, start) in cases {
        let wizard = opened(files);
        let problem = wizard.problem().unwrap_or_default();
        assert!(problem.starts_with(start), "{start:?}: {problem}");
        assert!(!wizard.in_a_step(), "{start:?} stays at choosing");
        assert!(!wizard.working());
    }
}

#[test]
fn a_paste_opens_the_log_step_and_clears_the_last_message() {
    let mut wizard = opened(vec![file("empty.log", "")]);
    assert!(wizard.problem().is_some());
    wizard.pasted("[14:03] alice: hi".to_owned());
    assert_eq!(wizard.problem(), None);
    assert!(matches!(
        wizard.step(),
        ImportStep::Log { source, text } if source == "pasted chat log" && text == "[14:03] alice: hi"
    ));
}

fn read_transcript(messages: usize, unread: usize) -> Transcript {
    Transcript {
        source: "#incident-42".to_owned(),
        messages: (0..messages)
            .map(|_| message("2019-11-06T14:03:00Z", "alice", MessageKind::Message))
            .collect(),
        unread: (0..unread).map(|n| format!("line {n}")).collect(),
    }
}

#[test]
fn a_transcript_without_messages_is_not_stored_and_the_step_stays_open() {
    let mut wizard = opened(vec![file("bridge.txt", "hello\n")]);
    wizard.reading();
    assert_eq!(wizard.read(Ok(read_transcript(0, 0))), None);
    assert!(wizard.in_a_step(), "the choices made stay");
    assert_eq!(
        wizard.problem(),
        Some("Nothing to import: no messages were found (check the channels and the time range). Nothing was changed.")
    );
    wizard.reading();
    assert_eq!(wizard.read(Ok(read_transcript(0, 3))), None);
    assert_eq!(
        wizard.problem(),
        Some("None of the 3 lines could be read as messages. Choose another shape. Nothing was changed.")
    );
    wizard.reading();
    assert_eq!(wizard.read(Err(ImportError::Empty)), None);
    assert_eq!(
        wizard.problem(),
        Some("There is nothing to import in this file. Nothing was changed.")
    );
    assert!(!wizard.working());
}

#[test]
fn a_stored_transcript_ends_the_step_with_what_was_imported() {
    let mut wizard = opened(vec![file("bridge.txt", "hello\n")]);
    wizard.reading();
    let transcript = wizard.read(Ok(read_transcript(1_200, 1))).unwrap();
    assert!(wizard.working(), "storing is still to come");
    wizard.stored(Ok::<_, String>(imported_summary(&transcript)));
    assert!(!wizard.in_a_step());
    assert!(!wizard.working());
    assert_eq!(
        wizard.status(),
        Some("Imported 1,200 messages from #incident-42. 1 line fit no message shape; they are listed under the transcript.")
    );
}

#[test]
fn a_failed_store_keeps_the_step_and_says_nothing_changed() {
    let mut wizard = opened(vec![file("bridge.txt", "hello\n")]);
    wizard.reading();
    wizard.stored(Err::<String, _>(
        "The browser's storage for this site is full.",
    ));
    assert!(wizard.in_a_step());
    assert_eq!(
        wizard.problem(),
        Some("The browser's storage for this site is full. Nothing was changed.")
    );
}

#[test]
fn restoring_counts_what_is_new_and_what_is_here_already() {
    let message = || message("2019-11-06T14:03:00Z", "alice", MessageKind::Message);
    let saved = transcripts(vec![vec![message()], vec![message()], vec![message()]], &[]);
    let here = transcripts(vec![vec![message()]], &[]);
    let plan = RestorePlan::of(&saved, Some(&here));
    assert_eq!(plan.new, ["source 1", "source 2"]);
    assert_eq!(plan.already, 1);
    assert_eq!(plan.action(), "Restore 2 transcripts");
    let mut wizard = ImportWizard::default();
    wizard.restored(Ok::<_, String>(plan));
    assert_eq!(
        wizard.status(),
        Some("Restored 2 transcripts; 1 were here already and were left as they are.")
    );
    let alone = RestorePlan::of(&here, None);
    assert_eq!(alone.action(), "Restore 1 transcript");
    wizard.restored(Ok::<_, String>(alone));
    assert_eq!(wizard.status(), Some("Restored 1 transcript."));
}

#[test]
fn cancelling_goes_back_to_choosing_without_a_message() {
    let mut wizard = opened(vec![file("alerts.csv", "time,text\n14:03,disk full\n")]);
    assert!(wizard.in_a_step());
    wizard.fail("Choose which column holds the time and which holds the text.");
    wizard.cancel();
    assert!(!wizard.in_a_step());
    assert_eq!(wizard.problem(), None);
    assert_eq!(wizard.step_changes(), 2);
}
