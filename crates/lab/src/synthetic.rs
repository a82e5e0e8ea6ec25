//! A synthetic desk: local-news articles with their claims and reviews, generated from a seed,
//! for measuring ClaimDesk at the size of a busy desk (`claimdesk-lab generate`, the workspace
//! benchmark) and for tests that need many varied claims.
//!
//! Every word comes from the vocabulary below, which we wrote; nothing is copied from real
//! articles. The same plan and seed always give the same desk. Claims are the generator's own
//! sentences with their exact spans, kinds, speakers and resolved dates (not the engine's
//! reading, whose count could not be fixed in advance), and they go through the same store
//! path as an import, repeat linking included. About 3% of claims repeat an earlier one,
//! word for word or reworded, as wire copy does; about 30% carry a review.

use chrono::{Datelike, Duration, NaiveDate};

use claimdesk_engine::{ClaimKind, DateMention, ExtractedClaim, ScoreReason};
use claimdesk_error::{Error, Result};
use claimdesk_store::records::SourceFormat;
use claimdesk_store::review_state::{ClaimStatus, Stance};
use claimdesk_store::{Desk, NewArticle, SeededReview};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Number of articles.
    pub articles: usize,
    /// Claims in each article.
    pub claims_per_article: usize,
    /// The seed: the same seed gives the same desk.
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    /// Articles stored (an article already on the desk is not counted).
    pub articles: usize,
    /// Claims stored.
    pub claims: usize,
    /// Claims that repeat an earlier claim.
    pub repeats: usize,
    /// Claims stored with a review.
    pub reviewed: usize,
}

/// SplitMix64: small, fast and the same on every platform.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "Eastbrook",
    "Harbour Point",
    "Millford",
    "North Vale",
    "Kestrel Bay",
    "Ashgrove",
    "Port Selden",
    "Larchmont",
    "Riverside",
    "Calder Heights",
    "Westmere",
    "Old Quay",
    "Brennan County",
    "Saltmarsh",
    "Fenwick",
    "Dunmore",
    "Highfield",
    "Linden Park",
    "Marlow Crossing",
    "Stoneleigh",
    "Thornbury",
    "Upton Ferry",
    "Wexley",
    "Yarrow Hill",
    "Bramblewood",
    "Coldharbour",
    "Drayton Mills",
    "Elmstead",
    "Galloway Sound",
    "Hollins Cross",
];

const AGENCIES: &[&str] = &[
    "the city council",
    "the transit authority",
    "the county health board",
    "the state education department",
    "the port authority",
    "the water utility",
    "the housing agency",
    "the police department",
    "the fire service",
    "the parks department",
    "the environment agency",
    "the hospital trust",
    "the planning commission",
    "the school board",
    "the energy regulator",
    "the roads agency",
    "the statistics office",
    "the auditor general",
    "the library service",
    "the waste authority",
];

const FIRST_NAMES: &[&str] = &[
    "Mira", "Daniel", "Priya", "Tomasz", "Aisha", "Colm", "Lena", "Rafael", "Ingrid", "Kwame",
    "Sofia", "Hamid", "Beatrix", "Joel", "Nadia", "Oskar", "Yuki", "Farah", "Declan", "Marta",
    "Ibrahim", "Elena", "Gareth", "Noor", "Viktor", "Chloe", "Samir", "Rosa", "Anders", "Leila",
];

const LAST_NAMES: &[&str] = &[
    "Okafor",
    "Reyes",
    "Nair",
    "Kowalski",
    "Bello",
    "Brennan",
    "Ortiz",
    "Almeida",
    "Lund",
    "Mensah",
    "Ricci",
    "Karimi",
    "Holt",
    "Adeyemi",
    "Haddad",
    "Berg",
    "Tanaka",
    "Qureshi",
    "Byrne",
    "Novak",
    "Diallo",
    "Petrova",
    "Price",
    "Rahman",
    "Sokolov",
    "Dubois",
    "Farouk",
    "Moreno",
    "Lindqvist",
    "Mansour",
];

const ROLES: &[&str] = &[
    "the mayor",
    "a councillor",
    "the health commissioner",
    "the transport minister",
    "the police chief",
    "the opposition leader",
    "the union's president",
    "the agency's director",
    "a local business owner",
    "the schools superintendent",
];

