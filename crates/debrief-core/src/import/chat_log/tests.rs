use super::*;
use crate::testing::UtcOnly;
use proptest::prelude::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn settings(shape: LogShape) -> LogSettings {
    LogSettings {
        shape,
        date: Some(day("2019-11-06")),
        zone: "UTC".to_owned(),
    }
}

fn parse(shape: LogShape, text: &str) -> Transcript {
    parse_log(text, &settings(shape), &UtcOnly, "pasted log").unwrap()
}

/// (RFC 3339 time, author, text) of each message.
fn summary(transcript: &Transcript) -> Vec<(String, &str, &str)> {
    transcript
        .messages
        .iter()
        .map(|m| (m.at.to_rfc3339(), m.author.as_str(), m.text.as_str()))
        .collect()
}

fn kinds(transcript: &Transcript) -> Vec<MessageKind> {
    transcript.messages.iter().map(|m| m.kind).collect()
}

const BRACKETED: &str = "\
[2019-11-06 14:03:12] alice: api latency is climbing
[2019-11-06 14:03:40] Bob Jones: looking at the dashboards
[2019-11-06 14:05:00] alice: restarting the api pods";

const IRC: &str = "\
14:03 <alice> api latency is climbing
14:03 <@bob> looking at the dashboards
14:05 < carol> restarting the api pods
14:06 * alice crosses fingers";

const COPY_PASTE: &str = "\
Alice Smith  2:03 PM
api latency is climbing
2:04 PM
restarting the api pods
Bob Jones  2:05 PM
looking at the dashboards";

const ISO: &str = "\
2019-11-06T14:03:12Z alice: api latency is climbing
2019-11-06T15:03:40+01:00 <bob> looking at the dashboards
2019-11-06T14:05:00.250Z alice: restarting the api pods";

#[test]
fn bracketed_logs_with_dates() {
    let transcript = parse(LogShape::Bracketed, BRACKETED);
    assert_eq!(
        summary(&transcript),
        [
            (
                "2019-11-06T14:03:12+00:00".to_owned(),
                "alice",
                "api latency is climbing"
            ),
            (
                "2019-11-06T14:03:40+00:00".to_owned(),
                "Bob Jones",
                "looking at the dashboards"
            ),
            (
                "2019-11-06T14:05:00+00:00".to_owned(),
                "alice",
                "restarting the api pods"
            ),
        ]
    );
    let second = &transcript.messages[1];
    assert_eq!(second.id, "log:2");
    assert_eq!(second.source_ref, "log:2");
    assert_eq!(second.kind, MessageKind::Message);
    assert_eq!(transcript.source, "pasted log");
    assert!(transcript.unread.is_empty());
}

#[test]
fn bracketed_logs_without_dates_and_with_offsets() {
    let transcript = parse(
            LogShape::Bracketed,
            "[14:03:12] alice: up\n[2019-11-07 09:00 +01:00] bob: next day\n[2019-11-07 10:00:00 UTC] carol: utc",
        );
    assert_eq!(
        summary(&transcript),
        [
            ("2019-11-06T14:03:12+00:00".to_owned(), "alice", "up"),
            ("2019-11-07T09:00:00+01:00".to_owned(), "bob", "next day"),
            ("2019-11-07T10:00:00+00:00".to_owned(), "carol", "utc"),
        ]
    );
}

#[test]
fn irc_logs_with_and_without_brackets() {
    let transcript = parse(LogShape::Irc, IRC);
    assert_eq!(
        summary(&transcript),
        [
            (
                "2019-11-06T14:03:00+00:00".to_owned(),
                "alice",
                "api latency is climbing"
            ),
            (
                "2019-11-06T14:03:00+00:00".to_owned(),
                "bob",
                "looking at the dashboards"
            ),
            (
                "2019-11-06T14:05:00+00:00".to_owned(),
                "carol",
                "restarting the api pods"
            ),
            (
                "2019-11-06T14:06:00+00:00".to_owned(),
                "alice",
                "alice crosses fingers"
            ),
        ]
    );
    let bracketed = parse(LogShape::Irc, "[14:03:12] <alice> hi\n[14:04] <bob> hello");
    assert_eq!(
        summary(&bracketed),
        [
            ("2019-11-06T14:03:12+00:00".to_owned(), "alice", "hi"),
            ("2019-11-06T14:04:00+00:00".to_owned(), "bob", "hello"),
        ]
    );
}

