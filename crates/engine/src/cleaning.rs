//! Cleaning: finding the parts of a pasted or imported article that are not its body.
//!
//! Copying an article out of a web page brings along the page around it: the headline twice,
//! the byline, photo captions and their credits, share buttons, "Advertisement", "Read more"
//! links and comment prompts. None of that is the article's claim, so the engine marks it as
//! furniture and makes no claims from it (captions excepted: their claims are kept, flagged as
//! caption claims, because captions do state facts). Nothing is removed from the text: every
//! region is a byte range of the original, so offsets never move.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

/// What a furniture region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FurnitureKind {
    /// A repeat of the headline (the first occurrence stays body: headlines make claims).
    RepeatedTitle,
    /// "By Jane Roe", "The Associated Press".
    Byline,
    /// "Updated Nov. 8, 2017", a line holding only a date.
    Metadata,
    /// A photo caption: the description, which may hold caption claims.
    Caption,
    /// A photo credit: "(AP Photo/Evan Vucci)", "Getty Images".
    Credit,
    /// Share buttons, footers, links and prompts: "• Star", "Source –", "Read more: …".
    Widget,
    /// The place line opening a wire story: "MOSCOW (AP) — ".
    Dateline,
    /// Transcript stage directions: "(APPLAUSE)", "[crosstalk]".
    StageDirection,
}

impl FurnitureKind {
    /// Whether claims may come from a region of this kind (as caption claims).
    pub fn may_hold_claims(self) -> bool {
        self == FurnitureKind::Caption
    }
}

/// A region of the text that is not the article's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// What it is.
    pub kind: FurnitureKind,
}

/// Longest line, in characters, that can be page furniture other than a caption. Body
/// paragraphs are longer; widgets, bylines and link lines are short.
const SHORT_LINE: usize = 160;

/// Share widgets, footers and prompts, as a whole line (case-insensitive, optional bullets and
/// trailing dashes or colons).
static WIDGET_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s•·*|►▶▪◦>\-–—]*
        (?: stars? | share(?:\s+(?:this(?:\s+(?:article|story|page|post))?|on\s+\w+|the\s+story|article|story))? | tweet | e-?mail
          | print | save | like | reply | comments? | \d+\s+comments? | leave\s+a\s+(?:comment|reply)
          | (?:view|show|hide|post|add)\s+comments? | advertisement | advert | sponsored(?:\s+content)?
          | read\s+(?:more|next) | related(?:\s+(?:articles?|stories|content|coverage|links))?
          | recommended(?:\s+for\s+you)? | trending(?:\s+now)? | most\s+(?:read|popular|viewed)
          | sources? | credits? | participants | moderators? | panelists | continue\s+reading | back\s+to\s+top | skip\s+(?:to\s+)?(?:content|ad|advert)
          | follow\s+us(?:\s+on\s+[\w\s]+)? | subscribe(?:\s+now)? | sign\s+up(?:\s+for\s+[\w\s]+)?
          | newsletter | watch | listen | loading | home | menu | top\s+stories | more\s+from\s+[\w\s.'’]{1,40}
          | getty\s+images | media\s+playback\s+is\s+unsupported\s+on\s+your\s+device
          | click\s+here(?:\s+to\s+[\w\s]+)? | all\s+rights\s+reserved | copyright(?:\s+\S+){0,6}
          | ©(?:\s*\S+){0,6} | image\s+(?:copyright|caption)(?:\s+\S+){0,6}
          | view\s+original\s+tweet\s+on\s+twitter | the\s+bbc\s+is\s+not\s+responsible\s+for\s+the\s+content\s+of\s+external\s+sites\.?
        )
        \s*[:：–—\-|»›>.]*\s*$",
    )
    .expect("the widget pattern is valid")
});

/// Lines that point elsewhere: "Read more: Markets slide again", "RELATED: …", "More: …".
static LINK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s•·*\-–—]*(?:read\s+more|read\s+next|related|more|see\s+also|also\s+read|also\s+see|watch|listen|recommended|more\s+on\s+this\s+story)\s*[:：|–—]\s*\S",
    )
    .expect("the link pattern is valid")
});

/// Bylines and agency lines.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?i:by|from)\s+\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|de|van|von|da|di|la|le|bin|al-\S+))*
              (?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*)*)*
              (?:\s*[,|/–—\-]\s*.{0,60})?
          | (?i:the\s+)?(?i:associated\s+press|ap|reuters|afp|agence\s+france-presse|bloomberg(?:\s+news)?|press\s+association|pa\s+media|dpa|upi|xinhua|tass|interfax|staff|staff\s+writer|staff\s+reporter|wire\s+services|news\s+services|cnn\s+wire)
              (?:\s+(?i:staff|writer|reporter))?
        )\s*$",
    )
    .expect("the byline pattern is valid")
});

