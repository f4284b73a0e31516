//! The whole app: every page. A first visit loads src/bin/first_load.rs instead, which starts
//! this module for any page beyond the library and share-link previews.
fn main() {
    debrief::start();
}
