//! The saving machine driven as the browser drives it, but with a virtual clock, frames that
//! come when the test says, and an in-memory store that answers one request at a time: so
//! a write still in flight, a timer that has not fired and another tab's write in between
//! are all placed exactly.

use super::*;
use crate::document::{load, load_with_journal};
use crate::model::{Review, ReviewId, TimelineEvent};
use crate::testing::id;

type Error = &'static str;

/// The browser's storage as the machine sees it: a full text, a journal after it and a
/// revision; another tab may write, and the store may be full.
#[derive(Default)]
struct Store {
    text: String,
    journal: Vec<JournalEntry>,
    revision: Option<u64>,
    full: bool,
    /// This tab's version kept among Recovered documents while saving is paused.
    kept_copy: Option<String>,
    writes: usize,
    folds: usize,
}

impl Store {
    fn holding(review: &Review) -> Self {
        Self {
            text: encode(review),
            revision: Some(1),
            ..Self::default()
        }
    }

    /// What opening the document now would show.
    fn read(&self) -> Review {
        load_with_journal(&self.text, &self.journal).expect("the store holds a readable review")
    }

    fn based_on(&self, base: u64) -> Result<(), Refused<Error>> {
        if self.revision != Some(base) {
            return Err(Refused::Conflict {
                revision: self.revision,
            });
        }
        if self.full {
            return Err(Refused::Failed("full"));
        }
        Ok(())
    }

    fn write(&mut self, base: u64, write: &Write<Review>) -> Result<u64, Refused<Error>> {
        self.based_on(base)?;
        self.writes += 1;
        match write {
            Write::Changes(entry) => self.journal.push(entry.clone()),
            Write::Whole(review) => {
                self.text = encode(review);
                self.journal.clear();
            }
        }
        self.revision = Some(base + 1);
        Ok(base + 1)
    }

    fn fold(&mut self, document: &Review, revision: u64) -> Result<(), Refused<Error>> {
        self.based_on(revision)?;
        self.folds += 1;
        self.text = encode(document);
        self.journal.clear();
        Ok(())
    }

    /// Another tab saves its own edit of the document.
    fn other_tab_writes(&mut self, change: impl FnOnce(&mut Review)) {
        let mut theirs = self.read();
        change(&mut theirs);
        self.text = encode(&theirs);
        self.journal.clear();
        self.revision = self.revision.map(|r| r + 1);
    }
}

/// One open document: the machine, the document in memory, and the browser around it.
struct Tab {
    saving: Saving<Review, Error>,
    current: Review,
    store: Store,
    /// Virtual time since the document was opened.
    now: Duration,
    /// When the timer the machine started fires.
    timer: Option<Duration>,
    frame_asked: bool,
    /// Requests made of storage, answered one at a time by [`Tab::answer`].
    requests: Vec<Request<Review>>,
    saved_told: usize,
}

impl Tab {
    fn open(review: Review) -> Self {
        let store = Store::holding(&review);
        let (saving, commands) = Saving::new(review.clone(), 1, 0);
        let mut tab = Self {
            saving,
            current: review,
            store,
            now: Duration::ZERO,
            timer: None,
            frame_asked: false,
            requests: Vec::new(),
            saved_told: 0,
        };
        tab.carry_out(commands);
        tab
    }

    fn carry_out(&mut self, commands: Vec<Command<Review>>) {
        for command in commands {
            match command {
                Command::AwaitFrame => {
                    assert!(!self.frame_asked, "one frame is asked for at a time");
                    self.frame_asked = true;
                }
                Command::StartTimer(after) => self.timer = Some(self.now + after),
                Command::CancelTimer => self.timer = None,
                Command::Saved => self.saved_told += 1,
                Command::Ask(request) => self.requests.push(request),
            }
        }
    }

    fn edit(&mut self, change: impl FnOnce(&mut Review)) {
        change(&mut self.current);
        let commands = self.saving.changed();
        self.carry_out(commands);
    }

    fn type_title(&mut self, title: &str) {
        self.edit(|r| r.title = title.to_owned());
    }

    fn frame(&mut self) {
        if std::mem::take(&mut self.frame_asked) {
            let commands = self.saving.frame(&self.current);
            self.carry_out(commands);
        }
    }

