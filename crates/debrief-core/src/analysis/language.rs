//! The blameless-language check: counterfactual, blaming and minimising phrases in what the
//! analyst wrote, each located where it was typed and paired with a gentler question.
//!
//! It nudges and never blocks: a finding the analyst dismissed stays dismissed while that
//! phrase is in that field. Words inside quotation marks are someone's own words and are never
//! flagged; neither are interview quotes, which are not checked at all.
//!
//! The matcher works on words, not characters. Text is split into words with their byte
//! ranges in the original string and compared ASCII-case-insensitively, so offsets never go
//! through a lower-cased copy whose byte lengths could differ ('İ' grows when lower-cased).
//! Each pattern in [`PATTERNS`] is a short sequence of words plus a guard: the context checks
//! that separate "they should have rolled back" from "every service should have an owner".
//!
//! Deliberate choices, each tested below:
//! - "root cause" is flagged, "root cause analysis" as one phrase, except where it names a
//!   thing the analyst cannot rephrase ("the vendor's root cause analysis tool", "the root
//!   cause field"). "a root cause analysis of the tool" is flagged.
//! - "missed" is not flagged: it mostly describes systems (missed heartbeats, a missed SLO),
//!   and "missed the alert" states what happened without saying what should have.
//! - "forgot to" is flagged as a counterfactual: it measures a person against a step they
//!   were expected to take, where the useful question is what made the step easy to skip.
//! - "easy"/"easily" are not flagged: reviews mostly use them about the system ("an easy
//!   mistake to make", "easily reproduced"), which is the framing we want.
//! - "couldn't have"/"wouldn't have", and "could have" after a negation ("nobody could have
//!   known"), are not flagged: they usually excuse rather than judge.
//! - Blame, human error, root cause and minimising words right after a negation ("not
//!   careless", "no single root cause", "not just the cache") are not flagged: the writer is
//!   already rejecting that framing.

use crate::model::{DismissedFinding, EntityId, EvidenceStance, Review};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LanguageRule {
    Counterfactual,
    Blame,
    HumanError,
    RootCause,
    Minimising,
    HindsightQuestion,
}

impl LanguageRule {
    pub const ALL: [LanguageRule; 6] = [
        Self::Counterfactual,
        Self::Blame,
        Self::HumanError,
        Self::RootCause,
        Self::Minimising,
        Self::HindsightQuestion,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Counterfactual => "Counterfactual",
            Self::Blame => "Blame",
            Self::HumanError => "Human error",
            Self::RootCause => "Root cause",
            Self::Minimising => "Minimising",
            Self::HindsightQuestion => "Hindsight question",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            Self::Counterfactual => {
                "It describes what did not happen instead of what did, which hides why people \
                 acted as they did."
            }
            Self::Blame => {
                "Judging someone's care or character ends the inquiry and makes people less \
                 willing to say what really happened."
            }
            Self::HumanError => {
                "“Human error” is where an investigation starts, not where it ends: it names a \
                 person instead of the conditions that shaped their work."
            }
            Self::RootCause => {
                "Incidents rarely have a single cause; naming one hides the other contributing \
                 factors that lined up."
            }
            Self::Minimising => {
                "Words like “just”, “simply” and “obviously” make the work sound easier than it \
                 was for the people doing it at the time."
            }
            Self::HindsightQuestion => {
                "Asking why someone did not do something assumes they knew then what we know now."
            }
        }
    }

    pub fn suggestion(self) -> &'static str {
        match self {
            Self::Counterfactual => {
                "What made this action make sense at the time, given what people knew?"
            }
            Self::Blame => {
                "Describe what the person did, and the pressures, tools and information that \
                 shaped it."
            }
            Self::HumanError => {
                "What about the system, the tools or the situation made this easy to get wrong?"
            }
            Self::RootCause => {
                "Which contributing factors came together here? Consider recording each one as \
                 a contributing factor."
            }
            Self::Minimising => {
                "What made this harder than it sounds in hindsight? Try the sentence without \
                 the word."
            }
            Self::HindsightQuestion => {
                "Ask instead what they were seeing, and what they expected to happen next."
            }
        }
    }

    /// Whether a negation shortly before the phrase means the writer is rejecting the framing
    /// ("this was not human error"). Counterfactuals carry their own negations ("shouldn't
    /// have") and hindsight questions are questions, so those two never yield.
    fn yields_to_negation(self) -> bool {
        matches!(
            self,
            Self::Blame | Self::HumanError | Self::RootCause | Self::Minimising
        )
    }
}

/// A flagged phrase in one text: byte offsets into it, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub rule: LanguageRule,
}

/// One free-text field of a review: a stable key and a label for people.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextFieldRef {
    /// "summary", "timeline/<event id>/text"… Also the field of a [`DismissedFinding`].
    pub key: String,
    pub label: String,
}

/// A finding in a review field, with enough context to show it in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageFinding {
    pub field: TextFieldRef,
    /// The whole text of the field; `start..end` indexes into it.
    pub text: String,
    /// The flagged words as typed.
    pub phrase: String,
    pub start: usize,
    pub end: usize,
    pub rule: LanguageRule,
}

// ---------------------------------------------------------------------------------------------
// Patterns

/// A phrase to look for: consecutive words, each listing its spellings separated by `|`
/// (lower-case, apostrophes as `'`); a leading `*` matches any word with that ending, so
/// `*'s` stands for any possessive ("Sam's").
struct Pattern {
    rule: LanguageRule,
    words: &'static [&'static str],
    guard: Guard,
}

/// What the context around a matched phrase must look like for it to be a finding.
#[derive(Clone, Copy)]
enum Guard {
    Always,
    /// Not when the next word is one of these ("failed to start" is a machine failing).
    NotBefore(&'static [&'static str]),
    /// Not when the previous word is one of these ("git blame" is a command).
    NotAfter(&'static [&'static str]),
    /// "should have" + a past participle judges what happened; "should have" + a noun
    /// ("every service should have an owner") recommends.
    Participle,
    /// As [`Guard::Participle`], except after a negation: "nobody could have known" excuses,
    /// like "couldn't have known".
    Possibility,
    /// An inverted conditional ("Had they paged earlier, …") starts a clause and is not a
    /// question ("Had they seen this before?" is a fine interview question).
    InvertedConditional,
    /// "just" only as a minimiser ("just restart it"), not as time ("just now") or fairness
    /// ("a just culture").
    MinimisingJust,
    /// "clearly"/"simply" as hindsight ("clearly wrong"), not as manner ("explained it
    /// clearly", "put simply,").
    NotManner,
    /// Not where the phrase names a thing ("the root cause analysis tool").
    NotNaming,
    /// Questions about a person, not a system ("why didn't the alert fire?" is worth asking).
    AboutPerson,
}

