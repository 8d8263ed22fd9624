//! The catalog programs' comments in the page's language.
//!
//! A catalog program (and a mode's illustration) is written once, in English. Its comments are
//! words for the learner, so a Chinese page shows them in Chinese: a comment's text names a
//! message of `comments.ftl` (`comment-` and the text's [`slug`]), and [`in_lang`] puts that
//! message in the comment's place on the same line. Nothing else changes: the code, the number
//! of lines, the `# param:` marks — so what runs is the same program, and a trace's line numbers
//! and marks point at the same lines in either language.
//!
//! A comment is translated line by line; a sentence that runs over several comment lines is
//! written in Chinese in as many lines. A comment line whose text starts with two spaces or
//! more is code quoted in a comment (`#   setTimeout(…)`) and stays as it is, as does a comment
//! with no message (a learner's own, in an edited program).

use std::borrow::Cow;

use awaitlab_i18n::{has, tr, Lang};

use crate::comment::{split_comment, MARK};

/// The message id of a comment's text: `gives the loop back` → `comment-gives-the-loop-back`.
pub fn message_id(text: &str) -> String {
    format!("comment-{}", slug(text))
}

/// `text` lowercased, every run of other characters than ASCII letters and digits one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The words of each comment of `program` that [`in_lang`] translates: `(line, text)`, the line
/// counted from 0 and the text trimmed. Marks, empty comments and quoted code are left out.
pub fn words(program: &str) -> Vec<(usize, &str)> {
    program
        .lines()
        .enumerate()
        .filter_map(|(i, line)| comment_words(line).map(|(_, text)| (i, text)))
        .collect()
}

/// A line's translatable comment: where its text starts in the line, and the text (trimmed).
fn comment_words(line: &str) -> Option<(usize, &str)> {
    let (code, comment) = split_comment(line);
    let comment = comment?;
    let text = comment.trim();
    if text.is_empty() || text.starts_with(MARK) || comment.starts_with("  ") {
        return None;
    }
    Some((
        code.len() + 1 + (comment.len() - comment.trim_start().len()),
        text,
    ))
}

/// `program` with each comment that has a message in `lang` written in `lang`; borrowed
/// unchanged in English, or where no comment has a message.
pub fn in_lang(program: &str, lang: Lang) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(program);
    }
    let mut out = String::with_capacity(program.len() + program.len() / 4);
    let mut changed = false;
    for line in program.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let translated = comment_words(body).and_then(|(at, text)| {
            let id = message_id(text);
            has(lang, &id).then(|| format!("{}{}", &body[..at], tr(lang, &id)))
        });
        match translated {
            Some(t) => {
                out.push_str(&t);
                out.push_str(ending);
                changed = true;
            }
            None => out.push_str(line),
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(program)
    }
}
