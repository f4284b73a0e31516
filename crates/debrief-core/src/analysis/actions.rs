//! Action items: which are overdue, and a CSV export that issue trackers import.
//!
//! The CSV follows RFC 4180 (CRLF line endings; fields quoted when they hold a comma, a
//! quote, CR or LF; inner quotes doubled), which Jira's CSV importer, Linear's importer and
//! the usual CSV-to-GitHub-issues tools all accept. Column names are plain so they can be
//! mapped by hand in any of those importers.
//!
//! The file will also be opened in spreadsheets, which treat a cell that starts with `=`,
//! `+`, `-`, `@`, tab or CR as a formula ("CSV injection"). Action text is free text, possibly
//! pasted from chat, so every such cell gets a leading apostrophe: spreadsheets then show it
//! as text and never evaluate it. The cost is a visible apostrophe in those few cells after a
//! tracker import, which is the safer side to err on.

use crate::model::{ActionItem, ActionStatus, EntityId, Review};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Whether an action is past its due date and still to be done. Done and won't-do actions are
/// never overdue, and neither is one without a due date. Due today is not yet overdue.
pub fn is_overdue(action: &ActionItem, today: NaiveDate) -> bool {
    matches!(action.status, ActionStatus::Open | ActionStatus::InProgress)
        && action.due.is_some_and(|due| due < today)
}

/// The CSV header, in column order.
pub const ACTIONS_CSV_HEADER: [&str; 9] = [
    "Summary",
    "Description",
    "Owner",
    "Due date",
    "Kind",
    "Status",
    "Tracker link",
    "Contributing factors",
    "Review",
];

/// Longest summary, in characters, including the ellipsis when it is cut. Short enough for
/// any tracker's title field and to read at a glance.
const SUMMARY_MAX_CHARS: usize = 80;

/// Used when an action has no description: trackers refuse rows with an empty summary.
const EMPTY_SUMMARY: &str = "Untitled action";

/// Every action of the review as CSV, one row each after the header, in the review's order
/// (all statuses: the Status column says which are finished).
pub fn actions_csv(review: &Review) -> String {
    let factors: HashMap<&EntityId, &str> = review
        .factors
        .iter()
        .map(|f| (&f.id, f.description.trim()))
        .collect();
    let title = review.display_title();

    let mut out = String::new();
    write_record(&mut out, ACTIONS_CSV_HEADER);
    for action in &review.actions {
        let due = action
            .due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        // A link to a factor that is not in the review cannot happen in a valid review;
        // skipping it keeps the export working on one that is mid-repair.
        let linked: Vec<&str> = action
            .factors
            .iter()
            .filter_map(|id| factors.get(id).copied())
            .filter(|d| !d.is_empty())
            .collect();
        let summary = action_summary(&action.description);
        write_record(
            &mut out,
            [
                summary.as_str(),
                action.description.trim(),
                action.owner.trim(),
                &due,
                action.kind.label(),
                action.status.label(),
                action.tracker_link.as_deref().unwrap_or_default().trim(),
                &linked.join("; "),
                title,
            ],
        );
    }
    out
}

