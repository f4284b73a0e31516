use super::*;
use proptest::prelude::*;
use std::io::Cursor;
use std::io::Write;
use std::sync::OnceLock;
use zip::write::SimpleFileOptions;

const USERS: &str = include_str!("../../../../tests/fixtures/slack/users.json");
const CHANNELS: &str = include_str!("../../../../tests/fixtures/slack/channels.json");
const INCIDENT_06: &str =
    include_str!("../../../../tests/fixtures/slack/incident-42/2019-11-06.json");
const INCIDENT_07: &str =
    include_str!("../../../../tests/fixtures/slack/incident-42/2019-11-07.json");
const INCIDENT_08: &str =
    include_str!("../../../../tests/fixtures/slack/incident-42/2019-11-08.json");
const GENERAL_05: &str = include_str!("../../../../tests/fixtures/slack/general/2019-11-05.json");
const GENERAL_07: &str = include_str!("../../../../tests/fixtures/slack/general/2019-11-07.json");

/// The fixture export's files, as Slack lays them out in the zip.
fn fixture_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("users.json", USERS),
        ("channels.json", CHANNELS),
        ("integration_logs.json", "[]"),
        ("incident-42/2019-11-06.json", INCIDENT_06),
        ("incident-42/2019-11-07.json", INCIDENT_07),
        ("incident-42/2019-11-08.json", INCIDENT_08),
        ("general/2019-11-05.json", GENERAL_05),
        ("general/2019-11-07.json", GENERAL_07),
    ]
}

/// The fixture with some files replaced or added.
fn fixture_with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = fixture_files();
    for (name, content) in changes {
        match files.iter_mut().find(|(existing, _)| existing == name) {
            Some(file) => file.1 = content,
            None => files.push((name, content)),
        }
    }
    files
}

/// A zip of the files, deflated as Slack writes it.
fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn fixture_zip() -> &'static [u8] {
    static ZIP: OnceLock<Vec<u8>> = OnceLock::new();
    ZIP.get_or_init(|| zip_of(&fixture_files()))
}

fn at(rfc3339: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

fn incident() -> Transcript {
    let export = SlackExport::open(fixture_zip()).unwrap();
    export.transcript(&["incident-42"], None, None).unwrap()
}

fn message<'t>(transcript: &'t Transcript, id: &str) -> &'t Message {
    transcript
        .messages
        .iter()
        .find(|message| message.id == id)
        .unwrap_or_else(|| panic!("no message {id}"))
}

// --- API-style dumps: hidden notices, namesakes, unnamed integrations ----------------

/// Two day files as API tools dump them: the edit and the deletion of yesterday's
/// messages arrive as hidden notices today, a thread runs across the two days, and two
/// accounts are both "Alex".
fn api_dump() -> Vec<(String, String)> {
    let users = r#"[
            {"id": "U01ALEXK", "name": "alex.kim", "profile": {"display_name": "Alex"}},
            {"id": "U02ALEXM", "name": "alex.m", "profile": {"display_name": "Alex"}},
            {"id": "U03SAM", "name": "sam", "real_name": "Sam Okafor"}
        ]"#;
    let first = r#"[
            {"type": "message", "user": "U01ALEXK", "text": "ingest-3 is OOM", "ts": "1573034400.000100",
             "thread_ts": "1573034400.000100", "reply_count": 2},
            {"type": "message", "user": "U02ALEXM", "text": "restrating it", "ts": "1573034460.000200"},
            {"type": "message", "user": "U03SAM", "text": "wrong channel, sorry", "ts": "1573034520.000300"},
            {"type": "message", "bot_id": "B0NONAME", "text": "MemoryHigh firing", "ts": "1573034580.000400"}
        ]"#;
    let second = r#"[
            {"type": "message", "user": "U03SAM", "text": "same on ingest-4", "ts": "1573120800.000100",
             "thread_ts": "1573034400.000100", "parent_user_id": "U01ALEXK"},
            {"type": "message", "subtype": "message_replied", "hidden": true, "ts": "1573120800.000200",
             "message": {"type": "message", "user": "U01ALEXK", "text": "ingest-3 is OOM", "ts": "1573034400.000100",
                         "thread_ts": "1573034400.000100", "reply_count": 1,
                         "replies": [{"user": "U03SAM", "ts": "1573120800.000100"}]}},
            {"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1573120860.000300",
             "message": {"type": "message", "user": "U02ALEXM", "text": "restarting it",
                         "edited": {"user": "U02ALEXM", "ts": "1573120860.000000"}, "ts": "1573034460.000200"},
             "previous_message": {"type": "message", "user": "U02ALEXM", "text": "restrating it", "ts": "1573034460.000200"}},
            {"type": "message", "subtype": "message_deleted", "hidden": true, "ts": "1573120920.000400",
             "deleted_ts": "1573034520.000300",
             "previous_message": {"type": "message", "user": "U03SAM", "text": "wrong channel, sorry", "ts": "1573034520.000300"}},
            {"type": "message", "subtype": "message_changed", "hidden": true, "ts": "1573120980.000500",
             "message": {"type": "message", "user": "U03SAM", "text": "from before the export, edited",
                         "edited": {"user": "U03SAM", "ts": "1573120980.000000"}, "ts": "1573030000.000100"}},
            {"type": "message", "subtype": "message_pinned_somehow", "hidden": true, "ts": "1573121000.000600"}
        ]"#;
    owned(&[
        ("users.json", users),
        ("incident/2019-11-06.json", first),
        ("incident/2019-11-07.json", second),
    ])
}