const PROJECTS: &[&str] = &[
    "the harbour bridge repairs",
    "the new bus depot",
    "road resurfacing",
    "the flood barrier",
    "free school meals",
    "the hospital extension",
    "street lighting",
    "the tram extension",
    "the water treatment plant",
    "social housing",
    "the recycling centre",
    "protected cycle lanes",
    "the ferry terminal",
    "library renovations",
    "the sports centre",
    "emergency shelters",
    "street tree planting",
    "the sewer upgrade",
    "the new fire station",
    "school roof repairs",
];

const FACILITIES: &[&str] = &[
    "libraries",
    "clinics",
    "bus routes",
    "fire stations",
    "primary schools",
    "youth centres",
    "police stations",
    "public toilets",
    "recycling points",
    "care homes",
];

const METRICS: &[&str] = &[
    "hospital waiting times",
    "bus journey times",
    "reported burglaries",
    "rough sleeping",
    "air pollution",
    "school absences",
    "road deaths",
    "water leaks",
    "household energy bills",
    "average rents",
    "ambulance response times",
    "class sizes",
];

const INCIDENTS: &[&str] = &[
    "burglaries",
    "road collisions",
    "water main bursts",
    "house fires",
    "hospital admissions",
    "evictions",
    "power cuts",
    "flood warnings",
];

const LAWS: &[&str] = &[
    "the Clean Air Act",
    "the Housing Standards Act",
    "the new licensing rules",
    "the Transport Funding Act",
    "the tenancy reform law",
    "the school meals policy",
    "the waste levy",
    "the rent cap ordinance",
];

const GROUPS: &[&str] = &[
    "landlords",
    "bus operators",
    "schools",
    "restaurants",
    "builders",
    "taxi drivers",
    "hospitals",
    "employers with 50 staff or more",
];

const OBLIGATIONS: &[&str] = &[
    "register with the council",
    "publish an annual safety report",
    "pay a levy of 2 percent",
    "fit smoke alarms in every room",
    "offer free meals to every pupil",
    "report their emissions every quarter",
];

const OPINIONS: &[&str] = &[
    "a disgrace",
    "long overdue",
    "the best deal the city could get",
    "reckless",
    "a victory for residents",
    "a waste of public money",
];

const SERVICES: &[&str] = &[
    "social housing",
    "a hip operation",
    "a school place",
    "mental health care",
    "a council flat",
    "a driving test",
];

const FILLERS: &[&str] = &[
    "Residents packed the hall for the two-hour meeting.",
    "The debate continued late into the evening.",
    "Several speakers urged the committee to act quickly.",
    "Reporters were not allowed into the briefing.",
    "The vote is expected next month.",
    "Campaigners gathered outside with banners.",
    "Officials declined to give a timetable.",
    "It was the third meeting on the subject this year.",
    "The committee will meet again after the summer.",
    "A spokesperson promised a fuller statement.",
];

const OUTLETS: &[&str] = &[
    "The Harbour Gazette",
    "Eastbrook Evening Post",
    "Coastline Daily",
    "The Valley Courier",
    "North Vale Chronicle",
    "Riverside Record",
    "Port Selden Press",
    "The County Herald",
    "Kestrel Bay News",
    "Millford Mercury",
    "The Morning Ledger",
    "Linden Park Ledger",
];

const REVIEWERS: &[&str] = &[
    "Mira Okafor",
    "Tomasz Kowalski",
    "Aisha Bello",
    "Colm Brennan",
    "Yuki Tanaka",
    "Rosa Moreno",
];

