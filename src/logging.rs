//! Log setup: JSON lines (one object per line: `timestamp`, `level`, `message` and the
//! event's fields at top level) when stderr is not a terminal or `format = "json"`, readable
//! lines on a terminal, and optionally a daily-rotated JSON file for `tail -f`.
//!
//! Field names are fixed across the code base: `file`, `article_id`, `stage`, `error`,
//! `error_type` (bounded: the [`crate::error::ErrorKind`] names plus `watch`), `elapsed_ms`.

use crate::config::LogConfig;
use crate::error::{Error, Result};
use std::io::IsTerminal;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Milliseconds since `t`, to the microsecond: `5.882`, not `5.8821840000000005`, for a
/// person tailing the log.
pub fn elapsed_ms(t: std::time::Instant) -> f64 {
    t.elapsed().as_micros() as f64 / 1000.0
}

/// Keeps the file writer flushing until dropped.
pub type Guard = Option<tracing_appender::non_blocking::WorkerGuard>;

pub fn init(cfg: &LogConfig) -> Result<Guard> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(v) if !v.is_empty() => EnvFilter::try_new(v),
        _ => EnvFilter::try_new(&cfg.level),
    }
    .map_err(|e| Error::Config {
        path: "log.level".into(),
        message: e.to_string(),
    })?;
    let json = match cfg.format.as_str() {
        "json" => true,
        "text" => false,
        _ => !std::io::stderr().is_terminal(),
    };
    let stderr_layer = if json {
        tracing_subscriber::fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .with_target(false)
            .with_writer(std::io::stderr)
            .boxed()
    } else {
        tracing_subscriber::fmt::layer()
            .with_target(false)
            .with_ansi(std::io::stderr().is_terminal())
            .with_writer(std::io::stderr)
            .boxed()
    };
    let (file_layer, guard) = match &cfg.file {
        None => (None, None),
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "warta.log".into());
            let appender = tracing_appender::rolling::daily(dir, name);
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer = tracing_subscriber::fmt::layer()
                .json()
                .flatten_event(true)
                .with_current_span(false)
                .with_span_list(false)
                .with_target(false)
                .with_ansi(false)
                .with_writer(writer)
                .boxed();
            (Some(layer), Some(guard))
        }
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(stderr_layer)
        .with(file_layer)
        .try_init()
        .map_err(|e| Error::Config {
            path: "log".into(),
            message: e.to_string(),
        })?;
    Ok(guard)
}

#[cfg(test)]
mod tests {
    #[test]
    fn elapsed_ms_has_at_most_three_decimals() {
        let t = std::time::Instant::now() - std::time::Duration::from_nanos(5_882_184);
        let shown = super::elapsed_ms(t).to_string();
        let decimals = shown.split('.').nth(1).map_or(0, str::len);
        assert!(decimals <= 3, "{shown}");
        assert!(super::elapsed_ms(t) >= 5.882);
    }
}
