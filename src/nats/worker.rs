//! `warta run --source nats`: one worker on the shared durable pull consumer.
//!
//! ```text
//! fetch (pull ≤ free queue room) ──msgs──▶ enrich ×M (decode → clean → tag → classify)
//!   ──▶ sink: publish to WARTA_OUT and await acks   | or: outbox folder, group commit
//!   ──▶ ack the input once all its articles are acked (nak on failure: redelivered)
//!   bad input, or the max_deliver-th delivery ──▶ WARTA_FAILED with the reason, then ack
//! ```
//!
//! Backpressure: the fetcher asks for at most the free room in the bounded queue, the
//! consumer's `max_ack_pending` bounds what all workers hold, and a held message is marked
//! in progress every third of `ack_wait` so a slow queue does not cause redelivery.
//! Shutdown: the fetcher stops pulling; what was fetched is finished and acked.

use super::{
    broker_err, connect, context, require_streams, HDR_ERROR, HDR_ERROR_TYPE, HDR_FILE, HDR_MSG_ID,
    HDR_TOPICS, STREAM_FAILED, STREAM_IN, STREAM_OUT,
};
use crate::clean::Learner;
use crate::config::Config;
use crate::daemon::{decode_limits, Stats, Summary};
use crate::decode::decode;
use crate::error::{ErrorKind, Rejection, Result};
use crate::outbox::{Outbox, Pending};
use crate::rules::Rules;
use async_nats::jetstream::{self, message::Acker, AckKind};
use bytes::Bytes;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One fetched input until it is acked, nakked or dead-lettered.
struct Ticket {
    acker: Acker,
    file: String,
    msg_id: Option<String>,
    payload: Bytes,
    delivered: i64,
    started: Instant,
    remaining: AtomicUsize,
    failure: Mutex<Option<String>>,
    progress: tokio::task::AbortHandle,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.progress.abort();
    }
}

/// What every task shares.
struct Shared {
    js: jetstream::Context,
    cfg: Config,
    stats: Arc<Stats>,
    max_payload: usize,
    /// Settling tasks in flight (publish acks awaited); bounded by the queue depth.
    settling: Arc<tokio::sync::Semaphore>,
}

enum Sink {
    Broker,
    Folder(async_channel::Sender<(Pending, Vec<String>, Arc<Ticket>)>),
}

