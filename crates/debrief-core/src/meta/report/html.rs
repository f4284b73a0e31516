//! The meta-review report as one HTML file: the review report's stylesheet and rules, its
//! own few additions, inline SVG charts.

use super::*;

/// What the meta-review report adds to the review report's stylesheet.
pub(super) const META_STYLE: &str = r##".incident { scroll-margin-top: 1rem; }
.incident:target { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent); }
.incident-facts { margin: 0.2rem 0 0.4rem; font-size: 0.88rem; color: var(--muted); }
.badge.deleted { color: var(--bad); background: var(--bad-bg); }
.badge.recurring { color: var(--good); background: var(--good-bg); }
.which a { margin-right: 0.35rem; white-space: nowrap; }
.figure-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 1.5rem; }
@media print {
  .incident { break-inside: avoid; }
  a[href^="#"]::after { content: none; }
}
"##;

pub(super) struct Html<'v, 'a> {
    pub(super) view: &'v MetaView<'a>,
}

impl Html<'_, '_> {
    /// Text from the meta-review or a review, scrubbed for the audience and escaped.
    fn t(&self, value: &str) -> String {
        text(&self.view.scrub(value))
    }

    fn prose_or(&self, out: &mut String, value: &str, placeholder: &str) {
        if value.trim().is_empty() {
            w!(out, "<p class=\"muted\">{placeholder}</p>\n");
        } else {
            w!(out, "<p class=\"prose\">{}</p>\n", self.t(value.trim()));
        }
    }

    /// "#1 #3", each linked to its incident's entry.
    fn which(&self, ids: &[ReviewId]) -> String {
        if ids.is_empty() {
            return "<span class=\"muted\">—</span>".to_owned();
        }
        let links: Vec<String> = self
            .view
            .numbered(ids)
            .into_iter()
            .map(|(n, id)| {
                format!(
                    "<a href=\"#incident-{n}\" title=\"{label}\" aria-label=\"{label}\">#{n}</a>",
                    label = attr(&self.view.label_of(id))
                )
            })
            .collect();
        format!("<span class=\"which\">{}</span>", links.join(" "))
    }

    /// One incident named in full, linked to its entry: a row's first cell.
    fn incident_link(&self, id: &ReviewId) -> String {
        match self.view.number_of(id) {
            Some(n) => format!(
                "<a href=\"#incident-{n}\">{}</a>",
                text(&self.view.label_of(id))
            ),
            None => text(&self.view.label_of(id)),
        }
    }

