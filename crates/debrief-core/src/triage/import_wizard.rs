//! Bringing a chat transcript into a review, step by step, as a state machine: files picked
//! or a log pasted → the step their kind needs (which channels of an export, which column
//! of a CSV is the time, which shape a log's lines have) → read → stored with the review's
//! other transcripts. The app draws each step and reads files; every decision and every
//! message the person sees is made here. A failure at any step changes nothing: the step
//! stays open with its choices, and the message says so.

use super::ReviewTranscripts;
use crate::document::load;
use crate::import::csv::{read_csv, CsvTable};
use crate::import::slack::SlackExport;
use crate::import::{chat_file_kind, decode_text, ChatFileKind, ImportError, Transcript};
use crate::text::{count, count_grouped};
use std::fmt;

/// Where the import is: choosing what to import, or confirming how one kind of file is read.
#[derive(Debug, Clone)]
pub enum ImportStep {
    Choose,
    /// A Slack workspace export (zip): pick channels and a time range.
    Slack {
        file: String,
        export: Box<SlackExport>,
    },
    /// A channel's day files (JSON), named and their text.
    DayFiles {
        files: Vec<(String, String)>,
    },
    /// A chat log, from a file or pasted: pick the shape of its lines.
    Log {
        source: String,
        text: String,
    },
    /// A CSV: say which column is which.
    Csv {
        file: String,
        table: CsvTable,
    },
    /// Transcripts downloaded from Debrief earlier ("Download them (JSON)").
    Restore {
        file: String,
        saved: ReviewTranscripts,
    },
}

/// A file as picked or dropped: its name and bytes.
#[derive(Debug, Clone)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The import panel: the step it is at, what went wrong, what the last import did, and
/// whether reading is under way.
#[derive(Debug, Clone)]
pub struct ImportWizard {
    step: ImportStep,
    /// Counts step changes, so a view can redraw a step only when it is another one.
    step_changes: u64,
    problem: Option<String>,
    status: Option<String>,
    working: bool,
}

impl Default for ImportWizard {
    fn default() -> Self {
        Self {
            step: ImportStep::Choose,
            step_changes: 0,
            problem: None,
            status: None,
            working: false,
        }
    }
}

const NOTHING_CHANGED: &str = "Nothing was changed.";

impl ImportWizard {
    pub fn step(&self) -> &ImportStep {
        &self.step
    }

    /// Changes whenever the step does (and only then).
    pub fn step_changes(&self) -> u64 {
        self.step_changes
    }

