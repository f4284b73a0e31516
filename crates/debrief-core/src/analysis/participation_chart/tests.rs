use super::heatmap::*;
use super::volume::*;
use super::*;
use crate::analysis::chart::tests::{assert_inert, El};
use crate::analysis::participation::{default_settings, message_range, participation};
use crate::import::{Message, MessageKind};
use crate::model::{EntityId, ImpactWindow, IncidentRole, Person};
use crate::testing::{assert_golden, at, empty_review, message, transcripts};
use crate::time::BundledZones;
use crate::triage::ReviewTranscripts;
use MessageKind::{Alert, Join};

fn pst(clock: &str) -> String {
    format!("2019-11-06T{clock}:00-08:00")
}

fn person(key: &str, name: &str, team: &str) -> Person {
    Person {
        id: EntityId::new(key),
        name: name.to_owned(),
        team: team.to_owned(),
        ..Person::default()
    }
}

/// A night of ingest brownouts, as the chat saw it: pages, a handful of responders, a
/// quiet hour while everyone waited on the provider, and someone who only watched.
pub(crate) fn sample() -> (Review, ReviewTranscripts) {
    let mut review = empty_review();
    review.title = "Ingest brownouts".to_owned();
    review.incident.time_zone = "America/Los_Angeles".to_owned();
    review.people = vec![
        Person {
            roles: vec![IncidentRole::OnCall],
            tenure_months: Some(5),
            ..person("p1", "Avery On-Call", "Ingest")
        },
        Person {
            roles: vec![IncidentRole::IncidentCommander],
            tenure_months: Some(40),
            ..person("p2", "Morgan Commander", "ingest")
        },
        Person {
            time_zone: Some("Europe/Berlin".to_owned()),
            ..person("p3", "Riley from Storage", "Storage")
        },
        Person {
            roles: vec![IncidentRole::Communications],
            ..person("p4", "Casey Comms", "")
        },
    ];
    review.impact.windows = vec![
        ImpactWindow {
            id: EntityId::new("w1"),
            start: Some(at(&pst("02:20"))),
            end: Some(at(&pst("02:40"))),
            affected: "ingest API".to_owned(),
            magnitude: "1–3% of requests rejected".to_owned(),
        },
        ImpactWindow {
            id: EntityId::new("w2"),
            start: Some(at(&pst("05:10"))),
            end: Some(at(&pst("05:30"))),
            affected: "ingest API".to_owned(),
            magnitude: String::new(),
        },
    ];
    let mut chat: Vec<Message> = Vec::new();
    let mut say = |clock: &str, author: &str, kind: MessageKind| {
        chat.push(message(&pst(clock), author, kind));
    };
    for minute in [20, 21, 22, 22, 23, 30] {
        say(&format!("02:{minute:02}"), "slo-bot", Alert);
    }
    say("02:22", "avery", Join);
    for minute in (23..60).step_by(3) {
        say(&format!("02:{minute:02}"), "avery", MessageKind::Message);
    }
    say("02:31", "casey", Join);
    for minute in [32, 45, 58] {
        say(&format!("02:{minute:02}"), "casey", MessageKind::Message);
    }
    say("02:40", "morgan", Join);
    for minute in (41..60).step_by(6) {
        say(&format!("02:{minute:02}"), "Morgan C", MessageKind::Message);
    }
    for minute in (0..40).step_by(5) {
        say(&format!("03:{minute:02}"), "avery", MessageKind::Message);
        say(
            &format!("03:{:02}", minute + 2),
            "morgan",
            MessageKind::Message,
        );
    }
    say("03:50", "lurker", Join);
    // Quiet from 03:37 until 04:30 while the provider looks; one alert meanwhile.
    say("04:10", "slo-bot", Alert);
    say("04:30", "sam.k", MessageKind::Message);
    for minute in [10, 10, 11, 12] {
        say(&format!("05:{minute:02}"), "slo-bot", Alert);
    }
    for minute in (10..40).step_by(2) {
        say(&format!("05:{minute:02}"), "avery", MessageKind::Message);
    }
    for minute in [12, 20, 31] {
        say(&format!("05:{minute:02}"), "riley", MessageKind::Message);
    }
    say("05:45", "casey", MessageKind::File);
    let set = transcripts(
        vec![chat],
        &[
            ("avery", "p1"),
            ("morgan", "p2"),
            ("Morgan C", "p2"),
            ("riley", "p3"),
            ("casey", "p4"),
        ],
    );
    (review, set)
}