/// "Updated 10:32 a.m. ET", "Published: Nov. 8, 2017", a line holding nothing but a date.
static METADATA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:last\s+)?(?:updated|published|posted|modified|first\s+published|date)\s*:?\s+.{0,60}
          | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?
            (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?
            \s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?:[,\s]+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?
          | \d{1,2}\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+\d{4}
          | \d{4}-\d{2}-\d{2}(?:[T\s]\d{2}:\d{2}.*)?
          | \d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?
        )\s*$",
    )
    .expect("the metadata pattern is valid")
});

/// A photo credit closing a caption: "(AP Photo/Evan Vucci)", "(Mikhail Klimentyev, Sputnik,
/// Kremlin Pool Photo via AP)", "Photo: Jane Roe/Reuters".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: \( [^()]{0,120}? (?:(?-u:\b)AP\s+Photo(?-u:\b)|(?-u:\b)Photo(?-u:\b)|(?-u:\b)photo(?-u:\b)|(?-u:\b)via\s+AP(?-u:\b)|(?-u:\b)Getty\s+Images(?-u:\b)|(?-u:\b)Reuters(?-u:\b)|(?-u:\b)AFP(?-u:\b)|(?-u:\b)EPA(?-u:\b)|(?-u:\b)Shutterstock(?-u:\b)|(?-u:\b)Pool(?-u:\b)|(?-u:\b)Images(?-u:\b)|(?-u:\b)Photograph(?-u:\b)) [^()]{0,120} \) \s*$
          | (?:Photo(?:graph)?|Image|Picture|Credit)s?\s*(?::|by)\s+[^.]{2,80}$
          | (?-u:\b)(?:Getty\s+Images|AP\s+Photo|Reuters|AFP)(?:\s*/\s*[^.]{1,60})?\s*$
        )",
    )
    .expect("the credit pattern is valid")
});

/// Words one of which every [`CREDIT`] match holds ("Photo" covers "AP Photo" and
/// "Photograph", "Image" covers "Images" and "Getty Images"). Body lines are checked for them
/// in one pass before the credit pattern, whose bounded repetitions make a slow search, runs.
static CREDIT_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Leftmost-first lets the automaton use its SIMD prefilter; which word matches is moot.
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build([
            "Photo",
            "photo",
            "via AP",
            "Image",
            "Picture",
            "Credit",
            "Reuters",
            "AFP",
            "EPA",
            "Shutterstock",
            "Pool",
        ])
        .expect("the credit words are valid")
});

/// Lines that announce a caption: "FILE - …", "Photo: …", "Image caption …", "Pictured: …".
static CAPTION_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:FILE(?:\s+PHOTO)?\s*[-–—:]|(?i:image\s+caption|caption|pictured|photo)\s*[:\-–—])",
    )
    .expect("the caption pattern is valid")
});

/// The wire-story place line: "MOSCOW (AP) — ", "SPRINGFIELD, Mass. (WWLP) – ",
/// "WASHINGTON, Nov. 8 (Reuters) - ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{Lu}.'’\-]{2,30}(?:\s[\p{Lu}.'’\-]{2,30}){0,3}(?:,\s*[\p{Lu}][\p{L}.]*(?:\s[\p{Lu}][\p{L}.]*)?)?(?:,?\s+[\p{Lu}][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([\p{Lu}][\p{L}\s.]{0,20}\))?\s*(?:—|–|--|-)\s+",
    )
    .expect("the dateline pattern is valid")
});

/// The place line in the style of some outlets, in title case with the outlet in capitals:
/// "Hong Kong (CNN) ", "London (CNN) — ".
static OUTLET_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{L}.'’\-]+(?:\s\p{Lu}[\p{L}.'’\-]+){0,3}(?:,\s*\p{Lu}[\p{L}.]*)?\s*\((?:\p{Lu}{2,8}|Reuters)\)\s*(?:(?:—|–|--|-)\s+)?",
    )
    .expect("the outlet dateline pattern is valid")
});

/// An embedded video or audio player's title: its running time, its title and the medium,
/// "01:06 'Santa is good to go': Dr Fauci says he vaccinated Father Christmas – video".
static MEDIA_EMBED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}\s+\S.{0,240}\s[–—-]\s*(?i:video|audio|podcast)\.?$")
        .expect("the media embed pattern is valid")
});

/// Whether a sentence is an embedded video or audio player's title (see [`MEDIA_EMBED`]):
/// it advertises a clip, it claims nothing of the article's own.
pub fn is_media_embed(sentence: &str) -> bool {
    MEDIA_EMBED.is_match(sentence.trim())
}

/// A transcript stage direction on its own: "(APPLAUSE)", "[laughter]", "(CROSSTALK).".
static STAGE_DIRECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\(\[][\p{L}\s,'’\-]{2,40}[\)\]]\.?$").expect("the stage pattern is valid")
});

