//! The observable signals of a sentence that bear on whether it is worth checking.
//!
//! [`analyse`] tokenises a sentence once and derives everything the scorer and the kind
//! classifier need from it: normalised word tokens (for the learned n-gram weights) and a fixed
//! set of hand-built [`Signal`]s (figures, dates, named entities, superlatives, hedges,
//! opinion words, ...) with the words that triggered them, so that a score can be explained
//! in the editor's terms ("contains a figure: 3.2 million").
//!
//! Word cues are looked up by a precomputed FNV-1a hash of the lowercased token, so analysing a
//! sentence costs one pass over its characters and one hash-map probe per token and per pair
//! of tokens, with no regular expressions: the whole pipeline must run at 10 MB/s.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A hand-built signal of check-worthiness (or of its absence).
///
/// The learned model gives each one a weight; [`Signal::describe`] turns a signal and the
/// words that triggered it into the reason an editor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    /// A figure written in digits that is not a year ("3.2", "1,500").
    Number,
    /// An amount in words ("million", "thousands", "twice", "half").
    AmountWord,
    /// A percentage ("4%", "12 percent").
    Percent,
    /// Money ("$3", "dollars", "budget of").
    Money,
    /// A year ("1998", "the 1990s").
    Year,
    /// A date word: month, weekday, "yesterday", "ago", "last year".
    DateWord,
    /// Capitalised names inside the sentence (people, places, bodies), scaled by how many.
    NamedEntity,
    /// A superlative or record ("first", "largest", "most", "never before").
    Superlative,
    /// A comparison or trend ("more than", "fewer", "doubled", "rose", "cut").
    Comparison,
    /// Cause and effect ("because", "led to", "due to", "caused", "spread").
    Causal,
    /// Whether something works, protects or harms ("cures", "prevents", "effective", "safe").
    Efficacy,
    /// Where something came from ("originated", "came from", "man-made").
    Origin,
    /// Talk about a claim and its truth ("claim", "false", "no evidence", "myth", "hoax").
    ClaimTalk,
    /// Research, data and experts as the ground of a statement ("study", "scientists", "data").
    Research,
    /// Speculation about what happened ("may have", "might have", "could have").
    Speculation,
    /// Laws, bills, taxes, votes, courts and programmes.
    LawPolicy,
    /// Reported speech or a source ("said", "according to", "report", "study").
    Attribution,
    /// A hedge that weakens the claim ("may", "might", "perhaps", "probably").
    Hedge,
    /// A verb of opinion or wish ("I think", "believe", "hope", "want").
    OpinionVerb,
    /// Evaluative wording ("great", "terrible", "wonderful", "disgrace").
    Evaluative,
    /// What ought to happen ("should", "must", "need to", "have to").
    Prescriptive,
    /// The future ("will", "going to", "next year").
    Future,
    /// A conditional or hypothetical ("would", "if").
    Conditional,
    /// The sentence is a question.
    Question,
    /// The speaker talks about themselves ("I", "my").
    FirstPersonSingular,
    /// The speaker talks for a group ("we", "our").
    FirstPersonPlural,
    /// The speaker addresses someone ("you", "your").
    SecondPerson,
    /// Greetings, thanks and stage directions ("thank you", "good evening", "applause").
    Courtesy,
    /// Negation ("not", "never", "n't").
    Negation,
    /// Past tense ("was", "had", "voted").
    PastTense,
    /// The sentence contains quotation marks.
    Quoted,
    /// The subject is a bare pronoun ("It was...", "They said..."): the claim leans on
    /// context an editor must find first.
    PronounSubject,
    /// Fewer than 5 words.
    VeryShort,
    /// 5 to 9 words.
    Short,
    /// 20 to 34 words.
    Long,
    /// 35 words or more.
    VeryLong,
}

/// How many [`Signal`]s there are.
pub const SIGNAL_COUNT: usize = 36;

impl Signal {
    /// Every signal, in a fixed order (the index of a signal is its position here).
    pub const ALL: [Signal; SIGNAL_COUNT] = [
        Signal::Number,
        Signal::AmountWord,
        Signal::Percent,
        Signal::Money,
        Signal::Year,
        Signal::DateWord,
        Signal::NamedEntity,
        Signal::Superlative,
        Signal::Comparison,
        Signal::Causal,
        Signal::Efficacy,
        Signal::Origin,
        Signal::ClaimTalk,
        Signal::Research,
        Signal::Speculation,
        Signal::LawPolicy,
        Signal::Attribution,
        Signal::Hedge,
        Signal::OpinionVerb,
        Signal::Evaluative,
        Signal::Prescriptive,
        Signal::Future,
        Signal::Conditional,
        Signal::Question,
        Signal::FirstPersonSingular,
        Signal::FirstPersonPlural,
        Signal::SecondPerson,
        Signal::Courtesy,
        Signal::Negation,
        Signal::PastTense,
        Signal::Quoted,
        Signal::PronounSubject,
        Signal::VeryShort,
        Signal::Short,
        Signal::Long,
        Signal::VeryLong,
    ];

