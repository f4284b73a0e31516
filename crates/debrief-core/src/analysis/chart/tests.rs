use super::*;
use crate::model::{EntityId, Hypothesis, Impact, ImpactWindow, IncidentWindow, Person, ReviewId};
use crate::time::BundledZones;

// --- The chart as an XML parser reads it: roxmltree (an independent parser) checks it
// is well-formed, and `El` is the tree the assertions look at. ---------------------------

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

#[derive(Debug)]
pub(crate) struct El {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

impl El {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// This element and every element inside it, in document order.
    pub(crate) fn descendants(&self) -> Vec<&El> {
        let mut out = vec![self];
        for child in &self.children {
            if let Node::El(el) = child {
                out.extend(el.descendants());
            }
        }
        out
    }

    pub(crate) fn all(&self, name: &str) -> Vec<&El> {
        self.descendants()
            .into_iter()
            .filter(|el| el.name == name)
            .collect()
    }

    /// Text directly inside, not counting a `<title>` child.
    pub(crate) fn own_text(&self) -> String {
        self.children
            .iter()
            .filter_map(|c| match c {
                Node::Text(t) => Some(t.as_str()),
                Node::El(_) => None,
            })
            .collect()
    }

    pub(crate) fn title(&self) -> Option<String> {
        self.children.iter().find_map(|c| match c {
            Node::El(el) if el.name == "title" => Some(el.own_text()),
            _ => None,
        })
    }
}

/// Parses the chart as XML 1.0. Comments, processing instructions and a prolog are
/// refused as well: the chart never writes them, so their presence is an error too.
fn parse(doc: &str) -> Result<El, String> {
    let document = roxmltree::Document::parse(doc).map_err(|err| err.to_string())?;
    if document
        .descendants()
        .any(|node| node.is_comment() || node.is_pi())
    {
        return Err("a comment or processing instruction".to_owned());
    }
    if !doc.trim_start().starts_with('<') || doc.trim_start().starts_with("<?") {
        return Err("something before the root element".to_owned());
    }
    Ok(tree(document.root_element()))
}

fn tree(node: roxmltree::Node) -> El {
    El {
        name: node.tag_name().name().to_owned(),
        attrs: node
            .attributes()
            .map(|a| (a.name().to_owned(), a.value().to_owned()))
            .collect(),
        children: node
            .children()
            .filter_map(|child| {
                if child.is_element() {
                    Some(Node::El(tree(child)))
                } else {
                    child.text().map(|text| Node::Text(text.to_owned()))
                }
            })
            .collect(),
    }
}

#[test]
fn the_reader_refuses_what_is_not_well_formed() {
    for bad in [
        "<svg><g></svg>",
        "<svg a=1></svg>",
        "<svg>&nbsp;</svg>",
        "<svg>\u{1}</svg>",
        "<svg><!-- note --></svg>",
        "<?xml version=\"1.0\"?><svg/>",
        "<svg/><svg/>",
    ] {
        assert!(parse(bad).is_err(), "{bad:?}");
    }
    let root = parse("<svg id=\"a\"><text>x &amp; y<title>t</title></text></svg>").unwrap();
    assert_eq!(root.attr("id"), Some("a"));
    assert_eq!(root.all("text")[0].own_text(), "x & y");
    assert_eq!(root.all("text")[0].title().as_deref(), Some("t"));
}

/// Well-formed, and nothing that could run, load or navigate.
pub(crate) fn assert_inert(svg: &str) -> El {
    let root = parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}"));
    assert_eq!(root.name, "svg");
    assert!(!svg.to_ascii_lowercase().contains("<script"));
    assert_eq!(svg.matches("<svg").count(), 1, "one root, no nested svg");
    const ELEMENTS: [&str; 7] = ["svg", "g", "path", "rect", "text", "title", "desc"];
    for el in root.descendants() {
        assert!(ELEMENTS.contains(&el.name.as_str()), "<{}>", el.name);
        for (name, value) in &el.attrs {
            let name = name.to_ascii_lowercase();
            let value = value.to_ascii_lowercase();
            assert!(!name.starts_with("on"), "event handler {name}");
            assert!(
                !name.contains("href") && name != "style" && name != "src",
                "{name}"
            );
            for bad in ["javascript:", "url(", "<", "data:"] {
                assert!(!value.contains(bad), "{name}={value:?}");
            }
        }
    }
    // ids are well-formed, unique, and what aria-labelledby names.
    let ids: Vec<&str> = root
        .descendants()
        .into_iter()
        .filter_map(|el| el.attr("id"))
        .collect();
    for id in &ids {
        assert!(
            id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'),
            "{id}"
        );
        assert!(id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')));
        assert_eq!(ids.iter().filter(|other| *other == id).count(), 1, "{id}");
    }
    for id in root.attr("aria-labelledby").unwrap().split(' ') {
        assert!(ids.contains(&id), "{id}");
    }
    root
}

// --- Reviews to draw. ----------------------------------------------------------------

fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A clock time on the night of the sample incident, Pacific time.
fn pst(clock: &str) -> Timestamp {
    at(&format!("2019-11-06T{clock}:00-08:00"))
}

fn person(id: &str, name: &str) -> Person {
    Person {
        id: EntityId::new(id),
        name: name.to_owned(),
        ..Person::default()
    }
}

fn event(
    id: &str,
    when: Timestamp,
    kind: EventKind,
    actor: Option<&str>,
    text: &str,
) -> TimelineEvent {
    TimelineEvent {
        id: EntityId::new(id),
        at: Some(when),
        text: text.to_owned(),
        kind,
        actor: actor.map(EntityId::new),
        visibility: Visibility::Public,
        ..TimelineEvent::default()
    }
}

fn key(mut event: TimelineEvent) -> TimelineEvent {
    event.key = true;
    event
}

fn until(mut event: TimelineEvent, end: Timestamp) -> TimelineEvent {
    event.end = Some(end);
    event
}

fn hypothesis(
    id: &str,
    statement: &str,
    raised: Timestamp,
    status: HypothesisStatus,
    settled: Option<Timestamp>,
) -> Hypothesis {
    Hypothesis {
        id: EntityId::new(id),
        statement: statement.to_owned(),
        raised_by: Some(EntityId::new("p1")),
        raised_at: Some(raised),
        status,
        status_changed_at: settled,
        visibility: Visibility::Public,
        ..Hypothesis::default()
    }
}

fn window(start: Timestamp, end: Timestamp, affected: &str) -> ImpactWindow {
    ImpactWindow {
        id: EntityId::new(format!("w{}", start.timestamp())),
        start: Some(start),
        end: Some(end),
        affected: affected.to_owned(),
        magnitude: "1–3% of requests rejected".to_owned(),
    }
}

fn review(people: Vec<Person>, timeline: Vec<TimelineEvent>) -> Review {
    Review {
        id: ReviewId::new("r1"),
        title: "Ingest brownouts".to_owned(),
        incident: IncidentWindow {
            time_zone: "America/Los_Angeles".to_owned(),
            ..IncidentWindow::default()
        },
        people,
        timeline,
        ..Review::default()
    }
}

/// The slow memory leak: a night of brownouts, a provider theory held for five hours.
fn sample() -> Review {
    use EventKind::*;
    let people = vec![
        person("p1", "Avery On-Call"),
        person("p2", "Jordan Fresh-Eyes"),
        person("p3", "Riley from Storage"),
        person("p4", "Casey (Communications lead for the EMEA region)"),
        person("p5", "Morgan Incident-Commander"),
        person("p6", "Quinn (never acted)"),
    ];
    let timeline = vec![
        key(event(
            "e1",
            pst("02:22"),
            Alert,
            Some("p1"),
            "SLO burn alert for ingest success rate pages the on-call engineer.",
        )),
        event(
            "e2",
            pst("02:26"),
            Observation,
            Some("p1"),
            "Error rate back to normal; hosts restarted by the orchestrator.",
        ),
        until(
            event(
                "e3",
                pst("02:30"),
                Communication,
                Some("p4"),
                "Status page: investigating elevated errors.",
            ),
            pst("02:45"),
        ),
        key(until(
            event(
                "e4",
                pst("03:00"),
                Hypothesis,
                Some("p1"),
                "Responders suspect the cloud provider's load balancers.",
            ),
            pst("07:30"),
        )),
        event(
            "e5",
            pst("03:05"),
            Escalation,
            Some("p1"),
            "Ticket opened with the provider.",
        ),
        event(
            "e6",
            pst("03:20"),
            Decision,
            Some("p5"),
            "Wait for the provider before changing anything.",
        ),
        event(
            "e7",
            pst("04:10"),
            Observation,
            None,
            "Dashboard shows memory rising on every ingest host.",
        ),
        key(event(
            "e8",
            pst("05:10"),
            Alert,
            Some("p1"),
            "Second brownout: SLO burn alert pages again.",
        )),
        event(
            "e9",
            pst("05:14"),
            Action,
            Some("p1"),
            "Restart ingest hosts by hand.",
        ),
        event(
            "e10",
            pst("05:20"),
            Communication,
            Some("p4"),
            "Status page updated: second period of errors.",
        ),
        event(
            "e11",
            pst("05:31"),
            Detection,
            Some("p3"),
            "Storage team notices write latency on ingest.",
        ),
        event(
            "e12",
            pst("06:00"),
            Observation,
            Some("p3"),
            "Heap graphs show a sawtooth with a four-hour period.",
        ),
        key(event(
            "e13",
            pst("07:05"),
            Detection,
            Some("p2"),
            "Jordan notices every host's memory rises in step.",
        )),
        event(
            "e14",
            pst("07:20"),
            DeployOrChange,
            Some("p2"),
            "Finds the compression library upgrade deployed yesterday.",
        ),
        key(event(
            "e15",
            pst("07:40"),
            Decision,
            Some("p5"),
            "Roll back the compression library upgrade.",
        )),
        until(
            event(
                "e16",
                pst("07:45"),
                DeployOrChange,
                Some("p2"),
                "Rollback deployed across the fleet.",
            ),
            pst("08:20"),
        ),
        key(event(
            "e17",
            pst("08:30"),
            Mitigation,
            Some("p2"),
            "Memory flat on all hosts after the rollback.",
        )),
        event(
            "e18",
            pst("09:00"),
            Communication,
            Some("p4"),
            "Status page: monitoring.",
        ),
        key(event(
            "e19",
            pst("09:40"),
            Resolution,
            Some("p5"),
            "Incident resolved.",
        )),
        event("e20", pst("09:42"), Other, None, "Retro scheduled."),
    ];
    let mut review = review(people, timeline);
    review.incident.start = Some(pst("02:20"));
    review.incident.end = Some(pst("09:45"));
    review.impact = Impact {
        statement: String::new(),
        windows: vec![
            window(pst("02:20"), pst("02:40"), "ingest API"),
            window(pst("05:10"), pst("05:30"), "ingest API"),
        ],
        ..Impact::default()
    };
    review.hypotheses = vec![
        hypothesis(
            "h1",
            "The provider's load balancers are dropping connections.",
            pst("03:00"),
            HypothesisStatus::Falsified,
            Some(pst("08:10")),
        ),
        hypothesis(
            "h2",
            "A memory leak in the new compression library.",
            pst("07:05"),
            HypothesisStatus::Supported,
            Some(pst("08:30")),
        ),
        hypothesis(
            "h3",
            "Storage latency makes the leak worse.",
            pst("06:00"),
            HypothesisStatus::Open,
            None,
        ),
        hypothesis(
            "h4",
            "Noisy neighbours on the hosts.",
            pst("04:00"),
            HypothesisStatus::Abandoned,
            Some(pst("04:40")),
        ),
    ];
    review
}

fn options() -> ChartOptions {
    ChartOptions {
        zone: "America/Los_Angeles".to_owned(),
        id_prefix: "chart".to_owned(),
        ..ChartOptions::default()
    }
}

fn render(review: &Review, options: &ChartOptions) -> String {
    render_timeline_svg(review, &BundledZones, options)
}

fn chart(review: &Review, options: &ChartOptions) -> Chart {
    layout(review, &BundledZones, options).expect("something to draw")
}

fn lane_names(chart: &Chart) -> Vec<String> {
    chart.lanes.iter().map(|l| l.name.text.clone()).collect()
}

fn tick_times(chart: &Chart) -> Vec<&str> {
    chart.ticks.iter().map(|t| t.time.as_str()).collect()
}

/// `count` public events a minute apart from 03:00 by p1, for range tests.
fn span_review(from: Timestamp, to: Timestamp) -> Review {
    review(
        vec![person("p1", "Avery")],
        vec![
            event("a", from, EventKind::Alert, Some("p1"), "first"),
            event("b", to, EventKind::Resolution, Some("p1"), "last"),
        ],
    )
}

// --- Safety. -------------------------------------------------------------------------

const HOSTILE: [&str; 10] = [
    "</title><script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "]]><!--",
    "<![CDATA[x]]><?xml-stylesheet href='evil.css'?>",
    "javascript:alert(1)",
    "&amp; &lt;b&gt; &#x3c;",
    "nul\u{0}bell\u{7}esc\u{1b}del\u{7f}c1\u{85}end\u{FFFE}\u{FFFF}",
    "<foreignObject><img src=x onerror=alert(1)></foreignObject>",
    "<a href=\"javascript:alert(1)\"><image href=\"https://evil.example/x.png\"/></a>",
];

