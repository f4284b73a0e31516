//! `debrief render`: one review as an HTML report or Markdown.

use super::Outcome;
use crate::args::{Format, RenderArgs};
use crate::error::CliError;
use crate::files;
use debrief_core::render::html::render_html_report;
use debrief_core::render::markdown::render_markdown;
use debrief_core::render::RenderOptions;
use debrief_core::time::BundledZones;

pub fn run(args: &RenderArgs) -> Result<Outcome, CliError> {
    let review = files::read_review(&args.review)?;
    let options = RenderOptions {
        audience: super::audience(args.public),
        generated_at: files::generated_at(),
    };
    let text = match args.format {
        Format::Html => render_html_report(&review, &BundledZones, &options),
        Format::Md => render_markdown(&review, &BundledZones, &options),
    };
    files::write_output(args.output.as_deref(), &text)?;
    Ok(Outcome::Clean)
}