#[test]
fn hidden_notices_change_the_messages_they_are_about() {
    let t = transcript_from_day_files("incident", &api_dump()).unwrap();
    let texts: Vec<(&str, &str, bool, bool)> = t
        .messages
        .iter()
        .map(|m| (m.author.as_str(), m.text.as_str(), m.edited, m.deleted))
        .collect();
    assert_eq!(
        texts,
        [
            ("Sam Okafor", "from before the export, edited", true, false),
            ("Alex", "ingest-3 is OOM", false, false),
            ("Alex", "restarting it", true, false),
            ("Sam Okafor", "wrong channel, sorry", false, true),
            ("Integration B0NONAME", "MemoryHigh firing", false, false),
            ("Sam Okafor", "same on ingest-4", false, false),
        ]
    );
    // Nobody called "unknown", no blank message; the notice Debrief cannot read is kept.
    assert!(t
        .messages
        .iter()
        .all(|m| m.author != "unknown" && !m.text.is_empty()));
    assert_eq!(t.unread.len(), 1);
    assert!(t.unread[0].contains("message_pinned_somehow"));
    // The reply in the second day file is in the thread of the first day's message.
    assert_eq!(
        t.messages[5].thread.as_deref(),
        Some("incident/1573034400.000100")
    );
}

#[test]
fn two_accounts_with_one_display_name_stay_two_authors() {
    let t = transcript_from_day_files("incident", &api_dump()).unwrap();
    let alexes: Vec<&str> = t
        .messages
        .iter()
        .filter(|m| m.author == "Alex")
        .map(Message::author_key)
        .collect();
    assert_eq!(alexes, ["U01ALEXK", "U02ALEXM"]);
}

#[test]
fn bare_mentions_take_names_the_export_gives_elsewhere() {
    // No users.json: a file share names its uploader by handle, a label names another.
    let day = r#"[
            {"type": "message", "subtype": "file_share", "user": "U0BMS113R", "username": "doubledeez",
             "text": "<@U0BMS113R> uploaded a file: <https://x.slack.com/files/U0BMS113R/F1/cities.js|cities>",
             "file": {"id": "F1", "name": "cities.js", "user": "U0BMS113R"}, "ts": "1459105865.000002"},
            {"type": "message", "subtype": "file_comment",
             "text": "<@U0BMS113R> commented on <@U0BMQB6JE>\u2019s file <https://x.slack.com/files/U0BMS113R/F1/cities.js|cities>: too big",
             "comment": {"id": "Fc1", "user": "U0BMS113R", "comment": "too big"},
             "file": {"id": "F1", "name": "cities.js", "user": "U0BMS113R"}, "ts": "1459106048.000003"},
            {"type": "message", "user": "U0BMYT2FL", "text": "ping <@U0BMQB6JE|hamza>", "ts": "1459106100.000004"}
        ]"#;
    let t =
        transcript_from_day_files("sailor", &owned(&[("sailor/2016-03-27.json", day)])).unwrap();
    assert_eq!(t.messages[1].author, "doubledeez");
    assert_eq!(
            t.messages[1].text,
            "@doubledeez commented on @hamza\u{2019}s file cities (https://x.slack.com/files/U0BMS113R/F1/cities.js): too big"
        );
    // Nothing names U0BMYT2FL: the id stays, as the only thing known.
    assert_eq!(t.messages[2].author, "U0BMYT2FL");
}