const PEOPLE: &str = "they|we|he|she|you|i|someone|somebody|anyone|anybody";

/// Verbs machines do: "the job failed to start" is a fact, not a judgement.
#[rustfmt::skip]
const MACHINE_VERBS: &[&str] = &[
    "acquire", "allocate", "apply", "authenticate", "be", "bind", "boot", "build", "close",
    "compile", "complete", "connect", "converge", "decode", "deliver", "deserialise",
    "deserialize", "download", "drain", "elect", "encode", "execute", "fetch", "fire",
    "initialise", "initialize", "install", "launch", "load", "mount", "open", "parse",
    "propagate", "pull", "reach", "read", "register", "render", "renew", "replicate", "resolve",
    "restart", "return", "rotate", "run", "save", "scale", "schedule", "send", "serialise",
    "serialize", "spawn", "start", "stop", "sync", "terminate", "trigger", "upload", "validate",
    "write",
];

/// Nouns that make "fault" technical: "the disk's fault domain", "it's fault tolerant".
#[rustfmt::skip]
const FAULT_COMPOUNDS: &[&str] = &[
    "code", "codes", "condition", "conditions", "counter", "counters", "detection", "domain",
    "domains", "handler", "handlers", "handling", "injection", "isolation", "light", "line",
    "lines", "log", "logs", "mode", "modes", "model", "rate", "rates", "report", "reports",
    "state", "status", "tolerance", "tolerant", "tree", "zone", "zones",
];

/// "lazy" as an engineering term: lazy loading, lazy evaluation.
#[rustfmt::skip]
const LAZY_TECH: &[&str] = &[
    "consumer", "deletion", "evaluation", "evaluated", "expiry", "fetch", "fetched", "fetching",
    "import", "imports", "init", "initialisation", "initialised", "initialization",
    "initialized", "iterator", "load", "loaded", "loader", "loading", "loads", "mode",
    "sequence", "static", "val",
];

/// "user error" as a metric or a message: "user error rate", "the user error page".
#[rustfmt::skip]
const ERROR_METRICS: &[&str] = &[
    "budget", "class", "code", "codes", "count", "counts", "handler", "handling", "log", "logs",
    "message", "messages", "metric", "metrics", "page", "pages", "rate", "rates", "ratio",
    "response", "responses", "type", "types",
];

/// Things a tool or a form calls "root cause", which the analyst cannot rephrase.
#[rustfmt::skip]
const NAMING_NOUNS: &[&str] = &[
    "button", "category", "column", "dropdown", "feature", "features", "field", "fields",
    "form", "label", "menu", "module", "option", "page", "panel", "plugin", "product",
    "section", "service", "setting", "tab", "template", "templates", "tool", "tooling", "tools",
    "view", "widget",
];

/// Words after "just" that make it mean time, degree or comparison, not "only".
#[rustfmt::skip]
const JUST_NOT_MINIMISING: &[&str] = &[
    "about", "above", "after", "ahead", "around", "as", "barely", "because", "before", "behind",
    "below", "beyond", "cause", "culture", "enough", "like", "now", "once", "over", "past",
    "recently", "right", "since", "so", "then", "till", "under", "until", "when", "while",
];

/// Words before "just" that make it mean time ("had just deployed") or an adjective ("a just
/// outcome").
const JUST_NOT_AFTER: &[&str] = &["a", "an", "had", "has", "have", "having", "the"];

/// "more clearly", "very simply": about how something was done, not what was evident.
const DEGREE: &[&str] = &["how", "less", "more", "most", "so", "too", "very"];

/// A determiner starts a noun phrase, and "why didn't the alert fire?" asks about a system.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "a", "all", "an", "any", "each", "every", "her", "his", "its", "my", "our", "some", "that",
    "the", "their", "these", "this", "those", "your",
];

/// Asking how they could tell or know is asking about their view, the question we want.
const VIEW_VERBS: &[&str] = &["find", "know", "see", "tell"];

/// Past participles that do not end in "-ed", plus past tenses people use in their place
/// ("should have went").
#[rustfmt::skip]
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "became", "become", "been", "began", "begun", "bought", "broke", "broken", "brought",
    "built", "burnt", "caught", "chose", "chosen", "come", "cut", "dealt", "did", "done",
    "drawn", "driven", "fallen", "felt", "forgotten", "found", "frozen", "gave", "given",
    "gone", "got", "gotten", "grown", "had", "heard", "held", "hidden", "hit", "hung", "kept",
    "knew", "known", "learnt", "led", "left", "let", "lost", "made", "meant", "misread",
    "mistaken", "overridden", "paid", "put", "ran", "read", "rebuilt", "redone", "reran",
    "rerun", "reset", "run", "said", "saw", "seen", "sent", "set", "shown", "shut", "sought",
    "spent", "spoke", "spoken", "spread", "stood", "struck", "stuck", "taken", "taught",
    "thought", "thrown", "told", "took", "understood", "undone", "went", "withdrawn", "woke",
    "woken", "won", "wrote", "written",
];

/// Words ending in "-ed" that are not participles.
#[rustfmt::skip]
const ED_NOT_PARTICIPLES: &[&str] = &[
    "breed", "embed", "feed", "greed", "hundred", "need", "seed", "shed", "speed",
];

/// "should have read access" recommends a permission.
const READ_NOUNS: &[&str] = &["access", "permission", "permissions", "replica", "replicas"];

/// Adverbs that may sit between "have" and the participle ("should have just rolled back").
#[rustfmt::skip]
const HAVE_ADVERBS: &[&str] = &[
    "all", "already", "also", "both", "even", "ever", "just", "maybe", "never", "not",
    "perhaps", "still",
];

