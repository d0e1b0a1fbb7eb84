//! The daemon: a source and two stages as tokio tasks (or pools of them), and a writer on a
//! thread of its own (with a mover thread for `.work/` → `.processed/`), joined by bounded
//! `async-channel` queues so a slow stage slows intake instead of growing memory:
//!
//! ```text
//! source (requeue .work/, scan, notify events, rescans) ──claims──▶ decode ×N
//!   ──docs──▶ enrich ×M (clean → tag → classify, serialise) ──outputs──▶ writer (group commit)
//!   ──▶ outbox/<id>.json, then input → .processed/      bad input → .failed/ + NAME.error.json
//! ```
//!
//! Shutdown flows downstream: only the source sees the signal; it stops claiming and drops its
//! sender; each stage drains its queue and returns; the writer commits its last batch.
//! Invariant: an input leaves `.work/` only after every article it holds is durable in the
//! outbox (or it is rejected); whatever is in `.work/` at start is processed again, and
//! content-hash ids make that idempotent.

use crate::article::Doc;
use crate::clean::Learner;
use crate::config::Config;
use crate::decode::{decode, DecodeLimits};
use crate::error::{Error, ErrorKind, Rejection, Result};
use crate::inbox::{display_name, eligible, read_input, Inbox};
use crate::outbox::{Outbox, Pending};
use crate::rules::Rules;
use std::collections::HashMap;
use std::ffi::OsString;
use std::future::Future;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// A claimed input, in `.work/`.
#[derive(Debug)]
pub(crate) struct Claimed {
    pub(crate) name: OsString,
    pub(crate) display: String,
    pub(crate) work_path: PathBuf,
    pub(crate) claimed_at: Instant,
}

/// Tracks one input until all its articles are durable.
#[derive(Debug)]
struct Ticket {
    claim: Claimed,
    remaining: AtomicUsize,
}

struct Job {
    doc: Doc,
    ticket: Arc<Ticket>,
}

struct Output {
    pending: Pending,
    ticket: Arc<Ticket>,
    topics: Vec<String>,
}

/// Counts reported at stop.
#[derive(Debug, Default)]
pub struct Stats {
    pub articles_written: AtomicU64,
    pub files_processed: AtomicU64,
    pub files_rejected: AtomicU64,
    /// When the writer last committed (ms since the daemon started): the watchdog's pulse.
    pub last_commit_ms: AtomicU64,
    /// What `/metrics` exports.
    pub metrics: crate::metrics::Metrics,
    /// READY=1 was sent.
    pub ready: std::sync::atomic::AtomicBool,
}

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles_written: u64,
    pub files_processed: u64,
    pub files_rejected: u64,
}

impl Stats {
    /// The counts so far, logged as the stop line `what` (every mode ends with one).
    pub(crate) fn summary(&self, what: &'static str) -> Summary {
        let summary = Summary {
            articles_written: self.articles_written.load(Ordering::Relaxed),
            files_processed: self.files_processed.load(Ordering::Relaxed),
            files_rejected: self.files_rejected.load(Ordering::Relaxed),
        };
        tracing::info!(
            articles_written = summary.articles_written,
            files_processed = summary.files_processed,
            files_rejected = summary.files_rejected,
            "{what}"
        );
        summary
    }
}

/// The boilerplate learner, with what an earlier run saved in `clean.learn_state`.
pub(crate) fn open_learner(cfg: &Config) -> Arc<Learner> {
    let learner = Arc::new(Learner::new(3, 50_000));
    if let Some(p) = &cfg.clean.learn_state {
        if let Err(e) = learner.restore_from(p) {
            tracing::warn!(error = %e, error_type = e.kind().as_str(), file = %p.display(), "cannot read learned boilerplate; starting without it");
        }
    }
    learner
}

/// Saves what was learned, only with a path: a full learner is a few MiB of JSON, not worth
/// building for nothing.
pub(crate) fn save_learner(cfg: &Config, learner: &Learner) {
    if let Some(p) = &cfg.clean.learn_state {
        if let Err(e) = learner.save_to(p) {
            tracing::warn!(error = %e, error_type = e.kind().as_str(), file = %p.display(), "cannot save learned boilerplate");
        }
    }
}