    /// Whether a step is under way (the panel stays open whatever else says).
    pub fn in_a_step(&self) -> bool {
        !matches!(self.step, ImportStep::Choose)
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// What the last import did, or "Reading…" while one reads.
    pub fn status(&self) -> Option<&str> {
        if self.working {
            Some("Reading\u{2026}")
        } else {
            self.status.as_deref()
        }
    }

    pub fn working(&self) -> bool {
        self.working
    }

    fn go_to(&mut self, step: ImportStep) {
        self.step = step;
        self.step_changes += 1;
    }

    /// Something failed: say so, stay where the import is.
    pub fn fail(&mut self, message: impl Into<String>) {
        self.problem = Some(message.into());
        self.working = false;
    }

    /// Files were picked or dropped; they are being read.
    pub fn reading_files(&mut self) {
        self.working = true;
        self.problem = None;
        self.status = None;
    }

    /// A picked file could not be read (the browser's words, already plain).
    pub fn file_unreadable(&mut self, problem: impl Into<String>) {
        self.fail(problem);
    }

    /// The picked files, read: on to the step their kind needs.
    pub fn files_read(&mut self, files: Vec<PickedFile>) {
        match step_for(files) {
            Ok(step) => {
                self.go_to(step);
                self.working = false;
            }
            Err(problem) => self.fail(problem),
        }
    }

    /// A chat log was pasted.
    pub fn pasted(&mut self, text: String) {
        self.status = None;
        self.problem = None;
        self.go_to(ImportStep::Log {
            source: "pasted chat log".to_owned(),
            text,
        });
    }

    /// Back to choosing, nothing imported.
    pub fn cancel(&mut self) {
        self.problem = None;
        self.go_to(ImportStep::Choose);
    }

    /// The step's choices are made and heavy reading starts.
    pub fn reading(&mut self) {
        self.working = true;
        self.problem = None;
    }

    /// The step read its files: a transcript worth storing is handed back (storing it is
    /// the caller's, reported to [`ImportWizard::stored`]); a failure or a transcript with no
    /// message is said, and nothing is handed back.
    pub fn read(&mut self, result: Result<Transcript, ImportError>) -> Option<Transcript> {
        match result {
            Err(err) => {
                self.fail(format!("{err} {NOTHING_CHANGED}"));
                None
            }
            Ok(transcript) if transcript.messages.is_empty() => {
                self.fail(if transcript.unread.is_empty() {
                    format!("Nothing to import: no messages were found (check the channels and the time range). {NOTHING_CHANGED}")
                } else {
                    format!(
                        "None of the {} lines could be read as messages. Choose another shape. {NOTHING_CHANGED}",
                        transcript.unread.len()
                    )
                });
                None
            }
            Ok(transcript) => Some(transcript),
        }
    }

    /// Storing what [`ImportWizard::read`] handed back ended: `summary` is
    /// [`imported_summary`] of it.
    pub fn stored(&mut self, result: Result<String, impl fmt::Display>) {
        match result {
            Ok(summary) => self.finish(summary),
            Err(err) => self.fail(format!("{err} {NOTHING_CHANGED}")),
        }
    }

    /// Restoring a saved set ended.
    pub fn restored(&mut self, result: Result<RestorePlan, impl fmt::Display>) {
        match result {
            Ok(plan) => self.finish(plan.summary()),
            Err(err) => self.fail(format!("{err} {NOTHING_CHANGED}")),
        }
    }

    fn finish(&mut self, status: String) {
        self.go_to(ImportStep::Choose);
        self.problem = None;
        self.status = Some(status);
        self.working = false;
    }
}

/// Decides the step from the first file's kind (by content first, then by name). Day files
/// come together; of other kinds the first file is the one read.
fn step_for(files: Vec<PickedFile>) -> Result<ImportStep, String> {
    let kinds: Vec<ChatFileKind> = files
        .iter()
        .map(|file| chat_file_kind(&file.name, &file.bytes))
        .collect();
    let Some(first) = files.first() else {
        return Err("No file was picked.".to_owned());
    };
    let name = first.name.clone();
    let not_read = |err: ImportError| format!("{name}: {err} {NOTHING_CHANGED}");
    match kinds[0] {
        ChatFileKind::SlackExport => SlackExport::open(&first.bytes)
            .map(|export| ImportStep::Slack {
                file: name.clone(),
                export: Box::new(export),
            })
            .map_err(not_read),
        // A transcript set Debrief saved is JSON too: recognised by its envelope.
        ChatFileKind::SlackDayFile if files.len() == 1 && looks_like_saved_set(&first.bytes) => {
            let saved = decode_text(&first.bytes)
                .map_err(|err| err.to_string())
                .and_then(|text| load::<ReviewTranscripts>(&text).map_err(|err| err.to_string()));
            match saved {
                Ok(saved) => Ok(ImportStep::Restore {
                    file: name.clone(),
                    saved,
                }),
                // The load path's own words ("made by a newer Debrief", "cut short"), not a
                // JSON parser's.
                Err(reason) => Err(format!(
                    "{name} holds transcripts saved from Debrief, but they cannot be read: {reason} {NOTHING_CHANGED}"
                )),
            }
        }
        ChatFileKind::SlackDayFile => {
            if kinds.iter().any(|kind| *kind != ChatFileKind::SlackDayFile) {
                return Err(
                    "Pick one kind of file at a time: a channel's JSON files together, or one export, CSV or log."
                        .to_owned(),
                );
            }
            files
                .iter()
                .map(|file| decode_text(&file.bytes).map(|text| (file.name.clone(), text)))
                .collect::<Result<Vec<_>, _>>()
                .map(|files| ImportStep::DayFiles { files })
                .map_err(not_read)
        }
        ChatFileKind::Csv => decode_text(&first.bytes)
            .and_then(|text| read_csv(&text))
            .map(|table| ImportStep::Csv {
                file: name.clone(),
                table,
            })
            .map_err(not_read),
        ChatFileKind::TextLog => match decode_text(&first.bytes) {
            Ok(text) if text.trim().is_empty() => Err(not_read(ImportError::Empty)),
            Ok(text) => Ok(ImportStep::Log {
                source: name.clone(),
                text,
            }),
            Err(err) => Err(not_read(err)),
        },
    }
}

/// Whether JSON bytes start like a Debrief transcript set rather than a Slack day file.
fn looks_like_saved_set(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(200)];
    String::from_utf8_lossy(start).contains("\"debrief.transcripts\"")
}

/// What the import did, for the status line.
pub fn imported_summary(transcript: &Transcript) -> String {
    let mut text = format!(
        "Imported {} from {}.",
        count_grouped(transcript.messages.len(), "message", "messages"),
        transcript.source
    );
    if !transcript.unread.is_empty() {
        text.push_str(&format!(
            " {} fit no message shape; they are listed under the transcript.",
            count(transcript.unread.len(), "line", "lines")
        ));
    }
    text
}

/// Restoring a saved set: which of its transcripts are new here (by id) and how many are
/// here already and stay as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestorePlan {
    /// The new transcripts' sources, as the list to confirm shows them.
    pub new: Vec<String>,
    pub already: usize,
}

impl RestorePlan {
    pub fn of(saved: &ReviewTranscripts, here: Option<&ReviewTranscripts>) -> Self {
        let is_here = |id: &str| here.is_some_and(|here| here.find(id).is_some());
        let new: Vec<String> = saved
            .transcripts
            .iter()
            .filter(|stored| !is_here(&stored.id))
            .map(|stored| stored.transcript.source.clone())
            .collect();
        Self {
            already: saved.transcripts.len() - new.len(),
            new,
        }
    }

    /// The confirming button's words.
    pub fn action(&self) -> String {
        format!(
            "Restore {}",
            count(self.new.len(), "transcript", "transcripts")
        )
    }

    fn summary(&self) -> String {
        let mut text = format!(
            "Restored {}",
            count(self.new.len(), "transcript", "transcripts")
        );
        if self.already > 0 {
            text.push_str(&format!(
                "; {} were here already and were left as they are",
                self.already
            ));
        }
        text.push('.');
        text
    }
}

#[cfg(test)]
mod tests;
