use super::*;
use crate::meta::{MetaReviewId, ReviewSelection};
use crate::model::{
    ActionItem, ContributingFactor, DeepAnalysisCriterion, EventKind, Hypothesis, ImpactWindow,
    Person, ReviewTemplate, TimelineEvent,
};
use crate::testing::{at, id, UtcOnly};

fn review(name: &str, start: Option<&str>) -> Review {
    let mut review = Review::new(
        ReviewId::new(name),
        ReviewTemplate::FullAnalysis,
        at("2020-01-01T00:00:00Z").to_utc(),
    );
    review.title = format!("Incident {name}");
    review.incident.start = start.map(at);
    review
}

fn meta_over(reviews: &[Review], zone: &str) -> MetaReview {
    MetaReview {
        id: MetaReviewId::new("m"),
        time_zone: zone.to_owned(),
        selection: ReviewSelection {
            picked: reviews.iter().map(|r| r.id.clone()).collect(),
            rule: None,
        },
        ..MetaReview::default()
    }
}

fn figures(reviews: &[Review]) -> MetaFigures {
    figures_on(reviews, NaiveDate::from_ymd_opt(2020, 9, 1).unwrap())
}

fn figures_on(reviews: &[Review], today: NaiveDate) -> MetaFigures {
    meta_figures(&meta_over(reviews, "UTC"), reviews, &UtcOnly, today)
}

fn rids(names: &[&str]) -> Vec<ReviewId> {
    names.iter().map(|n| ReviewId::new(*n)).collect()
}

fn factor(fid: &str, category: FactorCategory) -> ContributingFactor {
    ContributingFactor {
        id: id(fid),
        description: format!("factor {fid}"),
        category,
        ..ContributingFactor::default()
    }
}

fn event(eid: &str, when: &str, kind: EventKind, actor: Option<&str>) -> TimelineEvent {
    TimelineEvent {
        id: id(eid),
        at: Some(at(when)),
        kind,
        actor: actor.map(id),
        ..TimelineEvent::default()
    }
}

fn person(pid: &str, name: &str, team: &str, roles: &[IncidentRole]) -> Person {
    Person {
        id: id(pid),
        name: name.to_owned(),
        team: team.to_owned(),
        roles: roles.to_vec(),
        ..Person::default()
    }
}

#[test]
fn triggers_count_every_class_unknown_included() {
    let mut a = review("a", Some("2020-07-28T03:00:00Z"));
    a.trigger.class = TriggerClass::ProviderCaused;
    let mut b = review("b", Some("2020-08-03T03:00:00Z"));
    b.trigger.class = TriggerClass::SelfChangeCaused;
    let c = review("c", Some("2020-08-04T03:00:00Z"));
    // A certificate that expired with nothing changed: known, none of the three.
    let mut d = review("d", Some("2020-08-05T03:00:00Z"));
    d.trigger.class = TriggerClass::KnownOther;
    d.trigger.description = "The API's TLS certificate expired".to_owned();
    let f = figures(&[a, b, c, d]);
    let keys: Vec<TriggerClass> = f.triggers.iter().map(|t| t.key).collect();
    assert_eq!(keys, TriggerClass::ALL);
    let get = |class| f.triggers.iter().find(|t| t.key == class).unwrap();
    assert_eq!(get(TriggerClass::Unknown).reviews, rids(&["c"]));
    assert_eq!(get(TriggerClass::ProviderCaused).reviews, rids(&["a"]));
    assert_eq!(get(TriggerClass::SelfChangeCaused).reviews, rids(&["b"]));
    assert_eq!(get(TriggerClass::CustomerCaused).count(), 0);
    assert_eq!(get(TriggerClass::KnownOther).reviews, rids(&["d"]));
    assert!((get(TriggerClass::Unknown).share - 1.0 / 4.0).abs() < 1e-9);
    let sum: usize = f.triggers.iter().map(Tally::count).sum();
    assert_eq!(sum, 4, "every review counted once");
}