fn computed(review: &Review, set: &ReviewTranscripts) -> Participation {
    let settings = default_settings(message_range(set).expect("messages"));
    participation(review, set, &BundledZones, &settings)
}

fn options() -> ParticipationChartOptions {
    ParticipationChartOptions {
        zone_label: "America/Los_Angeles".to_owned(),
        id_prefix: "chart".to_owned(),
        ..ParticipationChartOptions::default()
    }
}

fn chart(review: &Review, p: &Participation, options: &ParticipationChartOptions) -> VolumeChart {
    layout(review, p, options).expect("something to draw")
}

fn row_names(chart: &VolumeChart) -> Vec<&str> {
    chart.rows.iter().map(|r| r.name.text.as_str()).collect()
}

// --- Geometry. -----------------------------------------------------------------------

#[test]
fn rows_bars_and_bands_sit_on_one_time_axis() {
    let (review, set) = sample();
    let p = computed(&review, &set);
    assert_eq!(
        p.bucket,
        TimeDelta::minutes(5),
        "02:20–05:45 in 5-minute buckets"
    );
    let chart = chart(&review, &p, &options());
    assert_eq!(
        row_names(&chart),
        [
            "Alerts",
            "Avery On-Call",
            "Morgan Commander",
            "Casey Comms",
            "Riley from Storage",
            "sam.k"
        ]
    );
    let counts: Vec<&str> = chart.rows.iter().map(|r| r.count.text.as_str()).collect();
    assert_eq!(counts, ["11", "36", "12", "4", "3", "1"]);
    assert!(chart.presence.is_some());
    // Bars stay in the plot and in their row; people share one scale.
    let people = &chart.rows[1..];
    let tallest = people
        .iter()
        .flat_map(|r| &r.bars)
        .map(|b| b.height)
        .fold(0.0, f64::max);
    assert_eq!(tallest, BAR_MAX_H);
    for row in &chart.rows {
        for bar in &row.bars {
            assert!(bar.x >= chart.left - 0.01 && bar.x + bar.width <= chart.right + 0.01);
            assert!(bar.height >= BAR_MIN_H && bar.height <= BAR_MAX_H);
            assert!(row.baseline - bar.height >= row.top);
        }
    }
    // Avery's first bucket: 02:20–02:25 holds 02:23; its bar starts at the plot's left.
    let avery = &chart.rows[1];
    assert_eq!(avery.bars[0].x, chart.left);
    assert_eq!(avery.bars[0].title, "02:20–02:25: 1 message");
    // The impact window 02:20–02:40 covers the first four buckets.
    let plot = chart.right - chart.left;
    let per_bucket = plot / p.bucket_starts.len() as f64;
    let first = &chart.impact[0];
    assert!((first.x0 - chart.left).abs() < 0.01);
    assert!((first.x1 - (chart.left + 4.0 * per_bucket)).abs() < 0.01);
    assert_eq!(
        first.title,
        "Impact 02:20–02:40 — ingest API — 1–3% of requests rejected"
    );
    assert_eq!(
        first.label.as_ref().map(|l| l.text.as_str()),
        Some("Impact: ingest API")
    );
    // Two quiet gaps: 03:37–04:30, with the alert that fired in it, and 04:30–05:10.
    assert_eq!(chart.gaps.len(), 2);
    assert_eq!(
        chart.gaps[0].title,
        "Quiet for 53 min (03:37–04:30): no messages from people; 1 alert meanwhile"
    );
    assert!(chart.gaps[0].x0 < chart.gaps[0].x1);
    // Rows follow each other; bands span all of them.
    for pair in chart.rows.windows(2) {
        assert!(pair[1].top >= pair[0].top + ROW_H);
    }
    assert!(chart.plot_bottom >= chart.rows.last().unwrap().top + ROW_H);
    assert!(chart.detailed);
    assert!(chart.note.is_none());
}