/// Resolves on the first SIGINT or SIGTERM; a second one exits the process at once (the
/// ledger makes that safe: claimed files are re-queued at the next start).
pub fn signals() -> impl Future<Output = ()> + Send + 'static {
    use tokio::signal::unix::{signal, SignalKind};
    let term = signal(SignalKind::terminate());
    let int = signal(SignalKind::interrupt());
    async move {
        let (Ok(mut term), Ok(mut int)) = (term, int) else {
            // Without signal handlers the daemon runs until killed.
            std::future::pending::<()>().await;
            return;
        };
        tokio::select! {
            _ = term.recv() => {},
            _ = int.recv() => {},
        }
        tracing::info!(
            "signal received: finishing articles in flight (signal again to exit at once)"
        );
        tokio::spawn(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = int.recv() => {},
            }
            tracing::warn!("second signal: exiting now; claimed files are re-queued at next start");
            std::process::exit(130);
        });
    }
}

/// Reads, decodes and enriches one file without moving it (`warta process`).
pub fn process_file(
    path: &Path,
    cfg: &Config,
    rules: &Rules,
    learner: Option<&Learner>,
    debug: bool,
) -> Result<Vec<crate::article::Article>> {
    let name = path.file_name().map(display_name).unwrap_or_default();
    let bytes = read_input(path, cfg.limits.max_file_bytes).map_err(|r| Error::Rejected {
        path: path.to_path_buf(),
        reason: r,
    })?;
    let docs = decode(&name, &bytes, &decode_limits(cfg)).map_err(|r| Error::Rejected {
        path: path.to_path_buf(),
        reason: r,
    })?;
    Ok(docs
        .into_iter()
        .map(|d| rules.enrich(d, &name, learner, debug))
        .collect())
}

pub(crate) fn decode_limits(cfg: &Config) -> DecodeLimits {
    DecodeLimits {
        max_items: cfg.limits.max_items_per_file,
        max_text_bytes: cfg.limits.max_text_bytes,
    }
}