    /// Position of the signal in [`Signal::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stable identifier used in the model file and in [`crate::claim::ScoreReason::signal`].
    pub fn id(self) -> &'static str {
        match self {
            Signal::Number => "number",
            Signal::AmountWord => "amount_word",
            Signal::Percent => "percent",
            Signal::Money => "money",
            Signal::Year => "year",
            Signal::DateWord => "date",
            Signal::NamedEntity => "named_entity",
            Signal::Superlative => "superlative",
            Signal::Comparison => "comparison",
            Signal::Causal => "causal",
            Signal::Efficacy => "efficacy",
            Signal::Origin => "origin",
            Signal::ClaimTalk => "claim_talk",
            Signal::Research => "research",
            Signal::Speculation => "speculation",
            Signal::LawPolicy => "law_policy",
            Signal::Attribution => "attribution",
            Signal::Hedge => "hedge",
            Signal::OpinionVerb => "opinion",
            Signal::Evaluative => "evaluative",
            Signal::Prescriptive => "prescriptive",
            Signal::Future => "future",
            Signal::Conditional => "conditional",
            Signal::Question => "question",
            Signal::FirstPersonSingular => "first_person_singular",
            Signal::FirstPersonPlural => "first_person_plural",
            Signal::SecondPerson => "second_person",
            Signal::Courtesy => "courtesy",
            Signal::Negation => "negation",
            Signal::PastTense => "past_tense",
            Signal::Quoted => "quoted",
            Signal::PronounSubject => "pronoun_subject",
            Signal::VeryShort => "very_short",
            Signal::Short => "short",
            Signal::Long => "long",
            Signal::VeryLong => "very_long",
        }
    }

    /// The signal with identifier `id`, if any.
    pub fn from_id(id: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|signal| signal.id() == id)
    }

    /// What the editor reads, given the words that triggered the signal (if it has any).
    pub fn describe(self, evidence: Option<&str>) -> String {
        let what = match self {
            Signal::Number => "contains a figure",
            Signal::AmountWord => "names an amount",
            Signal::Percent => "gives a percentage",
            Signal::Money => "mentions money",
            Signal::Year => "refers to a year",
            Signal::DateWord => "refers to a date",
            Signal::NamedEntity => "names a person, place or body",
            Signal::Superlative => "superlative or record",
            Signal::Comparison => "compares or gives a trend",
            Signal::Causal => "states a cause",
            Signal::Efficacy => "says what works, protects or harms",
            Signal::Origin => "says where something came from",
            Signal::ClaimTalk => "reports or disputes a claim",
            Signal::Research => "cites research or data",
            Signal::Speculation => "speculates about what happened",
            Signal::LawPolicy => "about a law, vote or policy",
            Signal::Attribution => "cites a source",
            Signal::Hedge => "hedged",
            Signal::OpinionVerb => "opinion or wish",
            Signal::Evaluative => "evaluative wording",
            Signal::Prescriptive => "says what ought to happen",
            Signal::Future => "about the future",
            Signal::Conditional => "hypothetical",
            Signal::Question => "is a question",
            Signal::FirstPersonSingular => "speaker talks about themselves",
            Signal::FirstPersonPlural => "speaker talks for a group",
            Signal::SecondPerson => "addresses someone",
            Signal::Courtesy => "greeting, thanks or stage direction",
            Signal::Negation => "negated",
            Signal::PastTense => "reports the past",
            Signal::Quoted => "contains a quotation",
            Signal::PronounSubject => "subject is only a pronoun",
            Signal::VeryShort => "very short (under 5 words)",
            Signal::Short => "short (5 to 9 words)",
            Signal::Long => "long (20 to 34 words)",
            Signal::VeryLong => "very long (35 words or more)",
        };
        // Built by hand rather than with format!: this runs for every reason of every claim.
        match evidence {
            Some(words) if !words.is_empty() => {
                let mut label = String::with_capacity(what.len() + words.len() + 10);
                label.push_str(what);
                label.push_str(": \u{201c}");
                label.push_str(words);
                label.push('\u{201d}');
                label
            }
            _ => what.to_string(),
        }
    }
}

/// FNV-1a, 64 bit: a stable hash (the same in every run and on every machine), so n-gram
/// weights can be stored by text in the model file and looked up by hash at run time.
pub const fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash = seed;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The FNV-1a offset basis: the hash of the empty string.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Hash of a normalised token or of a space-joined n-gram ("more than").
pub fn ngram_hash(text: &str) -> u64 {
    fnv1a(FNV_OFFSET, text.as_bytes())
}

/// A hasher for keys that already are good 64-bit hashes: it passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used with this hasher; fold anything else in case that changes.
        self.0 = fnv1a(self.0 ^ FNV_OFFSET, bytes);
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by FNV hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PrehashedHasher>>;

/// The marker before the first token in bigrams, so that openings ("well", "thank") count.
pub const SENTENCE_START: &str = "<s>";
/// The marker after the last token in bigrams.
pub const SENTENCE_END: &str = "</s>";

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token in the sentence.
    pub start: usize,
    /// Byte offset one past the token.
    pub end: usize,
    /// Byte range of the normalised form in [`Analysis::normalised`].
    norm_start: usize,
    norm_end: usize,
    /// [`ngram_hash`] of the normalised form.
    pub hash: u64,
    /// Whether the token is a word or number (not `$`, `%` or `?`).
    pub is_word: bool,
}

/// A sentence, tokenised, with its signals.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    normalised: String,
    values: [f32; SIGNAL_COUNT],
    evidence: [Option<(usize, usize)>; SIGNAL_COUNT],
    words: usize,
    /// Whether the money evidence already is a figure ("$40"), not a cue word ("cost").
    money_figure: bool,
}

impl<'a> Analysis<'a> {
    /// The sentence analysed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The tokens, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The normalised form of a token: lowercased, numbers as `<num>`, years as `<year>`.
    pub fn normalised(&self, token: &Token) -> &str {
        &self.normalised[token.norm_start..token.norm_end]
    }

    /// Number of word and number tokens.
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// The value of a signal: 0 when absent, up to 1.
    pub fn value(&self, signal: Signal) -> f32 {
        self.values[signal.index()]
    }

    /// Whether a signal fired.
    pub fn has(&self, signal: Signal) -> bool {
        self.values[signal.index()] > 0.0
    }

    /// All signal values, indexed like [`Signal::ALL`].
    pub fn values(&self) -> &[f32; SIGNAL_COUNT] {
        &self.values
    }