/// A tracker title for an action: the first non-blank line of its description, cut on a word
/// boundary with "…" when it is longer than [`SUMMARY_MAX_CHARS`].
pub fn action_summary(description: &str) -> String {
    let line = description
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(EMPTY_SUMMARY);
    // Counting chars, not bytes: a byte limit would cut "é" or "火" in half. (A user-perceived
    // character made of several code points could still be split by a hard cut; the word
    // boundary makes that rare, and the result is always valid text.)
    if line.chars().count() <= SUMMARY_MAX_CHARS {
        return line.to_owned();
    }
    // Keep at most SUMMARY_MAX_CHARS - 1 characters, leaving room for the ellipsis.
    let room = line
        .char_indices()
        .nth(SUMMARY_MAX_CHARS - 1)
        .map_or(line.len(), |(i, _)| i);
    let head = &line[..room];
    let cut = if line[room..].starts_with(char::is_whitespace) {
        // The kept part already ends at the end of a word.
        head
    } else {
        // Back up to the last space, if that keeps a reasonable part of the line; text without
        // spaces (a long URL, Chinese or Japanese) is cut at the character instead.
        match head.rfind(char::is_whitespace) {
            Some(space) if head[..space].chars().count() >= SUMMARY_MAX_CHARS / 2 => &head[..space],
            _ => head,
        }
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{cut}…")
}

/// Appends one CSV record, CRLF-terminated.
fn write_record<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Appends one cell: defused against formula evaluation, then quoted if RFC 4180 needs it.
fn write_cell(out: &mut String, value: &str) {
    let guard = value.starts_with(FORMULA_TRIGGERS);
    let needs_quotes = value.contains([',', '"', '\r', '\n']);
    if needs_quotes {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if needs_quotes {
        // Only quotes need escaping inside a quoted field; CR and LF are kept as written.
        for c in value.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionKind, ContributingFactor};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cell(value: &str) -> String {
        let mut out = String::new();
        write_cell(&mut out, value);
        out
    }

    /// A minimal RFC 4180 reader, to check that what we write reads back as we meant it.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') if field.is_empty() => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut field)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "bare CR outside quotes");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                (false, '\n') => panic!("bare LF outside quotes"),
                (false, c) => field.push(c),
            }
        }
        assert!(!quoted, "unterminated quote");
        assert!(field.is_empty() && record.is_empty(), "missing final CRLF");
        records
    }

    fn review_with(actions: Vec<ActionItem>) -> Review {
        Review {
            title: "  Ingest brownout  ".into(),
            factors: vec![
                ContributingFactor {
                    id: EntityId::new("f1"),
                    description: "Leak check skips dependencies".into(),
                    ..Default::default()
                },
                ContributingFactor {
                    id: EntityId::new("f2"),
                    description: "Telemetry lost when processes crash".into(),
                    ..Default::default()
                },
            ],
            actions,
            ..Default::default()
        }
    }

    #[test]
    fn overdue_means_past_due_and_unfinished() {
        let today = date(2024, 3, 10);
        let mut action = ActionItem {
            due: Some(date(2024, 3, 9)),
            ..Default::default()
        };
        for status in ActionStatus::ALL {
            action.status = status;
            let expected = matches!(status, ActionStatus::Open | ActionStatus::InProgress);
            assert_eq!(is_overdue(&action, today), expected, "{status:?}");
        }
        action.status = ActionStatus::Open;
        action.due = Some(today);
        assert!(!is_overdue(&action, today), "due today is not overdue yet");
        action.due = Some(date(2024, 3, 11));
        assert!(!is_overdue(&action, today));
        action.due = None;
        assert!(!is_overdue(&action, today));
        action.due = Some(date(2023, 1, 1));
        action.status = ActionStatus::Done;
        assert!(!is_overdue(&action, today));
        action.status = ActionStatus::WontDo;
        assert!(!is_overdue(&action, today));
    }

    #[test]
    fn empty_review_gives_only_the_header() {
        assert_eq!(
            actions_csv(&Review::default()),
            "Summary,Description,Owner,Due date,Kind,Status,Tracker link,Contributing factors,Review\r\n"
        );
    }

    #[test]
    fn rows_carry_every_column() {
        let review = review_with(vec![ActionItem {
            id: EntityId::new("a1"),
            description: "Alert on process restarts\nPage when restarts exceed the deploy rate."
                .into(),
            owner: "Dana".into(),
            due: Some(date(2024, 4, 2)),
            kind: ActionKind::LearnOrTrain,
            status: ActionStatus::InProgress,
            tracker_link: Some("https://tracker.example/ING-42".into()),
            factors: vec![EntityId::new("f2"), EntityId::new("f1")],
        }]);
        let csv = actions_csv(&review);
        assert!(csv.ends_with("\r\n"));
        let rows = parse_csv(&csv);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], ACTIONS_CSV_HEADER);
        assert_eq!(
            rows[1],
            [
                "Alert on process restarts",
                "Alert on process restarts\nPage when restarts exceed the deploy rate.",
                "Dana",
                "2024-04-02",
                "Learn or train",
                "In progress",
                "https://tracker.example/ING-42",
                "Telemetry lost when processes crash; Leak check skips dependencies",
                "Ingest brownout",
            ]
        );
    }

    #[test]
    fn missing_values_leave_cells_empty() {
        let review = Review {
            actions: vec![ActionItem {
                factors: vec![EntityId::new("gone")],
                ..Default::default()
            }],
            ..Default::default()
        };
        let rows = parse_csv(&actions_csv(&review));
        assert_eq!(
            rows[1],
            [
                EMPTY_SUMMARY,
                "",
                "",
                "",
                "Prevent",
                "Open",
                "",
                "",
                "Untitled review"
            ]
        );
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        assert_eq!(cell("plain text"), "plain text");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("\"\""), "\"\"\"\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(cell(""), "");

        let review = review_with(vec![ActionItem {
            description: "Retry, with \"backoff\"\r\nthen alert".into(),
            owner: "O'Brien, Pat".into(),
            ..Default::default()
        }]);
        let rows = parse_csv(&actions_csv(&review));
        assert_eq!(rows[1][0], "Retry, with \"backoff\"");
        assert_eq!(rows[1][1], "Retry, with \"backoff\"\r\nthen alert");
        assert_eq!(rows[1][2], "O'Brien, Pat");
    }

    #[test]
    fn formula_triggers_are_defused() {
        for trigger in FORMULA_TRIGGERS {
            let value = format!("{trigger}HYPERLINK(\"http://evil.example\")");
            let written = cell(&value);
            let read = &parse_csv(&format!("{written}\r\n"))[0][0];
            assert_eq!(*read, format!("'{value}"), "trigger {trigger:?}");
        }
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("+1 555"), "'+1 555");
        // Quoting and the guard together: the apostrophe goes inside the quotes.
        assert_eq!(cell("=A1,B1"), "\"'=A1,B1\"");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\"'\rx\"");
        // Triggers later in the cell are harmless.
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("2024-01-01"), "2024-01-01");

        // Every column of the export is guarded, whatever the field.
        let review = Review {
            title: "=cmd|' /C calc'!A0".into(),
            factors: vec![ContributingFactor {
                id: EntityId::new("f"),
                description: "+SUM(1)".into(),
                ..Default::default()
            }],
            actions: vec![ActionItem {
                description: "=2+3".into(),
                owner: "@dana".into(),
                factors: vec![EntityId::new("f")],
                ..Default::default()
            }],
            ..Default::default()
        };
        let rows = parse_csv(&actions_csv(&review));
        let row = &rows[1];
        assert_eq!(row[0], "'=2+3");
        assert_eq!(row[1], "'=2+3");
        assert_eq!(row[2], "'@dana");
        assert_eq!(row[7], "'+SUM(1)");
        assert_eq!(row[8], "'=cmd|' /C calc'!A0");
    }

    #[test]
    fn summary_is_the_first_line() {
        assert_eq!(
            action_summary("Add an alert\nDetails follow"),
            "Add an alert"
        );
        assert_eq!(
            action_summary("\n   \n  Add an alert  \nmore"),
            "Add an alert"
        );
        assert_eq!(action_summary(""), EMPTY_SUMMARY);
        assert_eq!(action_summary("  \n "), EMPTY_SUMMARY);
        let exactly = "x".repeat(SUMMARY_MAX_CHARS);
        assert_eq!(action_summary(&exactly), exactly);
    }

    #[test]
    fn long_summaries_are_cut_on_a_word_boundary() {
        let line = "Make the leak check cover third-party dependencies as well as our own code, \
                    and report what it finds in the deploy pipeline";
        let cut = action_summary(line);
        assert_eq!(
            cut,
            "Make the leak check cover third-party dependencies as well as our own code, and…"
        );
        assert!(cut.chars().count() <= SUMMARY_MAX_CHARS);
        let kept = cut.trim_end_matches('…');
        assert!(line.starts_with(kept));
        assert!(line[kept.len()..].starts_with(' '));

        // Punctuation left dangling at the cut goes: "word,…" reads as a glitch.
        let words = "word ".repeat(15);
        let words = words.trim_end(); // 74 characters
        let line = format!("{words}, tail and more words beyond the limit");
        assert_eq!(action_summary(&line), format!("{words}…"));
    }

    #[test]
    fn summaries_cut_multibyte_text_on_characters() {
        // Two-byte letters with spaces: cut on a space, counted in characters.
        let words = "Überprüfe die Äußerungen über Störungsmeldungen während größerer Änderungen \
                     am Übertragungsweg";
        let cut = action_summary(words);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= SUMMARY_MAX_CHARS, "{cut}");
        let kept = cut.trim_end_matches('…');
        assert!(words.starts_with(kept));
        assert!(
            words[kept.len()..].starts_with(' '),
            "cut inside a word: {cut}"
        );

        // No spaces at all (Japanese): cut at a character, never inside one.
        let japanese = "障害対応".repeat(30);
        let cut = action_summary(&japanese);
        assert_eq!(cut.chars().count(), SUMMARY_MAX_CHARS);
        assert_eq!(
            cut,
            format!("{}…", japanese.chars().take(79).collect::<String>())
        );

        // Emoji (four bytes each) right at the limit.
        let emoji = format!("{} 🔥🔥🔥🔥", "a".repeat(77));
        let cut = action_summary(&emoji);
        assert!(cut.chars().count() <= SUMMARY_MAX_CHARS);
        assert!(cut.ends_with('…'));
    }
}
