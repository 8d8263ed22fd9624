//! The I/O seam: what a scenario's HTTP requests go through. The core defines the trait and a
//! virtual implementation (used for the prediction); the browser adapter implements it with real
//! requests. Like the clock, this is what lets the same scenario code predict and measure.

use std::future::Future;
use std::pin::Pin;

use crate::format::Words;
use crate::words;

/// What a request that succeeded returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchOk {
    /// The HTTP status (2xx: anything else is an error).
    pub status: u16,
    /// The length of the body read, in bytes (UTF-16 code units for a text body in the browser).
    pub bytes: usize,
}

/// A request in flight. Dropping it before it ends cancels the request (the browser aborts it).
pub type FetchFuture = Pin<Box<dyn Future<Output = Result<FetchOk, IoError>>>>;

/// Why a request gave no body, worded for a person: `HTTP 404 Not Found`, `network error …`,
/// `timed out after 10 s …`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IoError {
    /// The server answered with a status outside 2xx (its status text, when it sent one).
    #[error("HTTP {status}{}", if text.is_empty() { String::new() } else { format!(" {text}") })]
    Http {
        /// The status.
        status: u16,
        /// Its text (`Not Found`; HTTP/2 sends none).
        text: String,
    },
    /// No response: the browser does not say why (on purpose, for CORS), so the sentence names
    /// the usual causes and keeps the browser's words.
    #[error(
        "network error (offline, refused by CORS, or the host is unreachable){}",
        if detail.is_empty() { String::new() } else { format!(": {detail}") }
    )]
    Network {
        /// The browser's words, if any.
        detail: String,
    },
    /// The request was aborted (its task was cancelled).
    #[error("aborted: {0}")]
    Aborted(String),
    /// No answer within a bound; the sentence says which.
    #[error("{0}")]
    TimedOut(String),
    /// The request was not sent (the freeze limit was reached, or the browser refused it).
    #[error("{0}")]
    NotSent(String),
}

/// Performs HTTP `GET` requests for a run.
pub trait Io {
    /// Starts a non-blocking `GET` of `url` (absolute http(s) or relative to the page). The future
    /// resolves once the whole body is read; it wakes its task through the task's waker.
    fn fetch(&self, url: &str) -> FetchFuture;

    /// A `GET` of `url` that holds the thread until it is over (`requests.get`): nothing else on
    /// the loop runs meanwhile.
    fn fetch_blocking(&self, url: &str) -> Result<FetchOk, IoError>;
}

/// The prediction's I/O: every request succeeds at once, so a predicted request takes exactly its
/// added latency and nothing more.
#[derive(Clone, Copy, Debug, Default)]
pub struct VirtualIo;

impl Io for VirtualIo {
    fn fetch(&self, _url: &str) -> FetchFuture {
        Box::pin(std::future::ready(Ok(VIRTUAL_OK)))
    }

    fn fetch_blocking(&self, _url: &str) -> Result<FetchOk, IoError> {
        Ok(VIRTUAL_OK)
    }
}

const VIRTUAL_OK: FetchOk = FetchOk {
    status: 200,
    bytes: 0,
};

/// Checks one URL a person typed: absolute `http://` or `https://` with a host, or a relative path
/// (`data/a.json`, `/x`, `../x`), with no spaces, control characters or commas, and at most
/// `max_chars` characters. Returns why not.
pub fn check_url(url: &str, max_chars: usize) -> Result<(), String> {
    check_url_words(url, max_chars).map_err(|w| w.text(crate::view_options::Lang::En))
}

/// [`check_url`], its reason in words any language can say.
pub fn check_url_words(url: &str, max_chars: usize) -> Result<(), Words> {
    let chars = url.chars().count();
    if chars > max_chars {
        return Err(words!("url-too-long", chars = chars, max = max_chars));
    }
    if let Some(c) = url.chars().find(|&c| {
        c.is_whitespace()
            || c.is_control()
            || crate::format::is_format_char(c)
            || matches!(c, ',' | '"' | '<' | '>')
    }) {
        let shown = match c.is_whitespace() || matches!(c, ',' | '"' | '<' | '>') {
            true => format!("{c:?}"),
            false => format!("U+{:04X}", c as u32),
        };
        return Err(words!("url-may-not-hold", character = shown));
    }
    if url.starts_with("//") {
        return Err(words!("url-no-scheme"));
    }
    // A scheme is what comes before a ':' that precedes any '/', '?' or '#'.
    let head_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    let Some(colon) = url[..head_end].find(':') else {
        return Ok(()); // relative
    };
    let scheme = url[..colon].to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(words!("url-scheme", scheme = scheme));
    }
    let Some(rest) = url[colon + 1..].strip_prefix("//") else {
        return Err(words!("url-slashes", scheme = scheme));
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if rest[..host_end].is_empty() {
        return Err(words!("url-no-host"));
    }
    Ok(())
}