    fn in_flight(&self) -> usize {
        self.requests.len()
    }

    /// Storage answers the oldest request.
    fn answer(&mut self) {
        let request = self.requests.remove(0);
        let commands = match request {
            Request::Write { base, write } => {
                let result = self.store.write(base, &write);
                self.saving.written(result, write, &self.current)
            }
            Request::Fold { document, revision } => {
                let result = self.store.fold(&document, revision);
                self.saving.folded(result, &self.current)
            }
            Request::KeepUnsavedCopy { text } => {
                if !self.store.full {
                    self.store.kept_copy = Some(text);
                }
                self.saving.kept(&self.current)
            }
            Request::ReadRevision => {
                let found = self.store.revision;
                self.saving.revision_found(found, &self.current)
            }
        };
        self.carry_out(commands);
    }

    /// Frames come and storage answers until nothing is waiting (timers aside).
    fn settle(&mut self) {
        while self.frame_asked || !self.requests.is_empty() {
            self.frame();
            while !self.requests.is_empty() {
                self.answer();
            }
        }
    }

    /// Time passes with nothing typed; a timer due in that time fires.
    fn wait(&mut self, millis: u64) {
        self.now += Duration::from_millis(millis);
        if self.timer.is_some_and(|due| due <= self.now) {
            self.timer = None;
            let commands = self.saving.timer_fired();
            self.carry_out(commands);
            self.settle();
        }
    }

    fn another_tab_announces(&mut self) {
        let commands = self.saving.changed_elsewhere();
        self.carry_out(commands);
    }

    fn kept_copy(&self) -> Review {
        load(self.store.kept_copy.as_deref().expect("a copy was kept")).unwrap()
    }
}

fn review() -> Review {
    Review {
        id: ReviewId::new("r1"),
        title: "Checkout outage".to_owned(),
        ..Review::default()
    }
}

fn event(n: usize) -> TimelineEvent {
    TimelineEvent {
        id: id(&format!("e{n}")),
        text: format!("event {n}"),
        ..TimelineEvent::default()
    }
}

#[test]
fn keystrokes_of_one_frame_are_one_small_write() {
    let mut tab = Tab::open(review());
    tab.type_title("C");
    tab.type_title("Ch");
    tab.type_title("Che");
    assert_eq!(tab.saving.state(), &SaveState::Pending);
    assert_eq!(tab.in_flight(), 0, "nothing is written before the frame");
    tab.frame();
    assert_eq!(tab.in_flight(), 1);
    let Request::Write { base, write } = &tab.requests[0] else {
        panic!("a write");
    };
    assert_eq!(*base, 1);
    assert!(
        matches!(write, Write::Changes(entry) if entry.changes.len() == 1),
        "the batch holds the title alone: {write:?}"
    );
    tab.settle();
    assert_eq!(tab.saving.state(), &SaveState::Saved);
    assert_eq!(tab.store.read(), tab.current);
    assert_eq!(tab.store.journal.len(), 1);
    assert_eq!(tab.saved_told, 1);
}

#[test]
fn one_write_is_in_flight_at_a_time_and_each_builds_on_the_last() {
    let mut tab = Tab::open(review());
    tab.type_title("First");
    tab.frame();
    tab.edit(|r| r.timeline.push(event(1)));
    tab.frame();
    assert_eq!(
        tab.in_flight(),
        1,
        "the second edit waits for the first write"
    );
    tab.answer();
    assert_eq!(tab.in_flight(), 1, "and goes as soon as it lands");
    let Request::Write { base, .. } = &tab.requests[0] else {
        panic!("a write");
    };
    assert_eq!(*base, 2, "based on the revision the first write left");
    tab.settle();
    assert_eq!(tab.store.read(), tab.current);
    assert_eq!(tab.store.revision, Some(3));
}

#[test]
fn an_edit_undone_within_the_frame_writes_nothing() {
    let mut tab = Tab::open(review());
    tab.type_title("Oops");
    tab.type_title("Checkout outage");
    tab.frame();
    assert_eq!(tab.in_flight(), 0);
    assert_eq!(tab.saving.state(), &SaveState::Saved);
    assert!(tab.saving.idle());
}