#[test]
fn many_channels_are_counted_in_the_source() {
    let export = SlackExport::open(fixture_zip()).unwrap();
    let two = export
        .transcript(&["incident-42", "general"], None, None)
        .unwrap();
    assert_eq!(two.source, "Slack export, #incident-42, #general");
    let mut files: Vec<(String, String)> = Vec::new();
    for n in 0..148 {
        files.push((format!("c{n:03}/2019-11-06.json"), format!(
                r#"[{{"type": "message", "user": "U1", "text": "hi", "ts": "15730344{:02}.000100"}}]"#,
                n % 60
            )));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let export = SlackExport::open(&zip_of(&refs)).unwrap();
    let names: Vec<String> = export.channels().iter().map(|c| c.name.clone()).collect();
    let picked: Vec<&str> = names.iter().map(String::as_str).collect();
    let t = export.transcript(&picked, None, None).unwrap();
    assert_eq!(t.source, "Slack export, 148 channels");
    assert!(t.messages.iter().all(|m| m.channel.is_some()));
}

// --- Opening -------------------------------------------------------------------------

#[test]
fn open_lists_channels_with_their_days() {
    let export = SlackExport::open(fixture_zip()).unwrap();
    assert_eq!(
        export.channels(),
        [
            SlackChannel {
                id: "C02".into(),
                name: "general".into(),
                days: 2,
                first_day: Some("2019-11-05".into()),
                last_day: Some("2019-11-07".into()),
            },
            SlackChannel {
                id: "C01".into(),
                name: "incident-42".into(),
                days: 3,
                first_day: Some("2019-11-06".into()),
                last_day: Some("2019-11-08".into()),
            },
        ]
    );
}

#[test]
fn open_reads_no_day_file() {
    let broken = fixture_with(&[
        ("incident-42/2019-11-06.json", "[{"),
        ("incident-42/2019-11-07.json", "[{"),
        ("incident-42/2019-11-08.json", "[{"),
        ("general/2019-11-05.json", "[{"),
        ("general/2019-11-07.json", "[{"),
    ]);
    let export = SlackExport::open(&zip_of(&broken)).unwrap();
    assert_eq!(export.channels().len(), 2);
}

#[test]
fn open_finds_an_export_zipped_again_inside_a_folder() {
    let files: Vec<(String, &str)> = fixture_files()
        .into_iter()
        .map(|(name, content)| (format!("Acme Slack export/{name}"), content))
        .chain([("__MACOSX/._users.json".to_owned(), "binary junk")])
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let export = SlackExport::open(&zip_of(&files)).unwrap();
    let names: Vec<&str> = export.channels().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["general", "incident-42"]);
    assert_eq!(export.channels()[1].id, "C01");
    let transcript = export.transcript(&["incident-42"], None, None).unwrap();
    assert_eq!(transcript.messages.len(), 19);
}