#[test]
fn ticks_fall_on_round_local_times() {
    let (review, set) = sample();
    let p = computed(&review, &set);
    let chart = chart(&review, &p, &options());
    let times: Vec<&str> = chart.ticks.iter().map(|t| t.time.as_str()).collect();
    assert_eq!(
        times,
        ["02:30", "03:00", "03:30", "04:00", "04:30", "05:00", "05:30"]
    );
    assert_eq!(chart.ticks[0].date.as_deref(), Some("2019-11-06"));
    assert!(chart.ticks[1..].iter().all(|t| t.date.is_none()));
    assert!(chart
        .ticks
        .windows(2)
        .all(|w| w[1].x - w[0].x >= MIN_TICK_PX));
}

#[test]
fn rows_by_team_count_unlinked_people_under_no_team() {
    let (review, set) = sample();
    let p = computed(&review, &set);
    let by_team = ParticipationChartOptions {
        group_by: GroupBy::Team,
        ..options()
    };
    let chart = chart(&review, &p, &by_team);
    assert_eq!(
        row_names(&chart),
        ["Alerts", "Ingest", "No team", "Storage"]
    );
    let counts: Vec<&str> = chart.rows.iter().map(|r| r.count.text.as_str()).collect();
    assert_eq!(counts, ["11", "48", "5", "3"]);
}

/// Sixty speakers over a day and a half, fifty thousand messages.
fn crowd() -> (Review, ReviewTranscripts) {
    let mut review = empty_review();
    review.incident.time_zone = "America/Los_Angeles".to_owned();
    review.people = (0..60)
        .map(|i| {
            person(
                &format!("p{i}"),
                &format!("Responder number {i}"),
                ["ingest", "storage", "query", ""][i % 4],
            )
        })
        .collect();
    review.impact.windows = vec![ImpactWindow {
        id: EntityId::new("w"),
        start: Some(at("2019-11-06T02:00:00-08:00")),
        end: Some(at("2019-11-06T05:00:00-08:00")),
        affected: "ingest".to_owned(),
        magnitude: String::new(),
    }];
    let start = at("2019-11-05T20:00:00Z");
    let mut chat = Vec::with_capacity(50_000);
    for i in 0..50_000i64 {
        let when = start + TimeDelta::seconds(i * 36 * 3600 / 50_000);
        let r = (i * 2_654_435_761) % 4_294_967_296;
        let who = (r % 60).min(r / 60 % 60);
        let kind = if i % 10 == 0 {
            Alert
        } else {
            MessageKind::Message
        };
        let mut m = message(&when.to_rfc3339(), &format!("user{who}"), kind);
        m.id = i.to_string();
        chat.push(m);
    }
    let links: Vec<(String, String)> = (0..60)
        .map(|i| (format!("user{i}"), format!("p{i}")))
        .collect();
    let links: Vec<(&str, &str)> = links
        .iter()
        .map(|(a, p)| (a.as_str(), p.as_str()))
        .collect();
    (review, transcripts(vec![chat], &links))
}

