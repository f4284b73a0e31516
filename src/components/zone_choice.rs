//! Which clock the editor shows times on: the incident's zone, UTC or the reader's own. A
//! choice of this tab, not part of the review.

use super::fields::SelectField;
use crate::browser;
use crate::session::ReviewSession;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayZone {
    Incident,
    Utc,
    Reader,
}

/// The chosen clock, shared by the editor's sections.
#[derive(Clone, Copy)]
pub struct ZoneChoice(pub RwSignal<DisplayZone>);

impl ZoneChoice {
    pub fn provide() {
        provide_context(ZoneChoice(RwSignal::new(DisplayZone::Incident)));
    }

    /// The IANA name of the chosen clock, following the review's zone.
    pub fn zone_name() -> Signal<String> {
        let choice = expect_context::<ZoneChoice>().0;
        let session = expect_context::<ReviewSession>();
        Memo::new(move |_| match choice.get() {
            DisplayZone::Incident => session.document.with(|r| r.incident.time_zone.clone()),
            DisplayZone::Utc => "UTC".to_owned(),
            DisplayZone::Reader => browser::local_time_zone(),
        })
        .into()
    }
}

/// The picker for the chosen clock.
#[component]
pub fn ZonePicker() -> impl IntoView {
    let choice = expect_context::<ZoneChoice>().0;
    let session = expect_context::<ReviewSession>();
    let incident = Memo::new(move |_| session.document.with(|r| r.incident.time_zone.clone()));
    // Labels name the actual zones so the choice is never ambiguous.
    let options = move || {
        vec![
            (
                DisplayZone::Incident,
                format!("Incident time ({})", incident.get()),
            ),
            (DisplayZone::Utc, "UTC".to_owned()),
            (
                DisplayZone::Reader,
                format!("My time ({})", browser::local_time_zone()),
            ),
        ]
    };
    view! {
        {move || view! {
            <SelectField
                label="Show times in"
                options=options()
                value=choice
                on_change=move |zone| choice.set(zone)
            />
        }}
    }
}
