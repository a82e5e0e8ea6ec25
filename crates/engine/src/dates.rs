//! Dates: finding date expressions and resolving them against the article's date.
//!
//! A fact-checker needs "Wednesday" as a calendar day, so each expression is resolved with
//! chrono against an anchor: the publication date given by the caller, else a date line in the
//! article's metadata or its dateline. Expressions that need an anchor stay unresolved when there
//! is none, rather than guessed. Which way a bare "Friday" or "in July" points depends on the
//! verb that governs it: a past tense looks back (the same day counts: "said Wednesday" in a
//! Wednesday paper is that day), a present or future one looks ahead ("opens Friday").
//!
//! Values are ISO 8601: a day `2017-11-08`, a week `2017-W45`, a month `2017-07`, a year `2017`,
//! and for spans the desk would otherwise lose, an interval of months or years: a season
//! `2017-06/2017-08` (meteorological, northern hemisphere: spring is March to May, winter
//! December to February) and a decade `1990/1999` ("the early 1990s" `1990/1993`, "the mid-"
//! `1994/1996`, "the late" `1997/1999`; "the nineties" is the twentieth century's).

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};
use regex::Regex;

/// Where the anchor date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnchorSource {
    /// Given by the caller (`--published`, the article's stored date).
    Published,
    /// A date line in the article's header ("Updated Nov. 8, 2017", "September 26, 2016").
    Metadata,
    /// The dateline opening the story ("WASHINGTON, Nov. 8, 2017 —").
    Dateline,
}

/// The date relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The day.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: AnchorSource,
}

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte range of the expression.
    pub range: Range<usize>,
    /// The ISO 8601 value, or `None` when it needs an anchor and there is none.
    pub value: Option<String>,
}

