//! NATS JetStream: the broker source and sink (scale-out over many workers).
//!
//! Three streams carry the same promise the folder makes: every input ends as exactly one
//! output per article or one dead letter with a reason.
//!
//! - `WARTA_IN` (`warta.in.<format>`): work-queue retention, so an input is gone once a
//!   worker acks it; de-duplicated by `Nats-Msg-Id` (the content hash `warta nats publish`
//!   sets). One durable pull consumer is shared by every worker.
//! - `WARTA_OUT` (`warta.out.<primary topic or none>`): one message per article, its
//!   `Nats-Msg-Id` the article id, so a redelivered input republishes without duplicating.
//! - `WARTA_FAILED` (`warta.failed.<error type>`): the original payload with `Warta-Error`
//!   and `Warta-Error-Type` headers.
//!
//! Invariant: an input is acked only after the broker has acked every one of its outputs
//! (or its dead letter). A crash before that redelivers it; ids make the redo idempotent.
//! Secrets come from the config or the environment and are never logged.

mod publish;
mod worker;

pub use publish::{forward, publish_paths, PublishReport};
pub use worker::run as run_worker;

use crate::config::NatsConfig;
use crate::error::{Error, Result};
use async_nats::jetstream;
use std::time::Duration;

pub const STREAM_IN: &str = "WARTA_IN";
pub const STREAM_OUT: &str = "WARTA_OUT";
pub const STREAM_FAILED: &str = "WARTA_FAILED";
pub const HDR_FILE: &str = "Warta-File";
pub const HDR_ERROR: &str = "Warta-Error";
pub const HDR_ERROR_TYPE: &str = "Warta-Error-Type";
pub const HDR_TOPICS: &str = "Warta-Topics";
pub const HDR_MSG_ID: &str = "Nats-Msg-Id";

/// Overlays the `WARTA_NATS_*` environment on the config (the environment wins).
pub fn apply_env(cfg: &mut NatsConfig) {
    use crate::config::Secret;
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(v) = var("WARTA_NATS_URL") {
        cfg.url = v;
    }
    if let Some(v) = var("WARTA_NATS_TOKEN") {
        cfg.token = Some(Secret(v));
    }
    if let Some(v) = var("WARTA_NATS_USER") {
        cfg.user = Some(v);
    }
    if let Some(v) = var("WARTA_NATS_PASSWORD") {
        cfg.password = Some(Secret(v));
    }
    if let Some(v) = var("WARTA_NATS_NKEY") {
        cfg.nkey = Some(Secret(v));
    }
    for (k, slot) in [
        ("WARTA_NATS_CREDS", &mut cfg.credentials),
        ("WARTA_NATS_TLS_CA", &mut cfg.tls_ca),
        ("WARTA_NATS_TLS_CERT", &mut cfg.tls_cert),
        ("WARTA_NATS_TLS_KEY", &mut cfg.tls_key),
    ] {
        if let Some(v) = var(k) {
            *slot = Some(v.into());
        }
    }
}

fn broker_err(cfg: &NatsConfig, what: &'static str, e: impl std::fmt::Display) -> Error {
    Error::Broker {
        url: cfg.url.clone(),
        what,
        message: e.to_string(),
    }
}

/// Connects with the configured authentication and TLS. `events` sees every connection
/// state change (the worker's readiness follows it). A refused first connection is an
/// error at once: a wrong token or an unreachable server must not look like a hang.
pub async fn connect(
    cfg: &NatsConfig,
    events: Option<std::sync::Arc<dyn Fn(bool) + Send + Sync>>,
) -> Result<async_nats::Client> {
    let mut opts = async_nats::ConnectOptions::new()
        .name(format!("warta {}", crate::article::VERSION))
        .connection_timeout(Duration::from_secs(5));
    if let Some(t) = &cfg.token {
        opts = opts.token(t.0.clone());
    }
    if let (Some(u), Some(p)) = (&cfg.user, &cfg.password) {
        opts = opts.user_and_password(u.clone(), p.0.clone());
    }
    if let Some(k) = &cfg.nkey {
        opts = opts.nkey(k.0.clone());
    }
    if let Some(c) = &cfg.credentials {
        opts = opts
            .credentials_file(c)
            .await
            .map_err(|e| Error::io(c, e))?;
    }
    if cfg.tls || cfg.tls_ca.is_some() || cfg.tls_cert.is_some() {
        opts = opts.require_tls(true);
    }
    if let Some(ca) = &cfg.tls_ca {
        opts = opts.add_root_certificates(ca.clone());
    }
    if let (Some(c), Some(k)) = (&cfg.tls_cert, &cfg.tls_key) {
        opts = opts.add_client_certificate(c.clone(), k.clone());
    }
    if let Some(cb) = events {
        opts = opts.event_callback(move |ev| {
            let cb = cb.clone();
            async move {
                match ev {
                    async_nats::Event::Connected => {
                        cb(true);
                        tracing::info!(stage = "broker", "connected to the broker")
                    }
                    async_nats::Event::Disconnected => {
                        cb(false);
                        tracing::warn!(
                            stage = "broker",
                            error_type = "broker",
                            "lost the broker; reconnecting"
                        )
                    }
                    async_nats::Event::Closed => {
                        tracing::info!(stage = "broker", "broker connection closed")
                    }
                    other => tracing::warn!(stage = "broker", error_type = "broker", error = %other, "broker event"),
                }
            }
        });
    }
    let client = opts
        .connect(cfg.url.as_str())
        .await
        .map_err(|e| broker_err(cfg, "connect", e))?;
    Ok(client)
}