/// Runs a worker until `shutdown` resolves. SIGHUP reloads the rules as in folder mode.
pub async fn run(
    cfg: Config,
    rules: Arc<Rules>,
    opts: crate::daemon::RunOptions,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<Summary> {
    let rules = Arc::new(arc_swap::ArcSwap::new(rules));
    crate::daemon::spawn_reload(cfg.clone(), opts.config_path.clone(), rules.clone());
    let stats = Arc::new(Stats::default());
    let connected = stats.clone();
    let client = connect(
        &cfg.nats,
        Some(Arc::new(move |up| {
            connected.metrics.watching.store(up, Ordering::Relaxed);
            connected.metrics.broker.connected.set(i64::from(up));
        })),
    )
    .await?;
    stats.metrics.watching.store(true, Ordering::Relaxed);
    stats.metrics.broker.connected.set(1);
    let max_payload = client.server_info().max_payload;
    let js = context(client);
    let nc = &cfg.nats;
    let [stream, _, _] = require_streams(nc, &js, [STREAM_IN, STREAM_OUT, STREAM_FAILED]).await?;
    let consumer: jetstream::consumer::PullConsumer = stream
        .get_consumer(&nc.consumer)
        .await
        .map_err(|e| broker_err(nc, "get consumer (run `warta nats init`)", e))?;
    let depth = cfg.pipeline.queue_depth;
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let folder = cfg.sink_kind() == "folder";
    let outbox = if folder {
        Some(Arc::new(Outbox::open(&cfg.outbox.path, cfg.outbox.sync)?))
    } else {
        None
    };
    let (in_tx, in_rx) = async_channel::bounded::<Arc<Ticket>>(depth);
    if let Some(addr) = &cfg.metrics.addr {
        let listener = crate::metrics::bind(addr).await?;
        let probe = in_rx.clone();
        let depths: crate::metrics::DepthProbe =
            Box::new(move || [("decode", probe.len()), ("enrich", 0), ("write", 0)]);
        crate::metrics::serve(
            listener,
            stats.clone(),
            depths,
            outbox.as_ref().map(|o| o.dir.clone()),
        );
    }
    let shared = Arc::new(Shared {
        js: js.clone(),
        cfg: cfg.clone(),
        stats: stats.clone(),
        max_payload,
        settling: Arc::new(tokio::sync::Semaphore::new(depth)),
    });
    let (sink, writer) = match &outbox {
        Some(o) => {
            let (tx, rx) = async_channel::bounded(depth.max(cfg.outbox.batch_max));
            let w = tokio::spawn(folder_writer(rx, o.clone(), shared.clone()));
            (Sink::Folder(tx), Some(w))
        }
        None => (Sink::Broker, None),
    };
    let sink = Arc::new(sink);
    tracing::info!(url = %nc.url, consumer = %nc.consumer, sink = if folder { "folder" } else { "nats" }, enrich_workers = cfg.pipeline.enrich_workers, queue_depth = depth, version = crate::article::VERSION, "warta worker started");
    stats.ready.store(true, Ordering::Relaxed);
    let poller = {
        let (nc, js, stats) = (cfg.nats.clone(), js.clone(), stats.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            loop {
                tick.tick().await;
                if let Ok(s) = super::broker_status(&nc, &js).await {
                    let b = &stats.metrics.broker;
                    b.pending.set(s.pending as i64);
                    b.in_flight.set(s.in_flight as i64);
                    b.dead_lettered.set(s.dead_lettered as i64);
                }
            }
        })
    };
    let learner = crate::daemon::open_learner(&cfg);
    let mut workers = Vec::new();
    for _ in 0..cfg.pipeline.enrich_workers {
        let (rx, shared, rules, sink) =
            (in_rx.clone(), shared.clone(), rules.clone(), sink.clone());
        let learner = learner.clone();
        workers.push(tokio::spawn(async move {
            while let Ok(t) = rx.recv().await {
                // A reload swaps the rules between inputs.
                let rules = rules.load_full();
                handle(&shared, &rules, &learner, &sink, t).await;
            }
        }));
    }
    drop(in_rx);

    // The fetcher: pull only what the queue has room for.
    let ack_wait = Duration::from_secs(nc.ack_wait_secs);
    while !*stop_rx.borrow() {
        let room = depth.saturating_sub(in_tx.len()).min(nc.fetch_batch);
        if room == 0 {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(5)) => {}
                _ = stop_rx.changed() => {}
            }
            continue;
        }
        let batch = consumer
            .batch()
            .max_messages(room)
            .expires(Duration::from_secs(1))
            .messages()
            .await;
        let mut batch = match batch {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, error_type = "broker", stage = "fetch", "cannot pull; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                    _ = stop_rx.changed() => {}
                }
                continue;
            }
        };
        // Messages of a started pull are ours: they are taken even when a stop arrives.
        use futures_util::StreamExt;
        while let Some(m) = batch.next().await {
            let m = match m {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(error = %e, error_type = "broker", stage = "fetch", "pull interrupted");
                    break;
                }
            };
            let Some(t) = ticket(m, js.client(), ack_wait) else {
                // A pull consumer's messages always carry a reply subject to ack on.
                tracing::warn!(
                    error_type = "broker",
                    stage = "fetch",
                    "message without a reply subject; it comes back after ack_wait"
                );
                continue;
            };
            if in_tx.send(t).await.is_err() {
                break;
            }
        }
    }
    tracing::info!(
        stage = "fetch",
        "stopping: no more pulls; finishing what was fetched"
    );
    poller.abort();
    drop(in_tx);
    for w in workers {
        let _ = w.await;
    }
    drop(sink);
    if let Some(w) = writer {
        let _ = w.await;
    }
    // Every settling task holds a permit: taking them all waits for the last ack.
    let _ = shared.settling.acquire_many(depth as u32).await;
    crate::daemon::save_learner(&cfg, &learner);
    Ok(stats.summary("warta worker stopped"))
}