/// In priority order: at any word, the first pattern that matches wins, so longer phrases
/// come before their prefixes.
const PATTERNS: &[Pattern] = &[
    // Counterfactual
    counterfactual(&["ought", "not", "to", "have"], Guard::Participle),
    counterfactual(&["oughtn't", "to", "have"], Guard::Participle),
    counterfactual(&["ought", "to", "have"], Guard::Participle),
    counterfactual(&["should|would", "not", "have"], Guard::Participle),
    counterfactual(&["should|would|shouldn't", "have"], Guard::Participle),
    counterfactual(&["could", "have"], Guard::Possibility),
    counterfactual(
        &["should've|would've|shouldn't've|shoulda|woulda"],
        Guard::Participle,
    ),
    counterfactual(&["could've|coulda"], Guard::Possibility),
    counterfactual(&["if", "only"], Guard::NotBefore(&["for", "to"])),
    counterfactual(&["if", PEOPLE, "had"], Guard::Participle),
    counterfactual(&["had", PEOPLE], Guard::InvertedConditional),
    counterfactual(&["failed", "to"], Guard::NotBefore(MACHINE_VERBS)),
    counterfactual(&["didn't", "follow"], Guard::Always),
    counterfactual(&["did", "not", "follow"], Guard::Always),
    counterfactual(&["neglected", "to"], Guard::Always),
    counterfactual(&["forgot|forgotten", "to"], Guard::Always),
    // Blame
    blame(
        &["*'s|*s'|his|her|their|my|your|our|whose", "fault"],
        Guard::NotBefore(FAULT_COMPOUNDS),
    ),
    blame(&["at", "fault"], Guard::Always),
    blame(&["to", "blame"], Guard::Always),
    blame(
        &["blame|blamed|blames|blaming"],
        Guard::NotAfter(&["git", "hg", "svn"]),
    ),
    blame(&["lazy|lazily"], Guard::NotBefore(LAZY_TECH)),
    // A sloppy quorum is a Dynamo-style replication technique.
    blame(&["sloppy"], Guard::NotBefore(&["quorum", "quorums"])),
    blame(&["sloppily|sloppiness|laziness"], Guard::Always),
    blame(&["careless|carelessly|carelessness"], Guard::Always),
    blame(&["negligent|negligently|negligence"], Guard::Always),
    blame(&["reckless|recklessly|recklessness"], Guard::Always),
    blame(&["incompetent|incompetently|incompetence"], Guard::Always),
    // Human error. Plural "user errors" and "operator errors" are usually counts (4xx
    // responses, a Kubernetes operator's errors), so only "human errors" is taken in the plural.
    Pattern {
        rule: LanguageRule::HumanError,
        words: &["human|operator|user|pilot", "error|mistake"],
        guard: Guard::NotBefore(ERROR_METRICS),
    },
    Pattern {
        rule: LanguageRule::HumanError,
        words: &["human", "errors|mistakes"],
        guard: Guard::NotBefore(ERROR_METRICS),
    },
    // Root cause
    root_cause(&["root", "cause|causes", "analysis|analyses"]),
    root_cause(&["root", "cause|causes|caused|causing"]),
    root_cause(&["rootcause|rootcauses|rca|rcas"]),
    // Minimising
    minimising(&["obviously|obvious|trivial|trivially"], Guard::Always),
    minimising(&["clearly|simply"], Guard::NotManner),
    minimising(&["just"], Guard::MinimisingJust),
    // Hindsight questions
    hindsight(&["why", "did", "nobody"], Guard::Always),
    hindsight(&["why", "did", "no", "one"], Guard::Always),
    hindsight(&["why", "did|was|were|had", "not"], Guard::AboutPerson),
    hindsight(&["why", "didn't|wasn't|weren't|hadn't"], Guard::AboutPerson),
    hindsight(
        &["how", "could", "they|he|she|you"],
        Guard::NotBefore(VIEW_VERBS),
    ),
];

const fn counterfactual(words: &'static [&'static str], guard: Guard) -> Pattern {
    Pattern {
        rule: LanguageRule::Counterfactual,
        words,
        guard,
    }
}

const fn blame(words: &'static [&'static str], guard: Guard) -> Pattern {
    Pattern {
        rule: LanguageRule::Blame,
        words,
        guard,
    }
}

const fn root_cause(words: &'static [&'static str]) -> Pattern {
    Pattern {
        rule: LanguageRule::RootCause,
        words,
        guard: Guard::NotNaming,
    }
}

const fn minimising(words: &'static [&'static str], guard: Guard) -> Pattern {
    Pattern {
        rule: LanguageRule::Minimising,
        words,
        guard,
    }
}

const fn hindsight(words: &'static [&'static str], guard: Guard) -> Pattern {
    Pattern {
        rule: LanguageRule::HindsightQuestion,
        words,
        guard,
    }
}

/// How far back (in words, within the clause) a negation still governs a phrase: "this is not
/// about blame", "we are not here to assign blame".
const NEGATION_REACH: usize = 4;

fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "no"
            | "never"
            | "nobody"
            | "nothing"
            | "without"
            | "nor"
            | "neither"
            | "hardly"
            | "cannot"
    ) || word.ends_with("n't")
}

fn looks_like_participle(word: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&word)
        || (word.len() >= 4 && word.ends_with("ed") && !ED_NOT_PARTICIPLES.contains(&word))
}

fn is_adverb(word: &str) -> bool {
    HAVE_ADVERBS.contains(&word) || (word.len() > 3 && word.ends_with("ly"))
}

fn spelled(spellings: &str, word: &str) -> bool {
    spellings
        .split('|')
        .any(|spelling| match spelling.strip_prefix('*') {
            Some(suffix) => word.len() > suffix.len() && word.ends_with(suffix),
            None => spelling == word,
        })
}

// ---------------------------------------------------------------------------------------------
// Words

fn is_word_char(c: char) -> bool {
    // Combining accents belong to the letter before them ("blame\u{301}" is not "blame").
    c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2bc}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// What separates a word from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Only spaces: the words can form a phrase.
    Space,
    /// A single hyphen: the words form a compound ("just-in-time", "root-cause").
    Hyphen,
    /// Punctuation, a line break, a quotation mark or the start of the text.
    Clause,
}

#[derive(Debug)]
struct Token {
    start: usize,
    end: usize,
    /// ASCII-lower-cased, apostrophes as `'`. Other characters are kept as they are, so a
    /// word with non-ASCII letters simply matches no pattern.
    word: String,
    gap: Gap,
    quoted: bool,
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(byte, _)| byte);
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut word = String::new();
        while let Some(&(_, c)) = chars.get(i) {
            // An apostrophe or a dot between letters stays inside the word: "shouldn't",
            // "Sam's", "just.example.com".
            let inner = (is_apostrophe(c) || c == '.')
                && i > 0
                && is_word_char(chars[i - 1].1)
                && chars
                    .get(i + 1)
                    .is_some_and(|&(_, next)| is_word_char(next));
            // So does a plural possessive's: "the engineers’ fault".
            let plural_possessive = is_apostrophe(c)
                && i > 0
                && chars[i - 1].1.eq_ignore_ascii_case(&'s')
                && chars
                    .get(i + 1)
                    .is_none_or(|&(_, next)| next.is_whitespace());
            if !is_word_char(c) && !inner && !plural_possessive {
                break;
            }
            word.push(if is_apostrophe(c) {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
            i += 1;
        }
        let gap = match tokens.last() {
            None => Gap::Clause,
            Some(previous) => classify_gap(&text[previous.end..start]),
        };
        tokens.push(Token {
            start,
            end: byte_at(i),
            word,
            gap,
            quoted: false,
        });
    }
    tokens
}

fn classify_gap(gap: &str) -> Gap {
    let mut chars = gap.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_hyphen(c) => Gap::Hyphen,
        _ if gap.chars().all(|c| c.is_whitespace() && !is_line_break(c)) => Gap::Space,
        _ => Gap::Clause,
    }
}