/// The JetStream context every command uses: publishes wait for room when too many acks
/// are outstanding instead of failing, and an ack lost to a broker restart fails after 10 s
/// (the input is then redelivered) instead of holding its slot for the default 30 s.
pub fn context(client: async_nats::Client) -> jetstream::Context {
    jetstream::ContextBuilder::new()
        .timeout(Duration::from_secs(10))
        .ack_timeout(Duration::from_secs(10))
        .max_ack_inflight(4096)
        .backpressure_on_inflight(true)
        .build(client)
}

fn stream_configs(cfg: &NatsConfig) -> [jetstream::stream::Config; 3] {
    use jetstream::stream::{Config, DiscardPolicy, RetentionPolicy, StorageType};
    // Every stream refuses new messages when full (the publisher sees it) rather than drop old.
    let stream = |name: &str, description: &str, subject: &str, retention| Config {
        name: name.into(),
        description: Some(description.into()),
        subjects: vec![subject.into()],
        retention,
        storage: StorageType::File,
        discard: DiscardPolicy::New,
        duplicate_window: Duration::from_secs(cfg.duplicate_window_secs),
        ..Default::default()
    };
    [
        stream(
            STREAM_IN,
            "warta: articles to process (work queue)",
            "warta.in.>",
            RetentionPolicy::WorkQueue,
        ),
        stream(
            STREAM_OUT,
            "warta: enriched articles, one per article id",
            "warta.out.>",
            RetentionPolicy::Limits,
        ),
        stream(
            STREAM_FAILED,
            "warta: dead letters with Warta-Error headers",
            "warta.failed.>",
            RetentionPolicy::Limits,
        ),
    ]
}

fn consumer_config(cfg: &NatsConfig) -> jetstream::consumer::pull::Config {
    jetstream::consumer::pull::Config {
        durable_name: Some(cfg.consumer.clone()),
        description: Some("warta workers".into()),
        ack_policy: jetstream::consumer::AckPolicy::Explicit,
        ack_wait: Duration::from_secs(cfg.ack_wait_secs),
        max_deliver: cfg.max_deliver,
        max_ack_pending: cfg.max_ack_pending,
        ..Default::default()
    }
}

/// The named streams, or an error telling the operator to run `warta nats init`.
pub(crate) async fn require_streams<const N: usize>(
    cfg: &NatsConfig,
    js: &jetstream::Context,
    names: [&str; N],
) -> Result<[jetstream::stream::Stream; N]> {
    let mut out = Vec::with_capacity(N);
    for name in names {
        out.push(
            js.get_stream(name)
                .await
                .map_err(|e| broker_err(cfg, "get stream (run `warta nats init`)", e))?,
        );
    }
    out.try_into().map_err(|_| Error::Broker {
        url: cfg.url.clone(),
        what: "get stream",
        message: "stream count".into(),
    })
}

/// Creates or updates the three streams and the workers' consumer; safe to run again.
pub async fn init(cfg: &NatsConfig) -> Result<Vec<String>> {
    let js = context(connect(cfg, None).await?);
    let mut done = Vec::new();
    for sc in stream_configs(cfg) {
        let name = sc.name.clone();
        js.create_or_update_stream(sc)
            .await
            .map_err(|e| broker_err(cfg, "create stream", e))?;
        done.push(format!("stream {name}"));
    }
    let stream = js
        .get_stream(STREAM_IN)
        .await
        .map_err(|e| broker_err(cfg, "get stream", e))?;
    stream
        .create_consumer(consumer_config(cfg))
        .await
        .map_err(|e| broker_err(cfg, "create consumer", e))?;
    done.push(format!("consumer {STREAM_IN}/{}", cfg.consumer));
    Ok(done)
}

