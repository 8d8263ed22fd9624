//! Tokens: what the lexer hands the parser. A token is a kind and a span of the source (no text
//! is copied), so lexing allocates nothing per token beyond the token vector itself.

use crate::ast::Pos;

/// One token: its kind, where it starts (line/column, for positions in the tree and errors), and
/// its byte span in the source (names, numbers and strings are read from there by the parser).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Tok,
    /// Where it starts.
    pub pos: Pos,
    /// Byte offset of its first character.
    pub start: u32,
    /// Byte offset just past its last character.
    pub stop: u32,
    /// How many brackets are open after it (CPython's tokenizer level), for the "Perhaps you
    /// forgot a comma?" hint, which CPython gives only inside brackets.
    pub level: u16,
}

/// Token kinds: Python's token types with each operator and keyword its own kind, so the parser
/// matches on kinds alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    /// An identifier (keywords have their own kinds).
    Name,
    /// A number literal.
    Number,
    /// A string literal, prefix and quotes included.
    String,
    /// The end of a logical line.
    Newline,
    /// The indentation grew.
    Indent,
    /// The indentation shrank by one level.
    Dedent,
    /// The end of the source.
    EndMarker,
    /// `(`
    LPar,
    /// `)`
    RPar,
    /// `[`
    LSqb,
    /// `]`
    RSqb,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `:`
    Colon,
    /// `,`
    Comma,
    /// `;`
    Semi,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `|`
    VBar,
    /// `&`
    Amper,
    /// `<`
    Less,
    /// `>`
    Greater,
    /// `=`
    Equal,
    /// `.`
    Dot,
    /// `%`
    Percent,
    /// `==`
    EqEqual,
    /// `!=`
    NotEqual,
    /// `<=`
    LessEqual,
    /// `>=`
    GreaterEqual,
    /// `~`
    Tilde,
    /// `^`
    Circumflex,
    /// `<<`
    LeftShift,
    /// `>>`
    RightShift,
    /// `**`
    DoubleStar,
    /// `+=`
    PlusEqual,
    /// `-=`
    MinEqual,
    /// `*=`
    StarEqual,
    /// `/=`
    SlashEqual,
    /// `%=`
    PercentEqual,
    /// `&=`
    AmperEqual,
    /// `|=`
    VBarEqual,
    /// `^=`
    CircumflexEqual,
    /// `<<=`
    LeftShiftEqual,
    /// `>>=`
    RightShiftEqual,
    /// `**=`
    DoubleStarEqual,
    /// `//`
    DoubleSlash,
    /// `//=`
    DoubleSlashEqual,
    /// `@`
    At,
    /// `@=`
    AtEqual,
    /// `->`
    RArrow,
    /// `...`
    Ellipsis,
    /// `:=`
    ColonEqual,
    /// `!` (only meaningful inside an f-string's replacement field).
    Exclamation,
    /// A character that starts no token (`$`, `?`, a backtick): the parser stops at it with
    /// `invalid syntax`, as CPython does.
    Unknown,
    /// Where the lexer stopped on an error; the parser reports the lexer's error when it gets here.
    Error,
    /// `False`
    False,
    /// `None`
    None,
    /// `True`
    True,
    /// `and`
    And,
    /// `as`
    As,
    /// `assert`
    Assert,
    /// `async`
    Async,
    /// `await`
    Await,
    /// `break`
    Break,
    /// `class`
    Class,
    /// `continue`
    Continue,
    /// `def`
    Def,
    /// `del`
    Del,
    /// `elif`
    Elif,
    /// `else`
    Else,
    /// `except`
    Except,
    /// `finally`
    Finally,
    /// `for`
    For,
    /// `from`
    From,
    /// `global`
    Global,
    /// `if`
    If,
    /// `import`
    Import,
    /// `in`
    In,
    /// `is`
    Is,
    /// `lambda`
    Lambda,
    /// `nonlocal`
    Nonlocal,
    /// `not`
    Not,
    /// `or`
    Or,
    /// `pass`
    Pass,
    /// `raise`
    Raise,
    /// `return`
    Return,
    /// `try`
    Try,
    /// `while`
    While,
    /// `with`
    With,
    /// `yield`
    Yield,
}