/// Runs the daemon until `shutdown` resolves (or, with `once`, until the inbox as it was at
/// start is processed).
pub async fn run(
    cfg: Config,
    rules: Arc<Rules>,
    opts: RunOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<Summary> {
    let once = opts.once;
    let inbox = Arc::new(Inbox::open(&cfg.inbox.path)?);
    // One daemon per inbox; held until this function returns.
    let _lock = crate::service::InboxLock::acquire(&inbox.root)?;
    let notifier = crate::service::Notifier::from_env();
    let rules = Arc::new(arc_swap::ArcSwap::new(rules));
    let outbox = Arc::new(Outbox::open(&cfg.outbox.path, cfg.outbox.sync)?);
    let learner = open_learner(&cfg);
    let stats = Arc::new(Stats::default());
    let depth = cfg.pipeline.queue_depth;
    let (claim_tx, claim_rx) = async_channel::bounded::<Claimed>(depth);
    let (job_tx, job_rx) = async_channel::bounded::<Job>(depth);
    let (claim_probe, job_probe) = (claim_rx.clone(), job_rx.clone());
    // The writer's queue holds a whole batch: while one batch syncs, the next can fill up to
    // `batch_max`, so a sync is paid for by up to `batch_max` articles, not by `queue_depth`.
    let (out_tx, out_rx) = async_channel::bounded::<Output>(depth.max(cfg.outbox.batch_max));
    // A receiver that never receives: the watchdog reads the writer's backlog from it.
    let out_probe = out_rx.clone();
    let (stop_tx, stop_rx) = watch::channel(false);
    {
        let notifier = notifier.clone();
        tokio::spawn(async move {
            shutdown.await;
            notifier.send("STOPPING=1");
            let _ = stop_tx.send(true);
        });
    }
    if !once {
        spawn_reload(cfg.clone(), opts.config_path.clone(), rules.clone());
    }

    tracing::info!(
        inbox = %inbox.root.display(),
        outbox = %outbox.dir.display(),
        once,
        sync = cfg.outbox.sync,
        decode_workers = cfg.pipeline.decode_workers,
        enrich_workers = cfg.pipeline.enrich_workers,
        queue_depth = depth,
        max_file_bytes = cfg.limits.max_file_bytes,
        topics = %rules.load().classifier.topics.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(","),
        gazetteer_aliases = rules.load().gazetteer.len(),
        version = crate::article::VERSION,
        "warta started"
    );

    let mut stages = Vec::new();
    for _ in 0..cfg.pipeline.decode_workers {
        let (rx, tx) = (claim_rx.clone(), job_tx.clone());
        let (inbox, stats) = (inbox.clone(), stats.clone());
        let (max_bytes, limits) = (cfg.limits.max_file_bytes, decode_limits(&cfg));
        let stop = stop_rx.clone();
        stages.push(tokio::spawn(async move {
            while let Ok(c) = rx.recv().await {
                // Stopping: claims not yet read stay in .work/ and are taken first at the
                // next start; what is already decoded is finished.
                if *stop.borrow() {
                    continue;
                }
                let t0 = Instant::now();
                let result = read_input(&c.work_path, max_bytes)
                    .and_then(|b| decode(&c.display, &b, &limits));
                stats.metrics.observe("decode", t0.elapsed().as_secs_f64());
                match result {
                    Err(why) => reject(&inbox, c, &why, &stats),
                    Ok(docs) => {
                        let ticket = Arc::new(Ticket {
                            remaining: AtomicUsize::new(docs.len()),
                            claim: c,
                        });
                        for doc in docs {
                            if tx
                                .send(Job {
                                    doc,
                                    ticket: ticket.clone(),
                                })
                                .await
                                .is_err()
                            {
                                return;
                            }
                        }
                    }
                }
            }
        }));
    }
    drop(claim_rx);
    drop(job_tx);
    let debug = cfg.clean.debug;
    let pretty = cfg.outbox.pretty;
    let learn = cfg.clean.learn;
    for _ in 0..cfg.pipeline.enrich_workers {
        let (rx, tx) = (job_rx.clone(), out_tx.clone());
        let (rules, learner, stats) = (rules.clone(), learner.clone(), stats.clone());
        stages.push(tokio::spawn(async move {
            while let Ok(job) = rx.recv().await {
                // A reload swaps the rules between articles; this one keeps what it started with.
                let rules = rules.load_full();
                let t0 = Instant::now();
                let article = rules.enrich(
                    job.doc,
                    &job.ticket.claim.display,
                    learn.then_some(&*learner),
                    debug,
                );
                stats.metrics.observe("enrich", t0.elapsed().as_secs_f64());
                let mut bytes = if pretty {
                    serde_json::to_vec_pretty(&article)
                } else {
                    serde_json::to_vec(&article)
                }
                .unwrap_or_default();
                bytes.push(b'\n');
                let out = Output {
                    topics: article.topics.iter().map(|t| t.name.clone()).collect(),
                    pending: Pending {
                        id: article.id,
                        bytes,
                    },
                    ticket: job.ticket,
                };
                if tx.send(out).await.is_err() {
                    return;
                }
            }
        }));
    }
    drop(job_rx);
    drop(out_tx);
    let writer = {
        let (inbox, outbox, stats) = (inbox.clone(), outbox.clone(), stats.clone());
        let window = Duration::from_millis(cfg.outbox.batch_window_ms);
        let (batch_max, delete) = (cfg.outbox.batch_max, cfg.inbox.delete_processed);
        spawn_writer(
            out_rx,
            Writer {
                inbox,
                outbox,
                stats,
                window,
                batch_max,
                delete,
                stop: stop_rx.clone(),
            },
        )?
    };

    if let Some(period) = crate::service::Notifier::watchdog_period().filter(|_| notifier.enabled())
    {
        spawn_watchdog(
            notifier.clone(),
            period,
            stats.clone(),
            out_probe.clone(),
            stop_rx.clone(),
        );
    }
    if let Some(addr) = &cfg.metrics.addr {
        let listener = crate::metrics::bind(addr).await?;
        let (a, b) = (claim_probe, job_probe);
        let c = out_probe.clone();
        let depths: crate::metrics::DepthProbe =
            Box::new(move || [("decode", a.len()), ("enrich", b.len()), ("write", c.len())]);
        crate::metrics::serve(listener, stats.clone(), depths, Some(outbox.dir.clone()));
        tracing::info!(addr = %addr, "metrics at /metrics, /healthz, /readyz");
    }
    let source_result = source(
        &cfg,
        inbox.clone(),
        once,
        claim_tx,
        stop_rx,
        &notifier,
        &stats,
    )
    .await;
    for s in stages {
        let _ = s.await;
    }
    let _ = writer.await;
    save_learner(&cfg, &learner);
    let summary = stats.summary("warta stopped");
    source_result.map(|_| summary)
}

pub(crate) fn reject(inbox: &Inbox, c: Claimed, why: &Rejection, stats: &Stats) {
    let elapsed_ms = crate::logging::elapsed_ms(c.claimed_at);
    match inbox.fail(&c.work_path, &c.name, why) {
        Ok(_) => {
            stats.files_rejected.fetch_add(1, Ordering::Relaxed);
            stats
                .metrics
                .rejected
                .get_or_create(&crate::metrics::ErrorTypeLabel {
                    error_type: why.kind.as_str().to_string(),
                })
                .inc();
            tracing::warn!(file = %c.display, error = %why.reason, error_type = why.kind.as_str(), stage = "decode", elapsed_ms, "file rejected");
        }
        Err(e) => {
            tracing::error!(file = %c.display, error = %e, error_type = "io", stage = "decode", "cannot record the rejected file in .failed/; what is left in .work/ is retried at next start");
        }
    }
}

/// What the writer needs besides its queue.
struct Writer {
    inbox: Arc<Inbox>,
    outbox: Arc<Outbox>,
    stats: Arc<Stats>,
    window: Duration,
    batch_max: usize,
    delete: bool,
    stop: watch::Receiver<bool>,
}

/// Starts the writer on its own thread (and a mover thread beside it): commits are blocking
/// file-system work, and a thread of its own costs no hand-off to a blocking pool per batch
/// (three per batch before, each a thread wake-up that a lone file waited on). The receiver
/// resolves when the writer has finished.
fn spawn_writer(
    rx: async_channel::Receiver<Output>,
    w: Writer,
) -> Result<tokio::sync::oneshot::Receiver<()>> {
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    let handle = tokio::runtime::Handle::current();
    std::thread::Builder::new()
        .name("warta-writer".into())
        .spawn(move || {
            handle.block_on(write_loop(rx, w));
            let _ = done_tx.send(());
        })
        .map_err(|e| Error::io("writer thread", e))?;
    Ok(done_rx)
}

/// Batches of inputs for the mover.
type MoverQueue = std::sync::mpsc::SyncSender<Vec<Arc<Ticket>>>;

/// Moves inputs whose outputs are durable out of `.work/`: the inbox's folders, while the
/// writer works on the outbox's, so batch k's inputs move while batch k+1 is committed.
fn spawn_mover(
    inbox: Arc<Inbox>,
    stats: Arc<Stats>,
    delete: bool,
) -> Result<(MoverQueue, std::thread::JoinHandle<()>)> {
    // A short queue: a slow mover slows the writer rather than letting claims pile up.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Arc<Ticket>>>(4);
    let join = std::thread::Builder::new()
        .name("warta-mover".into())
        .spawn(move || {
            for tickets in rx {
                for t in tickets {
                    match inbox.finish(&t.claim.work_path, &t.claim.name, delete) {
                        Ok(()) => {
                            stats.files_processed.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => {
                            tracing::error!(file = %t.claim.display, error = %e, error_type = "io", stage = "write", "output written but input could not leave .work/; it is re-processed (same ids) at next start")
                        }
                    }
                }
            }
        })
        .map_err(|e| Error::io("mover thread", e))?;
    Ok((tx, join))
}

async fn write_loop(rx: async_channel::Receiver<Output>, w: Writer) {
    let Writer {
        inbox,
        outbox,
        stats,
        window,
        batch_max,
        delete,
        stop,
    } = w;
    let (mover, mover_join) = match spawn_mover(inbox.clone(), stats.clone(), delete) {
        Ok(m) => m,
        Err(e) => {
            tracing::error!(error = %e, error_type = ErrorKind::Write.as_str(), stage = "write", "cannot start the mover thread; nothing is written");
            return;
        }
    };
    let release = |ready: Vec<Arc<Ticket>>| {
        if !ready.is_empty() {
            // The mover only stops when this sender is dropped: a send cannot fail before.
            let _ = mover.send(ready);
        }
    };
    // Inputs whose outputs are renamed into place but whose renames are not yet durable: the
    // next batch's sync, or a folder sync when nothing follows, releases them.
    let mut unsealed: Vec<Arc<Ticket>> = Vec::new();
    'batches: while let Ok(first) = rx.recv().await {
        let mut batch = vec![first];
        // Group commit: take what is queued now; wait at most `window` for more.
        let deadline = tokio::time::Instant::now() + window;
        while batch.len() < batch_max {
            match rx.try_recv() {
                Ok(o) => batch.push(o),
                Err(async_channel::TryRecvError::Closed) => break,
                Err(async_channel::TryRecvError::Empty) => {
                    if window.is_zero() {
                        break;
                    }
                    match tokio::time::timeout_at(deadline, rx.recv()).await {
                        Ok(Ok(o)) => batch.push(o),
                        _ => break,
                    }
                }
            }
        }
        let pending: Vec<&Pending> = batch.iter().map(|o| &o.pending).collect();
        let mut backoff = Duration::from_millis(100);
        let commit = loop {
            let t0 = Instant::now();
            let r = outbox.commit(&pending);
            stats.metrics.writes_ok.store(r.is_ok(), Ordering::Relaxed);
            match r {
                Ok(commit) => {
                    stats.last_commit_ms.store(started_ms(), Ordering::Relaxed);
                    stats.metrics.observe("write", t0.elapsed().as_secs_f64());
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_secs_f64())
                        .unwrap_or(0.0);
                    stats.metrics.last_write.set(now);
                    break commit;
                }
                Err(e) => {
                    tracing::error!(error = %e, error_type = ErrorKind::Write.as_str(), stage = "write", articles = pending.len(), retry_in_ms = backoff.as_millis() as u64, "cannot write outputs; inputs stay claimed, retrying");
                }
            }
            if *stop.borrow() && backoff >= Duration::from_secs(5) {
                tracing::error!(error_type = ErrorKind::Write.as_str(), stage = "write", "giving up at shutdown; claimed inputs stay in .work/ and are processed at next start");
                break 'batches;
            }
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(5));
        };
        let mut done: Vec<Arc<Ticket>> = Vec::new();
        for o in &batch {
            stats.articles_written.fetch_add(1, Ordering::Relaxed);
            stats.metrics.written.inc();
            for t in &o.topics {
                stats
                    .metrics
                    .topics
                    .get_or_create(&crate::metrics::TopicLabel { topic: t.clone() })
                    .inc();
            }
            tracing::info!(
                file = %o.ticket.claim.display,
                article_id = %o.pending.id,
                topics = %o.topics.join(","),
                elapsed_ms = crate::logging::elapsed_ms(o.ticket.claim.claimed_at),
                stage = "write",
                "article written"
            );
            if o.ticket.remaining.fetch_sub(1, Ordering::AcqRel) == 1 {
                done.push(o.ticket.clone());
            }
        }
        let mut ready: Vec<Arc<Ticket>> = Vec::new();
        if commit.earlier_renames_durable {
            ready.append(&mut unsealed);
        }
        if commit.renames_durable {
            ready.append(&mut done);
        } else {
            unsealed.append(&mut done);
        }
        // Nothing queued behind this batch: sync the folder now instead of holding these
        // inputs until a next batch that may be long in coming.
        if !unsealed.is_empty() && rx.is_empty() && seal(&outbox) {
            ready.append(&mut unsealed);
        }
        release(ready);
    }
    // At the end: the last renames made durable, their inputs released; inputs that cannot
    // be sealed stay in .work/ for the next start.
    if !unsealed.is_empty() && seal(&outbox) {
        release(std::mem::take(&mut unsealed));
    }
    drop(mover);
    let _ = mover_join.join();
}

