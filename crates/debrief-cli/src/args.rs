//! The command line as clap sees it. Doc comments here are the help text people read.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Render, check and publish Debrief incident reviews saved as JSON files.
#[derive(Debug, Parser)]
#[command(name = "debrief", version)]
#[command(after_help = "Exit codes: 0 success (lint: clean), 1 lint found something, 2 error.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render one review as an HTML report (default) or Markdown.
    Render(RenderArgs),
    /// Check one review's language and what its public version would still reveal.
    Lint(LintArgs),
    /// Build a static site from every review in a folder: an index and one page per review.
    Site(SiteArgs),
    /// A meta-review across every review in a folder: the trigger taxonomy, recurring
    /// factors, people and services, durations and actions, as one HTML report or Markdown.
    Meta(MetaArgs),
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The review file (a Debrief review exported as JSON).
    #[arg(value_name = "REVIEW.json")]
    pub review: PathBuf,
    /// Render the public version: only what is marked public, with redactions applied.
    #[arg(long)]
    pub public: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A self-contained HTML report.
    Html,
    /// Markdown.
    Md,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// The review file (a Debrief review exported as JSON).
    #[arg(value_name = "REVIEW.json")]
    pub review: PathBuf,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder holding review files (*.json; other files are ignored).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The folder to write the site to (created if missing).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Publish the public versions of the reviews.
    #[arg(long)]
    pub public: bool,
}

#[derive(Debug, Args)]
pub struct MetaArgs {
    /// The folder holding review files (*.json; other files are ignored). Every review that
    /// loads is covered.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render the public version: each review's public view, internal entries left out,
    /// people not named.
    #[arg(long)]
    pub public: bool,
    /// Write Markdown instead of HTML.
    #[arg(long)]
    pub markdown: bool,
    /// The IANA time zone months, weekdays and hours are counted in (default: the zone most
    /// of the reviews use).
    #[arg(long, value_name = "ZONE")]
    pub zone: Option<String>,
    /// The meta-review's title (default: "Meta-review of N incidents", or the stored
    /// meta-review's).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// A meta-review saved from the app (its "Download JSON"): its selection, summaries,
    /// themes, next steps, questions and redactions are used, over the reviews in DIR.
    #[arg(long = "meta", value_name = "META.json")]
    pub meta: Option<PathBuf>,
}
