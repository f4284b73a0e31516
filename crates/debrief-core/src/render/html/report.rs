//! The report's frame: building it, the formatting every section shares (times on the
//! review's clock, names as this audience sees them), the head, the header with the
//! incident's facts, summary and impact, the method note and the footer.

use super::*;

impl<'a> Report<'a> {
    pub(super) fn new(
        review: &'a Review,
        original: &Review,
        zones: &'a dyn TimeZones,
        options: &'a RenderOptions,
    ) -> Self {
        let zone = review.zone(zones);
        Self {
            review,
            zones,
            first_day: first_day(review, &zone),
            zone,
            audience: options.audience,
            options,
            today: options.generated_at.date_naive(),
            interviews_held: original.interviews.len(),
            people: review.people.iter().map(|p| (&p.id, p)).collect(),
            events: review.timeline.iter().map(|e| (&e.id, e)).collect(),
        }
    }

    pub(super) fn internal(&self) -> bool {
        self.audience == Audience::Internal
    }

    /// A person's name as this report shows it (their alias in the public report).
    pub(super) fn person_name(&self, id: Option<&EntityId>) -> Option<&'a str> {
        let person = self.people.get(id?)?;
        Some(match person.name.trim() {
            "" => "Unnamed person",
            name => name,
        })
    }

    /// An instant on the review's clock, with abbreviation and offset.
    pub(super) fn time(&self, instant: &Timestamp) -> String {
        let label = format_instant(instant, &self.zone);
        format!(
            "<time datetime=\"{}\">{}</time>",
            attr(&instant.to_rfc3339()),
            text(&label.full())
        )
    }

    /// A short time ("03:00 PST") where the date goes without saying: on the incident's
    /// first day. Any other day is written out, so a span past midnight never reads as going
    /// backwards.
    pub(super) fn clock(&self, instant: &Timestamp) -> String {
        let label = format_instant(instant, &self.zone);
        self.clock_of(
            instant,
            &label,
            self.first_day.as_deref() != Some(label.date.as_str()),
        )
    }

    pub(super) fn clock_of(
        &self,
        instant: &Timestamp,
        label: &ZonedLabel,
        with_date: bool,
    ) -> String {
        let mut shown = String::new();
        if with_date {
            shown.push_str(&label.date);
            shown.push(' ');
        }
        shown.push_str(&label.time);
        if !label.abbreviation.is_empty() {
            shown.push(' ');
            shown.push_str(&label.abbreviation);
        }
        format!(
            "<time datetime=\"{}\">{}</time>",
            attr(&instant.to_rfc3339()),
            text(&shown)
        )
    }

    /// A time with how well it is known: "~03:00 PST (UTC-08:00)", "before …", a span, or a
    /// day with "time not known".
    pub(super) fn written_time(&self, time: &WrittenTime) -> String {
        if time.known == TimeKnown::Day {
            let date = format_instant(&time.at, &self.zone).date;
            return format!(
                "<time datetime=\"{}\">{}</time> <span class=\"muted\">(time not known)</span>",
                attr(&date),
                text(&date)
            );
        }
        time.known
            .written(&self.time(&time.at), |latest| self.time(latest))
    }

    /// A short clock with how well it is known, for columns of times: "~03:00 PST".
    pub(super) fn written_clock(&self, at: &Timestamp, known: TimeKnown) -> String {
        known.written(&self.clock(at), |latest| self.clock(latest))
    }

    pub(super) fn optional_time(&self, instant: Option<&Timestamp>) -> String {
        instant.map_or_else(
            || "<span class=\"muted\">—</span>".to_owned(),
            |t| self.time(t),
        )
    }

    /// "Internal" next to entries the public report leaves out, so readers of the internal
    /// report know what will not be published.
    pub(super) fn visibility_badge(&self, visibility: Visibility) -> &'static str {
        if self.internal() && visibility == Visibility::Internal {
            " <span class=\"badge internal\">Internal</span>"
        } else {
            ""
        }
    }

    // --- head ----------------------------------------------------------------------------

    pub(super) fn head(&self, out: &mut String) {
        let suffix = match self.audience {
            Audience::Internal => "internal incident review",
            Audience::Public => "incident review",
        };
        write_head(
            out,
            &format!("{} — {suffix}", self.review.display_title()),
            "",
        );
    }

    // --- header --------------------------------------------------------------------------

    pub(super) fn header(&self, out: &mut String) {
        let review = self.review;
        out.push_str("<header class=\"report-header\">\n");
        let (kind, class) = match self.audience {
            Audience::Internal => ("Internal incident review", "internal"),
            Audience::Public => ("Public incident review", "public"),
        };
        w!(out, "<p class=\"kicker {class}\">{kind}</p>\n");
        w!(out, "<h1>{}</h1>\n", text(review.display_title()));
        out.push_str("<dl class=\"facts\">\n");
        w!(
            out,
            "<div><dt>Status</dt><dd>{}</dd></div>\n",
            review.status.label()
        );
        if !review.severity.trim().is_empty() {
            w!(
                out,
                "<div><dt>Severity</dt><dd>{}</dd></div>\n",
                text(&review.severity)
            );
        }
        w!(
            out,
            "<div class=\"wide\"><dt>Incident</dt><dd>{}</dd></div>\n",
            self.incident_window()
        );
        w!(
            out,
            "<div class=\"wide\"><dt>Times shown in</dt><dd>{}</dd></div>\n",
            self.zone_note()
        );
        w!(
            out,
            "<div class=\"wide\"><dt>Trigger</dt><dd>{}</dd></div>\n",
            self.trigger()
        );
        if !review.services.is_empty() {
            w!(
                out,
                "<div class=\"wide\"><dt>Services</dt><dd>{}</dd></div>\n",
                chips(&review.services)
            );
        }
        if !review.tags.is_empty() {
            w!(
                out,
                "<div class=\"wide\"><dt>Tags</dt><dd>{}</dd></div>\n",
                chips(&review.tags)
            );
        }
        out.push_str("</dl>\n</header>\n");
    }

    pub(super) fn incident_window(&self) -> String {
        let incident = &self.review.incident;
        match (incident.written_start(), &incident.end) {
            (Some(start), Some(end)) => {
                let lasted = self
                    .review
                    .incident_duration()
                    .map(|span| {
                        format!(
                            " <span class=\"muted\">({})</span>",
                            text(&span.written(format_duration))
                        )
                    })
                    .unwrap_or_default();
                format!("{} → {}{lasted}", self.written_time(&start), self.time(end))
            }
            (Some(start), None) => {
                format!("From {}, end not recorded", self.written_time(&start))
            }
            (None, Some(end)) => format!("Until {}, start not recorded", self.time(end)),
            (None, None) => "<span class=\"muted\">Not recorded yet</span>".to_owned(),
        }
    }

    /// The zone by name, and a warning when this host does not know it (times fall back to
    /// UTC rather than the report refusing to render).
    pub(super) fn zone_note(&self) -> String {
        let wanted = self.review.incident.time_zone.trim();
        if Zone::find(self.zones, wanted).is_some() {
            format!(
                "{} <span class=\"muted\">(each time with its UTC offset)</span>",
                text(self.zone.name())
            )
        } else {
            format!(
                "UTC <span class=\"muted\">(the review's zone “{}” is not known here)</span>",
                text(wanted)
            )
        }
    }

    pub(super) fn trigger(&self) -> String {
        let trigger = &self.review.trigger;
        let mut shown = format!("<strong>{}</strong>", trigger.class.label());
        if trigger.class == TriggerClass::SelfChangeCaused {
            if let Some(kind) = trigger.change_kind {
                w!(shown, " · {}", kind.label());
            }
        }
        if trigger.description.trim().is_empty() {
            w!(
                shown,
                " <span class=\"muted\">{}</span>",
                text(trigger.class.description())
            );
        } else {
            w!(
                shown,
                "<br><span class=\"prose\">{}</span>",
                text(&trigger.description)
            );
        }
        shown
    }

    // --- summary and impact --------------------------------------------------------------

    pub(super) fn summary(&self, out: &mut String) {
        out.push_str("<section class=\"summary\">\n<h2>Summary</h2>\n");
        prose_or(out, &self.review.summary, "No summary written yet.");
        out.push_str("</section>\n");
    }

    pub(super) fn impact(&self, out: &mut String) {
        let impact = &self.review.impact;
        out.push_str("<section class=\"impact\">\n<h2>Impact</h2>\n");
        prose_or(out, &impact.statement, "No impact statement written yet.");
        if let Some(reach) = reach_sentence(impact) {
            w!(out, "<p class=\"reach\">{}</p>\n", text(&reach));
        }
        if !impact.windows.is_empty() {
            out.push_str(
                "<div class=\"table-wrap\">\n<table>\n<caption>Impact windows</caption>\n\
                 <thead><tr><th>What was affected</th><th>How much</th><th>From</th>\
                 <th>Until</th><th>Lasted</th></tr></thead>\n<tbody>\n",
            );
            for window in &impact.windows {
                let lasted = match (window.start, window.end) {
                    (Some(start), Some(end)) => text(&format_duration(end - start)),
                    _ => "<span class=\"muted\">—</span>".to_owned(),
                };
                w!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td class=\"when\">{}</td><td class=\"when\">{}</td>\
                     <td class=\"nowrap\">{lasted}</td></tr>\n",
                    text(&window.affected),
                    text(&window.magnitude),
                    self.optional_time(window.start.as_ref()),
                    self.optional_time(window.end.as_ref()),
                );
            }
            out.push_str("</tbody>\n</table>\n</div>\n");
        }
        out.push_str("</section>\n");
    }

    // --- timeline ------------------------------------------------------------------------

    pub(super) fn method(&self, out: &mut String) {
        let review = self.review;
        out.push_str("<section class=\"method\">\n<h2>How this review was made</h2>\n<ul>\n");
        w!(
            out,
            "<li>{} held with people involved.</li>\n",
            match self.interviews_held {
                0 => "No interviews were".to_owned(),
                1 => "1 interview was".to_owned(),
                n => format!("{n} interviews were"),
            }
        );
        w!(out, "<li>{}</li>\n", sources_sentence(&review.timeline));
        if self.internal() {
            let analyst = review.analyst.name.trim();
            let who = if analyst.is_empty() {
                "The analyst".to_owned()
            } else {
                format!("The analyst, {},", text(analyst))
            };
            let part = if review.analyst.took_part_in_incident {
                "took part in the response"
            } else {
                "did not take part in the response, and could ask the questions responders no \
                 longer can"
            };
            w!(out, "<li>{who} {part}.</li>\n");
        }
        if !review.deep_analysis.met.is_empty() {
            let signs: Vec<&str> = review.deep_analysis.met.iter().map(|c| c.label()).collect();
            w!(
                out,
                "<li>Signs that this incident deserved a deep analysis: {}.</li>\n",
                signs.join("; ")
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    pub(super) fn footer(&self, out: &mut String) {
        out.push_str("<footer>\n");
        match self.audience {
            Audience::Public => out.push_str(
                "<p><strong>This is the public version of the review.</strong> Entries marked \
                 internal, interview notes and links into internal tools are left out; people \
                 are named by their role; terms the analyst listed are redacted.</p>\n",
            ),
            Audience::Internal => out.push_str(
                "<p><strong>Internal version: everything in the review, including what is \
                 not for publication.</strong> Share the public version outside the \
                 organisation.</p>\n",
            ),
        }
        let generated = self.options.generated_at.fixed_offset();
        w!(
            out,
            "<p class=\"muted\">Generated by Debrief on {}. The review's data is inside this \
             file: drop it onto Debrief to open it there.</p>\n",
            text(&format_instant(&generated, &Zone::utc(self.zones)).full())
        );
        out.push_str("</footer>\n");
    }
}