/// Byte ranges of quoted speech: "…", “…”, „…“, «…», ‘…’ and '…'. A quotation ends at its
/// closing mark or at the end of the line, whichever comes first, so one stray mark cannot
/// silence the rest of a long text.
fn quoted_ranges(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(byte, _)| byte);
    let mut ranges = Vec::new();
    // Single quotes double as apostrophes ("the ’90s", "’cause"), so a single opening mark
    // only counts when it is closed on its line. When one is not, no later one on that line
    // can be either, so they are all skipped without searching again.
    let mut no_single_close_before = 0;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let closers: &[char] = match c {
            '"' => &['"'],
            '\u{201c}' => &['\u{201d}', '"'],
            '\u{201e}' => &['\u{201c}', '\u{201d}'],
            '\u{ab}' => &['\u{bb}'],
            '\'' | '\u{2018}' | '\u{2019}'
                if i >= no_single_close_before && opens_single(&chars, i) =>
            {
                &['\'', '\u{2019}']
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let single = closers[0] == '\'';
        let mut j = i + 1;
        let mut closed = false;
        while j < chars.len() && !is_line_break(chars[j].1) {
            if closers.contains(&chars[j].1) && (!single || closes_single(&chars, j)) {
                closed = true;
                break;
            }
            j += 1;
        }
        if closed {
            ranges.push((start, byte_at(j + 1)));
            i = j + 1;
        } else if single {
            no_single_close_before = j;
            i += 1;
        } else {
            ranges.push((start, byte_at(j)));
            i = j;
        }
    }
    ranges
}

/// A single quote opens a quotation at the start of a word ("‘just’"), not inside one
/// ("didn’t").
fn opens_single(chars: &[(usize, char)], i: usize) -> bool {
    let before_ok = i == 0 || !is_word_char(chars[i - 1].1);
    let after_ok = chars.get(i + 1).is_some_and(|&(_, c)| !c.is_whitespace());
    before_ok && after_ok
}

fn closes_single(chars: &[(usize, char)], i: usize) -> bool {
    let before_ok = i > 0 && !chars[i - 1].1.is_whitespace();
    let after_ok = chars.get(i + 1).is_none_or(|&(_, c)| !is_word_char(c));
    before_ok && after_ok
}

// ---------------------------------------------------------------------------------------------
// Matching

struct Scan<'t> {
    text: &'t str,
    tokens: Vec<Token>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Self {
        let mut tokens = tokenize(text);
        let ranges = quoted_ranges(text);
        // Both are sorted by position, so one walk marks every quoted word.
        let mut ranges = ranges.iter().peekable();
        for token in &mut tokens {
            while ranges.next_if(|&&(_, end)| end <= token.start).is_some() {}
            token.quoted = ranges
                .peek()
                .is_some_and(|&&(start, end)| start <= token.start && token.start < end);
        }
        Self { text, tokens }
    }

    /// The word at `i` if it continues the same phrase (only spaces before it).
    fn word_in_clause(&self, i: usize) -> Option<&str> {
        self.tokens
            .get(i)
            .filter(|token| token.gap == Gap::Space)
            .map(|token| token.word.as_str())
    }

    /// The word just before the one at `first`, if only spaces separate them.
    fn word_before(&self, first: usize) -> Option<&str> {
        if first == 0 || self.tokens[first].gap != Gap::Space {
            return None;
        }
        Some(&self.tokens[first - 1].word)
    }

    /// The pattern's end (exclusive word index) if it is a finding at word `first`.
    fn find(&self, pattern: &Pattern, first: usize) -> Option<usize> {
        let end = first + pattern.words.len();
        let words = self.tokens.get(first..end)?;
        for (k, (token, spellings)) in words.iter().zip(pattern.words).enumerate() {
            if token.quoted
                || (k > 0 && token.gap == Gap::Clause)
                || !spelled(spellings, &token.word)
            {
                return None;
            }
        }
        // Part of a longer compound is a different word: "just-in-time", "blame-free",
        // "non-trivial".
        let in_compound = words[0].gap == Gap::Hyphen
            || self.tokens.get(end).is_some_and(|t| t.gap == Gap::Hyphen);
        if in_compound
            || !self.allows(pattern.guard, first, end)
            || (pattern.rule.yields_to_negation() && self.negated(first))
        {
            return None;
        }
        Some(end)
    }

    fn allows(&self, guard: Guard, first: usize, end: usize) -> bool {
        match guard {
            Guard::Always => true,
            Guard::NotBefore(words) => {
                !self.word_in_clause(end).is_some_and(|w| words.contains(&w))
            }
            Guard::NotAfter(words) => !self.word_before(first).is_some_and(|w| words.contains(&w)),
            Guard::Participle => self.participle_follows(end),
            Guard::Possibility => !self.negated(first) && self.participle_follows(end),
            Guard::InvertedConditional => {
                self.tokens[first].gap == Gap::Clause && !self.ends_in_question(end)
            }
            Guard::MinimisingJust => self.minimising_just(first, end),
            Guard::NotManner => {
                self.word_in_clause(end).is_some()
                    && !self.word_before(first).is_some_and(|w| DEGREE.contains(&w))
            }
            Guard::NotNaming => {
                let mut next = end;
                if self
                    .word_in_clause(next)
                    .is_some_and(|w| w == "analysis" || w == "analyses")
                {
                    next += 1;
                }
                !self
                    .word_in_clause(next)
                    .is_some_and(|w| NAMING_NOUNS.contains(&w))
            }
            Guard::AboutPerson => !self
                .word_in_clause(end)
                .is_some_and(|w| DETERMINERS.contains(&w)),
        }
    }

    fn participle_follows(&self, end: usize) -> bool {
        let mut i = end;
        let mut adverbs = 0;
        while adverbs < 2 && self.word_in_clause(i).is_some_and(is_adverb) {
            i += 1;
            adverbs += 1;
        }
        let word = match self.tokens.get(i) {
            // Nothing more in the clause: "in hindsight, we should have." still judges.
            None => return true,
            Some(token) if token.gap == Gap::Clause => return true,
            Some(token) if token.gap == Gap::Hyphen => return false,
            Some(token) => token.word.as_str(),
        };
        if !looks_like_participle(word)
            // A compound adjective: "should have read-only access".
            || self.tokens.get(i + 1).is_some_and(|t| t.gap == Gap::Hyphen)
            || (word == "read" && self.word_in_clause(i + 1).is_some_and(|w| READ_NOUNS.contains(&w)))
        {
            return false;
        }
        // "It could have been much worse" records a near miss, which is worth recording.
        let near_miss = word == "been"
            && (i + 1..=i + 3)
                .map_while(|k| self.word_in_clause(k))
                .any(|w| w == "worse");
        !near_miss
    }

    fn minimising_just(&self, first: usize, end: usize) -> bool {
        // A minimiser always modifies what follows; "just." or "just, …" is something else.
        let Some(next) = self.word_in_clause(end) else {
            return false;
        };
        let in_case_or_time = next == "in"
            && self
                .word_in_clause(end + 1)
                .is_some_and(|w| w == "case" || w == "time");
        let temporal_or_adjective = self
            .word_before(first)
            .is_some_and(|w| JUST_NOT_AFTER.contains(&w) || w.ends_with("'ve"));
        !JUST_NOT_MINIMISING.contains(&next) && !in_case_or_time && !temporal_or_adjective
    }

    fn ends_in_question(&self, end: usize) -> bool {
        let rest = &self.text[self.tokens[end - 1].end..];
        rest.chars()
            .find(|&c| matches!(c, '.' | '!' | '?') || is_line_break(c))
            == Some('?')
    }

    fn negated(&self, first: usize) -> bool {
        let mut i = first;
        for _ in 0..NEGATION_REACH {
            // A word that starts a clause has no negation before it in the same clause.
            if i == 0 || self.tokens[i].gap == Gap::Clause {
                return false;
            }
            i -= 1;
            if is_negation(&self.tokens[i].word) {
                return true;
            }
        }
        false
    }
}