    /// Whether token `i` is a figure worth checking, as [`Signal::Number`] counts them: a
    /// number that is neither the day of a month ("Nov. 7") nor part of a name ("COVID-19").
    pub fn is_figure(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|token| {
            self.normalised(token) == "<num>"
                && number_role(
                    self.text,
                    &self.tokens,
                    &self.normalised,
                    i,
                    self.tokens.iter().position(|t| t.is_word),
                ) == NumberRole::Figure
        })
    }

    /// Every cue of `signal` in the sentence, as byte ranges in text order: the words and
    /// phrases of the signal's cue list ([`Analysis::evidence`] gives only the first).
    pub fn cues(&self, signal: Signal) -> Vec<(usize, usize)> {
        let cues = &*CUES;
        let bit = 1u64 << signal.index();
        let mut found = Vec::new();
        for (i, token) in self.tokens.iter().enumerate() {
            let mut phrase = token.hash;
            let mut mask = cues.get(&phrase).copied().unwrap_or(0);
            let mut longest = (mask & bit != 0).then_some(token.end);
            for next in self.tokens.iter().skip(i + 1).take(2) {
                if mask & PHRASE_CONTINUES == 0 {
                    break;
                }
                phrase = fnv1a(fnv1a(phrase, b" "), self.normalised(next).as_bytes());
                mask = cues.get(&phrase).copied().unwrap_or(0);
                if mask & bit != 0 {
                    longest = Some(next.end);
                }
            }
            if let Some(end) = longest {
                found.push((token.start, end));
            }
        }
        found
    }

    /// Whether token `i` has the form of a superlative ("wettest", "busiest").
    pub fn is_superlative_form(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|token| is_superlative_form(self.normalised(token)))
    }

    /// The words of the sentence that triggered a signal, if it has any.
    pub fn evidence(&self, signal: Signal) -> Option<&'a str> {
        self.evidence[signal.index()].and_then(|(start, end)| self.text.get(start..end))
    }

    /// Calls `visit` with the hash of every distinct unigram and bigram (bigrams include the
    /// sentence start and end markers), and with the token index range it covers
    /// (`first..first + len`; a marker-only side is clipped).
    pub fn ngrams(&self, out: &mut Vec<Ngram>) {
        out.clear();
        let start_hash = ngram_hash(SENTENCE_START);
        let mut previous: Option<u64> = Some(start_hash);
        for (i, token) in self.tokens.iter().enumerate() {
            out.push(Ngram {
                hash: token.hash,
                first: i,
                len: 1,
                from_start: false,
                to_end: false,
            });
            let norm = self.normalised(token).as_bytes();
            if let Some(prev) = previous {
                out.push(Ngram {
                    hash: fnv1a(fnv1a(prev, b" "), norm),
                    first: if i == 0 { 0 } else { i - 1 },
                    len: if i == 0 { 1 } else { 2 },
                    from_start: i == 0,
                    to_end: false,
                });
            }
            previous = Some(token.hash);
        }
        if let Some(last) = self.tokens.len().checked_sub(1) {
            let tail = fnv1a(fnv1a(self.tokens[last].hash, b" "), SENTENCE_END.as_bytes());
            out.push(Ngram {
                hash: tail,
                first: last,
                len: 1,
                from_start: false,
                to_end: true,
            });
        }
        dedup_by_hash(out);
    }

    /// The text of an n-gram as stored in the model file ("<s> thank", "more than").
    pub fn ngram_text(&self, ngram: &Ngram) -> String {
        let mut text = String::new();
        if ngram.from_start {
            text.push_str(SENTENCE_START);
        }
        for token in &self.tokens[ngram.first..ngram.first + ngram.len] {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(self.normalised(token));
        }
        if ngram.to_end {
            text.push(' ');
            text.push_str(SENTENCE_END);
        }
        text
    }
}

/// Drop the n-grams whose hash occurred earlier, keeping text order. A small open-addressing
/// set on the stack does it in one pass; a sentence too long for it is sorted instead.
fn dedup_by_hash(ngrams: &mut Vec<Ngram>) {
    const SLOTS: usize = 256;
    if ngrams.len() > SLOTS / 2 {
        ngrams.sort_unstable_by_key(|ngram| ngram.hash);
        ngrams.dedup_by_key(|ngram| ngram.hash);
        return;
    }
    let mut seen = [0u64; SLOTS];
    ngrams.retain(|ngram| {
        // 0 marks an empty slot; a hash of 0 is stored as 1 (a collision costs nothing worse
        // than a dropped n-gram, once in 2^64).
        let key = ngram.hash.max(1);
        let mut slot = (key as usize) % SLOTS;
        loop {
            if seen[slot] == key {
                return false;
            }
            if seen[slot] == 0 {
                seen[slot] = key;
                return true;
            }
            slot = (slot + 1) % SLOTS;
        }
    });
}

/// A unigram or bigram of an [`Analysis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ngram {
    /// [`ngram_hash`] of its text.
    pub hash: u64,
    /// Index of its first real token.
    pub first: usize,
    /// Number of real tokens (1 or 2).
    pub len: usize,
    /// It starts with [`SENTENCE_START`].
    pub from_start: bool,
    /// It ends with [`SENTENCE_END`].
    pub to_end: bool,
}

