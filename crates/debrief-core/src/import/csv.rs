//! A CSV of alerts or events (a PagerDuty incident log, a Datadog event export, a
//! spreadsheet someone kept during the incident), read in two steps: [`read_csv`] gives the
//! table, the person confirms which column is which ([`guess_mapping`] proposes), and
//! [`transcript_from_csv`] turns the rows into messages.
//!
//! Cells are kept as plain text. A formula such as `=cmd|' /C calc'!A0` or markup such as
//! `<script>` is only dangerous to a spreadsheet or a page that interprets it; renderers
//! escape text, so nothing here rewrites cells.

use super::{ImportError, Message, MessageKind, Transcript};
use crate::model::Timestamp;
use crate::time::{parse_time_input, TimeZones, Zone};
use crate::validate::check_link;
use chrono::{DateTime, FixedOffset, Utc};

/// A CSV file as a table: the first non-blank record is the header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CsvTable {
    /// One per column; a blank or missing header is named "Column N".
    pub headers: Vec<String>,
    /// Every row as wide as `headers`, short rows padded with empty cells. Row `i` is line
    /// `i + 2` as a spreadsheet numbers rows (the header is line 1).
    pub rows: Vec<Vec<String>>,
}

/// Reads CSV as RFC 4180 describes it: quoted fields with `""` for a quote and line breaks
/// inside, CRLF or LF line ends, a leading byte order mark ignored. Read leniently, as
/// spreadsheets do: a stray quote inside a field is kept as a character, an unclosed quote
/// runs to the end of the file. Semicolon- and tab-separated files (what spreadsheets in
/// many locales save as "CSV") are recognised from the header line.
pub fn read_csv(text: &str) -> Result<CsvTable, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = parse_records(text, sniff_delimiter(text));
    // Blank lines at the ends are not rows; blank lines between rows stay, so row numbers
    // match what a spreadsheet shows.
    while records.last().is_some_and(|record| is_blank(record)) {
        records.pop();
    }
    let first = records
        .iter()
        .position(|record| !is_blank(record))
        .ok_or(ImportError::Empty)?;
    let mut records = records.into_iter().skip(first);
    let headers = records.next().ok_or(ImportError::Empty)?;
    let rows: Vec<Vec<String>> = records.collect();
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(square(headers, rows))
}

/// Which column holds what. Indices into [`CsvTable::headers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnMapping {
    pub time: usize,
    pub who: Option<usize>,
    pub text: usize,
    pub kind: Option<usize>,
    pub link: Option<usize>,
}

/// A mapping proposed from the header names, or `None` when no column looks like a time or
/// none like text. Each column is used for one role at most.
pub fn guess_mapping(table: &CsvTable) -> Option<ColumnMapping> {
    let mut used = Vec::new();
    let mut pick = |names: &[&str]| {
        let column = best_column(&table.headers, names, &used)?;
        used.push(column);
        Some(column)
    };
    let time = pick(TIME_NAMES)?;
    let text = pick(TEXT_NAMES)?;
    Some(ColumnMapping {
        time,
        text,
        who: pick(WHO_NAMES),
        kind: pick(KIND_NAMES),
        link: pick(LINK_NAMES),
    })
}

/// The rows as messages, in time order. `zone` (an IANA name) is the zone of times written
/// without an offset; a zone the host does not know is read as UTC. Rows with every cell
/// blank are skipped; any other row needs a readable time.
pub fn transcript_from_csv(
    table: &CsvTable,
    mapping: &ColumnMapping,
    zone: &str,
    zones: &dyn TimeZones,
    source: &str,
) -> Result<Transcript, ImportError> {
    check_columns(table, mapping)?;
    let zone = Zone::find_or_utc(zones, zone);
    let mut transcript = Transcript {
        source: source.to_owned(),
        ..Transcript::default()
    };
    for (index, row) in table.rows.iter().enumerate() {
        if is_blank(row) {
            continue;
        }
        let line = index + 2;
        transcript
            .messages
            .push(row_message(row, mapping, &zone, line)?);
    }
    if transcript.messages.is_empty() {
        return Err(ImportError::Empty);
    }
    transcript.sort();
    Ok(transcript)
}

// ---------------------------------------------------------------------------------------
// Reading records.

