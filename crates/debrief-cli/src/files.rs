//! Reading review files and writing what the commands produce. All file access is here, so
//! every command words its failures the same way.

use crate::error::CliError;
use chrono::{DateTime, Utc};
use debrief_core::document;
use debrief_core::model::Review;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::SystemTime;

/// Reads one review file through the one load path (parse → migrate → validate).
pub fn read_review(path: &Path) -> Result<Review, CliError> {
    read_document(path)
}

/// Any Debrief document (a review, a meta-review) through the one load path.
pub fn read_document<D: document::Document>(path: &Path) -> Result<D, CliError> {
    let text = fs::read_to_string(path).map_err(|err| CliError::io("read", path, err))?;
    document::load::<D>(&text).map_err(|source| CliError::Load {
        path: path.to_owned(),
        source,
    })
}

/// Writes `text` to `path`, or to standard output when there is no path.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<(), CliError> {
    match path {
        Some(path) => write_file(path, text),
        None => write_stdout(text),
    }
}

pub fn write_file(path: &Path, text: &str) -> Result<(), CliError> {
    fs::write(path, text).map_err(|err| CliError::io("write", path, err))
}

/// Standard output without `print!`, which panics when the reader goes away
/// (`debrief render x.json | head`). A closed pipe is not our error: stop quietly.
pub fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(CliError::Stdout(err)),
    }
}

/// The "generated at" time printed in reports. `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) overrides the clock, so a CI job that commits its output
/// only produces a diff when a review changed. An unusable value is ignored, not fatal.
pub fn generated_at() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse::<i64>().ok())
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        .unwrap_or_else(|| DateTime::<Utc>::from(SystemTime::now()))
}
