//! What travels between browsers and people as data, not as a rendering: workbook backups
//! (every review and meta-review in one file, and reading them back with a choice for each
//! clash) and share links (a review packed into a URL fragment).

pub mod backup;
mod migrate;
pub mod share;