#[test]
fn factor_categories_count_reviews_once_and_every_factor() {
    let mut a = review("a", None);
    a.factors = vec![
        factor("f1", FactorCategory::ConfigurationOrSeam),
        factor("f2", FactorCategory::ConfigurationOrSeam),
        factor("f3", FactorCategory::Observability),
    ];
    let mut b = review("b", None);
    b.factors = vec![factor("f1", FactorCategory::ConfigurationOrSeam)];
    let c = review("c", None);
    let f = figures(&[a, b, c]);
    assert_eq!(f.factor_categories.len(), 2);
    let seam = &f.factor_categories[0];
    assert_eq!(seam.category, FactorCategory::ConfigurationOrSeam);
    assert_eq!(seam.reviews, rids(&["a", "b"]));
    assert_eq!(seam.factors, 3);
    let obs = &f.factor_categories[1];
    assert_eq!(obs.category, FactorCategory::Observability);
    assert_eq!((obs.reviews.clone(), obs.factors), (rids(&["a"]), 1));
    assert_eq!(f.without_factors, rids(&["c"]));
}

#[test]
fn environments_match_trimmed_ignoring_case_and_none_is_not_recorded() {
    let mut a = review("a", None);
    a.impact.environments = vec!["Production".into(), " dogfooding ".into()];
    let mut b = review("b", None);
    b.impact.environments = vec!["production ".into(), "PRODUCTION".into()];
    let mut c = review("c", None);
    c.impact.environments = vec!["  ".into()];
    let d = review("d", None);
    let f = figures(&[a, b, c, d]);
    let shown: Vec<(String, Vec<ReviewId>)> = f
        .environments
        .iter()
        .map(|t| (t.key.clone(), t.reviews.clone()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("Production".to_owned(), rids(&["a", "b"])),
            ("dogfooding".to_owned(), rids(&["a"])),
            (NOT_RECORDED.to_owned(), rids(&["c", "d"])),
        ]
    );
}

#[test]
fn customer_facing_and_caught_before_production_keep_unknown() {
    let mut a = review("a", None);
    a.impact.customer_facing = Some(true);
    a.impact.caught_before_production = Some(false);
    let mut b = review("b", None);
    b.impact.customer_facing = Some(false);
    b.impact.caught_before_production = Some(true);
    let c = review("c", None);
    let f = figures(&[a, b, c]);
    assert_eq!(
        f.customer_facing,
        YesNoUnknown {
            yes: rids(&["a"]),
            no: rids(&["b"]),
            unknown: rids(&["c"]),
        }
    );
    assert_eq!(
        f.caught_before_production,
        YesNoUnknown {
            yes: rids(&["b"]),
            no: rids(&["a"]),
            unknown: rids(&["c"]),
        }
    );
}

#[test]
fn month_weekday_and_hour_are_read_in_utc_and_no_start_is_counted() {
    let a = review("a", Some("2020-07-31T23:30:00Z"));
    let b = review("b", Some("2020-08-03T09:15:00+02:00"));
    let c = review("c", None);
    let f = figures(&[a, b, c]);
    let months: Vec<(&str, usize)> = f
        .by_month
        .iter()
        .map(|t| (t.key.as_str(), t.count()))
        .collect();
    assert_eq!(months, [("2020-07", 1), ("2020-08", 1)]);
    assert_eq!(f.by_weekday.len(), 7);
    assert_eq!(f.by_weekday[4].key, Weekday::Fri);
    assert_eq!(f.by_weekday[4].reviews, rids(&["a"]));
    assert_eq!(f.by_weekday[0].reviews, rids(&["b"]));
    assert_eq!(f.by_hour.len(), 24);
    assert_eq!(f.by_hour[23].reviews, rids(&["a"]));
    assert_eq!(f.by_hour[7].reviews, rids(&["b"]));
    assert_eq!(f.no_start, rids(&["c"]));
}

#[test]
fn months_without_an_incident_are_counted_as_zero_between_the_first_and_the_last() {
    // Over a year end, as a team's incidents of one winter.
    let reviews = vec![
        review("nov", Some("2019-11-06T11:00:00Z")),
        review("feb", Some("2020-02-12T09:00:00Z")),
        review("feb2", Some("2020-02-20T09:00:00Z")),
        review("none", None),
    ];
    let f = figures(&reviews);
    let months: Vec<(&str, usize)> = f
        .by_month
        .iter()
        .map(|t| (t.key.as_str(), t.count()))
        .collect();
    assert_eq!(
        months,
        [
            ("2019-11", 1),
            ("2019-12", 0),
            ("2020-01", 0),
            ("2020-02", 2)
        ]
    );
    assert_eq!(f.by_month[1].share, 0.0);
    assert!((f.by_month[3].share - 0.5).abs() < 1e-9);
}