const NOTES: &[&str] = &[
    "Checked against the published accounts.",
    "The figure matches the agency's annual report.",
    "The agency's own data gives a different number.",
    "Waiting for the statistics office to reply.",
    "Source document requested under freedom of information.",
    "Rounded, but within the published range.",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A claim sentence before it has a place in an article: its text, what it is, who said it and
/// its dates as (expression, ISO value).
#[derive(Debug, Clone)]
struct Sentence {
    text: String,
    kind: ClaimKind,
    speaker: Option<String>,
    dates: Vec<(String, String)>,
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

fn money(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("${}.{} million", rng.range(1, 95), rng.range(1, 9)),
        1 => format!("${},000", rng.range(120, 990)),
        _ => format!("${} million", rng.range(2, 480)),
    }
}

fn year(rng: &mut Rng) -> u64 {
    rng.range(2012, 2025)
}

/// One claim sentence from one of the templates.
fn claim_sentence(rng: &mut Rng, published: NaiveDate) -> Sentence {
    let place = rng.pick(PLACES);
    let agency = rng.pick(AGENCIES);
    let who = person(rng);
    let y = year(rng);
    let year_date = |y: u64| (y.to_string(), y.to_string());
    let (text, kind, speaker, dates) = match rng.below(14) {
        0 => (
            format!(
                "{} spent {} on {} in {y}.",
                capitalise(agency),
                money(rng),
                rng.pick(PROJECTS)
            ),
            ClaimKind::Quantity,
            None,
            vec![year_date(y)],
        ),
        1 => {
            let month = rng.below(12);
            let expression = format!("{} {y}", MONTHS[month]);
            (
                format!(
                    "{place} recorded {} {} in {expression}, up from {} a year earlier.",
                    rng.range(12, 900),
                    rng.pick(INCIDENTS),
                    rng.range(5, 600)
                ),
                ClaimKind::Comparison,
                None,
                vec![(expression, format!("{y}-{:02}", month + 1))],
            )
        }
        2 => (
            format!(
                "{who}, {}, said {} had fallen by {} percent since {y}.",
                rng.pick(ROLES),
                rng.pick(METRICS),
                rng.range(2, 60)
            ),
            ClaimKind::Comparison,
            Some(who.clone()),
            vec![year_date(y)],
        ),
        3 => {
            let month = rng.below(12);
            let future = published.year() as u64 + rng.range(1, 4);
            let expression = format!("{} {future}", MONTHS[month]);
            (
                format!(
                    "{} will open {} new {} by {expression}, {who} said.",
                    capitalise(agency),
                    rng.range(2, 40),
                    rng.pick(FACILITIES)
                ),
                ClaimKind::Prediction,
                Some(who.clone()),
                vec![(expression, format!("{future}-{:02}", month + 1))],
            )
        }
        4 => {
            let month = rng.below(12);
            let day = rng.range(1, 28);
            let expression = format!("{day} {} {y}", MONTHS[month]);
            (
                format!(
                    "Under {}, {} must {} from {expression}.",
                    rng.pick(LAWS),
                    rng.pick(GROUPS),
                    rng.pick(OBLIGATIONS)
                ),
                ClaimKind::LawPolicy,
                None,
                vec![(expression, format!("{y}-{:02}-{day:02}", month + 1))],
            )
        }
        5 => {
            let until = y + rng.range(1, 6);
            (
                format!(
                    "{} closed {} {} in {place} between {y} and {until}.",
                    capitalise(agency),
                    rng.range(2, 30),
                    rng.pick(FACILITIES)
                ),
                ClaimKind::Event,
                None,
                vec![year_date(y), year_date(until)],
            )
        }
        6 => (
            format!(
                "{} led to a {} percent drop in {}, according to {agency}.",
                capitalise(rng.pick(PROJECTS)),
                rng.range(3, 70),
                rng.pick(METRICS)
            ),
            ClaimKind::Causal,
            Some(capitalise(agency)),
            Vec::new(),
        ),
        7 => (
            format!(
                "{who} called {} \u{201C}{}\u{201D} and said it cost {}.",
                rng.pick(PROJECTS),
                rng.pick(OPINIONS),
                money(rng)
            ),
            ClaimKind::Opinion,
            Some(who.clone()),
            Vec::new(),
        ),
        8 => (
            format!(
                "About {},{:03} people in {place} were waiting for {} at the end of {y}.",
                rng.range(1, 48),
                rng.range(0, 999),
                rng.pick(SERVICES)
            ),
            ClaimKind::Quantity,
            None,
            vec![year_date(y)],
        ),
        9 => (
            format!(
                "{} in {place} rose to their highest level since {y}, figures from {agency} show.",
                capitalise(rng.pick(METRICS))
            ),
            ClaimKind::Comparison,
            Some(capitalise(agency)),
            vec![year_date(y)],
        ),
        10 => (
            format!(
                "The budget for {} has doubled to {} since {y}, {who} told reporters.",
                rng.pick(PROJECTS),
                money(rng)
            ),
            ClaimKind::Comparison,
            Some(who.clone()),
            vec![year_date(y)],
        ),
        11 => (
            format!(
                "{place} has {} {}, fewer than any other district in the region.",
                rng.range(2, 25),
                rng.pick(FACILITIES)
            ),
            ClaimKind::Comparison,
            None,
            Vec::new(),
        ),
        12 => {
            let last_year = (published.year() - 1).to_string();
            (
                format!(
                    "{} said it had received {} complaints about {} last year.",
                    capitalise(agency),
                    rng.range(30, 4000),
                    rng.pick(PROJECTS)
                ),
                ClaimKind::Quantity,
                Some(capitalise(agency)),
                vec![("last year".to_string(), last_year)],
            )
        }
        _ => (
            format!(
                "{who} said {agency} had failed to spend {} set aside for {} in {y}.",
                money(rng),
                rng.pick(PROJECTS)
            ),
            ClaimKind::Event,
            Some(who.clone()),
            vec![year_date(y)],
        ),
    };
    Sentence {
        text,
        kind,
        speaker,
        dates,
    }
}

/// A repeat of an earlier claim: the same words, or reworded as another outlet would.
fn repeat_of(rng: &mut Rng, earlier: &Sentence) -> Sentence {
    let mut repeat = earlier.clone();
    if rng.chance(0.5) {
        let body = earlier.text.trim_end_matches('.');
        repeat.text = match rng.below(3) {
            0 => format!("{body}, officials confirmed."),
            1 => format!("According to officials, {}.", lowercase_first(body)),
            _ => format!("{body}, the report said."),
        };
    }
    repeat
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Names stay capitalised; only a leading article or pronoun is lowered.
        Some(first) if text.starts_with("The ") || text.starts_with("About ") => {
            first.to_lowercase().chain(chars).collect()
        }
        Some(first) => std::iter::once(first).chain(chars).collect(),
        None => String::new(),
    }
}

