//! Integration tests: the real binary on temp inboxes and outboxes.

mod util;

mod cli;
mod daemon;
mod formats;
mod gold;
mod topics;
