//! The load path: fixtures of every schema version load forever, and every way a document
//! can be wrong is refused with a plain explanation.

use debrief_core::document::Document;
use debrief_core::document::{encode, encode_pretty, load, LoadError};
use debrief_core::exchange::backup::{read_import, Incoming, UnreadableDocument, WorkbookBackup};
use debrief_core::library::WorkbookIndex;
use debrief_core::meta::MetaReview;
use debrief_core::model::{HypothesisStatus, ParticipantKind, Review, TimeKnown, TriggerClass};
use debrief_core::validate::ValidationError;

const V1: &str = include_str!("fixtures/review-v1.json");
const V2: &str = include_str!("fixtures/review-v2.json");
const V3: &str = include_str!("fixtures/review-v3.json");
const V4: &str = include_str!("fixtures/review-v4.json");
const BACKUP_V1: &str = include_str!("fixtures/backup-v1.json");
const BACKUP_V2: &str = include_str!("fixtures/backup-v2.json");
const BACKUP_V3: &str = include_str!("fixtures/backup-v3.json");
const BACKUP_V4: &str = include_str!("fixtures/backup-v4.json");
const BACKUP_V5: &str = include_str!("fixtures/backup-v5.json");
const META_V1: &str = include_str!("fixtures/meta-review-v1.json");

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
}

#[test]
fn v2_loads_as_v3_with_everyone_a_person_and_nothing_kept_as_written() {
    let from_v2: Review = load(V2).unwrap();
    assert!(from_v2
        .people
        .iter()
        .all(|p| p.kind == ParticipantKind::Person && !p.private));
    assert!(from_v2.kept_as_written.is_empty());
    // The v3 fixture is the v2 fixture with three more participants, two events of theirs
    // and one replacement kept as written.
    let mut v3: Review = load(V3).expect("the v3 fixture must load forever");
    let kinds: Vec<_> = v3.people.iter().map(|p| (p.kind, p.private)).collect();
    assert_eq!(
        kinds[2..],
        [
            (ParticipantKind::Person, false),
            (ParticipantKind::Organisation, false),
            (ParticipantKind::OutsideReporter, true),
        ]
    );
    assert_eq!(v3.kept_as_written[0].term, "AN");
    v3.id = from_v2.id.clone();
    v3.people.truncate(2);
    v3.timeline.truncate(4);
    v3.kept_as_written.clear();
    assert_eq!(v3, from_v2);
    // Saved again, it is a document of today's version.
    assert!(encode(&from_v2).contains(&current_version(Review::SCHEMA_VERSION)));
}

fn current_version(version: u32) -> String {
    format!("\"schema_version\":{version}")
}

