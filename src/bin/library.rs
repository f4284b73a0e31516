//! The library's module: the list of reviews and meta-reviews, a new review, an import, a
//! backup (`debrief::start_library`). The loader in index.html picks it for the address
//! `#/`; the whole app is src/main.rs.
fn main() {
    debrief::start_library();
}