/// Syncs the outbox folder; false (logged) when that fails: the inputs stay claimed.
fn seal(outbox: &Outbox) -> bool {
    match outbox.seal() {
        Ok(()) => true,
        Err(e) => {
            tracing::error!(error = %e, error_type = ErrorKind::Write.as_str(), stage = "write", "cannot sync the outbox folder; inputs stay claimed until a later sync");
            false
        }
    }
}

/// A file written to with no close seen for this long is taken by a scan anyway (the close
/// event may have been lost in an overflow, or the writer died holding it).
const OPEN_STALE: Duration = Duration::from_secs(60);

/// Extra behaviour of `run` beyond the config.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Process what is in the inbox at start, then return.
    pub once: bool,
    /// The config file, re-read on SIGHUP.
    pub config_path: Option<PathBuf>,
}

fn started_ms() -> u64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as u64
}

/// SIGHUP: re-read the config and every rules file, validate, swap. Articles in flight finish
/// with the rules they started with; an invalid config leaves the old rules in place.
pub(crate) fn spawn_reload(
    current: Config,
    path: Option<PathBuf>,
    rules: Arc<arc_swap::ArcSwap<Rules>>,
) {
    use tokio::signal::unix::{signal, SignalKind};
    let Ok(mut hup) = signal(SignalKind::hangup()) else {
        tracing::warn!(
            error_type = "config",
            "cannot listen for SIGHUP; reload needs a restart"
        );
        return;
    };
    tokio::spawn(async move {
        while hup.recv().await.is_some() {
            let loaded = match &path {
                Some(p) => Config::load(p).map(|mut c| {
                    if let Some(dir) = p.parent() {
                        c.resolve_relative(dir);
                    }
                    c
                }),
                None => Ok(current.clone()),
            };
            let new_cfg = match loaded {
                Ok(c) => c,
                Err(e) => {
                    tracing::error!(error = %e, error_type = "config", "reload refused: invalid config; the old rules stay");
                    continue;
                }
            };
            match Rules::load(&new_cfg.rules) {
                Ok(r) => {
                    let topics = r
                        .classifier
                        .topics
                        .iter()
                        .map(|t| t.name.clone())
                        .collect::<Vec<_>>()
                        .join(",");
                    rules.store(Arc::new(r));
                    tracing::info!(topics = %topics, "rules reloaded");
                }
                Err(e) => {
                    tracing::error!(error = %e, error_type = "config", "reload refused: invalid rules; the old rules stay");
                    continue;
                }
            }
            let mut fixed = new_cfg.clone();
            fixed.rules = current.rules.clone();
            if fixed != current {
                tracing::warn!(
                    "settings other than [rules] changed; they take effect at the next restart"
                );
            }
        }
    });
}

