//! The project's own rules, checked rather than only written down (as rust-analyzer's
//! `xtask tidy`). Each rule is a function from the repository's source files to the places
//! that break it, so the rules themselves are tested on small made-up trees below and run on
//! the real one by `tests/tidy.rs`. Exceptions live in `allow.txt`, each with its reason.

use std::collections::{BTreeMap, BTreeSet};

/// One source file: its path from the repository root (with `/`), and its text.
pub struct Source {
    pub path: String,
    pub text: String,
}

/// What `allow.txt` permits: files that may be longer than [`MOST_LINES`] (up to a ceiling of
/// their own), and dependencies between core modules that may close a cycle for now.
#[derive(Default)]
pub struct Allowed {
    pub sizes: BTreeMap<String, usize>,
    pub edges: BTreeSet<(String, String)>,
}

impl Allowed {
    /// Reads `allow.txt`: `size <path> <most lines> <why>` and `edge <from> <to> <why>`
    /// lines; `#` starts a comment. Every entry must give its reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut allowed = Self::default();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let place = format!("allow.txt:{}", number + 1);
            match words.as_slice() {
                ["size", path, most, why @ ..] if !why.is_empty() => {
                    let most = most
                        .parse()
                        .map_err(|_| format!("{place}: {most:?} is not a number of lines"))?;
                    allowed.sizes.insert((*path).to_owned(), most);
                }
                ["edge", from, to, why @ ..] if !why.is_empty() => {
                    allowed.edges.insert(((*from).to_owned(), (*to).to_owned()));
                }
                _ => return Err(format!("{place}: expected `size <path> <most lines> <why>` or `edge <from> <to> <why>`")),
            }
        }
        Ok(allowed)
    }
}

/// How long a source file may grow, in lines, tests included: about one concept's worth.
pub const MOST_LINES: usize = 1_200;

/// The app's files that may speak to the browser's storage, network and channels directly.
const BROWSER_IO_HOMES: &[&str] = &[
    "src/storage/",
    "src/browser.rs",
    "src/files.rs",
    "src/offline.rs",
];

/// Browser storage and messaging, in Rust and in JavaScript snippets.
const BROWSER_IO: &[&str] = &[
    "IdbFactory",
    "IdbDatabase",
    ".indexed_db()",
    "indexedDB",
    ".local_storage()",
    ".session_storage()",
    "localStorage",
    "sessionStorage",
    "web_sys::Storage",
    "BroadcastChannel",
];

/// Opening a store: the sessions' work, never a component's (components wire signals to
/// sessions; a session owns its storage).
const OPENING_A_STORE: &[&str] = &["transcript_store(", "Store::browser(", "Store::namespaced("];

/// Browser storage and messaging used outside the app's storage modules, and stores opened
/// by components.
pub fn browser_io_outside_its_homes(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources.iter().filter(|s| s.path.starts_with("src/")) {
        if BROWSER_IO_HOMES
            .iter()
            .any(|home| source.path.starts_with(home))
        {
            continue;
        }
        let forbidden: Vec<&str> = if source.path.starts_with("src/components/") {
            BROWSER_IO.iter().chain(OPENING_A_STORE).copied().collect()
        } else {
            BROWSER_IO.to_vec()
        };
        for (number, line) in code_lines(&source.text) {
            for token in forbidden.iter().filter(|token| line.contains(**token)) {
                found.push(format!(
                    "{}:{number}: `{token}` belongs in src/storage/ or a session",
                    source.path
                ));
            }
        }
    }
    found
}

/// HTML or SVG written as strings outside the core crate: every markup string is built by
/// core's renderers, which escape through `markup`.
pub fn markup_outside_core(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    let outside_core = |path: &str| {
        path.ends_with(".rs")
            && (path.starts_with("src/") || path.starts_with("crates/debrief-cli/src/"))
    };
    for source in sources.iter().filter(|s| outside_core(&s.path)) {
        for (number, literal) in string_literals(&source.text) {
            if let Some(tag) = markup_tag(&literal) {
                found.push(format!(
                    "{}:{number}: markup `{tag}` in a string; core's renderers write markup",
                    source.path
                ));
            }
        }
    }
    found
}

/// Files longer than [`MOST_LINES`], or than their own ceiling in `allow.txt`; and ceilings
/// for files that no longer need one.
pub fn oversized(sources: &[Source], allowed: &Allowed) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources.iter().filter(|s| s.path.ends_with(".rs")) {
        let lines = source.text.lines().count();
        match allowed.sizes.get(&source.path) {
            Some(&most) if lines > most => found.push(format!(
                "{}: {lines} lines, past its ceiling of {most} in allow.txt: split it rather than raise the ceiling",
                source.path
            )),
            Some(_) if lines <= MOST_LINES => found.push(format!(
                "{}: {lines} lines, within {MOST_LINES}: remove its entry from allow.txt",
                source.path
            )),
            None if lines > MOST_LINES => found.push(format!(
                "{}: {lines} lines, past {MOST_LINES}: split it by concept (or give a reason in allow.txt)",
                source.path
            )),
            _ => {}
        }
    }
    for path in allowed.sizes.keys() {
        if !sources.iter().any(|s| &s.path == path) {
            found.push(format!("allow.txt: {path} no longer exists"));
        }
    }
    found
}

