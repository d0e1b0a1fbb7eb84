//! Whole-page text: a page rendered to text ("select all, copy", a text-mode browser)
//! rather than the article copied from it. Menus, teaser blocks, cookie notices and footer
//! link farms stand around the story, which is the dense block of prose among them.
//!
//! The test and the block finder read only a line's shape, never its words, so they work
//! for any language written with spaces and capitals:
//! - a *dump* has sixty lines or more, over a third of them of three words or fewer
//!   (menus, buttons); article text copied from a page has a few dozen lines at most;
//! - each line scores by its shape: prose (twelve words or more, a sentence end or
//!   twenty-five words, three in ten words lower case) scores its length, capped; a menu
//!   item (a bullet, or three words or fewer) costs one; other short lines cost a little,
//!   and a short sentence earns a little;
//! - the story is the run of lines with the highest total (the maximum-sum segment, as in
//!   Pasternack and Roth's maximum subsequence segmentation), plus any other run that
//!   scores at least three tenths of it with two prose lines or more (a story cut by an
//!   ad or a photo block), each run reaching up to the prose lines just above it (the
//!   standfirst over a photo and a byline), and a few lines above that for the head rules
//!   to find the title in.
//!
//! Invariant: pure; the result has one flag per line; a page that is not a dump, or has no
//! prose, keeps every line.

/// Lines a dump has at least: copied article text stays well under this.
const MIN_LINES: usize = 60;
/// The share of lines of three words or fewer that marks a rendered page.
const MIN_SHORT_SHARE: f64 = 0.35;
/// Another run is story when it scores this share of the best.
const OTHER_RUN_SHARE: f64 = 0.3;
/// How far above a run (in lines) a prose line still belongs to it.
const REACH_UP: usize = 12;
/// Lines kept above the story for the title, byline and standfirst.
const HEAD_LINES: usize = 15;

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Prose,
    Menu,
    Other,
}

/// A line of prose by its shape alone, in any language.
pub(super) fn is_prose(line: &str, n: usize) -> bool {
    shape(line, n) == Shape::Prose
}

/// A list item of a rendered menu or list: a bullet, then a space.
pub(super) fn is_bulleted(line: &str) -> bool {
    line.trim_start()
        .strip_prefix(['*', '+', '•', '·', '▪', '►', '-', '–'])
        .is_some_and(|r| r.starts_with(' '))
}

fn shape(line: &str, n: usize) -> Shape {
    let t = line.trim_start();
    if n <= 3 || (is_bulleted(t) && n <= 10) {
        return Shape::Menu;
    }
    if n >= 12 && (super::ends_like_sentence(t) || n >= 25) && lower_share(t) >= 0.3 {
        return Shape::Prose;
    }
    Shape::Other
}