/// Pings the systemd watchdog while the pipeline moves: the writer committed within the last
/// period, or it has nothing waiting. A stalled writer stops the pings and systemd restarts us.
fn spawn_watchdog(
    notifier: crate::service::Notifier,
    period: Duration,
    stats: Arc<Stats>,
    out_probe: async_channel::Receiver<Output>,
    stop: watch::Receiver<bool>,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            if *stop.borrow() && out_probe.is_empty() {
                break;
            }
            // Nothing before READY: systemd only counts pings once the service is up.
            if !stats.ready.load(Ordering::Relaxed) {
                continue;
            }
            let last = stats.last_commit_ms.load(Ordering::Relaxed);
            let fresh = started_ms().saturating_sub(last) <= (period * 2).as_millis() as u64;
            if out_probe.is_empty() || fresh {
                notifier.send("WATCHDOG=1");
            }
            notifier.send(&format!(
                "STATUS={} articles written, {} files rejected, {} waiting to be written",
                stats.articles_written.load(Ordering::Relaxed),
                stats.files_rejected.load(Ordering::Relaxed),
                out_probe.len()
            ));
        }
    });
}

/// Identity of the inbox folder, to notice it being removed and recreated.
fn dir_id(p: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
}

type EventRx = tokio::sync::mpsc::Receiver<notify::Result<notify::Event>>;

