//! Typed errors. Every error that concerns a file names it; [`ErrorKind`] is the bounded
//! vocabulary used for `error_type` in logs, `kind` in `.failed/NAME.error.json` and metric labels.

use std::path::PathBuf;

/// Why an input was rejected or an operation failed. Stable strings: tools key on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A symlink, FIFO, socket, device or directory where a regular file was expected.
    NotRegularFile,
    /// A regular file with more than one hard link: its content may belong to someone else.
    HardLink,
    /// Bigger than `limits.max_file_bytes`.
    TooLarge,
    /// Empty or only whitespace.
    Empty,
    /// Binary content (NUL bytes or mostly control characters).
    Binary,
    /// Bytes that are not text in any encoding we could detect.
    Encoding,
    /// JSON that does not parse, or a JSON value of the wrong shape.
    MalformedJson,
    /// An RSS/Atom/XML document that does not parse as a feed.
    MalformedFeed,
    /// Neither the extension nor the content says what the file is.
    UnsupportedFormat,
    /// More articles in one file than `limits.max_items_per_file`.
    TooManyItems,
    /// The file decoded but held no article text.
    NoContent,
    /// Reading or moving the input failed.
    Io,
    /// Writing the output failed (retried; only logged).
    Write,
    /// The configuration is invalid.
    Config,
    /// The message broker refused or failed an operation (connect, publish, ack).
    Broker,
    /// A broker message was delivered `nats.max_deliver` times without finishing (it keeps
    /// crashing or stalling workers): dead-lettered instead of tried again.
    Redelivered,
}

impl ErrorKind {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotRegularFile => "not_regular_file",
            ErrorKind::HardLink => "hard_link",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::Encoding => "encoding",
            ErrorKind::MalformedJson => "malformed_json",
            ErrorKind::MalformedFeed => "malformed_feed",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::TooManyItems => "too_many_items",
            ErrorKind::NoContent => "no_content",
            ErrorKind::Io => "io",
            ErrorKind::Write => "write",
            ErrorKind::Config => "config",
            ErrorKind::Broker => "broker",
            ErrorKind::Redelivered => "redelivered",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why one input file could not become articles. Carries the kind and a human reason.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{reason}")]
pub struct Rejection {
    /// The bounded category.
    pub kind: ErrorKind,
    /// Lower-case, specific, without the path (the caller adds the file name).
    pub reason: String,
}

impl Rejection {
    pub fn new(kind: ErrorKind, reason: impl Into<String>) -> Self {
        Rejection {
            kind,
            reason: reason.into(),
        }
    }
}

/// Errors of the library's IO edges and of loading rules and config.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Rejected { path: PathBuf, reason: Rejection },
    #[error("config {path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("rules {origin}: {message}")]
    Rules { origin: String, message: String },
    #[error("labelled set {path}: {message}")]
    LabelledSet { path: PathBuf, message: String },
    #[error("inbox {path} is locked by another warta (pid {pid})")]
    Locked { path: PathBuf, pid: String },
    /// `url` is the server (never with credentials); `what` the operation.
    #[error("nats {url}: {what}: {message}")]
    Broker {
        url: String,
        what: &'static str,
        message: String,
    },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The bounded category for logs.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. } => ErrorKind::Io,
            Error::Rejected { reason, .. } => reason.kind,
            Error::Config { .. } | Error::Rules { .. } | Error::LabelledSet { .. } => {
                ErrorKind::Config
            }
            Error::Locked { .. } => ErrorKind::Io,
            Error::Broker { .. } => ErrorKind::Broker,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