/// Share of words that open with a lower-case letter: prose has many, menus and
/// headlines in title case few.
fn lower_share(s: &str) -> f64 {
    let mut n = 0usize;
    let mut low = 0usize;
    for w in s.split_whitespace() {
        n += 1;
        if w.chars().next().is_some_and(char::is_lowercase) {
            low += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        low as f64 / n as f64
    }
}

fn score(line: &str, n: usize, shape: Shape) -> f64 {
    match shape {
        Shape::Prose => line.len().min(800) as f64 / 100.0,
        Shape::Menu => -1.0,
        Shape::Other => {
            if n >= 6 && super::ends_like_sentence(line) && lower_share(line) >= 0.3 {
                0.5
            } else {
                -0.3
            }
        }
    }
}

/// Whether the lines are a whole rendered page rather than an article's text.
pub(super) fn is_dump(nwords: &[usize]) -> bool {
    let short = nwords.iter().filter(|&&n| n <= 3).count();
    nwords.len() >= MIN_LINES && short as f64 >= MIN_SHORT_SHARE * nwords.len() as f64
}

/// The maximum-sum run in `s[lo..hi]`: (sum, first, last), or None when nothing is positive.
fn best_run(s: &[f64], lo: usize, hi: usize) -> Option<(f64, usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut cur = 0.0;
    let mut start = lo;
    for (j, v) in s.iter().enumerate().take(hi).skip(lo) {
        if cur <= 0.0 {
            cur = 0.0;
            start = j;
        }
        cur += v;
        if cur > 0.0 && best.is_none_or(|(b, _, _)| cur > b) {
            best = Some((cur, start, j));
        }
    }
    best
}

/// One flag per line: inside the story's blocks (or the head above them).
pub(super) fn story_blocks(lines: &[String], nwords: &[usize]) -> Vec<bool> {
    let n = |i: usize| nwords.get(i).copied().unwrap_or(0);
    let shapes: Vec<Shape> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| shape(l, n(i)))
        .collect();
    let scores: Vec<f64> = lines
        .iter()
        .zip(&shapes)
        .enumerate()
        .map(|(i, (l, &sh))| score(l, n(i), sh))
        .collect();
    let Some(top) = best_run(&scores, 0, scores.len()) else {
        return vec![true; lines.len()];
    };
    let mut runs = vec![top];
    let mut todo = vec![(0, top.1), (top.2 + 1, scores.len())];
    while let Some((lo, hi)) = todo.pop() {
        let Some(run) = best_run(&scores, lo, hi) else {
            continue;
        };
        let prose = (run.1..=run.2)
            .filter(|&j| shapes.get(j) == Some(&Shape::Prose))
            .count();
        if run.0 >= OTHER_RUN_SHARE * top.0 && prose >= 2 {
            runs.push(run);
            todo.push((lo, run.1));
            todo.push((run.2 + 1, hi));
        }
    }
    let mut inside = vec![false; lines.len()];
    for (_, mut first, last) in runs {
        // Reach up to prose just above the run: a standfirst over a photo and a byline.
        while let Some(j) = (first.saturating_sub(REACH_UP)..first)
            .rev()
            .find(|&j| shapes.get(j) == Some(&Shape::Prose))
        {
            first = j;
        }
        for f in inside
            .iter_mut()
            .take(last + 1)
            .skip(first.saturating_sub(HEAD_LINES))
        {
            *f = true;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(lines: &[String]) -> Vec<usize> {
        lines
            .iter()
            .map(|l| super::super::words(l).count())
            .collect()
    }

    fn page() -> Vec<String> {
        let mut p: Vec<String> = Vec::new();
        for s in [
            "Home", "Politics", "Business", "Sport", "Culture", "Travel", "Sign in",
        ] {
            p.push(format!("* {s}"));
        }
        for i in 0..20 {
            p.push(format!("Section {i}"));
        }
        p.push("Minister opens the new harbour in the north".into());
        p.push("By A Reporter".into());
        for i in 0..6 {
            p.push(format!(
                "The minister said on Monday that the harbour would handle twice the cargo of \
                 the old one, paragraph {i} of the report on the opening."
            ));
        }
        p.push("Photo: Agency".into());
        p.push(
            "The port authority expects the first ships next month, and the workers who \
                built it were thanked at the ceremony by the minister."
                .into(),
        );
        for i in 0..25 {
            p.push(format!("Footer link {i}"));
        }
        p.push("Copyright 2026 The Paper. All rights reserved.".into());
        p
    }

    #[test]
    fn a_rendered_page_is_a_dump_and_an_article_is_not() {
        let p = page();
        assert!(is_dump(&counts(&p)));
        let article: Vec<String> = p.iter().filter(|l| l.len() > 60).cloned().collect();
        assert!(!is_dump(&counts(&article)));
    }

    #[test]
    fn the_story_block_and_its_head_stay_menus_and_footers_go() {
        let p = page();
        let inside = story_blocks(&p, &counts(&p));
        let kept: Vec<&str> = p
            .iter()
            .zip(&inside)
            .filter(|(_, k)| **k)
            .map(|(l, _)| l.as_str())
            .collect();
        assert!(kept.contains(&"Minister opens the new harbour in the north"));
        assert_eq!(kept.iter().filter(|l| l.contains("paragraph")).count(), 6);
        assert!(kept.iter().any(|l| l.starts_with("The port authority")));
        assert!(!kept
            .iter()
            .any(|l| l.starts_with("* Home") || l.starts_with("Footer")));
        assert!(!kept.contains(&"Section 3"));
    }

    #[test]
    fn no_prose_keeps_every_line() {
        let p: Vec<String> = (0..80).map(|i| format!("Item {i}")).collect();
        assert!(story_blocks(&p, &counts(&p)).iter().all(|k| *k));
    }
}