/// The separator of the header line: whichever of comma, semicolon and tab appears most
/// outside quotes. Comma when none does, or on a tie, as RFC 4180 says.
fn sniff_delimiter(text: &str) -> char {
    let mut counts = [(',', 0), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    // `max_by_key` keeps the last of equal maxima; reversed, comma wins ties.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map_or(',', |(delimiter, _)| *delimiter)
}

/// Splits text into records of fields. Line breaks inside quoted fields become `\n`
/// whatever the file used, so text reads the same from any platform.
fn parse_records(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    // Whether the current field has begun; a quote is special only as its first character.
    let mut started = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\r' => {
                    chars.next_if_eq(&'\n');
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if !started => {
                quoted = true;
                started = true;
            }
            '\r' | '\n' => {
                if c == '\r' {
                    chars.next_if_eq(&'\n');
                }
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                started = false;
            }
            _ if c == delimiter => {
                record.push(std::mem::take(&mut field));
                started = false;
            }
            _ => {
                field.push(c);
                started = true;
            }
        }
    }
    // The last record, when the file does not end with a line break.
    if started || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

fn is_blank(record: &[String]) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

/// Pads the header and every row to the widest row, so no cell is lost and every column
/// has a name to pick in the mapping step.
fn square(mut headers: Vec<String>, mut rows: Vec<Vec<String>>) -> CsvTable {
    let width = rows
        .iter()
        .map(Vec::len)
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    headers.resize(width, String::new());
    for (index, header) in headers.iter_mut().enumerate() {
        let trimmed = header.trim();
        *header = if trimmed.is_empty() {
            format!("Column {}", index + 1)
        } else {
            trimmed.to_owned()
        };
    }
    for row in &mut rows {
        row.resize(width, String::new());
    }
    CsvTable { headers, rows }
}

// ---------------------------------------------------------------------------------------
// Guessing the mapping from header names.

// Header names for each role, most telling first. Compared without case, spaces or
// punctuation ("Created At" is "createdat", "@timestamp" is "timestamp").
const TIME_NAMES: &[&str] = &[
    "timestamp",
    "time",
    "date",
    "datetime",
    "created",
    "createdat",
    "createdon",
    "occurredat",
    "eventtime",
];
const WHO_NAMES: &[&str] = &[
    "who",
    "author",
    "user",
    "username",
    "assignee",
    "assignedto",
    "assigned",
    "source",
    "sender",
    "from",
];
const TEXT_NAMES: &[&str] = &[
    "text",
    "message",
    "msg",
    "summary",
    "description",
    "title",
    "content",
    "body",
];
const KIND_NAMES: &[&str] = &[
    "kind",
    "type",
    "alerttype",
    "eventtype",
    "severity",
    "status",
    "level",
    "priority",
];
const LINK_NAMES: &[&str] = &["link", "url", "href", "htmlurl", "permalink"];

/// The unused column whose header best matches `names`: a whole-name match beats a
/// matching word ("Created At" for "created"), then the earlier name in `names`, then the
/// leftmost column.
fn best_column(headers: &[String], names: &[&str], used: &[usize]) -> Option<usize> {
    headers
        .iter()
        .enumerate()
        .filter(|(index, _)| !used.contains(index))
        .filter_map(|(index, header)| {
            header_match(header, names).map(|(quality, rank)| ((quality, rank, index), index))
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, index)| index)
}

/// (0 for the whole name, 1 for one of its words; position in `names`).
fn header_match(header: &str, names: &[&str]) -> Option<(u8, usize)> {
    let compact: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(rank) = names.iter().position(|name| *name == compact) {
        return Some((0, rank));
    }
    let words: Vec<String> = header
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    names
        .iter()
        .position(|name| words.iter().any(|word| word == name))
        .map(|rank| (1, rank))
}

// ---------------------------------------------------------------------------------------
// Rows into messages.

fn check_columns(table: &CsvTable, mapping: &ColumnMapping) -> Result<(), ImportError> {
    let width = table.headers.len();
    let roles = [
        ("time", Some(mapping.time)),
        ("text", Some(mapping.text)),
        ("who", mapping.who),
        ("kind", mapping.kind),
        ("link", mapping.link),
    ];
    match roles
        .iter()
        .find(|(_, column)| column.is_some_and(|c| c >= width))
    {
        Some((role, _)) => Err(ImportError::MissingColumn((*role).to_owned())),
        None => Ok(()),
    }
}

