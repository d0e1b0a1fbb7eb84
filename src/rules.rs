//! The knowledge bundle: language packs, gazetteer, date patterns, cleaning, tagging and
//! topic rules, compiled once and shared (`Arc<Rules>`) by every worker. [`Rules::enrich`]
//! runs clean → tag → classify on one decoded article.
//!
//! Invariant: `enrich` is pure apart from the optional [`Learner`], which only ever hides
//! lines from the same outlet; it never fails and never panics.

use crate::article::{Article, Doc, Source, SCHEMA, VERSION};
use crate::classify::Classifier;
use crate::clean::{Cleaned, Cleaner, Learner};
use crate::config::RulesConfig;
use crate::dates::{date_of, DateRules};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::lang::Languages;
use crate::tag::{Tagger, Tags};
use regex::Regex;

/// Compiles a pattern built from the rules' own data. A pattern a language pack made
/// invalid never matches rather than failing the whole load.
pub(crate) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern)
        .or_else(|_| Regex::new("$^"))
        .unwrap_or_else(|_| unreachable!("the empty-language pattern compiles"))
}

#[derive(Debug)]
pub struct Rules {
    pub langs: Languages,
    pub gazetteer: Gazetteer,
    pub dates: DateRules,
    pub cleaner: Cleaner,
    pub tagger: Tagger,
    pub classifier: Classifier,
}

fn read_all(paths: &[std::path::PathBuf]) -> Result<Vec<(String, String)>> {
    paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .map(|t| (p.display().to_string(), t))
                .map_err(|e| Error::io(p, e))
        })
        .collect()
}

impl Rules {
    /// Built-in rules only.
    pub fn builtin() -> Result<Rules> {
        Rules::load(&RulesConfig::default())
    }

    /// Built-ins plus the files the config names.
    pub fn load(cfg: &RulesConfig) -> Result<Rules> {
        let langs = Languages::load(&read_all(&cfg.language_files)?)?;
        let gazetteer = Gazetteer::load(&read_all(&cfg.gazetteer_files)?)?;
        let classifier = Classifier::load(&langs, &read_all(&cfg.topic_files)?)?;
        Ok(Rules {
            dates: DateRules::new(&langs),
            cleaner: Cleaner::new(&langs),
            tagger: Tagger::new(&langs),
            classifier,
            gazetteer,
            langs,
        })
    }

    pub fn clean(&self, doc: &Doc, learner: Option<&Learner>, debug: bool) -> Cleaned {
        self.cleaner.clean(
            doc,
            &self.langs,
            &self.dates,
            &self.gazetteer,
            learner,
            debug,
        )
    }

    pub fn tag(&self, c: &Cleaned, text: &str) -> Tags {
        let published = c.published.as_deref().and_then(date_of);
        let cx = crate::tag::Context {
            title: c.title.as_deref(),
            language: c.language.as_deref(),
            own_outlet: c.outlet.as_deref(),
            published,
            dateline: c.dateline.as_deref(),
        };
        let mut tags = self.tagger.tag(text, &cx, &self.gazetteer, &self.dates);
        if let Some(d) = c.dateline.as_deref() {
            self.tagger
                .add_dateline(&mut tags, d, text, &self.gazetteer);
        }
        tags
    }

    /// clean → tag → classify.
    pub fn enrich(&self, doc: Doc, file: &str, learner: Option<&Learner>, debug: bool) -> Article {
        let cleaned = self.clean(&doc, learner, debug);
        let text = cleaned.text();
        let tags = self.tag(&cleaned, &text);
        let (topics, events) = self
            .classifier
            .classify(cleaned.title.as_deref(), &text, &tags);
        Article {
            schema: SCHEMA,
            id: doc.id,
            source: Source {
                file: file.to_string(),
                format: doc.format,
                item: doc.item,
                url: doc.url,
                outlet: cleaned.outlet,
            },
            language: cleaned.language,
            title: cleaned.title,
            subtitle: cleaned.subtitle,
            author: cleaned.author,
            published: cleaned.published,
            published_local: cleaned.published_local,
            dateline: cleaned.dateline,
            text,
            cleaning: cleaned.report,
            entities: tags.entities,
            cited_sources: tags.cited_sources,
            dates: tags.dates,
            topics,
            events,
            processed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            warta_version: VERSION,
        }
    }
}

/// The built-in rules, compiled once for all unit tests.
#[cfg(test)]
pub(crate) fn test_rules() -> &'static Rules {
    static R: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    R.get_or_init(|| Rules::builtin().expect("rules"))
}