#[test]
fn private_channels_and_direct_messages_get_their_ids() {
    let files = [
        ("users.json", USERS),
        ("channels.json", "[]"),
        ("groups.json", r#"[{"id": "G01", "name": "sec-private"}]"#),
        ("dms.json", r#"[{"id": "D01", "members": ["U01", "U02"]}]"#),
        (
            "sec-private/2019-11-06.json",
            r#"[{"type": "message", "subtype": "group_join", "user": "U01", "text": "<@U01> has joined the group", "ts": "1573034400.000100"}]"#,
        ),
        (
            "D01/2019-11-06.json",
            r#"[{"type": "message", "user": "U02", "text": "see <#G01>", "ts": "1573034400.000200"}]"#,
        ),
        ("loose-file.json", "not looked at"),
        (
            "sec-private/attachments/2019-11-06.json",
            "too deep: not a day file",
        ),
        ("sec-private/notes.json", "not a day file"),
    ];
    let export = SlackExport::open(&zip_of(&files)).unwrap();
    let ids: Vec<(&str, &str)> = export
        .channels()
        .iter()
        .map(|c| (c.name.as_str(), c.id.as_str()))
        .collect();
    assert_eq!(ids, [("D01", "D01"), ("sec-private", "G01")]);
    let transcript = export
        .transcript(&["sec-private", "D01"], None, None)
        .unwrap();
    assert_eq!(transcript.messages[0].kind, MessageKind::Join);
    assert_eq!(transcript.messages[1].text, "see #sec-private");
    assert_eq!(transcript.source, "Slack export, #sec-private, #D01");
}

#[test]
fn debug_output_names_channels_not_bytes() {
    let export = SlackExport::open(fixture_zip()).unwrap();
    let debug = format!("{export:?}");
    assert!(debug.contains("incident-42"), "{debug}");
    assert!(debug.len() < 1000, "{debug}");
}

// --- Transcripts ---------------------------------------------------------------------

#[test]
fn every_shape_maps_to_a_message() {
    let transcript = incident();
    assert_eq!(transcript.source, "Slack export, #incident-42");
    assert_eq!(transcript.messages.len(), 19);
    let times: Vec<Timestamp> = transcript.messages.iter().map(|m| m.at).collect();
    assert!(
        times.windows(2).all(|pair| pair[0] <= pair[1]),
        "time order"
    );

    let join = message(&transcript, "incident-42/1573034400.000100");
    assert_eq!(join.kind, MessageKind::Join);
    assert_eq!(join.author, "Ada Lovelace");
    assert_eq!(join.author_id.as_deref(), Some("U01"));
    assert_eq!(join.text, "@Ada Lovelace has joined the channel");
    assert_eq!(join.at, at("2019-11-06T10:00:00.000100+00:00"));
    assert_eq!(join.at.offset().local_minus_utc(), 0);
    assert_eq!(join.channel.as_deref(), Some("incident-42"));
    assert_eq!(join.source_ref, "slack:incident-42/1573034400.000100");

    let starter = message(&transcript, "incident-42/1573034460.000200");
    assert_eq!(starter.kind, MessageKind::Message);
    assert_eq!(
            starter.text,
            "Seeing 500s on status page (https://status.example.com) & checkout p99 > 4s, paging @oncall @here"
        );
    assert_eq!(
        starter.thread.as_deref(),
        Some("incident-42/1573034460.000200")
    );
    assert!(!starter.edited);

    let reply = message(&transcript, "incident-42/1573034520.000300");
    assert_eq!(reply.author, "grace", "users.json display name");
    assert_eq!(
        reply.text,
        "Rolled back? @Ada Lovelace I see the deploy from @linus"
    );
    assert_eq!(reply.thread, starter.thread);
    assert!(reply.edited);

    let late_reply = message(&transcript, "incident-42/1573207200.000100");
    assert_eq!(late_reply.thread, starter.thread, "a reply on a later day");
    assert_eq!(late_reply.author, "linus", "users.json name");

    let webhook = message(&transcript, "incident-42/1573034530.000400");
    assert_eq!(webhook.kind, MessageKind::Alert);
    assert_eq!(webhook.author, "PagerDuty");
    assert_eq!(webhook.author_id.as_deref(), Some("B0PD"));
    assert_eq!(
            webhook.text,
            "Incident triggered\n#123 checkout 5xx rate > 5%\nService: checkout (https://pd.example.com/services/1)\nUrgency: high"
        );

    let app = message(&transcript, "incident-42/1573034600.000500");
    assert_eq!(app.kind, MessageKind::Alert, "bot_id with a bot user");
    assert_eq!(app.author, "Deploy Bot");
    assert_eq!(app.author_id.as_deref(), Some("U04"));

    let upload = message(&transcript, "incident-42/1573034660.000600");
    assert_eq!(upload.kind, MessageKind::File);
    assert_eq!(upload.files, ["grafana.png", "notes"]);
    assert_eq!(upload.text, "latency graph");

    let blocks = message(&transcript, "incident-42/1573034720.000700");
    assert_eq!(
            blocks.text,
            "Mitigated by @Ada Lovelace in #general, see runbook (https://wiki.example.com/rb) :tada:\n• rollback\n• cache flush"
        );

    let huddle = message(&transcript, "incident-42/1573034780.000800");
    assert_eq!(huddle.kind, MessageKind::Message, "unknown subtype");
    assert_eq!(huddle.text, "Huddle in progress");

    let topic = message(&transcript, "incident-42/1573034840.000900");
    assert_eq!(topic.kind, MessageKind::System);
    assert_eq!(topic.text, "set the channel topic: SEV2 checkout");

    let visitor = message(&transcript, "incident-42/1573034900.001000");
    assert_eq!(visitor.author, "Visitor Vee", "user_profile in the message");
    let stranger = message(&transcript, "incident-42/1573034960.001100");
    assert_eq!(stranger.author, "U98");
    assert_eq!(stranger.author_id.as_deref(), Some("U98"));

    let leave = message(&transcript, "incident-42/1573120800.000100");
    assert_eq!(leave.kind, MessageKind::Leave);
    assert_eq!(leave.text, "@linus has left the channel");

    let links = message(&transcript, "incident-42/1573120860.000200");
    assert_eq!(
            links.text,
            "Moved chatter to #general (also #general), mail ops@example.com or see https://example.com"
        );

    let legacy_share = message(&transcript, "incident-42/1573120920.000300");
    assert_eq!(legacy_share.kind, MessageKind::File);
    assert_eq!(legacy_share.author, "grace");
    assert_eq!(legacy_share.files, ["timeline.txt"]);
    assert_eq!(
        legacy_share.text,
        "@grace uploaded a file: Timeline (https://acme.slack.com/files/U02/F03/timeline.txt)"
    );

    let comment = message(&transcript, "incident-42/1573120980.000400");
    assert_eq!(comment.kind, MessageKind::File);
    assert_eq!(comment.author, "Ada Lovelace", "the comment's user");
    assert!(
        comment.text.ends_with(": add the 10:05 page"),
        "{}",
        comment.text
    );

    for id in [
        "incident-42/1573121040.000500",
        "incident-42/1573121100.000600",
    ] {
        assert_eq!(message(&transcript, id).kind, MessageKind::System, "{id}");
    }

    let resolved = message(&transcript, "incident-42/1573121160.000700");
    assert_eq!(resolved.kind, MessageKind::Alert);
    assert_eq!(resolved.author, "pagerduty", "named by the bot_add notice");
    assert_eq!(resolved.author_id.as_deref(), Some("B0PD"));
}

#[test]
fn records_that_are_no_messages_are_kept_as_unread() {
    let transcript = incident();
    assert_eq!(
        transcript.unread,
        [
            r#"incident-42/2019-11-07.json: "not a message""#,
            r#"incident-42/2019-11-07.json: {"text":"no time stamp","type":"message","user":"U01"}"#,
        ]
    );
}

#[test]
fn no_markup_is_left_in_any_text() {
    for message in incident().messages {
        assert!(!message.text.contains('<'), "{}", message.text);
        assert!(!message.text.contains("&gt;"), "{}", message.text);
        assert!(!message.text.contains("&amp;"), "{}", message.text);
    }
}

#[test]
fn a_transcript_of_one_channel_never_reads_another() {
    let files = fixture_with(&[
        ("general/2019-11-05.json", "{ not json"),
        ("general/2019-11-07.json", "{ not json"),
    ]);
    let export = SlackExport::open(&zip_of(&files)).unwrap();
    let transcript = export.transcript(&["incident-42"], None, None).unwrap();
    assert_eq!(transcript.messages.len(), 19);
    assert!(transcript
        .messages
        .iter()
        .all(|m| m.channel.as_deref() == Some("incident-42")));
    assert!(matches!(
        export.transcript(&["general"], None, None),
        Err(ImportError::BadJson { file, .. }) if file == "general/2019-11-05.json"
    ));
}

#[test]
fn two_channels_merge_in_time_order() {
    let export = SlackExport::open(fixture_zip()).unwrap();
    let transcript = export
        .transcript(
            &["general", "incident-42", "general", "no-such-channel"],
            None,
            None,
        )
        .unwrap();
    assert_eq!(transcript.source, "Slack export, #general, #incident-42");
    assert_eq!(transcript.messages.len(), 21);
    assert_eq!(transcript.messages[0].text, "Morning all");
    let times: Vec<Timestamp> = transcript.messages.iter().map(|m| m.at).collect();
    assert!(times.windows(2).all(|pair| pair[0] <= pair[1]));
}

#[test]
fn a_time_range_keeps_what_is_inside_and_skips_far_day_files() {
    // A far day file that would fail if it were read.
    let files = fixture_with(&[("incident-42/2019-12-01.json", "[ broken")]);
    let export = SlackExport::open(&zip_of(&files)).unwrap();
    let transcript = export
        .transcript(
            &["incident-42"],
            Some(at("2019-11-07T00:00:00Z")),
            Some(at("2019-11-07T23:59:59Z")),
        )
        .unwrap();
    assert_eq!(transcript.messages.len(), 7);
    assert!(transcript
        .messages
        .iter()
        .all(|m| m.at.date_naive().to_string() == "2019-11-07"));

    // Both ends are included, whatever offset the range is written in.
    let transcript = export
        .transcript(
            &["incident-42"],
            Some(at("2019-11-06T02:01:00.000200-08:00")),
            Some(at("2019-11-06T11:02:00.000300+01:00")),
        )
        .unwrap();
    let ids: Vec<&str> = transcript.messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "incident-42/1573034460.000200",
            "incident-42/1573034520.000300"
        ]
    );

    let error = export.transcript(&["incident-42"], None, None).unwrap_err();
    assert!(matches!(
        error,
        ImportError::BadJson { ref file, .. } if file == "incident-42/2019-12-01.json"
    ));
}

