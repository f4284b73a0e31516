fn main() {
    debrief::start();
}
