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
mod tests;
