//! Getting files onto `WARTA_IN`: `warta nats publish` (a one-shot over paths) and
//! `warta nats forward` (a daemon on a drop folder with the folder's claim, settle and lock
//! rules). Both send `warta.in.<format>` with the file name in `Warta-File` and the content
//! hash as `Nats-Msg-Id`, and count a file as sent only once the broker has acked it.

use super::{connect, context, require_streams, HDR_FILE, HDR_MSG_ID, STREAM_IN};
use crate::config::{Config, NatsConfig};
use crate::daemon::{Claimed, Stats};
use crate::error::{ErrorKind, Result};
use crate::inbox::{display_name, eligible, read_input, Inbox};
use async_nats::jetstream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one `publish` did.
#[derive(Debug, Default)]
pub struct PublishReport {
    /// Files the broker stored.
    pub stored: usize,
    /// Files the broker already held (same content within the duplicate window).
    pub duplicates: usize,
    /// Files not taken, with the reason.
    pub failed: Vec<(PathBuf, String)>,
}

/// The message for one file: subject, headers and payload.
fn message(name: &str, bytes: Vec<u8>) -> (String, jetstream::message::PublishMessage) {
    let id = blake3::hash(&bytes).to_hex().to_string();
    let subject = format!("warta.in.{}", crate::decode::format_of(name));
    let publish = jetstream::message::PublishMessage::build()
        .payload(bytes.into())
        .header(HDR_FILE, name)
        .header(HDR_MSG_ID, id.as_str());
    (subject, publish)
}

/// Files under `paths`: a file as given, a folder's eligible files (recursively, hidden
/// entries skipped), sorted so runs are repeatable.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = paths.iter().rev().cloned().collect();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            let mut kids: Vec<PathBuf> = std::fs::read_dir(&p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .filter(|e| eligible(&e.file_name()))
                        .map(|e| e.path())
                        .collect()
                })
                .unwrap_or_default();
            kids.sort();
            stack.extend(kids.into_iter().rev());
        } else {
            out.push(p);
        }
    }
    out
}

/// The most bytes one input may have: the config's limit and the broker's `max_payload`.
fn payload_limit(client: &async_nats::Client, max_file_bytes: u64) -> u64 {
    // Headers take a little of the payload budget.
    let broker = (client.server_info().max_payload as u64).saturating_sub(1024);
    max_file_bytes.min(broker.max(1))
}

/// Publishes every file under `paths` and waits for every ack.
pub async fn publish_paths(
    cfg: &NatsConfig,
    paths: &[PathBuf],
    max_file_bytes: u64,
) -> Result<PublishReport> {
    let client = connect(cfg, None).await?;
    let limit = payload_limit(&client, max_file_bytes);
    let js = context(client);
    require_streams(cfg, &js, [STREAM_IN]).await?;
    let mut report = PublishReport::default();
    let mut acks = tokio::task::JoinSet::new();
    for path in expand(paths) {
        let name = path.file_name().map(display_name).unwrap_or_default();
        let bytes = match read_input(&path, limit) {
            Ok(b) => b,
            Err(why) => {
                report.failed.push((path, why.reason));
                continue;
            }
        };
        let (subject, publish) = message(&name, bytes);
        match js.send_publish(subject, publish).await {
            Ok(ack) => {
                acks.spawn(async move { (path, ack.await) });
            }
            Err(e) => report.failed.push((path, e.to_string())),
        }
        // Bounded: at most a few thousand acks outstanding (the context also waits).
        while acks.len() >= 4096 {
            if let Some(r) = acks.join_next().await {
                tally(&mut report, r);
            }
        }
    }
    while let Some(r) = acks.join_next().await {
        tally(&mut report, r);
    }
    Ok(report)
}

type AckResult = (
    PathBuf,
    std::result::Result<jetstream::publish::PublishAck, jetstream::context::PublishError>,
);

