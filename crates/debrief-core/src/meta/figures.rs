//! The figures of a meta-review: what the covered incidents have in common, counted.
//!
//! Every count carries the ids of the reviews behind it, so the app and the reports can link
//! each number to the incidents it stands for. Nothing is dropped for being unknown: a review
//! without a trigger class, an environment, a start time or an impact window is counted under
//! "unknown" / "not recorded" / "no start time", never silently left out, so the counts of a
//! figure always add up to the number of covered reviews.
//!
//! Per-review numbers come from the existing analysis, not re-derived here:
//! [`response_metrics`] (durations), [`hypothesis_timings`] / [`time_on_falsified`]
//! (hypotheses), [`people_activity`] (night events) and [`is_overdue`] (actions).
//!
//! Shares are fractions of the covered reviews (0.0–1.0). For factor categories and
//! environments a review can count under several entries, so those shares may add up to more
//! than one.

use super::{covered_reviews, MetaReview};
use crate::analysis::actions::is_overdue;
use crate::analysis::hypotheses::time_on_falsified;
use crate::analysis::metrics::{response_metrics, Metric};
use crate::analysis::people::people_activity;
use crate::model::{
    ActionKind, ActionStatus, DeepAnalysisCriterion, EntityId, FactorCategory, HypothesisStatus,
    IncidentRole, Recommendation, Review, ReviewId, TriggerClass,
};
use crate::sorting;
use crate::time::{TimeZones, Zone};
use chrono::{Datelike, NaiveDate, TimeDelta, Timelike, Weekday};

/// Where environments, teams or services are counted when a review names none.
pub const NOT_RECORDED: &str = "not recorded";

/// One entry of a figure: a key (a trigger class, a month, an environment…) and the reviews
/// counted under it, in incident order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally<K> {
    pub key: K,
    pub reviews: Vec<ReviewId>,
    /// `reviews.len()` as a fraction of the covered reviews; 0 when none are covered.
    pub share: f64,
}

impl<K> Tally<K> {
    pub fn count(&self) -> usize {
        self.reviews.len()
    }
}

/// A contributing-factor category: the reviews that have at least one factor in it (each
/// once), and how many factors in it all those reviews have together.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryTally {
    pub category: FactorCategory,
    pub reviews: Vec<ReviewId>,
    pub share: f64,
    pub factors: usize,
}

/// A yes / no / not-yet-said question asked of every covered review.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YesNoUnknown {
    pub yes: Vec<ReviewId>,
    pub no: Vec<ReviewId>,
    pub unknown: Vec<ReviewId>,
}

/// The lowest, quartiles, median and highest of a list of durations. Quartiles interpolate
/// linearly between neighbours (the "type 7" rule of R and NumPy), rounded to the millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiveNumbers {
    pub min: TimeDelta,
    pub lower_quartile: TimeDelta,
    pub median: TimeDelta,
    pub upper_quartile: TimeDelta,
    pub max: TimeDelta,
}

/// One response metric across the covered reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    pub metric: Metric,
    /// Each review that has the metric, shortest first (ties in incident order).
    pub values: Vec<(ReviewId, TimeDelta)>,
    /// `None` when no review has the metric.
    pub summary: Option<FiveNumbers>,
    /// Reviews the metric cannot be computed for (no impact start, no matching event…).
    pub missing: Vec<ReviewId>,
}

/// Hypotheses held in one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewHypotheses {
    pub review: ReviewId,
    pub total: usize,
    pub falsified: usize,
    /// Wall-clock time spent holding hypotheses later falsified ([`time_on_falsified`]).
    pub time_on_falsified: TimeDelta,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HypothesisFigures {
    pub total: usize,
    pub falsified: usize,
    /// The sum over incidents of each one's time on falsified hypotheses.
    pub time_on_falsified: TimeDelta,
    /// One row per covered review, in incident order, those without hypotheses included.
    pub per_review: Vec<ReviewHypotheses>,
}