#[test]
fn an_empty_range_is_an_empty_transcript() {
    let export = SlackExport::open(fixture_zip()).unwrap();
    let transcript = export
        .transcript(&["incident-42"], Some(at("2020-01-01T00:00:00Z")), None)
        .unwrap();
    assert!(transcript.messages.is_empty());
    assert!(transcript.unread.is_empty(), "its day files were not read");
}

#[test]
fn a_day_file_may_hold_any_time_zone_day() {
    let day = NaiveDate::from_ymd_opt(2019, 11, 7).unwrap();
    let range = |from: &str, to: &str| Range {
        from: Some(at(from)),
        to: Some(at(to)),
    };
    // UTC+14's day starts 14 hours before UTC's; UTC−12's ends 12 hours after.
    assert!(range("2019-11-06T10:00:00Z", "2019-11-06T10:00:00Z").may_hold_day(day));
    assert!(!range("2019-11-06T09:00:00Z", "2019-11-06T09:59:59Z").may_hold_day(day));
    assert!(range("2019-11-08T11:59:59Z", "2019-11-09T00:00:00Z").may_hold_day(day));
    assert!(!range("2019-11-08T12:00:00Z", "2019-11-09T00:00:00Z").may_hold_day(day));
    assert!(Range::ALL.may_hold_day(day));
    let last = NaiveDate::MAX;
    assert!(
        Range::ALL.may_hold_day(last),
        "no overflow at the end of time"
    );
}

