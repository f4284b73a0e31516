//! A share link's module: the read-only preview of the review the link carries, and saving
//! it to this browser (`debrief::start_share_preview`). The loader in index.html picks it
//! for `#/shared/…` addresses; the whole app is src/main.rs.
fn main() {
    debrief::start_share_preview();
}