/// Which way in time a clause points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past tense: a bare weekday or month is the latest one not after the anchor.
    Past,
    /// Present or future: the next one not before the anchor.
    Future,
    /// No verb to go by: the nearest one.
    Unknown,
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// Every date expression the engine understands, as one pattern so a text is scanned once.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?-u:\b)(?:
            (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
          | (?:{WEEKDAY},?\s+)?(?P<md_month>{MONTH})\s+(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<md_year>\d{{4}})(?-u:\b))?
          | (?:{WEEKDAY},?\s+)?(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_month>{MONTH})(?:,?\s+(?P<dm_year>\d{{4}})(?-u:\b))?
          | (?P<my_month>{MONTH})\s+(?:of\s+)?(?P<my_year>\d{{4}})(?-u:\b)
          | (?P<m_rel>(?i:in|during|since|by|until|till|before|after|from|through|early|late|mid-?|last|next|this|of|earlier\s+in|later\s+in))\s+(?P<m_month>{MONTH})(?:\s+(?P<m_day>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?(?:,?\s+(?:of\s+)?(?P<m_year>\d{{4}})(?-u:\b))?(?:(?-u:\b)|$)
          | (?:(?P<w_rel>(?i:last|next|this|on|since|by|until|before|after|past|coming))\s+)?(?P<weekday>{WEEKDAY})(?-u:\b)
          | (?P<day_word>(?i:today|tonight|yesterday|tomorrow))(?-u:\b)
          | (?P<p_rel>(?i:last|this|next|past|coming|earlier\s+this|later\s+this))\s+(?P<p_unit>(?i:week|month|year|weekend))(?-u:\b)
          | (?P<ago_n>\d{{1,3}}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several))\s+(?P<ago_unit>(?i:day|week|month|year))s?\s+(?i:ago)(?-u:\b)
          | (?i:the)\s+(?:(?P<decade_part>(?i:early|mid|late))(?:\s+|-))?(?:(?:(?P<decade>(?:1[6-9]|20)\d0)|[’'](?P<short_decade>\d0))s|(?P<word_decade>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))(?-u:\b)
          | (?:(?P<s_rel>(?i:last|this|next|past|coming))\s+(?P<rel_season>(?i:spring|summer|autumn|fall|winter))(?-u:\b)
            | (?P<season>(?i:spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<s_year>(?:1[6-9]|20)\d{{2}})(?-u:\b))
          | (?P<y_rel>(?i:in|since|by|until|till|before|after|from|during|through|early|late|mid-?|the\s+end\s+of|the\s+start\s+of|fiscal|between|and|to|of))\s+(?P<year>(?:1[6-9]|20)\d{{2}})(?-u:\b)(?P<y_suffix>-\d{{2,4}}|[’']?s)?
        )"
    );
    Regex::new(&pattern).expect("the date pattern is valid")
});

/// Find the date expressions in `text[range]` (byte offsets into `text`), resolving them
/// against `anchor` with the tense of the sentence `sentence` (a byte range of `text`).
pub fn find_dates(
    text: &str,
    sentence: Range<usize>,
    range: Range<usize>,
    anchor: Option<NaiveDate>,
) -> Vec<FoundDate> {
    let scope = &text[range.clone()];
    // Years and decades that are part of a bigger number or a unit ("2000 people") are no date;
    // the pattern's anchors already keep those out, so every match here is an expression.
    // Find with the fast automaton first, and take the groups apart only inside each match:
    // capturing over the whole claim costs a slower engine on every byte.
    DATE.find_iter(scope)
        .filter_map(|whole| {
            let caps = DATE.captures(whole.as_str())?;
            let start = range.start + whole.start();
            let end = range.start + whole.end();
            let tense = tense_at(
                &text[sentence.clone()],
                start.saturating_sub(sentence.start),
            );
            let value = resolve(&caps, anchor, tense)?;
            Some(FoundDate {
                range: start..end,
                value,
            })
        })
        .collect()
}

/// Resolve one match; `None` when the match turns out to be no date (a "May" that is a verb,
/// an impossible day), `Some(None)` when it is a date that needs a missing anchor.
fn resolve(
    caps: &regex::Captures<'_>,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> Option<Option<String>> {
    let text = |name: &str| caps.name(name).map(|m| m.as_str());
    if let Some(iso) = text("iso") {
        return NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .ok()
            .map(|d| Some(d.format("%Y-%m-%d").to_string()));
    }
    if let (Some(month), Some(day)) = (
        text("md_month").or(text("dm_month")).or(text("m_month")),
        text("md_day").or(text("dm_day")).or(text("m_day")),
    ) {
        let month = month_number(month)?;
        let day: u32 = day.parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        if let Some(year) = text("md_year").or(text("dm_year")).or(text("m_year")) {
            let year: i32 = year.parse().ok()?;
            return NaiveDate::from_ymd_opt(year, month, day).map(|d| Some(iso_day(d)));
        }
        return Some(
            anchor
                .and_then(|a| day_in_nearest_year(a, month, day, tense))
                .map(iso_day),
        );
    }
    if let (Some(month), Some(year)) = (
        text("my_month").or(text("m_month")),
        text("my_year").or(text("m_year")),
    ) {
        let month = month_number(month)?;
        let year: i32 = year.parse().ok()?;
        return Some(Some(format!("{year:04}-{month:02}")));
    }
    if let Some(month) = text("m_month") {
        let month = month_number(month)?;
        let relation = text("m_rel").unwrap_or("in").to_ascii_lowercase();
        return Some(anchor.map(|a| month_relative(a, month, &relation, tense)));
    }
    if let Some(weekday) = text("weekday") {
        let weekday = weekday_of(weekday)?;
        let relation = text("w_rel").unwrap_or("").to_ascii_lowercase();
        return Some(anchor.map(|a| iso_day(weekday_relative(a, weekday, &relation, tense))));
    }
    if let Some(word) = text("day_word") {
        let offset = match word.to_ascii_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        return Some(anchor.map(|a| iso_day(a + Duration::days(offset))));
    }
    if let (Some(relation), Some(unit)) = (text("p_rel"), text("p_unit")) {
        let relation = relation.to_ascii_lowercase();
        let step = if relation.starts_with("last") || relation.starts_with("past") {
            -1
        } else if relation.starts_with("next") || relation.starts_with("coming") {
            1
        } else {
            0
        };
        return Some(anchor.map(|a| period(a, &unit.to_ascii_lowercase(), step)));
    }
    if let (Some(n), Some(unit)) = (text("ago_n"), text("ago_unit")) {
        let n = count_word(n)?;
        let unit = unit.to_ascii_lowercase();
        return Some(anchor.map(|a| ago(a, n, &unit)));
    }
    if let Some(year) = text("year") {
        if text("y_suffix").is_some_and(|s| s.ends_with('s')) {
            // "since 1990s": a decade written without "the".
            return decade(year, None).map(Some);
        }
        return Some(Some(year.to_string()));
    }
    if let Some(year) = text("decade") {
        return decade(year, text("decade_part")).map(Some);
    }
    if let Some(tens) = text("short_decade") {
        // "the ’90s": the twentieth century, except the first two decades of this one.
        let century = if matches!(tens, "00" | "10") {
            "20"
        } else {
            "19"
        };
        return decade(&format!("{century}{tens}"), text("decade_part")).map(Some);
    }
    if let Some(word) = text("word_decade") {
        // "the sixties": the twentieth century's.
        let tens = match word.to_ascii_lowercase().as_str() {
            "twenties" => "20",
            "thirties" => "30",
            "forties" => "40",
            "fifties" => "50",
            "sixties" => "60",
            "seventies" => "70",
            "eighties" => "80",
            _ => "90",
        };
        return decade(&format!("19{tens}"), text("decade_part")).map(Some);
    }
    if let (Some(season), Some(year)) = (text("season"), text("s_year")) {
        let season = Season::named(season)?;
        return Some(Some(season.interval(year.parse().ok()?)));
    }
    if let (Some(relation), Some(season)) = (text("s_rel"), text("rel_season")) {
        let season = Season::named(season)?;
        let relation = relation.to_ascii_lowercase();
        return Some(anchor.map(|a| season.interval(season.relative_year(a, &relation))));
    }
    None
}

/// A decade as an interval of years: `1990/1999`, or its first, middle or last part
/// ("the early 1990s" `1990/1993`, "the mid-1990s" `1994/1996`, "the late 1990s" `1997/1999`).
fn decade(first_year: &str, part: Option<&str>) -> Option<String> {
    let start: i32 = first_year.parse().ok()?;
    if start % 10 != 0 {
        return None;
    }
    let (from, to) = match part.map(str::to_ascii_lowercase) {
        Some(p) if p == "early" => (0, 3),
        Some(p) if p == "mid" => (4, 6),
        Some(p) if p == "late" => (7, 9),
        _ => (0, 9),
    };
    Some(format!("{:04}/{:04}", start + from, start + to))
}

/// A season of the northern hemisphere, by the month it starts in (meteorological seasons:
/// whole months, so that the store can treat a season like the months it covers).
#[derive(Debug, Clone, Copy)]
struct Season {
    first_month: u32,
}

impl Season {
    fn named(name: &str) -> Option<Season> {
        let first_month = match name.to_ascii_lowercase().as_str() {
            "spring" => 3,
            "summer" => 6,
            "autumn" | "fall" => 9,
            "winter" => 12,
            _ => return None,
        };
        Some(Season { first_month })
    }

    /// The season of `year` ("winter 2017" runs from December 2017 into February 2018) as an
    /// ISO 8601 interval of months.
    fn interval(self, year: i32) -> String {
        let (end_year, end_month) = shift_month(year, self.first_month, 2);
        format!(
            "{year:04}-{:02}/{end_year:04}-{end_month:02}",
            self.first_month
        )
    }

    /// Month numbers (year × 12 + month − 1) of the season's first and last month in `year`.
    fn months(self, year: i32) -> (i64, i64) {
        let first = i64::from(year) * 12 + i64::from(self.first_month) - 1;
        (first, first + 2)
    }

    /// The year of the season "last", "this" or "next" (or "past", "coming") points to from
    /// `anchor`: last summer is the latest one over before the anchor's month, next summer the
    /// first one to start after it, this winter the one the anchor is in or comes next.
    fn relative_year(self, anchor: NaiveDate, relation: &str) -> i32 {
        let now = i64::from(anchor.year()) * 12 + i64::from(anchor.month()) - 1;
        let years = anchor.year() - 2..=anchor.year() + 1;
        match relation {
            "last" | "past" => years.rev().find(|&y| self.months(y).1 < now),
            "next" | "coming" => years.clone().find(|&y| self.months(y).0 > now),
            _ => years.clone().find(|&y| self.months(y).1 >= now),
        }
        .unwrap_or(anchor.year())
    }
}

fn iso_day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn iso_week(week: IsoWeek) -> String {
    format!("{:04}-W{:02}", week.year(), week.week())
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

fn count_word(word: &str) -> Option<i64> {
    let lower = word.to_ascii_lowercase();
    let n = match lower
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .as_str()
    {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" | "a few" | "several" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        digits => digits.parse().ok()?,
    };
    Some(n)
}

/// A month and day without a year: the year that puts it on the side of the anchor the tense
/// points to, or nearest to the anchor.
fn day_in_nearest_year(anchor: NaiveDate, month: u32, day: u32, tense: Tense) -> Option<NaiveDate> {
    let candidates: Vec<NaiveDate> = (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    match tense {
        Tense::Past => candidates.iter().rev().find(|d| **d <= anchor).copied(),
        Tense::Future => candidates.iter().find(|d| **d >= anchor).copied(),
        Tense::Unknown => None,
    }
    .or_else(|| {
        candidates
            .into_iter()
            .min_by_key(|d| (*d - anchor).num_days().abs())
    })
}

/// "in July", "last July", "next March", "this May", "since July".
fn month_relative(anchor: NaiveDate, month: u32, relation: &str, tense: Tense) -> String {
    let this_year = (anchor.year(), month);
    let before = if month <= anchor.month() {
        this_year
    } else {
        (anchor.year() - 1, month)
    };
    let after = if month >= anchor.month() {
        this_year
    } else {
        (anchor.year() + 1, month)
    };
    let strictly_before = if month < anchor.month() {
        this_year
    } else {
        (anchor.year() - 1, month)
    };
    let strictly_after = if month > anchor.month() {
        this_year
    } else {
        (anchor.year() + 1, month)
    };
    let (year, month) = match relation {
        "last" => strictly_before,
        "next" => strictly_after,
        "this" => this_year,
        "since" | "after" | "earlier in" => before,
        "until" | "till" | "by" | "before" | "later in" => match tense {
            Tense::Past => before,
            _ => after,
        },
        _ => match tense {
            Tense::Past => before,
            Tense::Future => after,
            Tense::Unknown => {
                let back = months_between(before, (anchor.year(), anchor.month()));
                let ahead = months_between((anchor.year(), anchor.month()), after);
                if back <= ahead { before } else { after }
            }
        },
    };
    format!("{year:04}-{month:02}")
}

fn months_between(from: (i32, u32), to: (i32, u32)) -> i64 {
    i64::from(to.0 - from.0) * 12 + i64::from(to.1) - i64::from(from.1)
}

/// "Wednesday", "on Friday", "last Monday", "next Tuesday", "this Sunday".
fn weekday_relative(
    anchor: NaiveDate,
    weekday: Weekday,
    relation: &str,
    tense: Tense,
) -> NaiveDate {
    let back = i64::from(
        (anchor.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7,
    );
    let ahead = (7 - back) % 7;
    let latest = anchor - Duration::days(back);
    let next = anchor + Duration::days(ahead);
    match relation {
        "last" | "past" => {
            if back == 0 {
                anchor - Duration::days(7)
            } else {
                latest
            }
        }
        "next" | "coming" => {
            if ahead == 0 {
                anchor + Duration::days(7)
            } else {
                next
            }
        }
        "this" => {
            let monday =
                anchor - Duration::days(i64::from(anchor.weekday().num_days_from_monday()));
            monday + Duration::days(i64::from(weekday.num_days_from_monday()))
        }
        "since" | "after" => latest,
        "until" | "by" | "before" => match tense {
            Tense::Past => latest,
            _ => next,
        },
        _ => match tense {
            Tense::Past => latest,
            Tense::Future => next,
            Tense::Unknown => {
                if back <= ahead {
                    latest
                } else {
                    next
                }
            }
        },
    }
}

/// "last week", "this month", "next year", "this weekend".
fn period(anchor: NaiveDate, unit: &str, step: i64) -> String {
    match unit {
        "week" => iso_week((anchor + Duration::weeks(step)).iso_week()),
        "weekend" => {
            let saturday = anchor
                + Duration::days(
                    (5 - i64::from(anchor.weekday().num_days_from_monday())).rem_euclid(7),
                );
            iso_week((saturday + Duration::weeks(step)).iso_week())
        }
        "month" => {
            let (year, month) = shift_month(anchor.year(), anchor.month(), step);
            format!("{year:04}-{month:02}")
        }
        _ => format!("{:04}", i64::from(anchor.year()) + step),
    }
}

/// "three days ago", "two weeks ago", "a year ago".
fn ago(anchor: NaiveDate, n: i64, unit: &str) -> String {
    let n = n.min(10_000);
    match unit {
        "day" => iso_day(anchor - Duration::days(n)),
        "week" => iso_week((anchor - Duration::weeks(n)).iso_week()),
        "month" => {
            let (year, month) = shift_month(anchor.year(), anchor.month(), -n);
            format!("{year:04}-{month:02}")
        }
        _ => format!("{:04}", i64::from(anchor.year()) - n),
    }
}

fn shift_month(year: i32, month: u32, step: i64) -> (i64, u32) {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + step;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// The tense of the clause around byte `at` of `sentence`: the nearest verb before the date
/// decides, else the nearest after it.
pub fn tense_at(sentence: &str, at: usize) -> Tense {
    let at = at.min(sentence.len());
    let before: Vec<&str> = sentence[..at]
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .rev()
        .take(12)
        .collect();
    for (i, word) in before.iter().enumerate() {
        // A participle after "be" ("will be held", "was held") takes its tense from the
        // auxiliary further back.
        let after_be = before
            .get(i + 1)
            .is_some_and(|w| matches!(*w, "be" | "been" | "being" | "get" | "to"));
        if after_be {
            continue;
        }
        if let Some(tense) = verb_tense(word) {
            return tense;
        }
    }
    let after = sentence[at..].split(|c: char| !is_word_char(c));
    for word in after.filter(|w| !w.is_empty()).skip(1).take(10) {
        if let Some(tense) = verb_tense(word) {
            return tense;
        }
    }
    Tense::Unknown
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// The tense a word marks, if it is a verb we can read.
fn verb_tense(word: &str) -> Option<Tense> {
    if word.starts_with(char::is_uppercase) && word != "I" {
        return None;
    }
    let lower = word.to_lowercase();
    let word = lower.as_str();
    if word.ends_with("'ll") || word.ends_with("’ll") {
        return Some(Tense::Future);
    }
    match word {
        "will" | "shall" | "won't" | "won’t" | "would" | "could" | "can" | "may" | "might"
        | "should" | "must" | "going" | "scheduled" | "expected" | "due" | "upcoming" | "opens"
        | "begins" | "starts" | "ends" | "closes" | "meets" | "arrives" | "leaves" | "holds"
        | "hosts" | "visits" | "launches" | "resumes" | "convenes" | "travels" | "heads"
        | "returns" | "votes" | "expires" | "takes" | "is" | "are" | "am" | "opening"
        | "starting" => Some(Tense::Future),
        "was" | "were" | "had" | "did" | "said" | "told" | "met" | "struck" | "went" | "came"
        | "took" | "made" | "gave" | "saw" | "held" | "began" | "led" | "left" | "ran" | "won"
        | "lost" | "sent" | "spent" | "kept" | "found" | "brought" | "thought" | "fell"
        | "rose" | "grew" | "paid" | "became" | "chose" | "spoke" | "wrote" | "broke" | "drove"
        | "flew" | "knew" | "meant" | "heard" | "stood" | "sat" | "sold" | "built" | "caught"
        | "fought" | "taught" | "bought" | "felt" | "dealt" | "drew" | "hid" | "hung" | "laid"
        | "lay" | "shot" | "sang" | "slept" | "spread" | "stole" | "stuck" | "swore" | "threw"
        | "tore" | "understood" | "woke" | "wore" | "withdrew" | "has" | "have" | "ago" => {
            Some(Tense::Past)
        }
        _ if word.len() > 4 && word.ends_with("ed") => Some(Tense::Past),
        _ => None,
    }
}

/// Find the anchor date: the caller's publication date, else a metadata date line near the top,
/// else a dated dateline.
pub fn find_anchor(text: &str, published: Option<NaiveDate>) -> Option<Anchor> {
    if let Some(date) = published {
        return Some(Anchor {
            date,
            source: AnchorSource::Published,
        });
    }
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(12) {
        let line = line.trim();
        let metadata = line.chars().count() <= 80
            && (METADATA_PREFIX.is_match(line) || full_date_span(line) == Some(0..line.len()));
        let dateline = DATELINE_DATE.is_match(line);
        if !(metadata || dateline) {
            continue;
        }
        if let Some(date) = first_full_date(line) {
            let source = if metadata {
                AnchorSource::Metadata
            } else {
                AnchorSource::Dateline
            };
            return Some(Anchor { date, source });
        }
    }
    None
}

static METADATA_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:last\s+)?(?:updated|published|posted|modified|date|first\s+published)(?-u:\b)",
    )
    .expect("the metadata prefix pattern is valid")
});

/// "WASHINGTON, Nov. 8, 2017 —", "LONDON, 8 November 2017 (Reuters) -".
static DATELINE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}.'’\- ]{2,40},\s+[^—–]{4,40}\s*(?:\([^)]{1,20}\))?\s*(?:—|–|--|-)\s")
        .expect("the dateline pattern is valid")
});

/// The first complete calendar date (with a year) in `line`.
fn first_full_date(line: &str) -> Option<NaiveDate> {
    DATE.captures_iter(line).find_map(|caps| {
        let full = caps.name("iso").is_some()
            || caps.name("md_year").is_some()
            || caps.name("dm_year").is_some()
            || (caps.name("m_day").is_some() && caps.name("m_year").is_some());
        if !full {
            return None;
        }
        let value = resolve(&caps, None, Tense::Unknown)??;
        NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok()
    })
}

/// The byte range of a complete date that makes up `line` (allowing a weekday and a time).
fn full_date_span(line: &str) -> Option<Range<usize>> {
    let m = DATE.find(line)?;
    let rest = line[m.end()..].trim();
    let time_only = rest.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                ':' | '.'
                    | ' '
                    | ','
                    | 'a'
                    | 'p'
                    | 'm'
                    | 'A'
                    | 'P'
                    | 'M'
                    | 'E'
                    | 'T'
                    | 'S'
                    | 'D'
                    | 'G'
                    | 'U'
                    | 'C'
            )
    });
    (m.start() == 0 && time_only).then_some(0..line.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn wednesday_nov_8_2017() -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, 11, 8).unwrap()
    }

    fn dates_in(sentence: &str, anchor: Option<NaiveDate>) -> Vec<(String, Option<String>)> {
        find_dates(sentence, 0..sentence.len(), 0..sentence.len(), anchor)
            .into_iter()
            .map(|d| (sentence[d.range].to_string(), d.value))
            .collect()
    }

    #[rstest]
    #[case::past_month_looks_back(
        "Trump and Putin first met in July at the summit.",
        "in July",
        "2017-07"
    )]
    #[case::past_weekday_counts_the_same_day(
        "Putin discussed preparations with the council on Wednesday.",
        "on Wednesday",
        "2017-11-08"
    )]
    #[case::present_tense_weekday_looks_ahead(
        "The meeting that opens Friday in Danang.",
        "Friday",
        "2017-11-10"
    )]
    #[case::future_weekday_looks_ahead("The talks will resume Monday.", "Monday", "2017-11-13")]
    #[case::past_weekday_looks_back(
        "The council voted Monday to close the pool.",
        "Monday",
        "2017-11-06"
    )]
    #[case::decade("Crime fell in the 1990s.", "the 1990s", "1990/1999")]
    #[case::early_decade("Sales peaked in the early 2000s.", "the early 2000s", "2000/2003")]
    #[case::mid_decade("The mill closed in the mid-1980s.", "the mid-1980s", "1984/1986")]
    #[case::late_decade("It was built in the late 1960s.", "the late 1960s", "1967/1969")]
    #[case::decade_with_apostrophe(
        "Rents doubled in the \u{2019}90s.",
        "the \u{2019}90s",
        "1990/1999"
    )]
    #[case::decade_without_the("Prices have risen since 1990's.", "since 1990's", "1990/1999")]
    #[case::decade_in_words(
        "Unions were stronger in the late seventies.",
        "the late seventies",
        "1977/1979"
    )]
    #[case::last_summer("Water use rose 8% last summer.", "last summer", "2017-06/2017-08")]
    #[case::this_winter("The road will close this winter.", "this winter", "2017-12/2018-02")]
    #[case::next_spring("The school opens next spring.", "next spring", "2018-03/2018-05")]
    #[case::last_autumn_in_autumn("Turnout fell last autumn.", "last autumn", "2016-09/2016-11")]
    #[case::season_of_a_year(
        "It hired 40 teachers in the spring of 2024.",
        "spring of 2024",
        "2024-03/2024-05"
    )]
    #[case::fall_with_a_year("The wall came down in fall 1989.", "fall 1989", "1989-09/1989-11")]
    #[case::last_year("Exports fell 4% last year.", "last year", "2016")]
    #[case::this_week("The summit takes place this week.", "this week", "2017-W45")]
    #[case::next_month("Prices rise next month.", "next month", "2017-12")]
    #[case::year_after_preposition("The law was passed in 2016.", "in 2016", "2016")]
    #[case::month_and_day_in_the_past("The ban began on March 3.", "March 3", "2017-03-03")]
    #[case::month_and_day_ahead("The vote will be held on March 3.", "March 3", "2018-03-03")]
    #[case::full_date_with_abbreviated_month(
        "He was arrested on Nov. 7, 2017, in Moscow.",
        "Nov. 7, 2017",
        "2017-11-07"
    )]
    #[case::day_month_year("It opened on 12 March 2020.", "12 March 2020", "2020-03-12")]
    #[case::weekday_with_full_date("Tuesday, Nov. 7, 2017.", "Tuesday, Nov. 7, 2017", "2017-11-07")]
    #[case::yesterday(
        "Officials said yesterday the plant closed.",
        "yesterday",
        "2017-11-07"
    )]
    #[case::days_ago("The plant closed three days ago.", "three days ago", "2017-11-05")]
    #[case::month_and_year("Inflation peaked in March 2016.", "in March 2016", "2016-03")]
    #[case::preposition_month_day_year(
        "Cases rose since March 3, 2020.",
        "since March 3, 2020",
        "2020-03-03"
    )]
    #[case::iso_date("The filing is dated 2017-10-02.", "2017-10-02", "2017-10-02")]
    #[case::last_weekday_is_before_today(
        "The mayor spoke last Wednesday.",
        "last Wednesday",
        "2017-11-01"
    )]
    fn resolves_against_a_wednesday_paper(
        #[case] sentence: &str,
        #[case] expression: &str,
        #[case] value: &str,
    ) {
        let found = dates_in(sentence, Some(wednesday_nov_8_2017()));
        assert_eq!(
            found,
            vec![(expression.to_string(), Some(value.to_string()))],
            "{sentence}"
        );
    }

    #[rstest]
    #[case::month("They met in July.", "in July")]
    #[case::weekday("The vote is on Friday.", "on Friday")]
    #[case::relative("Sales fell last year.", "last year")]
    fn stays_unresolved_without_an_anchor(#[case] sentence: &str, #[case] expression: &str) {
        assert_eq!(
            dates_in(sentence, None),
            vec![(expression.to_string(), None)]
        );
    }

    #[test]
    fn complete_dates_resolve_without_an_anchor() {
        assert_eq!(
            dates_in("Born on Nov. 7, 2017, and raised in 2016.", None),
            vec![
                ("Nov. 7, 2017".to_string(), Some("2017-11-07".to_string())),
                ("in 2016".to_string(), Some("2016".to_string())),
            ]
        );
    }

    #[rstest]
    #[case::modal_may("Prices may rise.")]
    #[case::plain_number("About 2000 people marched.")]
    #[case::clock_time("Shortly after 3.20pm he spoke.")]
    fn ignores_what_is_no_date(#[case] sentence: &str) {
        assert!(
            dates_in(sentence, Some(wednesday_nov_8_2017())).is_empty(),
            "{sentence}"
        );
    }

    #[rstest]
    #[case::given_date("Body.", Some(NaiveDate::from_ymd_opt(2020, 1, 2).unwrap()), Some(("2020-01-02", AnchorSource::Published)))]
    #[case::transcript_date_line("Presidential Debate\n\nSeptember 26, 2016\n\nHOLT: Good evening.", None, Some(("2016-09-26", AnchorSource::Metadata)))]
    #[case::updated_line("Headline\nUpdated Nov. 8, 2017 10:32 AM ET\nBody.", None, Some(("2017-11-08", AnchorSource::Metadata)))]
    #[case::dated_dateline("WASHINGTON, Nov. 8, 2017 — Lawmakers voted.", None, Some(("2017-11-08", AnchorSource::Dateline)))]
    #[case::no_anchor("Lawmakers voted on Nov. 7, 2017, to pass it.", None, None)]
    fn finds_the_anchor(
        #[case] text: &str,
        #[case] published: Option<NaiveDate>,
        #[case] expected: Option<(&str, AnchorSource)>,
    ) {
        let found = find_anchor(text, published).map(|a| (a.date.to_string(), a.source));
        assert_eq!(found, expected.map(|(d, s)| (d.to_string(), s)));
    }
}