#[test]
fn the_same_time_stamp_twice_gets_two_ids() {
    let files = fixture_with(&[(
        "general/2019-11-07.json",
        r#"[{"user": "U02", "text": "lunch?", "ts": "1573120800.000100"},
                {"user": "U02", "text": "lunch!", "ts": "1573120800.000100"}]"#,
    )]);
    let export = SlackExport::open(&zip_of(&files)).unwrap();
    let transcript = export.transcript(&["general"], None, None).unwrap();
    let ids: Vec<&str> = transcript.messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "general/1572948000.000100",
            "general/1573120800.000100",
            "general/1573120800.000100~2"
        ]
    );
}

#[test]
fn time_stamps_read_to_the_microsecond() {
    let cases = [
        (
            "1573034400.000200",
            Some("2019-11-06T10:00:00.000200+00:00"),
        ),
        ("1573034400", Some("2019-11-06T10:00:00+00:00")),
        ("1573034400.2", Some("2019-11-06T10:00:00.200+00:00")),
        (
            "1573034400.123456789",
            Some("2019-11-06T10:00:00.123456+00:00"),
        ),
        ("0.000001", Some("1970-01-01T00:00:00.000001+00:00")),
        ("", None),
        (".5", None),
        ("abc", None),
        ("-1.0", None),
        ("1.2.3", None),
        ("99999999999999999999", None),
    ];
    for (ts, expected) in cases {
        assert_eq!(parse_ts(ts), expected.map(at), "{ts:?}");
    }
}

// --- Day files without the export ----------------------------------------------------

fn owned(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(name, content)| (name.to_string(), content.to_string()))
        .collect()
}

#[test]
fn day_files_alone_name_authors_from_the_messages() {
    let files = owned(&[
        ("2019-11-07.json", INCIDENT_07),
        ("2019-11-06.json", INCIDENT_06),
    ]);
    let transcript = transcript_from_day_files("incident-42", &files).unwrap();
    assert_eq!(transcript.source, "Slack channel #incident-42");
    assert_eq!(transcript.messages.len(), 18);
    let author = |id: &str| message(&transcript, id).author.clone();
    assert_eq!(
        author("incident-42/1573034400.000100"),
        "ada",
        "named by the label of a mention elsewhere, <@U01|ada>"
    );
    assert_eq!(
        author("incident-42/1573034520.000300"),
        "grace",
        "user_profile"
    );
    assert_eq!(
        author("incident-42/1573034530.000400"),
        "PagerDuty",
        "username"
    );
    assert_eq!(
        author("incident-42/1573034600.000500"),
        "deploybot",
        "bot_profile"
    );
    assert_eq!(
        author("incident-42/1573121160.000700"),
        "pagerduty",
        "bot_add"
    );
    assert_eq!(
        message(&transcript, "incident-42/1573034520.000300").text,
        "Rolled back? @ada I see the deploy from @U03",
        "mention labels, else ids"
    );
    assert_eq!(
        message(&transcript, "incident-42/1573120860.000200").text,
        "Moved chatter to #general (also #C02), mail ops@example.com or see https://example.com"
    );
    assert_eq!(transcript.unread.len(), 2);
}

