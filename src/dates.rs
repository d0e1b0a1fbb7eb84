//! Dates in text: publication stamps ("Minggu, 13 November 2022 - 19:40 WIB",
//! "01 Juli 2023 09:46", RFC 3339) and every date an article mentions ("Selasa (29/8/2023)",
//! "30 Juni 2023", "June 30, 2023", "4 Juli", "kemarin", "last Tuesday"), normalised to ISO.
//! Month, weekday, relative and time-zone words come from the language packs.
//!
//! Invariant: never panics; an impossible date (31/2) is skipped, not guessed.

use crate::article::DateMention;
use crate::lang::Languages;
use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;

/// Compiled date patterns for a set of languages.
#[derive(Debug, Clone)]
pub struct DateRules {
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    timezones: HashMap<String, i32>,
    /// day month [year], with an optional weekday before; the day may take a dot ("12. Mai").
    dmy: Regex,
    /// month day[, year] (English order).
    mdy: Regex,
    /// numeric d/m/y with an optional weekday before ("Selasa (29/8/2023)").
    numeric: Regex,
    /// ISO yyyy-mm-dd.
    iso: Regex,
    /// Relative phrases: fixed day or week offsets, or a weekday with a past/future word.
    relative: Option<Regex>,
    rel_days: HashMap<String, i64>,
    rel_weeks: HashMap<String, i64>,
    past_words: Vec<String>,
    future_words: Vec<String>,
    /// hh:mm [tz] after a date, for publication stamps.
    time: Regex,
}