#[cfg(feature = "bundled-zones")]
#[test]
fn a_late_utc_start_lands_on_the_local_day_east_and_west() {
    use crate::time::BundledZones;
    // 23:30 UTC on Friday 31 July 2020.
    let reviews = vec![review("late", Some("2020-07-31T23:30:00Z"))];
    let today = NaiveDate::from_ymd_opt(2020, 9, 1).unwrap();
    let on = |zone: &str| meta_figures(&meta_over(&reviews, zone), &reviews, &BundledZones, today);
    let count_of =
        |t: &[Tally<Weekday>], day: Weekday| t.iter().find(|x| x.key == day).unwrap().count();

    // Berlin (UTC+2 in summer): 01:30 on Saturday 1 August.
    let east = on("Europe/Berlin");
    assert_eq!(east.time_zone, "Europe/Berlin");
    assert_eq!(east.by_month[0].key, "2020-08");
    assert_eq!(count_of(&east.by_weekday, Weekday::Sat), 1);
    assert_eq!(east.by_hour[1].count(), 1);

    // Los Angeles (UTC-7 in summer): 16:30 on Friday 31 July.
    let west = on("America/Los_Angeles");
    assert_eq!(west.by_month[0].key, "2020-07");
    assert_eq!(count_of(&west.by_weekday, Weekday::Fri), 1);
    assert_eq!(west.by_hour[16].count(), 1);

    // An unknown zone is read as UTC, and says so.
    let unknown = on("Mars/Olympus");
    assert_eq!(unknown.time_zone, "UTC");
    assert_eq!(unknown.by_hour[23].count(), 1);
}

/// Impact from `start`, detection after `detect` minutes, mitigation after `mitigate`.
fn timed(name: &str, detect: i64, mitigate: Option<i64>) -> Review {
    let start = at("2020-08-01T10:00:00Z");
    let mut r = review(name, Some("2020-08-01T10:00:00Z"));
    r.timeline.push(TimelineEvent {
        id: id("d"),
        at: Some(start + TimeDelta::minutes(detect)),
        kind: EventKind::Alert,
        ..TimelineEvent::default()
    });
    if let Some(m) = mitigate {
        r.timeline.push(TimelineEvent {
            id: id("m"),
            at: Some(start + TimeDelta::minutes(m)),
            kind: EventKind::Mitigation,
            ..TimelineEvent::default()
        });
    }
    r
}

#[test]
fn durations_are_distributions_with_quartiles_and_missing_reviews() {
    let reviews = vec![
        timed("a", 10, Some(90)),
        timed("b", 2, Some(20)),
        timed("c", 5, None),
        timed("d", 30, Some(60)),
        timed("e", 20, Some(45)),
        // No start, no impact window: nothing can be measured.
        review("f", None),
    ];
    let f = figures(&reviews);
    let metrics: Vec<Metric> = f.durations.iter().map(|d| d.metric).collect();
    assert_eq!(metrics, DURATION_METRICS);

    let detect = &f.durations[0];
    let order: Vec<&str> = detect.values.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(order, ["b", "c", "a", "e", "d"]);
    let m = TimeDelta::minutes;
    assert_eq!(
        detect.summary,
        Some(FiveNumbers {
            min: m(2),
            lower_quartile: m(5),
            median: m(10),
            upper_quartile: m(20),
            max: m(30),
        })
    );
    assert_eq!(detect.missing, rids(&["f"]));

    // Four values: quartiles fall between them.
    let mitigate = &f.durations[1];
    assert_eq!(
        mitigate.summary,
        Some(FiveNumbers {
            min: m(20),
            lower_quartile: TimeDelta::seconds(2325), // 38.75 min
            median: TimeDelta::seconds(3150),         // 52.5 min
            upper_quartile: m(67) + TimeDelta::seconds(30),
            max: m(90),
        })
    );
    assert_eq!(mitigate.missing, rids(&["c", "f"]));

    let resolve = &f.durations[2];
    assert!(resolve.values.is_empty());
    assert_eq!(resolve.summary, None);
    assert_eq!(resolve.missing.len(), 6);
}

#[test]
fn five_numbers_of_one_value_and_none() {
    let one = [TimeDelta::minutes(7)];
    let five = five_numbers(&one).unwrap();
    assert_eq!(five.min, five.max);
    assert_eq!(five.median, TimeDelta::minutes(7));
    assert_eq!(five_numbers(&[]), None);
}