#[test]
fn day_files_use_users_json_when_given() {
    let files = owned(&[
        ("incident-42/2019-11-06.json", INCIDENT_06),
        ("users.json", USERS),
        ("channels.json", CHANNELS),
        ("integration_logs.json", "not even json: never read"),
    ]);
    let transcript = transcript_from_day_files("incident-42", &files).unwrap();
    assert_eq!(transcript.messages.len(), 11);
    assert_eq!(transcript.messages[0].author, "Ada Lovelace");
    assert_eq!(
        message(&transcript, "incident-42/1573034600.000500").author,
        "Deploy Bot"
    );
}

#[test]
fn day_files_that_are_bad_or_empty_are_refused() {
    assert_eq!(transcript_from_day_files("x", &[]), Err(ImportError::Empty));
    assert_eq!(
        transcript_from_day_files("x", &owned(&[("2019-11-06.json", "[]")])),
        Err(ImportError::Empty)
    );
    let error = transcript_from_day_files(
        "x",
        &owned(&[("2019-11-06.json", "[]"), ("2019-11-07.json", "[{\"ts\": ")]),
    )
    .unwrap_err();
    assert!(
        matches!(&error, ImportError::BadJson { file, detail } if file == "2019-11-07.json" && detail.contains("line 1")),
        "{error:?}"
    );
    let error = transcript_from_day_files("x", &owned(&[("2019-11-06.json", "{}")])).unwrap_err();
    assert!(
        matches!(&error, ImportError::BadJson { detail, .. } if detail.contains("list")),
        "{error:?}"
    );
}

// --- Markup --------------------------------------------------------------------------

fn directory() -> Directory {
    let mut directory = Directory::default();
    let users: Vec<Value> = serde_json::from_str(USERS).unwrap();
    let channels: Vec<Value> = serde_json::from_str(CHANNELS).unwrap();
    directory.add(IndexFile::Users, &users);
    directory.add(IndexFile::Channels, &channels);
    directory
}

#[test]
fn markup_becomes_readable_text() {
    let directory = directory();
    let names = Names::learn(&directory, &[]);
    let cases = [
        ("plain words", "plain words"),
        ("<@U01>", "@Ada Lovelace"),
        ("<@U01|ada>", "@Ada Lovelace"),
        ("<@U77|someone>", "@someone"),
        ("<@U77>", "@U77"),
        ("<#C02|general>", "#general"),
        ("<#C02>", "#general"),
        ("<#C02|>", "#general"),
        ("<#C77|old-name>", "#old-name"),
        ("<#C77>", "#C77"),
        ("<!here>", "@here"),
        ("<!here|here>", "@here"),
        ("<!channel>", "@channel"),
        ("<!everyone>", "@everyone"),
        ("<!subteam^S123|@team>", "@team"),
        ("<!subteam^S123>", "@S123"),
        ("<!date^1573034400^{date}|6 Nov 2019>", "6 Nov 2019"),
        ("<!date^1573034400^{date}>", "2019-11-06T10:00:00+00:00"),
        ("<!date^&amp;>", "date^&"),
        ("<!fire>", "@fire"),
        ("<https://x.example/a|label>", "label (https://x.example/a)"),
        ("<https://x.example/a>", "https://x.example/a"),
        ("<http://example.com|example.com>", "http://example.com"),
        (
            "<https://x.example/?a=1&amp;b=2|q &amp; a>",
            "q & a (https://x.example/?a=1&b=2)",
        ),
        ("<mailto:a@b.example|a@b.example>", "a@b.example"),
        ("<mailto:a@b.example>", "a@b.example"),
        ("<tel:+15551234|call>", "call"),
        ("&lt;b&gt; &amp;&amp; &amp;lt;", "<b> && &lt;"),
        ("AT&T & more &nbsp;", "AT&T & more &nbsp;"),
        ("a < b", "a < b"),
        ("x <y <@U01>", "x <y @Ada Lovelace"),
        ("ends with <", "ends with <"),
        ("<>", ""),
        ("café <@U01> ✓", "café @Ada Lovelace ✓"),
    ];
    for (raw, expected) in cases {
        assert_eq!(readable(raw, &names), expected, "{raw:?}");
    }
}