fn tally(report: &mut PublishReport, r: std::result::Result<AckResult, tokio::task::JoinError>) {
    match r {
        Ok((_, Ok(ack))) if ack.duplicate => report.duplicates += 1,
        Ok((_, Ok(_))) => report.stored += 1,
        Ok((path, Err(e))) => report.failed.push((path, e.to_string())),
        Err(e) => report.failed.push((PathBuf::from("?"), e.to_string())),
    }
}

/// `warta nats forward`: the folder daemon's source with publishers instead of stages. A
/// file moves to `.processed/` only after the broker acked it; a file the broker cannot
/// take (unreadable, too large) goes to `.failed/` with the reason; while the broker is
/// down the file waits in `.work/` and is retried, and a stop leaves it there for the next
/// start.
pub async fn forward(
    cfg: Config,
    once: bool,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<crate::daemon::Summary> {
    use std::sync::atomic::Ordering;
    let inbox = Arc::new(Inbox::open(&cfg.inbox.path)?);
    let _lock = crate::service::InboxLock::acquire(&inbox.root)?;
    let client = connect(&cfg.nats, None).await?;
    let limit = payload_limit(&client, cfg.limits.max_file_bytes);
    let js = context(client);
    require_streams(&cfg.nats, &js, [STREAM_IN]).await?;
    let notifier = crate::service::Notifier::from_env();
    let stats = Arc::new(Stats::default());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let (tx, rx) = async_channel::bounded::<Claimed>(cfg.pipeline.queue_depth);
    tracing::info!(inbox = %inbox.root.display(), url = %cfg.nats.url, once, "warta forwarding to the broker");
    let mut tasks = Vec::new();
    for _ in 0..cfg.pipeline.decode_workers.max(2) {
        let (rx, js, inbox, stats) = (rx.clone(), js.clone(), inbox.clone(), stats.clone());
        let stop = stop_rx.clone();
        let delete = cfg.inbox.delete_processed;
        tasks.push(tokio::spawn(async move {
            while let Ok(c) = rx.recv().await {
                if *stop.borrow() {
                    continue;
                }
                let bytes = match read_input(&c.work_path, limit) {
                    Ok(b) => b,
                    Err(why) => {
                        crate::daemon::reject(&inbox, c, &why, &stats);
                        continue;
                    }
                };
                if !send_until_acked(&js, &c, bytes, &stop).await {
                    continue;
                }
                match inbox.finish(&c.work_path, &c.name, delete) {
                    Ok(()) => {
                        stats.files_processed.fetch_add(1, Ordering::Relaxed);
                        tracing::info!(file = %c.display, stage = "forward", elapsed_ms = crate::logging::elapsed_ms(c.claimed_at), "forwarded");
                    }
                    Err(e) => {
                        tracing::error!(file = %c.display, error = %e, error_type = "io", stage = "forward", "forwarded but cannot move to .processed/; it is sent again at next start (the broker drops the duplicate)")
                    }
                }
            }
        }));
    }
    drop(rx);
    let result = crate::daemon::source(&cfg, inbox, once, tx, stop_rx, &notifier, &stats).await;
    for t in tasks {
        let _ = t.await;
    }
    let summary = stats.summary("warta forward stopped");
    result.map(|_| summary)
}

/// Publishes one claimed file and waits for the ack, retrying while the broker is away.
/// Returns false when stopped first (the file stays in `.work/`).
async fn send_until_acked(
    js: &jetstream::Context,
    c: &Claimed,
    bytes: Vec<u8>,
    stop: &tokio::sync::watch::Receiver<bool>,
) -> bool {
    let mut delay = Duration::from_millis(200);
    let started = Instant::now();
    loop {
        let (subject, publish) = message(&c.display, bytes.clone());
        let result = match js.send_publish(subject, publish).await {
            Ok(ack) => ack.await.map(|_| ()).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(()) => return true,
            Err(e) => {
                tracing::warn!(file = %c.display, error = %e, error_type = ErrorKind::Broker.as_str(), stage = "forward", elapsed_ms = crate::logging::elapsed_ms(started), "broker did not ack; retrying");
            }
        }
        if *stop.borrow() {
            return false;
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}