#[test]
fn slack_copy_paste_with_grouped_messages() {
    let transcript = parse(LogShape::CopyPaste, COPY_PASTE);
    assert_eq!(
        summary(&transcript),
        [
            (
                "2019-11-06T14:03:00+00:00".to_owned(),
                "Alice Smith",
                "api latency is climbing"
            ),
            // A time alone is the same person's next message.
            (
                "2019-11-06T14:04:00+00:00".to_owned(),
                "Alice Smith",
                "restarting the api pods"
            ),
            (
                "2019-11-06T14:05:00+00:00".to_owned(),
                "Bob Jones",
                "looking at the dashboards"
            ),
        ]
    );
    assert_eq!(transcript.messages[1].id, "log:3");
}

#[test]
fn teams_and_other_copy_paste_headers() {
    let text = "Alice Smith, 14:03\nfirst\n\nsecond paragraph\nbob [2:04 PM]\nhello\n[2:05 PM] Carol Diaz\nthere\ndependabot[bot]\t2:06 PM\nbumped a crate";
    let transcript = parse(LogShape::CopyPaste, text);
    assert_eq!(
        summary(&transcript),
        [
            (
                "2019-11-06T14:03:00+00:00".to_owned(),
                "Alice Smith",
                "first\n\nsecond paragraph"
            ),
            ("2019-11-06T14:04:00+00:00".to_owned(), "bob", "hello"),
            (
                "2019-11-06T14:05:00+00:00".to_owned(),
                "Carol Diaz",
                "there"
            ),
            (
                "2019-11-06T14:06:00+00:00".to_owned(),
                "dependabot[bot]",
                "bumped a crate"
            ),
        ]
    );
    assert_eq!(transcript.messages[3].kind, MessageKind::Alert);
}

#[test]
fn message_text_with_a_time_in_it_is_not_a_header() {
    let transcript = parse(
        LogShape::CopyPaste,
        "alice  2:03 PM\ndeploy at 14:00 went out\nrollback at 2:10 PM",
    );
    assert_eq!(transcript.messages.len(), 1);
    assert_eq!(
        transcript.messages[0].text,
        "deploy at 14:00 went out\nrollback at 2:10 PM"
    );
}

#[test]
fn iso_time_on_each_line() {
    let transcript = parse(LogShape::IsoPerLine, ISO);
    assert_eq!(
        summary(&transcript),
        [
            (
                "2019-11-06T14:03:12+00:00".to_owned(),
                "alice",
                "api latency is climbing"
            ),
            (
                "2019-11-06T15:03:40+01:00".to_owned(),
                "bob",
                "looking at the dashboards"
            ),
            (
                "2019-11-06T14:05:00.250+00:00".to_owned(),
                "alice",
                "restarting the api pods"
            ),
        ]
    );
}

#[test]
fn messages_are_sorted_by_time() {
    let transcript = parse(
        LogShape::IsoPerLine,
        "2019-11-06T14:05:00Z bob: second\n2019-11-06T14:03:00Z alice: first",
    );
    assert_eq!(transcript.messages[0].author, "alice");
    assert_eq!(transcript.messages[0].id, "log:2");
}

fn ranking(text: &str) -> Vec<(LogShape, usize)> {
    detect_shapes(text)
        .into_iter()
        .map(|d| (d.shape, d.matched))
        .collect()
}

#[test]
fn detection_picks_each_sample_shape_first() {
    for (shape, text, headers) in [
        (LogShape::Bracketed, BRACKETED, 3),
        (LogShape::Irc, IRC, 4),
        (LogShape::CopyPaste, COPY_PASTE, 3),
        (LogShape::IsoPerLine, ISO, 3),
    ] {
        let found = detect_shapes(text);
        assert_eq!(found.len(), LogShape::ALL.len());
        assert_eq!(found[0].shape, shape, "{text}");
        assert_eq!(found[0].matched, headers, "{text}");
        assert_eq!(found[0].lines, text.lines().count());
        assert!(found[1..].iter().all(|d| d.matched < headers), "{found:?}");
    }
}