#[test]
fn rich_text_blocks_become_text() {
    let directory = directory();
    let names = Names::learn(&directory, &[]);
    let blocks: Value = serde_json::from_str(
            r#"[
              {"type": "rich_text", "elements": [
                {"type": "rich_text_section", "elements": [
                  {"type": "text", "text": "Paging "},
                  {"type": "usergroup", "usergroup_id": "S1"},
                  {"type": "text", "text": " "},
                  {"type": "broadcast", "range": "channel"},
                  {"type": "text", "text": " <raw> & "},
                  {"type": "link", "url": "https://x.example"},
                  {"type": "text", "text": " "},
                  {"type": "date", "timestamp": 1573034400},
                  {"type": "text", "text": "\n"}
                ]},
                {"type": "rich_text_list", "style": "ordered", "elements": [
                  {"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]},
                  {"type": "rich_text_section", "elements": [{"type": "text", "text": "two"}]}
                ]},
                {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "kubectl get pods"}]},
                {"type": "rich_text_quote", "elements": [{"type": "text", "text": "a\nb"}]}
              ]},
              {"type": "divider"},
              {"type": "header", "text": {"type": "plain_text", "text": "<Deploy> done"}},
              {"type": "section", "text": {"type": "mrkdwn", "text": "by <@U02>"},
               "fields": [{"type": "mrkdwn", "text": "*Env* prod"}]},
              {"type": "context", "elements": [{"type": "mrkdwn", "text": "via"}, {"type": "image"}, {"type": "plain_text", "text": "CI"}]}
            ]"#,
        )
        .unwrap();
    assert_eq!(
            blocks_text(Some(&blocks), &names),
            "Paging @S1 @channel <raw> & https://x.example 2019-11-06T10:00:00+00:00\n1. one\n2. two\n```kubectl get pods```\n> a\n> b\n<Deploy> done\nby @grace\n*Env* prod\nvia CI"
        );
    assert_eq!(blocks_text(Some(&Value::Null), &names), "");
}

#[test]
fn a_person_s_attachments_are_read_only_without_words() {
    let directory = directory();
    let names = Names::learn(&directory, &[]);
    let unfurl = serde_json::json!({
        "user": "U01", "ts": "1.0", "text": "look <https://github.com/x>",
        "attachments": [{"title": "x/y", "fallback": "GitHub: x/y"}]
    });
    let forwarded = serde_json::json!({
        "user": "U01", "ts": "1.0", "text": "",
        "attachments": [{"fallback": "GitHub: x/y"}]
    });
    let text = |record: &Value| {
        let (ts, at) = time_of(record).unwrap();
        to_message(record, "c", &ts, at, &names).text
    };
    assert_eq!(text(&unfurl), "look https://github.com/x");
    assert_eq!(text(&forwarded), "GitHub: x/y");
}

mod hostile;

// --- The real sample -----------------------------------------------------------------

/// The real export in the shared samples (beside the repository, here and in CI): skipped
/// where it is absent.
#[test]
fn the_real_sample_export_reads_whole() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples/slack-export/testarchive.zip"
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipped: no sample export at {path}");
        return;
    };
    let export = SlackExport::open(&bytes).unwrap();
    let names: Vec<&str> = export.channels().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let days: usize = export.channels().iter().map(|c| c.days).sum();
    assert_eq!(days, 17);
    let transcript = export.transcript(&names, None, None).unwrap();
    assert_eq!(
        transcript.messages.len(),
        158,
        "every message of the sample"
    );
    assert!(transcript.unread.is_empty(), "{:?}", transcript.unread);
    for message in &transcript.messages {
        assert!(!message.text.contains("<@U"), "{}", message.text);
        assert!(!message.text.contains("&lt;"), "{}", message.text);
        assert!(!message.author.is_empty());
    }
    let kinds: HashSet<MessageKind> = transcript.messages.iter().map(|m| m.kind).collect();
    for kind in [
        MessageKind::Message,
        MessageKind::Alert,
        MessageKind::Join,
        MessageKind::File,
        MessageKind::System,
    ] {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
    assert!(transcript.messages.iter().any(|m| m.edited));
    // The webhooks have no names but in the notices that added them.
    for alert in transcript
        .messages
        .iter()
        .filter(|m| m.kind == MessageKind::Alert)
    {
        assert_eq!(alert.author, "github", "{}", alert.text);
    }
    let shared: Vec<&str> = transcript
        .messages
        .iter()
        .flat_map(|m| m.files.iter().map(String::as_str))
        .collect();
    assert_eq!(shared.len(), 4, "three shares and a comment: {shared:?}");
}
