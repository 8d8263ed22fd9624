//! A small Python tokenizer for the program pane: enough to colour keywords, strings, comments,
//! numbers and calls. Pure, so the view only maps classes to spans.

/// What a piece of source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// `async`, `await`, `def`, …
    Keyword,
    /// A string literal (f-strings included).
    Str,
    /// A `#` comment.
    Comment,
    /// A number literal.
    Number,
    /// A name followed by `(`.
    Call,
    /// Anything else.
    Plain,
}

impl Token {
    /// The CSS class for it.
    pub fn class(self) -> &'static str {
        match self {
            Token::Keyword => "kw",
            Token::Str => "str",
            Token::Comment => "com",
            Token::Number => "num",
            Token::Call => "fn",
            Token::Plain => "",
        }
    }
}

const KEYWORDS: &[&str] = &[
    "and", "as", "async", "await", "break", "class", "continue", "def", "elif", "else", "except",
    "False", "finally", "for", "from", "if", "import", "in", "is", "None", "not", "or", "pass",
    "raise", "return", "True", "try", "while", "with", "yield",
];

/// Splits `source` into classified pieces that concatenate back to it.
pub fn python(source: &str) -> Vec<(Token, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out: Vec<(Token, String)> = Vec::new();
    fn push(out: &mut Vec<(Token, String)>, tok: Token, s: String) {
        match out.last_mut() {
            Some((t, text)) if *t == tok && tok == Token::Plain => text.push_str(&s),
            _ => out.push((tok, s)),
        }
    }
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            let end = chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |p| i + p);
            push(&mut out, Token::Comment, chars[i..end].iter().collect());
            i = end;
        } else if c == '"' || c == '\'' {
            let triple = chars
                .get(i..i + 3)
                .is_some_and(|s| s.iter().all(|&x| x == c));
            let quote_len = if triple { 3 } else { 1 };
            let mut j = i + quote_len;
            while j < chars.len() {
                if chars[j] == '\\' {
                    j += 2;
                    continue;
                }
                if chars[j] == c
                    && (!triple
                        || chars
                            .get(j..j + 3)
                            .is_some_and(|s| s.iter().all(|&x| x == c)))
                {
                    j += quote_len;
                    break;
                }
                if chars[j] == '\n' && !triple {
                    break;
                }
                j += 1;
            }
            let j = j.min(chars.len());
            // An f/r/b prefix (kept alone below) belongs to the string.
            let mut text: String = chars[i..j].iter().collect();
            if matches!(out.last(), Some((Token::Plain, p)) if matches!(p.as_str(), "f" | "r" | "b"))
            {
                if let Some((_, p)) = out.pop() {
                    text.insert_str(0, &p);
                }
            }
            out.push((Token::Str, text));
            i = j;
        } else if c.is_ascii_digit() {
            let end = chars[i..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '_'))
                .map_or(chars.len(), |p| i + p);
            push(&mut out, Token::Number, chars[i..end].iter().collect());
            i = end;
        } else if c.is_alphabetic() || c == '_' {
            let end = chars[i..]
                .iter()
                .position(|c| !(c.is_alphanumeric() || *c == '_'))
                .map_or(chars.len(), |p| i + p);
            let word: String = chars[i..end].iter().collect();
            let tok = if KEYWORDS.contains(&word.as_str()) {
                Token::Keyword
            } else if chars.get(end) == Some(&'(') {
                Token::Call
            } else {
                Token::Plain
            };
            if tok == Token::Plain && matches!(word.as_str(), "f" | "r" | "b") {
                // Maybe a string prefix: keep it alone so the string can claim it.
                out.push((Token::Plain, word));
            } else {
                push(&mut out, tok, word);
            }
            i = end;
        } else {
            push(&mut out, Token::Plain, c.to_string());
            i += 1;
        }
    }
    out
}
