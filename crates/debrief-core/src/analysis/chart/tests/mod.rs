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

mod axis;
mod lanes;
mod marks;
mod range;

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

mod safety;
mod scale;