/// What `warta status --nats` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BrokerStatus {
    pub url: String,
    /// Inputs in `WARTA_IN` not yet handed to a worker.
    pub pending: u64,
    /// Handed out, not yet acked.
    pub in_flight: u64,
    /// Handed out more than once and not yet acked.
    pub redelivered: u64,
    /// Messages in `WARTA_IN` (pending, in flight, or past `max_deliver`).
    pub inputs_stored: u64,
    /// Articles in `WARTA_OUT`.
    pub outputs: u64,
    /// Dead letters in `WARTA_FAILED`.
    pub dead_lettered: u64,
}

impl BrokerStatus {
    pub fn text(&self) -> String {
        format!(
            "broker {}\n  pending {}\n  in flight {}\n  redelivered {}\n  inputs stored {}\n  outputs {}\n  dead-lettered {}\n",
            self.url,
            self.pending,
            self.in_flight,
            self.redelivered,
            self.inputs_stored,
            self.outputs,
            self.dead_lettered
        )
    }
}

/// Reads the stream and consumer counts.
pub async fn status(cfg: &NatsConfig) -> Result<BrokerStatus> {
    let js = context(connect(cfg, None).await?);
    broker_status(cfg, &js).await
}

pub(crate) async fn broker_status(
    cfg: &NatsConfig,
    js: &jetstream::Context,
) -> Result<BrokerStatus> {
    let count = |name: &'static str| {
        let js = js.clone();
        async move {
            let mut s = js
                .get_stream(name)
                .await
                .map_err(|e| broker_err(cfg, "get stream (run `warta nats init`)", e))?;
            let n = s
                .info()
                .await
                .map_err(|e| broker_err(cfg, "stream info", e))?
                .state
                .messages;
            Ok::<_, Error>((s, n))
        }
    };
    let (stream_in, inputs_stored) = count(STREAM_IN).await?;
    let (_, outputs) = count(STREAM_OUT).await?;
    let (_, dead_lettered) = count(STREAM_FAILED).await?;
    let mut consumer: jetstream::consumer::PullConsumer = stream_in
        .get_consumer(&cfg.consumer)
        .await
        .map_err(|e| broker_err(cfg, "get consumer (run `warta nats init`)", e))?;
    let info = consumer
        .info()
        .await
        .map_err(|e| broker_err(cfg, "consumer info", e))?;
    Ok(BrokerStatus {
        url: cfg.url.clone(),
        pending: info.num_pending,
        in_flight: info.num_ack_pending as u64,
        redelivered: info.num_redelivered as u64,
        inputs_stored,
        outputs,
        dead_lettered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_config_and_secrets_stay_hidden() {
        let mut cfg = NatsConfig {
            token: Some(crate::config::Secret("s3cret".into())),
            ..Default::default()
        };
        assert!(!format!("{cfg:?}").contains("s3cret"));
        // Only names this test owns are touched.
        std::env::set_var("WARTA_NATS_TLS_CA", "/tmp/ca.pem");
        apply_env(&mut cfg);
        std::env::remove_var("WARTA_NATS_TLS_CA");
        assert_eq!(
            cfg.tls_ca.as_deref(),
            Some(std::path::Path::new("/tmp/ca.pem"))
        );
    }

    #[test]
    fn streams_keep_inputs_until_acked_and_refuse_when_full() {
        use jetstream::stream::{DiscardPolicy, RetentionPolicy};
        let [i, o, f] = stream_configs(&NatsConfig::default());
        assert_eq!(i.retention, RetentionPolicy::WorkQueue);
        assert_eq!(o.retention, RetentionPolicy::Limits);
        assert_eq!(f.subjects, vec!["warta.failed.>".to_string()]);
        for s in [&i, &o, &f] {
            assert_eq!(s.discard, DiscardPolicy::New, "{}", s.name);
        }
        let c = consumer_config(&NatsConfig::default());
        assert_eq!(c.max_deliver, 5);
        assert_eq!(c.ack_policy, jetstream::consumer::AckPolicy::Explicit);
    }
}