/// Longest-first regex alternation of literal words (so "pekan lalu" wins over "pekan").
pub(crate) fn alternation(words: impl Iterator<Item = String>) -> String {
    let mut v: Vec<String> = words.filter(|w| !w.is_empty()).collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

impl DateRules {
    pub fn new(langs: &Languages) -> DateRules {
        let months = alternation(langs.months.keys().cloned());
        let wd = alternation(langs.weekdays.keys().cloned());
        let tz = alternation(langs.timezones.keys().cloned());
        let build = crate::rules::regex;
        // Digits are `[0-9]`, not `\d`: only ASCII digits parse as numbers, and the Unicode
        // class makes every capturing search several times slower.
        let dmy = build(&format!(
            r"(?i)(?-u:\b)(?:({wd})(?-u:\b)[,\s]*(?:\(\s*)?)?([0-9]{{1,2}})\.?\s+({months})\.?(?:\s+([0-9]{{4}}))?(?-u:\b)"
        ));
        let mdy = build(&format!(
            r"(?i)(?-u:\b)(?:({wd})(?-u:\b),?\s*)?({months})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+([0-9]{{4}}))?"
        ));
        let numeric = build(&format!(
            r"(?i)(?:(?-u:\b)({wd})(?-u:\b)[,\s]*\(?\s*)?(?-u:\b)([0-9]{{1,2}})/([0-9]{{1,2}})/([0-9]{{4}}|[0-9]{{2}})(?-u:\b)\)?"
        ));
        let iso = build(r"(?-u:\b)([0-9]{4})-([0-9]{2})-([0-9]{2})(?-u:\b)");
        let mut rel_days = HashMap::default();
        let mut rel_weeks = HashMap::default();
        let mut past_after = Vec::new();
        let mut future_after = Vec::new();
        let mut past_before = Vec::new();
        let mut future_before = Vec::new();
        for p in &langs.packs {
            rel_days.extend(p.relative.days.iter().map(|(k, v)| (k.to_lowercase(), *v)));
            rel_weeks.extend(p.relative.weeks.iter().map(|(k, v)| (k.to_lowercase(), *v)));
            past_after.extend(p.relative.weekday_past_after.iter().cloned());
            future_after.extend(p.relative.weekday_future_after.iter().cloned());
            past_before.extend(p.relative.weekday_past_before.iter().cloned());
            future_before.extend(p.relative.weekday_future_before.iter().cloned());
        }
        let fixed = alternation(rel_days.keys().chain(rel_weeks.keys()).cloned());
        let after = alternation(past_after.iter().chain(future_after.iter()).cloned());
        let before = alternation(past_before.iter().chain(future_before.iter()).cloned());
        let mut alts = Vec::new();
        if !fixed.is_empty() {
            alts.push(format!(r"(?P<fixed>{fixed})"));
        }
        if !after.is_empty() && !wd.is_empty() {
            alts.push(format!(r"(?P<wd_a>{wd})\s+(?P<after>{after})"));
        }
        if !before.is_empty() && !wd.is_empty() {
            alts.push(format!(r"(?P<before>{before})\s+(?P<wd_b>{wd})"));
        }
        let relative = (!alts.is_empty())
            .then(|| crate::rules::regex(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|"))));
        let time = build(&if tz.is_empty() {
            r"(?i)^[\s,\-–|•]*(?:pukul\s+|at\s+)?([0-9]{1,2})[:.]([0-9]{2})(?::([0-9]{2}))?"
                .to_string()
        } else {
            format!(
                r"(?i)^[\s,\-–|•]*(?:pukul\s+|at\s+)?([0-9]{{1,2}})[:.]([0-9]{{2}})(?::([0-9]{{2}}))?\s*(?:({tz})(?-u:\b)|(?:GMT|UTC)\s*([+-][0-9]{{1,2}})(?::?([0-9]{{2}}))?)?"
            )
        });
        DateRules {
            months: langs.months.clone(),
            weekdays: langs.weekdays.clone(),
            timezones: langs.timezones.clone(),
            dmy,
            mdy,
            numeric,
            iso,
            relative,
            rel_days,
            rel_weeks,
            past_words: past_after.into_iter().chain(past_before).collect(),
            future_words: future_after.into_iter().chain(future_before).collect(),
            time,
        }
    }

    fn month(&self, w: &str) -> Option<u32> {
        self.months
            .get(w.to_lowercase().trim_end_matches('.'))
            .copied()
    }

    /// Every date mentioned in `text`, in order of appearance, deduplicated by surface.
    /// `reference` (the publication date) resolves dates without a year and relative ones.
    pub fn find(&self, text: &str, reference: Option<NaiveDate>) -> Vec<DateMention> {
        // (start, end, date, resolution)
        let mut found: Vec<(usize, usize, NaiveDate, &'static str)> = Vec::new();
        let taken = |found: &Vec<(usize, usize, NaiveDate, &'static str)>, s: usize, e: usize| {
            found.iter().any(|(a, b, _, _)| s < *b && *a < e)
        };
        // A numeric date has a digit then '/', an ISO date a digit then '-': text without
        // that pair cannot match, and most articles are spared two whole-text scans.
        let numeric = digit_then(text, '/').then(|| self.numeric.captures_iter(text));
        for c in numeric.into_iter().flatten() {
            let (Some(m), Some(d), Some(mo), Some(y)) = (c.get(0), c.get(2), c.get(3), c.get(4))
            else {
                continue;
            };
            let (Ok(mut day), Ok(mut mon), Ok(mut year)) = (
                d.as_str().parse::<u32>(),
                mo.as_str().parse::<u32>(),
                y.as_str().parse::<i32>(),
            ) else {
                continue;
            };
            if year < 100 {
                year += 2000;
            }
            if mon > 12 && day <= 12 {
                std::mem::swap(&mut day, &mut mon);
            }
            if let Some(date) = NaiveDate::from_ymd_opt(year, mon, day) {
                found.push((m.start(), m.end(), date, "absolute"));
            }
        }
        let iso = digit_then(text, '-').then(|| self.iso.captures_iter(text));
        for c in iso.into_iter().flatten() {
            let (Some(m), Some(y), Some(mo), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3))
            else {
                continue;
            };
            if taken(&found, m.start(), m.end()) {
                continue;
            }
            if let (Ok(y), Ok(mo), Ok(d)) =
                (y.as_str().parse(), mo.as_str().parse(), d.as_str().parse())
            {
                if let Some(date) = NaiveDate::from_ymd_opt(y, mo, d) {
                    found.push((m.start(), m.end(), date, "absolute"));
                }
            }
        }
        // A day is ASCII digits (it is parsed as one), so text without them has no day and
        // month date: most short lines are spared two searches.
        let digits = text.bytes().any(|b| b.is_ascii_digit());
        for (re, day_i, mon_i, year_i) in [(&self.dmy, 2, 3, 4), (&self.mdy, 3, 2, 4)] {
            for c in digits.then(|| re.captures_iter(text)).into_iter().flatten() {
                let (Some(m), Some(d), Some(mo)) = (c.get(0), c.get(day_i), c.get(mon_i)) else {
                    continue;
                };
                if taken(&found, m.start(), m.end()) {
                    continue;
                }
                let (Ok(day), Some(mon)) = (d.as_str().parse::<u32>(), self.month(mo.as_str()))
                else {
                    continue;
                };
                let year = c.get(year_i).and_then(|y| y.as_str().parse::<i32>().ok());
                let (date, how) = match year {
                    Some(y) => (NaiveDate::from_ymd_opt(y, mon, day), "absolute"),
                    None => {
                        // A short month word ("may", "mar") with no year and no weekday is too
                        // often not a date ("may 5" as a verb phrase); require a full name.
                        if mo.as_str().len() <= 3 && c.get(1).is_none() {
                            continue;
                        }
                        let near = nearest_before(&found, m.start()).or(reference);
                        (
                            near.and_then(|r| closest_year(r, mon, day)),
                            "inferred_year",
                        )
                    }
                };
                if let Some(date) = date {
                    found.push((m.start(), m.end(), date, how));
                }
            }
        }
        if let (Some(re), Some(r)) = (&self.relative, reference) {
            for c in re.captures_iter(text) {
                let Some(m) = c.get(0) else { continue };
                if taken(&found, m.start(), m.end()) {
                    continue;
                }
                let date = if let Some(f) = c.name("fixed") {
                    let k = f.as_str().to_lowercase();
                    self.rel_days
                        .get(&k)
                        .map(|d| r + Duration::days(*d))
                        .or_else(|| self.rel_weeks.get(&k).map(|w| r + Duration::days(7 * w)))
                } else {
                    let wd = c
                        .name("wd_a")
                        .or(c.name("wd_b"))
                        .map(|w| w.as_str().to_lowercase());
                    let dir = c
                        .name("after")
                        .or(c.name("before"))
                        .map(|w| w.as_str().to_lowercase());
                    match (wd.and_then(|w| self.weekdays.get(&w).copied()), dir) {
                        (Some(target), Some(dir)) => {
                            if self.past_words.contains(&dir) {
                                Some(weekday_before(r, target))
                            } else if self.future_words.contains(&dir) {
                                Some(weekday_after(r, target))
                            } else {
                                None
                            }
                        }
                        _ => None,
                    }
                };
                if let Some(date) = date {
                    found.push((m.start(), m.end(), date, "relative"));
                }
            }
        }
        found.sort_by_key(|f| f.0);
        let mut out: Vec<DateMention> = Vec::new();
        for (s, e, date, how) in found {
            let surface = text
                .get(s..e)
                .unwrap_or("")
                .trim()
                .trim_end_matches(',')
                .to_string();
            if out.iter().any(|d| d.surface == surface) {
                continue;
            }
            out.push(DateMention {
                date: date.format("%Y-%m-%d").to_string(),
                surface,
                resolution: how,
            });
        }
        out
    }

    /// A publication stamp → `YYYY-MM-DD`, or RFC 3339 when a time is given (with the
    /// stamp's time zone when it names one).
    pub fn parse_published(&self, raw: &str) -> Option<String> {
        let raw = raw.trim();
        if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(raw) {
            return Some(dt.to_rfc3339());
        }
        if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(raw) {
            return Some(dt.to_rfc3339());
        }
        for f in [
            "%Y-%m-%dT%H:%M:%S%z",
            "%Y-%m-%d %H:%M:%S%z",
            "%Y-%m-%dT%H:%M:%S%.f%z",
        ] {
            if let Ok(dt) = chrono::DateTime::parse_from_str(raw, f) {
                return Some(dt.to_rfc3339());
            }
        }
        for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
            if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(raw, f) {
                return Some(dt.format("%Y-%m-%dT%H:%M:%S").to_string());
            }
        }
        // A date in words or numbers, then maybe a time and a zone.
        let (end, date) = self.first_absolute(raw)?;
        let rest = raw.get(end..).unwrap_or("");
        let Some(c) = self.time.captures(rest) else {
            return Some(date.format("%Y-%m-%d").to_string());
        };
        let h = c.get(1).and_then(|m| m.as_str().parse().ok())?;
        let mi = c.get(2).and_then(|m| m.as_str().parse().ok())?;
        let s = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        let t = NaiveTime::from_hms_opt(h, mi, s)?;
        let offset_min = if let Some(z) = c.get(4) {
            self.timezones.get(&z.as_str().to_lowercase()).copied()
        } else {
            c.get(5).and_then(|hh| {
                let hh: i32 = hh.as_str().parse().ok()?;
                let mm: i32 = c.get(6).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
                Some(hh * 60 + hh.signum() * mm)
            })
        };
        let naive = date.and_time(t);
        match offset_min.and_then(|m| FixedOffset::east_opt(m * 60)) {
            Some(off) => off
                .from_local_datetime(&naive)
                .single()
                .map(|dt| dt.to_rfc3339()),
            None => Some(naive.format("%Y-%m-%dT%H:%M:%S").to_string()),
        }
    }

    /// The first date with a year in `text` and the byte offset just after it.
    pub fn first_absolute(&self, text: &str) -> Option<(usize, NaiveDate)> {
        self.first_absolute_span(text)
            .map(|(_, end, date)| (end, date))
    }

    /// The first absolute date's byte range in `text`, and the date.
    pub fn first_absolute_span(&self, text: &str) -> Option<(usize, usize, NaiveDate)> {
        let ds = self.find(text, None);
        let first = ds.iter().find(|d| d.resolution == "absolute")?;
        let start = text.find(&first.surface)?;
        let date = NaiveDate::parse_from_str(&first.date, "%Y-%m-%d").ok()?;
        Some((start, start + first.surface.len(), date))
    }
}

/// Whether an ASCII digit is directly followed by `sep` somewhere in `text`.
fn digit_then(text: &str, sep: char) -> bool {
    let b = text.as_bytes();
    text.match_indices(sep).any(|(i, _)| {
        i.checked_sub(1)
            .and_then(|p| b.get(p))
            .is_some_and(u8::is_ascii_digit)
    })
}

fn nearest_before(found: &[(usize, usize, NaiveDate, &str)], pos: usize) -> Option<NaiveDate> {
    found
        .iter()
        .filter(|f| f.1 <= pos && f.3 == "absolute")
        .max_by_key(|f| f.1)
        .map(|f| f.2)
}

/// The year for a day and month written without one: the latest such date no more than 60
/// days after the reference. News mostly looks back ("sejak 24 Februari" in November is this
/// February), but a date a few weeks ahead is upcoming ("KTT 4 Juli mendatang").
fn closest_year(r: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let limit = r + Duration::days(60);
    [r.year() + 1, r.year(), r.year() - 1]
        .iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(*y, month, day))
        .find(|d| *d <= limit)
}

fn weekday_before(r: NaiveDate, target: u32) -> NaiveDate {
    let cur = r.weekday().num_days_from_monday();
    let back = (cur + 7 - target) % 7;
    r - Duration::days(if back == 0 { 7 } else { back as i64 })
}

fn weekday_after(r: NaiveDate, target: u32) -> NaiveDate {
    let cur = r.weekday().num_days_from_monday();
    let fwd = (target + 7 - cur) % 7;
    r + Duration::days(if fwd == 0 { 7 } else { fwd as i64 })
}

/// `YYYY-MM-DD` prefix of a published value as a date.
pub fn date_of(published: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> DateRules {
        DateRules::new(&Languages::load(&[]).expect("packs"))
    }

    #[test]
    fn published_stamps() {
        let r = rules();
        let cases = [
            (
                "Minggu, 13 November 2022 - 19:40 WIB",
                Some("2022-11-13T19:40:00+07:00"),
            ),
            ("01 Juli 2023 09:46", Some("2023-07-01T09:46:00")),
            ("June 30, 2023", Some("2023-06-30")),
            (
                "2024-03-26T10:00:00+07:00",
                Some("2024-03-26T10:00:00+07:00"),
            ),
            (
                "Tue, 26 Mar 2024 08:00:00 GMT",
                Some("2024-03-26T08:00:00+00:00"),
            ),
            (
                "Kamis, 4 Januari 2024 | 08:15 WITA",
                Some("2024-01-04T08:15:00+08:00"),
            ),
            (
                "Dienstag, 14. Mai 2024, 10:15 Uhr",
                Some("2024-05-14T10:15:00"),
            ),
            ("no date here", None),
        ];
        for (raw, want) in cases {
            assert_eq!(r.parse_published(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn numeric_and_iso_scans_need_a_digit_before_their_separator() {
        assert!(digit_then("pada (29/8/2023)", '/'));
        assert!(digit_then("2023-08-29", '-'));
        assert!(!digit_then("Jakarta - Moskow / Beijing", '/'));
        assert!(!digit_then("Jakarta - Moskow", '-'));
        assert!(!digit_then("", '-'));
        // Multi-byte text before the separator is not a digit.
        assert!(!digit_then("“Ya”-nya", '-'));
        let r = rules();
        let found = r.find("laporan 2023-08-29 dan 30/8/2023", None);
        let dates: Vec<&str> = found.iter().map(|d| d.date.as_str()).collect();
        assert_eq!(dates, ["2023-08-29", "2023-08-30"]);
    }

    #[test]
    fn dates_in_text() {
        let r = rules();
        let reference = NaiveDate::from_ymd_opt(2023, 7, 1);
        let cases: &[(&str, &[&str])] = &[
            ("pada Selasa (29/8/2023) lalu", &["2023-08-29"]),
            ("pada Jumat, 30 Juni 2023. Keduanya", &["2023-06-30"]),
            ("KTT pada 4 Juli mendatang", &["2023-07-04"]),
            ("sejak 24 Februari tahun lalu", &["2023-02-24"]),
            ("pada 25 Desember", &["2022-12-25"]),
            ("talks on June 30, 2023 in Moscow", &["2023-06-30"]),
            ("the summit on 12 March 2024", &["2024-03-12"]),
            ("Kemarin, presiden bertemu", &["2023-06-30"]),
            ("bertemu Selasa lalu", &["2023-06-27"]),
            ("they met last Tuesday", &["2023-06-27"]),
            ("31/2/2023 is not a date", &[]),
            ("pada 2012 menjadi kemitraan", &[]),
            ("am 12. Mai 2024 in Berlin", &["2024-05-12"]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = r
                .find(text, reference)
                .into_iter()
                .map(|d| d.date)
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