/// Cycles among the core crate's top-level modules (`crate::<module>` paths outside tests),
/// after setting aside the dependencies `allow.txt` permits for now.
pub fn core_module_cycles(sources: &[Source], allowed: &Allowed) -> Vec<String> {
    const ROOT: &str = "crates/debrief-core/src/";
    let module_of = |path: &str| -> Option<String> {
        let rest = path.strip_prefix(ROOT)?;
        let top = rest.split('/').next()?.trim_end_matches(".rs");
        (top != "lib" && top != "testing").then(|| top.to_owned())
    };
    let modules: BTreeSet<String> = sources.iter().filter_map(|s| module_of(&s.path)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in sources {
        let Some(from) = module_of(&source.path) else {
            continue;
        };
        for to in crate_paths(&without_tests(&source.text)) {
            let edge = (from.clone(), to.clone());
            if to != from && modules.contains(&to) && !allowed.edges.contains(&edge) {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    let mut found = Vec::new();
    for cycle in cycles(&graph) {
        found.push(format!(
            "core modules import each other in a cycle: {}",
            cycle.join(" → ")
        ));
    }
    for (from, to) in &allowed.edges {
        if !sources.iter().any(|s| {
            module_of(&s.path).as_deref() == Some(from.as_str())
                && crate_paths(&without_tests(&s.text)).contains(to)
        }) {
            found.push(format!(
                "allow.txt: `edge {from} {to}` is no longer used: remove it"
            ));
        }
    }
    found
}

/// Lines that are code, numbered from 1: comment lines left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
}

/// The text before the file's `#[cfg(test)]` module: tests may reach anywhere.
fn without_tests(text: &str) -> String {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    code_lines(&text[..end])
        .map(|(_, line)| line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules named by `crate::x` and `crate::{x, y::z}` paths.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            let mut depth = 0;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(group[start..j].trim()));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
            found.insert(ident(group[start..].trim()));
        } else {
            found.insert(ident(rest));
        }
    }
    found.remove("");
    found
}

/// Every cycle's modules once, each as a path that returns to its start.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut seen_in_cycle = BTreeSet::new();
    let mut found = Vec::new();
    for start in graph.keys() {
        if seen_in_cycle.contains(start) {
            continue;
        }
        // Depth-first from `start`, looking for a way back to it.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut visited = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    let mut cycle = path.clone();
                    cycle.push(start.clone());
                    seen_in_cycle.extend(path.iter().cloned());
                    found.push(cycle);
                    stack.clear();
                    break;
                }
                if visited.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

/// String literals' contents with the line each starts on; comments and char literals
/// skipped. Enough of Rust's lexical rules for this: plain, byte and raw strings.
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // A char literal ('x', '"', '\n', '\u{1F4A9}') or a lifetime ('a): skip either.
            i = if next == Some('\\') {
                (i + 2..chars.len())
                    .find(|&j| chars[j] == '\'')
                    .map_or(chars.len(), |j| j + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                i + 3
            } else {
                i + 1
            };
        } else if c == 'r'
            && (next == Some('#') || next == Some('"'))
            && !is_ident_char(chars.get(i.wrapping_sub(1)).copied())
        {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                i += 1;
                continue;
            }
            let start_line = line;
            let mut j = i + 2 + hashes;
            let mut content = String::new();
            while j < chars.len()
                && !(chars[j] == '"'
                    && chars[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes)
            {
                line += usize::from(chars[j] == '\n');
                content.push(chars[j]);
                j += 1;
            }
            found.push((start_line, content));
            i = j + 1 + hashes;
        } else if c == '"' {
            let start_line = line;
            let mut j = i + 1;
            let mut content = String::new();
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    content.push(chars[j]);
                    j += 1;
                }
                if let Some(&ch) = chars.get(j) {
                    line += usize::from(ch == '\n');
                    content.push(ch);
                }
                j += 1;
            }
            found.push((start_line, content));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    found
}