#[test]
fn sixty_speakers_get_twenty_rows_and_one_for_the_rest() {
    let (review, set) = crowd();
    let p = computed(&review, &set);
    assert_eq!(p.speakers.len(), 60);
    let chart = chart(&review, &p, &options());
    let voices: Vec<&Row> = chart
        .rows
        .iter()
        .filter(|r| r.kind != RowKind::Alerts)
        .collect();
    assert_eq!(voices.len(), MAX_ROWS + 1);
    let others = voices.last().unwrap();
    assert_eq!(others.kind, RowKind::Others);
    assert_eq!(others.name.text, "40 others (one row)");
    let rest: usize = p.speakers[MAX_ROWS..].iter().map(|s| s.messages).sum();
    assert_eq!(others.count.text, rest.to_string());
    assert_eq!(
        chart.note.as_ref().unwrap().text,
        "Showing the 20 most active of 60 speakers; the other 40 share the last row."
    );
    let svg = render_participation_svg(&review, &p, &options());
    let root = assert_inert(&svg);
    assert!(svg.contains("Showing the 20 most active of 60 speakers"));
    assert!(root.all("desc")[0]
        .own_text()
        .contains("the other 40 share the last row"));
    assert!(svg.len() < 250_000, "{} bytes", svg.len());
    let heatmap = render_activity_heatmap_svg(&p, &options());
    assert_inert(&heatmap);
    assert!(heatmap.len() < 30_000, "{} bytes", heatmap.len());
    eprintln!(
        "60 speakers, 50,000 messages: volume SVG {} bytes, heatmap SVG {} bytes",
        svg.len(),
        heatmap.len()
    );
}

#[test]
fn thin_buckets_are_merged_and_many_bars_share_one_path_per_row() {
    let (review, set) = crowd();
    let minute = crate::analysis::participation::ParticipationSettings {
        bucket: TimeDelta::minutes(1),
        quiet_gap: TimeDelta::minutes(15),
    };
    let p = participation(&review, &set, &BundledZones, &minute);
    assert_eq!(p.bucket_starts.len(), 2160);
    let chart = chart(&review, &p, &options());
    let most_bars = ((chart.right - chart.left) / MIN_BAR_PX) as usize;
    for row in &chart.rows {
        assert!(row.bars.len() <= most_bars, "{}", row.bars.len());
        for pair in row.bars.windows(2) {
            assert!(
                pair[1].x >= pair[0].x + pair[0].width - 0.01,
                "bars overlap"
            );
        }
    }
    assert!(!chart.detailed);
    let svg = render_participation_svg(&review, &p, &options());
    let root = assert_inert(&svg);
    // One path per row, its tooltip a summary with counts.
    let titled_paths: Vec<String> = root.all("path").into_iter().filter_map(El::title).collect();
    assert!(titled_paths
        .iter()
        .any(|t| t.starts_with("Responder number 0: ") && t.contains(" messages; most ")));
    assert!(titled_paths
        .iter()
        .any(|t| t.starts_with("Alerts: 5000 alerts; most ")));
    assert!(svg.contains("in 4 min buckets") || svg.contains("min buckets"));
}

// --- Safety. -------------------------------------------------------------------------

const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "\"onload=alert(1) x=\"",
    "nul\u{0}in\u{0}name",
    "</title><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "&amp; &lt;b&gt;",
];

fn hostile() -> (Review, ReviewTranscripts) {
    let mut review = empty_review();
    review.title = HOSTILE[0].to_owned();
    review.incident.time_zone = "America/Los_Angeles".to_owned();
    review.people = vec![Person {
        team: HOSTILE[3].to_owned(),
        ..person("p1", HOSTILE[1], HOSTILE[4])
    }];
    review.impact.windows = vec![ImpactWindow {
        id: EntityId::new("w"),
        start: Some(at(&pst("03:00"))),
        end: Some(at(&pst("03:20"))),
        affected: HOSTILE[0].to_owned(),
        magnitude: HOSTILE[3].to_owned(),
    }];
    let mut chat = Vec::new();
    for (i, author) in HOSTILE.iter().enumerate() {
        chat.push(message(
            &pst(&format!("03:{:02}", i * 10)),
            author,
            MessageKind::Message,
        ));
        chat.push(message(
            &pst(&format!("03:{:02}", i * 10 + 1)),
            author,
            Alert,
        ));
    }
    chat.push(message(
        &pst("02:55"),
        "linked-author",
        MessageKind::Message,
    ));
    (review, transcripts(vec![chat], &[("linked-author", "p1")]))
}

