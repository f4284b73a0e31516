//! Who is who: the people and bots an export names, and how a message's author and its
//! mentions are named from them.

use super::*;

/// Names from the export's index files.
#[derive(Debug, Clone, Default)]
pub(super) struct Directory {
    /// The name to show, by user id.
    pub(super) people: HashMap<String, String>,
    /// Users that are bots: their posts are alerts although they carry a user id.
    pub(super) bot_users: HashSet<String>,
    /// Bot users' names by bot id, for posts that carry only the bot id.
    pub(super) bots: HashMap<String, String>,
    /// Conversation names by id, for `<#C123>`.
    pub(super) channels: HashMap<String, String>,
    /// Conversation ids by folder name.
    pub(super) channel_ids: HashMap<String, String>,
}

impl Directory {
    pub(super) fn add(&mut self, kind: IndexFile, records: &[Value]) {
        match kind {
            IndexFile::Users => records.iter().for_each(|user| self.add_user(user)),
            IndexFile::Channels => records.iter().for_each(|channel| {
                if let (Some(id), Some(name)) = (text_at(channel, "id"), text_at(channel, "name")) {
                    self.add_channel(id, name);
                }
            }),
            // Direct messages have no name; their folders are named by id.
            IndexFile::DirectMessages => records.iter().for_each(|dm| {
                if let Some(id) = text_at(dm, "id") {
                    self.add_channel(id, id);
                }
            }),
            IndexFile::Other => {}
        }
    }

    pub(super) fn add_user(&mut self, user: &Value) {
        let Some(id) = text_at(user, "id") else {
            return;
        };
        let profile = user.get("profile");
        let name = text_at(user, "real_name")
            .or_else(|| profile.and_then(|p| text_at(p, "real_name")))
            .or_else(|| profile.and_then(|p| text_at(p, "display_name")))
            .or_else(|| text_at(user, "name"));
        if let Some(name) = name {
            self.people.insert(id.to_owned(), name.to_owned());
            if let Some(bot) = profile.and_then(|p| text_at(p, "bot_id")) {
                self.bots.insert(bot.to_owned(), name.to_owned());
            }
        }
        if user.get("is_bot").and_then(Value::as_bool) == Some(true) {
            self.bot_users.insert(id.to_owned());
        }
    }

    pub(super) fn add_channel(&mut self, id: &str, name: &str) {
        self.channels.insert(id.to_owned(), name.to_owned());
        self.channel_ids.insert(name.to_owned(), id.to_owned());
    }
}

/// The directory, plus names the messages themselves carry: `user_profile` on each message of
/// modern exports, a bot's `bot_profile`, the link in a `bot_add` notice. They name authors
/// missing from `users.json`, or every author when there is no `users.json`.
pub(super) struct Names<'a> {
    pub(super) directory: &'a Directory,
    pub(super) people: HashMap<String, String>,
    pub(super) bots: HashMap<String, String>,
}

impl<'a> Names<'a> {
    pub(super) fn learn(directory: &'a Directory, days: &[DayRecords]) -> Names<'a> {
        let mut names = Names {
            directory,
            people: HashMap::new(),
            bots: HashMap::new(),
        };
        for record in days.iter().flat_map(|day| &day.records) {
            names.learn_from(record);
        }
        names
    }

    pub(super) fn learn_from(&mut self, record: &Value) {
        if let (Some(user), Some(name)) = (
            text_at(record, "user"),
            record.get("user_profile").and_then(profile_name),
        ) {
            self.people.entry(user.to_owned()).or_insert(name);
        }
        // Old file shares carry the uploader's handle beside their id.
        if let (Some(user), Some(handle), None) = (
            text_at(record, "user"),
            text_at(record, "username"),
            text_at(record, "bot_id"),
        ) {
            let handle = unescape(handle);
            if !handle.starts_with('<') {
                self.people.entry(user.to_owned()).or_insert(handle);
            }
        }
        // `<@U123|grace>` anywhere names U123 wherever else it appears bare.
        for span in markup_spans(text_at(record, "text").unwrap_or("")) {
            if let Span::Markup(inner) = span {
                if let Some((user, label)) = inner.strip_prefix('@').and_then(|m| m.split_once('|'))
                {
                    let label = unescape(label.trim_start_matches('@'));
                    if !user.is_empty() && !label.is_empty() {
                        self.people.entry(user.to_owned()).or_insert(label);
                    }
                }
            }
        }
        // An edit notice carries the message as it became, with its author's profile.
        if let Some(inner) = record.get("message").filter(|inner| inner.is_object()) {
            if inner.get("message").is_none() {
                self.learn_from(inner);
            }
        }
        let Some(bot) = text_at(record, "bot_id") else {
            return;
        };
        let name = record
            .get("bot_profile")
            .and_then(|profile| text_at(profile, "name"))
            .map(str::to_owned)
            .or_else(|| added_bot_name(record, bot));
        if let Some(name) = name {
            self.bots.entry(bot.to_owned()).or_insert(name);
        }
    }

    pub(super) fn person(&self, id: &str) -> Option<&str> {
        self.directory
            .people
            .get(id)
            .or_else(|| self.people.get(id))
            .map(String::as_str)
    }

    pub(super) fn bot(&self, id: &str) -> Option<&str> {
        self.directory
            .bots
            .get(id)
            .or_else(|| self.bots.get(id))
            .map(String::as_str)
    }

    pub(super) fn channel(&self, id: &str) -> Option<&str> {
        self.directory.channels.get(id).map(String::as_str)
    }

    pub(super) fn is_bot_user(&self, id: &str) -> bool {
        self.directory.bot_users.contains(id)
    }
}

/// A `user_profile`'s name, in the order `users.json` is read.
pub(super) fn profile_name(profile: &Value) -> Option<String> {
    ["real_name", "display_name", "name"]
        .iter()
        .find_map(|key| text_at(profile, key))
        .map(str::to_owned)
}

/// Old exports name a webhook only in the notice that added it: "added an integration to this
/// channel: <https://acme.slack.com/services/B0JL6UFSL|github>".
pub(super) fn added_bot_name(record: &Value, bot: &str) -> Option<String> {
    if text_at(record, "subtype") != Some("bot_add") {
        return None;
    }
    let text = text_at(record, "text")?;
    let suffix = format!("/services/{bot}");
    markup_spans(text).find_map(|span| match span {
        Span::Markup(inner) => {
            let (target, label) = inner.split_once('|')?;
            (target.ends_with(&suffix) && !label.is_empty()).then(|| unescape(label))
        }
        Span::Plain(_) => None,
    })
}