fn hostile_review() -> Review {
    let people: Vec<Person> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, text)| person(&format!("p{i}"), text))
        .collect();
    let mut timeline = Vec::new();
    for (i, text) in HOSTILE.iter().enumerate() {
        let when = pst("03:00") + TimeDelta::minutes(i as i64 * 40);
        let kind = EventKind::ALL[i % EventKind::ALL.len()];
        timeline.push(key(event(
            &format!("k{i}"),
            when,
            kind,
            Some(&format!("p{i}")),
            text,
        )));
        timeline.push(until(
            event(&format!("d{i}"), when, kind, None, text),
            when + TimeDelta::minutes(30),
        ));
    }
    let mut review = review(people, timeline);
    review.title = HOSTILE[0].to_owned();
    review.impact.windows = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let start = pst("03:00") + TimeDelta::minutes(i as i64 * 40);
            ImpactWindow {
                affected: (*text).to_owned(),
                magnitude: (*text).to_owned(),
                ..window(start, start + TimeDelta::minutes(10), text)
            }
        })
        .collect();
    review.hypotheses = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let raised = pst("03:00") + TimeDelta::minutes(i as i64 * 30);
            let status = HypothesisStatus::ALL[i % 4];
            let mut h = hypothesis(
                &format!("h{i}"),
                text,
                raised,
                status,
                Some(raised + TimeDelta::hours(1)),
            );
            h.raised_by = Some(EntityId::new(format!("p{i}")));
            h
        })
        .collect();
    review
}