/// Cue words and phrases of each signal, `|`-separated, lowercased, with `'` as apostrophe.
/// Phrases of two or three words ("more than", "in my opinion") match consecutive tokens.
const CUE_WORDS: &[(Signal, &str)] = &[
    (
        Signal::AmountWord,
        "million|millions|billion|billions|trillion|trillions|thousand|thousands|hundred|\
         hundreds|dozen|dozens|half|twice|double|triple|two|three|four|five|six|seven|\
         eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|\
         eighty|ninety|majority|quarter|third",
    ),
    (Signal::Percent, "percent|per cent|percentage"),
    (
        Signal::Money,
        "dollar|dollars|cents|budget|deficit|debt|spending|spend|spent|cost|costs|paid|\
         pay|funding|taxpayer|taxpayers|pounds|euros|revenue|income|wage|wages|salary",
    ),
    (
        Signal::DateWord,
        "january|february|march|april|june|july|august|september|october|november|\
         december|jan|feb|aug|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|\
         saturday|sunday|yesterday|today|tonight|tomorrow|ago|last year|last week|\
         last month|this year|this week|next year|next week|decade|decades|century|since|\
         until|during|years ago",
    ),
    (
        Signal::Superlative,
        "first|largest|biggest|highest|lowest|greatest|smallest|fastest|slowest|worst|\
         best|most|least|record|only|longest|strongest|weakest|richest|poorest|top|\
         never before|all time|unprecedented|ever|last",
    ),
    (
        Signal::Comparison,
        "more than|less than|fewer|fewer than|higher|lower|larger|smaller|bigger|greater|\
         increase|increased|increases|increasing|decrease|decreased|decline|declined|\
         doubled|tripled|rose|risen|fell|fallen|grew|grown|dropped|drop|cut|cuts|compared|\
         than|up from|down from|times as|as many|as much|growth|gained|lost|reduced|\
         raised|average|more|less|stronger|weaker|faster|slower|cheaper|\
         richer|poorer",
    ),
    (
        Signal::Causal,
        "because|caused|causes|cause|causing|led to|lead to|leads to|due to|result of|\
         as a result|resulted|results in|thanks to|responsible for|blame|blamed|blames|\
         therefore|so that|contributes|contributed|contributing|linked to|link between|\
         associated with|effect on|effects of|impact on|spread|spreads|spreading|\
         transmitted|transmit|transmits|transmission|triggered|triggers|fuels|fueled|\
         infect|infects|infected|infecting|infection|infections|contagious|contract|\
         stemmed from|stems from|brought|carried|carrying|carries|exposure|exposed to|\
         attributed to|driven by|killed|kills|reduces|reduce|reduced|increases the",
    ),
    (
        Signal::Efficacy,
        "cure|cures|cured|treat|treats|treated|treatment|treatments|remedy|remedies|\
         protect|protects|protected|protection|protective|protecting|prevent|prevents|\
         prevented|prevention|preventing|effective|ineffective|efficacy|works against|\
         immune|immunity|safe|unsafe|harmful|toxic|deadly|kill|heal|heals|stop|stops|\
         fight|fights|combat|combats|help prevent|helps|best way|best ways|works|\
         benefit|benefits|beneficial|risk of|risks|lower the risk|reduce the risk",
    ),
    (
        Signal::Origin,
        "origin|origins|originated|originate|originates|originating|came from|comes from|\
         come from|coming from|came about|source of|man-made|manmade|created in|made in|\
         invented|engineered|bioengineered|developed in|\
         leaked|leak|escaped|started in|began in|emerged|emerged from|was born in",
    ),
    (
        Signal::ClaimTalk,
        "claim|claims|claimed|claiming|false|falsely|untrue|true|evidence|proof|proven|\
         unproven|myth|myths|hoax|rumour|rumours|rumor|rumors|conspiracy|theory|\
         theories|debunked|misinformation|disinformation|misleading|fake|allegation|\
         allegations|alleged|alleges|baseless|unfounded|fact|facts|in fact|actually|\
         insisted|insists|asserted|denied|denies|refuted|contrary to|the idea that|\
         the notion that|suggestion|suggestions|contention|promoted|no link|no reason",
    ),
    (
        Signal::Research,
        "study|studies|research|researchers|scientist|scientists|scientific|experts|\
         expert|trial|trials|data|survey|surveys|poll|polls|statistics|census|analysis|\
         published|journal|laboratory|lab|tested|tests|estimates|estimated|figures|rate|\
         rates|per capita|average|median|percentage|measured|recorded",
    ),
    (
        Signal::Speculation,
        "may have|might have|could have|must have|may be|might be|could be|\
         may well|is thought to|are thought to|is believed to|are believed to|\
         is suspected|suspected",
    ),
    (
        Signal::LawPolicy,
        "law|laws|bill|bills|act|legislation|tax|taxes|vote|voted|votes|voting|passed|\
         signed|veto|vetoed|policy|policies|regulation|regulations|amendment|treaty|\
         congress|senate|program|programs|programme|court|ruling|ruled|illegal|\
         unconstitutional|mandate|ban|bans|banned|sanctions|constitution|legal|lawmakers|\
         administration|agreement|deal|plan|proposal|reform|social security|medicare|\
         medicaid|sanction|sanctioned|impose|imposed|imposes|imposing|cap|caps|capped|\
         capping|closure|closed|expel|expelled|expelling|tariff|tariffs|ordered|order|\
         decree|regulator|license|licence|permit|subsidy|\
         subsidies|lockdown|restrictions|quarantine",
    ),
    (
        Signal::Attribution,
        "said|says|according to|told|reported|reports|report|claimed|claims|stated|\
         announced|found|shows|showed|confirmed|warned|insisted|testified|wrote|\
         tweeted|posted|added|explained|noted|argued|wrote that|told reporters",
    ),
    (
        Signal::Hedge,
        "may|might|could|perhaps|possibly|probably|maybe|seems|seem|appears|likely|\
         unlikely|suggest|suggests|suggested|apparently|reportedly|allegedly|sort of|\
         kind of",
    ),
    (
        Signal::OpinionVerb,
        "think|believe|believes|feel|feels|hope|hopes|hoping|wish|guess|suppose|want|\
         wants|wanted|like|love|hate|i think|i believe|in my opinion|i'm sure|confident|\
         agree|disagree",
    ),
    (
        Signal::Evaluative,
        "great|good|bad|terrible|wonderful|horrible|disaster|disgrace|tremendous|\
         fantastic|amazing|beautiful|wrong|unfair|fair|ridiculous|outrageous|important|\
         best|worst|strong|weak|dangerous|stupid|incredible|proud|shame|sad|happy|nice|\
         excellent|failed|failure|mess|regrettably|unfortunately|sadly|fortunately|\
         hopefully|shameful|absurd",
    ),
    (
        Signal::Prescriptive,
        "should|shouldn't|must|ought|need to|needs to|have to|has to|got to|let's|let us",
    ),
    (
        Signal::Future,
        "will|won't|i'll|we'll|he'll|she'll|they'll|it'll|you'll|going to|gonna|shall|\
         next year|next week|tomorrow|soon|future|plan to|plans to|expected to|expects|\
         predict|forecast|likely to|set to|poised to|scheduled to|about to|due to open|\
         will be",
    ),
    (
        Signal::Conditional,
        "would|wouldn't|if|unless|i'd|we'd|imagine|suppose",
    ),
    (
        Signal::FirstPersonSingular,
        "i|me|my|mine|myself|i'm|i've|i'll|i'd",
    ),
    (
        Signal::FirstPersonPlural,
        "we|us|our|ours|ourselves|we're|we've|we'll|we'd",
    ),
    (
        Signal::SecondPerson,
        "you|your|yours|yourself|you're|you've|you'll|you'd",
    ),
    (
        Signal::Courtesy,
        "thank|thanks|applause|laughter|crosstalk|inaudible|welcome|congratulations|hello|\
         good evening|good morning|good night|ladies and|pleasure|honored|honoured|\
         appreciate|bless|okay|ok|sorry|excuse",
    ),
    (
        Signal::Negation,
        "not|no|never|none|nobody|nothing|neither|nor|don't|doesn't|didn't|isn't|aren't|\
         wasn't|weren't|haven't|hasn't|hadn't|can't|cannot|couldn't|won't|wouldn't",
    ),
    (
        Signal::PastTense,
        "was|were|had|did|met|held|ran|led|fought|saw|brought|bought|sold|didn't|wasn't|weren't|hadn't|ago|went|came|made|took|gave|\
         became|began|left|sent|built|won|lost|said|told|paid|spent|passed|voted|signed|\
         created|killed|died",
    ),
];