#[test]
fn each_shape_reads_its_own_example() {
    for shape in LogShape::ALL {
        assert_eq!(detect_shapes(shape.example())[0].shape, shape);
        let transcript = parse(shape, shape.example());
        assert_eq!(transcript.messages.len(), 1, "{shape:?}");
        assert_eq!(transcript.messages[0].text, "restarting the api pods");
        assert!(!shape.label().is_empty());
    }
}

#[test]
fn bracketed_times_without_dates_are_told_apart_from_irc() {
    // The same brackets; the speaker's form decides.
    let irc =
        "[14:03] <alice> hi\n[14:04] -!- bob [~bob@host] has joined #incident\n[14:05] <bob> hello";
    assert_eq!(
        ranking(irc),
        [
            (LogShape::Irc, 3),
            // Only the join line reads as bracketed.
            (LogShape::Bracketed, 1),
            (LogShape::CopyPaste, 0),
            (LogShape::IsoPerLine, 0),
        ]
    );
    let bracketed = "[14:03] alice: hi\n[14:04] bob: hello";
    assert_eq!(ranking(bracketed)[0], (LogShape::Bracketed, 2));
    assert_eq!(ranking(bracketed)[1].1, 0);
    // Half and half: the counts say so, and the order of ALL breaks the tie.
    assert_eq!(
        ranking("[14:03] alice: hi\n[14:04] <bob> hello")[..2],
        [(LogShape::Bracketed, 1), (LogShape::Irc, 1)]
    );
    assert_eq!(
        detect_shapes("just some notes\nnothing timed")
            .iter()
            .map(|d| d.matched)
            .max(),
        Some(0)
    );
}

#[test]
fn detection_samples_the_first_non_empty_lines() {
    let long = "14:03 <alice> hi\n\n".repeat(1000);
    let found = detect_shapes(&long);
    assert_eq!(found[0].shape, LogShape::Irc);
    assert_eq!((found[0].matched, found[0].lines), (200, 200));
}

#[test]
fn lines_in_no_shape_continue_the_message_before() {
    let transcript = parse(
            LogShape::Bracketed,
            "[14:03] alice: the error is\nTraceback (most recent call last):\n  File \"app.py\", line 3\n\n[14:04] bob: ok\n\n",
        );
    assert_eq!(
        transcript.messages[0].text,
        "the error is\nTraceback (most recent call last):\n  File \"app.py\", line 3"
    );
    assert_eq!(transcript.messages[1].text, "ok");
}

#[test]
fn text_before_the_first_message_is_kept_unread() {
    let transcript = parse(
        LogShape::Irc,
        "--- Log opened Wed Nov 06 14:00:00 2019\n\n#incident topic: api down\n14:03 <alice> hi",
    );
    assert_eq!(
        transcript.unread,
        [
            "--- Log opened Wed Nov 06 14:00:00 2019",
            "#incident topic: api down"
        ]
    );
    assert_eq!(transcript.messages.len(), 1);
    let nothing_fits = parse(LogShape::Irc, "a note\nanother");
    assert!(nothing_fits.messages.is_empty());
    assert_eq!(nothing_fits.unread, ["a note", "another"]);
}

#[test]
fn time_only_logs_roll_over_at_midnight() {
    let transcript = parse(
            LogShape::Irc,
            "14:00 <alice> start\n23:59 <bob> late\n23:58 <alice> out of order\n00:10 <alice> after midnight\n09:00 <bob> morning",
        );
    let times: Vec<String> = transcript
        .messages
        .iter()
        .map(|m| m.at.to_rfc3339())
        .collect();
    assert_eq!(
        times,
        [
            "2019-11-06T14:00:00+00:00",
            "2019-11-06T23:58:00+00:00",
            "2019-11-06T23:59:00+00:00",
            "2019-11-07T00:10:00+00:00",
            "2019-11-07T09:00:00+00:00",
        ]
    );
}

