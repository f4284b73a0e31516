use super::html::META_STYLE;
use super::*;
use crate::meta::{MetaReviewId, ReviewSelection};
use crate::model::{EntityId, Person, Redaction};
use crate::render::html::{CSP, STYLE};
use crate::testing::{assert_golden, meta_seed_reviews};
use crate::time::BundledZones;
use chrono::{DateTime, Utc};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

fn options(audience: Audience) -> RenderOptions {
    RenderOptions {
        audience,
        generated_at: DateTime::parse_from_rfc3339("2020-08-25T17:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 8, 25).unwrap()
}

fn note(id: &str, text: &str, reviews: &[&str], visibility: Visibility) -> MetaNote {
    MetaNote {
        id: EntityId::new(id),
        text: text.to_owned(),
        reviews: reviews.iter().map(|r| ReviewId::new(*r)).collect(),
        visibility,
    }
}

const LAMBDA: &str = "2020-08-03-lambda";
const PANICS: &str = "2020-08-05-panics";
const MIGRATION: &str = "2020-08-06-migration";
/// Text only in entries marked internal: never in the public report.
const INTERNAL_NOTE: &str = "Losing a long-time engineer thinned what we know";

/// The meta-review of the seed set, as an analyst would write it.
fn seed_meta(reviews: &[Review]) -> MetaReview {
    use Visibility::{Internal, Public};
    let mut meta = MetaReview::new(
        MetaReviewId::new("meta-2020-08"),
        DateTime::parse_from_rfc3339("2020-08-10T18:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
        "America/Los_Angeles",
    );
    meta.title = "Five incidents in ten days: 28 July – 6 August 2020".to_owned();
    meta.selection = ReviewSelection {
        picked: reviews.iter().map(|r| r.id.clone()).collect(),
        rule: None,
    };
    meta.summaries = reviews
        .iter()
        .map(|r| IncidentSummary {
            review: r.id.clone(),
            title: r.title.clone(),
            incident_start: r.incident.start,
            text: r.summary.clone(),
        })
        .collect();
    // The analyst rewrote one summary in the meeting, naming the on-call engineer.
    meta.summaries[0].text = "Route53 failed in one zone of us-east-1 late at night. Dana \
        Whitfield was paged by the SLO burn alert and moved our instances out of the zone."
        .to_owned();
    meta.themes = vec![
        note(
            "t1",
            "The three self-change-caused incidents all changed code at a seam between \
             layers, often configuration: the hardest places to test automatically.",
            &[LAMBDA, PANICS, MIGRATION],
            Public,
        ),
        note(
            "t2",
            "Post-deploy checks exercise the API realistically but not the query path.",
            &[LAMBDA, PANICS],
            Public,
        ),
        note("t3", INTERNAL_NOTE, &[MIGRATION], Internal),
    ];
    meta.went_well = vec![
        note(
            "w1",
            "On call restored service within 15 to 60 minutes each time.",
            &[],
            Public,
        ),
        note(
            "w2",
            "SLO burn alerts fired for every customer-facing incident, the small one in \
             us-east-1 included.",
            &["2020-07-28-dns", PANICS],
            Public,
        ),
    ];
    meta.next_steps = vec![
        NextStep {
            id: EntityId::new("n1"),
            text: "Post-build checks that simulate customer queries and roll back on failure."
                .to_owned(),
            owner: "Platform".to_owned(),
            due: NaiveDate::from_ymd_opt(2020, 9, 30),
            tracker_link: Some("https://tracker.example.com/PLAT-101".to_owned()),
            visibility: Public,
            ..NextStep::default()
        },
        NextStep {
            id: EntityId::new("n2"),
            text: "Investigate faster, more granular deploys and rollbacks.".to_owned(),
            owner: "Priya Raman".to_owned(),
            due: NaiveDate::from_ymd_opt(2020, 8, 21),
            visibility: Public,
            ..NextStep::default()
        },
        NextStep {
            id: EntityId::new("n3"),
            text: format!("{INTERNAL_NOTE}: pair Leo with the storage team."),
            owner: "Leo Brandt".to_owned(),
            done: true,
            visibility: Internal,
            ..NextStep::default()
        },
    ];
    meta.open_questions = vec![note(
        "q1",
        "Is an hour between releases still short enough?",
        &[LAMBDA],
        Public,
    )];
    meta.redactions = vec![Redaction {
        term: "us-east-1".to_owned(),
        replacement: "a region".to_owned(),
    }];
    meta
}

fn render(meta: &MetaReview, reviews: &[Review], audience: Audience) -> String {
    render_meta_html(meta, reviews, &BundledZones, &options(audience), today())
}

fn render_md(meta: &MetaReview, reviews: &[Review], audience: Audience) -> String {
    render_meta_markdown(meta, reviews, &BundledZones, &options(audience), today())
}

// --- the HTML5 oracle ------------------------------------------------------------------

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

fn collect(node: &Handle, out: &mut Vec<Element>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        out.push(Element {
            name: name.local.to_string(),
            attrs: attrs
                .borrow()
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect(),
            text: node
                .children
                .borrow()
                .iter()
                .filter_map(|c| match &c.data {
                    NodeData::Text { contents } => Some(contents.borrow().to_string()),
                    _ => None,
                })
                .collect(),
        });
    }
    for child in node.children.borrow().iter() {
        collect(child, out);
    }
}

fn parse(html: &str) -> Vec<Element> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut elements = Vec::new();
    collect(&dom.document, &mut elements);
    elements
}

const ALLOWED: [&str; 43] = [
    "html",
    "head",
    "body",
    "meta",
    "title",
    "style",
    "main",
    "header",
    "footer",
    "section",
    "article",
    "figure",
    "figcaption",
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
    "desc",
    "aside",
];

/// What the report promises, checked as a browser parses it.
fn assert_inert(html: &str, context: &str) {
    let elements = parse(html);
    let anchors: Vec<&str> = elements
        .iter()
        .flat_map(|e| e.attrs.iter())
        .filter(|(n, _)| n == "id")
        .map(|(_, v)| v.as_str())
        .collect();
    for element in &elements {
        assert!(
            ALLOWED.contains(&element.name.as_str()),
            "{context}: unexpected <{}>",
            element.name
        );
        for (name, value) in &element.attrs {
            let lower = name.to_ascii_lowercase();
            assert!(
                !lower.starts_with("on"),
                "{context}: {name} on <{}>",
                element.name
            );
            assert!(
                ![
                    "src",
                    "style",
                    "srcdoc",
                    "action",
                    "formaction",
                    "background"
                ]
                .contains(&lower.as_str()),
                "{context}: {name}"
            );
            if lower.contains("href") {
                let v = value.trim().to_ascii_lowercase();
                match v.strip_prefix("#incident-") {
                    Some(n) => {
                        assert!(n.chars().all(|c| c.is_ascii_digit()), "{context}: {value}");
                        assert!(anchors.contains(&&value[1..]), "{context}: {value} exists");
                    }
                    None => assert!(
                        v.starts_with("https://") || v.starts_with("http://"),
                        "{context}: href {value:?}"
                    ),
                }
            }
        }
    }
    assert!(
        !elements.iter().any(|e| e.name == "script"),
        "{context}: no script at all"
    );
    let metas: Vec<&Element> = elements.iter().filter(|e| e.name == "meta").collect();
    assert_eq!(metas[0].attrs, [("charset".to_owned(), "utf-8".to_owned())]);
    assert_eq!(
        metas[1].attrs,
        [
            (
                "http-equiv".to_owned(),
                "Content-Security-Policy".to_owned()
            ),
            ("content".to_owned(), CSP.to_owned())
        ],
        "{context}: the CSP right after the charset"
    );
    assert_eq!(
        elements
            .iter()
            .filter(|e| e.attrs.iter().any(|(n, _)| n == "http-equiv"))
            .count(),
        1
    );
    let styles: Vec<&Element> = elements.iter().filter(|e| e.name == "style").collect();
    assert_eq!(styles.len(), 1);
    assert_eq!(
        styles[0].text,
        format!("\n{STYLE}{META_STYLE}"),
        "{context}"
    );
}

// --- tests -----------------------------------------------------------------------------

#[test]
fn the_seed_reports_match_their_goldens() {
    let reviews = meta_seed_reviews();
    let meta = seed_meta(&reviews);
    assert_golden(
        "meta-seed-internal.html",
        &render(&meta, &reviews, Audience::Internal),
    );
    assert_golden(
        "meta-seed-public.html",
        &render(&meta, &reviews, Audience::Public),
    );
    assert_golden(
        "meta-seed.internal.md",
        &render_md(&meta, &reviews, Audience::Internal),
    );
    assert_golden(
        "meta-seed.public.md",
        &render_md(&meta, &reviews, Audience::Public),
    );
}

#[test]
fn the_seed_reports_are_inert_and_show_every_incident_with_its_anchor() {
    let reviews = meta_seed_reviews();
    let meta = seed_meta(&reviews);
    for audience in [Audience::Internal, Audience::Public] {
        let html = render(&meta, &reviews, audience);
        assert_inert(&html, &format!("{audience:?}"));
        for n in 1..=5 {
            assert!(html.contains(&format!("id=\"incident-{n}\"")));
        }
        assert!(!html.contains("id=\"incident-6\""));
        // The three charts.
        assert_eq!(html.matches("<svg").count(), 3, "{audience:?}");
        assert!(html.contains("Provider-caused"));
        assert!(html.contains("Bad instance in the dogfooding Kafka cluster"));
    }
}

fn every_name(reviews: &[Review]) -> Vec<String> {
    let mut names = Vec::new();
    for person in reviews.iter().flat_map(|r| &r.people) {
        names.push(person.name.clone());
        names.extend(person.name.split_whitespace().map(str::to_owned));
    }
    names.push(reviews[0].analyst.name.clone());
    names
}

#[test]
fn the_public_report_names_no_one_and_leaves_internal_entries_out() {
    let reviews = meta_seed_reviews();
    let meta = seed_meta(&reviews);
    let internal = render(&meta, &reviews, Audience::Internal);
    assert!(internal.contains("Dana Whitfield"));
    assert!(internal.contains(INTERNAL_NOTE));
    assert!(internal.contains("us-east-1"));
    assert!(internal.contains("tracker.example.com"));
    for output in [
        render(&meta, &reviews, Audience::Public),
        render_md(&meta, &reviews, Audience::Public),
    ] {
        for name in every_name(&reviews) {
            assert!(!output.contains(&name), "{name} in the public report");
        }
        for private in [
            INTERNAL_NOTE,
            // An internal timeline event and an internal factor of the reviews.
            "internal escalation policy",
            "Few people still know",
            // The meta-review's redaction, and a review's own.
            "us-east-1",
            "kafka-dogfood-07",
            "tracker.example.com",
        ] {
            assert!(!output.contains(private), "{private} in the public report");
        }
        assert!(output.contains("a region"), "the redaction's replacement");
        assert!(output.contains("On-call engineer"), "names become roles");
    }
}

/// The seed set, three of them retitled with the one heading an organisation gave
/// them all, one of those set off by a certificate expiring, and Sam Okoye recorded as
/// "S. Okoye" in one review, merged by hand.
fn same_titled() -> (MetaReview, Vec<Review>) {
    let mut reviews = meta_seed_reviews();
    for review in reviews.iter_mut().skip(2) {
        review.title = "Query engine errors".to_owned();
    }
    reviews[4].trigger.class = TriggerClass::KnownOther;
    reviews[4].trigger.description = "The query engine's TLS certificate expired".to_owned();
    for person in reviews[3].people.iter_mut() {
        if person.name == "Sam Okoye" {
            person.name = "S. Okoye".to_owned();
        }
    }
    let mut meta = seed_meta(&reviews);
    meta.merge_people(&["Sam Okoye".to_owned(), "S. Okoye".to_owned()])
        .unwrap();
    (meta, reviews)
}

#[test]
fn same_titled_incidents_are_named_by_number_and_date_everywhere() {
    let (meta, reviews) = same_titled();
    let wanted = [
        "#3 Query engine errors (2020-08-03)",
        "#4 Query engine errors (2020-08-05)",
        "#5 Query engine errors (2020-08-06)",
    ];
    for audience in [Audience::Internal, Audience::Public] {
        let html = render(&meta, &reviews, audience);
        assert_inert(&html, &format!("{audience:?}"));
        for label in wanted {
            assert!(html.contains(&format!("<h3>{label}</h3>")), "{label}");
            // Figure links, chart tooltips and row names say which one.
            assert!(
                html.contains(&format!("aria-label=\"{label}\"")),
                "{audience:?} {label}"
            );
            assert!(html.contains(&format!(">{label}</a>")), "{label}");
        }
        let md = render_md(&meta, &reviews, audience);
        for label in wanted {
            assert!(md.contains(&format!("### \\{label}\n")), "{label}\n{md}");
        }
    }
}

#[test]
fn a_trigger_known_but_none_of_the_three_is_counted_apart_from_unknown() {
    let (meta, reviews) = same_titled();
    let html = render(&meta, &reviews, Audience::Internal);
    assert!(
        html.contains(
            "<strong>Known, none of these · The query engine's TLS certificate expired</strong>"
        ),
        "the class and its sentence"
    );
    let md = render_md(&meta, &reviews, Audience::Internal);
    assert!(
        md.contains("| Known, none of these | 1 | 20% | \\#5 |"),
        "{md}"
    );
    assert!(md.contains("| Unknown | 0 | 0% | — |"), "{md}");
}

#[test]
fn people_merged_by_hand_are_one_row_with_their_other_spellings() {
    let (meta, reviews) = same_titled();
    let md = render_md(&meta, &reviews, Audience::Internal);
    assert!(
        md.contains("| Sam Okoye (recurring; also spelled S. Okoye) | 3 |"),
        "{md}"
    );
    let html = render(&meta, &reviews, Audience::Internal);
    assert!(html.contains("also spelled S. Okoye"));
    for output in [
        render(&meta, &reviews, Audience::Public),
        render_md(&meta, &reviews, Audience::Public),
    ] {
        assert!(!output.contains("Okoye"), "no one is named in public");
    }
}

#[test]
fn a_deleted_review_keeps_its_summary_and_counts_nowhere() {
    let reviews = meta_seed_reviews();
    let mut meta = seed_meta(&reviews);
    meta.selection.picked.push(ReviewId::new("gone"));
    meta.summaries.push(IncidentSummary {
        review: ReviewId::new("gone"),
        title: "An incident deleted since".to_owned(),
        incident_start: None,
        text: "What the meta-review kept of it.".to_owned(),
    });
    for audience in [Audience::Internal, Audience::Public] {
        let html = render(&meta, &reviews, audience);
        assert_inert(&html, "deleted");
        assert!(html.contains("id=\"incident-6\""));
        assert!(html.contains("Deleted from the workbook"));
        assert!(html.contains("What the meta-review kept of it."));
        assert!(html.contains("(1 deleted from the workbook)"));
        let md = render_md(&meta, &reviews, audience);
        assert!(md.contains("**Deleted from the workbook**"));
    }
}

const PAYLOADS: [&str; 8] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)",
    "</style><script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1)) ![i](https://evil.example/x.png) <b>",
    "\u{202E}gnp.exe & </title><a href=//evil.example>",
];