fn row_message(
    row: &[String],
    mapping: &ColumnMapping,
    zone: &Zone,
    line: usize,
) -> Result<Message, ImportError> {
    // Columns were checked against the header width, and rows are padded to it.
    let cell = |column: usize| row.get(column).map_or("", |cell| cell.trim());
    let optional = |column: Option<usize>| column.map_or("", cell);
    let time = cell(mapping.time);
    let at = read_time(time, zone).ok_or_else(|| ImportError::BadTime {
        line,
        text: time.to_owned(),
    })?;
    let id = format!("csv:{line}");
    Ok(Message {
        id: id.clone(),
        at,
        author: optional(mapping.who).to_owned(),
        author_id: None,
        text: with_link(cell(mapping.text), optional(mapping.link)),
        thread: None,
        kind: kind_of(optional(mapping.kind)),
        channel: None,
        edited: false,
        deleted: false,
        files: Vec::new(),
        source_ref: id,
    })
}

/// The text, and the link on a line of its own when it is a web link. Other schemes
/// (`javascript:`, `file:`) are left out: they would become clickable wherever the text is
/// shown as links.
fn with_link(text: &str, link: &str) -> String {
    match check_link(link) {
        Ok(link) if text.is_empty() => link,
        Ok(link) => format!("{text}\n{link}"),
        Err(_) => text.to_owned(),
    }
}

/// Words in a kind, type, severity or status cell that mean an alert fired.
const ALERT_WORDS: [&str; 9] = [
    "alert", "page", "incident", "crit", "warn", "error", "fatal", "emerg", "trigger",
];

fn kind_of(value: &str) -> MessageKind {
    let value = value.to_lowercase();
    if ALERT_WORDS.iter().any(|word| value.contains(word)) {
        MessageKind::Alert
    } else {
        MessageKind::Message
    }
}

/// A time as exports write them: anything [`parse_time_input`] reads (RFC 3339,
/// `2019-11-06 14:03:12`, with or without a zone), RFC 2822 (mail-style), or a Unix epoch
/// in seconds or milliseconds. Epoch times are shown in `zone`.
fn read_time(text: &str, zone: &Zone) -> Option<Timestamp> {
    if let Some(utc) = read_epoch(text) {
        let offset = FixedOffset::east_opt(zone.offset_at(utc).seconds)?;
        return Some(utc.with_timezone(&offset));
    }
    parse_time_input(text, zone, None)
        .ok()
        .or_else(|| DateTime::parse_from_rfc2822(text).ok())
}

/// Seconds since 1970 (with an optional fraction, as Slack writes them) or milliseconds.
/// Told apart by size; numbers too small to be a time after 1973 are not read as one, so
/// an "incident number" column mapped by mistake fails loudly rather than landing in 1970.
fn read_epoch(text: &str) -> Option<DateTime<Utc>> {
    const MIN_SECONDS: i64 = 100_000_000; // 1973-03-03
    const MIN_MILLIS: i64 = 100_000_000_000; // 1973 in milliseconds, year 5138 in seconds
    const MAX_MILLIS: i64 = 100_000_000_000_000; // year 5138 in milliseconds

    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 15 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let value: i64 = whole.parse().ok()?;
    match value {
        MIN_MILLIS..MAX_MILLIS => DateTime::from_timestamp_millis(value),
        MIN_SECONDS..MIN_MILLIS => DateTime::from_timestamp(value, nanoseconds(fraction)),
        _ => None,
    }
}