fn watch(root: &Path) -> Option<(notify::RecommendedWatcher, EventRx)> {
    use notify::Watcher;
    let (tx, rx) = tokio::sync::mpsc::channel(8192);
    let mut w = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        // A full queue is an overflow: the source sees an error and rescans.
        if let Err(tokio::sync::mpsc::error::TrySendError::Full(_)) = tx.try_send(ev) {
            let _ = tx.try_send(Err(notify::Error::generic("event queue full")));
        }
    })
    .map_err(|e| tracing::warn!(error = %e, error_type = "watch", "cannot create watcher; relying on rescans"))
    .ok()?;
    w.watch(root, notify::RecursiveMode::NonRecursive)
        .map_err(|e| tracing::warn!(error = %e, error_type = "watch", "cannot watch inbox; relying on rescans"))
        .ok()?;
    Some((w, rx))
}

/// The folder source: claims files and feeds them downstream until stopped (the daemon's
/// decode stage, or `warta nats forward`'s publishers).
pub(crate) async fn source(
    cfg: &Config,
    inbox: Arc<Inbox>,
    once: bool,
    tx: async_channel::Sender<Claimed>,
    mut stop: watch::Receiver<bool>,
    notifier: &crate::service::Notifier,
    stats: &Stats,
) -> Result<()> {
    // Crash recovery: what a previous run claimed is processed first.
    for name in inbox.in_flight()? {
        let c = Claimed {
            display: display_name(&name),
            work_path: inbox.work.join(&name),
            name,
            claimed_at: Instant::now(),
        };
        if !offer(&tx, c, &mut stop).await {
            return Ok(());
        }
    }
    let settle = Duration::from_millis(cfg.inbox.settle_ms);
    if once {
        stats.metrics.watching.store(true, Ordering::Relaxed);
        stats.ready.store(true, Ordering::Relaxed);
        notifier.send("READY=1");
        scan(&inbox, Duration::ZERO, &HashMap::new(), &tx, &mut stop).await?;
        return Ok(());
    }
    let mut root_id = dir_id(&inbox.root);
    let mut watcher = watch(&inbox.root);
    // The watch is live: whatever arrives from now on is seen, and the scan below takes what
    // was already there.
    stats
        .metrics
        .watching
        .store(watcher.is_some(), Ordering::Relaxed);
    stats.ready.store(true, Ordering::Relaxed);
    notifier.send("READY=1");
    // Names with write activity and no close seen yet: a scan leaves them until they settle.
    let mut open: HashMap<OsString, Instant> = HashMap::new();
    // When some file was too fresh to take, one rescan is due at this instant. It is set
    // once and not pushed back by later events, so a busy folder still gets its rescan.
    let mut recheck_at = None;
    let fresh = scan(&inbox, settle, &open, &tx, &mut stop).await?;
    schedule(&mut recheck_at, fresh, settle);
    let mut tick = tokio::time::interval(Duration::from_secs(cfg.inbox.rescan_secs));
    tick.tick().await;
    loop {
        if *stop.borrow() {
            break;
        }
        tokio::select! {
            _ = stop.changed() => break,
            _ = tick.tick() => {
                let now_id = dir_id(&inbox.root);
                if now_id != root_id && now_id.is_some() {
                    tracing::warn!(error_type = "watch", "inbox folder was replaced; watching the new one");
                    let _ = Inbox::open(&inbox.root);
                    watcher = watch(&inbox.root);
                    root_id = now_id;
                }
                open.retain(|_, t| t.elapsed() < OPEN_STALE);
                let fresh = scan(&inbox, settle, &open, &tx, &mut stop).await?;
                schedule(&mut recheck_at, fresh, settle);
            }
            _ = tokio::time::sleep_until(recheck_at.unwrap_or_else(tokio::time::Instant::now)), if recheck_at.is_some() => {
                recheck_at = None;
                let fresh = scan(&inbox, settle, &open, &tx, &mut stop).await?;
                schedule(&mut recheck_at, fresh, settle);
            }
            ev = async {
                match watcher.as_mut() {
                    Some((_, rx)) => rx.recv().await,
                    None => std::future::pending().await,
                }
            } => {
                match ev {
                    None => watcher = None,
                    Some(Err(e)) => {
                        tracing::warn!(error = %e, error_type = "watch", "watcher error or overflow; rescanning");
                        let fresh = scan(&inbox, settle, &open, &tx, &mut stop).await?;
                schedule(&mut recheck_at, fresh, settle);
                    }
                    Some(Ok(ev)) => {
                        if ev.need_rescan() {
                            tracing::warn!(error_type = "watch", "watcher overflow; rescanning");
                            let fresh = scan(&inbox, settle, &open, &tx, &mut stop).await?;
                schedule(&mut recheck_at, fresh, settle);
                            continue;
                        }
                        if !handle_event(&inbox, ev, &mut open, &tx, &mut stop).await {
                            break;
                        }
                        schedule(&mut recheck_at, !open.is_empty(), settle);
                    }
                }
            }
        }
    }
    drop(watcher);
    Ok(())
}

