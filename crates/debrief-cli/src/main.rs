//! `debrief`: render, lint and publish incident reviews kept as files, e.g. in a git
//! repository that CI publishes from.
//!
//! This file only turns arguments into a command and a command's outcome into an exit code.
//! Every review is read through `debrief_core::document::load`, the one load path the app
//! uses too, so the command line never accepts a document the app would refuse.

mod args;
mod commands;
mod error;
mod files;
mod slug;
mod terminal;

use args::{Cli, Command};
use clap::Parser;
use commands::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Clap prints its own usage errors and exits with 2, the same code as ours for errors.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Render(args) => commands::render::run(&args),
        Command::Lint(args) => commands::lint::run(&args),
        Command::Site(args) => commands::site::run(&args),
        Command::Meta(args) => commands::meta::run(&args),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            eprintln!("debrief: {}", terminal::one_line(&err.to_string()));
            ExitCode::from(2)
        }
    }
}