#[test]
fn hypotheses_add_up_across_incidents() {
    let hypothesis = |hid: &str, status, raised: &str, changed: &str| Hypothesis {
        id: id(hid),
        status,
        raised_at: Some(at(raised)),
        status_changed_at: Some(at(changed)),
        ..Hypothesis::default()
    };
    let mut a = review("a", None);
    a.hypotheses = vec![
        hypothesis(
            "h1",
            HypothesisStatus::Falsified,
            "2020-08-01T10:00:00Z",
            "2020-08-01T10:30:00Z",
        ),
        hypothesis(
            "h2",
            HypothesisStatus::Supported,
            "2020-08-01T10:10:00Z",
            "2020-08-01T11:00:00Z",
        ),
    ];
    let mut b = review("b", None);
    b.hypotheses = vec![hypothesis(
        "h1",
        HypothesisStatus::Falsified,
        "2020-08-02T10:00:00Z",
        "2020-08-02T10:15:00Z",
    )];
    let c = review("c", None);
    let f = figures(&[a, b, c]);
    assert_eq!(f.hypotheses.total, 3);
    assert_eq!(f.hypotheses.falsified, 2);
    assert_eq!(f.hypotheses.time_on_falsified, TimeDelta::minutes(45));
    assert_eq!(f.hypotheses.per_review.len(), 3);
    assert_eq!(
        f.hypotheses.per_review[0],
        ReviewHypotheses {
            review: ReviewId::new("a"),
            total: 2,
            falsified: 1,
            time_on_falsified: TimeDelta::minutes(30),
        }
    );
    assert_eq!(f.hypotheses.per_review[2].total, 0);
}

#[test]
fn people_teams_and_services_recur_by_name() {
    use IncidentRole::*;
    let mut a = review("a", Some("2020-08-01T00:00:00Z"));
    a.people = vec![
        person("p1", "Martin  Okafor", "Platform", &[OnCall]),
        person("p2", "Rae Lin", "Storage", &[SubjectMatterExpert]),
    ];
    // 03:00 UTC is night in the review's (UTC) zone, 12:00 is not.
    a.timeline = vec![
        event("e1", "2020-08-01T03:00:00Z", EventKind::Alert, Some("p1")),
        event("e2", "2020-08-01T12:00:00Z", EventKind::Action, Some("p1")),
    ];
    a.services = vec!["query engine".into()];
    let mut b = review("b", Some("2020-08-05T00:00:00Z"));
    b.people = vec![person(
        "x",
        " martin okafor ",
        "platform",
        &[IncidentCommander, OnCall],
    )];
    b.timeline = vec![event(
        "e1",
        "2020-08-05T23:00:00Z",
        EventKind::Decision,
        Some("x"),
    )];
    b.services = vec!["Query Engine".into(), "storage".into()];
    let f = figures(&[a, b]);

    assert_eq!(f.people.len(), 2);
    let martin = &f.people[0];
    assert_eq!(martin.name, "Martin Okafor");
    assert_eq!(martin.reviews, rids(&["a", "b"]));
    assert_eq!(martin.roles, [IncidentCommander, OnCall]);
    assert_eq!((martin.events, martin.night_events), (3, 2));
    assert!(martin.recurring);
    assert_eq!(f.people[1].name, "Rae Lin");
    assert!(!f.people[1].recurring);

    let teams: Vec<(&str, usize, bool)> = f
        .teams
        .iter()
        .map(|t| (t.name.as_str(), t.reviews.len(), t.recurring))
        .collect();
    assert_eq!(teams, [("Platform", 2, true), ("Storage", 1, false)]);
    assert_eq!(f.teams[0].night_events, 2);

    let services: Vec<(&str, usize)> = f
        .services
        .iter()
        .map(|s| (s.name.as_str(), s.reviews.len()))
        .collect();
    assert_eq!(services, [("query engine", 2), ("storage", 1)]);
    assert!(f.services[0].roles.is_empty());
}

