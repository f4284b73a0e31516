//! The load path: fixtures of every schema version load forever, and every way a document
//! can be wrong is refused with a plain explanation.

use debrief_core::document::{encode, encode_pretty, load, LoadError};
use debrief_core::library::WorkbookIndex;
use debrief_core::model::{HypothesisStatus, Review, TriggerClass};
use debrief_core::render::backup::{read_import, Incoming, WorkbookBackup};
use debrief_core::validate::ValidationError;

const V1: &str = include_str!("fixtures/review-v1.json");
const V2: &str = include_str!("fixtures/review-v2.json");

#[test]
fn v1_fixture_loads_with_every_section() {
    let review: Review = load(V1).expect("the v1 fixture must load forever");
    assert_eq!(review.id.as_str(), "fixture-v1-memory");
    assert_eq!(review.incident.time_zone, "America/Los_Angeles");
    assert_eq!(review.impact.windows.len(), 2);
    assert_eq!(review.trigger.class, TriggerClass::SelfChangeCaused);
    assert_eq!(review.people.len(), 2);
    assert_eq!(review.timeline.len(), 4);
    assert_eq!(review.hypotheses[0].status, HypothesisStatus::Falsified);
    assert_eq!(review.factors.len(), 2);
    assert_eq!(review.learnings.got_lucky.len(), 1);
    assert_eq!(review.interviews[0].quotes.len(), 1);
    assert_eq!(review.actions[0].factors[0].as_str(), "f1");
    assert_eq!(review.deep_analysis.met.len(), 2);
    assert_eq!(review.redactions.len(), 1);
    // Offsets are kept as written: the 3 AM page stays a Pacific-time fact.
    assert_eq!(
        review.timeline[1].at.unwrap().to_rfc3339(),
        "2019-11-06T03:00:00-08:00"
    );
}

#[test]
fn v1_loads_as_v2_with_its_reach_unknown_and_nothing_else_changed() {
    let from_v1: Review = load(V1).unwrap();
    assert!(from_v1.impact.environments.is_empty());
    assert_eq!(from_v1.impact.customer_facing, None);
    assert_eq!(from_v1.impact.caught_before_production, None);
    // The v2 fixture is the v1 fixture with the reach filled in and its own id.
    let mut v2: Review = load(V2).expect("the v2 fixture must load forever");
    assert_eq!(v2.impact.environments, vec!["production", "dogfooding"]);
    assert_eq!(v2.impact.customer_facing, Some(true));
    assert_eq!(v2.impact.caught_before_production, Some(false));
    v2.id = from_v1.id.clone();
    v2.impact.environments.clear();
    v2.impact.customer_facing = None;
    v2.impact.caught_before_production = None;
    assert_eq!(v2, from_v1);
    // Saved again, it is a v2 document.
    assert!(encode(&from_v1).contains("\"schema_version\":2"));
}

#[test]
fn a_v1_workbook_backup_loads_as_v2_with_nothing_lost() {
    let review: serde_json::Value = serde_json::from_str(V1).unwrap();
    let backup = serde_json::json!({
        "format": "debrief.backup",
        "schema_version": 1,
        "reviews": [review["review"].clone()],
    })
    .to_string();
    let restored: WorkbookBackup = load(&backup).expect("a v1 backup must load forever");
    assert_eq!(restored.reviews, vec![load::<Review>(V1).unwrap()]);
}

#[test]
fn a_review_exported_by_a_v1_build_imports_as_v2() {
    let incoming = read_import(V1).expect("a v1 export must import forever");
    let Incoming::Review(review) = incoming else {
        panic!("a single review");
    };
    assert_eq!(review, load::<Review>(V1).unwrap());
    assert_eq!(review.impact.customer_facing, None);
}

#[test]
fn encoding_round_trips_both_compact_and_pretty() {
    let review: Review = load(V1).unwrap();
    assert_eq!(load::<Review>(&encode(&review)).unwrap(), review);
    assert_eq!(load::<Review>(&encode_pretty(&review)).unwrap(), review);
}

#[test]
fn missing_sections_load_as_empty() {
    let text = r#"{"format":"debrief.review","schema_version":1,"review":{"id":"x"}}"#;
    let review: Review = load(text).unwrap();
    assert!(review.timeline.is_empty());
    assert_eq!(review.incident.time_zone, "UTC");
    assert_eq!(review.display_title(), "Untitled review");
}

#[test]
fn not_json_says_where() {
    let err = load::<Review>("{\"format\": ").unwrap_err();
    assert!(matches!(err, LoadError::NotJson { line: 1, .. }), "{err:?}");
    assert!(err.to_string().contains("not valid JSON"));
}

#[test]
fn json_that_is_not_ours() {
    for text in ["[1,2]", "{\"title\":\"x\"}", "\"review\""] {
        assert_eq!(
            load::<Review>(text).unwrap_err(),
            LoadError::NotADebriefDocument
        );
    }
}

#[test]
fn an_index_is_not_a_review() {
    let index = encode(&WorkbookIndex::default());
    let err = load::<Review>(&index).unwrap_err();
    assert!(
        err.to_string().contains("workbook index, not a review"),
        "{err}"
    );
}

#[test]
fn a_newer_schema_is_refused_not_guessed() {
    let text = V1.replace("\"schema_version\": 1", "\"schema_version\": 99");
    let err = load::<Review>(&text).unwrap_err();
    assert_eq!(
        err,
        LoadError::NewerVersion {
            found: 99,
            supported: 2
        }
    );
    assert!(err.to_string().contains("newer version of Debrief"));
}

#[test]
fn missing_or_silly_versions() {
    for version in ["", "\"schema_version\": 0,", "\"schema_version\": \"1\","] {
        let text = format!(r#"{{"format":"debrief.review",{version}"review":{{"id":"x"}}}}"#);
        assert_eq!(
            load::<Review>(&text).unwrap_err(),
            LoadError::MissingVersion
        );
    }
}

#[test]
fn wrong_types_are_malformed_with_detail() {
    let text = V1.replace("\"tenure_months\": 30", "\"tenure_months\": \"thirty\"");
    let err = load::<Review>(&text).unwrap_err();
    assert!(matches!(err, LoadError::Malformed { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"));
}

#[test]
fn invalid_reviews_list_every_problem() {
    let text = V1
        .replace("\"actor\": \"p2\"", "\"actor\": \"nobody\"")
        .replace(
            "https://tracker.example.com/ISSUE-42",
            "javascript:alert(1)",
        )
        .replace("\"America/Los_Angeles\"", "\"Pacific Time\"");
    let Err(LoadError::Invalid(problems)) = load::<Review>(&text) else {
        panic!("expected validation problems");
    };
    assert!(problems.contains(&ValidationError::UnknownTimeZone("Pacific Time".into())));
    assert!(problems.contains(&ValidationError::UnsafeLink {
        link: "javascript:alert(1)".into()
    }));
    assert!(problems
        .iter()
        .any(|p| matches!(p, ValidationError::BrokenLink { id, .. } if id == "nobody")));
}

#[test]
fn an_end_before_its_start_is_named() {
    let text = V1.replace(
        "\"end\": \"2019-11-06T02:40:00-08:00\"",
        "\"end\": \"2019-11-06T01:40:00-08:00\"",
    );
    let err = load::<Review>(&text).unwrap_err();
    assert!(
        err.to_string()
            .contains("The impact window \"ingest API\" ends before it starts"),
        "{err}"
    );
}