fn headline(rng: &mut Rng) -> String {
    let place = rng.pick(PLACES);
    match rng.below(6) {
        0 => format!("{place} council under fire over {}", rng.pick(PROJECTS)),
        1 => format!(
            "{} sets out plans for {}",
            capitalise(rng.pick(AGENCIES)),
            rng.pick(PROJECTS)
        ),
        2 => format!("Questions over {} in {place}", rng.pick(METRICS)),
        3 => format!("{place} braces for cuts as budget talks stall"),
        4 => format!(
            "What the new figures say about {} in {place}",
            rng.pick(METRICS)
        ),
        _ => format!(
            "{} to cost more than planned, {place} told",
            capitalise(rng.pick(PROJECTS))
        ),
    }
}

fn reasons_for(sentence: &Sentence) -> Vec<ScoreReason> {
    let mut reasons = Vec::new();
    if sentence.text.chars().any(|c| c.is_ascii_digit()) {
        reasons.push(ScoreReason {
            signal: "number".into(),
            label: "contains a figure".to_string(),
            weight: 1.2,
        });
    }
    if sentence.speaker.is_some() {
        reasons.push(ScoreReason {
            signal: "attribution".into(),
            label: "attributed to a named source".to_string(),
            weight: 0.6,
        });
    }
    if !sentence.dates.is_empty() {
        reasons.push(ScoreReason {
            signal: "date".into(),
            label: "refers to a date".to_string(),
            weight: 0.4,
        });
    }
    reasons
}

/// One generated article: the article as import would read it, its claims and their reviews.
struct Draft {
    article: NewArticle,
    claims: Vec<ExtractedClaim>,
    reviews: Vec<SeededReview>,
    repeats: usize,
}

fn draft(rng: &mut Rng, number: usize, claims: usize, earlier: &mut Vec<Sentence>) -> Draft {
    let published = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default()
        + Duration::days(rng.range(0, 1094) as i64);
    let mut body = String::new();
    let mut length = 0usize;
    let mut extracted = Vec::with_capacity(claims);
    let mut reviews = Vec::new();
    let mut repeats = 0;
    while extracted.len() < claims {
        // A paragraph: two to four sentences, now and then one that is not a claim.
        if !body.is_empty() {
            body.push_str("\n\n");
            length += 2;
        }
        let sentences = rng.range(2, 4) as usize;
        for i in 0..sentences {
            if extracted.len() >= claims {
                break;
            }
            if i > 0 {
                body.push(' ');
                length += 1;
            }
            if rng.chance(0.2) {
                let filler = rng.pick(FILLERS);
                body.push_str(filler);
                length += filler.chars().count();
                body.push(' ');
                length += 1;
            }
            let sentence = if !earlier.is_empty() && rng.chance(0.03) {
                repeats += 1;
                let source = rng.below(earlier.len());
                repeat_of(rng, &earlier[source])
            } else {
                let fresh = claim_sentence(rng, published);
                if earlier.len() < 20_000 {
                    earlier.push(fresh.clone());
                } else {
                    let slot = rng.below(earlier.len());
                    earlier[slot] = fresh.clone();
                }
                fresh
            };
            let start = length;
            let chars = sentence.text.chars().count();
            let dates = sentence
                .dates
                .iter()
                .filter_map(|(expression, value)| {
                    let at = sentence.text.find(expression.as_str())?;
                    let offset = start + sentence.text[..at].chars().count();
                    Some(DateMention {
                        text: expression.clone(),
                        start: offset,
                        end: offset + expression.chars().count(),
                        value: Some(value.clone()),
                    })
                })
                .collect();
            let score = 0.5 + rng.unit() * 0.49;
            extracted.push(ExtractedClaim {
                text: sentence.text.clone(),
                start,
                end: start + chars,
                sentence_start: start,
                sentence_end: start + chars,
                score: (score * 1000.0).round() / 1000.0,
                checkworthy: true,
                kind: sentence.kind,
                speaker: sentence.speaker.clone(),
                speaker_role: None,
                dates,
                reasons: reasons_for(&sentence),
                caption: false,
            });
            body.push_str(&sentence.text);
            length += chars;
            if rng.chance(0.3) {
                reviews.push(review(rng, extracted.len() - 1));
            }
        }
    }
    let article = NewArticle {
        title: headline(rng),
        outlet: Some(rng.pick(OUTLETS).to_string()),
        byline: Some(format!("By {}", person(rng))),
        url: Some(format!(
            "https://news.example/{}/story-{number:05}",
            published.format("%Y/%m")
        )),
        published: Some(published),
        body,
        format: SourceFormat::Text,
        source_file: Some(format!("synthetic-{number:05}.txt")),
        modified: None,
        language: None,
        source: None,
    };
    Draft {
        article,
        claims: extracted,
        reviews,
        repeats,
    }
}