/// Which signals a lowercased token (or two or three space-joined tokens) triggers: a bit set
/// over [`Signal::index`], keyed by [`ngram_hash`].
static CUES: LazyLock<HashKeyed<u64>> = LazyLock::new(|| {
    let mut cues = HashKeyed::default();
    for (signal, words) in CUE_WORDS {
        for phrase in words.split('|') {
            *cues.entry(ngram_hash(phrase)).or_insert(0) |= 1u64 << signal.index();
            // Mark the phrase's beginnings, so that pairs and triples of tokens are only hashed
            // and looked up after a word that can start a phrase.
            let words: Vec<&str> = phrase.split(' ').collect();
            for length in 1..words.len() {
                let prefix = words[..length].join(" ");
                *cues.entry(ngram_hash(&prefix)).or_insert(0) |= PHRASE_CONTINUES;
            }
        }
    }
    cues
});

/// Whether a normalised token (by [`ngram_hash`]) is a cue word of some signal: a word an
/// editor reads as ordinary vocabulary even when it opens a sentence with a capital. Law and
/// policy cues are left out: they hold institutions' names ("Congress", "Medicare").
pub fn is_cue_word(hash: u64) -> bool {
    let names = 1u64 << Signal::LawPolicy.index();
    CUES.get(&hash)
        .is_some_and(|mask| mask & SIGNAL_BITS & !names != 0)
}

/// Bit of a [`CUES`] entry: the words so far can go on into a longer cue phrase.
const PHRASE_CONTINUES: u64 = 1 << 63;
/// The bits of a [`CUES`] entry that stand for signals.
const SIGNAL_BITS: u64 = (1 << SIGNAL_COUNT) - 1;

/// Capitalised words that are not names even in the middle of a sentence.
const NOT_NAMES: &[&str] = &[
    "I", "I'm", "I've", "I'll", "I'd", "OK", "Okay", "Mr", "Mrs", "Ms",
];

/// Tokenise `sentence` and compute its signals.
pub fn analyse(sentence: &str) -> Analysis<'_> {
    let mut analysis = Analysis {
        text: sentence,
        tokens: Vec::with_capacity(sentence.len() / 5 + 2),
        normalised: String::with_capacity(sentence.len() + 16),
        values: [0.0; SIGNAL_COUNT],
        evidence: [None; SIGNAL_COUNT],
        words: 0,
        money_figure: false,
    };
    tokenise(&mut analysis);
    derive_signals(&mut analysis);
    analysis
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}'
    )
}

/// Splits into word tokens (letters and digits, with inner apostrophes, inner decimal points and
/// thousands separators, and the dots of "U.S."), plus `$`, `%`, `£`, `€` and `?` tokens.
fn tokenise(analysis: &mut Analysis<'_>) {
    let text = analysis.text;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let start = i;
        if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            // The two characters before `j`; the one before the token is not alphanumeric.
            let (mut prev, mut before_prev) = (c, None::<char>);
            while let Some(d) = char_at(text, j) {
                if !d.is_alphanumeric() {
                    // Only punctuation needs a look around.
                    let mut ahead = text[j + d.len_utf8()..].chars();
                    let (next, after_next) = (ahead.next(), ahead.next());
                    let next_alpha = next.is_some_and(char::is_alphabetic);
                    let keep = (is_apostrophe(d) && prev.is_alphabetic() && next_alpha)
                        || ((d == '.' || d == ',')
                            && prev.is_ascii_digit()
                            && next.is_some_and(|n| n.is_ascii_digit()))
                        // "U.S.", "a.m.": single letters joined by dots.
                        || (d == '.'
                            && next_alpha
                            && prev.is_alphabetic()
                            && before_prev.is_none_or(|b| !b.is_alphanumeric())
                            && after_next.is_none_or(|n| !n.is_alphanumeric()));
                    if !keep {
                        break;
                    }
                }
                before_prev = Some(prev);
                prev = d;
                j += d.len_utf8();
            }
            push_word(analysis, start, j);
            i = j;
        } else {
            let end = start + c.len_utf8();
            if matches!(c, '$' | '%' | '?' | '£' | '€') {
                let norm_start = analysis.normalised.len();
                analysis.normalised.push(c);
                push_token(analysis, start..end, norm_start, false);
            } else if is_quote(c) {
                set(analysis, Signal::Quoted, 1.0, Some((start, end)));
            }
            i = end;
        }
    }
}

/// Record a token whose normalised form was just appended from `norm_start` on.
fn push_token(
    analysis: &mut Analysis<'_>,
    span: std::ops::Range<usize>,
    norm_start: usize,
    is_word: bool,
) {
    let norm_end = analysis.normalised.len();
    analysis.tokens.push(Token {
        start: span.start,
        end: span.end,
        norm_start,
        norm_end,
        hash: ngram_hash(&analysis.normalised[norm_start..norm_end]),
        is_word,
    });
}

/// The character starting at byte `at` of `text` (ASCII without decoding).
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

fn push_word(analysis: &mut Analysis<'_>, start: usize, end: usize) {
    let word = &analysis.text[start..end];
    let norm_start = analysis.normalised.len();
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        let digits_end = word
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(word.len());
        let (digits, rest) = word.split_at(digits_end);
        let plain = !digits.contains([',', '.']);
        let value: Option<u32> = if plain { digits.parse().ok() } else { None };
        let is_year = value.is_some_and(|v| (1900..=2099).contains(&v))
            && digits.len() == 4
            && (rest.is_empty() || rest == "s");
        let is_ordinal = ["st", "nd", "rd", "th"]
            .iter()
            .any(|suffix| rest.eq_ignore_ascii_case(suffix));
        analysis.normalised.push_str(if is_year {
            "<year>"
        } else if is_ordinal {
            "<ord>"
        } else {
            "<num>"
        });
    } else {
        if word.is_ascii() {
            // Most words: lowercase the bytes in place.
            analysis.normalised.push_str(word);
            analysis.normalised[norm_start..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                if is_apostrophe(c) {
                    analysis.normalised.push('\'');
                } else {
                    analysis.normalised.extend(c.to_lowercase());
                }
            }
        }
    }
    push_token(analysis, start..end, norm_start, true);
    analysis.words += 1;
}