#[test]
fn hostile_text_everywhere_stays_text() {
    let review = hostile_review();
    let options = ChartOptions {
        zone: HOSTILE[1].to_owned(),
        id_prefix: HOSTILE[1].to_owned(),
        ..options()
    };
    let svg = render(&review, &options);
    let root = assert_inert(&svg);

    // Nothing that XML forbids, and no raw controls.
    assert!(!svg.contains(['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{FFFE}']));
    // Escaped once, not twice and not zero times.
    assert!(svg.contains("&amp;amp; &amp;lt;b&amp;gt; &amp;#x3c;"));
    assert!(svg.contains("&lt;/title&gt;&lt;script&gt;"));
    assert!(svg.contains("&quot;&gt;&lt;svg onload=alert(1)&gt;"));
    assert!(svg.contains("&#39; onmouseover=&#39;alert(1)&#39; x=&#39;"));
    // The payloads come back, as text, when the document is read.
    let texts: Vec<String> = root.descendants().into_iter().map(El::own_text).collect();
    for payload in HOSTILE {
        let expected = one_line(payload);
        assert!(
            texts.iter().any(|t| t.contains(&expected)),
            "{expected:?} missing"
        );
    }
    assert!(texts.iter().any(|t| t.contains("nulbellescdelc1 end")));
    // The hostile zone name is shown (escaped) and UTC is used instead.
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Times in UTC (“\"><svg onload")));
    // The hostile id prefix was reduced to safe characters.
    assert_eq!(
        root.attr("aria-labelledby"),
        Some("svgonloadalert1-title svgonloadalert1-desc")
    );
}

#[test]
fn empty_state_is_inert_too() {
    let mut nothing = review(vec![person("p1", "<b>")], vec![]);
    nothing.title = "</title><script>".to_owned();
    let svg = render(
        &nothing,
        &ChartOptions {
            id_prefix: "<x>".to_owned(),
            ..options()
        },
    );
    let root = assert_inert(&svg);
    assert!(root.all("text")[0]
        .own_text()
        .contains("No events with a time"));
    assert_eq!(root.attr("aria-labelledby"), Some("x-title x-desc"));
}

#[test]
fn escaping_and_cleaning() {
    assert_eq!(Attr("a<b>&\"c'").to_string(), "a&lt;b&gt;&amp;&quot;c&#39;");
    assert_eq!(Attr("x\u{0}y\u{FFFF}z\nw").to_string(), "xyz w");
    assert_eq!(one_line("  two\n\tlines \u{1}here  "), "two lines here");
    assert_eq!(truncate("abcdef", 4), "abc…");
    assert_eq!(truncate("ab  cdef", 4), "ab…");
    assert_eq!(truncate("abc", 3), "abc");
    assert_eq!(truncate("ééééé", 3).chars().count(), 3);
}

