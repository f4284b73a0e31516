//! Recently deleted: a deleted review moves here, whole, with its transcripts left in place,
//! and can be restored after any number of reloads until it is emptied or
//! [`TRASH_DAYS`] pass.

use super::documents::{head, review_key, Stored, StoredDocument};
use super::engine::{self, stores, Expect, Read, Write, WriteOutcome};
use super::{OpenError, SaveError, Store, StoreError};
use debrief_core::document::{encode, load};
use debrief_core::model::{Review, ReviewId};
use debrief_core::sorting;
use wasm_bindgen::JsValue;

/// How long a deleted review is kept before it goes for good.
pub const TRASH_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct TrashedReview {
    pub id: ReviewId,
    pub title: String,
    pub deleted_at_millis: i64,
}

impl Store {
    /// Moves a review to Recently deleted, if storage still holds `revision` of it.
    pub async fn delete_review(&self, stored: &Stored<Review>) -> Result<(), SaveError> {
        let review = &stored.document;
        let key = review.key_of();
        let mut writes = Self::removal(&key);
        writes.push(Write::Put(
            stores::TRASH,
            key.clone(),
            engine::record(&[
                ("text", JsValue::from_str(&encode(review))),
                ("title", JsValue::from_str(review.display_title())),
                ("at", JsValue::from_f64(js_sys::Date::now())),
            ]),
        ));
        let outcome = self
            .db()
            .await?
            .write(
                &[
                    stores::DOCUMENTS,
                    stores::JOURNAL,
                    stores::HEADS,
                    stores::TRASH,
                ],
                vec![Expect {
                    key: key.clone(),
                    revision: Some(stored.revision),
                }],
                writes,
            )
            .await?;
        match outcome {
            WriteOutcome::Committed => {
                self.announce(&key);
                Ok(())
            }
            WriteOutcome::Conflict { found } => Err(SaveError::Conflict {
                revision: found.as_ref().and_then(super::documents::head_revision),
            }),
        }
    }

    pub async fn trash(&self) -> Result<Vec<TrashedReview>, StoreError> {
        let results = self
            .db()
            .await?
            .read(&[stores::TRASH], vec![Read::All(stores::TRASH)])
            .await?;
        let mut trashed: Vec<TrashedReview> = engine::pairs(&results[0])
            .into_iter()
            .map(|(key, record)| TrashedReview {
                id: ReviewId::new(key.trim_start_matches(Review::PREFIX)),
                title: engine::string_field(&record, "title").unwrap_or_default(),
                deleted_at_millis: engine::number_field(&record, "at").unwrap_or(0.0) as i64,
            })
            .collect();
        sorting::sort_by_key(&mut trashed, |t| std::cmp::Reverse(t.deleted_at_millis));
        Ok(trashed)
    }

    /// Puts a deleted review back where it was. Refused as a conflict when a review with its
    /// id exists again (an import since).
    pub async fn restore_from_trash(&self, id: &ReviewId) -> Result<Review, OpenError> {
        let key = review_key(id);
        let db = self.db().await.map_err(OpenError::Store)?;
        let results = db
            .read(
                &[stores::TRASH],
                vec![Read::Get(stores::TRASH, key.clone())],
            )
            .await
            .map_err(OpenError::Store)?;
        let text = engine::string_field(&results[0], "text").ok_or(OpenError::NotFound)?;
        let review = load::<Review>(&text).map_err(OpenError::Quarantined)?;
        let outcome = db
            .write(
                &[
                    stores::DOCUMENTS,
                    stores::JOURNAL,
                    stores::HEADS,
                    stores::TRASH,
                ],
                vec![Expect {
                    key: key.clone(),
                    revision: None,
                }],
                vec![
                    Write::Put(stores::DOCUMENTS, key.clone(), JsValue::from_str(&text)),
                    Write::Put(stores::HEADS, key.clone(), head(&review, 1)),
                    Write::Delete(stores::TRASH, key.clone()),
                ],
            )
            .await
            .map_err(OpenError::Store)?;
        match outcome {
            WriteOutcome::Committed => {
                self.announce(&key);
                Ok(review)
            }
            WriteOutcome::Conflict { .. } => Err(OpenError::Store(StoreError::Failed {
                what:
                    "a review with the same id is in the workbook again; rename or delete it first"
                        .to_owned(),
            })),
        }
    }

    /// Deletes reviews from Recently deleted for good, with their transcripts.
    pub async fn purge(&self, ids: &[ReviewId]) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let writes = ids
            .iter()
            .flat_map(|id| {
                [
                    Write::Delete(stores::TRASH, review_key(id)),
                    Write::Delete(stores::TRANSCRIPTS, id.to_string()),
                ]
            })
            .collect();
        self.plain_write(&[stores::TRASH, stores::TRANSCRIPTS], writes)
            .await?;
        self.announce("trash");
        Ok(())
    }

    /// Purges what has been in Recently deleted for longer than [`TRASH_DAYS`].
    pub async fn purge_expired(&self, now_millis: i64) -> Result<(), StoreError> {
        let cutoff = now_millis - TRASH_DAYS * 86_400_000;
        let expired: Vec<ReviewId> = self
            .trash()
            .await?
            .into_iter()
            .filter(|t| t.deleted_at_millis < cutoff)
            .map(|t| t.id)
            .collect();
        self.purge(&expired).await
    }
}