/// The digits after a decimal point as nanoseconds ("0002" is 200,000 ns).
fn nanoseconds(fraction: &str) -> u32 {
    fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0, |total, digit| total * 10 + u32::from(digit - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::UtcOnly;
    use proptest::prelude::*;

    fn table(text: &str) -> CsvTable {
        read_csv(text).unwrap()
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn import(text: &str) -> Result<Transcript, ImportError> {
        let table = table(text);
        let mapping = guess_mapping(&table).expect("the headers name a time and a text");
        transcript_from_csv(&table, &mapping, "UTC", &UtcOnly, "events.csv")
    }

    #[test]
    fn quoted_fields_with_commas_quotes_and_line_breaks() {
        let t = table(
            "time,text\n\"2019-11-06 14:03\",\"restarted, then \"\"fixed\"\"\"\n14:04,\"two\r\nlines\nhere\"\n",
        );
        assert_eq!(t.headers, ["time", "text"]);
        assert_eq!(
            t.rows,
            [
                strings(&["2019-11-06 14:03", "restarted, then \"fixed\""]),
                strings(&["14:04", "two\nlines\nhere"]),
            ]
        );
        // A quote inside an unquoted field is a character; text after a closing quote stays.
        let loose = table("a,b\nsay \"hi\",\"x\"y\n");
        assert_eq!(loose.rows, [strings(&["say \"hi\"", "xy"])]);
        // An unclosed quote runs to the end rather than losing text.
        let open = table("a,b\n1,\"never closed\n2,3");
        assert_eq!(open.rows, [strings(&["1", "never closed\n2,3"])]);
    }

    #[test]
    fn line_ends_and_byte_order_mark() {
        let expected = CsvTable {
            headers: strings(&["time", "text"]),
            rows: vec![strings(&["1", "a"]), strings(&["2", "b"])],
        };
        for text in [
            "time,text\r\n1,a\r\n2,b\r\n",
            "time,text\n1,a\n2,b",
            "\u{feff}time,text\n1,a\n2,b\n",
            "time,text\r1,a\r2,b",
        ] {
            assert_eq!(table(text), expected, "{text:?}");
        }
    }

    #[test]
    fn ragged_rows_are_padded_and_nothing_is_lost() {
        let t = table("time,text,who\n1,a\n2,b,c,extra\n3\n");
        assert_eq!(t.headers, ["time", "text", "who", "Column 4"]);
        assert_eq!(
            t.rows,
            [
                strings(&["1", "a", "", ""]),
                strings(&["2", "b", "c", "extra"]),
                strings(&["3", "", "", ""]),
            ]
        );
        assert_eq!(
            table(" time , ,text\n1,2,3").headers,
            ["time", "Column 2", "text"]
        );
    }

    #[test]
    fn blank_lines_at_the_ends_are_not_rows() {
        let t = table("\n\ntime,text\n1,a\n\n2,b\n\n\n");
        assert_eq!(t.headers, ["time", "text"]);
        // The blank line between rows stays, so rows keep their spreadsheet numbers.
        assert_eq!(t.rows.len(), 3);
        assert!(is_blank(&t.rows[1]));
    }

    #[test]
    fn nothing_to_read_is_empty() {
        for text in [
            "",
            "\u{feff}",
            "\n\r\n",
            "time,text",
            "time,text\r\n\r\n",
            ",,\n,,",
        ] {
            assert_eq!(read_csv(text), Err(ImportError::Empty), "{text:?}");
        }
    }

    #[test]
    fn semicolon_and_tab_separated_files() {
        assert_eq!(
            table("time;text\n14:03;\"a, b\"").rows,
            [strings(&["14:03", "a, b"])]
        );
        assert_eq!(
            table("time\ttext\n14:03\ta;b").rows,
            [strings(&["14:03", "a;b"])]
        );
        // Separators inside quoted headers do not count.
        assert_eq!(
            table("\"time; utc\",\"text; body\",x\n1,2,3").headers,
            ["time; utc", "text; body", "x"]
        );
    }

    #[test]
    fn mapping_for_pagerduty_like_headers() {
        let t = table(
            "Incident ID,Incident Number,Title,Description,Status,Urgency,Service Name,Created At,Resolved At,Assigned To,HTML URL\n\
             P1,42,API latency,API latency high,triggered,high,api,2019-11-06T11:00:00Z,,alice,https://x.pagerduty.com/incidents/P1\n",
        );
        assert_eq!(
            guess_mapping(&t),
            Some(ColumnMapping {
                time: 7,
                who: Some(9),
                text: 3,
                kind: Some(4),
                link: Some(10),
            })
        );
    }

    #[test]
    fn mapping_for_datadog_like_headers() {
        let t = table(
            "Date,Title,Message,Source,Alert Type,Priority,Host,URL\n\
             2019-11-06 11:00:00 UTC,[P1] Triggered,Memory high on api-3,monitor,error,normal,api-3,https://app.datadoghq.com/event/1\n",
        );
        assert_eq!(
            guess_mapping(&t),
            Some(ColumnMapping {
                time: 0,
                who: Some(3),
                text: 2,
                kind: Some(4),
                link: Some(7),
            })
        );
        let logs = table("@timestamp,host,service,status,message\n2019-11-06T11:00:00Z,a,b,warn,c");
        assert_eq!(
            guess_mapping(&logs),
            Some(ColumnMapping {
                time: 0,
                who: None,
                text: 4,
                kind: Some(3),
                link: None,
            })
        );
    }

    #[test]
    fn no_mapping_without_a_time_and_a_text() {
        assert_eq!(guess_mapping(&table("name,comment\na,b")), None);
        assert_eq!(guess_mapping(&table("time,host\na,b")), None);
        // One column cannot be both.
        assert_eq!(guess_mapping(&table("timestamp\n1")), None);
    }

    #[test]
    fn rows_become_messages_in_time_order() {
        let transcript = import(
            "time,who,message,type,url\n\
             2019-11-06 14:05,bob,rolled back,note,\n\
             2019-11-06T14:03:00Z,PagerDuty,API latency,Alert triggered,https://pd.example/i/1\n\
             ,,,,\n\
             2019-11-06 14:04 +01:00,alice,on it,comment,javascript:alert(1)\n",
        )
        .unwrap();
        assert_eq!(transcript.source, "events.csv");
        let read: Vec<(String, &str, &str, MessageKind, &str)> = transcript
            .messages
            .iter()
            .map(|m| {
                (
                    m.at.to_rfc3339(),
                    m.author.as_str(),
                    m.text.as_str(),
                    m.kind,
                    m.id.as_str(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "2019-11-06T14:04:00+01:00".to_owned(),
                    "alice",
                    // The javascript: link is left out.
                    "on it",
                    MessageKind::Message,
                    "csv:5"
                ),
                (
                    "2019-11-06T14:03:00+00:00".to_owned(),
                    "PagerDuty",
                    "API latency\nhttps://pd.example/i/1",
                    MessageKind::Alert,
                    "csv:3"
                ),
                (
                    "2019-11-06T14:05:00+00:00".to_owned(),
                    "bob",
                    "rolled back",
                    MessageKind::Message,
                    "csv:2"
                ),
            ]
        );
        assert_eq!(transcript.messages[1].source_ref, "csv:3");
    }

    #[test]
    fn kinds_from_the_kind_column() {
        for (value, kind) in [
            ("alert", MessageKind::Alert),
            ("Page", MessageKind::Alert),
            ("incident opened", MessageKind::Alert),
            ("CRITICAL", MessageKind::Alert),
            ("warning", MessageKind::Alert),
            ("ERROR", MessageKind::Alert),
            ("resolved", MessageKind::Message),
            ("info", MessageKind::Message),
            ("", MessageKind::Message),
        ] {
            assert_eq!(kind_of(value), kind, "{value}");
        }
    }

    #[test]
    fn epoch_seconds_and_milliseconds() {
        let transcript = import(
            "time,text\n1573038000,seconds\n1573038060123,milliseconds\n1573038120.000200,slack ts\n",
        )
        .unwrap();
        let times: Vec<String> = transcript
            .messages
            .iter()
            .map(|m| m.at.to_rfc3339())
            .collect();
        assert_eq!(
            times,
            [
                "2019-11-06T11:00:00+00:00",
                "2019-11-06T11:01:00.123+00:00",
                "2019-11-06T11:02:00.000200+00:00",
            ]
        );
    }

    #[cfg(feature = "bundled-zones")]
    #[test]
    fn times_are_read_and_shown_in_the_zone() {
        let t = table("time,text\n2019-11-06 03:00,local\n1573038000,epoch\n");
        let mapping = guess_mapping(&t).unwrap();
        let zones = crate::time::BundledZones;
        let transcript =
            transcript_from_csv(&t, &mapping, "America/Los_Angeles", &zones, "x").unwrap();
        let times: Vec<String> = transcript
            .messages
            .iter()
            .map(|m| m.at.to_rfc3339())
            .collect();
        assert_eq!(
            times,
            ["2019-11-06T03:00:00-08:00", "2019-11-06T03:00:00-08:00"]
        );
    }

    #[test]
    fn a_bad_time_names_its_line() {
        // Line numbers count records, as a spreadsheet does: the quoted line break in row 2
        // does not shift row 3.
        let err =
            import("time,text\n2019-11-06 14:03,\"multi\nline\"\nyesterday,oops\n").unwrap_err();
        assert_eq!(
            err,
            ImportError::BadTime {
                line: 3,
                text: "yesterday".to_owned()
            }
        );
        for bad in [
            "42",
            "14:03",
            "",
            "1e9",
            "-1573038000",
            "99999999999999999999",
        ] {
            let text = format!("time,text\n{bad},x,\n");
            assert!(
                matches!(import(&text), Err(ImportError::BadTime { line: 2, .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn hostile_cells_stay_plain_text() {
        let transcript = import(
            "time,who,text\n\
             2019-11-06T14:03:00Z,=HYPERLINK(\"http://evil\"),\"=cmd|' /C calc'!A0\"\n\
             2019-11-06T14:04:00Z,<img src=x onerror=alert(1)>,<script>alert(1)</script>\n\
             2019-11-06T14:05:00Z,@SUM(1+1),+1-1\n",
        )
        .unwrap();
        let cells: Vec<(&str, &str)> = transcript
            .messages
            .iter()
            .map(|m| (m.author.as_str(), m.text.as_str()))
            .collect();
        assert_eq!(
            cells,
            [
                ("=HYPERLINK(\"http://evil\")", "=cmd|' /C calc'!A0"),
                ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>"),
                ("@SUM(1+1)", "+1-1"),
            ]
        );
    }

    #[test]
    fn mappings_must_name_existing_columns() {
        let t = table("time,text\n2019-11-06T14:03:00Z,a");
        let mut mapping = guess_mapping(&t).unwrap();
        mapping.link = Some(5);
        assert_eq!(
            transcript_from_csv(&t, &mapping, "UTC", &UtcOnly, "x"),
            Err(ImportError::MissingColumn("link".to_owned()))
        );
        let blank = CsvTable {
            headers: strings(&["time", "text"]),
            rows: vec![strings(&["", " "])],
        };
        let mapping = guess_mapping(&blank).unwrap();
        assert_eq!(
            transcript_from_csv(&blank, &mapping, "UTC", &UtcOnly, "x"),
            Err(ImportError::Empty)
        );
    }

    /// Writes a table the way RFC 4180 says, quoting every field.
    fn write_csv(headers: &[String], rows: &[Vec<String>]) -> String {
        let line = |cells: &[String]| {
            cells
                .iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(",")
        };
        std::iter::once(line(headers))
            .chain(rows.iter().map(|r| line(r)))
            .collect::<Vec<_>>()
            .join("\r\n")
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            if let Ok(t) = read_csv(&text) {
                prop_assert!(t.rows.iter().all(|r| r.len() == t.headers.len()));
                if let Some(mapping) = guess_mapping(&t) {
                    let _ = transcript_from_csv(&t, &mapping, "UTC", &UtcOnly, "x");
                }
            }
        }

        #[test]
        fn written_tables_read_back(
            headers in proptest::collection::vec("[a-z]{1,8}", 1..5),
            cells in proptest::collection::vec(any::<String>(), 0..40),
        ) {
            let width = headers.len();
            // Every row starts with a visible cell, so none is blank.
            let rows: Vec<Vec<String>> = cells
                .chunks(width)
                .enumerate()
                .map(|(i, chunk)| {
                    let mut row = chunk.to_vec();
                    row.resize(width, String::new());
                    row[0] = format!("r{i}");
                    row
                })
                .collect();
            prop_assume!(!rows.is_empty());
            let read = read_csv(&write_csv(&headers, &rows)).unwrap();
            // Line breaks inside fields come back as \n.
            let expected: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| c.replace("\r\n", "\n").replace('\r', "\n")).collect())
                .collect();
            prop_assert_eq!(read.headers, headers);
            prop_assert_eq!(read.rows, expected);
        }
    }
}
