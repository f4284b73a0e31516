//! What Debrief derives from a review: orderings and filters of the timeline, response
//! metrics, people's involvement, how long hypotheses were held, the language check, the
//! interview prompt bank and action-item exports, and who was talking when in the review's
//! chat transcripts. Pure functions of a review (and its transcripts).

pub mod actions;
pub mod chart;
pub mod hypotheses;
pub mod language;
pub mod metrics;
pub mod participation;
pub mod participation_chart;
pub mod people;
pub mod prompts;
pub mod timeline;