#[test]
fn twelve_hour_clocks() {
    let transcript = parse(
            LogShape::CopyPaste,
            "alice  11:58 AM\na\nalice  12:03 PM\nb\nalice  1:15 pm\nc\nalice  11:59 p.m.\nd\nalice  12:10 AM\ne",
        );
    let times: Vec<String> = transcript
        .messages
        .iter()
        .map(|m| m.at.to_rfc3339())
        .collect();
    assert_eq!(
        times,
        [
            "2019-11-06T11:58:00+00:00",
            "2019-11-06T12:03:00+00:00",
            "2019-11-06T13:15:00+00:00",
            "2019-11-06T23:59:00+00:00",
            "2019-11-07T00:10:00+00:00",
        ]
    );
    // No thirteen o'clock in the afternoon.
    assert_eq!(
        read_header(LogShape::CopyPaste, "alice  13:03 PM", false),
        None
    );
}

#[cfg(feature = "bundled-zones")]
#[test]
fn times_without_offset_are_read_in_the_log_zone() {
    let berlin = LogSettings {
        zone: "Europe/Berlin".to_owned(),
        ..settings(LogShape::Bracketed)
    };
    let zones = crate::time::BundledZones;
    let text =
        "[2019-11-06 14:03:12] alice: down\n[14:05] bob: up\n[2019-11-06 14:06:00Z] carol: utc";
    let transcript = parse_log(text, &berlin, &zones, "log").unwrap();
    let times: Vec<String> = transcript
        .messages
        .iter()
        .map(|m| m.at.to_rfc3339())
        .collect();
    assert_eq!(
        times,
        [
            "2019-11-06T14:03:12+01:00",
            "2019-11-06T14:05:00+01:00",
            // An explicit offset wins over the zone.
            "2019-11-06T14:06:00+00:00",
        ]
    );
    let shown = preview(text, &berlin, &zones, 1);
    assert_eq!(
        shown[0].understood.as_ref().unwrap().0,
        "2019-11-06 14:03:12 UTC+01:00"
    );
    // In July the same zone is on summer time.
    let summer = parse_log("[2019-07-06 14:03] alice: hot", &berlin, &zones, "log").unwrap();
    assert_eq!(
        summer.messages[0].at.to_rfc3339(),
        "2019-07-06T14:03:00+02:00"
    );
}

#[test]
fn a_time_of_day_without_a_date_names_its_line() {
    let no_date = LogSettings {
        date: None,
        ..settings(LogShape::Irc)
    };
    let err = parse_log(
        "junk first\n14:03 <alice> hi\n14:04 <bob> yo",
        &no_date,
        &UtcOnly,
        "log",
    )
    .unwrap_err();
    assert_eq!(
        err,
        ImportError::BadTime {
            line: 2,
            text: "14:03".to_owned()
        }
    );
    assert!(err.to_string().contains("Line 2"));
    assert!(needs_date(IRC, LogShape::Irc));
    assert!(!needs_date(ISO, LogShape::IsoPerLine));
    assert!(!needs_date(BRACKETED, LogShape::Bracketed));
    // A dated log needs no date setting.
    let dated = LogSettings {
        date: None,
        ..settings(LogShape::Bracketed)
    };
    assert!(parse_log(BRACKETED, &dated, &UtcOnly, "log").is_ok());
}