/// The findings in one text, sorted by start and never overlapping.
pub fn check_text(text: &str) -> Vec<Finding> {
    let scan = Scan::new(text);
    let mut findings = Vec::new();
    let mut i = 0;
    while i < scan.tokens.len() {
        let found = PATTERNS
            .iter()
            .find_map(|pattern| Some((scan.find(pattern, i)?, pattern.rule)));
        match found {
            Some((end, rule)) => {
                findings.push(Finding {
                    start: scan.tokens[i].start,
                    end: scan.tokens[end - 1].end,
                    rule,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    findings
}

// ---------------------------------------------------------------------------------------------
// Reviews

/// Collects fields in reading order, borrowing their text from the review.
struct Fields<'r>(Vec<(TextFieldRef, &'r str)>);

impl<'r> Fields<'r> {
    fn add(&mut self, key: String, label: String, text: &'r str) {
        self.0.push((TextFieldRef { key, label }, text));
    }
}

/// The first words of a text, on one line, to tell entries apart in a label.
fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

/// "Hypothesis “The cache is cold”", or just "Hypothesis" while the entry has no text.
fn titled(kind: &str, text: &str) -> String {
    let excerpt = excerpt(text);
    if excerpt.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} “{excerpt}”")
    }
}

fn participant_name<'r>(review: &'r Review, id: Option<&EntityId>) -> Option<&'r str> {
    let id = id?;
    let person = review.people.iter().find(|person| &person.id == id)?;
    let name = person.name.trim();
    (!name.is_empty()).then_some(name)
}

/// Every free-text field of the review, in reading order. Interview quotes are left out: they
/// are the participant's own words and are not ours to rephrase.
pub fn review_texts(review: &Review) -> Vec<(TextFieldRef, &str)> {
    let mut fields = Fields(Vec::new());
    fields.add("title".into(), "Title".into(), &review.title);
    fields.add("summary".into(), "Summary".into(), &review.summary);
    fields.add(
        "impact/statement".into(),
        "Impact".into(),
        &review.impact.statement,
    );
    for window in &review.impact.windows {
        fields.add(
            format!("impact/{}/affected", window.id),
            "Impact window: what was affected".into(),
            &window.affected,
        );
        fields.add(
            format!("impact/{}/magnitude", window.id),
            format!("{}: how much", titled("Impact window", &window.affected)),
            &window.magnitude,
        );
    }
    fields.add(
        "trigger/description".into(),
        "Trigger".into(),
        &review.trigger.description,
    );
    for person in &review.people {
        let label = match person.name.trim() {
            "" => "Notes on a person".to_owned(),
            name => format!("Notes on {name}"),
        };
        fields.add(format!("person/{}/notes", person.id), label, &person.notes);
    }
    for event in &review.timeline {
        fields.add(
            format!("timeline/{}/text", event.id),
            titled("Timeline event", &event.text),
            &event.text,
        );
    }
    for hypothesis in &review.hypotheses {
        let title = titled("Hypothesis", &hypothesis.statement);
        fields.add(
            format!("hypothesis/{}/statement", hypothesis.id),
            title.clone(),
            &hypothesis.statement,
        );
        fields.add(
            format!("hypothesis/{}/disproof", hypothesis.id),
            format!("{title}: what would prove it wrong"),
            &hypothesis.disproof,
        );
        for evidence in &hypothesis.evidence {
            let stance = match evidence.stance {
                EvidenceStance::For => "Evidence for",
                EvidenceStance::Against => "Evidence against",
            };
            fields.add(
                format!("hypothesis/{}/evidence/{}", hypothesis.id, evidence.id),
                titled(stance, &hypothesis.statement),
                &evidence.text,
            );
        }
    }
    for factor in &review.factors {
        fields.add(
            format!("factor/{}/description", factor.id),
            titled("Contributing factor", &factor.description),
            &factor.description,
        );
    }
    let learnings = [
        ("Went well", &review.learnings.went_well),
        ("Where we got lucky", &review.learnings.got_lucky),
        ("What was difficult", &review.learnings.difficult),
    ];
    for (label, notes) in learnings {
        for note in notes {
            fields.add(
                format!("learning/{}/text", note.id),
                label.into(),
                &note.text,
            );
        }
    }
    for interview in &review.interviews {
        let with = participant_name(review, interview.participant.as_ref())
            .map(|name| format!(" ({name})"))
            .unwrap_or_default();
        for (index, prompt) in interview.prompt_notes.iter().enumerate() {
            fields.add(
                format!("interview/{}/prompt/{index}", interview.id),
                format!("{}{with}", titled("Interview prompt", &prompt.prompt)),
                &prompt.note,
            );
        }
        fields.add(
            format!("interview/{}/notes", interview.id),
            format!("Interview notes{with}"),
            &interview.notes,
        );
    }
    for action in &review.actions {
        fields.add(
            format!("action/{}/description", action.id),
            titled("Action item", &action.description),
            &action.description,
        );
    }
    fields.add(
        "deep-analysis/notes".into(),
        "Deep-analysis notes".into(),
        &review.deep_analysis.notes,
    );
    fields.0
}