/// Wraps a fetched message; starts its in-progress heartbeat.
fn ticket(
    m: jetstream::Message,
    client: async_nats::Client,
    ack_wait: Duration,
) -> Option<Arc<Ticket>> {
    let delivered = m.info().map(|i| i.delivered).unwrap_or(1);
    // `split` moves the reply subject into the acker; the heartbeat needs its own copy.
    let reply = m.reply.clone()?;
    let (msg, acker) = m.split();
    let header = |k: &str| {
        msg.headers
            .as_ref()
            .and_then(|h| h.get(k))
            .map(|v| v.as_str().to_string())
    };
    let file = header(HDR_FILE).unwrap_or_else(|| {
        // No name: the subject's format token stands in for an extension.
        let fmt = msg.subject.rsplit('.').next().unwrap_or("unknown");
        let ext = match fmt {
            "feed" => "xml",
            "text" => "txt",
            other => other,
        };
        format!("message.{ext}")
    });
    let msg_id = header(HDR_MSG_ID);
    let every = (ack_wait / 3).max(Duration::from_millis(200));
    let progress = tokio::spawn(heartbeat(client, reply, every)).abort_handle();
    Some(Arc::new(Ticket {
        acker,
        file,
        msg_id,
        payload: msg.payload,
        delivered,
        started: Instant::now(),
        remaining: AtomicUsize::new(0),
        failure: Mutex::new(None),
        progress,
    }))
}

/// Sends `+WPI` (in progress) on a held message's reply subject until aborted, so a message
/// waiting in a full queue is not redelivered to another worker.
async fn heartbeat(client: async_nats::Client, reply: async_nats::Subject, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.tick().await;
    loop {
        tick.tick().await;
        if client
            .publish(reply.clone(), Bytes::from_static(b"+WPI"))
            .await
            .is_err()
        {
            return;
        }
    }
}