/// A person, team or service and the incidents they appear in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurring {
    /// As first spelled (trimmed); matched across reviews ignoring letter case and runs of
    /// white space. For people merged by hand ([`MetaReview::merge_people`]), the merge's
    /// first spelling.
    pub name: String,
    /// The other spellings counted under `name` (people merged by hand), as seen in the
    /// covered reviews; empty for everyone else.
    pub also_spelled: Vec<String>,
    pub reviews: Vec<ReviewId>,
    /// Roles held, in [`IncidentRole::ALL`] order: a person's own, a team's members'. Empty
    /// for services.
    pub roles: Vec<IncidentRole>,
    /// Timeline events they (a team: its members) acted in, across the incidents.
    pub events: usize,
    /// Of those, timed events in local night on each person's own clock
    /// ([`crate::analysis::people::is_local_night`]). Zero for services.
    pub night_events: usize,
    /// In at least two of the covered incidents.
    pub recurring: bool,
}

/// One action item of one review.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ActionRef {
    pub review: ReviewId,
    pub action: EntityId,
}

/// Action items in four states. `open` counts open and in-progress items, overdue ones
/// included; `overdue` is the part of `open` past its due date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionCounts {
    pub open: Vec<ActionRef>,
    pub overdue: Vec<ActionRef>,
    pub done: Vec<ActionRef>,
    pub wont_do: Vec<ActionRef>,
}

impl ActionCounts {
    fn add(&mut self, item: ActionRef, status: ActionStatus, overdue: bool) {
        if overdue {
            self.overdue.push(item.clone());
        }
        match status {
            ActionStatus::Open | ActionStatus::InProgress => self.open.push(item),
            ActionStatus::Done => self.done.push(item),
            ActionStatus::WontDo => self.wont_do.push(item),
        }
    }