#[test]
fn numbers_have_at_most_one_decimal() {
    let n = |v: f64| N(v).to_string();
    assert_eq!(n(12.0), "12");
    assert_eq!(n(12.34), "12.3");
    assert_eq!(n(0.96), "1");
    assert_eq!(n(-0.04), "0");
    assert_eq!(n(-3.21), "-3.2");
    assert_eq!(n(-0.5), "-0.5");
}

#[test]
fn id_prefixes_are_sanitised() {
    assert_eq!(Ids::new("review-42_a").title, "review-42_a-title");
    assert_eq!(Ids::new("my chart!").desc, "mychart-desc");
    assert_eq!(Ids::new("9lives").title, "t-9lives-title");
    assert_eq!(Ids::new("").title, "timeline-title");
    let a = render(
        &sample(),
        &ChartOptions {
            id_prefix: "a".into(),
            ..options()
        },
    );
    let b = render(
        &sample(),
        &ChartOptions {
            id_prefix: "b".into(),
            ..options()
        },
    );
    assert!(a.contains("id=\"a-title\"") && b.contains("id=\"b-title\""));
    assert!(!b.contains("id=\"a-"));
}

// --- Axis. ---------------------------------------------------------------------------

#[test]
fn tick_steps_are_round_and_fit_the_width() {
    let plot = 960.0 - 960.0 * 0.17 - RIGHT_MARGIN;
    // Spans as the chart pads them (3% each side).
    let padded = |seconds: i64| seconds * 106 / 100;
    assert_eq!(choose_tick_step(padded(10 * 60), plot), 60);
    assert_eq!(choose_tick_step(padded(8 * 3600), plot), 3600);
    assert_eq!(choose_tick_step(padded(3 * DAY), plot), 12 * 3600);
    assert_eq!(choose_tick_step(45, plot), 10);
    assert_eq!(choose_tick_step(3 * 365 * DAY, plot), 182 * DAY);
    assert_eq!(choose_tick_step(40 * 365 * DAY, plot), 4 * 364 * DAY);
    // Narrow charts take coarser steps.
    assert_eq!(choose_tick_step(8 * 3600, 300.0), 2 * 3600);
    for span in [60, 3600, 5 * 3600, 40 * 3600, 20 * DAY] {
        let step = choose_tick_step(span, plot);
        assert!(span as f64 / step as f64 <= (plot / MIN_TICK_PX).floor());
    }
}

#[test]
fn ten_minutes_tick_every_minute() {
    let chart = chart(&span_review(pst("03:00"), pst("03:10")), &options());
    let expected: Vec<String> = (0..=10).map(|m| format!("03:{m:02}")).collect();
    assert_eq!(tick_times(&chart), expected);
    assert_eq!(chart.ticks[0].date.as_deref(), Some("2019-11-06"));
    assert!(chart.ticks[1..].iter().all(|t| t.date.is_none()));
}

#[test]
fn eight_hours_tick_every_hour() {
    let chart = chart(&span_review(pst("01:00"), pst("09:00")), &options());
    assert_eq!(
        tick_times(&chart),
        ["01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00"]
    );
    let xs: Vec<f64> = chart.ticks.iter().map(|t| t.x).collect();
    let gaps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps
        .iter()
        .all(|g| (g - gaps[0]).abs() < 0.01 && *g >= MIN_TICK_PX));
}

#[test]
fn three_days_tick_every_twelve_hours_with_dates_at_midnight() {
    let chart = chart(
        &span_review(
            at("2019-11-06T00:00:00-08:00"),
            at("2019-11-09T00:00:00-08:00"),
        ),
        &options(),
    );
    assert_eq!(
        tick_times(&chart),
        ["00:00", "12:00", "00:00", "12:00", "00:00", "12:00", "00:00"]
    );
    let dates: Vec<Option<&str>> = chart.ticks.iter().map(|t| t.date.as_deref()).collect();
    assert_eq!(
        dates,
        [
            Some("2019-11-06"),
            None,
            Some("2019-11-07"),
            None,
            Some("2019-11-08"),
            None,
            Some("2019-11-09")
        ]
    );
    // Titles carry the date when the chart spans days.
    let svg = render(
        &span_review(
            at("2019-11-06T00:00:00-08:00"),
            at("2019-11-09T00:00:00-08:00"),
        ),
        &options(),
    );
    assert!(svg.contains("<title>2019-11-06 00:00 PST — Alert — first</title>"));
}

#[test]
fn three_weeks_tick_by_days_with_the_year_once() {
    let chart = chart(
        &span_review(
            at("2019-12-20T09:00:00-08:00"),
            at("2020-01-10T09:00:00-08:00"),
        ),
        &options(),
    );
    let times = tick_times(&chart);
    assert_eq!(times[..3], ["12-20", "12-22", "12-24"]);
    let years: Vec<&str> = chart
        .ticks
        .iter()
        .filter_map(|t| t.date.as_deref())
        .collect();
    assert_eq!(years, ["2019", "2020"]);
}

#[test]
fn ticks_fall_on_local_round_times_in_half_hour_zones() {
    let chart = chart(
        &span_review(at("2024-01-01T00:00:00Z"), at("2024-01-01T08:00:00Z")),
        &ChartOptions {
            zone: "Asia/Kolkata".to_owned(),
            ..options()
        },
    );
    assert_eq!(tick_times(&chart)[0], "06:00");
    assert!(chart.header.ends_with("Asia/Kolkata, UTC+05:30"));
}