#[test]
fn joins_leaves_and_housekeeping() {
    let transcript = parse(
        LogShape::Irc,
        "\
14:00 -!- alice [~alice@example.net] has joined #incident
14:01 *** bob joined
14:02 <-- carol has quit [Ping timeout: 240 seconds]
14:03 -!- dave is now known as david
14:04 * erin has left #incident
14:05 <alice> I left the door open",
    );
    assert_eq!(
        kinds(&transcript),
        [
            MessageKind::Join,
            MessageKind::Join,
            MessageKind::Leave,
            MessageKind::System,
            MessageKind::Leave,
            MessageKind::Message,
        ]
    );
    let authors: Vec<&str> = transcript
        .messages
        .iter()
        .map(|m| m.author.as_str())
        .collect();
    assert_eq!(authors, ["alice", "bob", "carol", "dave", "erin", "alice"]);
    assert_eq!(
        transcript.messages[0].text,
        "alice [~alice@example.net] has joined #incident"
    );

    let bracketed = parse(
            LogShape::Bracketed,
            "[14:00] alice has joined the channel\n[14:01] Bob Jones left the channel\n[14:02] carol left a comment on the PR",
        );
    assert_eq!(
        kinds(&bracketed)[..2],
        [MessageKind::Join, MessageKind::Leave]
    );
    assert_eq!(bracketed.messages[1].author, "Bob Jones");
    // Not about the channel: read as text continuing Bob's line, never lost.
    assert_eq!(bracketed.messages.len(), 2);
    assert!(bracketed.messages[1]
        .text
        .ends_with("carol left a comment on the PR"));

    let slack = parse(
            LogShape::CopyPaste,
            "alice  2:03 PM\njoined #incident-123.\nbob  2:04 PM\nhas left the channel\ncarol  2:05 PM\nleft the build running",
        );
    assert_eq!(
        kinds(&slack),
        [MessageKind::Join, MessageKind::Leave, MessageKind::Message]
    );
}

#[test]
fn bots_and_integrations_are_alerts() {
    let transcript = parse(
            LogShape::CopyPaste,
            "PagerDuty  APP  2:03 PM\nTriggered: api latency\nDatadog  2:04 PM\n[P1] Monitor alert\nalertmanager  2:05 PM\nFIRING\ndeploy-bot  2:06 PM\nrolled back\nAlice Jenkins  2:07 PM\non it\nTalbot  2:08 PM\nme too",
        );
    assert_eq!(transcript.messages[0].author, "PagerDuty");
    assert_eq!(
        kinds(&transcript),
        [
            MessageKind::Alert,
            MessageKind::Alert,
            MessageKind::Alert,
            MessageKind::Alert,
            MessageKind::Message,
            MessageKind::Message,
        ]
    );
    let irc = parse(
        LogShape::Irc,
        "14:03 <DeployBot> v42 out\n14:04 <grafana> alert",
    );
    assert_eq!(kinds(&irc), [MessageKind::Alert, MessageKind::Alert]);
}

#[test]
fn preview_shows_how_lines_are_read() {
    let text =
        "pasted from the channel\n[14:03] alice: the error is\n  at main.rs:3\n[14:04] bob: ok";
    let shown = preview(text, &settings(LogShape::Bracketed), &UtcOnly, 3);
    assert_eq!(shown.len(), 3);
    assert_eq!(
        shown[0],
        PreviewLine {
            line: 1,
            raw: "pasted from the channel".to_owned(),
            understood: None,
            continuation: false,
        }
    );
    assert_eq!(
        shown[1].understood,
        Some((
            "2019-11-06 14:03 UTC".to_owned(),
            "alice".to_owned(),
            "the error is".to_owned()
        ))
    );
    assert!(!shown[1].continuation);
    assert!(shown[2].continuation && shown[2].understood.is_none());

    let no_date = LogSettings {
        date: None,
        ..settings(LogShape::Bracketed)
    };
    let shown = preview(text, &no_date, &UtcOnly, 10);
    assert_eq!(shown.len(), 4);
    assert_eq!(
        shown[1].understood.as_ref().unwrap().0,
        "14:03 (needs a date)"
    );
}

#[test]
fn windows_line_ends_and_a_byte_order_mark() {
    let transcript = parse(
        LogShape::Bracketed,
        "\u{feff}[14:03] alice: one\r\ntwo\r\n[14:04] bob: three\r\n",
    );
    assert_eq!(
        summary(&transcript)
            .iter()
            .map(|(_, a, t)| (*a, *t))
            .collect::<Vec<_>>(),
        [("alice", "one\ntwo"), ("bob", "three")]
    );
    assert_eq!(
        detect_shapes("\u{feff}[14:03] alice: one\r\n")[0].matched,
        1
    );
}

