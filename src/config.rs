//! Configuration: a TOML file (every key optional, unknown keys are an error naming the key),
//! then command-line flags on top. `warta.example.toml` documents every key and is tested
//! to parse into the defaults.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub inbox: InboxConfig,
    pub outbox: OutboxConfig,
    pub pipeline: PipelineConfig,
    pub limits: Limits,
    pub log: LogConfig,
    pub clean: CleanConfig,
    pub rules: RulesConfig,
    pub metrics: MetricsConfig,
    pub source: SourceConfig,
    pub sink: SinkConfig,
    pub nats: NatsConfig,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SourceConfig {
    /// `folder` (the inbox) or `nats` (a worker on the `WARTA_IN` stream).
    pub kind: String,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SinkConfig {
    /// `folder` (the outbox) or `nats` (the `WARTA_OUT` stream). Unset: the source's kind.
    pub kind: Option<String>,
}

/// A secret from the config or the environment: never printed, not even by `Debug`.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"***\"")
    }
}

/// The broker (issue: scale-out). Every secret may come from the environment instead:
/// `WARTA_NATS_URL`, `WARTA_NATS_TOKEN`, `WARTA_NATS_USER`, `WARTA_NATS_PASSWORD`,
/// `WARTA_NATS_NKEY`, `WARTA_NATS_CREDS`, `WARTA_NATS_TLS_CA`, `WARTA_NATS_TLS_CERT`,
/// `WARTA_NATS_TLS_KEY` (the environment wins).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct NatsConfig {
    /// Server URL(s), comma-separated; no credentials in it (they would reach the logs).
    pub url: String,
    pub token: Option<Secret>,
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// An NKey seed (`SU...`).
    pub nkey: Option<Secret>,
    /// A `.creds` file (JWT and NKey seed).
    pub credentials: Option<PathBuf>,
    /// Require TLS; with `tls_ca`, trust only that CA; with `tls_cert` + `tls_key`, mutual TLS.
    pub tls: bool,
    pub tls_ca: Option<PathBuf>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// The durable pull consumer every worker shares.
    pub consumer: String,
    /// Most messages asked for in one pull (never more than the free room in the queue).
    pub fetch_batch: usize,
    /// Most messages handed out and not yet acked, over all workers.
    pub max_ack_pending: i64,
    /// A message not acked (nor marked in progress) for this long is redelivered.
    pub ack_wait_secs: u64,
    /// Deliveries before a message is dead-lettered as `redelivered`.
    pub max_deliver: i64,
    /// `Nats-Msg-Id` de-duplication window of `WARTA_IN` and `WARTA_OUT`.
    pub duplicate_window_secs: u64,
}

impl Default for SourceConfig {
    fn default() -> Self {
        SourceConfig {
            kind: "folder".into(),
        }
    }
}

