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
mod tests;