#[test]
fn spellings_merged_by_hand_count_as_one_person() {
    use IncidentRole::*;
    let mut a = review("a", Some("2020-08-01T00:00:00Z"));
    a.people = vec![person("p1", "Sam Lee", "Platform", &[OnCall])];
    let mut b = review("b", Some("2020-08-05T00:00:00Z"));
    b.people = vec![person("p1", "S. Lee", "Platform", &[IncidentCommander])];
    let mut c = review("c", Some("2020-08-09T00:00:00Z"));
    c.people = vec![
        person("p1", "sam", "platform", &[]),
        person("p2", "Rae Lin", "Storage", &[]),
    ];
    let reviews = [a, b, c];
    let today = NaiveDate::from_ymd_opt(2020, 9, 1).unwrap();
    let mut meta = meta_over(&reviews, "UTC");
    let before = meta_figures(&meta, &reviews, &UtcOnly, today);
    assert_eq!(before.people.len(), 4);
    assert!(before.people.iter().all(|p| !p.recurring));

    meta.merge_people(&["Sam Lee".to_owned(), "S. Lee".to_owned(), "SAM".to_owned()])
        .unwrap();
    let after = meta_figures(&meta, &reviews, &UtcOnly, today);
    let sam = &after.people[0];
    assert_eq!(sam.name, "Sam Lee");
    assert_eq!(sam.also_spelled, ["S. Lee", "sam"]);
    assert_eq!(sam.reviews, rids(&["a", "b", "c"]));
    assert_eq!(sam.roles, [IncidentCommander, OnCall]);
    assert!(sam.recurring);
    assert_eq!(after.people[1].name, "Rae Lin");
    assert!(after.people[1].also_spelled.is_empty());
}

#[test]
fn actions_by_status_kind_and_factor_category() {
    let action = |aid: &str, kind, status, due: Option<&str>, factors: &[&str]| ActionItem {
        id: id(aid),
        description: aid.to_owned(),
        kind,
        status,
        due: due.map(|d| d.parse().unwrap()),
        factors: factors.iter().map(|f| id(f)).collect(),
        ..ActionItem::default()
    };
    let mut a = review("a", None);
    a.factors = vec![
        factor("f1", FactorCategory::ConfigurationOrSeam),
        factor("f2", FactorCategory::Observability),
    ];
    a.actions = vec![
        action(
            "late",
            ActionKind::Detect,
            ActionStatus::InProgress,
            Some("2020-08-15"),
            &["f1", "f2"],
        ),
        action(
            "due-today",
            ActionKind::Prevent,
            ActionStatus::Open,
            Some("2020-09-01"),
            &["f1"],
        ),
    ];
    let mut b = review("b", None);
    b.actions = vec![
        action(
            "done",
            ActionKind::Detect,
            ActionStatus::Done,
            Some("2020-08-01"),
            &[],
        ),
        action("no", ActionKind::Document, ActionStatus::WontDo, None, &[]),
    ];
    let f = figures_on(&[a, b], NaiveDate::from_ymd_opt(2020, 9, 1).unwrap());
    let names = |refs: &[ActionRef]| -> Vec<String> {
        refs.iter()
            .map(|r| format!("{}/{}", r.review, r.action))
            .collect()
    };
    assert_eq!(names(&f.actions.all.open), ["a/late", "a/due-today"]);
    assert_eq!(names(&f.actions.all.overdue), ["a/late"]);
    assert_eq!(names(&f.actions.all.done), ["b/done"]);
    assert_eq!(names(&f.actions.all.wont_do), ["b/no"]);
    assert_eq!(f.actions.all.total(), 4);

    assert_eq!(f.actions.by_kind.len(), ActionKind::ALL.len());
    let detect = &f.actions.by_kind[0];
    assert_eq!(detect.0, ActionKind::Detect);
    assert_eq!(
        (
            detect.1.open.len(),
            detect.1.overdue.len(),
            detect.1.done.len()
        ),
        (1, 1, 1)
    );

    let categories: Vec<(Option<FactorCategory>, usize)> = f
        .actions
        .by_factor_category
        .iter()
        .map(|(c, counts)| (*c, counts.total()))
        .collect();
    assert_eq!(
        categories,
        [
            (Some(FactorCategory::ConfigurationOrSeam), 2),
            (Some(FactorCategory::Observability), 1),
            (None, 2),
        ]
    );
}