#[test]
fn hostile_names_stay_text() {
    let (review, set) = hostile();
    let p = computed(&review, &set);
    for group_by in [GroupBy::Speaker, GroupBy::Team] {
        let options = ParticipationChartOptions {
            zone_label: HOSTILE[1].to_owned(),
            id_prefix: HOSTILE[3].to_owned(),
            group_by,
            width: 960,
        };
        let svg = render_participation_svg(&review, &p, &options);
        let heatmap = render_activity_heatmap_svg(&p, &options);
        for svg in [&svg, &heatmap] {
            let root = assert_inert(svg);
            assert!(!svg.contains('\u{0}'));
            assert!(!svg.contains("<script"));
            assert!(root
                .attr("aria-labelledby")
                .unwrap()
                .starts_with("titlesvgonloadalert1"));
        }
        assert!(
            svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "the review title"
        );
        assert!(svg.contains("Times in &quot;onload=alert(1) x=&quot;"));
        let root = assert_inert(&svg);
        let texts: Vec<String> = root.descendants().into_iter().map(El::own_text).collect();
        let shown = |needle: &str| texts.iter().any(|t| t.contains(needle));
        match group_by {
            GroupBy::Speaker => {
                assert!(svg.contains("&amp;amp; &amp;lt;b&amp;gt;"), "escaped once");
                assert!(shown("<script>alert(1)</script>"));
                assert!(shown("nulinname"));
                assert!(shown("\"onload=alert(1) x=\""), "the linked person's name");
            }
            GroupBy::Team => assert!(shown("</title><svg onload=alert(1)>")),
        }
    }
}

#[test]
fn nothing_to_draw_says_so() {
    let review = empty_review();
    let p = participation(
        &review,
        &ReviewTranscripts::default(),
        &BundledZones,
        &default_settings((at(&pst("03:00")), at(&pst("04:00")))),
    );
    let options = ParticipationChartOptions {
        id_prefix: "<x>".to_owned(),
        ..options()
    };
    let svg = render_participation_svg(&review, &p, &options);
    let root = assert_inert(&svg);
    assert!(root.all("text")[0]
        .own_text()
        .contains("No transcript messages"));
    assert_eq!(root.attr("aria-labelledby"), Some("x-title x-desc"));
    let heatmap = render_activity_heatmap_svg(&p, &options);
    let root = assert_inert(&heatmap);
    assert!(root.all("text")[0]
        .own_text()
        .contains("No messages from people"));
    assert_eq!(
        root.attr("aria-labelledby"),
        Some("x-heatmap-title x-heatmap-desc")
    );

    // Only alerts: the chart draws them and says nobody wrote.
    let set = transcripts(vec![vec![message(&pst("03:00"), "bot", Alert)]], &[]);
    let p = computed(&review, &set);
    let chart = chart(&review, &p, &options);
    assert_eq!(row_names(&chart), ["Alerts"]);
    assert!(chart
        .note
        .unwrap()
        .text
        .starts_with("No messages from people"));
}

#[test]
fn an_unknown_zone_is_named_in_the_header() {
    let (mut review, set) = sample();
    review.incident.time_zone = "Mars/Olympus".to_owned();
    let p = computed(&review, &set);
    let chart = chart(&review, &p, &options());
    assert_eq!(
        chart.header,
        "Times in UTC (“Mars/Olympus” is not a time zone known here)"
    );
    assert_eq!(chart.ticks[0].time, "10:30");
}

// --- Heatmap. ------------------------------------------------------------------------