#[test]
fn the_journal_is_folded_once_editing_pauses_for_two_seconds() {
    let mut tab = Tab::open(review());
    tab.type_title("One");
    tab.settle();
    tab.wait(1_500);
    tab.type_title("Two");
    tab.settle();
    tab.wait(1_999);
    assert_eq!(tab.store.folds, 0, "typing again restarted the pause");
    assert_eq!(tab.store.journal.len(), 2);
    tab.wait(1);
    assert_eq!(tab.store.folds, 1);
    assert!(tab.store.journal.is_empty());
    assert_eq!(tab.store.read(), tab.current);
    assert_eq!(
        tab.store.revision,
        Some(3),
        "folding is no change another tab must hear of"
    );
}

#[test]
fn a_journal_left_by_the_last_session_is_folded_after_a_pause() {
    let review = review();
    let (_, commands) = Saving::<Review, Error>::new(review, 4, 3);
    assert_eq!(commands, vec![Command::StartTimer(FOLD_AFTER)]);
}

#[test]
fn a_long_journal_is_folded_at_once() {
    let mut tab = Tab::open(review());
    for n in 0..FOLD_AT {
        tab.edit(|r| r.timeline.push(event(n)));
        tab.settle();
    }
    assert_eq!(tab.timer, Some(tab.now), "due now, not after a pause");
    tab.wait(0);
    assert_eq!(tab.store.folds, 1);
    assert_eq!(tab.store.read(), tab.current);
}

#[test]
fn a_fold_waits_while_anything_is_unwritten() {
    let mut tab = Tab::open(review());
    tab.type_title("One");
    tab.settle();
    tab.type_title("Two");
    // The timer was cancelled by the edit; even a stray one finds work waiting.
    assert_eq!(tab.timer, None);
    assert!(tab.saving.timer_fired().is_empty());
}

#[test]
fn a_full_storage_keeps_the_edit_in_memory_and_a_retry_is_no_conflict() {
    let mut tab = Tab::open(review());
    tab.store.full = true;
    tab.type_title("Kept in memory");
    tab.settle();
    assert_eq!(tab.saving.state(), &SaveState::Failed("full"));
    assert!(tab.saving.state().has_unsaved_work());
    assert_eq!(tab.store.read().title, "Checkout outage");
    // More typing while storage is full: still in memory, still failing, no conflict.
    tab.type_title("Kept in memory, still");
    tab.settle();
    assert_eq!(tab.saving.state(), &SaveState::Failed("full"));

    tab.store.full = false;
    let commands = tab.saving.retry(&tab.current);
    assert!(
        matches!(
            &commands[..],
            [Command::Ask(Request::Write {
                base: 1,
                write: Write::Whole(_)
            })]
        ),
        "after a failed write the whole document goes, on the revision storage holds: {commands:?}"
    );
    tab.carry_out(commands);
    tab.settle();
    assert_eq!(tab.saving.state(), &SaveState::Saved);
    assert_eq!(tab.store.read(), tab.current);
    tab.type_title("And then small writes again");
    tab.frame();
    assert!(matches!(
        &tab.requests[..],
        [Request::Write {
            write: Write::Changes(_),
            ..
        }]
    ));
}

#[test]
fn another_tab_edit_pauses_saving_and_keeps_this_version_recoverable() {
    let mut tab = Tab::open(review());
    tab.store
        .other_tab_writes(|r| r.title = "Theirs".to_owned());
    tab.another_tab_announces();
    tab.settle();
    assert_eq!(
        tab.saving.state(),
        &SaveState::Conflict(Conflict::ChangedElsewhere { revision: 2 })
    );
    tab.type_title("Mine");
    tab.settle();
    assert_eq!(
        tab.store.read().title,
        "Theirs",
        "nothing is written over theirs"
    );
    assert_eq!(
        tab.kept_copy().title,
        "Mine",
        "this tab's version is kept aside"
    );
    assert!(tab.saving.state().has_unsaved_work());
    assert!(!tab.saving.idle());
}

#[test]
fn an_announcement_of_this_tabs_own_write_is_no_conflict() {
    let mut tab = Tab::open(review());
    tab.type_title("Mine");
    tab.settle();
    tab.another_tab_announces();
    tab.settle();
    assert_eq!(tab.saving.state(), &SaveState::Saved);
}

