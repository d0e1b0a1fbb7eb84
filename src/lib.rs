//! warta: a streaming news-feed processor. Article files dropped into an inbox are decoded,
//! cleaned, tagged and classified, and one enriched JSON document per article lands in the
//! outbox (schema `warta.article.v1`, see `CONTRACT.md` of the project).
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
pub mod outbox;
pub mod rules;
pub mod tag;
