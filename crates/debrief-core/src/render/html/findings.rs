//! What the analysis found: hypotheses with their evidence, contributing factors,
//! learnings, interview quotes and action items.

use super::*;

impl<'a> Report<'a> {
    pub(super) fn hypotheses(&self, out: &mut String) {
        out.push_str("<section class=\"hypotheses\">\n<h2>Hypotheses</h2>\n");
        if self.review.hypotheses.is_empty() {
            out.push_str("<p class=\"muted\">No hypotheses recorded.</p>\n</section>\n");
            return;
        }
        let timings = hypotheses::hypothesis_timings(self.review);
        for (hypothesis, timing) in self.review.hypotheses.iter().zip(&timings) {
            self.hypothesis_card(out, hypothesis, timing);
        }
        let falsified = hypotheses::time_on_falsified(self.review);
        w!(
            out,
            "<p class=\"total\">Time the response spent on hypotheses later falsified: \
             <strong>{}</strong> <span class=\"muted\">(wall-clock; overlapping ones count \
             once). Being wrong for a while is normal: the question is what made them \
             convincing.</span></p>\n",
            text(&format_duration(falsified))
        );
        out.push_str("</section>\n");
    }

    pub(super) fn hypothesis_card(
        &self,
        out: &mut String,
        hypothesis: &Hypothesis,
        timing: &hypotheses::HypothesisTiming,
    ) {
        let status = hypothesis.status;
        w!(
            out,
            "<article class=\"card hypothesis {}\">\n<p class=\"statement\"><span class=\"badge \
             status\">{}</span> <span class=\"prose\">{}</span>{}</p>\n",
            status_class(status),
            status.label(),
            text(&hypothesis.statement),
            self.visibility_badge(hypothesis.visibility),
        );
        let mut held = Vec::new();
        if let Some(name) = self.person_name(hypothesis.raised_by.as_ref()) {
            held.push(format!("Raised by {}", text(name)));
        }
        if let Some(at) = &timing.raised_at {
            held.push(format!("at {}", self.time(at)));
        }
        if let Some(settled) = &timing.settled_at {
            held.push(format!(
                "{} at {}",
                status.label().to_lowercase(),
                self.time(settled)
            ));
        }
        if let Some(span) = timing.held_for {
            let still = if timing.still_open { " so far" } else { "" };
            held.push(format!(
                "held for <strong>{}</strong>{still}",
                text(&format_duration(span))
            ));
        }
        if !held.is_empty() {
            w!(out, "<p class=\"muted\">{}</p>\n", held.join(", "));
        }
        if !hypothesis.disproof.trim().is_empty() {
            w!(
                out,
                "<p><em>What would prove it wrong:</em> <span class=\"prose\">{}</span></p>\n",
                text(&hypothesis.disproof)
            );
        }
        if !hypothesis.evidence.is_empty() {
            out.push_str("<ul class=\"evidence\">\n");
            for evidence in &hypothesis.evidence {
                let (class, label) = match evidence.stance {
                    EvidenceStance::For => ("for", "For"),
                    EvidenceStance::Against => ("against", "Against"),
                };
                w!(
                    out,
                    "<li class=\"{class}\"><strong>{label}:</strong> <span class=\"prose\">{}</span>{}</li>\n",
                    text(&evidence.text),
                    self.event_reference(evidence.event.as_ref()),
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article>\n");
    }

    /// " (event at 08:10 PST: “Fresh responder sees…”)" for a linked event.
    pub(super) fn event_reference(&self, id: Option<&EntityId>) -> String {
        let Some(event) = id.and_then(|id| self.events.get(id)) else {
            return String::new();
        };
        let at = event
            .at
            .as_ref()
            .filter(|_| event.time_known != TimeKnown::Day)
            .map(|at| format!(" at {}", self.written_clock(at, event.time_known)))
            .unwrap_or_default();
        format!(
            " <span class=\"muted\">(event{at}: “{}”)</span>",
            text(&short(&event.text))
        )
    }

    // --- factors and learnings -----------------------------------------------------------

    pub(super) fn factors(&self, out: &mut String) {
        out.push_str("<section class=\"factors\">\n<h2>Contributing factors</h2>\n");
        out.push_str(
            "<p class=\"lede\">Several conditions, each reasonable on its own, lined up. \
             None of them is “the” root cause.</p>\n",
        );
        if self.review.factors.is_empty() {
            out.push_str("<p class=\"muted\">No contributing factors recorded.</p>\n");
        }
        for category in FactorCategory::ALL {
            let factors: Vec<&ContributingFactor> = self
                .review
                .factors
                .iter()
                .filter(|f| f.category == category)
                .collect();
            if factors.is_empty() {
                continue;
            }
            w!(
                out,
                "<div class=\"category\">\n<h3>{}</h3>\n<ul>\n",
                category.label()
            );
            for factor in factors {
                w!(
                    out,
                    "<li><span class=\"prose\">{}</span>{}{}{}</li>\n",
                    text(&factor.description),
                    self.visibility_badge(factor.visibility),
                    tag_line(&factor.tags),
                    self.event_list(&factor.events),
                );
            }
            out.push_str("</ul>\n</div>\n");
        }
        out.push_str("</section>\n");
    }

    /// The linked events of a factor or learning, as small references.
    pub(super) fn event_list(&self, ids: &[EntityId]) -> String {
        let references: String = ids
            .iter()
            .map(|id| self.event_reference(Some(id)))
            .collect();
        if references.is_empty() {
            String::new()
        } else {
            format!("<div class=\"refs\">{references}</div>")
        }
    }

    pub(super) fn learnings(&self, out: &mut String) {
        let learnings = &self.review.learnings;
        out.push_str("<section class=\"learnings\">\n<h2>What we learned</h2>\n");
        out.push_str("<div class=\"learning-grid\">\n");
        for (title, notes) in [
            ("What went well", &learnings.went_well),
            ("Where we got lucky", &learnings.got_lucky),
            ("What was difficult", &learnings.difficult),
        ] {
            self.note_list(out, title, notes);
        }
        out.push_str("</div>\n</section>\n");
    }

    pub(super) fn note_list(&self, out: &mut String, title: &str, notes: &[Note]) {
        w!(out, "<div class=\"card\">\n<h3>{title}</h3>\n");
        if notes.is_empty() {
            out.push_str("<p class=\"muted\">Nothing recorded.</p>\n");
        } else {
            out.push_str("<ul>\n");
            for note in notes {
                w!(
                    out,
                    "<li><span class=\"prose\">{}</span>{}{}</li>\n",
                    text(&note.text),
                    self.visibility_badge(note.visibility),
                    self.event_list(&note.events),
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</div>\n");
    }

    /// Quotes from interviews, in the participants' own words. The rest of the interview
    /// material stays in the workbook (and in the data block of the internal report).
    pub(super) fn quotes(&self, out: &mut String) {
        let quotes: Vec<(&str, Option<&EntityId>, Visibility)> = self
            .review
            .interviews
            .iter()
            .flat_map(|i| {
                i.quotes
                    .iter()
                    .map(move |q| (q.text.as_str(), i.participant.as_ref(), q.visibility))
            })
            .filter(|(quote, _, _)| !quote.trim().is_empty())
            .collect();
        if quotes.is_empty() {
            return;
        }
        out.push_str("<section class=\"quotes\">\n<h2>In their words</h2>\n");
        for (quote, participant, visibility) in quotes {
            w!(
                out,
                "<figure class=\"quote\"><blockquote class=\"prose\">{}</blockquote>",
                text(quote)
            );
            let who = self.person_name(participant).map(text).unwrap_or_default();
            w!(
                out,
                "<figcaption>{who}{}</figcaption></figure>\n",
                self.visibility_badge(visibility)
            );
        }
        out.push_str("</section>\n");
    }

    // --- actions -------------------------------------------------------------------------

    pub(super) fn actions(&self, out: &mut String) {
        let actions = &self.review.actions;
        out.push_str("<section class=\"actions\">\n<h2>Action items</h2>\n");
        if actions.is_empty() {
            out.push_str("<p class=\"muted\">No action items recorded.</p>\n</section>\n");
            return;
        }
        let with_tracker = actions.iter().any(|a| a.tracker_link.is_some());
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"actions-table\">\n\
             <thead><tr><th>What will change</th><th>Kind</th><th>Owner</th><th>Due</th>\
             <th>Status</th>",
        );
        if with_tracker {
            out.push_str("<th>Tracker</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for action in actions {
            self.action_row(out, action, with_tracker);
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    pub(super) fn action_row(&self, out: &mut String, action: &ActionItem, with_tracker: bool) {
        let overdue = actions::is_overdue(action, self.today);
        let due = match action.due {
            Some(due) if overdue => format!(
                "{} <span class=\"badge overdue\">Overdue</span>",
                text(&due.to_string())
            ),
            Some(due) => text(&due.to_string()),
            None => "<span class=\"muted\">—</span>".to_owned(),
        };
        let addresses: Vec<String> = action
            .factors
            .iter()
            .filter_map(|id| self.review.factors.iter().find(|f| &f.id == id))
            .map(|f| format!("“{}”", text(&short(&f.description))))
            .collect();
        let addresses = if addresses.is_empty() {
            String::new()
        } else {
            format!(
                "<div class=\"refs muted\">Addresses {}</div>",
                addresses.join(", ")
            )
        };
        w!(
            out,
            "<tr{}><td><span class=\"prose\">{}</span>{addresses}</td><td>{}</td><td>{}</td>\
             <td class=\"when\">{due}</td><td>{}</td>",
            if overdue { " class=\"overdue\"" } else { "" },
            text(&action.description),
            action.kind.label(),
            text(&action.owner),
            action.status.label(),
        );
        if with_tracker {
            let tracker = action
                .tracker_link
                .as_deref()
                .map(|link| link_or_text("Issue", link))
                .unwrap_or_default();
            w!(out, "<td>{tracker}</td>");
        }
        out.push_str("</tr>\n");
    }

    // --- method and footer ---------------------------------------------------------------
}