#[test]
fn an_announcement_during_a_write_is_looked_at_once_it_lands() {
    let mut tab = Tab::open(review());
    tab.type_title("Mine");
    tab.frame();
    tab.another_tab_announces();
    assert_eq!(
        tab.in_flight(),
        1,
        "no second request while the write is out"
    );
    // Another tab wrote after this tab's write landed: the look taken afterwards sees it.
    tab.answer();
    tab.store
        .other_tab_writes(|r| r.title = "Theirs".to_owned());
    tab.settle();
    assert_eq!(
        tab.saving.state(),
        &SaveState::Conflict(Conflict::ChangedElsewhere { revision: 3 })
    );
}

#[test]
fn a_write_refused_as_a_conflict_keeps_this_version_aside() {
    let mut tab = Tab::open(review());
    tab.type_title("Mine");
    tab.frame();
    tab.store
        .other_tab_writes(|r| r.title = "Theirs".to_owned());
    tab.settle();
    assert_eq!(
        tab.saving.state(),
        &SaveState::Conflict(Conflict::ChangedElsewhere { revision: 2 })
    );
    assert_eq!(tab.kept_copy().title, "Mine");
}

#[test]
fn a_document_deleted_elsewhere_is_a_conflict_too() {
    let mut tab = Tab::open(review());
    tab.store.revision = None;
    tab.another_tab_announces();
    tab.settle();
    assert_eq!(
        tab.saving.state(),
        &SaveState::Conflict(Conflict::DeletedElsewhere)
    );
}

#[test]
fn a_fold_refused_as_a_conflict_pauses_saving() {
    let mut tab = Tab::open(review());
    tab.type_title("Mine");
    tab.settle();
    tab.store
        .other_tab_writes(|r| r.title = "Theirs".to_owned());
    tab.wait(2_000);
    assert_eq!(
        tab.saving.state(),
        &SaveState::Conflict(Conflict::ChangedElsewhere { revision: 3 })
    );
    assert_eq!(tab.store.folds, 0);
    assert_eq!(tab.kept_copy().title, "Mine");
}

#[test]
fn keeping_mine_writes_edits_made_while_choosing() {
    let mut tab = Tab::open(review());
    tab.store
        .other_tab_writes(|r| r.title = "Theirs".to_owned());
    tab.another_tab_announces();
    tab.type_title("Mine");
    tab.settle();
    // The person chooses this version; the session writes it over theirs.
    let chosen = tab.current.clone();
    let revision = tab.store.revision.unwrap() + 1;
    tab.store.text = encode(&chosen);
    tab.store.revision = Some(revision);
    tab.type_title("Mine, edited while choosing");
    let commands = tab.saving.kept_mine(chosen, revision, &tab.current);
    tab.carry_out(commands);
    assert_eq!(tab.saving.state(), &SaveState::Pending);
    tab.settle();
    assert_eq!(tab.saving.state(), &SaveState::Saved);
    assert_eq!(tab.store.read().title, "Mine, edited while choosing");
}

#[test]
fn adopting_the_stored_version_ends_the_pause() {
    let mut tab = Tab::open(review());
    tab.store
        .other_tab_writes(|r| r.title = "Theirs".to_owned());
    tab.another_tab_announces();
    tab.settle();
    let theirs = tab.store.read();
    let commands = tab.saving.adopt(theirs.clone(), 2, 0);
    tab.carry_out(commands);
    tab.current = theirs;
    assert_eq!(tab.saving.state(), &SaveState::Saved);
    assert!(tab.saving.idle());
    tab.type_title("Theirs, then mine");
    tab.settle();
    assert_eq!(tab.store.read().title, "Theirs, then mine");
    assert_eq!(tab.store.revision, Some(3));
}

#[test]
fn a_flush_writes_without_waiting_for_a_frame() {
    let mut tab = Tab::open(review());
    tab.type_title("Hidden page");
    let commands = tab.saving.flush(&tab.current);
    assert!(matches!(
        &commands[..],
        [Command::Ask(Request::Write { .. })]
    ));
    tab.carry_out(commands);
    while tab.in_flight() > 0 {
        tab.answer();
    }
    assert_eq!(tab.store.read().title, "Hidden page");
    // The frame asked for earlier finds nothing left to write.
    tab.frame();
    assert_eq!(tab.in_flight(), 0);
    assert!(tab.saving.idle());
}