#[test]
fn a_clock_change_shows_both_offsets() {
    // Fall back in Los Angeles: 01:00 happens twice.
    let review = span_review(
        at("2019-11-02T22:00:00-07:00"),
        at("2019-11-03T04:00:00-08:00"),
    );
    let chart = chart(&review, &options());
    assert_eq!(
        chart.header,
        "Times in America/Los_Angeles, UTC-07:00 → UTC-08:00"
    );
    assert_eq!(
        tick_times(&chart).iter().filter(|t| **t == "01:00").count(),
        2
    );
    assert_eq!(chart.clock_changes.len(), 1);
    assert!(chart.clock_changes[0]
        .title
        .contains("2019-11-03 01:00 PST (UTC-08:00)"));
    let svg = render(&review, &options());
    assert_inert(&svg);
    assert!(svg.contains("from 2019-11-02 22:00 PDT to 2019-11-03 04:00 PST"));
}

#[test]
fn unknown_zone_falls_back_to_utc_and_says_so() {
    let chart = chart(
        &sample(),
        &ChartOptions {
            zone: "Mars/Olympus".into(),
            ..options()
        },
    );
    assert_eq!(
        chart.header,
        "Times in UTC (“Mars/Olympus” is not a time zone known here)"
    );
    assert_eq!(chart.ticks[0].time, "11:00");
}

// --- Range. --------------------------------------------------------------------------

#[test]
fn full_range_pads_the_whole_review() {
    let (start, end) = full_range(&sample()).unwrap();
    let span = (pst("09:45") - pst("02:20")).num_seconds();
    let pad = (pst("02:20") - start).num_seconds();
    assert_eq!(pad, (end - pst("09:45")).num_seconds());
    assert!(pad * 100 >= span * 3 && pad * 100 < span * 3 + 100);
    // Drawing the full range explicitly is drawing the default.
    let zoomed = ChartOptions {
        range: Some((start, end)),
        ..options()
    };
    assert_eq!(render(&sample(), &zoomed), render(&sample(), &options()));
    // A single instant still gets a readable span.
    let one = span_review(pst("03:00"), pst("03:00"));
    let (a, b) = full_range(&one).unwrap();
    assert!((b - a).num_minutes() >= 10);
    assert_eq!(full_range(&review(vec![], vec![])), None);
}

#[test]
fn range_counts_incident_impact_and_hypotheses() {
    let mut r = review(vec![], vec![]);
    r.hypotheses = vec![hypothesis(
        "h",
        "x",
        pst("01:00"),
        HypothesisStatus::Falsified,
        Some(pst("11:00")),
    )];
    r.impact.windows = vec![window(pst("00:30"), pst("00:40"), "api")];
    r.incident.end = Some(pst("12:00"));
    let (start, end) = full_range(&r).unwrap();
    assert!(start < pst("00:30") && end > pst("12:00"));
    // Only a hypothesis and an impact window: axis, bands and bars, no lanes.
    let chart = chart(&r, &options());
    assert!(chart.lanes.is_empty() && chart.note.is_some());
    assert_inert(&render(&r, &options()));
}

#[test]
fn zoom_clips_marks() {
    let review = review(
        vec![person("p1", "Avery")],
        vec![
            event(
                "a",
                pst("03:00"),
                EventKind::Alert,
                Some("p1"),
                "before the zoom",
            ),
            until(
                event(
                    "b",
                    pst("03:30"),
                    EventKind::Action,
                    Some("p1"),
                    "runs into the zoom",
                ),
                pst("04:30"),
            ),
            event(
                "c",
                pst("05:00"),
                EventKind::Observation,
                Some("p1"),
                "inside the zoom",
            ),
            event(
                "d",
                pst("07:00"),
                EventKind::Decision,
                Some("p1"),
                "after the zoom",
            ),
        ],
    );
    let options = ChartOptions {
        range: Some((pst("04:00"), pst("06:00"))),
        ..options()
    };
    let chart = chart(&review, &options);
    let marks = &chart.lanes[0].marks;
    assert_eq!(marks.len(), 2);
    // The running action shows as a bar from the left edge, with no point.
    assert!(!marks[0].point);
    assert_eq!(marks[0].bar.map(|(x0, _)| x0), Some(chart.left));
    assert!(marks[1].point && marks[1].x > chart.left && marks[1].x < chart.right);
    let svg = render(&review, &options);
    assert_inert(&svg);
    assert!(svg.contains("inside the zoom") && svg.contains("runs into the zoom"));
    assert!(!svg.contains("before the zoom") && !svg.contains("after the zoom"));
    assert!(svg.contains("Timeline of 2 events by 1 person from 04:00 to 06:00 PST"));
}

#[test]
fn zoom_clips_impact_windows_and_hypotheses() {
    let options = ChartOptions {
        range: Some((pst("06:00"), pst("09:00"))),
        ..options()
    };
    let chart = chart(&sample(), &options);
    assert!(
        chart.bands.is_empty(),
        "both impact windows end before 06:00"
    );
    let bars = &chart.hypotheses.as_ref().unwrap().bars;
    let statements: Vec<&str> = bars
        .iter()
        .filter_map(|b| b.label.as_ref())
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(bars.len(), 3, "{statements:?}");
    assert!(bars
        .iter()
        .all(|b| b.x0 >= chart.left && b.x1 <= chart.right));
    // Raised before the zoom: clipped at the left edge.
    assert_eq!(bars[0].x0, chart.left);
}

// --- Lanes. --------------------------------------------------------------------------

