//! A comment in a line of Python, found without Python's tokenizer: the program pane's
//! parameter marks ([`crate::program_params`]) and translated comments
//! ([`crate::program_comments`]) both read lines this way.

/// The comment that marks a parameter's line, before the parameter's id.
pub const MARK: &str = "param:";

/// Splits a line at its comment: the code before `#` (outside any string) and the comment
/// after it, if there is one.
pub fn split_comment(line: &str) -> (&str, Option<&str>) {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return (&line[..at], Some(&line[at + 1..])),
            None => {}
        }
    }
    (line, None)
}