    pub(super) fn render(&self) -> String {
        let view = self.view;
        let kind = if view.public {
            "meta-review"
        } else {
            "internal meta-review"
        };
        let mut out = String::with_capacity(64 * 1024);
        write_head(
            &mut out,
            &format!("{} — {kind}", view.scrub(view.meta.display_title())),
            META_STYLE,
        );
        out.push_str("<body>\n<main>\n");
        self.header(&mut out);
        self.incidents(&mut out);
        self.figures(&mut out);
        self.notes(
            &mut out,
            "themes",
            "Themes",
            &view.meta.themes,
            "No themes written yet.",
        );
        self.notes(
            &mut out,
            "went-well",
            "What went well",
            &view.meta.went_well,
            "Nothing recorded yet.",
        );
        self.next_steps(&mut out);
        self.notes(
            &mut out,
            "open-questions",
            "Open questions",
            &view.meta.open_questions,
            "No open questions recorded.",
        );
        out.push_str("</main>\n");
        self.footer(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }

    fn header(&self, out: &mut String) {
        let view = self.view;
        out.push_str("<header class=\"report-header\">\n");
        let (kind, class) = if view.public {
            ("Public meta-review", "public")
        } else {
            ("Internal meta-review", "internal")
        };
        w!(out, "<p class=\"kicker {class}\">{kind}</p>\n");
        w!(out, "<h1>{}</h1>\n", self.t(view.meta.display_title()));
        out.push_str("<dl class=\"facts\">\n");
        let mut covered = count(view.shown.len(), "incident", "incidents");
        if !view.figures.missing.is_empty() {
            w!(
                covered,
                " <span class=\"muted\">({} deleted from the workbook)</span>",
                view.figures.missing.len()
            );
        }
        w!(out, "<div><dt>Covers</dt><dd>{covered}</dd></div>\n");
        if let Some(period) = view.period() {
            w!(
                out,
                "<div><dt>Started</dt><dd>{}</dd></div>\n",
                text(&period)
            );
        }
        let zone_note = if view.figures.time_zone == view.meta.time_zone.trim() {
            text(&view.figures.time_zone)
        } else {
            format!(
                "UTC <span class=\"muted\">(the meta-review's zone “{}” is not known here)</span>",
                text(&view.meta.time_zone)
            )
        };
        w!(
            out,
            "<div class=\"wide\"><dt>Months, days and hours read in</dt><dd>{zone_note}</dd></div>\n"
        );
        out.push_str("</dl>\n</header>\n");
    }

    fn incidents(&self, out: &mut String) {
        out.push_str("<section class=\"incidents\">\n<h2>The incidents</h2>\n");
        let incidents = self.view.incidents();
        if incidents.is_empty() {
            out.push_str("<p class=\"muted\">This meta-review covers no incidents yet.</p>\n");
        }
        for incident in incidents {
            w!(
                out,
                "<article class=\"card incident\" id=\"incident-{}\">\n\
                 <h3>{}</h3>\n",
                incident.number,
                text(&incident.label)
            );
            let mut facts: Vec<String> = Vec::new();
            match &incident.start {
                Some(start) => facts.push(format!(
                    "<time datetime=\"{}\">{}</time>",
                    attr(&start.to_rfc3339()),
                    text(&self.view.when(start))
                )),
                None => facts.push("no start time".to_owned()),
            }
            match incident.review {
                Some(review) => {
                    facts.push(format!(
                        "<strong>{}</strong>",
                        self.t(&MetaView::trigger_line(review))
                    ));
                    let environments: Vec<String> = review
                        .impact
                        .environments
                        .iter()
                        .filter(|e| !e.trim().is_empty())
                        .map(|e| format!("<span class=\"chip\">{}</span>", self.t(e.trim())))
                        .collect();
                    if !environments.is_empty() {
                        facts.push(environments.join(" "));
                    }
                    facts.push(format!(
                        "customer-facing: {}",
                        yes_no(review.impact.customer_facing)
                    ));
                    facts.push(format!(
                        "caught before production: {}",
                        yes_no(review.impact.caught_before_production)
                    ));
                }
                None => facts.push(
                    "<span class=\"badge deleted\">Deleted from the workbook</span>".to_owned(),
                ),
            }
            w!(
                out,
                "<p class=\"incident-facts\">{}</p>\n",
                facts.join(" · ")
            );
            if incident.review.is_none() {
                out.push_str(
                    "<p class=\"muted\">The review was deleted; this is the summary the \
                     meta-review kept. It is counted in no figure.</p>\n",
                );
            }
            self.prose_or(out, &incident.summary, "No summary written.");
            out.push_str("</article>\n");
        }
        out.push_str("</section>\n");
    }

    // --- figures ---------------------------------------------------------------------------

    fn figures(&self, out: &mut String) {
        let f = &self.view.figures;
        out.push_str("<section class=\"figures new-page\">\n<h2>Across the incidents</h2>\n");
        out.push_str(
            "<p class=\"lede\">Counts over the covered incidents still in the workbook. Each \
             number links to the incidents behind it. Unknowns are counted, not dropped. \
             These describe a set of incidents; they are not targets.</p>\n",
        );
        self.triggers(out, f);
        self.factors(out, f);
        self.reach(out, f);
        self.timing(out, f);
        self.durations(out, f);
        self.hypotheses(out, f);
        self.people(out, f);
        self.actions(out, f);
        self.deep_analysis(out, f);
        out.push_str("</section>\n");
    }

    fn tally_table<K>(
        &self,
        out: &mut String,
        caption: &str,
        head: &str,
        rows: &[Tally<K>],
        label: impl Fn(&K) -> String,
    ) {
        w!(
            out,
            "<div class=\"table-wrap\">\n<table>\n<caption>{caption}</caption>\n\
             <thead><tr><th>{head}</th><th>Incidents</th><th>Share</th><th>Which</th></tr></thead>\n<tbody>\n"
        );
        for row in rows {
            w!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                label(&row.key),
                row.count(),
                whole_percent(row.share),
                self.which(&row.reviews)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn chart(&self, out: &mut String, svg: &str, caption: &str) {
        w!(
            out,
            "<figure class=\"chart\">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n"
        );
    }

    fn bars<K>(&self, rows: &[Tally<K>], label: impl Fn(&K) -> String) -> Vec<Bar> {
        rows.iter()
            .map(|row| {
                let names: Vec<String> = row
                    .reviews
                    .iter()
                    .map(|id| self.view.label_of(id))
                    .collect();
                Bar {
                    label: label(&row.key),
                    count: row.count(),
                    tooltip: format!(
                        "{}: {}{}{}",
                        label(&row.key),
                        count(row.count(), "incident", "incidents"),
                        if names.is_empty() { "" } else { " — " },
                        names.join("; ")
                    ),
                }
            })
            .collect()
    }

    fn triggers(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>What set them off</h3>\n");
        let bars = self.bars(&f.triggers, |class| class.label().to_owned());
        let desc = f
            .triggers
            .iter()
            .map(|t| format!("{} {}", t.key.label(), t.count()))
            .collect::<Vec<_>>()
            .join(", ");
        self.chart(
            out,
            &bar_chart_svg("meta-triggers", "Incidents by trigger", &desc, &bars),
            "Provider-caused, self-change-caused, customer-caused, or known and none of \
             these: who or what set each incident off. A trigger is not a root cause.",
        );
        self.tally_table(
            out,
            "Incidents by trigger class",
            "Trigger",
            &f.triggers,
            |c| c.label().to_owned(),
        );
    }

    fn factors(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>Contributing factors by category</h3>\n");
        if f.factor_categories.is_empty() {
            out.push_str("<p class=\"muted\">No contributing factors recorded.</p>\n");
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<caption>An incident counts once per \
             category it has factors in.</caption>\n<thead><tr><th>Category</th><th>Incidents</th>\
             <th>Share</th><th>Factors</th><th>Which</th></tr></thead>\n<tbody>\n",
        );
        for row in &f.factor_categories {
            w!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td>{}</td></tr>\n",
                row.category.label(),
                row.reviews.len(),
                whole_percent(row.share),
                row.factors,
                self.which(&row.reviews)
            );
        }
        if !f.without_factors.is_empty() {
            w!(
                out,
                "<tr><td class=\"muted\">No factors recorded</td><td class=\"num\">{}</td>\
                 <td></td><td></td><td>{}</td></tr>\n",
                f.without_factors.len(),
                self.which(&f.without_factors)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn yes_no_rows(&self, out: &mut String, question: &str, answers: &YesNoUnknown) {
        for (answer, ids) in [
            ("yes", &answers.yes),
            ("no", &answers.no),
            ("not recorded", &answers.unknown),
        ] {
            w!(
                out,
                "<tr><td>{question}</td><td>{answer}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                ids.len(),
                self.which(ids)
            );
        }
    }

    fn reach(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>How far they reached</h3>\n<div class=\"figure-grid\">\n<div>\n");
        self.tally_table(
            out,
            "Environments affected (names matched ignoring case)",
            "Environment",
            &f.environments,
            |name| self.t(name),
        );
        out.push_str("</div>\n<div>\n<div class=\"table-wrap\">\n<table>\n<caption>Reach</caption>\n\
             <thead><tr><th>Question</th><th>Answer</th><th>Incidents</th><th>Which</th></tr></thead>\n<tbody>\n");
        self.yes_no_rows(out, "Customer-facing", &f.customer_facing);
        self.yes_no_rows(out, "Caught before production", &f.caught_before_production);
        out.push_str("</tbody>\n</table>\n</div>\n</div>\n</div>\n");
    }

    fn timing(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>When they started</h3>\n");
        w!(
            out,
            "<p class=\"muted\">Incident starts on the {} clock.{}</p>\n",
            text(&f.time_zone),
            if f.no_start.is_empty() {
                String::new()
            } else {
                format!(
                    " No start time: {} {}.",
                    count(f.no_start.len(), "incident", "incidents"),
                    self.which(&f.no_start)
                )
            }
        );
        if f.by_month.is_empty() {
            out.push_str("<p class=\"muted\">No incident has a start time.</p>\n");
            return;
        }
        let bars = self.bars(&f.by_month, |m| m.clone());
        let desc = f
            .by_month
            .iter()
            .map(|t| format!("{} {}", t.key, t.count()))
            .collect::<Vec<_>>()
            .join(", ");
        self.chart(
            out,
            &bar_chart_svg("meta-months", "Incidents by month", &desc, &bars),
            "Incidents by the month they started in.",
        );
        out.push_str("<div class=\"figure-grid\">\n<div>\n");
        self.tally_table(out, "By month", "Month", &f.by_month, |m| text(m));
        out.push_str("</div>\n<div>\n");
        let days: Vec<Tally<Weekday>> = f
            .by_weekday
            .iter()
            .filter(|t| t.count() > 0)
            .cloned()
            .collect();
        self.tally_table(
            out,
            "By weekday (days without one left out)",
            "Day",
            &days,
            |d| weekday_name(*d).to_owned(),
        );
        let hours: Vec<Tally<u32>> = f
            .by_hour
            .iter()
            .filter(|t| t.count() > 0)
            .cloned()
            .collect();
        self.tally_table(
            out,
            "By hour of day (hours without one left out)",
            "Hour",
            &hours,
            |h| format!("{h:02}:00–{h:02}:59"),
        );
        out.push_str("</div>\n</div>\n");
    }

    fn durations(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>How long the response took</h3>\n");
        let strips: Vec<Strip> = f
            .durations
            .iter()
            .map(|d| Strip {
                label: d.metric.label().to_owned(),
                points: d
                    .values
                    .iter()
                    .map(|(id, duration)| {
                        (
                            format!("{}: {}", self.view.label_of(id), format_duration(*duration)),
                            *duration,
                        )
                    })
                    .collect(),
                summary: d.summary,
            })
            .collect();
        let desc = f
            .durations
            .iter()
            .map(|d| match &d.summary {
                Some(five) => format!(
                    "{}: median {} over {}",
                    d.metric.label(),
                    format_duration(five.median),
                    count(d.values.len(), "incident", "incidents")
                ),
                None => format!("{}: not measured", d.metric.label()),
            })
            .collect::<Vec<_>>()
            .join("; ");
        self.chart(
            out,
            &distribution_svg("meta-durations", "Response durations", &desc, &strips),
            "Each square is one incident; the box spans the middle half, the thick line is \
             the median, the whiskers reach the shortest and longest. Measured from impact \
             start, as in each review.",
        );
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Measure</th><th>Shortest</th>\
             <th>Lower quartile</th><th>Median</th><th>Upper quartile</th><th>Longest</th>\
             <th>Each incident, shortest first</th><th>Not measured</th></tr></thead>\n<tbody>\n",
        );
        for d in &f.durations {
            let cells = match &d.summary {
                Some(five) => [
                    five.min,
                    five.lower_quartile,
                    five.median,
                    five.upper_quartile,
                    five.max,
                ]
                .iter()
                .map(|v| format!("<td class=\"nowrap\">{}</td>", text(&format_duration(*v))))
                .collect::<String>(),
                None => "<td class=\"muted\" colspan=\"5\">No incident has it.</td>".to_owned(),
            };
            let each: Vec<String> = d
                .values
                .iter()
                .map(|(id, duration)| {
                    format!(
                        "{} {}",
                        self.which(std::slice::from_ref(id)),
                        text(&format_duration(*duration))
                    )
                })
                .collect();
            w!(
                out,
                "<tr><td>{}</td>{cells}<td>{}</td><td>{}</td></tr>\n",
                d.metric.label(),
                each.join(", "),
                self.which(&d.missing)
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn hypotheses(&self, out: &mut String, f: &MetaFigures) {
        let h = &f.hypotheses;
        out.push_str("<h3>Hypotheses</h3>\n");
        w!(
            out,
            "<p>{} across the incidents, {} later falsified; the responses held falsified \
             hypotheses for <strong>{}</strong> in all. Being wrong for a while is normal.</p>\n",
            count(h.total, "hypothesis", "hypotheses"),
            h.falsified,
            text(&format_duration(h.time_on_falsified))
        );
        let rows: Vec<_> = h.per_review.iter().filter(|r| r.total > 0).collect();
        if rows.is_empty() {
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Incident</th><th>Hypotheses</th>\
             <th>Falsified</th><th>Time on falsified ones</th></tr></thead>\n<tbody>\n",
        );
        for row in rows {
            w!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"nowrap\">{}</td></tr>\n",
                self.incident_link(&row.review),
                row.total,
                row.falsified,
                text(&format_duration(row.time_on_falsified))
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn recurring_table(
        &self,
        out: &mut String,
        caption: &str,
        head: &str,
        rows: &[Recurring],
        with_people: bool,
    ) {
        if rows.is_empty() {
            w!(
                out,
                "<p class=\"muted\">No {} recorded.</p>\n",
                head.to_lowercase()
            );
            return;
        }
        w!(
            out,
            "<div class=\"table-wrap\">\n<table>\n<caption>{caption}</caption>\n<thead><tr>\
             <th>{head}</th><th>Incidents</th>"
        );
        if with_people {
            out.push_str("<th>Roles</th><th>Events</th><th>At night</th>");
        }
        out.push_str("<th>Which</th></tr></thead>\n<tbody>\n");
        for row in rows {
            let badge = if row.recurring {
                " <span class=\"badge recurring\">Recurring</span>"
            } else {
                ""
            };
            let also = if row.also_spelled.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"muted\">also spelled {}</span>",
                    self.t(&row.also_spelled.join(", "))
                )
            };
            w!(
                out,
                "<tr><td>{}{badge}{also}</td><td class=\"num\">{}</td>",
                self.t(&row.name),
                row.reviews.len()
            );
            if with_people {
                let roles: Vec<&str> = row.roles.iter().map(|r| r.label()).collect();
                w!(
                    out,
                    "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                    roles.join(", "),
                    row.events,
                    row.night_events
                );
            }
            w!(out, "<td>{}</td></tr>\n", self.which(&row.reviews));
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn people(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>Who and what came up again</h3>\n");
        if self.view.public {
            out.push_str(
                "<p class=\"muted\">People are not named in the public version, not even by \
                 role: who took part in several incidents stays inside the organisation.</p>\n",
            );
        } else {
            self.recurring_table(
                out,
                "People, matched by name across reviews. Night is 22:00–06:00 on each \
                 person's own clock.",
                "Person",
                &f.people,
                true,
            );
        }
        self.recurring_table(out, "Teams of the people involved", "Team", &f.teams, true);
        self.recurring_table(
            out,
            "Services named in the reviews",
            "Service",
            &f.services,
            false,
        );
    }

    fn action_row(&self, out: &mut String, label: &str, counts: &ActionCounts) {
        w!(
            out,
            "<tr><td>{label}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
            counts.open.len(),
            counts.overdue.len(),
            counts.done.len(),
            counts.wont_do.len(),
            self.which(&review_ids(&all_refs(counts)))
        );
    }

    fn actions(&self, out: &mut String, f: &MetaFigures) {
        let a = &f.actions;
        out.push_str("<h3>Action items from the reviews</h3>\n");
        w!(
            out,
            "<p>{}: {} open (of which {} overdue on {}), {} done, {} won't do.</p>\n",
            count(a.all.total(), "action item", "action items"),
            a.all.open.len(),
            a.all.overdue.len(),
            self.view.today,
            a.all.done.len(),
            a.all.wont_do.len()
        );
        if a.all.total() == 0 {
            return;
        }
        let head = "<thead><tr><th>{}</th><th>Open</th><th>Overdue</th><th>Done</th>\
                    <th>Won't do</th><th>Which</th></tr></thead>\n<tbody>\n";
        out.push_str("<div class=\"figure-grid\">\n<div class=\"table-wrap\">\n<table>\n<caption>By kind</caption>\n");
        out.push_str(&head.replace("{}", "Kind"));
        for (kind, counts) in a.by_kind.iter().filter(|(_, c)| c.total() > 0) {
            self.action_row(out, kind.label(), counts);
        }
        out.push_str(
            "</tbody>\n</table>\n</div>\n<div class=\"table-wrap\">\n<table>\n\
             <caption>By the category of the factors they address</caption>\n",
        );
        out.push_str(&head.replace("{}", "Category"));
        for (category, counts) in &a.by_factor_category {
            let label = category.map_or("Addresses no recorded factor", |c| c.label());
            self.action_row(out, label, counts);
        }
        out.push_str("</tbody>\n</table>\n</div>\n</div>\n");
    }

    fn deep_analysis(&self, out: &mut String, f: &MetaFigures) {
        out.push_str("<h3>Signs that called for a deep analysis</h3>\n");
        out.push_str(
            "<div class=\"table-wrap\">\n<table>\n<thead><tr><th>Incident</th><th>Signs met</th>\
             <th>Suggested</th></tr></thead>\n<tbody>\n",
        );
        for row in &f.deep_analysis.per_review {
            let signs: Vec<&str> = row.met.iter().map(|c| c.label()).collect();
            let suggested = match row.recommendation {
                crate::model::Recommendation::LightReview => "Light review",
                crate::model::Recommendation::DeepAnalysis => "Deep analysis",
                crate::model::Recommendation::DeepAnalysisStrongly => "Deep analysis, strongly",
            };
            w!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{suggested}</td></tr>\n",
                self.incident_link(&row.review),
                if signs.is_empty() {
                    "<span class=\"muted\">None</span>".to_owned()
                } else {
                    signs.join("; ")
                }
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    // --- the analyst's own text -----------------------------------------------------------

    fn badge(&self, visibility: Visibility) -> &'static str {
        if !self.view.public && visibility == Visibility::Internal {
            " <span class=\"badge internal\">Internal</span>"
        } else {
            ""
        }
    }

    fn notes(&self, out: &mut String, class: &str, title: &str, notes: &[MetaNote], empty: &str) {
        w!(out, "<section class=\"{class}\">\n<h2>{title}</h2>\n");
        let notes = self.view.notes(notes);
        if notes.is_empty() {
            w!(out, "<p class=\"muted\">{empty}</p>\n</section>\n");
            return;
        }
        out.push_str("<ul>\n");
        for note in notes {
            let drawn = if note.reviews.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"refs\">{}</span>", self.which(&note.reviews))
            };
            w!(
                out,
                "<li><span class=\"prose\">{}</span>{drawn}{}</li>\n",
                self.t(&note.text),
                self.badge(note.visibility)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    fn next_steps(&self, out: &mut String) {
        out.push_str("<section class=\"next-steps\">\n<h2>Next steps</h2>\n");
        let steps = self.view.next_steps();
        if steps.is_empty() {
            out.push_str("<p class=\"muted\">No next steps recorded.</p>\n</section>\n");
            return;
        }
        let trackers = !self.view.public && steps.iter().any(|s| s.tracker_link.is_some());
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"actions-table\">\n<thead><tr>\
             <th>What will change</th><th>Owner</th><th>Due</th><th>Done</th>",
        );
        if trackers {
            out.push_str("<th>Tracker</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for step in steps {
            let overdue = !step.done && step.due.is_some_and(|d| d < self.view.today);
            let due = match step.due {
                Some(due) if overdue => {
                    format!("{due} <span class=\"badge overdue\">Overdue</span>")
                }
                Some(due) => due.to_string(),
                None => "<span class=\"muted\">—</span>".to_owned(),
            };
            w!(
                out,
                "<tr{}><td><span class=\"prose\">{}</span>{}</td><td>{}</td><td class=\"when\">{due}</td><td>{}</td>",
                if overdue { " class=\"overdue\"" } else { "" },
                self.t(&step.text),
                self.badge(step.visibility),
                self.t(&step.owner),
                if step.done { "Done" } else { "Not yet" }
            );
            if trackers {
                let link = step
                    .tracker_link
                    .as_deref()
                    .map(|l| link_or_text("Issue", l))
                    .unwrap_or_default();
                w!(out, "<td>{link}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    fn footer(&self, out: &mut String) {
        out.push_str("<footer>\n");
        if self.view.public {
            out.push_str(
                "<p><strong>This is the public version of the meta-review.</strong> Each \
                 incident is shown as its public review: entries marked internal are left out \
                 and not counted, people are not named, and the listed terms are redacted.</p>\n",
            );
        } else {
            out.push_str(
                "<p><strong>Internal version: everything in the covered reviews, including \
                 what is not for publication.</strong> Share the public version outside the \
                 organisation.</p>\n",
            );
        }
        let generated = self.view.options.generated_at.fixed_offset();
        w!(
            out,
            "<p class=\"muted\">Generated by Debrief on {}.</p>\n",
            text(&format_instant(&generated, &Zone::utc(self.view.zone_rules())).full())
        );
        out.push_str("</footer>\n");
    }
}
