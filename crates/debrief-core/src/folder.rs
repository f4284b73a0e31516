//! A workbook kept in a folder of files too: every review as `<slug>.debrief.json` in a folder
//! the person picked (a git checkout, a synced drive), read back when that folder changes.
//!
//! The browser's copy and the folder's are two replicas with no clock in common, so each
//! review remembers what both sides held the last time they matched ([`Synced`]): the
//! browser's revision and the file's fingerprint. Comparing each side with that memory says
//! who changed — the browser only (write the file), the folder only (take the file), both
//! (a conflict: both versions kept until the person chooses), or neither. Deletions follow
//! the same rule, and nothing is ever dropped: a review deleted through the folder goes to
//! Recently deleted, and a file that cannot be read is left alone, never overwritten.
//!
//! This module only decides; the app reads the folder, carries out the [`Step`]s and
//! records what it wrote.

use crate::document::load;
use crate::model::{Review, ReviewId};
use crate::sorting;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Every file Debrief keeps in the folder ends so; other files are not its business.
pub const FILE_SUFFIX: &str = ".debrief.json";

/// The format of [`SyncRecords`] as stored; a newer one is not read (sync starts afresh,
/// which compares documents and never overwrites a difference).
pub const RECORDS_VERSION: u32 = 1;

/// What identifies one version of a file without reading it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileStamp {
    /// A fingerprint of the text ([`fingerprint`]).
    pub digest: String,
    /// Last-modified time in milliseconds, as the file system reports it.
    pub modified: f64,
    pub size: u64,
}

/// A review and its file, the last time both sides held the same version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Synced {
    pub file: String,
    /// The browser's revision of the review then.
    pub revision: u64,
    pub stamp: FileStamp,
    /// Both sides changed since: the folder's version, kept aside until the person chooses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<FileStamp>,
}

/// What the workbook remembers of its folder, per review id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncRecords {
    pub version: u32,
    pub reviews: BTreeMap<ReviewId, Synced>,
}

impl Default for SyncRecords {
    fn default() -> Self {
        Self {
            version: RECORDS_VERSION,
            reviews: BTreeMap::new(),
        }
    }
}

impl SyncRecords {
    /// Reads stored records; anything unreadable or newer starts afresh, which is safe:
    /// without records every difference is a conflict, never an overwrite.
    pub fn from_text(text: &str) -> Self {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|records| records.version == RECORDS_VERSION)
            .unwrap_or_default()
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("records always serialise")
    }

    /// Both sides now hold the version just written or taken.
    pub fn in_step(&mut self, id: ReviewId, file: String, revision: u64, stamp: FileStamp) {
        let synced = Synced {
            file,
            revision,
            stamp,
            conflict: None,
        };
        self.reviews.insert(id, synced);
    }

    /// The folder's version (`stamp`) waits for the person's choice.
    pub fn waiting(&mut self, id: ReviewId, file: String, revision: u64, stamp: FileStamp) {
        let synced = self.reviews.entry(id).or_insert_with(|| Synced {
            file: file.clone(),
            revision,
            // Nothing was ever in step: a stamp no file has.
            stamp: FileStamp {
                digest: String::new(),
                modified: -1.0,
                size: 0,
            },
            conflict: None,
        });
        synced.file = file;
        synced.conflict = Some(stamp);
    }

    /// Reviews whose folder version waits for the person's choice, with their file.
    pub fn conflicts(&self) -> impl Iterator<Item = (&ReviewId, &str)> {
        self.reviews
            .iter()
            .filter(|(_, synced)| synced.conflict.is_some())
            .map(|(id, synced)| (id, synced.file.as_str()))
    }
}

/// A file in the folder as listed, before its text is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub name: String,
    pub modified: f64,
    pub size: u64,
}

/// A listed file, with its text when it may have changed since the last sync.
#[derive(Debug, Clone)]
pub struct FolderFile {
    pub listed: Listed,
    /// `None`: the file is exactly as last synced and was not read.
    pub text: Option<String>,
}

/// A review as the browser holds it: its id, revision and title.
#[derive(Debug, Clone)]
pub struct Head {
    pub id: ReviewId,
    pub revision: u64,
    pub title: String,
}