#[test]
fn the_heatmap_marks_night_and_titles_every_cell() {
    let (review, set) = sample();
    let p = computed(&review, &set);
    let ids = Ids::new("chart-heatmap");
    let map = heatmap_layout(&p, &options(), ids).unwrap();
    assert_eq!(map.cells.len(), 7 * 24);
    let cell_w = (map.width - HEAT_LEFT - PAD) / 24.0;
    assert_eq!(
        map.night,
        [
            (HEAT_LEFT, HEAT_LEFT + 6.0 * cell_w),
            (HEAT_LEFT + 22.0 * cell_w, HEAT_LEFT + 24.0 * cell_w)
        ]
    );
    // Wednesday: 02:xx, 03:xx, 04:xx, 05:xx on the incident's clock.
    let wednesday: Vec<usize> = map.cells[2 * 24..3 * 24].iter().map(|c| c.count).collect();
    assert_eq!(&wednesday[..6], [0, 0, 20, 16, 1, 19]);
    let busiest = &map.cells[2 * 24 + 2];
    assert_eq!(busiest.opacity, 1.0);
    assert_eq!(busiest.title, "Wednesday 02:00–03:00: 20 messages");
    assert_eq!(map.cells[0].title, "Monday 00:00–01:00: 0 messages");
    assert_eq!(
        map.night_title,
        "Night, 22:00–06:00 on the incident's clock: 56 messages (100%)"
    );
    let svg = render_activity_heatmap_svg(&p, &options());
    let root = assert_inert(&svg);
    let titled = root
        .all("rect")
        .into_iter()
        .filter(|r| r.title().is_some())
        .count();
    assert_eq!(titled, 7 * 24);
    assert_eq!(
        root.all("g")[0].title().as_deref(),
        Some(map.night_title.as_str())
    );
    assert!(root.all("text").iter().any(|t| t.own_text() == "night"));
}

#[test]
fn every_bar_and_band_has_a_tooltip_with_counts() {
    let (review, set) = sample();
    let p = computed(&review, &set);
    let chart = chart(&review, &p, &options());
    let svg = render_participation_svg(&review, &p, &options());
    let root = assert_inert(&svg);
    let titled_rects: Vec<String> = root.all("rect").into_iter().filter_map(El::title).collect();
    let bars: usize = chart.rows.iter().map(|r| r.bars.len()).sum();
    assert_eq!(
        titled_rects.len(),
        bars + chart.impact.len() + chart.gaps.len()
    );
    assert!(titled_rects
        .iter()
        .all(|t| t.chars().any(|c| c.is_ascii_digit())));
    let presence = root
        .all("path")
        .into_iter()
        .filter_map(El::title)
        .find(|t| t.starts_with("In the channel"))
        .unwrap();
    assert_eq!(
        presence,
        "In the channel: most 6 by 05:15, 6 at the end; 4 people joined, 1 of them never wrote"
    );
}

#[test]
fn golden_sample_charts() {
    let (review, set) = sample();
    let p = computed(&review, &set);
    assert_golden(
        "participation.svg",
        &render_participation_svg(&review, &p, &options()),
    );
    assert_golden(
        "participation-heatmap.svg",
        &render_activity_heatmap_svg(&p, &options()),
    );
    let first = render_participation_svg(&review, &p, &options());
    assert_eq!(
        first,
        render_participation_svg(&review.clone(), &p.clone(), &options())
    );
}

/// Writes the sample charts for a person to look at: `cargo test -p debrief-core --lib
/// participation_chart -- --ignored` then open `$TMPDIR/participation-*.svg`.
#[test]
#[ignore]
fn write_samples_for_eyeballing() {
    let dir = std::env::temp_dir();
    let (review, set) = sample();
    let p = computed(&review, &set);
    let write = |name: &str, svg: String| std::fs::write(dir.join(name), svg).unwrap();
    write(
        "participation-sample.svg",
        render_participation_svg(&review, &p, &options()),
    );
    write(
        "participation-heatmap.svg",
        render_activity_heatmap_svg(&p, &options()),
    );
    let teams = ParticipationChartOptions {
        group_by: GroupBy::Team,
        ..options()
    };
    write(
        "participation-teams.svg",
        render_participation_svg(&review, &p, &teams),
    );
    let (review, set) = crowd();
    let p = computed(&review, &set);
    write(
        "participation-crowd.svg",
        render_participation_svg(&review, &p, &options()),
    );
    write(
        "participation-crowd-heatmap.svg",
        render_activity_heatmap_svg(&p, &options()),
    );
}