fn review(rng: &mut Rng, claim: usize) -> SeededReview {
    let roll = rng.unit();
    let status = match roll {
        r if r < 0.35 => ClaimStatus::Verified,
        r if r < 0.60 => ClaimStatus::Disputed,
        r if r < 0.75 => ClaimStatus::NeedsEvidence,
        r if r < 0.90 => ClaimStatus::InProgress,
        _ => ClaimStatus::Dismissed,
    };
    let note = rng.chance(0.3).then(|| rng.pick(NOTES).to_string());
    let evidence = (status.is_reviewed() && rng.chance(0.5)).then(|| {
        let stance = if status == ClaimStatus::Verified {
            Stance::Supports
        } else {
            Stance::Refutes
        };
        (
            format!(
                "https://records.example/documents/{}",
                rng.range(1000, 99_999)
            ),
            stance,
        )
    });
    SeededReview {
        claim,
        by: rng.pick(REVIEWERS).to_string(),
        status,
        note,
        evidence,
    }
}

/// Fill `desk` according to `plan`, calling `progress` with the number of articles done
/// after each one.
pub fn generate(desk: &Desk, plan: &Plan, mut progress: impl FnMut(usize)) -> Result<Generated> {
    if plan.claims_per_article == 0 {
        return Err(Error::invalid_input("give at least one claim per article"));
    }
    let mut rng = Rng(plan.seed);
    let mut earlier = Vec::new();
    let mut generated = Generated::default();
    for number in 0..plan.articles {
        let draft = draft(&mut rng, number, plan.claims_per_article, &mut earlier);
        let claims = draft.claims.len();
        let result =
            desk.store_article(&draft.article, draft.claims, Vec::new(), &draft.reviews)?;
        if result.outcome == claimdesk_store::records::ImportOutcome::Imported {
            generated.articles += 1;
            generated.claims += claims;
            generated.repeats += draft.repeats;
            generated.reviewed += draft.reviews.len();
        }
        progress(number + 1);
    }
    Ok(generated)
}

/// An article whose whole text is one check-worthy claim of `kind`: how the lab and the tests
/// put a sentence on a desk to see what the store links it to, without the engine choosing.
pub fn one_claim_article(
    text: &str,
    title: String,
    published: Option<NaiveDate>,
    kind: ClaimKind,
) -> (NewArticle, ExtractedClaim) {
    let chars = text.chars().count();
    let claim = ExtractedClaim {
        text: text.to_string(),
        start: 0,
        end: chars,
        sentence_start: 0,
        sentence_end: chars,
        score: 0.9,
        checkworthy: true,
        kind,
        speaker: None,
        speaker_role: None,
        dates: Vec::new(),
        reasons: Vec::new(),
        caption: false,
    };
    let article = NewArticle {
        title,
        outlet: None,
        byline: None,
        url: None,
        published,
        body: text.to_string(),
        format: SourceFormat::Text,
        source_file: None,
        modified: None,
        language: None,
        source: None,
    };
    (article, claim)
}