/// One thing to do so the browser and the folder agree again.
#[derive(Debug, Clone)]
pub enum Step {
    /// The browser's version goes to the folder: new here, or changed here only.
    Write { id: ReviewId, file: String },
    /// The folder's version replaces the browser's (changed there only), or is a review
    /// the workbook does not have yet (`base: None`).
    Take {
        review: Box<Review>,
        file: String,
        stamp: FileStamp,
        base: Option<u64>,
    },
    /// Both changed since they last matched, or nothing was recorded (the folder was picked
    /// again, or is a colleague's checkout). Unless the browser's version turns out to be
    /// the same review (then they are in step at `revision`), the folder's text is kept
    /// aside, the browser's version stays, and neither side is written until the person
    /// chooses.
    Conflict {
        review: Box<Review>,
        file: String,
        text: String,
        stamp: FileStamp,
        revision: u64,
    },
    /// The file was renamed there and nothing else changed: remember its new name.
    Renamed { id: ReviewId, file: String },
    /// Deleted in the folder, unchanged here: the review goes to Recently deleted.
    Trash { id: ReviewId },
    /// Deleted here, unchanged in the folder: the file goes too.
    Remove { id: ReviewId, file: String },
}

/// Something about the folder the person should know; nothing was changed because of it.
#[derive(Debug, Clone, PartialEq)]
pub enum FolderNote {
    /// A file that does not read as a review (a merge left conflict markers in it, a newer
    /// Debrief wrote it). Left alone; its review here is not written over it either.
    Unreadable { file: String, reason: String },
    /// A second file holding a review another file already holds.
    SecondCopy { file: String, of: String },
    /// None of the files the folder held last time are there: it looks like another folder
    /// (or another branch), so nothing was moved to Recently deleted.
    LooksEmptied { missing: usize },
}

impl std::fmt::Display for FolderNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unreadable { file, reason } => write!(
                f,
                "{file} could not be read, so it was left as it is and the review here is not written over it. {reason}"
            ),
            Self::SecondCopy { file, of } => write!(
                f,
                "{file} holds the same review as {of}; only {of} is kept in step."
            ),
            Self::LooksEmptied { missing } => write!(
                f,
                "None of the {missing} review files this folder held last time are there now (another folder or branch?). Nothing was moved to Recently deleted; the reviews are written to the folder again."
            ),
        }
    }
}

/// What to do, and what to tell.
#[derive(Debug, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub notes: Vec<FolderNote>,
}

/// A stable fingerprint of a file's text (64-bit FNV-1a, as hex). Not a security measure:
/// it only tells "the same text as last time" from "changed".
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Whether a listed file is exactly as recorded, so it need not be read.
fn unchanged(listed: &Listed, stamp: &FileStamp) -> bool {
    listed.modified == stamp.modified && listed.size == stamp.size
}

/// The listed files that must be read: every one not exactly as last synced (or as last
/// kept aside in a conflict).
pub fn files_to_read<'a>(records: &SyncRecords, listed: &'a [Listed]) -> Vec<&'a str> {
    let known: HashMap<&str, &Synced> = records
        .reviews
        .values()
        .map(|synced| (synced.file.as_str(), synced))
        .collect();
    listed
        .iter()
        .filter(|file| {
            known.get(file.name.as_str()).is_none_or(|synced| {
                !unchanged(file, &synced.stamp)
                    && synced.conflict.as_ref().is_none_or(|c| !unchanged(file, c))
            })
        })
        .map(|file| file.name.as_str())
        .collect()
}

/// A review's file as found this time.
enum Found {
    /// Exactly as last synced.
    AsSynced,
    /// The text last synced, under another name (renamed in git).
    Renamed,
    /// Exactly as kept aside in the open conflict.
    AsKeptAside,
    Changed {
        review: Box<Review>,
        stamp: FileStamp,
        text: String,
    },
    Unreadable,
    Missing,
}