async fn handle(
    shared: &Arc<Shared>,
    rules: &Rules,
    learner: &Learner,
    sink: &Sink,
    t: Arc<Ticket>,
) {
    let cfg = &shared.cfg;
    if t.delivered > 1 {
        shared.stats.metrics.broker.redelivered.inc();
    }
    if t.delivered >= cfg.nats.max_deliver {
        let why = Rejection::new(
            ErrorKind::Redelivered,
            format!(
                "delivered {} times without finishing (a worker crashed, stalled or could not publish each time)",
                t.delivered
            ),
        );
        dead_letter(shared, &t, &why).await;
        return;
    }
    let t0 = Instant::now();
    let docs = match decode(&t.file, &t.payload, &decode_limits(cfg)) {
        Ok(d) => d,
        Err(why) => {
            dead_letter(shared, &t, &why).await;
            return;
        }
    };
    shared
        .stats
        .metrics
        .observe("decode", t0.elapsed().as_secs_f64());
    let mut outs = Vec::with_capacity(docs.len());
    for doc in docs {
        let t1 = Instant::now();
        let a = rules.enrich(
            doc,
            &t.file,
            cfg.clean.learn.then_some(learner),
            cfg.clean.debug,
        );
        shared
            .stats
            .metrics
            .observe("enrich", t1.elapsed().as_secs_f64());
        let mut bytes = if cfg.outbox.pretty {
            serde_json::to_vec_pretty(&a)
        } else {
            serde_json::to_vec(&a)
        }
        .unwrap_or_default();
        bytes.push(b'\n');
        let topics: Vec<String> = a.topics.iter().map(|x| x.name.clone()).collect();
        outs.push((Pending { id: a.id, bytes }, topics));
    }
    t.remaining.store(outs.len(), Ordering::Release);
    match sink {
        Sink::Folder(tx) => {
            for (p, topics) in outs {
                if tx.send((p, topics, t.clone())).await.is_err() {
                    return;
                }
            }
        }
        Sink::Broker => {
            // An article the broker can never take is a property of the input, not a
            // passing failure: dead-letter it now rather than after every redelivery.
            let limit = shared.max_payload.saturating_sub(1024);
            if let Some((p, _)) = outs.iter().find(|(p, _)| p.bytes.len() > limit) {
                let why = Rejection::new(
                    ErrorKind::TooLarge,
                    format!(
                        "article {} is {} bytes of JSON; the broker takes at most {}",
                        p.id,
                        p.bytes.len(),
                        shared.max_payload
                    ),
                );
                dead_letter(shared, &t, &why).await;
                return;
            }
            let mut acks = Vec::with_capacity(outs.len());
            for (p, topics) in outs {
                let subject = format!(
                    "warta.out.{}",
                    topics.first().map(String::as_str).unwrap_or("none")
                );
                let publish = jetstream::message::PublishMessage::build()
                    .payload(p.bytes.into())
                    .message_id(&p.id)
                    .header(HDR_FILE, t.file.as_str())
                    .header(HDR_TOPICS, topics.join(",").as_str());
                match shared.js.send_publish(subject, publish).await {
                    Ok(f) => acks.push((p.id, topics, Some(f))),
                    Err(e) => {
                        fail(&t, e.to_string());
                        acks.push((p.id, topics, None));
                    }
                }
            }
            let Ok(permit) = shared.settling.clone().acquire_owned().await else {
                return;
            };
            let shared = shared.clone();
            tokio::spawn(async move {
                let _permit = permit;
                for (id, topics, f) in acks {
                    if let Some(f) = f {
                        match f.await {
                            Ok(_) => {
                                count_topics(&shared, &topics);
                                written(&shared, &t, &id, &topics);
                            }
                            Err(e) => fail(&t, e.to_string()),
                        }
                    }
                    finish_one(&shared, &t).await;
                }
            });
        }
    }
}

fn count_topics(shared: &Shared, topics: &[String]) {
    for topic in topics {
        shared
            .stats
            .metrics
            .topics
            .get_or_create(&crate::metrics::TopicLabel {
                topic: topic.clone(),
            })
            .inc();
    }
}

fn written(shared: &Shared, t: &Ticket, id: &str, topics: &[String]) {
    shared
        .stats
        .articles_written
        .fetch_add(1, Ordering::Relaxed);
    shared.stats.metrics.written.inc();
    tracing::info!(
        file = %t.file,
        article_id = %id,
        topics = %topics.join(","),
        elapsed_ms = crate::logging::elapsed_ms(t.started),
        stage = "write",
        "article written"
    );
}

fn fail(t: &Ticket, e: String) {
    if let Ok(mut f) = t.failure.lock() {
        f.get_or_insert(e);
    }
}

/// One article of `t` is settled; the last one acks the input (or naks it on failure).
async fn finish_one(shared: &Shared, t: &Ticket) {
    if t.remaining.fetch_sub(1, Ordering::AcqRel) != 1 {
        return;
    }
    let failure = t.failure.lock().ok().and_then(|f| f.clone());
    match failure {
        None => {
            ack(shared, t).await;
            shared.stats.files_processed.fetch_add(1, Ordering::Relaxed);
        }
        Some(e) => {
            tracing::warn!(file = %t.file, error = %e, error_type = "broker", stage = "write", delivered = t.delivered, "outputs not all acked; the input comes back");
            nak(shared, t).await;
        }
    }
}