fn set(analysis: &mut Analysis<'_>, signal: Signal, value: f32, evidence: Option<(usize, usize)>) {
    let slot = &mut analysis.values[signal.index()];
    if value > *slot {
        *slot = value;
    }
    if analysis.evidence[signal.index()].is_none() {
        analysis.evidence[signal.index()] = evidence;
    }
}

fn derive_signals(analysis: &mut Analysis<'_>) {
    let cues = &*CUES;
    // Tokens and normalised forms are read while signals are written: move them out meanwhile.
    let tokens = std::mem::take(&mut analysis.tokens);
    let normalised = std::mem::take(&mut analysis.normalised);
    let mut names = 0usize;
    let mut in_name = false;
    let mut first_word = true;
    let first_word_at = tokens.iter().position(|t| t.is_word);
    if let Some(first) = first_word_at {
        let norm = &normalised[tokens[first].norm_start..tokens[first].norm_end];
        let next = tokens
            .get(first + 1)
            .map(|t| &normalised[t.norm_start..t.norm_end]);
        let pronoun = match norm {
            "it" | "they" | "he" | "she" | "it's" | "they're" | "he's" | "she's" => true,
            // "This bill..." names its subject; "This is..." does not.
            "this" | "that" | "these" | "those" => next.is_some_and(|n| PRONOUN_VERBS.contains(&n)),
            _ => false,
        };
        if pronoun {
            set(
                analysis,
                Signal::PronounSubject,
                1.0,
                Some((tokens[first].start, tokens[first].end)),
            );
        }
    }
    for (i, token) in tokens.iter().enumerate() {
        let norm = &normalised[token.norm_start..token.norm_end];
        let span = Some((token.start, token.end));
        match norm {
            "<num>"
                if number_role(analysis.text, &tokens, &normalised, i, first_word_at)
                    != NumberRole::Figure =>
            {
                // "Nov. 7" is a date; "COVID-19", "Group of 20", "Boeing 737" are names.
                if let Some(month) = i.checked_sub(1).map(|p| tokens[p])
                    && MONTHS.contains(&&normalised[month.norm_start..month.norm_end])
                {
                    // The whole date is better evidence than the month's name alone.
                    set(analysis, Signal::DateWord, 1.0, None);
                    let evidence = &mut analysis.evidence[Signal::DateWord.index()];
                    if evidence.is_none_or(|(start, _)| start == month.start) {
                        *evidence = Some((month.start, token.end));
                    }
                }
            }
            "<num>" => {
                // A figure is the best evidence for the editor: it replaces the first cue word
                // ("cost") as the evidence of money, and takes its currency and scale with it.
                let currency = i
                    .checked_sub(1)
                    .map(|p| tokens[p])
                    .filter(|t| matches!(&analysis.text[t.start..t.end], "$" | "£" | "€"));
                let next_norm = tokens
                    .get(i + 1)
                    .map(|t| (t, &normalised[t.norm_start..t.norm_end]));
                let mut end = token.end;
                if let Some((next, "million" | "billion" | "trillion" | "thousand")) = next_norm {
                    end = next.end;
                }
                let from = currency.map_or(token.start, |t| t.start);
                if analysis.evidence[Signal::Number.index()].is_none() {
                    analysis.evidence[Signal::Number.index()] = Some((from, end));
                }
                set(analysis, Signal::Number, 1.0, None);
                if currency.is_some() && !analysis.money_figure {
                    analysis.money_figure = true;
                    analysis.evidence[Signal::Money.index()] = Some((from, end));
                    set(analysis, Signal::Money, 1.0, None);
                }
                if let Some((next, "%" | "percent")) = next_norm {
                    set(
                        analysis,
                        Signal::Percent,
                        1.0,
                        Some((token.start, next.end)),
                    );
                }
            }
            "<year>" => set(analysis, Signal::Year, 1.0, span),
            _ => {}
        }
        // The word and the phrases of two and three words it starts; the longest match is
        // applied first so that it becomes the evidence ("more than", not "more").
        let mut phrase = token.hash;
        let mut mask = cues.get(&phrase).copied().unwrap_or(0);
        let mut matches = [(mask, token.end), (0, 0), (0, 0)];
        for (k, next) in tokens.iter().skip(i + 1).take(2).enumerate() {
            if mask & PHRASE_CONTINUES == 0 {
                break;
            }
            phrase = fnv1a(
                fnv1a(phrase, b" "),
                &normalised.as_bytes()[next.norm_start..next.norm_end],
            );
            mask = cues.get(&phrase).copied().unwrap_or(0);
            matches[k + 1] = (mask, next.end);
        }
        // "in May" is the month: a capitalised "May" inside a sentence hedges nothing.
        if !first_word && &analysis.text[token.start..token.end] == "May" {
            matches[0].0 &= !(1 << Signal::Hedge.index());
        }
        for (mask, end) in matches.into_iter().rev() {
            apply_mask(analysis, mask, Some((token.start, end)));
        }
        if token.is_word {
            let word = &analysis.text[token.start..token.end];
            let capitalised = word.starts_with(char::is_uppercase);
            // A month or a weekday is a date (its own signal), not a person, place or body.
            let calendar = MONTHS[..12].contains(&norm) || WEEKDAYS.contains(&norm);
            let is_name = capitalised && !calendar && !NOT_NAMES.contains(&word) && {
                // Inside the sentence any capitalised word; at its start only an acronym.
                let acronym = word.chars().filter(|c| c.is_uppercase()).count() >= 2
                    && !word.chars().any(char::is_lowercase);
                !first_word || acronym
            };
            if is_name {
                if !in_name {
                    names += 1;
                }
                if in_name
                    && names == 1
                    && let Some((_, end)) = &mut analysis.evidence[Signal::NamedEntity.index()]
                {
                    // The evidence is the whole first name: "Vladimir Putin", not "Vladimir".
                    *end = token.end;
                }
                in_name = true;
                set(analysis, Signal::NamedEntity, 0.0, span);
            } else {
                in_name = false;
            }
            if is_superlative_form(norm) {
                set(analysis, Signal::Superlative, 1.0, span);
            }
            if !word.starts_with(|c: char| c.is_ascii_digit())
                && word.len() > 4
                && norm.ends_with("ed")
                && !norm.ends_with("eed")
            {
                set(analysis, Signal::PastTense, 1.0, span);
            }
            first_word = false;
        }
    }
    analysis.tokens = tokens;
    analysis.normalised = normalised;
    if names > 0 {
        let value = (names.min(3) as f32) / 3.0;
        analysis.values[Signal::NamedEntity.index()] = value;
    }
    let trimmed = analysis
        .text
        .trim_end_matches(|c: char| c.is_whitespace() || is_quote(c) || c == ')');
    if trimmed.ends_with('?') {
        set(analysis, Signal::Question, 1.0, None);
    }
    let length_signal = match analysis.words {
        0..=4 => Signal::VeryShort,
        5..=9 => Signal::Short,
        10..=19 => return,
        20..=34 => Signal::Long,
        _ => Signal::VeryLong,
    };
    set(analysis, length_signal, 1.0, None);
}

