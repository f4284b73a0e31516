//! The whole app: every page. The loader in index.html runs it for any address the library
//! and share-preview modules (src/bin/) do not draw.
fn main() {
    debrief::start();
}
