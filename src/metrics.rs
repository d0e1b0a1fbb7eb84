//! Prometheus metrics and health endpoints (opt-in: `--metrics ADDR` or `[metrics] addr`).
//!
//! `/metrics` (text exposition format), `/healthz` (the process answers: 200) and `/readyz`
//! (200 once the inbox watch is live, or for a broker worker while it is connected, and the
//! last outbox write succeeded, 503 otherwise).
//! The server is its own task and only reads atomics and channel lengths, so a slow or
//! hostile scraper cannot slow the pipeline.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::Registry;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ErrorTypeLabel {
    pub error_type: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct TopicLabel {
    pub topic: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StageLabel {
    pub stage: &'static str,
}

fn stage_histogram() -> Histogram {
    // 50 µs … ~13 s: per-article enrichment at the low end, a slow disk sync at the top.
    Histogram::new(exponential_buckets(0.00005, 4.0, 10))
}

/// What a broker worker adds: its own acks and naks, and the consumer's counts as the
/// broker last reported them (polled every few seconds).
#[derive(Debug, Default)]
pub struct BrokerMetrics {
    pub connected: Gauge,
    pub acked: Counter,
    pub nakked: Counter,
    pub redelivered: Counter,
    pub pending: Gauge,
    pub in_flight: Gauge,
    pub dead_lettered: Gauge,
}

impl BrokerMetrics {
    fn register(&self, r: &mut Registry) {
        r.register(
            "warta_broker_connected",
            "1 while the worker is connected to the broker",
            self.connected.clone(),
        );
        r.register(
            "warta_broker_inputs_acked",
            "Inputs this worker acked (all outputs or the dead letter stored)",
            self.acked.clone(),
        );
        r.register(
            "warta_broker_inputs_nakked",
            "Inputs this worker handed back for redelivery",
            self.nakked.clone(),
        );
        r.register(
            "warta_broker_redeliveries",
            "Inputs this worker received on a second or later delivery",
            self.redelivered.clone(),
        );
        r.register(
            "warta_broker_pending",
            "Inputs on the broker not yet handed to any worker",
            self.pending.clone(),
        );
        r.register(
            "warta_broker_in_flight",
            "Inputs handed to workers and not yet acked, over all workers",
            self.in_flight.clone(),
        );
        r.register(
            "warta_broker_dead_letters",
            "Messages in the dead-letter stream",
            self.dead_lettered.clone(),
        );
    }
}

/// Every metric warta exports, updated by the pipeline.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    pub written: Counter,
    pub rejected: Family<ErrorTypeLabel, Counter>,
    pub topics: Family<TopicLabel, Counter>,
    pub stage_seconds: Family<StageLabel, Histogram, fn() -> Histogram>,
    pub queue_depth: Family<StageLabel, Gauge>,
    pub inbox_waiting: Gauge,
    pub last_write: Gauge<f64, AtomicU64>,
    /// Broker mode (`--source nats`); zero in folder mode.
    pub broker: BrokerMetrics,
    /// The inbox watch is live (or `--once` started); for a broker worker, connected.
    pub watching: AtomicBool,
    /// The last outbox commit succeeded (or none was tried yet).
    pub writes_ok: AtomicBool,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::default();
        let written = Counter::default();
        let rejected = Family::<ErrorTypeLabel, Counter>::default();
        let topics = Family::<TopicLabel, Counter>::default();
        let stage_seconds =
            Family::<StageLabel, Histogram, fn() -> Histogram>::new_with_constructor(
                stage_histogram as fn() -> Histogram,
            );
        let queue_depth = Family::<StageLabel, Gauge>::default();
        let inbox_waiting = Gauge::default();
        let last_write = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "warta_articles_written",
            "Articles written to the outbox",
            written.clone(),
        );
        registry.register(
            "warta_articles_rejected",
            "Input files rejected, by error type",
            rejected.clone(),
        );
        registry.register(
            "warta_topic_articles",
            "Articles written with each topic",
            topics.clone(),
        );
        registry.register(
            "warta_stage_seconds",
            "Time spent per item in each stage",
            stage_seconds.clone(),
        );
        registry.register(
            "warta_queue_depth",
            "Items waiting in the queue before each stage",
            queue_depth.clone(),
        );
        registry.register(
            "warta_inbox_waiting",
            "Files waiting in the inbox at the last scan",
            inbox_waiting.clone(),
        );
        registry.register(
            "warta_last_write_timestamp_seconds",
            "Unix time of the last successful outbox commit",
            last_write.clone(),
        );
        registry.register(
            "warta_build",
            "Build information",
            Info::new(vec![("version", crate::article::VERSION)]),
        );
        let broker = BrokerMetrics::default();
        broker.register(&mut registry);
        Metrics {
            registry,
            broker,
            written,
            rejected,
            topics,
            stage_seconds,
            queue_depth,
            inbox_waiting,
            last_write,
            watching: AtomicBool::new(false),
            writes_ok: AtomicBool::new(true),
        }
    }
}

impl Metrics {
    pub fn observe(&self, stage: &'static str, seconds: f64) {
        self.stage_seconds
            .get_or_create(&StageLabel { stage })
            .observe(seconds);
    }

    pub fn encode(&self) -> String {
        let mut s = String::new();
        if prometheus_client::encoding::text::encode(&mut s, &self.registry).is_err() {
            s.clear();
        }
        s
    }

    pub fn ready(&self) -> bool {
        self.watching.load(Ordering::Relaxed) && self.writes_ok.load(Ordering::Relaxed)
    }
}

/// Binds the metrics address; a taken port is a config error naming `metrics.addr`.
pub async fn bind(addr: &str) -> crate::error::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| crate::error::Error::Config {
            path: "metrics.addr".into(),
            message: format!("cannot listen on {addr}: {e}"),
        })
}

/// Queue lengths read at scrape time.
pub type DepthProbe = Box<dyn Fn() -> [(&'static str, usize); 3] + Send + Sync>;

/// Serves the endpoints on an already bound listener until the process ends.
pub fn serve(
    listener: tokio::net::TcpListener,
    stats: Arc<crate::daemon::Stats>,
    depths: DepthProbe,
    outbox: Option<std::path::PathBuf>,
) {
    use axum::http::StatusCode;
    use axum::routing::get;
    let depths = Arc::new(depths);
    let (m, metrics) = (stats.clone(), stats);
    let app = axum::Router::new()
        .route(
            "/metrics",
            get(move || {
                let (m, depths) = (m.clone(), depths.clone());
                async move {
                    for (stage, n) in depths() {
                        m.metrics
                            .queue_depth
                            .get_or_create(&StageLabel { stage })
                            .set(n as i64);
                    }
                    (
                        [("content-type", "text/plain; version=0.0.4; charset=utf-8")],
                        m.metrics.encode(),
                    )
                }
            }),
        )
        .route("/healthz", get(|| async { (StatusCode::OK, "ok\n") }))
        .route(
            "/readyz",
            get(move || {
                let (m, outbox) = (metrics.clone(), outbox.clone());
                async move {
                    if m.metrics.ready() && outbox.as_deref().is_none_or(writable) {
                        (StatusCode::OK, "ready\n")
                    } else {
                        (StatusCode::SERVICE_UNAVAILABLE, "not ready\n")
                    }
                }
            }),
        );
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, error_type = "io", "metrics server stopped");
        }
    });
}

fn writable(dir: &std::path::Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    if !dir.is_dir() {
        return false;
    }
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: access(2) with a valid NUL-terminated path.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}