    pub fn total(&self) -> usize {
        self.open.len() + self.done.len() + self.wont_do.len()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFigures {
    pub all: ActionCounts,
    /// Every kind in [`ActionKind::ALL`] order, empty ones included.
    pub by_kind: Vec<(ActionKind, ActionCounts)>,
    /// By the categories of the factors an action addresses, in [`FactorCategory::ALL`]
    /// order, only categories with actions; an action addressing factors in two categories
    /// counts in both. `None` collects actions that address no recorded factor.
    pub by_factor_category: Vec<(Option<FactorCategory>, ActionCounts)>,
}

/// The deep-analysis criteria one incident met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepAnalysisRow {
    pub review: ReviewId,
    pub met: Vec<DeepAnalysisCriterion>,
    pub recommendation: Recommendation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeepAnalysisFigures {
    /// One row per covered review, in incident order.
    pub per_review: Vec<DeepAnalysisRow>,
    /// Every criterion in [`DeepAnalysisCriterion::ALL`] order, with the reviews meeting it.
    pub by_criterion: Vec<Tally<DeepAnalysisCriterion>>,
}

/// Everything counted across the covered incidents. See the module documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaFigures {
    /// The covered reviews found in the workbook, in incident order.
    pub covered: Vec<ReviewId>,
    /// Covered but deleted since: not counted in any figure.
    pub missing: Vec<ReviewId>,
    /// The zone months, weekdays and hours are read in (UTC when the host does not know
    /// the meta-review's zone).
    pub time_zone: String,
    /// Every class in [`TriggerClass::ALL`] order, Unknown and empty ones included.
    pub triggers: Vec<Tally<TriggerClass>>,
    /// Categories at least one review has, in [`FactorCategory::ALL`] order.
    pub factor_categories: Vec<CategoryTally>,
    /// Reviews with no contributing factor at all.
    pub without_factors: Vec<ReviewId>,
    /// Environments by name (trimmed, letter case ignored, first spelling shown), most
    /// reviews first then by name; reviews naming none last, under [`NOT_RECORDED`].
    pub environments: Vec<Tally<String>>,
    pub customer_facing: YesNoUnknown,
    pub caught_before_production: YesNoUnknown,
    /// Incident starts by month ("2020-08"), in calendar order from the first incident's
    /// month to the last one's, months in between without an incident included (as zero),
    /// so a chart of them reads time evenly.
    pub by_month: Vec<Tally<String>>,
    /// Monday to Sunday, all seven.
    pub by_weekday: Vec<Tally<Weekday>>,
    /// Hours 0–23, all of them.
    pub by_hour: Vec<Tally<u32>>,
    /// Reviews without an incident start: in none of the three above.
    pub no_start: Vec<ReviewId>,
    /// Time to detect, to mitigate and to resolve.
    pub durations: Vec<Distribution>,
    pub hypotheses: HypothesisFigures,
    /// People matched by name across reviews; most incidents first, then by name.
    pub people: Vec<Recurring>,
    pub teams: Vec<Recurring>,
    pub services: Vec<Recurring>,
    pub actions: ActionFigures,
    pub deep_analysis: DeepAnalysisFigures,
}

/// The metrics shown as distributions, in this order.
pub const DURATION_METRICS: [Metric; 3] = [
    Metric::TimeToDetect,
    Metric::TimeToMitigate,
    Metric::TimeToResolve,
];

/// The figures of `meta` over the reviews it covers among `reviews`. `today` decides which
/// action items are overdue.
pub fn meta_figures(
    meta: &MetaReview,
    reviews: &[Review],
    zones: &dyn TimeZones,
    today: NaiveDate,
) -> MetaFigures {
    let coverage = covered_reviews(meta, reviews, zones);
    let covered = coverage.reviews;
    let total = covered.len();
    let zone = Zone::find_or_utc(zones, &meta.time_zone);
    let ids = |filter: &dyn Fn(&Review) -> bool| -> Vec<ReviewId> {
        covered
            .iter()
            .filter(|r| filter(r))
            .map(|r| r.id.clone())
            .collect()
    };

    let triggers = TriggerClass::ALL
        .iter()
        .map(|class| tally(*class, ids(&|r| r.trigger.class == *class), total))
        .collect();

    let factor_categories = FactorCategory::ALL
        .iter()
        .filter_map(|category| {
            let reviews = ids(&|r| r.factors.iter().any(|f| f.category == *category));
            (!reviews.is_empty()).then(|| CategoryTally {
                category: *category,
                share: share(reviews.len(), total),
                reviews,
                factors: covered
                    .iter()
                    .flat_map(|r| &r.factors)
                    .filter(|f| f.category == *category)
                    .count(),
            })
        })
        .collect();

    let yes_no = |value: &dyn Fn(&Review) -> Option<bool>| YesNoUnknown {
        yes: ids(&|r| value(r) == Some(true)),
        no: ids(&|r| value(r) == Some(false)),
        unknown: ids(&|r| value(r).is_none()),
    };

    let mut counted_months: Vec<Tally<String>> = Vec::new();
    let mut by_weekday: Vec<Tally<Weekday>> = WEEKDAYS
        .iter()
        .map(|day| tally(*day, Vec::new(), total))
        .collect();
    let mut by_hour: Vec<Tally<u32>> = (0..24).map(|h| tally(h, Vec::new(), total)).collect();
    for review in &covered {
        let Some(start) = review.incident.start else {
            continue;
        };
        let local = zone.to_local(&start).0;
        let month = local.format("%Y-%m").to_string();
        match counted_months.iter_mut().find(|t| t.key == month) {
            Some(t) => t.reviews.push(review.id.clone()),
            None => counted_months.push(tally(month, vec![review.id.clone()], total)),
        }
        by_weekday[local.weekday().num_days_from_monday() as usize]
            .reviews
            .push(review.id.clone());
        by_hour[local.hour() as usize]
            .reviews
            .push(review.id.clone());
    }
    let mut by_month = every_month(counted_months, total);
    for t in &mut by_month {
        t.share = share(t.reviews.len(), total);
    }
    for t in &mut by_weekday {
        t.share = share(t.reviews.len(), total);
    }
    for t in &mut by_hour {
        t.share = share(t.reviews.len(), total);
    }

    let (people, teams) = people_and_teams(meta, &covered, zones);

    MetaFigures {
        covered: covered.iter().map(|r| r.id.clone()).collect(),
        missing: coverage.missing,
        time_zone: zone.name().to_owned(),
        triggers,
        factor_categories,
        without_factors: ids(&|r| r.factors.is_empty()),
        environments: environments(&covered, total),
        customer_facing: yes_no(&|r| r.impact.customer_facing),
        caught_before_production: yes_no(&|r| r.impact.caught_before_production),
        by_month,
        by_weekday,
        by_hour,
        no_start: ids(&|r| r.incident.start.is_none()),
        durations: durations(&covered),
        hypotheses: hypotheses(&covered),
        people,
        teams,
        services: services(&covered),
        actions: actions(&covered, today),
        deep_analysis: deep_analysis(&covered, total),
    }
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn share(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

fn tally<K>(key: K, reviews: Vec<ReviewId>, total: usize) -> Tally<K> {
    Tally {
        share: share(reviews.len(), total),
        key,
        reviews,
    }
}

/// `counted` (months with an incident, "2020-08", in any order) in calendar order, with an
/// empty tally for every month between the first and the last.
fn every_month(mut counted: Vec<Tally<String>>, total: usize) -> Vec<Tally<String>> {
    sorting::sort_by(&mut counted, |a, b| a.key.cmp(&b.key));
    let month_of = |key: &str| NaiveDate::parse_from_str(&format!("{key}-01"), "%Y-%m-%d").ok();
    let (Some(first), Some(last)) = (
        counted.first().and_then(|t| month_of(&t.key)),
        counted.last().and_then(|t| month_of(&t.key)),
    ) else {
        return counted;
    };
    let mut all = Vec::new();
    let mut counted = counted.into_iter().peekable();
    let mut month = first;
    while month <= last {
        let key = month.format("%Y-%m").to_string();
        match counted.next_if(|t| t.key == key) {
            Some(t) => all.push(t),
            None => all.push(tally(key, Vec::new(), total)),
        }
        let Some(next) = month.checked_add_months(chrono::Months::new(1)) else {
            break;
        };
        month = next;
    }
    all
}

/// How names are matched across reviews: trimmed, letter case and runs of white space
/// ignored ("Avery  Lee" is "avery lee").
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Groups `(name, review)` pairs by [`name_key`], first spelling shown, each review once.
struct Grouped {
    entries: Vec<Recurring>,
}

impl Grouped {
    fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    fn entry(&mut self, name: &str, review: &ReviewId) -> Option<&mut Recurring> {
        self.entry_as(name, name, review)
    }

    /// Like [`Grouped::entry`], for `spelled` counted under the name `counted`.
    fn entry_as(
        &mut self,
        spelled: &str,
        counted: &str,
        review: &ReviewId,
    ) -> Option<&mut Recurring> {
        let tidy = |name: &str| name.split_whitespace().collect::<Vec<_>>().join(" ");
        let (spelled, shown) = (tidy(spelled), tidy(counted));
        if shown.is_empty() {
            return None;
        }
        let key = name_key(&shown);
        let index = match self.entries.iter().position(|e| name_key(&e.name) == key) {
            Some(index) => index,
            None => {
                self.entries.push(Recurring {
                    name: shown,
                    also_spelled: Vec::new(),
                    reviews: Vec::new(),
                    roles: Vec::new(),
                    events: 0,
                    night_events: 0,
                    recurring: false,
                });
                self.entries.len() - 1
            }
        };
        let entry = &mut self.entries[index];
        let spelled_key = name_key(&spelled);
        if spelled_key != key
            && !entry
                .also_spelled
                .iter()
                .any(|s| name_key(s) == spelled_key)
        {
            entry.also_spelled.push(spelled);
        }
        if !entry.reviews.contains(review) {
            entry.reviews.push(review.clone());
        }
        Some(entry)
    }

    /// Most incidents first, then by name; flags those in two or more.
    fn finish(mut self) -> Vec<Recurring> {
        for entry in &mut self.entries {
            entry.recurring = entry.reviews.len() >= 2;
            sorting::sort_by_key(&mut entry.roles, |role| {
                IncidentRole::ALL
                    .iter()
                    .position(|r| r == role)
                    .unwrap_or(usize::MAX)
            });
        }
        sorting::sort_by(&mut self.entries, |a, b| {
            b.reviews
                .len()
                .cmp(&a.reviews.len())
                .then_with(|| name_key(&a.name).cmp(&name_key(&b.name)))
        });
        self.entries
    }
}

fn add_roles(entry: &mut Recurring, roles: &[IncidentRole]) {
    for role in roles {
        if !entry.roles.contains(role) {
            entry.roles.push(*role);
        }
    }
}

fn people_and_teams(
    meta: &MetaReview,
    covered: &[&Review],
    zones: &dyn TimeZones,
) -> (Vec<Recurring>, Vec<Recurring>) {
    let mut people = Grouped::new();
    let mut teams = Grouped::new();
    for review in covered {
        let activity = people_activity(review, zones);
        let people_only = review.people.iter().filter(|p| p.is_person());
        for (person, activity) in people_only.zip(&activity) {
            let counted = meta.counted_name(&person.name);
            if let Some(entry) = people.entry_as(&person.name, counted, &review.id) {
                add_roles(entry, &person.roles);
                entry.events += activity.event_count;
                entry.night_events += activity.night_events;
            }
            if let Some(entry) = teams.entry(&person.team, &review.id) {
                add_roles(entry, &person.roles);
                entry.events += activity.event_count;
                entry.night_events += activity.night_events;
            }
        }
    }
    (people.finish(), teams.finish())
}

fn services(covered: &[&Review]) -> Vec<Recurring> {
    let mut services = Grouped::new();
    for review in covered {
        for service in &review.services {
            services.entry(service, &review.id);
        }
    }
    services.finish()
}

fn environments(covered: &[&Review], total: usize) -> Vec<Tally<String>> {
    let mut named = Grouped::new();
    let mut none = Vec::new();
    for review in covered {
        let mut any = false;
        for environment in &review.impact.environments {
            any |= named.entry(environment, &review.id).is_some();
        }
        if !any {
            none.push(review.id.clone());
        }
    }
    let mut tallies: Vec<Tally<String>> = named
        .finish()
        .into_iter()
        .map(|e| tally(e.name, e.reviews, total))
        .collect();
    if !none.is_empty() {
        tallies.push(tally(NOT_RECORDED.to_owned(), none, total));
    }
    tallies
}

fn durations(covered: &[&Review]) -> Vec<Distribution> {
    let metrics: Vec<_> = covered.iter().map(|r| response_metrics(r)).collect();
    DURATION_METRICS
        .iter()
        .map(|metric| {
            let mut values = Vec::new();
            let mut missing = Vec::new();
            for (review, found) in covered.iter().zip(&metrics) {
                match found.values.iter().find(|v| v.metric == *metric) {
                    Some(value) => values.push((review.id.clone(), value.duration)),
                    None => missing.push(review.id.clone()),
                }
            }
            // Stable: ties keep incident order.
            sorting::sort_by_key(&mut values, |(_, duration)| *duration);
            let sorted: Vec<TimeDelta> = values.iter().map(|(_, d)| *d).collect();
            Distribution {
                metric: *metric,
                summary: five_numbers(&sorted),
                values,
                missing,
            }
        })
        .collect()
}

/// The five numbers of `sorted` (ascending); `None` when it is empty.
pub fn five_numbers(sorted: &[TimeDelta]) -> Option<FiveNumbers> {
    let (first, last) = (*sorted.first()?, *sorted.last()?);
    Some(FiveNumbers {
        min: first,
        lower_quartile: quantile(sorted, 0.25),
        median: quantile(sorted, 0.5),
        upper_quartile: quantile(sorted, 0.75),
        max: last,
    })
}

/// Linear interpolation between the closest ranks ("type 7"), to the millisecond.
fn quantile(sorted: &[TimeDelta], q: f64) -> TimeDelta {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let low = sorted[below].num_milliseconds() as f64;
    let high = sorted[above].num_milliseconds() as f64;
    let value = low + (high - low) * (position - below as f64);
    TimeDelta::milliseconds(value.round() as i64)
}

fn hypotheses(covered: &[&Review]) -> HypothesisFigures {
    let per_review: Vec<ReviewHypotheses> = covered
        .iter()
        .map(|review| ReviewHypotheses {
            review: review.id.clone(),
            total: review.hypotheses.len(),
            falsified: review
                .hypotheses
                .iter()
                .filter(|h| h.status == HypothesisStatus::Falsified)
                .count(),
            time_on_falsified: time_on_falsified(review),
        })
        .collect();
    HypothesisFigures {
        total: per_review.iter().map(|r| r.total).sum(),
        falsified: per_review.iter().map(|r| r.falsified).sum(),
        time_on_falsified: per_review
            .iter()
            .map(|r| r.time_on_falsified)
            .fold(TimeDelta::zero(), |a, b| a + b),
        per_review,
    }
}

fn actions(covered: &[&Review], today: NaiveDate) -> ActionFigures {
    let mut all = ActionCounts::default();
    let mut by_kind: Vec<(ActionKind, ActionCounts)> = ActionKind::ALL
        .iter()
        .map(|kind| (*kind, ActionCounts::default()))
        .collect();
    let mut by_category: Vec<(Option<FactorCategory>, ActionCounts)> = Vec::new();
    for review in covered {
        for action in &review.actions {
            let item = ActionRef {
                review: review.id.clone(),
                action: action.id.clone(),
            };
            let overdue = is_overdue(action, today);
            all.add(item.clone(), action.status, overdue);
            if let Some((_, counts)) = by_kind.iter_mut().find(|(k, _)| *k == action.kind) {
                counts.add(item.clone(), action.status, overdue);
            }
            let mut categories: Vec<Option<FactorCategory>> = Vec::new();
            for id in &action.factors {
                if let Some(factor) = review.factors.iter().find(|f| &f.id == id) {
                    if !categories.contains(&Some(factor.category)) {
                        categories.push(Some(factor.category));
                    }
                }
            }
            if categories.is_empty() {
                categories.push(None);
            }
            for category in categories {
                let index = match by_category.iter().position(|(c, _)| *c == category) {
                    Some(index) => index,
                    None => {
                        by_category.push((category, ActionCounts::default()));
                        by_category.len() - 1
                    }
                };
                by_category[index]
                    .1
                    .add(item.clone(), action.status, overdue);
            }
        }
    }
    sorting::sort_by_key(&mut by_category, |(category, _)| match category {
        Some(c) => FactorCategory::ALL
            .iter()
            .position(|all| all == c)
            .unwrap_or(usize::MAX - 1),
        None => usize::MAX,
    });
    ActionFigures {
        all,
        by_kind,
        by_factor_category: by_category,
    }
}

fn deep_analysis(covered: &[&Review], total: usize) -> DeepAnalysisFigures {
    DeepAnalysisFigures {
        per_review: covered
            .iter()
            .map(|review| DeepAnalysisRow {
                review: review.id.clone(),
                met: DeepAnalysisCriterion::ALL
                    .iter()
                    .filter(|c| review.deep_analysis.is_met(**c))
                    .copied()
                    .collect(),
                recommendation: review.deep_analysis.recommendation(),
            })
            .collect(),
        by_criterion: DeepAnalysisCriterion::ALL
            .iter()
            .map(|criterion| {
                let reviews = covered
                    .iter()
                    .filter(|r| r.deep_analysis.is_met(*criterion))
                    .map(|r| r.id.clone())
                    .collect();
                tally(*criterion, reviews, total)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
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
        let on =
            |zone: &str| meta_figures(&meta_over(&reviews, zone), &reviews, &BundledZones, today);
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
}