/// Whether a sentence is nothing but a transcript stage direction ("(APPLAUSE)", "[laughter]").
pub fn is_stage_direction(sentence: &str) -> bool {
    STAGE_DIRECTION.is_match(sentence.trim())
}

/// Find the furniture of `text`, in text order.
pub fn furniture(text: &str) -> Vec<Furniture> {
    let mut found = Vec::new();
    let mut seen_lines: HashSet<String> = HashSet::new();
    let mut body_started = false;
    let mut line_start = 0;
    for raw in text.split_inclusive('\n') {
        let line_end = line_start + raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            line_start = line_end;
            continue;
        }
        let start = line_start + (content.len() - content.trim_start().len());
        let range = start..start + trimmed.len();
        let short = trimmed.chars().count() <= SHORT_LINE;
        let repeated =
            short && !ends_like_prose(trimmed) && !seen_lines.insert(normalise_line(trimmed));
        let kind = if repeated {
            Some(FurnitureKind::RepeatedTitle)
        } else if short && (WIDGET_LINE.is_match(trimmed) || LINK_LINE.is_match(trimmed)) {
            Some(FurnitureKind::Widget)
        } else if short && BYLINE.is_match(trimmed) {
            Some(FurnitureKind::Byline)
        } else if short && METADATA_LINE.is_match(trimmed) {
            Some(FurnitureKind::Metadata)
        } else if STAGE_DIRECTION.is_match(trimmed) {
            Some(FurnitureKind::StageDirection)
        } else if MEDIA_EMBED.is_match(trimmed) {
            Some(FurnitureKind::Widget)
        } else {
            None
        };
        if let Some(kind) = kind {
            found.push(Furniture { range, kind });
        } else if let Some(caption) = caption_regions(text, range.clone()) {
            found.extend(caption);
        } else {
            if !body_started
                && let Some(m) = DATELINE
                    .find(trimmed)
                    .or_else(|| OUTLET_DATELINE.find(trimmed))
            {
                found.push(Furniture {
                    range: range.start..range.start + m.end(),
                    kind: FurnitureKind::Dateline,
                });
            }
            body_started |= !short || ends_like_prose(trimmed);
        }
        line_start = line_end;
    }
    found
}

/// Split a caption line into its description and its credit, if the line is a caption.
fn caption_regions(text: &str, line: Range<usize>) -> Option<Vec<Furniture>> {
    let trimmed = &text[line.clone()];
    let credit = if CREDIT_WORDS.is_match(trimmed) {
        CREDIT.find(trimmed)
    } else {
        None
    };
    let lead = CAPTION_LEAD.is_match(trimmed);
    if credit.is_none() && !lead {
        return None;
    }
    let mut regions = Vec::new();
    let description_end = credit.as_ref().map_or(line.end, |m| line.start + m.start());
    if description_end > line.start {
        regions.push(Furniture {
            range: line.start..description_end,
            kind: FurnitureKind::Caption,
        });
    }
    if let Some(m) = credit {
        regions.push(Furniture {
            range: line.start + m.start()..line.start + m.end(),
            kind: FurnitureKind::Credit,
        });
    }
    Some(regions)
}