#[test]
fn lanes_follow_people_order_and_not_attributed_only_when_needed() {
    let people = vec![
        person("p1", "Avery"),
        person("p2", "Jordan"),
        person("p3", "Riley"),
    ];
    let attributed = vec![
        event(
            "a",
            pst("03:00"),
            EventKind::Alert,
            Some("p2"),
            "Jordan first",
        ),
        event(
            "b",
            pst("03:10"),
            EventKind::Action,
            Some("p1"),
            "then Avery",
        ),
    ];
    let chart_of =
        |timeline: Vec<TimelineEvent>| chart(&review(people.clone(), timeline), &options());
    assert_eq!(
        lane_names(&chart_of(attributed.clone())),
        ["Avery", "Jordan"]
    );

    let mut with_anonymous = attributed.clone();
    with_anonymous.push(event(
        "c",
        pst("03:20"),
        EventKind::Observation,
        None,
        "nobody",
    ));
    assert_eq!(
        lane_names(&chart_of(with_anonymous)),
        ["Avery", "Jordan", "Not attributed"]
    );

    // Someone not in the people list cannot be attributed either.
    let mut with_stranger = attributed;
    with_stranger.push(event(
        "d",
        pst("03:30"),
        EventKind::Observation,
        Some("ghost"),
        "?",
    ));
    let chart = chart_of(with_stranger);
    assert_eq!(lane_names(&chart), ["Avery", "Jordan", "Not attributed"]);
    assert_eq!(chart.lanes[2].marks.len(), 1);

    // The sample: people order, Quinn (who never acted) left out, anonymous events last.
    let full = self::chart(&sample(), &options());
    let whole_names: Vec<&str> = full
        .lanes
        .iter()
        .map(|l| l.full_name.as_deref().unwrap_or(&l.name.text))
        .collect();
    assert_eq!(
        whole_names,
        [
            "Avery On-Call",
            "Jordan Fresh-Eyes",
            "Riley from Storage",
            "Casey (Communications lead for the EMEA region)",
            "Morgan Incident-Commander",
            "Not attributed"
        ]
    );
}

#[test]
fn long_names_are_shortened_with_the_whole_name_in_a_tooltip() {
    let chart = chart(&sample(), &options());
    let casey = chart
        .lanes
        .iter()
        .find(|l| l.name.text.starts_with("Casey"))
        .unwrap();
    assert!(casey.name.text.ends_with('…'));
    assert!(text_width(&casey.name.text, FONT) <= chart.left - PAD - 10.0);
    assert_eq!(
        casey.full_name.as_deref(),
        Some("Casey (Communications lead for the EMEA region)")
    );
    let root = assert_inert(&render(&sample(), &options()));
    let label = root
        .all("text")
        .into_iter()
        .find(|t| t.own_text().starts_with("Casey"))
        .unwrap();
    assert_eq!(
        label.title().as_deref(),
        Some("Casey (Communications lead for the EMEA region)")
    );
}

#[test]
fn internal_items_are_left_out_of_the_public_chart() {
    let mut review = sample();
    review.people.push(person("p7", "Secret Sam"));
    let mut secret = key(event(
        "s1",
        pst("04:00"),
        EventKind::Action,
        Some("p7"),
        "INTERNAL-EVENT restarts the database",
    ));
    secret.visibility = Visibility::Internal;
    review.timeline.push(secret);
    let mut theory = hypothesis(
        "hs",
        "INTERNAL-HYPOTHESIS about a colleague",
        pst("04:00"),
        HypothesisStatus::Open,
        None,
    );
    theory.visibility = Visibility::Internal;
    review.hypotheses.push(theory);
    // An internal event far outside the rest must not stretch the public range either.
    let mut late = event(
        "s2",
        pst("23:00"),
        EventKind::Other,
        Some("p1"),
        "INTERNAL-LATE",
    );
    late.visibility = Visibility::Internal;
    review.timeline.push(late);

    let internal = render(&review, &options());
    assert!(internal.contains("INTERNAL-EVENT") && internal.contains("INTERNAL-HYPOTHESIS"));
    assert!(internal.contains("Secret Sam"));

    let public_options = ChartOptions {
        include_internal: false,
        ..options()
    };
    let public = render(&review, &public_options);
    assert_inert(&public);
    assert!(!public.contains("INTERNAL"));
    assert!(
        !public.contains("Secret Sam"),
        "no lane for someone only in internal events"
    );
    assert_eq!(public, render(&sample(), &public_options));
}

// --- Marks and labels. ---------------------------------------------------------------

#[test]
fn every_mark_has_a_tooltip_and_only_key_events_have_labels() {
    let review = sample();
    let svg = render(&review, &options());
    let root = assert_inert(&svg);
    let titles: Vec<String> = root.all("title").iter().map(|t| t.own_text()).collect();
    assert!(titles.contains(
        &"02:22 PST — Alert — SLO burn alert for ingest success rate pages the on-call engineer."
            .to_owned()
    ));
    assert!(titles.contains(
        &"03:00–07:30 PST — Hypothesis — Responders suspect the cloud provider's load balancers."
            .to_owned()
    ));
    for event in &review.timeline {
        assert!(
            titles.iter().any(|t| t.ends_with(&event.text)),
            "{}",
            event.id
        );
    }
    let labels: Vec<String> = root.all("text").iter().map(|t| t.own_text()).collect();
    for event in &review.timeline {
        let shown = truncate(&event.text, KEY_LABEL_CHARS);
        if !event.key {
            assert!(!labels.contains(&shown), "{} is not key", event.id);
        }
    }
    assert!(labels.contains(&"SLO burn alert for ingest success rate…".to_owned()));
    assert!(labels.contains(&"Incident resolved.".to_owned()));
    assert!(labels.contains(&"Impact: ingest API".to_owned()));
    assert!(
        labels.contains(&"Falsified: The provider's load balancers are dropping…".to_owned())
            || labels
                .iter()
                .any(|l| l.starts_with("Falsified: The provider"))
    );
    let desc = root.all("desc")[0].own_text();
    assert_eq!(
        desc,
        "Timeline of 20 events by 5 people from 02:20 to 09:45 PST, 2 impact windows, 4 hypotheses. Times in America/Los_Angeles, UTC-08:00."
    );
}