/// Decides what brings the browser (`heads`) and the folder (`files`) back in step.
///
/// `trashed` holds the reviews the person deleted here: only their files are removed.
pub fn plan(
    records: &SyncRecords,
    heads: &[Head],
    trashed: &HashSet<ReviewId>,
    files: Vec<FolderFile>,
) -> Plan {
    let mut plan = Plan::default();
    let heads: BTreeMap<&ReviewId, &Head> = heads.iter().map(|h| (&h.id, h)).collect();
    let recorded_file: HashMap<&str, &ReviewId> = records
        .reviews
        .iter()
        .map(|(id, synced)| (synced.file.as_str(), id))
        .collect();

    // Which review each file holds. Files as last synced are known by their record; the
    // others are read. A file found under its recorded name wins over copies elsewhere.
    let mut by_id: BTreeMap<ReviewId, (String, Found)> = BTreeMap::new();
    let mut unreadable_files: Vec<String> = Vec::new();
    let mut files = files;
    sorting::sort_by_key(&mut files, |file| {
        !recorded_file.contains_key(file.listed.name.as_str())
    });
    for file in files {
        let name = file.listed.name.clone();
        let (id, found) = match file.text {
            None => match recorded_file.get(name.as_str()) {
                Some(id) => {
                    let synced = &records.reviews[*id];
                    let found = if unchanged(&file.listed, &synced.stamp) {
                        Found::AsSynced
                    } else {
                        Found::AsKeptAside
                    };
                    ((*id).clone(), found)
                }
                None => continue,
            },
            Some(text) => match load::<Review>(&text) {
                Ok(review) => {
                    let stamp = FileStamp {
                        digest: fingerprint(&text),
                        modified: file.listed.modified,
                        size: file.listed.size,
                    };
                    let found = match records.reviews.get(&review.id) {
                        Some(synced) if synced.stamp.digest == stamp.digest => {
                            if synced.file == name {
                                Found::AsSynced
                            } else {
                                Found::Renamed
                            }
                        }
                        Some(synced)
                            if synced.file == name
                                && synced
                                    .conflict
                                    .as_ref()
                                    .is_some_and(|c| c.digest == stamp.digest) =>
                        {
                            Found::AsKeptAside
                        }
                        _ => Found::Changed {
                            review: Box::new(review.clone()),
                            stamp,
                            text,
                        },
                    };
                    (review.id, found)
                }
                Err(err) => {
                    plan.notes.push(FolderNote::Unreadable {
                        file: name.clone(),
                        reason: err.to_string(),
                    });
                    match recorded_file.get(name.as_str()) {
                        Some(id) => ((*id).clone(), Found::Unreadable),
                        None => {
                            unreadable_files.push(name);
                            continue;
                        }
                    }
                }
            },
        };
        match by_id.get(&id) {
            Some((first, _)) => plan.notes.push(FolderNote::SecondCopy {
                file: name,
                of: first.clone(),
            }),
            None => {
                by_id.insert(id, (name, found));
            }
        }
    }

    let missing_recorded = records
        .reviews
        .keys()
        .filter(|id| !by_id.contains_key(*id))
        .count();
    let emptied = !records.reviews.is_empty() && missing_recorded == records.reviews.len();
    if emptied {
        plan.notes.push(FolderNote::LooksEmptied {
            missing: missing_recorded,
        });
    }

    let mut taken_names: HashSet<String> = by_id.values().map(|(name, _)| name.clone()).collect();
    taken_names.extend(unreadable_files);
    taken_names.extend(records.reviews.values().map(|s| s.file.clone()));

    let ids: BTreeSet<ReviewId> = heads
        .keys()
        .map(|id| (*id).clone())
        .chain(by_id.keys().cloned())
        .chain(records.reviews.keys().cloned())
        .collect();
    for id in ids {
        let head = heads.get(&id).copied();
        let record = records.reviews.get(&id);
        // An emptied folder is not trusted to say what was deleted.
        let synced = record.filter(|_| !emptied);
        let (file, found) = match by_id.remove(&id) {
            Some((file, found)) => (file, found),
            None => (String::new(), Found::Missing),
        };
        let changed_here = match (head, synced) {
            (Some(head), Some(synced)) => head.revision != synced.revision,
            _ => true,
        };
        let step = match (head, found) {
            // The reader said why; the browser's version waits until the file reads again.
            (_, Found::Unreadable) => None,
            // Waiting for the person's choice.
            (_, Found::AsKeptAside) => None,
            (Some(_), Found::AsSynced) if !changed_here => None,
            (Some(_), Found::AsSynced) => Some(Step::Write { id, file }),
            (Some(_), Found::Renamed) if !changed_here => Some(Step::Renamed { id, file }),
            (Some(_), Found::Renamed) => Some(Step::Write { id, file }),
            (None, Found::Renamed) if trashed.contains(&id) => Some(Step::Remove { id, file }),
            (None, Found::Renamed) => None,
            // Deleted here by the person, the file as it was: the deletion goes there too.
            (None, Found::AsSynced) if trashed.contains(&id) => Some(Step::Remove { id, file }),
            // Gone here some other way (kept aside as damaged): the file is the good copy.
            (None, Found::AsSynced) => None,
            (None, Found::Changed { review, stamp, .. }) => Some(Step::Take {
                review,
                file,
                stamp,
                base: None,
            }),
            (
                Some(head),
                Found::Changed {
                    review,
                    stamp,
                    text,
                },
            ) => match synced {
                Some(synced) if synced.conflict.is_none() && !changed_here => Some(Step::Take {
                    review,
                    file,
                    stamp,
                    base: Some(head.revision),
                }),
                _ => Some(Step::Conflict {
                    review,
                    file,
                    text,
                    stamp,
                    revision: head.revision,
                }),
            },
            (Some(_), Found::Missing) if synced.is_some() && !changed_here => {
                Some(Step::Trash { id })
            }
            (Some(head), Found::Missing) => {
                let file = match record {
                    Some(record) => record.file.clone(),
                    None => new_file_name(&head.title, &id, &mut taken_names),
                };
                Some(Step::Write { id, file })
            }
            (None, Found::Missing) => None,
        };
        plan.steps.extend(step);
    }
    plan
}