/// Whether a line ends the way a body paragraph does.
fn ends_like_prose(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

/// A line's identity for spotting a repeated headline: letters and digits, lower-cased.
fn normalise_line(line: &str) -> String {
    line.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Furniture regions with a lookup by position, for the pipeline.
#[derive(Debug, Default)]
pub struct Layout {
    regions: Vec<Furniture>,
}

impl Layout {
    /// Lay out `text`.
    pub fn of(text: &str) -> Self {
        Layout {
            regions: furniture(text),
        }
    }

    /// All furniture, in text order.
    pub fn regions(&self) -> &[Furniture] {
        &self.regions
    }

    /// The furniture that covers the whole byte range `span`, if any.
    pub fn covering(&self, span: &Range<usize>) -> Option<&Furniture> {
        let at = self.regions.partition_point(|r| r.range.end < span.end);
        self.regions[at.saturating_sub(1)..]
            .iter()
            .take(3)
            .find(|r| r.range.start <= span.start && span.end <= r.range.end)
    }

    /// Where the body of `span` starts once furniture at its front (a dateline, a stage
    /// direction) is skipped.
    pub fn body_start(&self, span: &Range<usize>) -> usize {
        let at = self.regions.partition_point(|r| r.range.end <= span.start);
        self.regions[at..]
            .iter()
            .take_while(|r| r.range.start <= span.start)
            .filter(|r| !r.kind.may_hold_claims())
            .map(|r| r.range.end)
            .max()
            .map_or(span.start, |end| end.clamp(span.start, span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn kinds(text: &str) -> Vec<(String, FurnitureKind)> {
        furniture(text)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.kind))
            .collect()
    }

    #[rstest]
    #[case::star_widget("  • Star")]
    #[case::source_with_dash("Source –")]
    #[case::comment_prompt("Leave a Comment")]
    #[case::advertisement("ADVERTISEMENT")]
    #[case::read_more_link("Read more: Lake levels fall for a third year")]
    #[case::related_link("RELATED: What the new budget means for renters")]
    #[case::share_buttons("Share this article")]
    fn widgets_and_footers_are_furniture(#[case] line: &str) {
        let text = format!("The council voted on Monday to close the pool.\n\n{line}\n");
        assert_eq!(
            kinds(&text),
            vec![(line.trim().to_string(), FurnitureKind::Widget)]
        );
    }

    #[rstest]
    #[case::agency("The Associated Press")]
    #[case::reporter("By Maria Gonzalez and Tom Reed")]
    #[case::reporter_with_outlet("By Ann Lee, Harbor Gazette")]
    fn bylines_are_furniture(#[case] line: &str) {
        let text = format!("Ferry fares rise\n\n{line}\n\nFerry fares will rise 4% in May.\n");
        assert!(kinds(&text).contains(&(line.to_string(), FurnitureKind::Byline)));
    }

    #[test]
    fn a_repeated_headline_is_furniture_but_the_first_is_not() {
        let text = "Ferry fares rise\n\nFerry fares rise\n\nFares rise 4% in May.\n";
        assert_eq!(
            kinds(text),
            vec![("Ferry fares rise".to_string(), FurnitureKind::RepeatedTitle)]
        );
        assert_eq!(furniture(text)[0].range.start, 18);
    }

    #[test]
    fn a_caption_keeps_its_description_apart_from_its_credit() {
        let text = "Crews clear snow in Duluth, Minn., on Tuesday. (Jo Park/Northland Photo via AP)\n\nBody text follows here.";
        let found = kinds(text);
        assert_eq!(found[0].1, FurnitureKind::Caption);
        assert_eq!(
            found[0].0,
            "Crews clear snow in Duluth, Minn., on Tuesday. "
        );
        assert_eq!(
            found[1],
            (
                "(Jo Park/Northland Photo via AP)".to_string(),
                FurnitureKind::Credit
            )
        );
    }

    #[test]
    fn a_title_case_place_with_the_outlet_in_parentheses_is_a_dateline_regression() {
        // "Hong Kong (CNN) A prominent official…" put "Kong (CNN) A" among the claim's names.
        assert_eq!(
            kinds("Hong Kong (CNN) A senior official has promoted a theory about the port.\n"),
            vec![("Hong Kong (CNN) ".to_string(), FurnitureKind::Dateline)]
        );
    }

    #[rstest]
    #[case::on_its_own_line(
        "The ferry sails at noon.\n02:14 'We are ready': the harbour master on the new timetable – video\nFares rise in May.\n",
        Some(FurnitureKind::Widget)
    )]
    #[case::prose_with_a_time_is_body("The ferry leaves at 10:30 and returns at noon.\n", None)]
    fn an_embedded_video_title_is_furniture_regression(
        #[case] text: &str,
        #[case] kind: Option<FurnitureKind>,
    ) {
        let found: Vec<FurnitureKind> = kinds(text).into_iter().map(|(_, k)| k).collect();
        assert_eq!(found.first().copied(), kind, "{found:?}");
        assert!(is_media_embed(
            "02:14 'We are ready': the harbour master on the new timetable – video"
        ));
    }

    #[test]
    fn a_dateline_opens_the_first_paragraph_only() {
        let text = "ALBANY, N.Y. (AP) — Lawmakers passed the bill on Monday.\n\nLater — much later — it failed.";
        assert_eq!(
            kinds(text),
            vec![("ALBANY, N.Y. (AP) — ".to_string(), FurnitureKind::Dateline)]
        );
    }

    #[test]
    fn body_paragraphs_are_not_furniture() {
        let text = "Source code for the voting machines was published on Monday, officials said.\n\n\
                    Share prices fell 3% after the announcement.";
        assert!(furniture(text).is_empty());
    }

    #[test]
    fn layout_finds_what_covers_a_span_and_where_the_body_starts() {
        let text = "ALBANY (AP) — Lawmakers passed it.\n\nLeave a Comment";
        let layout = Layout::of(text);
        let widget = text.find("Leave").unwrap()..text.len();
        assert_eq!(
            layout.covering(&widget).map(|f| f.kind),
            Some(FurnitureKind::Widget)
        );
        assert_eq!(layout.body_start(&(0..34)), text.find("Lawmakers").unwrap());
        assert!(layout.covering(&(14..34)).is_none());
    }
}
