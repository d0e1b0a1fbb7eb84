//! Integration tests: the real binary on temp inboxes and outboxes.

mod util;

mod cli;
mod daemon;
mod formats;
mod gold;
mod schema;
mod service;
mod topics;