/// Weekday names as normalised tokens.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names (the twelve first) and their abbreviations as normalised tokens: a number after
/// one is a day.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Verbs after "this", "that", "these", "those" that make them the whole subject.
const PRONOUN_VERBS: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "means", "meant", "shows",
    "showed", "happened", "happens", "did", "does", "could", "can",
];

/// What a number in digits is in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberRole {
    /// An amount, count or measure worth checking.
    Figure,
    /// The day of a month ("Nov. 7").
    Day,
    /// Part of a name ("COVID-19", "Group of 20", "Boeing 737", "F-35").
    Name,
}

/// Whether the `<num>` token `i` is a figure, a day or part of a name. A number followed by a
/// percentage or a scale word is always a figure.
fn number_role(
    text: &str,
    tokens: &[Token],
    normalised: &str,
    i: usize,
    first_word_at: Option<usize>,
) -> NumberRole {
    let norm = |t: &Token| &normalised[t.norm_start..t.norm_end];
    if let Some(next) = tokens.get(i + 1)
        && matches!(
            norm(next),
            "%" | "percent" | "per" | "million" | "billion" | "trillion" | "thousand"
        )
    {
        return NumberRole::Figure;
    }
    let Some(previous) = i.checked_sub(1) else {
        return NumberRole::Figure;
    };
    let before = tokens[previous];
    if MONTHS.contains(&norm(&before)) {
        return NumberRole::Day;
    }
    let token = tokens[i];
    let gap = &text[before.end..token.start];
    // A capitalised word that is not the sentence's first (that one is capitalised anyway).
    let is_name_word = |index: usize| {
        let t = tokens[index];
        let word = &text[t.start..t.end];
        t.is_word
            && Some(index) != first_word_at
            && word.starts_with(char::is_uppercase)
            && !NOT_NAMES.contains(&word)
    };
    if gap == "-"
        && before.is_word
        && text[before.start..before.end].starts_with(char::is_uppercase)
    {
        return NumberRole::Name;
    }
    if gap == " " && is_name_word(previous) {
        return NumberRole::Name;
    }
    if gap == " "
        && norm(&before) == "of"
        && previous
            .checked_sub(1)
            .is_some_and(|p| text[tokens[p].end..before.start] == *" " && is_name_word(p))
    {
        return NumberRole::Name;
    }
    NumberRole::Figure
}

/// Words ending in "-est" that are not superlatives.
const NOT_SUPERLATIVES: &[&str] = &[
    "interest",
    "honest",
    "forest",
    "protest",
    "request",
    "suggest",
    "arrest",
    "invest",
    "contest",
    "digest",
    "harvest",
    "modest",
    "manifest",
    "conquest",
    "inquest",
    "earnest",
    "attest",
    "detest",
    "divest",
    "infest",
    "molest",
    "unrest",
    "behest",
    "bequest",
    "dishonest",
    "congest",
    "ingest",
    "pretest",
    "retest",
    "everest",
];

/// "-est" adjectives ("wettest", "cheapest"), beyond the listed cue words.
fn is_superlative_form(word: &str) -> bool {
    word.len() >= 6
        && word.ends_with("est")
        && !word.ends_with("west")
        && word.is_ascii()
        && !NOT_SUPERLATIVES.contains(&word)
}