fn hostile(payload: &str) -> (MetaReview, Vec<Review>) {
    let mut reviews = meta_seed_reviews();
    for (i, review) in reviews.iter_mut().enumerate() {
        review.title = format!("{payload} title {i}");
        review.summary = format!("{payload} summary");
        review.impact.environments = vec![payload.to_owned()];
        review.services = vec![payload.to_owned()];
        review.people.push(Person {
            id: EntityId::new("p-hostile"),
            name: payload.to_owned(),
            team: payload.to_owned(),
            ..Person::default()
        });
    }
    let mut meta = seed_meta(&reviews);
    meta.title = payload.to_owned();
    meta.time_zone = payload.to_owned();
    meta.summaries[1].text = payload.to_owned();
    for note in meta.themes.iter_mut().chain(&mut meta.open_questions) {
        note.text = payload.to_owned();
    }
    for step in &mut meta.next_steps {
        step.text = payload.to_owned();
        step.owner = payload.to_owned();
        step.tracker_link = Some(format!("https://x/\"{payload}"));
    }
    meta.redactions.push(Redaction {
        term: "title".to_owned(),
        replacement: payload.to_owned(),
    });
    (meta, reviews)
}

#[test]
fn hostile_text_stays_text() {
    for payload in PAYLOADS {
        let (meta, reviews) = hostile(payload);
        for audience in [Audience::Internal, Audience::Public] {
            let html = render(&meta, &reviews, audience);
            assert_inert(&html, payload);
            let md = render_md(&meta, &reviews, audience);
            assert!(!md.contains('<'), "{payload}: no HTML in the Markdown");
            assert!(!md.contains("](javascript"), "{payload}");
            let mut events = pulldown_cmark::Parser::new(&md);
            assert!(
                !events.any(|e| matches!(
                    e,
                    pulldown_cmark::Event::Html(_)
                        | pulldown_cmark::Event::InlineHtml(_)
                        | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. })
                )),
                "{payload}"
            );
        }
    }
}

#[test]
fn an_empty_meta_review_renders_with_placeholders() {
    let meta = MetaReview::default();
    let html = render(&meta, &[], Audience::Internal);
    assert_inert(&html, "empty");
    assert!(html.contains("Untitled meta-review"));
    assert!(html.contains("covers no incidents yet"));
    let md = render_md(&meta, &[], Audience::Public);
    assert!(md.starts_with("# Untitled meta-review\n"));
}
