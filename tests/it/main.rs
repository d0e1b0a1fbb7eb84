//! Integration tests: the real binary on temp inboxes and outboxes.

mod util;

mod cli;
mod crash;
mod daemon;
mod devset;
mod formats;
mod gold;
mod hostile;
mod nats;
mod props;
mod schema;
mod service;
mod topics;