#[test]
fn empty_input_is_refused() {
    for text in ["", "  \n\n \r\n", "\u{feff}"] {
        assert_eq!(
            parse_log(text, &settings(LogShape::Irc), &UtcOnly, "log"),
            Err(ImportError::Empty)
        );
    }
}

#[test]
fn stamps_are_read_strictly() {
    for (text, read) in [
        ("14:03", true),
        ("9:05:07.5", true),
        ("2019-11-06T14:03Z", true),
        ("2019/11/06 14:03 -0800", true),
        ("2:03 pm", true),
        ("14:3", false),
        ("14:035", false),
        ("25:00", false),
        ("14:03 PM", false),
        ("2019-13-06 14:03", false),
        ("2019-11-06", false),
        ("14:03 PST", false),
    ] {
        assert_eq!(whole_stamp(text).is_some(), read, "{text}");
    }
    let stamp = whole_stamp("2019-11-06 14:03:07.25 +05:30").unwrap();
    assert_eq!(stamp.offset, FixedOffset::east_opt(5 * 3600 + 1800));
    assert_eq!(
        stamp.time,
        NaiveTime::from_hms_milli_opt(14, 3, 7, 250).unwrap()
    );
}

#[test]
fn a_long_log_parses() {
    let mut text = String::new();
    for i in 0..50_000 {
        // From 20:00, so the log crosses midnight.
        let (h, m, s) = ((20 + i / 3600) % 24, (i / 60) % 60, i % 60);
        text.push_str(&format!(
            "{h:02}:{m:02}:{s:02} <user{}> message {i}\n",
            i % 7
        ));
    }
    let transcript = parse(LogShape::Irc, &text);
    assert_eq!(transcript.messages.len(), 50_000);
    assert_eq!(
        transcript.messages[49_999].at.to_rfc3339(),
        "2019-11-07T09:53:19+00:00"
    );
}

fn log_like_line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\[\\]<>:0-9 TZ+.\\-APMapm,*!#@\t]{0,30}",
        Just("[2019-11-06 14:03:12] alice: hi".to_owned()),
        Just("23:59 <bob> late".to_owned()),
        Just("00:01 -!- carol has joined #x".to_owned()),
        Just("Alice Smith  2:03 PM".to_owned()),
        Just("2:04".to_owned()),
        Just("2019-11-06T14:03:12+01:00 <dave> x".to_owned()),
        Just("9999-12-31 23:59 alice: end of time".to_owned()),
    ]
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = detect_shapes(&text);
        for shape in LogShape::ALL {
            let _ = parse_log(&text, &settings(shape), &UtcOnly, "log");
            let _ = preview(&text, &settings(shape), &UtcOnly, 50);
            let _ = needs_date(&text, shape);
        }
    }

    #[test]
    fn log_like_text_never_panics_and_keeps_every_line(
        lines in proptest::collection::vec(log_like_line(), 0..40),
    ) {
        let text = lines.join("\n");
        let _ = detect_shapes(&text);
        for shape in LogShape::ALL {
            for date in [None, Some(day("2019-11-06")), Some(day("9999-12-31"))] {
                let settings = LogSettings { date, ..settings(shape) };
                let shown = preview(&text, &settings, &UtcOnly, usize::MAX);
                let Ok(transcript) = parse_log(&text, &settings, &UtcOnly, "log") else {
                    continue;
                };
                // No text is dropped: a line the preview calls unread is in `unread`,
                // one it calls a continuation is in a message's text.
                let all_text: Vec<&str> =
                    transcript.messages.iter().map(|m| m.text.as_str()).collect();
                for line in shown.iter().filter(|l| !l.raw.trim().is_empty()) {
                    let kept = line.raw.trim();
                    if line.continuation {
                        prop_assert!(all_text.iter().any(|t| t.contains(kept)), "{:?}", line);
                    } else if line.understood.is_none() {
                        prop_assert!(transcript.unread.iter().any(|u| u.contains(kept)), "{:?}", line);
                    }
                }
            }
        }
    }
}