#[test]
fn crowded_key_labels_alternate_rows_and_the_rest_keep_their_tooltip() {
    let timeline: Vec<TimelineEvent> = (0..30)
        .map(|i| {
            key(event(
                &format!("k{i}"),
                pst("03:00") + TimeDelta::minutes(i * 2),
                EventKind::Decision,
                Some("p1"),
                &format!("Decision number {i} with a longer description"),
            ))
        })
        .collect();
    let review = review(vec![person("p1", "Avery")], timeline);
    let chart = chart(&review, &options());
    let lane = &chart.lanes[0];
    assert!(
        lane.labels.len() >= 2 && lane.labels.len() < 10,
        "{}",
        lane.labels.len()
    );
    assert_eq!(lane.height, 2.0 * ROW_H + MARK_ROW_H);
    // Labels above the marks and below them, none overlapping in its row.
    let above: Vec<&KeyLabel> = lane
        .labels
        .iter()
        .filter(|l| l.label.y < lane.mark_y)
        .collect();
    assert!(!above.is_empty() && above.len() < lane.labels.len());
    for row in [true, false] {
        let spans: Vec<(f64, f64)> = lane
            .labels
            .iter()
            .filter(|l| (l.label.y < lane.mark_y) == row)
            .map(|l| text_span(&l.label))
            .collect();
        for (i, a) in spans.iter().enumerate() {
            for b in &spans[i + 1..] {
                assert!(a.1 <= b.0 || b.1 <= a.0, "{a:?} overlaps {b:?}");
            }
        }
    }
    // Leader lines join each label to its mark.
    for label in &lane.labels {
        assert!(label.leader_top < label.leader_bottom);
    }
    let svg = render(&review, &options());
    for i in 0..30 {
        assert!(svg.contains(&format!(
            "Decision number {i} with a longer description</title>"
        )));
    }
}

#[test]
fn a_hypothesis_timed_only_by_its_event_is_drawn_and_counted() {
    let mut r = sample();
    let before = chart(&r, &options()).hypotheses.unwrap().bars.len();
    let mut linked = hypothesis(
        "h5",
        "The deploy at 02:10 started it.",
        pst("00:00"),
        HypothesisStatus::Open,
        None,
    );
    linked.raised_at = None;
    linked.raised_in_event = Some(r.timeline[0].id.clone());
    r.hypotheses.push(linked);
    let drawn = chart(&r, &options());
    let bars = &drawn.hypotheses.as_ref().unwrap().bars;
    assert_eq!(bars.len(), before + 1);
    assert!(bars.iter().any(|b| b.title.contains("The deploy at 02:10")));
    let svg = render(&r, &options());
    assert!(
        svg.contains(&count(before + 1, "hypothesis", "hypotheses")),
        "{svg}"
    );
}

#[test]
fn inexact_times_are_drawn_dashed_and_named_in_their_tooltips() {
    let mut r = sample();
    r.timeline[0].time_known = TimeKnown::About;
    r.timeline[1].time_known = TimeKnown::Before;
    let latest = r.timeline[2].at.unwrap() + TimeDelta::minutes(40);
    r.timeline[2].time_known = TimeKnown::Between { latest };
    let drawn = chart(&r, &options());
    let marks: Vec<&Mark> = drawn.lanes.iter().flat_map(|l| &l.marks).collect();
    let uncertain: Vec<(f64, f64)> = marks.iter().filter_map(|m| m.uncertain).collect();
    assert_eq!(uncertain.len(), 3);
    let before = marks
        .iter()
        .find(|m| m.title.as_deref().is_some_and(|t| t.starts_with("before ")))
        .expect("a 'before' tooltip");
    assert_eq!(before.uncertain.unwrap().1, before.x);
    assert!(marks
        .iter()
        .any(|m| m.title.as_deref().is_some_and(|t| t.starts_with('~'))));
    assert!(drawn
        .legend
        .iter()
        .any(|item| item.symbol == Symbol::Uncertain));
    let svg = render(&r, &options());
    assert!(svg.contains("stroke-dasharray=\"3 2\""));
    assert_inert(&svg);
    // Known only to its day, an event is not drawn: on a chart of hours it would be a
    // line across everything.
    let drawn_before = marks.len();
    r.timeline[3].time_known = TimeKnown::Day;
    let without = chart(&r, &options());
    assert_eq!(
        without.lanes.iter().map(|l| l.marks.len()).sum::<usize>(),
        drawn_before - 1
    );
}

#[test]
fn an_empty_public_chart_says_nothing_is_shown_rather_than_nothing_has_a_time() {
    let mut r = review(
        vec![],
        vec![event(
            "e",
            pst("22:10"),
            EventKind::Detection,
            None,
            "Paged",
        )],
    );
    r.timeline[0].visibility = Visibility::Internal;
    r.incident.start = Some(pst("21:30"));
    let public = ChartOptions {
        include_internal: false,
        ..options()
    };
    let drawn = chart(&r, &public);
    assert_eq!(
        drawn.note.unwrap().text,
        "No timeline events are shown in this version."
    );
    assert!(chart(&r, &options()).lanes.len() == 1);
}

#[test]
fn open_hypotheses_run_to_the_edge_with_an_arrow() {
    let chart = chart(&sample(), &options());
    let band = chart.hypotheses.as_ref().unwrap();
    let open = band
        .bars
        .iter()
        .find(|b| b.status == HypothesisStatus::Open)
        .unwrap();
    assert!(open.continues);
    assert_eq!(open.x1, chart.right);
    assert!(open.title.contains("06:00 PST onwards — still open"));
    let falsified = band
        .bars
        .iter()
        .find(|b| b.status == HypothesisStatus::Falsified)
        .unwrap();
    assert!(!falsified.continues && falsified.x1 < chart.right);
    assert!(falsified
        .title
        .starts_with("03:00–08:10 PST — Falsified — The provider"));
    assert!(falsified.title.ends_with("raised by Avery On-Call"));
    // Bars sharing a row never overlap, labels included.
    for (i, a) in band.bars.iter().enumerate() {
        for b in band.bars.iter().skip(i + 1).filter(|b| b.y == a.y) {
            assert!(a.x1 < b.x0 || b.x1 < a.x0);
        }
    }
}

