//! warta: a streaming news-feed processor. Article files dropped into an inbox are decoded,
//! cleaned, tagged and classified; one enriched JSON document per article (schema
//! `warta.article.v1`) lands in the outbox.
//!
//! # Entry points
//!
//! - [`daemon::run`]: the daemon (`warta run`), a source and stages joined by bounded queues;
//!   [`daemon::process_file`]: one file, no ledger (`warta process`).
//! - [`nats::run_worker`]: a worker on the NATS JetStream broker (`warta run --source nats`);
//!   [`nats::init`], [`nats::publish_paths`], [`nats::forward`]: `warta nats …`.
//! - [`rules::Rules::enrich`]: clean → tag → classify on one decoded [`article::Doc`].
//! - [`eval::evaluate_set`]: clean, tag and classify figures on a labelled folder such as
//!   `benches/real/` (`warta eval`); [`eval::evaluate`]: topics on a JSON Lines set.
//!
//! # Code map
//!
//! - [`inbox`]: the directory ledger (`inbox/`, `.work/`, `.processed/`, `.failed/`), claims
//!   by rename, bounded and type-checked reads. Invariant: never follows a symlink, never
//!   blocks on a FIFO, never replaces a file by renaming onto it.
//! - [`decode`]: bytes → [`article::Doc`]s for text, HTML, JSON, JSON Lines, RSS and Atom;
//!   encodings detected. Invariant: pure; every rejection carries a bounded
//!   [`error::ErrorKind`].
//! - [`html`]: main-content extraction and page metadata (trafilatura crate, depth-guarded).
//! - [`clean`]: the story and nothing else, plus title, author, dateline, publication date
//!   and outlet; its `dump` part finds the story's blocks in a whole rendered page by line
//!   shape. Invariant: pure and total, never grows the text.
//! - [`tag`] with [`gazetteer`] and [`dates`]: people, places, organisations, cited outlets
//!   and dates with canonical names. Invariant: pure and total.
//! - [`classify`]: topics with scores, evidence and events. Invariant: pure and total.
//! - [`lang`]: language packs, the per-language words every stage uses (data, not code).
//! - [`rules`]: the compiled knowledge bundle shared by all workers.
//! - [`outbox`]: temp file → group `syncfs` → rename (made durable by the next `syncfs` or a
//!   folder sync); a visible output is always complete.
//! - [`nats`]: the broker source and sink: streams `WARTA_IN`, `WARTA_OUT`, `WARTA_FAILED`,
//!   publishing, forwarding, the worker. Invariant: an input is acked only after the broker
//!   acked all its outputs or its dead letter; secrets never reach a log.
//! - [`service`]: the inbox lock, `status`, `retry`/`reprocess`, sd_notify;
//!   [`metrics`]: Prometheus `/metrics`, `/healthz`, `/readyz`.
//! - [`eval`]: scoring against labelled articles by the rules of the labelling guide, per
//!   language and split. Invariant: writes nothing; a test split's errors are not listed
//!   unless asked for.
//! - [`config`], [`logging`], [`error`], [`article`]: configuration, log setup, typed errors,
//!   the output schema.
//!
//! Knowledge (lexicons, gazetteer, topic cues) lives in `data/` and is embedded with
//! `include_str!`; the config can add files without code.
pub mod article;
pub mod classify;
pub mod clean;
pub mod config;
pub mod daemon;
pub mod dates;
pub mod decode;
pub mod error;
pub mod eval;
pub mod gazetteer;
pub mod html;
pub mod inbox;
pub mod lang;
pub mod logging;
pub mod metrics;
pub mod nats;
pub mod outbox;
pub mod rules;
pub mod service;
pub mod tag;