/// Publishes the input to `WARTA_FAILED` with the reason, then acks it; nak when the
/// broker did not take the dead letter (it comes back).
async fn dead_letter(shared: &Shared, t: &Ticket, why: &Rejection) {
    let mut p = jetstream::message::PublishMessage::build()
        .payload(t.payload.clone())
        .header(HDR_FILE, t.file.as_str())
        .header(HDR_ERROR, why.reason.as_str())
        .header(HDR_ERROR_TYPE, why.kind.as_str());
    if let Some(id) = &t.msg_id {
        p = p.message_id(id);
    }
    let subject = format!("warta.failed.{}", why.kind.as_str());
    let sent = match shared.js.send_publish(subject, p).await {
        Ok(ack) => ack.await.map(|_| ()).map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    match sent {
        Ok(()) => {
            shared.stats.files_rejected.fetch_add(1, Ordering::Relaxed);
            shared
                .stats
                .metrics
                .rejected
                .get_or_create(&crate::metrics::ErrorTypeLabel {
                    error_type: why.kind.as_str().to_string(),
                })
                .inc();
            tracing::warn!(file = %t.file, error = %why.reason, error_type = why.kind.as_str(), stage = "decode", elapsed_ms = crate::logging::elapsed_ms(t.started), "dead-lettered");
            ack(shared, t).await;
        }
        Err(e) => {
            tracing::error!(file = %t.file, error = %e, error_type = "broker", stage = "decode", "cannot dead-letter; the input comes back");
            nak(shared, t).await;
        }
    }
}

async fn ack(shared: &Shared, t: &Ticket) {
    shared.stats.metrics.broker.acked.inc();
    if let Err(e) = t.acker.double_ack().await {
        // Not lost: the input is redelivered and its outputs are republished under the same
        // ids, which the broker drops as duplicates.
        tracing::warn!(file = %t.file, error = %e, error_type = "broker", stage = "ack", "ack not confirmed; the input may come back");
    }
}

async fn nak(shared: &Shared, t: &Ticket) {
    shared.stats.metrics.broker.nakked.inc();
    let delay = Duration::from_millis(500 * t.delivered.clamp(1, 20) as u64);
    if let Err(e) = t.acker.ack_with(AckKind::Nak(Some(delay))).await {
        tracing::warn!(file = %t.file, error = %e, error_type = "broker", stage = "ack", "nak not sent; the input comes back after ack_wait");
    }
}

/// The folder sink: group commit into the outbox, then the inputs whose articles are all
/// durable are acked.
async fn folder_writer(
    rx: async_channel::Receiver<(Pending, Vec<String>, Arc<Ticket>)>,
    outbox: Arc<Outbox>,
    shared: Arc<Shared>,
) {
    let max = shared.cfg.outbox.batch_max;
    while let Ok(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < max {
            match rx.try_recv() {
                Ok(x) => batch.push(x),
                Err(_) => break,
            }
        }
        let pending: Vec<Pending> = batch.iter().map(|(p, _, _)| p.clone()).collect();
        let ob = outbox.clone();
        let t0 = Instant::now();
        let result = tokio::task::spawn_blocking(move || {
            let refs: Vec<&Pending> = pending.iter().collect();
            let c = ob.commit(&refs)?;
            if !c.renames_durable {
                ob.seal()?;
            }
            Ok::<_, crate::error::Error>(())
        })
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r.map_err(|e| e.to_string()));
        let ok = result.is_ok();
        shared.stats.metrics.writes_ok.store(ok, Ordering::Relaxed);
        shared
            .stats
            .metrics
            .observe("write", t0.elapsed().as_secs_f64());
        for (p, topics, t) in batch {
            match &result {
                Ok(()) => {
                    count_topics(&shared, &topics);
                    written(&shared, &t, &p.id, &topics);
                }
                Err(e) => {
                    tracing::error!(error = %e, error_type = ErrorKind::Write.as_str(), stage = "write", "cannot write outputs; the input comes back");
                    fail(&t, e.clone());
                }
            }
            let Ok(permit) = shared.settling.clone().acquire_owned().await else {
                continue;
            };
            let shared = shared.clone();
            tokio::spawn(async move {
                let _permit = permit;
                finish_one(&shared, &t).await;
            });
        }
    }
}