fn apply_mask(analysis: &mut Analysis<'_>, mask: u64, span: Option<(usize, usize)>) {
    let mut bits = mask & SIGNAL_BITS;
    while bits != 0 {
        let index = bits.trailing_zeros() as usize;
        set(analysis, Signal::ALL[index], 1.0, span);
        bits &= bits - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn normalised_tokens(text: &str) -> Vec<String> {
        let analysis = analyse(text);
        analysis
            .tokens()
            .iter()
            .map(|t| analysis.normalised(t).to_string())
            .collect()
    }

    #[test]
    fn numbers_years_and_abbreviations_become_single_normalised_tokens() {
        assert_eq!(
            normalised_tokens(
                "In 1998 the U.S. spent $3.5 billion, or 12% more; it's the 3rd time."
            ),
            [
                "in", "<year>", "the", "u.s", "spent", "$", "<num>", "billion", "or", "<num>", "%",
                "more", "it's", "the", "<ord>", "time"
            ]
        );
    }

    #[rstest]
    #[case::figure("Unemployment fell to 4.1 last month.", Signal::Number, Some("4.1"))]
    #[case::percentage("Prices rose 12 percent.", Signal::Percent, Some("12 percent"))]
    #[case::money_figure_beats_cue_word(
        "The bridge cost $40 million to build.",
        Signal::Money,
        Some("$40 million")
    )]
    #[case::money_word("The bridge cost too much.", Signal::Money, Some("cost"))]
    #[case::figure_with_scale("It took 40 million to fill.", Signal::Number, Some("40 million"))]
    #[case::year("The plant closed in 1998.", Signal::Year, Some("1998"))]
    #[case::figure_after_a_name_with_a_percent(
        "Turnout in Ohio 40 percent lower.",
        Signal::Percent,
        Some("40 percent")
    )]
    #[case::weekday("The council met on Tuesday.", Signal::DateWord, Some("Tuesday"))]
    #[case::name(
        "Yesterday Maria Lopez resigned from Acme.",
        Signal::NamedEntity,
        Some("Maria Lopez")
    )]
    #[case::superlative(
        "It is the largest dam in Europe.",
        Signal::Superlative,
        Some("largest")
    )]
    #[case::superlative_form("It was the wettest summer.", Signal::Superlative, Some("wettest"))]
    #[case::two_word_comparison(
        "Sales were more than double.",
        Signal::Comparison,
        Some("more than")
    )]
    #[case::causal("The floods were due to the rain.", Signal::Causal, Some("due to"))]
    #[case::law("The senate passed the bill.", Signal::LawPolicy, Some("senate"))]
    #[case::attribution(
        "According to the survey, rents rose.",
        Signal::Attribution,
        Some("According to")
    )]
    #[case::hedge("The plan may save money.", Signal::Hedge, Some("may"))]
    #[case::opinion_phrase("I think the plan works.", Signal::OpinionVerb, Some("I think"))]
    #[case::opinion_verb("They hope the plan works.", Signal::OpinionVerb, Some("hope"))]
    #[case::prediction("Rates will rise next year.", Signal::Future, Some("will"))]
    #[case::question("Did rates rise?", Signal::Question, None)]
    #[case::courtesy("Thank you very much.", Signal::Courtesy, Some("Thank"))]
    #[case::day_of_month_is_a_date("The talks ended on Nov. 7.", Signal::DateWord, Some("Nov. 7"))]
    #[case::efficacy("Vitamin C cures the common cold.", Signal::Efficacy, Some("cures"))]
    #[case::origin(
        "The outbreak originated in a wet market.",
        Signal::Origin,
        Some("originated")
    )]
    #[case::claim_talk(
        "There is no evidence for the theory.",
        Signal::ClaimTalk,
        Some("evidence")
    )]
    #[case::research(
        "A new study of 400 patients found it.",
        Signal::Research,
        Some("study")
    )]
    #[case::speculation(
        "The leak might have started earlier.",
        Signal::Speculation,
        Some("might have")
    )]
    #[case::pronoun_subject("It was the wrong decision.", Signal::PronounSubject, Some("It"))]
    #[case::quote(
        "She called it \u{201c}a disgrace\u{201d}.",
        Signal::Quoted,
        Some("\u{201c}")
    )]
    fn a_cue_fires_its_signal_with_the_words_as_evidence(
        #[case] sentence: &str,
        #[case] signal: Signal,
        #[case] evidence: Option<&str>,
    ) {
        let analysis = analyse(sentence);
        assert!(analysis.has(signal), "{signal:?} not found in {sentence:?}");
        assert_eq!(analysis.evidence(signal), evidence);
    }

    #[rstest]
    #[case::sentence_initial_capital("Taxes went up.", Signal::NamedEntity)]
    #[case::month_may_is_no_hedge("Work is scheduled to begin in May.", Signal::Hedge)]
    #[case::month_is_no_name("Work is scheduled to begin in May.", Signal::NamedEntity)]
    #[case::weekday_is_no_name("The council voted on Tuesday.", Signal::NamedEntity)]
    #[case::year_is_not_a_figure("The war ended in 1945.", Signal::Number)]
    #[case::statement("Rates rose.", Signal::Question)]
    #[case::pronoun_i("Then I left early.", Signal::NamedEntity)]
    #[case::est_word_that_is_no_superlative("It is in the public interest.", Signal::Superlative)]
    #[case::number_in_a_disease_name("COVID-19 reached the town in spring.", Signal::Number)]
    #[case::number_in_a_group_name("Leaders met at the Group of 20 summit.", Signal::Number)]
    #[case::number_in_a_product_name("The airline grounded its Boeing 737 jets.", Signal::Number)]
    #[case::hyphenated_model("The F-35 flew over the base.", Signal::Number)]
    #[case::day_of_month("The vote was held on March 3.", Signal::Number)]
    #[case::determiner_is_no_pronoun_subject("This bill raises taxes.", Signal::PronounSubject)]
    fn a_signal_stays_silent_without_its_cue(#[case] sentence: &str, #[case] signal: Signal) {
        assert!(
            !analyse(sentence).has(signal),
            "{signal:?} fired on {sentence:?}"
        );
    }

    #[test]
    fn named_entity_strength_grows_with_the_number_of_names() {
        let one = analyse("The mayor met Smith.").value(Signal::NamedEntity);
        let three = analyse("Smith met Jones in Paris with the UN.").value(Signal::NamedEntity);
        assert!(one > 0.0 && three > one, "{one} {three}");
    }

    #[test]
    fn ngrams_are_distinct_and_their_text_round_trips_to_the_hash() {
        let analysis = analyse("Thank you, thank you.");
        let mut ngrams = Vec::new();
        analysis.ngrams(&mut ngrams);
        let texts: Vec<String> = ngrams.iter().map(|n| analysis.ngram_text(n)).collect();
        for (ngram, text) in ngrams.iter().zip(&texts) {
            assert_eq!(ngram_hash(text), ngram.hash, "{text}");
        }
        assert!(texts.contains(&"<s> thank".to_string()));
        assert!(texts.contains(&"you </s>".to_string()));
        assert_eq!(texts.iter().filter(|t| *t == "thank you").count(), 1);
    }

    #[test]
    fn signal_ids_round_trip_and_are_unique() {
        for signal in Signal::ALL {
            assert_eq!(Signal::from_id(signal.id()), Some(signal));
            assert_eq!(Signal::ALL[signal.index()], signal);
        }
    }

    #[test]
    fn empty_and_symbol_only_text_have_no_tokens() {
        assert!(analyse("").tokens().is_empty());
        assert!(analyse(" -- ... ").tokens().is_empty());
    }
}