/// A phrase as dismissals compare it: lower-cased, one kind of apostrophe, single spaces, so
/// retyping "Should  have" or "shouldn’t" as "shouldn't" does not bring a finding back.
fn phrase_key(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|word| {
            word.chars()
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .collect::<String>()
                .to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every finding in the review's free text, in reading order, except those the analyst
/// dismissed.
/// Findings in one field's text that are not dismissed: what the editor shows under a field
/// as it is typed.
pub fn check_field(dismissed: &[DismissedFinding], field: &str, text: &str) -> Vec<Finding> {
    let dismissed: Vec<String> = dismissed
        .iter()
        .filter(|d| d.field == field)
        .map(|d| phrase_key(&d.phrase))
        .collect();
    check_text(text)
        .into_iter()
        .filter(|f| !dismissed.contains(&phrase_key(&text[f.start..f.end])))
        .collect()
}

pub fn check_review(review: &Review) -> Vec<LanguageFinding> {
    let dismissed: Vec<(&str, String)> = review
        .dismissed_findings
        .iter()
        .map(|d| (d.field.as_str(), phrase_key(&d.phrase)))
        .collect();
    let mut findings = Vec::new();
    for (field, text) in review_texts(review) {
        for Finding { start, end, rule } in check_text(text) {
            let phrase = &text[start..end];
            let key = phrase_key(phrase);
            if dismissed.iter().any(|(f, p)| *f == field.key && *p == key) {
                continue;
            }
            findings.push(LanguageFinding {
                field: field.clone(),
                text: text.to_owned(),
                phrase: phrase.to_owned(),
                start,
                end,
                rule,
            });
        }
    }
    findings
}

/// What to add to `review.dismissed_findings` to dismiss this finding.
pub fn dismissal(finding: &LanguageFinding) -> DismissedFinding {
    DismissedFinding {
        field: finding.field.key.clone(),
        phrase: finding.phrase.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ActionItem, ContributingFactor, Evidence, Hypothesis, ImpactWindow, Interview, Note,
        Person, PromptNote, Quote, TimelineEvent,
    };
    use proptest::prelude::*;
    use LanguageRule::*;

    /// The flagged phrases of a text, as typed, with their rules.
    fn flagged(text: &str) -> Vec<(&str, LanguageRule)> {
        check_text(text)
            .into_iter()
            .map(|f| (&text[f.start..f.end], f.rule))
            .collect()
    }

    fn assert_flags(text: &str, phrase: &str, rule: LanguageRule) {
        assert_eq!(flagged(text), [(phrase, rule)], "in {text:?}");
    }

    fn assert_clean(text: &str) {
        assert_eq!(flagged(text), [], "in {text:?}");
    }

    #[test]
    fn counterfactuals_are_flagged() {
        let cases = [
            ("They should have rolled back sooner.", "should have"),
            ("We should've paged the database team.", "should've"),
            ("She shouldn't have deployed on Friday.", "shouldn't have"),
            ("She shouldn’t have deployed on Friday.", "shouldn’t have"),
            ("He should not have restarted it.", "should not have"),
            ("The on-call could have caught it.", "could have"),
            ("We could’ve known.", "could’ve"),
            ("A dashboard would have shown the spike.", "would have"),
            ("They would've seen it.", "would've"),
            ("Someone ought to have checked.", "ought to have"),
            ("They should have just rolled back.", "should have"),
            ("They should have immediately escalated.", "should have"),
            ("In hindsight, we should have.", "should have"),
            ("If only the alert had fired.", "If only"),
            ("If we had paged earlier, it would be over.", "If we had"),
            (
                "Had they checked the dashboard, they would know.",
                "Had they",
            ),
            ("We'd have known, had we looked.", "had we"),
            ("The responder failed to notice the alert.", "failed to"),
            ("They didn't follow the runbook.", "didn't follow"),
            ("They didn’t follow the runbook.", "didn’t follow"),
            ("They did not follow the runbook.", "did not follow"),
            ("He neglected to update the ticket.", "neglected to"),
            ("She forgot to re-enable the alert.", "forgot to"),
            ("SHOULD HAVE ROLLED BACK", "SHOULD HAVE"),
        ];
        for (text, phrase) in cases {
            assert_flags(text, phrase, Counterfactual);
        }
    }

    #[test]
    fn recommendations_and_facts_are_not_counterfactuals() {
        for text in [
            "Every service should have an owner.",
            "The deploy bot should have read access to the bucket.",
            "The deploy bot should have read-only access.",
            "Services should have alerts on queue depth.",
            "I would have to check the logs.",
            "It could have been much worse.",
            "It could have been a lot worse.",
            "We couldn't have known about the limit.",
            "Nobody could have predicted it.",
            "The job failed to start.",
            "The certificate failed to renew.",
            "We restarted it, if only to rule it out.",
            "Had they seen this before?",
            "We chose to fail over instead of rolling back.",
            "If we had any doubts, we asked.",
        ] {
            assert_clean(text);
        }
    }

    #[test]
    fn missed_and_easy_are_not_flagged() {
        // Decisions documented at the top of the module.
        assert_clean("We missed the alert among forty others.");
        assert_clean("The probe missed three heartbeats.");
        assert_clean("It was an easy mistake to make, and easily reproduced.");
    }

    #[test]
    fn blame_is_flagged() {
        for word in [
            "careless",
            "carelessly",
            "negligent",
            "negligence",
            "sloppy",
            "lazy",
            "reckless",
            "incompetent",
        ] {
            let text = format!("It was {word} work.");
            assert_flags(&text, word, Blame);
        }
        assert_flags("It was Sam's fault.", "Sam's fault", Blame);
        assert_flags("It was Sam’s fault.", "Sam’s fault", Blame);
        assert_flags("Whose fault was it?", "Whose fault", Blame);
        assert_flags("The engineers’ fault.", "engineers’ fault", Blame);
        assert_flags("The operator was at fault.", "at fault", Blame);
        assert_flags("Ops is to blame here.", "to blame", Blame);
        assert_flags("They blamed the new hire.", "blamed", Blame);
    }

    #[test]
    fn blameless_and_technical_words_are_not_blame() {
        for text in [
            "A blameless review.",
            "A blame-free culture.",
            "I ran git blame on the config.",
            "This review is not about blame.",
            "We are not here to assign blame.",
            "They were not careless; the form was confusing.",
            "No one is to blame.",
            "The disk's fault domain was wrong.",
            "It's fault tolerant by design.",
            "We use lazy loading for the index.",
            "Writes go to a sloppy quorum.",
            "We found a fault in the disk.",
        ] {
            assert_clean(text);
        }
    }

    #[test]
    fn human_error_is_flagged_but_not_human_factors() {
        assert_flags("The cause was human error.", "human error", HumanError);
        assert_flags("Classic operator error.", "operator error", HumanError);
        assert_flags("User error, again.", "User error", HumanError);
        assert_flags("Pilot error.", "Pilot error", HumanError);
        assert_flags("We called it human-error.", "human-error", HumanError);
        assert_flags("Too many human errors.", "human errors", HumanError);
        assert_clean("Human factors matter here.");
        assert_clean("The user error rate doubled.");
        assert_clean("User errors are excluded from the SLO.");
        assert_clean("This was not human error.");
    }

    #[test]
    fn root_cause_is_flagged_unless_it_names_a_thing() {
        assert_flags("The root cause was a bad config.", "root cause", RootCause);
        assert_flags("The root-cause was a bad config.", "root-cause", RootCause);
        assert_flags("Both root causes were found.", "root causes", RootCause);
        assert_flags("We root caused it quickly.", "root caused", RootCause);
        assert_flags("Write the RCA by Friday.", "RCA", RootCause);
        assert_flags(
            "We did a root cause analysis of the tool.",
            "root cause analysis",
            RootCause,
        );
        assert_clean("We opened the vendor's root cause analysis tool.");
        assert_clean("The Jira root cause field was empty.");
        assert_clean("There was no single root cause.");
    }

    #[test]
    fn minimising_words_are_flagged() {
        assert_flags("Just restart it.", "Just", Minimising);
        assert_flags("They could just restart it.", "just", Minimising);
        assert_flags("Simply roll back.", "Simply", Minimising);
        assert_flags("Obviously the cache was cold.", "Obviously", Minimising);
        assert_flags("The fix was obvious.", "obvious", Minimising);
        assert_flags("Clearly the dashboard showed it.", "Clearly", Minimising);
        assert_flags("A trivial change.", "trivial", Minimising);
        assert_flags("It was trivially fixable.", "trivially", Minimising);
    }

    #[test]
    fn just_is_flagged_only_as_a_minimiser() {
        for text in [
            "We deploy just-in-time.",
            "It happened just now.",
            "The alert fired just before midnight.",
            "It recovered just after the restart.",
            "It failed just as we deployed.",
            "We kept a copy just in case.",
            "A just-in-case copy.",
            "It arrived just in time.",
            "We had just deployed.",
            "We've just deployed.",
            "We aim for a just culture.",
            "It was not just the cache.",
            "That was just.",
            "just-restart",
        ] {
            assert_clean(text);
        }
    }

    #[test]
    fn manner_adverbs_are_not_minimising() {
        assert_clean("The incident commander communicated clearly.");
        assert_clean("Put simply, the cache was cold.");
        assert_clean("We need to label it more clearly in the UI.");
        assert_clean("It was not obvious at the time.");
        assert_clean("A non-trivial change.");
    }

    #[test]
    fn hindsight_questions_are_flagged() {
        assert_flags(
            "Why didn't they roll back?",
            "Why didn't",
            HindsightQuestion,
        );
        assert_flags("Why didn’t Sam escalate?", "Why didn’t", HindsightQuestion);
        assert_flags(
            "Why did nobody notice?",
            "Why did nobody",
            HindsightQuestion,
        );
        assert_flags(
            "Why did no one notice?",
            "Why did no one",
            HindsightQuestion,
        );
        assert_flags("Why wasn't it caught?", "Why wasn't", HindsightQuestion);
        assert_flags(
            "How could they miss that?",
            "How could they",
            HindsightQuestion,
        );
        assert_clean("Why didn't the alert fire?");
        assert_clean("How could you tell it was the cache?");
        assert_clean("Why don't we add an alert?");
        assert_clean("Could we have detected this sooner?");
    }

    #[test]
    fn quoted_speech_is_not_flagged() {
        for text in [
            "She said \"we should have rolled back\" at 03:10.",
            "She said “we should have rolled back” at 03:10.",
            "The channel read ‘just restart it’ for an hour.",
            "The channel read 'just restart it' for an hour.",
            "Le message disait « just restart it ».",
            "He wrote „it was careless“.",
        ] {
            assert_clean(text);
        }
        // Apostrophes inside words are not quotation marks.
        assert_flags(
            "It's clear they shouldn't have been paged.",
            "shouldn't have",
            Counterfactual,
        );
        assert_flags("Since the ’90s we just restart it.", "just", Minimising);
        assert_flags(
            "‘Restart’ they said; we just restart it.",
            "just",
            Minimising,
        );
    }

    #[test]
    fn an_unclosed_quotation_ends_at_the_line() {
        let text = "He said \"we should have\nThey should have paged.";
        assert_eq!(flagged(text), [("should have", Counterfactual)]);
        assert_eq!(check_text(text)[0].start, text.rfind("should").unwrap());
    }

    #[test]
    fn offsets_are_bytes_into_the_original_text() {
        let text = "İİİ Ünïcödé 🚀 они should have known 日本 — just restart it, Ωmega careless.";
        let found = flagged(text);
        assert_eq!(
            found,
            [
                ("should have", Counterfactual),
                ("just", Minimising),
                ("careless", Blame)
            ]
        );
        // Words with non-ASCII letters are other words, not near-matches.
        assert_clean("İust restart it; carelessß; јust restart it");
    }

    #[test]
    fn findings_are_sorted_and_separate() {
        let text = "Obviously they should have known; it was careless and the root cause was \
                    human error. Why didn't they just restart it?";
        let findings = check_text(text);
        let rules: Vec<_> = findings.iter().map(|f| f.rule).collect();
        assert_eq!(
            rules,
            [
                Minimising,
                Counterfactual,
                Blame,
                RootCause,
                HumanError,
                HindsightQuestion
            ]
        );
        assert!(findings.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn every_rule_explains_itself() {
        for rule in LanguageRule::ALL {
            assert!(!rule.label().is_empty());
            assert!(rule.explanation().ends_with('.'));
            assert!(!rule.suggestion().is_empty());
        }
    }

    fn id(value: &str) -> EntityId {
        EntityId::new(value)
    }

    fn sample_review() -> Review {
        let mut review = Review {
            title: "Ingest outage".into(),
            summary: "The root cause was a bad config.".into(),
            ..Review::default()
        };
        review.impact.statement = "Ingest was simply down.".into();
        review.impact.windows.push(ImpactWindow {
            id: id("w1"),
            affected: "ingest API".into(),
            magnitude: "obviously all requests".into(),
            ..ImpactWindow::default()
        });
        review.trigger.description = "A config push.".into();
        review.people.push(Person {
            id: id("p1"),
            name: "Sam".into(),
            notes: "New to the team.".into(),
            ..Person::default()
        });
        review.timeline.push(TimelineEvent {
            id: id("e1"),
            text: "Sam should have paged the database team much earlier than this".into(),
            ..TimelineEvent::default()
        });
        review.hypotheses.push(Hypothesis {
            id: id("h1"),
            statement: "The cache is cold".into(),
            disproof: "Hit rate is normal".into(),
            evidence: vec![Evidence {
                id: id("ev1"),
                text: "Misses spiked".into(),
                ..Evidence::default()
            }],
            ..Hypothesis::default()
        });
        review.factors.push(ContributingFactor {
            id: id("f1"),
            description: "Human error during the push".into(),
            ..ContributingFactor::default()
        });
        for (list, note_id) in [
            (&mut review.learnings.went_well, "n1"),
            (&mut review.learnings.got_lucky, "n2"),
            (&mut review.learnings.difficult, "n3"),
        ] {
            list.push(Note {
                id: id(note_id),
                text: "Paging worked".into(),
                ..Note::default()
            });
        }
        review.interviews.push(Interview {
            id: id("i1"),
            participant: Some(id("p1")),
            prompt_notes: vec![PromptNote {
                prompt: "What were you seeing?".into(),
                note: "Why didn't they roll back".into(),
            }],
            quotes: vec![Quote {
                id: id("q1"),
                text: "I should have just rolled back, it was careless of me".into(),
                ..Quote::default()
            }],
            notes: "Tired.".into(),
            ..Interview::default()
        });
        review.actions.push(ActionItem {
            id: id("a1"),
            description: "Just add an alert".into(),
            ..ActionItem::default()
        });
        review.deep_analysis.notes = "Seemed trivial at first.".into();
        review
    }

    #[test]
    fn review_fields_have_the_agreed_keys_in_reading_order() {
        let review = sample_review();
        let keys: Vec<String> = review_texts(&review)
            .into_iter()
            .map(|(field, _)| field.key)
            .collect();
        assert_eq!(
            keys,
            [
                "title",
                "summary",
                "impact/statement",
                "impact/w1/affected",
                "impact/w1/magnitude",
                "trigger/description",
                "person/p1/notes",
                "timeline/e1/text",
                "hypothesis/h1/statement",
                "hypothesis/h1/disproof",
                "hypothesis/h1/evidence/ev1",
                "factor/f1/description",
                "learning/n1/text",
                "learning/n2/text",
                "learning/n3/text",
                "interview/i1/prompt/0",
                "interview/i1/notes",
                "action/a1/description",
                "deep-analysis/notes",
            ]
        );
    }

    #[test]
    fn review_fields_have_human_labels() {
        let review = sample_review();
        let labels: Vec<(String, String)> = review_texts(&review)
            .into_iter()
            .map(|(field, _)| (field.key, field.label))
            .collect();
        let label = |key: &str| {
            labels
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, l)| l.as_str())
                .unwrap()
        };
        assert_eq!(label("summary"), "Summary");
        assert_eq!(
            label("timeline/e1/text"),
            "Timeline event “Sam should have paged the database team…”"
        );
        assert_eq!(
            label("hypothesis/h1/statement"),
            "Hypothesis “The cache is cold”"
        );
        assert_eq!(
            label("hypothesis/h1/evidence/ev1"),
            "Evidence for “The cache is cold”"
        );
        assert_eq!(
            label("factor/f1/description"),
            "Contributing factor “Human error during the push”"
        );
        assert_eq!(label("learning/n2/text"), "Where we got lucky");
        assert_eq!(label("interview/i1/notes"), "Interview notes (Sam)");
        assert_eq!(
            label("action/a1/description"),
            "Action item “Just add an alert”"
        );
        assert_eq!(label("person/p1/notes"), "Notes on Sam");
    }

    #[test]
    fn review_findings_locate_phrases_and_skip_quotes() {
        let review = sample_review();
        let findings = check_review(&review);
        let found: Vec<(&str, &str, LanguageRule)> = findings
            .iter()
            .map(|f| (f.field.key.as_str(), f.phrase.as_str(), f.rule))
            .collect();
        assert_eq!(
            found,
            [
                ("summary", "root cause", RootCause),
                ("impact/statement", "simply", Minimising),
                ("impact/w1/magnitude", "obviously", Minimising),
                ("timeline/e1/text", "should have", Counterfactual),
                ("factor/f1/description", "Human error", HumanError),
                ("interview/i1/prompt/0", "Why didn't", HindsightQuestion),
                ("action/a1/description", "Just", Minimising),
                ("deep-analysis/notes", "trivial", Minimising),
            ]
        );
        for finding in &findings {
            assert_eq!(&finding.text[finding.start..finding.end], finding.phrase);
        }
    }

    #[test]
    fn dismissed_findings_stay_dismissed() {
        let mut review = sample_review();
        review.timeline[0].text = "Sam should have paged. Later we should have paged again.".into();
        let before = check_review(&review);
        let first = before
            .iter()
            .find(|f| f.field.key == "timeline/e1/text")
            .unwrap();
        let dismissed = dismissal(first);
        assert_eq!(
            dismissed,
            DismissedFinding {
                field: "timeline/e1/text".into(),
                phrase: "should have".into(),
            }
        );
        review.dismissed_findings.push(dismissed);
        // The phrase is dismissed in that field, wherever it occurs there, and only there.
        review.summary = "They should have paged.".into();
        let after = check_review(&review);
        assert!(after.iter().all(|f| f.field.key != "timeline/e1/text"));
        assert!(after
            .iter()
            .any(|f| f.field.key == "summary" && f.rule == Counterfactual));
    }

    #[test]
    fn dismissals_ignore_case_apostrophes_and_spacing() {
        let mut review = Review {
            summary: "They Shouldn’t  Have paged.".into(),
            ..Review::default()
        };
        review.dismissed_findings.push(DismissedFinding {
            field: "summary".into(),
            phrase: "shouldn't have".into(),
        });
        assert_eq!(check_review(&review), []);
    }

    /// Words the patterns care about, mixed with punctuation and awkward characters, so random
    /// texts reach the guards rather than only the tokenizer.
    fn texty() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "just", "should", "have", "’ve", "n't", "root", "cause", "analysis", "tool", "had",
                "they", "why", "didn't", "not", "the", "in", "case", "been", "worse", "fault",
                "Sam's", "human", "error", "clearly", "git", "blame", "if", "only",
            ])
            .prop_map(str::to_owned),
            prop::sample::select(vec![
                " ", " ", " ", "-", "'", "’", "‘", "\"", "“", "”", "«", "»", "„", ".", ",", "?",
                "\n", "İ", "ß", "🚀", "\u{301}", "\u{2028}",
            ])
            .prop_map(str::to_owned),
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn assert_well_formed(text: &str) {
        let findings = check_text(text);
        for finding in &findings {
            assert!(finding.start < finding.end);
            assert!(text.is_char_boundary(finding.start));
            assert!(text.is_char_boundary(finding.end));
            assert!(finding.end <= text.len());
        }
        assert!(findings.windows(2).all(|w| w[0].end <= w[1].start));
    }

    proptest! {
        #[test]
        fn any_text_is_checked_without_panicking(text in any::<String>()) {
            assert_well_formed(&text);
        }

        #[test]
        fn texts_full_of_patterns_are_checked_without_panicking(text in texty()) {
            assert_well_formed(&text);
        }
    }
}
