//! The module a first visit downloads: the library and share-link previews only
//! (`debrief::start_first_load`). index.html loads it; the whole app is src/main.rs.
fn main() {
    debrief::start_first_load();
}