impl Default for NatsConfig {
    fn default() -> Self {
        NatsConfig {
            url: "nats://127.0.0.1:4222".into(),
            token: None,
            user: None,
            password: None,
            nkey: None,
            credentials: None,
            tls: false,
            tls_ca: None,
            tls_cert: None,
            tls_key: None,
            consumer: "warta".into(),
            fetch_batch: 64,
            max_ack_pending: 1024,
            ack_wait_secs: 30,
            max_deliver: 5,
            duplicate_window_secs: 600,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// Serve /metrics, /healthz and /readyz here (e.g. "127.0.0.1:9464"). Unset: off.
    pub addr: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct InboxConfig {
    /// Folder watched for new files.
    pub path: PathBuf,
    /// A file found by a scan (not announced by close-after-write or rename) is taken only
    /// once it has not changed for this long, so a slow writer is not read half-way.
    pub settle_ms: u64,
    /// Full rescan period: events are hints, the scan is the truth.
    pub rescan_secs: u64,
    /// Move inputs to `.processed/` (default) or delete them once their output is durable.
    pub delete_processed: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct OutboxConfig {
    pub path: PathBuf,
    /// Make every output durable (sync) before its input is marked processed. Turning it off
    /// trades crash safety of the last seconds for speed; restarts still never duplicate.
    pub sync: bool,
    /// Most articles committed with one sync.
    pub batch_max: usize,
    /// How long the writer may wait for more articles before committing a batch. A lone
    /// article never waits longer than this.
    pub batch_window_ms: u64,
    /// Pretty-print output JSON.
    pub pretty: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineConfig {
    /// Depth of each bounded queue between stages; the writer's is at least
    /// `outbox.batch_max`.
    pub queue_depth: usize,
    /// Concurrent workers for the read+decode stage (IO bound).
    pub decode_workers: usize,
    /// Concurrent workers for the enrich stages (clean → tag → classify; CPU bound).
    pub enrich_workers: usize,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Larger files are rejected without being read.
    pub max_file_bytes: u64,
    /// More articles in one file (feed items, JSON Lines) and the file is rejected.
    pub max_items_per_file: usize,
    /// Article bodies are cut at this many bytes before cleaning.
    pub max_text_bytes: usize,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// `auto` (JSON when stderr is not a terminal), `json` or `text`.
    pub format: String,
    /// Level or `RUST_LOG`-style filter; `RUST_LOG` wins when set.
    pub level: String,
    /// Also write JSON lines to this file, rotated daily.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CleanConfig {
    /// List every removed line with the rule that removed it in `cleaning.removed`.
    pub debug: bool,
    /// Learn lines that recur across many articles of one outlet (bounded memory).
    pub learn: bool,
    /// Persist learned boilerplate here across restarts (`None`: memory only).
    pub learn_state: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RulesConfig {
    /// Extra language packs (same format as `data/lang/*.toml`); a code already known replaces it.
    pub language_files: Vec<PathBuf>,
    /// Extra gazetteer files; the kind is taken from the file name (`places`, `people`,
    /// `organizations`, `outlets`, optionally with a suffix such as `people-local.tsv`).
    pub gazetteer_files: Vec<PathBuf>,
    /// Extra topic definitions (same format as `data/topics/*.toml`); a name already known replaces it.
    pub topic_files: Vec<PathBuf>,
}

impl Default for InboxConfig {
    fn default() -> Self {
        InboxConfig {
            path: PathBuf::from("inbox"),
            settle_ms: 1000,
            rescan_secs: 30,
            delete_processed: false,
        }
    }
}

impl Default for OutboxConfig {
    fn default() -> Self {
        OutboxConfig {
            path: PathBuf::from("outbox"),
            sync: true,
            batch_max: 512,
            batch_window_ms: 0,
            pretty: false,
        }
    }
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            queue_depth: 256,
            decode_workers: 2,
            enrich_workers: 2,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 16 * 1024 * 1024,
            max_items_per_file: 10_000,
            max_text_bytes: 1024 * 1024,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            format: "auto".into(),
            level: "info".into(),
            file: None,
        }
    }
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            debug: false,
            learn: true,
            learn_state: None,
        }
    }
}

impl Config {
    /// Parses TOML text; `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Config> {
        let cfg: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: origin.to_path_buf(),
            message: e.message().to_string()
                + &e.span()
                    .map(|s| {
                        let line = text.get(..s.start).map(|p| p.lines().count()).unwrap_or(0);
                        format!(" (line {})", line.max(1))
                    })
                    .unwrap_or_default(),
        })?;
        cfg.validate(origin)?;
        Ok(cfg)
    }

    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::from_toml(&text, path)
    }

    /// Values the types allow but the daemon cannot work with.
    pub fn validate(&self, origin: &Path) -> Result<()> {
        let bad = |m: &str| {
            Err(Error::Config {
                path: origin.to_path_buf(),
                message: m.to_string(),
            })
        };
        if self.pipeline.queue_depth == 0 {
            return bad("pipeline.queue_depth must be at least 1");
        }
        if self.pipeline.decode_workers == 0 || self.pipeline.enrich_workers == 0 {
            return bad("pipeline workers must be at least 1");
        }
        if self.outbox.batch_max == 0 {
            return bad("outbox.batch_max must be at least 1");
        }
        if self.limits.max_file_bytes == 0 || self.limits.max_items_per_file == 0 {
            return bad("limits must be at least 1");
        }
        if !["auto", "json", "text"].contains(&self.log.format.as_str()) {
            return bad("log.format must be auto, json or text");
        }
        if let Some(a) = &self.metrics.addr {
            if a.parse::<std::net::SocketAddr>().is_err() {
                return bad(&format!(
                    "metrics.addr {a:?} is not an address like 127.0.0.1:9464"
                ));
            }
        }
        if self.inbox.rescan_secs == 0 {
            return bad("inbox.rescan_secs must be at least 1");
        }
        if !["folder", "nats"].contains(&self.source.kind.as_str()) {
            return bad("source.kind must be folder or nats");
        }
        match self.sink.kind.as_deref() {
            None | Some("folder") => {}
            Some("nats") if self.source.kind == "nats" => {}
            Some("nats") => return bad("sink.kind nats needs source.kind nats"),
            Some(_) => return bad("sink.kind must be folder or nats"),
        }
        let n = &self.nats;
        if n.fetch_batch == 0 || n.max_ack_pending < 1 || n.ack_wait_secs == 0 {
            return bad("nats.fetch_batch, max_ack_pending and ack_wait_secs must be at least 1");
        }
        if n.max_deliver < 2 {
            return bad("nats.max_deliver must be at least 2 (the last delivery dead-letters)");
        }
        if n.url.contains('@') {
            return bad("nats.url must not hold credentials; use nats.user/password or token");
        }
        if n.tls_cert.is_some() != n.tls_key.is_some() {
            return bad("nats.tls_cert and nats.tls_key go together");
        }
        Ok(())
    }

    /// A relative config path resolves against the config file's folder, not the CWD.
    pub fn resolve_relative(&mut self, base: &Path) {
        let fix = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        self.rules.language_files.iter_mut().for_each(fix);
        self.rules.gazetteer_files.iter_mut().for_each(fix);
        self.rules.topic_files.iter_mut().for_each(fix);
        for p in [
            &mut self.nats.credentials,
            &mut self.nats.tls_ca,
            &mut self.nats.tls_cert,
            &mut self.nats.tls_key,
        ]
        .into_iter()
        .flatten()
        {
            fix(p);
        }
    }

    /// The sink in effect: the configured one, else the source's kind.
    pub fn sink_kind(&self) -> &str {
        self.sink.kind.as_deref().unwrap_or(&self.source.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_example_parses_to_defaults() {
        let text = include_str!("../warta.example.toml");
        let cfg = Config::from_toml(text, Path::new("warta.example.toml")).expect("parses");
        assert_eq!(cfg, Config::default());
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Config::from_toml("[outbox]\nsyncc = true\n", Path::new("c.toml"))
            .expect_err("unknown key");
        let msg = err.to_string();
        assert!(msg.contains("syncc"), "{msg}");
        assert!(msg.contains("c.toml"), "{msg}");
    }

    #[test]
    fn invalid_values_are_refused() {
        for text in [
            "[pipeline]\nqueue_depth = 0\n",
            "[log]\nformat = \"xml\"\n",
            "[outbox]\nbatch_max = 0\n",
        ] {
            assert!(
                Config::from_toml(text, Path::new("c.toml")).is_err(),
                "{text}"
            );
        }
    }
}