/// A file name for a review new to the folder: its title as lower-case ASCII words joined
/// by dashes (readable in `git status`, safe on every file system and in every URL), made
/// unique with the start of the review's id when another review has that title.
pub fn new_file_name(title: &str, id: &ReviewId, taken: &mut HashSet<String>) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() {
        slug.push_str("review");
    }
    let id_part: String = id
        .as_str()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut candidates = std::iter::once(slug.clone())
        .chain(
            (4..=id_part.len())
                .step_by(4)
                .map(|n| format!("{slug}-{}", &id_part[..n])),
        )
        .chain((2..).map(|n| format!("{slug}-{n}")));
    let name = candidates
        .find(|candidate| !taken.contains(&format!("{candidate}{FILE_SUFFIX}")))
        .map(|candidate| format!("{candidate}{FILE_SUFFIX}"))
        .expect("the numbered names never run out");
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::encode_pretty;
    use crate::testing::empty_review;

    fn review(id: &str, title: &str) -> Review {
        let mut review = empty_review();
        review.id = ReviewId::new(id);
        review.title = title.to_owned();
        review
    }

    fn head(id: &str, revision: u64, title: &str) -> Head {
        Head {
            id: ReviewId::new(id),
            revision,
            title: title.to_owned(),
        }
    }

    /// A file as the folder lists it, read.
    fn file(name: &str, modified: f64, text: &str) -> FolderFile {
        FolderFile {
            listed: Listed {
                name: name.to_owned(),
                modified,
                size: text.len() as u64,
            },
            text: Some(text.to_owned()),
        }
    }

    /// A file listed exactly as recorded, not read.
    fn as_recorded(records: &SyncRecords, id: &str) -> FolderFile {
        let synced = &records.reviews[&ReviewId::new(id)];
        FolderFile {
            listed: Listed {
                name: synced.file.clone(),
                modified: synced.stamp.modified,
                size: synced.stamp.size,
            },
            text: None,
        }
    }

    fn synced(records: &mut SyncRecords, id: &str, file: &str, revision: u64, text: &str) {
        records.reviews.insert(
            ReviewId::new(id),
            Synced {
                file: file.to_owned(),
                revision,
                stamp: FileStamp {
                    digest: fingerprint(text),
                    modified: 1000.0,
                    size: text.len() as u64,
                },
                conflict: None,
            },
        );
    }

    fn nothing_trashed() -> HashSet<ReviewId> {
        HashSet::new()
    }

    fn kinds(plan: &Plan) -> Vec<String> {
        plan.steps
            .iter()
            .map(|step| match step {
                Step::Write { id, file } => format!("write {id} {file}"),
                Step::Take { review, base, .. } => format!("take {} {base:?}", review.id),
                Step::Conflict { review, .. } => format!("conflict {}", review.id),
                Step::Trash { id } => format!("trash {id}"),
                Step::Remove { id, file } => format!("remove {id} {file}"),
                Step::Renamed { id, file } => format!("renamed {id} {file}"),
            })
            .collect()
    }

    #[test]
    fn a_new_workbook_writes_every_review_with_unique_readable_names() {
        let heads = [
            head("a1b2c3d4e5", 3, "Database failover, 2024-03-01"),
            head("f6a7b8c9d0", 1, "Database failover, 2024-03-01"),
            head("e1e2e3e4e5", 1, "Database failover, 2024-03-01"),
            head("zz", 1, "   "),
        ];
        let plan = plan(
            &SyncRecords::default(),
            &heads,
            &nothing_trashed(),
            Vec::new(),
        );
        assert_eq!(
            kinds(&plan),
            [
                "write a1b2c3d4e5 database-failover-2024-03-01.debrief.json",
                "write e1e2e3e4e5 database-failover-2024-03-01-e1e2.debrief.json",
                "write f6a7b8c9d0 database-failover-2024-03-01-f6a7.debrief.json",
                "write zz review.debrief.json",
            ]
        );
    }

    #[test]
    fn file_names_are_ascii_and_short() {
        let mut taken = HashSet::new();
        let name = new_file_name(
            "Ausfall der Zahlungsabwicklung – Köln/Rechenzentrum <script> ../../etc und noch viel mehr Text",
            &ReviewId::new("x"),
            &mut taken,
        );
        assert_eq!(
            name,
            "ausfall-der-zahlungsabwicklung-k-ln-rechenzentrum-script-etc.debrief.json"
        );
        assert!(name.len() <= 60 + FILE_SUFFIX.len());
        // Ids too short to tell apart fall back to numbers.
        let mut taken = HashSet::from(["t.debrief.json".to_owned()]);
        assert_eq!(
            new_file_name("T", &ReviewId::new("ab"), &mut taken),
            "t-2.debrief.json"
        );
        assert_eq!(
            new_file_name("T", &ReviewId::new("ab"), &mut taken),
            "t-3.debrief.json"
        );
    }

    #[test]
    fn nothing_to_do_when_neither_side_changed() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "text");
        let files = vec![as_recorded(&records, "a")];
        let plan = plan(&records, &[head("a", 4, "A")], &nothing_trashed(), files);
        assert!(plan.steps.is_empty() && plan.notes.is_empty(), "{plan:?}");
        assert!(files_to_read(&records, &[as_recorded(&records, "a").listed]).is_empty());
    }

    #[test]
    fn a_file_touched_but_not_changed_is_read_and_left_alone() {
        // `git checkout` rewrites files with new times and the same text.
        let text = encode_pretty(&review("a", "A"));
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, &text);
        let touched = file("a.debrief.json", 99_999.0, &text);
        assert_eq!(
            files_to_read(&records, std::slice::from_ref(&touched.listed)),
            ["a.debrief.json"]
        );
        let plan = plan(
            &records,
            &[head("a", 4, "A")],
            &nothing_trashed(),
            vec![touched],
        );
        assert!(plan.steps.is_empty(), "{plan:?}");
    }

    #[test]
    fn changed_here_only_writes_the_file() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "text");
        let files = vec![as_recorded(&records, "a")];
        let plan = plan(&records, &[head("a", 9, "A")], &nothing_trashed(), files);
        assert_eq!(kinds(&plan), ["write a a.debrief.json"]);
    }

    #[test]
    fn changed_in_the_folder_only_takes_the_file() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "old text");
        let pulled = encode_pretty(&review("a", "A, after the colleague's edit"));
        let files = vec![file("a.debrief.json", 2000.0, &pulled)];
        let plan = plan(&records, &[head("a", 4, "A")], &nothing_trashed(), files);
        assert_eq!(kinds(&plan), ["take a Some(4)"]);
        let Step::Take { review, stamp, .. } = &plan.steps[0] else {
            unreachable!()
        };
        assert_eq!(review.title, "A, after the colleague's edit");
        assert_eq!(stamp.digest, fingerprint(&pulled));
    }

    #[test]
    fn changed_on_both_sides_is_a_conflict_and_stays_one_until_chosen() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "old text");
        let pulled = encode_pretty(&review("a", "Theirs"));
        let files = vec![file("a.debrief.json", 2000.0, &pulled)];
        let first = plan(
            &records,
            &[head("a", 7, "Mine")],
            &nothing_trashed(),
            files.clone(),
        );
        assert_eq!(kinds(&first), ["conflict a"]);
        let Step::Conflict { text, stamp, .. } = &first.steps[0] else {
            unreachable!()
        };
        assert_eq!(text, &pulled);

        // Recorded as waiting: the same folder version (listed or read) changes nothing,
        // even as editing goes on here.
        records
            .reviews
            .get_mut(&ReviewId::new("a"))
            .unwrap()
            .conflict = Some(stamp.clone());
        let listed = [files[0].listed.clone()];
        assert!(files_to_read(&records, &listed).is_empty());
        let unread = vec![FolderFile {
            listed: files[0].listed.clone(),
            text: None,
        }];
        let waiting = plan(
            &records,
            &[head("a", 12, "Mine")],
            &nothing_trashed(),
            unread,
        );
        assert!(waiting.steps.is_empty(), "{waiting:?}");
        let reread = plan(
            &records,
            &[head("a", 12, "Mine")],
            &nothing_trashed(),
            files,
        );
        assert!(reread.steps.is_empty(), "{reread:?}");

        // A newer folder version replaces the one kept aside.
        let pulled_again = encode_pretty(&review("a", "Theirs, again"));
        let files = vec![file("a.debrief.json", 3000.0, &pulled_again)];
        let again = plan(
            &records,
            &[head("a", 12, "Mine")],
            &nothing_trashed(),
            files,
        );
        assert_eq!(kinds(&again), ["conflict a"]);

        // Even with no change here since, a waiting conflict is never settled by taking.
        let files = vec![file("a.debrief.json", 3000.0, &pulled_again)];
        let unchanged_here = plan(&records, &[head("a", 4, "Mine")], &nothing_trashed(), files);
        assert_eq!(kinds(&unchanged_here), ["conflict a"]);
    }

    #[test]
    fn a_file_new_to_the_workbook_is_taken_as_a_new_review() {
        let text = encode_pretty(&review("from-git", "Colleague's review"));
        let files = vec![file("colleague.debrief.json", 5.0, &text)];
        let plan = plan(&SyncRecords::default(), &[], &nothing_trashed(), files);
        assert_eq!(kinds(&plan), ["take from-git None"]);
    }

    #[test]
    fn a_folder_picked_with_the_same_reviews_is_compared_not_overwritten() {
        let text = encode_pretty(&review("a", "A"));
        let files = vec![file("a.debrief.json", 5.0, &text)];
        let plan = plan(
            &SyncRecords::default(),
            &[head("a", 3, "A")],
            &nothing_trashed(),
            files,
        );
        assert_eq!(kinds(&plan), ["conflict a"]);
    }

    #[test]
    fn deleted_in_the_folder_and_unchanged_here_goes_to_recently_deleted() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "a");
        synced(&mut records, "b", "b.debrief.json", 2, "b");
        let files = vec![as_recorded(&records, "b")];
        let heads = [head("a", 4, "A"), head("b", 2, "B")];
        assert_eq!(
            kinds(&plan(&records, &heads, &nothing_trashed(), files.clone())),
            ["trash a"]
        );
        // Changed here since: the browser's version is written back instead.
        let heads = [head("a", 5, "A"), head("b", 2, "B")];
        assert_eq!(
            kinds(&plan(&records, &heads, &nothing_trashed(), files)),
            ["write a a.debrief.json"]
        );
    }

    #[test]
    fn a_folder_that_lost_every_file_deletes_nothing() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "a");
        synced(&mut records, "b", "b.debrief.json", 2, "b");
        let heads = [head("a", 4, "A"), head("b", 2, "B")];
        let plan = plan(&records, &heads, &nothing_trashed(), Vec::new());
        assert_eq!(
            kinds(&plan),
            ["write a a.debrief.json", "write b b.debrief.json"]
        );
        assert_eq!(plan.notes, [FolderNote::LooksEmptied { missing: 2 }]);
    }

    #[test]
    fn deleted_here_removes_the_file_only_if_it_is_as_synced() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "a");
        synced(&mut records, "b", "b.debrief.json", 2, "b");
        let trashed = HashSet::from([ReviewId::new("a")]);
        let files = vec![as_recorded(&records, "a"), as_recorded(&records, "b")];
        assert_eq!(
            kinds(&plan(&records, &[head("b", 2, "B")], &trashed, files)),
            ["remove a a.debrief.json"]
        );
        // Changed in the folder after it was deleted here: the folder's version comes back.
        let text = encode_pretty(&review("a", "A, edited in git"));
        let files = vec![
            file("a.debrief.json", 77.0, &text),
            as_recorded(&records, "b"),
        ];
        assert_eq!(
            kinds(&plan(&records, &[head("b", 2, "B")], &trashed, files)),
            ["take a None"]
        );
        // Gone here without the person deleting it (kept aside as damaged): the file stays.
        let files = vec![as_recorded(&records, "a"), as_recorded(&records, "b")];
        let plan = plan(&records, &[head("b", 2, "B")], &nothing_trashed(), files);
        assert!(plan.steps.is_empty(), "{plan:?}");
    }

    #[test]
    fn an_unreadable_file_is_left_alone_and_not_written_over() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, "a");
        let merge_left = "<<<<<<< HEAD\n{\"schema_version\": 7\n=======\n{}\n>>>>>>> origin/main\n";
        let files = vec![
            file("a.debrief.json", 9.0, merge_left),
            file("notes.debrief.json", 9.0, ""),
        ];
        let plan = plan(&records, &[head("a", 8, "A")], &nothing_trashed(), files);
        assert!(plan.steps.is_empty(), "{plan:?}");
        assert_eq!(plan.notes.len(), 2);
        let words = plan.notes[0].to_string();
        assert!(
            words.starts_with("a.debrief.json could not be read"),
            "{words}"
        );
        assert!(plan.notes[1].to_string().contains("The file is empty."));
    }

    #[test]
    fn a_renamed_file_is_followed_and_a_copy_is_named() {
        let text = encode_pretty(&review("a", "A"));
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", 4, &text);
        // Renamed in git; someone also copied it.
        let files = vec![
            file("2024-03-01-a.debrief.json", 50.0, &text),
            file("copy-of-a.debrief.json", 51.0, &text),
        ];
        let plan = plan(
            &records,
            &[head("a", 4, "A")],
            &nothing_trashed(),
            files.clone(),
        );
        assert_eq!(kinds(&plan), ["renamed a 2024-03-01-a.debrief.json"]);
        // Edited here meanwhile: written under the new name.
        let edited = super::plan(&records, &[head("a", 5, "A")], &nothing_trashed(), files);
        assert_eq!(kinds(&edited), ["write a 2024-03-01-a.debrief.json"]);
        assert_eq!(
            plan.notes,
            [FolderNote::SecondCopy {
                file: "copy-of-a.debrief.json".to_owned(),
                of: "2024-03-01-a.debrief.json".to_owned()
            }]
        );
    }

    #[test]
    fn records_round_trip_and_a_newer_format_starts_afresh() {
        let mut records = SyncRecords::default();
        synced(&mut records, "a", "a.debrief.json", u64::MAX, "a");
        assert_eq!(SyncRecords::from_text(&records.to_text()), records);
        assert_eq!(
            SyncRecords::from_text(r#"{"version": 2, "reviews": {}}"#),
            SyncRecords::default()
        );
        assert_eq!(SyncRecords::from_text("garbage"), SyncRecords::default());
    }

    #[test]
    fn fingerprints_tell_texts_apart() {
        assert_eq!(fingerprint("abc"), fingerprint("abc"));
        assert_ne!(fingerprint("abc"), fingerprint("abd"));
        assert_eq!(fingerprint("").len(), 16);
    }
}