#[test]
fn v3_loads_as_v4_with_every_time_exact() {
    let from_v3: Review = load(V3).unwrap();
    assert!(from_v3
        .timeline
        .iter()
        .all(|e| e.time_known == TimeKnown::Exact));
    assert_eq!(from_v3.incident.start_known, TimeKnown::Exact);
    // The v4 fixture is the v3 fixture with a start known only as a bound and five events
    // whose times are approximate, bounded, a span, only the day, and not known.
    let mut v4: Review = load(V4).expect("the v4 fixture must load forever");
    assert_eq!(v4.incident.start_known, TimeKnown::Before);
    let known: Vec<_> = v4.timeline[6..].iter().map(|e| e.time_known).collect();
    assert_eq!(
        known,
        [
            TimeKnown::About,
            TimeKnown::Before,
            TimeKnown::Between {
                latest: chrono::DateTime::parse_from_rfc3339("2019-11-06T05:47:00-08:00").unwrap()
            },
            TimeKnown::Day,
            TimeKnown::Exact,
        ]
    );
    assert_eq!(v4.timeline[10].at, None);
    // And a trigger that is known but in none of the three classes.
    assert_eq!(v4.trigger.class, TriggerClass::KnownOther);
    v4.id = from_v3.id.clone();
    v4.trigger = from_v3.trigger.clone();
    v4.incident.start_known = TimeKnown::Exact;
    v4.timeline.truncate(6);
    assert_eq!(v4, from_v3);
    // Exact times are written as they were in v3: no field for what goes without saying.
    assert!(!encode(&from_v3).contains("time_known"));
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
            supported: Review::SCHEMA_VERSION
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

#[test]
fn backups_of_every_version_load_forever() {
    let v1: WorkbookBackup = load(BACKUP_V1).expect("the v1 backup must load forever");
    assert_eq!(v1.reviews, vec![load::<Review>(V1).unwrap()]);
    assert!(v1.meta_reviews.is_empty() && v1.unreadable.is_empty());

    let v2: WorkbookBackup = load(BACKUP_V2).expect("the v2 backup must load forever");
    assert_eq!(v2.reviews.len(), 2);
    assert_eq!(v2.reviews[0], load::<Review>(V2).unwrap());
    assert_eq!(v2.reviews[1].title, "A second review in the same backup");
    assert!(v2.meta_reviews.is_empty() && v2.unreadable.is_empty());
    assert_eq!(v2.describe(), "2 reviews");

    let v3: WorkbookBackup = load(BACKUP_V3).expect("the v3 backup must load forever");
    assert_eq!(v3.reviews, vec![load::<Review>(V2).unwrap()]);
    assert_eq!(v3.meta_reviews.len(), 1);
    assert_eq!(v3.meta_reviews[0].title, "Memory incidents in 2019");
    assert_eq!(v3.meta_reviews[0].next_steps[0].owner, "platform");
    assert_eq!(v3.unreadable.len(), 1);
    assert_eq!(v3.unreadable[0].key, "debrief:review:from-the-future");
    // Kept word for word: it still reads as the newer document it is.
    assert!(matches!(
        load::<Review>(&v3.unreadable[0].text),
        Err(LoadError::NewerVersion { found: 9, .. })
    ));
    assert_eq!(
        v3.describe(),
        "1 review, 1 meta-review and 1 document Debrief could not read (kept as it was)"
    );
    let v4: WorkbookBackup = load(BACKUP_V4).expect("the v4 backup must load forever");
    assert_eq!(v4.reviews, vec![load::<Review>(V3).unwrap()]);
    assert_eq!(v4.meta_reviews, v3.meta_reviews);
    let v5: WorkbookBackup = load(BACKUP_V5).expect("the v5 backup must load forever");
    assert_eq!(v5.reviews, vec![load::<Review>(V4).unwrap()]);
    assert_eq!(v5.meta_reviews, v3.meta_reviews);
    // Saved again, every older backup is one of today's version and loads as it did.
    for backup in [v1, v2, v3, v4, v5] {
        let text = encode(&backup);
        let workbook = format!(
            "{},\"workbook\":{{",
            current_version(WorkbookBackup::SCHEMA_VERSION)
        );
        assert!(text.contains(&workbook), "{text}");
        assert_eq!(load::<WorkbookBackup>(&text).unwrap(), backup);
    }
    let Incoming::Backup(imported) = read_import(BACKUP_V3).unwrap() else {
        panic!("a backup");
    };
    assert_eq!(imported.meta_reviews.len(), 1);
}

#[test]
fn v1_meta_review_loads_with_every_section_and_no_one_merged() {
    let meta: MetaReview = load(META_V1).expect("the v1 meta-review must load forever");
    assert_eq!(meta.id.as_str(), "fixture-meta-v1");
    assert_eq!(meta.time_zone, "America/Los_Angeles");
    assert_eq!(meta.selection.picked.len(), 3);
    let rule = meta.selection.rule.as_ref().expect("its rule");
    assert_eq!(rule.triggers, [TriggerClass::SelfChangeCaused]);
    assert_eq!(meta.summaries.len(), 2);
    assert_eq!(meta.summaries[1].title, "A review deleted since");
    assert_eq!(meta.themes[0].reviews.len(), 2);
    assert_eq!(meta.went_well.len(), 1);
    assert_eq!(
        meta.next_steps[0].tracker_link.as_deref(),
        Some("https://tracker.example.com/PLAT-204")
    );
    assert_eq!(meta.redactions[0].replacement, "the DNS provider");
    assert!(
        meta.same_people.is_empty(),
        "a v1 meta-review merged no one"
    );
    // Saved again it is a v2 one, and loads as it did.
    let text = encode(&meta);
    assert!(text.contains("\"schema_version\":2"), "{text}");
    assert!(text.contains("\"same_people\":[]"), "{text}");
    assert_eq!(load::<MetaReview>(&text).unwrap(), meta);
}

#[test]
fn a_backup_says_what_it_holds() {
    let review = |id: &str| Review {
        id: debrief_core::model::ReviewId::new(id),
        ..Review::default()
    };
    let unreadable = || UnreadableDocument {
        key: "k".into(),
        reason: "r".into(),
        text: "t".into(),
    };
    let mut backup = WorkbookBackup::default();
    assert_eq!(backup.describe(), "no reviews");
    backup.reviews = (0..12).map(|n| review(&n.to_string())).collect();
    assert_eq!(backup.describe(), "12 reviews");
    backup.meta_reviews = vec![Default::default(), Default::default()];
    backup.unreadable = vec![unreadable()];
    assert_eq!(
        backup.describe(),
        "12 reviews, 2 meta-reviews and 1 document Debrief could not read (kept as it was)"
    );
    backup.reviews.truncate(1);
    backup.meta_reviews.clear();
    backup.unreadable.push(unreadable());
    assert_eq!(
        backup.describe(),
        "1 review and 2 documents Debrief could not read (kept as they were)"
    );
}

#[test]
fn an_empty_file_is_named_as_empty() {
    for text in ["", "  \n\t "] {
        let err = load::<Review>(text).unwrap_err();
        assert_eq!(err, LoadError::Empty);
        assert_eq!(err.to_string(), "The file is empty.");
    }
}

#[test]
fn a_cut_short_file_gives_its_position_only_as_help() {
    let cut = &V1[..V1.find("\"severity\"").unwrap()];
    let err = load::<Review>(cut).unwrap_err();
    assert!(matches!(err, LoadError::NotJson { line: 9, .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(
            "This file is not valid JSON: it looks cut short or is not a Debrief file; \
             the first problem is on line 9, near character "
        ),
        "{message}"
    );
}

fn damage(text: &str) -> String {
    let err = load::<Review>(text).unwrap_err();
    assert!(matches!(err, LoadError::Malformed { .. }), "{err:?}");
    let message = err.to_string();
    for jargon in [
        "invalid type",
        "expected a",
        "sequence",
        "struct",
        "line ",
        "column",
        "`",
    ] {
        assert!(!message.contains(jargon), "{jargon:?} in {message}");
    }
    message
}

#[test]
fn a_wrong_type_is_named_by_its_place() {
    let text = V1.replace(
        "\"source\": { \"kind\": \"deploy\", \"link\": null },\n        \"tags\": []",
        "\"source\": { \"kind\": \"deploy\", \"link\": null },\n        \"tags\": \"oops\"",
    );
    assert_ne!(text, V1, "the fixture's 4th event comes from a deploy");
    assert_eq!(
        damage(&text),
        "This Debrief document is damaged or was edited by hand. The timeline's 4th entry has \
         text where a list was expected (in “tags”)."
    );
    // The same in a current document, read by the fast path.
    let text = V2.replace("\"tenure_months\": 30", "\"tenure_months\": \"thirty\"");
    assert_eq!(
        damage(&text),
        "This Debrief document is damaged or was edited by hand. The 1st person has text where \
         a whole number of 0 or more was expected (in “tenure_months”)."
    );
}

#[test]
fn an_unknown_value_lists_the_ones_debrief_knows() {
    let text = V2.replace("\"status\": \"in_review\"", "\"status\": \"archived\"");
    assert_eq!(
        damage(&text),
        "This Debrief document is damaged or was edited by hand. The review has “archived” \
         where one of “draft”, “in_review” or “published” was expected (in “status”)."
    );
}

#[test]
fn a_missing_field_is_named() {
    let text = BACKUP_V3.replace("\"key\": \"debrief:review:from-the-future\",", "");
    let err = load::<WorkbookBackup>(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This Debrief document is damaged or was edited by hand. The backup's 1st unreadable \
         document has no “key”."
    );
}

#[test]
fn every_kind_of_document_is_in_the_list_the_load_path_reads() {
    use debrief_core::document::{Document, KINDS};
    use debrief_core::library::WorkbookIndex;
    use debrief_core::meta::MetaReview;
    use debrief_core::model::Review;
    use debrief_core::triage::ReviewTranscripts;
    fn declared<D: Document>() -> (&'static str, &'static str) {
        (D::FORMAT, D::NOUN)
    }
    let declared = [
        declared::<Review>(),
        declared::<WorkbookIndex>(),
        declared::<WorkbookBackup>(),
        declared::<MetaReview>(),
        declared::<ReviewTranscripts>(),
    ];
    assert_eq!(KINDS, declared.as_slice());
}