fn schedule(at: &mut Option<tokio::time::Instant>, needed: bool, settle: Duration) {
    if needed && at.is_none() {
        // A little past the settle time, so the files it waits for have settled.
        *at = Some(tokio::time::Instant::now() + settle + Duration::from_millis(50));
    }
}

/// Acts on one notify event: a close-after-write or a rename into the inbox is a complete
/// file, claimed now; other activity marks the name as being written.
async fn handle_event(
    inbox: &Inbox,
    ev: notify::Event,
    open: &mut HashMap<OsString, Instant>,
    tx: &async_channel::Sender<Claimed>,
    stop: &mut watch::Receiver<bool>,
) -> bool {
    use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind, RenameMode};
    tracing::trace!(event = ?ev.kind, paths = ?ev.paths, "inbox event");
    let complete = matches!(
        ev.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    );
    let activity = matches!(
        ev.kind,
        EventKind::Create(CreateKind::File | CreateKind::Any)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any)
    );
    let paths: Vec<PathBuf> = if matches!(
        ev.kind,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both))
    ) {
        ev.paths.last().cloned().into_iter().collect()
    } else {
        ev.paths
    };
    for p in paths {
        if p.parent() != Some(inbox.root.as_path()) {
            continue;
        }
        let Some(name) = p.file_name().map(|n| n.to_os_string()) else {
            continue;
        };
        if !eligible(&name) {
            continue;
        }
        // A regular file being written is taken at its close. Anything else that appears
        // (a symlink, FIFO, socket, folder or hard link) will never be "closed after write":
        // it is taken now, to be rejected.
        let being_written = || {
            std::fs::symlink_metadata(&p).is_ok_and(|m| {
                use std::os::unix::fs::MetadataExt;
                m.file_type().is_file() && m.nlink() == 1
            })
        };
        if activity && being_written() {
            open.insert(name, Instant::now());
            continue;
        }
        if complete || activity {
            open.remove(&name);
            if let Some(c) = claim(inbox, name) {
                if !offer(tx, c, stop).await {
                    return false;
                }
            }
        }
    }
    true
}