impl Tok {
    /// The keyword kind of an identifier's text, if it is one (Python 3.11's hard keywords).
    pub fn keyword(word: &str) -> Option<Tok> {
        // Most names are not keywords: keywords are 2 to 8 ASCII letters starting with one of
        // these.
        let first = *word.as_bytes().first()?;
        if word.len() < 2 || word.len() > 8 || !b"FNTabcdefgilnoprtwy".contains(&first) {
            return None;
        }
        Some(match word {
            "False" => Tok::False,
            "None" => Tok::None,
            "True" => Tok::True,
            "and" => Tok::And,
            "as" => Tok::As,
            "assert" => Tok::Assert,
            "async" => Tok::Async,
            "await" => Tok::Await,
            "break" => Tok::Break,
            "class" => Tok::Class,
            "continue" => Tok::Continue,
            "def" => Tok::Def,
            "del" => Tok::Del,
            "elif" => Tok::Elif,
            "else" => Tok::Else,
            "except" => Tok::Except,
            "finally" => Tok::Finally,
            "for" => Tok::For,
            "from" => Tok::From,
            "global" => Tok::Global,
            "if" => Tok::If,
            "import" => Tok::Import,
            "in" => Tok::In,
            "is" => Tok::Is,
            "lambda" => Tok::Lambda,
            "nonlocal" => Tok::Nonlocal,
            "not" => Tok::Not,
            "or" => Tok::Or,
            "pass" => Tok::Pass,
            "raise" => Tok::Raise,
            "return" => Tok::Return,
            "try" => Tok::Try,
            "while" => Tok::While,
            "with" => Tok::With,
            "yield" => Tok::Yield,
            _ => return None,
        })
    }

    /// Whether this is a keyword (so a name-like token the parser may not take as a name).
    pub fn is_keyword(self) -> bool {
        (self as u8) >= (Tok::False as u8)
    }

    /// The operator or delimiter for its spelling, longest first is the lexer's job.
    pub fn operator(text: &[u8]) -> Option<Tok> {
        Some(match text {
            b"(" => Tok::LPar,
            b")" => Tok::RPar,
            b"[" => Tok::LSqb,
            b"]" => Tok::RSqb,
            b"{" => Tok::LBrace,
            b"}" => Tok::RBrace,
            b":" => Tok::Colon,
            b"," => Tok::Comma,
            b";" => Tok::Semi,
            b"+" => Tok::Plus,
            b"-" => Tok::Minus,
            b"*" => Tok::Star,
            b"/" => Tok::Slash,
            b"|" => Tok::VBar,
            b"&" => Tok::Amper,
            b"<" => Tok::Less,
            b">" => Tok::Greater,
            b"=" => Tok::Equal,
            b"." => Tok::Dot,
            b"%" => Tok::Percent,
            b"==" => Tok::EqEqual,
            b"!=" => Tok::NotEqual,
            b"<=" => Tok::LessEqual,
            b">=" => Tok::GreaterEqual,
            b"~" => Tok::Tilde,
            b"^" => Tok::Circumflex,
            b"<<" => Tok::LeftShift,
            b">>" => Tok::RightShift,
            b"**" => Tok::DoubleStar,
            b"+=" => Tok::PlusEqual,
            b"-=" => Tok::MinEqual,
            b"*=" => Tok::StarEqual,
            b"/=" => Tok::SlashEqual,
            b"%=" => Tok::PercentEqual,
            b"&=" => Tok::AmperEqual,
            b"|=" => Tok::VBarEqual,
            b"^=" => Tok::CircumflexEqual,
            b"<<=" => Tok::LeftShiftEqual,
            b">>=" => Tok::RightShiftEqual,
            b"**=" => Tok::DoubleStarEqual,
            b"//" => Tok::DoubleSlash,
            b"//=" => Tok::DoubleSlashEqual,
            b"@" => Tok::At,
            b"@=" => Tok::AtEqual,
            b"->" => Tok::RArrow,
            b"..." => Tok::Ellipsis,
            b":=" => Tok::ColonEqual,
            b"!" => Tok::Exclamation,
            _ => return None,
        })
    }
}