#[test]
fn legend_names_every_kind_shown_and_the_statuses() {
    let chart = chart(&sample(), &options());
    let texts: Vec<&str> = chart.legend.iter().map(|i| i.text.as_str()).collect();
    for kind in EventKind::ALL {
        assert!(texts.contains(&kind.label()), "{kind:?}");
    }
    for text in [
        "Key event (larger, labelled)",
        "Event with a duration",
        "Impact window",
        "Hypothesis open",
        "Hypothesis falsified",
        "Hypothesis supported",
        "Hypothesis abandoned",
    ] {
        assert!(texts.contains(&text), "{text}");
    }
    assert!(chart
        .legend
        .iter()
        .all(|i| i.x + 22.0 + text_width(&i.text, SMALL) <= chart.width));
    // Only kinds present.
    let few = chart_of_kinds(&[EventKind::Alert]);
    assert_eq!(
        few.legend
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>(),
        ["Alert"]
    );
}

fn chart_of_kinds(kinds: &[EventKind]) -> Chart {
    let timeline = kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            event(
                &format!("e{i}"),
                pst("03:00") + TimeDelta::minutes(i as i64),
                *kind,
                Some("p1"),
                "x",
            )
        })
        .collect();
    chart(&review(vec![person("p1", "Avery")], timeline), &options())
}

// --- Scale and determinism. ----------------------------------------------------------

fn big_review(events: usize) -> Review {
    let people: Vec<Person> = (0..10)
        .map(|i| person(&format!("p{i}"), &format!("Responder {i}")))
        .collect();
    let timeline = (0..events)
        .map(|i| {
            let when = pst("01:00") + TimeDelta::seconds((i as i64 * 8 * 3600) / events as i64);
            let actor = (i % 11 != 10).then(|| format!("p{}", i % 10));
            let kind = EventKind::ALL[(i * 7) % EventKind::ALL.len()];
            if i % 100 == 0 {
                key(event(
                    &format!("e{i}"),
                    when,
                    kind,
                    actor.as_deref(),
                    &format!("Milestone {i}: something worth a label"),
                ))
            } else if i % 37 == 0 {
                until(
                    event(
                        &format!("e{i}"),
                        when,
                        kind,
                        actor.as_deref(),
                        &format!("routine span {i}"),
                    ),
                    when + TimeDelta::minutes(20),
                )
            } else {
                event(
                    &format!("e{i}"),
                    when,
                    kind,
                    actor.as_deref(),
                    &format!("routine event {i} with some ordinary words"),
                )
            }
        })
        .collect();
    let mut review = review(people, timeline);
    review.impact.windows = vec![window(pst("02:00"), pst("03:00"), "ingest API")];
    review.hypotheses = sample().hypotheses;
    review
}

#[test]
fn five_thousand_events_stay_lean() {
    let review = big_review(5000);
    let svg = render(&review, &options());
    assert!(svg.len() < 400_000, "{} bytes", svg.len());
    let root = assert_inert(&svg);
    assert!(!svg.contains("routine"), "no text of ordinary events");
    let texts = root.all("text");
    let labels = texts
        .iter()
        .filter(|t| t.own_text().starts_with("Milestone"))
        .count();
    assert!(labels > 0 && labels <= 50, "{labels}");
    assert!(texts.len() < 50 + 60, "{} text elements", texts.len());
    // Every key event keeps its own tooltip; the rest are counted per lane and kind.
    assert_eq!(
        root.all("title")
            .iter()
            .filter(|t| t.own_text().contains("Milestone"))
            .count(),
        50
    );
    assert!(svg.contains("<title>Responder 0: "));
    let chart = chart(&review, &options());
    assert!(!chart.detailed);
    assert_eq!(
        chart.lanes.iter().map(|l| l.marks.len()).sum::<usize>(),
        5000
    );
}

#[test]
fn detailed_up_to_the_budget_compact_beyond() {
    let small = render(&big_review(DETAILED_LIMIT), &options());
    assert!(small.contains("routine event 1 with some ordinary words</title>"));
    assert!(chart(&big_review(DETAILED_LIMIT), &options()).detailed);
    assert!(!chart(&big_review(DETAILED_LIMIT + 1), &options()).detailed);
    let large = render(&big_review(DETAILED_LIMIT + 1), &options());
    assert_inert(&large);
    assert!(large.len() < small.len());
}

#[test]
fn same_review_same_string() {
    let review = sample();
    let first = render(&review, &options());
    assert_eq!(first, render(&review.clone(), &options()));
    let big = big_review(1500);
    assert_eq!(render(&big, &options()), render(&big, &options()));
    assert!(first.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 "));
    assert!(
        first.contains("width=\"100%\" role=\"img\" aria-labelledby=\"chart-title chart-desc\"")
    );
}

#[test]
fn height_grows_with_lanes_and_numbers_stay_compact() {
    let few = chart_of_kinds(&[EventKind::Alert]);
    let many = chart(&big_review(100), &options());
    assert!(many.height > few.height + 8.0 * MARK_ROW_H);
    // No coordinate has more than one decimal.
    let root = assert_inert(&render(&big_review(100), &options()));
    for el in root.descendants() {
        for (name, value) in el.attrs.iter().filter(|(n, _)| !n.ends_with("opacity")) {
            for number in value.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
                let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
                assert!(decimals <= 1, "{name}={value:?}");
            }
        }
    }
}

/// Writes the sample chart for a person to look at: `cargo test -p debrief-core --lib
/// analysis::chart -- --ignored` then open `$TMPDIR/chart-sample.svg`.
#[test]
#[ignore]
fn write_sample_for_eyeballing() {
    let dir = std::env::temp_dir();
    std::fs::write(dir.join("chart-sample.svg"), render(&sample(), &options())).unwrap();
    let big = render(&big_review(5000), &options());
    std::fs::write(dir.join("chart-5000.svg"), big).unwrap();
    let narrow = ChartOptions {
        width: 480,
        ..options()
    };
    std::fs::write(dir.join("chart-narrow.svg"), render(&sample(), &narrow)).unwrap();
    let hostile = render(&hostile_review(), &options());
    std::fs::write(dir.join("chart-hostile.svg"), hostile).unwrap();
}