#[test]
fn deep_analysis_per_incident_and_per_criterion() {
    let mut a = review("a", None);
    a.deep_analysis.set(DeepAnalysisCriterion::NearMiss, true);
    a.deep_analysis
        .set(DeepAnalysisCriterion::SeemedTrivial, true);
    let mut b = review("b", None);
    b.deep_analysis.set(DeepAnalysisCriterion::NearMiss, true);
    let c = review("c", None);
    let f = figures(&[a, b, c]);
    let rows: Vec<(usize, Recommendation)> = f
        .deep_analysis
        .per_review
        .iter()
        .map(|r| (r.met.len(), r.recommendation))
        .collect();
    assert_eq!(
        rows,
        [
            (2, Recommendation::DeepAnalysisStrongly),
            (1, Recommendation::DeepAnalysis),
            (0, Recommendation::LightReview),
        ]
    );
    let near = f
        .deep_analysis
        .by_criterion
        .iter()
        .find(|t| t.key == DeepAnalysisCriterion::NearMiss)
        .unwrap();
    assert_eq!(near.reviews, rids(&["a", "b"]));
    assert_eq!(f.deep_analysis.by_criterion.len(), 8);
}

#[test]
fn an_empty_review_is_counted_as_unknown_everywhere() {
    let f = figures(&[review("bare", None)]);
    assert_eq!(f.covered, rids(&["bare"]));
    assert_eq!(f.triggers[0].key, TriggerClass::Unknown);
    assert_eq!(f.triggers[0].reviews, rids(&["bare"]));
    assert_eq!(f.environments.len(), 1);
    assert_eq!(f.environments[0].key, NOT_RECORDED);
    assert_eq!(f.customer_facing.unknown, rids(&["bare"]));
    assert_eq!(f.caught_before_production.unknown, rids(&["bare"]));
    assert_eq!(f.no_start, rids(&["bare"]));
    assert!(f.by_month.is_empty());
    assert!(f.durations.iter().all(|d| d.missing == rids(&["bare"])));
    assert!(f.people.is_empty() && f.teams.is_empty() && f.services.is_empty());
    assert_eq!(f.actions.all.total(), 0);
}

#[test]
fn an_impact_window_without_an_incident_start_still_measures() {
    let mut r = review("w", None);
    r.impact.windows = vec![ImpactWindow {
        id: id("iw"),
        start: Some(at("2020-08-01T10:00:00Z")),
        end: Some(at("2020-08-01T10:20:00Z")),
        ..ImpactWindow::default()
    }];
    let f = figures(&[r]);
    assert_eq!(f.no_start, rids(&["w"]), "no incident start: no month");
    assert_eq!(
        f.durations[1].values,
        vec![(ReviewId::new("w"), TimeDelta::minutes(20))]
    );
}

#[test]
fn deleted_reviews_are_missing_and_counted_nowhere() {
    let reviews = vec![review("here", None)];
    let mut meta = meta_over(&reviews, "UTC");
    meta.selection.picked.push(ReviewId::new("gone"));
    let f = meta_figures(
        &meta,
        &reviews,
        &UtcOnly,
        NaiveDate::from_ymd_opt(2020, 9, 1).unwrap(),
    );
    assert_eq!(f.covered, rids(&["here"]));
    assert_eq!(f.missing, rids(&["gone"]));
    assert_eq!(f.triggers[0].count(), 1);
}

#[test]
fn the_seed_incidents_match_the_meta_reviews_own_count() {
    let reviews = crate::testing::meta_seed_reviews();
    let f = meta_figures(
        &meta_over(&reviews, "America/Los_Angeles"),
        &reviews,
        &UtcOnly,
        NaiveDate::from_ymd_opt(2020, 8, 18).unwrap(),
    );
    assert_eq!(f.covered.len(), 5);
    let count = |class| f.triggers.iter().find(|t| t.key == class).unwrap().count();
    assert_eq!(count(TriggerClass::ProviderCaused), 2);
    assert_eq!(count(TriggerClass::SelfChangeCaused), 3);
    assert_eq!(count(TriggerClass::CustomerCaused), 0);
    assert_eq!(count(TriggerClass::Unknown), 0);
    assert_eq!(f.customer_facing.yes.len(), 3);
    assert_eq!(
        f.caught_before_production.yes,
        rids(&["2020-08-06-migration"])
    );
    // "dogfooding" is spelled three ways and "production" two; each is one environment.
    let environments: Vec<(&str, usize)> = f
        .environments
        .iter()
        .map(|t| (t.key.as_str(), t.count()))
        .collect();
    assert_eq!(environments, [("Dogfooding", 4), ("production", 3)]);
    let months: Vec<(&str, usize)> = f
        .by_month
        .iter()
        .map(|t| (t.key.as_str(), t.count()))
        .collect();
    assert_eq!(months, [("2020-07", 2), ("2020-08", 3)]);
    assert!(f.people.iter().filter(|p| p.recurring).count() >= 3);
}