fn claim(inbox: &Inbox, name: OsString) -> Option<Claimed> {
    match inbox.claim(&name) {
        Ok(Some(work_path)) => Some(Claimed {
            display: display_name(&name),
            name,
            work_path,
            claimed_at: Instant::now(),
        }),
        Ok(None) => None,
        Err(e) => {
            tracing::warn!(file = %display_name(&name), error = %e, error_type = "io", stage = "claim", "cannot claim file; it stays in the inbox");
            None
        }
    }
}

/// Sends a claim downstream, waiting for room (backpressure) unless stopped. A claim
/// dropped at shutdown stays in `.work/` and is re-queued at the next start.
async fn offer(
    tx: &async_channel::Sender<Claimed>,
    c: Claimed,
    stop: &mut watch::Receiver<bool>,
) -> bool {
    if *stop.borrow() {
        return false;
    }
    tokio::select! {
        r = tx.send(c) => r.is_ok(),
        _ = stop.changed() => false,
    }
}

/// Streams the inbox and claims every eligible file that has settled. Returns whether some
/// file was too fresh (the caller rescans after `settle`).
async fn scan(
    inbox: &Inbox,
    settle: Duration,
    open: &HashMap<OsString, Instant>,
    tx: &async_channel::Sender<Claimed>,
    stop: &mut watch::Receiver<bool>,
) -> Result<bool> {
    let rd = match std::fs::read_dir(&inbox.root) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            tracing::warn!(error = %e, error_type = "watch", "inbox folder is missing; waiting for it");
            return Ok(false);
        }
        Err(e) => return Err(Error::io(&inbox.root, e)),
    };
    let mut fresh = false;
    for entry in rd {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        if !eligible(&name) {
            continue;
        }
        if !settle.is_zero() {
            // Written to and not closed yet: a slow writer pausing longer than `settle` is
            // still writing. Only a long silence (a close we missed) lets the scan take it.
            if open.get(&name).is_some_and(|t| t.elapsed() < OPEN_STALE) {
                fresh = true;
                continue;
            }
            let age = entry
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok());
            if age.is_some_and(|a| a < settle) {
                fresh = true;
                continue;
            }
        }
        if let Some(c) = claim(inbox, name) {
            if !offer(tx, c, stop).await {
                return Ok(false);
            }
        }
    }
    Ok(fresh)
}
