//! One module per subcommand. Each takes its parsed arguments and returns an [`Outcome`]
//! or the error it stopped on; `main` turns either into an exit code.

pub mod lint;
pub mod meta;
pub mod render;
pub mod site;

use debrief_core::render::Audience;

/// What a command found, when it ran to the end.
pub enum Outcome {
    /// Done; nothing to report (exit 0).
    Clean,
    /// Done, and it found something a person should look at (exit 1): lint findings.
    Findings,
}

/// The audience the `--public` flag asks for.
pub fn audience(public: bool) -> Audience {
    if public {
        Audience::Public
    } else {
        Audience::Internal
    }
}