fn is_ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The first HTML or SVG tag in `literal`, if any: `<name` followed by a space, `>` or `/`,
/// a closing `</name`, or `<!DOCTYPE`.
fn markup_tag(literal: &str) -> Option<String> {
    for (i, _) in literal.match_indices('<') {
        let rest = &literal[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        if rest.starts_with("!DOCTYPE") || rest.starts_with("!doctype") {
            return Some("<!DOCTYPE".to_owned());
        }
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let after = rest[name.len()..].chars().next();
        let starts_with_letter = name.starts_with(|c: char| c.is_ascii_alphabetic());
        if starts_with_letter && matches!(after, Some(' ' | '>' | '/')) && is_markup_name(&name) {
            return Some(format!("<{name}"));
        }
    }
    None
}

fn is_markup_name(name: &str) -> bool {
    const TAGS: &[&str] = &[
        "a", "abbr", "b", "body", "br", "circle", "code", "details", "div", "em", "g", "h1", "h2",
        "h3", "h4", "head", "html", "i", "iframe", "img", "input", "li", "line", "link", "main",
        "meta", "ol", "p", "path", "pre", "rect", "script", "section", "span", "strong", "style",
        "svg", "table", "tbody", "td", "text", "th", "thead", "time", "title", "tr", "ul",
    ];
    TAGS.contains(&name.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: &str) -> Source {
        Source {
            path: path.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn browser_storage_is_allowed_only_at_home_and_stores_are_not_opened_by_components() {
        let sources = [
            source("src/storage/idb.js", "indexedDB.open(name)"),
            source("src/session/chat.rs", "let db = window.indexed_db();\nlet s = transcript_store(&db);\nstore.move_from_local_storage().await;"),
            source("src/components/chat/mod.rs", "// transcript_store( in a comment\nlet s = transcript_store(&db).await;"),
            source("src/components/x.js", "localStorage.getItem('x')"),
        ];
        assert_eq!(
            browser_io_outside_its_homes(&sources),
            [
                "src/session/chat.rs:1: `.indexed_db()` belongs in src/storage/ or a session",
                "src/components/chat/mod.rs:2: `transcript_store(` belongs in src/storage/ or a session",
                "src/components/x.js:1: `localStorage` belongs in src/storage/ or a session",
            ]
        );
    }

    #[test]
    fn markup_strings_are_found_outside_core_only() {
        let sources = [
            source(
                "crates/debrief-core/src/render/html.rs",
                r#"out.push_str("<table>");"#,
            ),
            source(
                "crates/debrief-cli/src/page.rs",
                "let x = \"ok\";\nlet page = format!(\"<!DOCTYPE html>\");",
            ),
            source(
                "src/components/a.rs",
                "view! { <div class=\"x\">\"Mentions look like <@U123>, and a<b\"</div> }",
            ),
            source(
                "src/components/b.rs",
                "let s = r#\"<p class=\"x\">\"#; let c = '\"'; // \"<div>\"",
            ),
            source("src/components/c.rs", "let t = \"</span>\";"),
        ];
        assert_eq!(
            markup_outside_core(&sources),
            [
                "crates/debrief-cli/src/page.rs:2: markup `<!DOCTYPE` in a string; core's renderers write markup",
                "src/components/b.rs:1: markup `<p` in a string; core's renderers write markup",
                "src/components/c.rs:1: markup `<span` in a string; core's renderers write markup",
            ]
        );
    }

    #[test]
    fn long_files_need_a_ceiling_and_a_reason() {
        let long = "x\n".repeat(MOST_LINES + 1);
        let allowed = Allowed::parse(
            "size src/b.rs 1300 a reason\nsize src/c.rs 2000 another\nsize src/gone.rs 9 old",
        )
        .unwrap();
        let sources = [
            source("src/a.rs", &long),
            source("src/b.rs", &"x\n".repeat(1301)),
            source("src/c.rs", "short"),
        ];
        assert_eq!(
            oversized(&sources, &allowed),
            [
                "src/a.rs: 1201 lines, past 1200: split it by concept (or give a reason in allow.txt)",
                "src/b.rs: 1301 lines, past its ceiling of 1300 in allow.txt: split it rather than raise the ceiling",
                "src/c.rs: 1 lines, within 1200: remove its entry from allow.txt",
                "allow.txt: src/gone.rs no longer exists",
            ]
        );
        assert!(
            Allowed::parse("size src/a.rs 10").is_err(),
            "an entry without its reason"
        );
    }

    #[test]
    fn core_cycles_are_found_unless_allowed() {
        let sources = [
            source(
                "crates/debrief-core/src/model/mod.rs",
                "use crate::{sorting, time::Zone};",
            ),
            source(
                "crates/debrief-core/src/time.rs",
                "use crate::model::Timestamp;\n#[cfg(test)]\nmod tests { use crate::render; }",
            ),
            source("crates/debrief-core/src/render/mod.rs", "use crate::model;"),
            source(
                "crates/debrief-core/src/sorting.rs",
                "// crate::render in a comment",
            ),
        ];
        assert_eq!(
            core_module_cycles(&sources, &Allowed::default()),
            ["core modules import each other in a cycle: model → time → model"]
        );
        let allowed = Allowed::parse("edge time model for now").unwrap();
        assert!(core_module_cycles(&sources, &allowed).is_empty());
        let unused = Allowed::parse("edge sorting render never").unwrap();
        assert_eq!(
            core_module_cycles(&sources, &unused),
            [
                "core modules import each other in a cycle: model → time → model",
                "allow.txt: `edge sorting render` is no longer used: remove it",
            ]
        );
    }

    #[test]
    fn literals_are_read_as_rust_reads_them() {
        let text = "let a = \"one \\\" two\";\nlet b = r##\"three \"# four\"##;\nlet c = 'x'; let d: &'static str = \"five\";";
        let found: Vec<String> = string_literals(text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(found, ["one \\\" two", "three \"# four", "five"]);
    }
}
