//! Matching needs with strengths by text similarity.
//!
//! At the forum each network names the three things it needs help with and the three it is
//! good at. The chair's "forward look" pairs each need with other networks' strengths. People
//! write these in their own words, so the matching is lexical but forgiving:
//!
//! 1. Text is cut into words (Unicode lowercase, split on anything not a letter or digit).
//! 2. Function words and words every statement here uses ("network", "support", "LGBT+") are
//!    dropped: they would make every need look like every strength.
//! 3. Words are stemmed (Snowball English), so "volunteers" and "volunteering" meet, and a
//!    short synonym table folds the abbreviations and alternative names the networks use.
//! 4. Strengths are ranked with BM25 over their text plus their theme's name, and a strength
//!    filed under the need's own theme gets a clear bonus.
//!
//! Everything is in memory and small (a cycle has at most a few hundred strengths), so the
//! index is simply rebuilt whenever the strengths change.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use ts_rs::TS;

// ---------------------------------------------------------------------------------------------
// Themes
// ---------------------------------------------------------------------------------------------

/// A theme statements are grouped by (e.g. "Pride events"), with words that suggest it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeHint {
    pub name: String,
    pub keywords: Vec<String>,
}

impl ThemeHint {
    pub fn new(name: &str, keywords: &[&str]) -> ThemeHint {
        ThemeHint { name: name.to_string(), keywords: keywords.iter().map(|k| k.to_string()).collect() }
    }
}

/// The themes the app starts with; the chair can edit the list later. Keywords are written
/// as people would write them: they go through the same stemming and synonyms as statements.
pub fn default_themes() -> Vec<ThemeHint> {
    vec![
        ThemeHint::new(
            "Stonewall Workplace Equality Index submissions",
            &[
                "Stonewall", "WEI", "Workplace Equality Index", "submission", "submit", "evidence", "benchmark",
                "ranking", "Top 100 employers", "accreditation", "feedback report", "criteria", "scoring",
                "Diversity Champions",
            ],
        ),
        ThemeHint::new(
            "Pride events",
            &[
                "Pride", "parade", "march", "float", "stall", "flag", "flag raising", "rainbow", "celebration",
                "festival", "banner", "Pride month", "LGBT+ History Month", "IDAHOBIT", "contingent",
            ],
        ),
        ThemeHint::new(
            "Trans inclusion",
            &[
                "trans", "transgender", "non-binary", "gender identity", "transition", "transitioning",
                "pronouns", "gender reassignment", "gender expression", "gender-neutral toilets",
                "Trans Day of Visibility", "Trans Day of Remembrance", "deadnaming", "intersex",
            ],
        ),
        ThemeHint::new(
            "Bi+ inclusion",
            &["bi", "bi+", "bisexual", "pansexual", "biphobia", "Bi Visibility Day", "bi erasure", "invisible"],
        ),
        ThemeHint::new(
            "Allies",
            &[
                "ally", "allies", "allyship", "straight", "cisgender", "active bystander", "upstander",
                "rainbow lanyard", "ally pledge", "advocate",
            ],
        ),
        ThemeHint::new(
            "Events outside London",
            &[
                "outside London", "regions", "regional", "hub", "Manchester", "Leeds", "Birmingham", "Glasgow",
                "Edinburgh", "Cardiff", "Belfast", "Newcastle", "Bristol", "Scotland", "Wales",
                "Northern Ireland", "rural", "travel", "hybrid", "online", "virtual", "Places for Growth",
            ],
        ),
        ThemeHint::new(
            "Senior sponsorship",
            &[
                "senior sponsor", "sponsorship", "champion", "SCS", "director", "director general",
                "permanent secretary", "executive board", "leadership", "buy-in", "role model", "objectives",
            ],
        ),
        ThemeHint::new(
            "Data and surveys",
            &[
                "data", "survey", "People Survey", "declaration rates", "sexual orientation", "monitoring",
                "statistics", "questionnaire", "analysis", "dashboard", "metrics", "census", "response rate",
                "SOGI",
            ],
        ),
        ThemeHint::new(
            "Communications",
            &[
                "comms", "communications", "newsletter", "bulletin", "intranet", "blog", "social media",
                "Viva Engage", "Yammer", "email", "website", "podcast", "posters", "logo", "branding",
                "stories", "video",
            ],
        ),
        ThemeHint::new(
            "Volunteer recruitment",
            &[
                "volunteers", "volunteering", "committee", "recruit", "recruitment", "membership", "sign up",
                "capacity", "burnout", "succession", "co-chair", "chair", "elections", "roles", "onboarding",
                "time allowance",
            ],
        ),
        ThemeHint::new(
            "Policy influence",
            &[
                "policy", "policies", "HR", "consultation", "influence", "lobbying", "guidance", "review",
                "equality impact assessment", "Public Sector Equality Duty", "legislation", "ministers",
                "parental leave", "adoption", "fertility", "pension", "dress code",
            ],
        ),
        ThemeHint::new(
            "Mentoring and careers",
            &[
                "mentoring", "mentor", "reverse mentoring", "careers", "career development", "promotion",
                "progression", "talent", "coaching", "development programme", "shadowing",
            ],
        ),
        ThemeHint::new(
            "Wellbeing",
            &[
                "wellbeing", "mental health", "first aider", "stress", "isolation", "loneliness", "burnout",
                "counselling", "Employee Assistance Programme", "safe space", "peer support",
            ],
        ),
        ThemeHint::new(
            "Intersectionality",
            &[
                "intersectional", "intersectionality", "race", "ethnic minority", "disability", "faith",
                "religion", "neurodivergent", "women", "age", "class", "joint events",
            ],
        ),
    ]
}

/// The theme (index into `themes`) a statement most likely belongs to, or None when nothing
/// fits or two themes fit equally well (a wrong suggestion costs the chair more than none).
pub fn suggest_theme(statement: &str, themes: &[ThemeHint]) -> Option<usize> {
    let words: Vec<String> = ANALYZER.terms(statement).into_iter().map(|t| t.stem).collect();
    if words.is_empty() {
        return None;
    }
    let sets: Vec<HashSet<String>> = themes.iter().map(theme_terms).collect();
    let scores: Vec<f32> = sets.iter().map(|set| theme_score(&words, set, &sets)).collect();
    best_unique(&scores)
}

/// Every stem a theme's name and keywords produce.
fn theme_terms(theme: &ThemeHint) -> HashSet<String> {
    let text = std::iter::once(&theme.name).chain(&theme.keywords);
    text.flat_map(|t| ANALYZER.terms(t)).map(|t| t.stem).collect()
}

/// Sums the statement's words found in a theme, each weighted by how few themes share it,
/// so "events" (in several themes) counts for less than "Pride" (in one). Repeats count:
/// "Manchester and Cardiff" is more surely about the regions than "Cardiff" alone.
fn theme_score(words: &[String], set: &HashSet<String>, all: &[HashSet<String>]) -> f32 {
    let total = all.len() as f32;
    let weight = |w: &String| {
        let df = all.iter().filter(|s| s.contains(w)).count().max(1) as f32;
        (1.0 + total / df).ln()
    };
    words.iter().filter(|w| set.contains(*w)).map(weight).sum()
}

/// The index of the single highest positive score; None when there is none or a tie.
fn best_unique(scores: &[f32]) -> Option<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]));
    let best = *order.first()?;
    let runner_up = order.get(1).map_or(0.0, |i| scores[*i]);
    (scores[best] > 0.0 && scores[best] - runner_up > 1e-4).then_some(best)
}

// ---------------------------------------------------------------------------------------------
// Text analysis
// ---------------------------------------------------------------------------------------------

/// Longer inputs are cut here: statements are a sentence or two, and this bounds the work a
/// pasted document can cause.
const MAX_TEXT_CHARS: usize = 20_000;
/// Longer "words" are URLs, IDs or keyboard mashing, not vocabulary.
const MAX_WORD_CHARS: usize = 40;

/// English function words, compared before stemming. Short on purpose: the BM25 weights
/// already discount words that appear everywhere, this just keeps them out of "why".
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "cannot", "could", "did", "do", "does", "doing", "down", "during", "each", "eg", "etc",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
    "his", "how", "i", "ie", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
    "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
    "ought", "our", "ours", "ourselves", "out", "over", "own", "per", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
    "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "yours",
    // The halves of contractions after splitting on the apostrophe ("don't" -> "don", "t").
    "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "won", "couldn",
    "shouldn", "wouldn", "ve", "ll", "re",
];

/// Words every statement at this forum could use, so they say nothing about what a need or
/// strength is about. Compared after stemming, so one form covers "needs", "needed", ...
const GENERIC_WORDS: &[&str] = &[
    // The setting: every statement is by an LGBT+ staff network in a department.
    "network", "lgbt", "lgbtq", "lgbtqi", "lgbtqia", "queer", "staff", "colleague", "people", "person",
    "department", "departmental", "dept", "organisation", "team", "civil", "servant", "service",
    "government", "inclusion", "inclusive", "diversity",
    // How people phrase needs and offers, rather than what they are about.
    "need", "help", "support", "want", "like", "look", "find", "get", "make", "use", "work", "know",
    "share", "offer", "provide", "run", "organise", "deliver", "improve", "increase", "struggle",
    "feel", "include", "advice", "idea", "experience", "expertise", "expert", "skill", "knowledge",
    "good", "great", "strong", "best", "better", "really", "actually", "happy", "keen", "able",
    "difficult", "hard", "way", "lot", "many", "much", "well", "new", "year", "annual", "every",
    "across", "within", "around", "first", "last", "next", "top", "one", "issue", "thing", "nobody",
    "anyone", "someone", "everyone", "something", "anything",
];

/// Different words for the same thing in this setting, folded onto one (compared as stems).
/// Kept short: each entry is a name or abbreviation networks really use interchangeably, and
/// a wrong entry would pair statements that have nothing to do with each other.
const SYNONYMS: &[(&str, &str)] = &[
    // Identity words: the short form is what most statements use.
    ("transgender", "trans"),
    ("bisexual", "bi"),
    ("bisexuality", "bi"),
    ("pansexual", "bi"),
    ("biphobia", "bi"),
    ("transphobia", "trans"),
    ("allyship", "ally"),
    // The Workplace Equality Index is Stonewall's; people say any of the three.
    ("wei", "stonewall"),
    ("index", "stonewall"),
    // Office words.
    ("comms", "communication"),
    ("bulletin", "newsletter"),
    ("stats", "data"),
    ("statistics", "data"),
    ("questionnaire", "survey"),
    ("mentee", "mentor"),
    ("parade", "march"),
    // "Champion" is the Civil Service's usual word for a network's senior sponsor; SCS is the
    // Senior Civil Service; a DG is a director general.
    ("sponsorship", "sponsor"),
    ("champion", "sponsor"),
    ("scs", "senior"),
    ("dg", "director"),
    // "Outside London": the regions, the nations and the big Civil Service hub cities.
    ("regional", "region"),
    ("scotland", "region"),
    ("scottish", "region"),
    ("wales", "region"),
    ("welsh", "region"),
    ("manchester", "region"),
    ("leeds", "region"),
    ("sheffield", "region"),
    ("newcastle", "region"),
    ("birmingham", "region"),
    ("bristol", "region"),
    ("cardiff", "region"),
    ("swansea", "region"),
    ("glasgow", "region"),
    ("edinburgh", "region"),
    ("belfast", "region"),
    ("darlington", "region"),
];

/// Runs of words read as one: (the words, the word they become). The phrase then goes
/// through synonyms and stemming like any word.
const PHRASES: &[(&[&str], &str)] = &[
    (&["outside", "london"], "region"),
    (&["outside", "of", "london"], "region"),
    (&["beyond", "london"], "region"),
    (&["away", "from", "london"], "region"),
    (&["northern", "ireland"], "region"),
    (&["non", "binary"], "nonbinary"),
    (&["well", "being"], "wellbeing"),
    (&["human", "resources"], "hr"),
];

/// A word of a statement once analysed: its stem, and how it was written there.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    stem: String,
    surface: String,
}

/// A word of the original text: where it is (byte offsets) and its lowercase form.
struct Word {
    start: usize,
    end: usize,
    lower: String,
}

struct Analyzer {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
    generic: HashSet<String>,
    synonyms: HashMap<String, String>,
}

/// Built once: the stemmer and the stemmed word lists never change.
static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);

impl Analyzer {
    fn new() -> Analyzer {
        let stemmer = Stemmer::create(Algorithm::English);
        let stem = |w: &str| stemmer.stem(w).into_owned();
        let generic = GENERIC_WORDS.iter().map(|w| stem(w)).collect();
        let synonyms = SYNONYMS.iter().map(|(from, to)| (stem(from), stem(to))).collect();
        let stop = STOP_WORDS.iter().copied().collect();
        Analyzer { stemmer, stop, generic, synonyms }
    }

    /// The meaningful words of `text`, in order, with repeats (BM25 counts them).
    fn terms(&self, text: &str) -> Vec<Term> {
        let text = truncate_chars(text, MAX_TEXT_CHARS);
        let words = split_words(text);
        let mut terms = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (taken, lower) = phrase_at(&words[i..]).unwrap_or((1, words[i].lower.as_str()));
            let surface = &text[words[i].start..words[i + taken - 1].end];
            if let Some(stem) = self.stem(lower) {
                terms.push(Term { stem, surface: surface.to_string() });
            }
            i += taken;
        }
        terms
    }

    /// The stem a lowercase word counts as, or None for words that carry no meaning here.
    fn stem(&self, word: &str) -> Option<String> {
        let len = word.chars().count();
        let numeric = word.chars().all(char::is_numeric);
        if len < 2 || len > MAX_WORD_CHARS || numeric || self.stop.contains(word) {
            return None;
        }
        let stem = self.stemmer.stem(word).into_owned();
        let stem = self.synonyms.get(&stem).cloned().unwrap_or(stem);
        (!self.generic.contains(&stem)).then_some(stem)
    }
}

/// The first `max` characters of `text` (never splitting a character).
fn truncate_chars(text: &str, max: usize) -> &str {
    text.char_indices().nth(max).map_or(text, |(i, _)| &text[..i])
}

/// Splits on anything that is not a letter or digit, so "bi+", "<b>Pride</b>" and
/// "WEI-ready" all give plain words; emoji and punctuation are separators.
fn split_words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push(Word { start: s, end: i, lower: text[s..i].to_lowercase() });
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// The phrase starting at the first of `words`, if any: how many words it takes, and the
/// word it stands for.
fn phrase_at(words: &[Word]) -> Option<(usize, &'static str)> {
    PHRASES.iter().find_map(|(parts, word)| {
        let matches = words.len() >= parts.len() && parts.iter().zip(words).all(|(p, w)| w.lower == *p);
        matches.then_some((parts.len(), *word))
    })
}

/// Theme names compare case- and spacing-insensitively ("pride  Events" is "Pride events").
fn theme_key(theme: &str) -> String {
    theme.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Matching needs with strengths
// ---------------------------------------------------------------------------------------------

/// BM25's term-frequency saturation and length normalisation, at their usual values.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Added to the text score (which is 0..1) when need and strength share a theme: worth about
/// a third of a perfect text match, so the same theme lifts a strength above others with
/// similar words but a strong match on words still wins across themes.
const THEME_BONUS: f32 = 0.3;
/// At most this many shared words are given as the reason for a match.
const MAX_SHARED_TERMS: usize = 5;

/// One strength (of some network) that may be matched.
#[derive(Debug, Clone)]
pub struct Strength {
    pub key: i64,
    pub network_id: i64,
    pub text: String,
    pub theme: Option<String>,
}

/// Why a strength was matched with a need.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MatchWhy {
    /// Need and strength were filed under the same theme.
    pub same_theme: bool,
    /// The shared words, as written in the strength (not stems), most telling first, at most 5.
    pub shared_terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StrengthMatch {
    pub key: i64,
    pub network_id: i64,
    /// Higher is better: the text similarity (0..1) plus the same-theme bonus.
    pub score: f32,
    pub why: MatchWhy,
}

/// One strength as the index holds it.
struct Doc {
    key: i64,
    network_id: i64,
    theme: Option<String>,
    /// How often each stem occurs in the text and theme name.
    counts: HashMap<String, u32>,
    /// How each stem was first written in the text, and in the theme name.
    surface: HashMap<String, String>,
    theme_surface: HashMap<String, String>,
    len: f32,
}

impl Doc {
    fn new(strength: Strength) -> Doc {
        let text_terms = ANALYZER.terms(&strength.text);
        let theme_terms = strength.theme.as_deref().map(|t| ANALYZER.terms(t)).unwrap_or_default();
        let mut counts: HashMap<String, u32> = HashMap::new();
        for term in text_terms.iter().chain(&theme_terms) {
            *counts.entry(term.stem.clone()).or_default() += 1;
        }
        Doc {
            key: strength.key,
            network_id: strength.network_id,
            theme: strength.theme.as_deref().map(theme_key).filter(|t| !t.is_empty()),
            counts,
            surface: first_surfaces(&text_terms),
            theme_surface: first_surfaces(&theme_terms),
            len: (text_terms.len() + theme_terms.len()) as f32,
        }
    }

    /// How the strength wrote a stem, for "why". When need and strength share the theme that
    /// already says it, so words found only in the theme's name are not repeated.
    fn surface(&self, stem: &str, same_theme: bool) -> Option<&String> {
        let theme = || self.theme_surface.get(stem).filter(|_| !same_theme);
        self.surface.get(stem).or_else(theme)
    }
}

/// Each stem's first spelling among `terms`.
fn first_surfaces(terms: &[Term]) -> HashMap<String, String> {
    let mut surfaces = HashMap::new();
    for term in terms {
        surfaces.entry(term.stem.clone()).or_insert_with(|| term.surface.clone());
    }
    surfaces
}

/// An index over all strengths of a cycle, built once.
pub struct StrengthIndex {
    docs: Vec<Doc>,
    /// In how many strengths each stem occurs.
    doc_freq: HashMap<String, u32>,
    avg_len: f32,
}

impl StrengthIndex {
    pub fn new(strengths: Vec<Strength>) -> StrengthIndex {
        let docs: Vec<Doc> = strengths.into_iter().map(Doc::new).collect();
        let mut doc_freq: HashMap<String, u32> = HashMap::new();
        for stem in docs.iter().flat_map(|d| d.counts.keys()) {
            *doc_freq.entry(stem.clone()).or_default() += 1;
        }
        // At least 1 so an index of empty strengths cannot divide by zero.
        let avg_len = (docs.iter().map(|d| d.len).sum::<f32>() / docs.len().max(1) as f32).max(1.0);
        StrengthIndex { docs, doc_freq, avg_len }
    }

    /// Strengths of OTHER networks (never `need_network_id`'s own) that could help with the
    /// need, best first, at most `limit`, leaving out those sharing neither a word nor the theme.
    pub fn matches(
        &self,
        need_text: &str,
        need_theme: Option<&str>,
        need_network_id: i64,
        limit: usize,
    ) -> Vec<StrengthMatch> {
        let query = self.query(need_text, need_theme);
        // The best text score possible for this need, so text scores are 0..1 whatever its length.
        let ideal: f32 = query.iter().map(|(_, idf)| idf * (K1 + 1.0)).sum();
        let theme = need_theme.map(theme_key).filter(|t| !t.is_empty());
        let mut scored: Vec<(f32, &Doc)> = self
            .docs
            .iter()
            .filter(|d| d.network_id != need_network_id)
            .filter_map(|d| self.score(d, &query, ideal, theme.as_deref()).map(|s| (s, d)))
            .collect();
        // Ties go to the older strength (lower key) so the forward look does not reshuffle.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.key.cmp(&b.1.key)));
        scored.truncate(limit);
        // Only the few kept are explained (the words they share, as the strength wrote them).
        scored.into_iter().map(|(score, d)| self.explain(d, &query, score, theme.as_deref())).collect()
    }

    /// The need's distinct stems (from its text and its theme's name) that some strength
    /// uses, each with its inverse document frequency. Stems no strength uses cannot match.
    fn query(&self, need_text: &str, need_theme: Option<&str>) -> Vec<(String, f32)> {
        let theme_terms = need_theme.map(|t| ANALYZER.terms(t)).unwrap_or_default();
        let mut seen = HashSet::new();
        let terms = ANALYZER.terms(need_text).into_iter().chain(theme_terms);
        terms
            .filter(|t| seen.insert(t.stem.clone()))
            .filter_map(|t| self.idf(&t.stem).map(|idf| (t.stem, idf)))
            .collect()
    }

    /// BM25's inverse document frequency (the "+1" form, never negative).
    fn idf(&self, stem: &str) -> Option<f32> {
        let df = *self.doc_freq.get(stem)? as f32;
        let n = self.docs.len() as f32;
        Some((1.0 + (n - df + 0.5) / (df + 0.5)).ln())
    }

    /// Each stem the need shares with a strength, with what it adds to the score.
    fn shared<'a>(&'a self, doc: &'a Doc, query: &'a [(String, f32)]) -> impl Iterator<Item = (f32, &'a str)> + 'a {
        query.iter().filter_map(move |(stem, idf)| doc.counts.get(stem).map(|tf| (idf * self.saturate(*tf, doc), stem.as_str())))
    }

    /// One strength's score for the need, or None when they share neither a word nor a theme.
    fn score(&self, doc: &Doc, query: &[(String, f32)], ideal: f32, theme: Option<&str>) -> Option<f32> {
        let same_theme = theme.is_some() && theme == doc.theme.as_deref();
        let (mut text, mut any) = (0.0, false);
        for (s, _) in self.shared(doc, query) {
            text += s;
            any = true;
        }
        if !any && !same_theme {
            return None;
        }
        Some(text / ideal.max(f32::EPSILON) + if same_theme { THEME_BONUS } else { 0.0 })
    }

    /// Why a kept strength matched: the same theme, and the shared words, strongest first.
    fn explain(&self, doc: &Doc, query: &[(String, f32)], score: f32, theme: Option<&str>) -> StrengthMatch {
        let same_theme = theme.is_some() && theme == doc.theme.as_deref();
        let mut shared: Vec<(f32, &str)> = self.shared(doc, query).collect();
        shared.sort_by(|a, b| b.0.total_cmp(&a.0));
        let why = MatchWhy { same_theme, shared_terms: surfaces(doc, &shared, same_theme) };
        StrengthMatch { key: doc.key, network_id: doc.network_id, score, why }
    }

    /// BM25's term-frequency part: repeats count for less and less, long strengths are damped.
    fn saturate(&self, tf: u32, doc: &Doc) -> f32 {
        let tf = tf as f32;
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * doc.len / self.avg_len))
    }
}

/// The shared stems as the strength wrote them, without repeats (two stems can come from the
/// same phrase), at most `MAX_SHARED_TERMS`.
fn surfaces(doc: &Doc, shared: &[(f32, &str)], same_theme: bool) -> Vec<String> {
    let mut seen = HashSet::new();
    shared
        .iter()
        .filter_map(|(_, stem)| doc.surface(stem, same_theme))
        .filter(|s| seen.insert(s.to_lowercase()))
        .take(MAX_SHARED_TERMS)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEI: &str = "Stonewall Workplace Equality Index submissions";
    const PRIDE: &str = "Pride events";
    const TRANS: &str = "Trans inclusion";
    const BI: &str = "Bi+ inclusion";
    const ALLIES: &str = "Allies";
    const REGIONS: &str = "Events outside London";
    const SPONSOR: &str = "Senior sponsorship";
    const DATA: &str = "Data and surveys";
    const COMMS: &str = "Communications";
    const VOLS: &str = "Volunteer recruitment";
    const POLICY: &str = "Policy influence";
    const MENTOR: &str = "Mentoring and careers";
    const WELL: &str = "Wellbeing";
    const INTER: &str = "Intersectionality";

    /// (key, network, text, theme): strengths of 15 invented networks.
    const STRENGTHS: &[(i64, i64, &str, Option<&str>)] = &[
        (101, 1, "We wrote a Stonewall WEI submission that moved us into the Top 100 employers list", Some(WEI)),
        (102, 1, "Running a large Pride stall and float with over 200 marchers each summer", Some(PRIDE)),
        (103, 1, "Active bystander training for allies, delivered by our own trained facilitators", Some(ALLIES)),
        (104, 2, "Regional hubs in Leeds, Sheffield and Newcastle with their own event calendars", Some(REGIONS)),
        (105, 2, "Recruiting and onboarding volunteers: a 20-strong committee with clear role descriptions",
         Some(VOLS)),
        (106, 2, "Analysing People Survey results by sexual orientation and gender identity", Some(DATA)),
        (107, 3, "Trans awareness sessions for line managers, co-designed with trans colleagues", Some(TRANS)),
        (108, 3, "Workplace transitioning guidance adopted by HR after our consultation", Some(TRANS)),
        (109, 3, "A reverse mentoring scheme pairing LGBT+ junior staff with directors", Some(MENTOR)),
        (110, 4, "A monthly newsletter and an active Viva Engage community with 3,000 followers", Some(COMMS)),
        (111, 4, "Our permanent secretary is a visible senior sponsor who opens every event", Some(SPONSOR)),
        (112, 4, "Bi Visibility Day panel and a bi+ peer group that meets monthly", Some(BI)),
        (113, 5, "Getting diversity declaration rates up: our campaign raised sexual orientation declaration \
                  from 60% to 85%", Some(DATA)),
        (114, 5, "Influencing HR policy: we were consulted on the new parental leave and adoption policies",
         Some(POLICY)),
        (115, 5, "Rainbow lanyard ally scheme with an ally pledge and a list of named allies", Some(ALLIES)),
        (116, 6, "Events for rural and field-based staff across the regions, many held online", Some(REGIONS)),
        (117, 6, "Wellbeing check-ins and a mental health first aider trained in LGBT+ issues", Some(WELL)),
        (118, 7, "Supporting service personnel and veterans affected by the historic LGBT ban", None),
        (119, 7, "Pride flag raising ceremony with senior leaders at every main site", Some(PRIDE)),
        (120, 8, "Advice for LGBT+ staff posted overseas and their partners, including safety briefings", None),
        (121, 8, "Our Director General champion chairs a quarterly inclusion board", Some(SPONSOR)),
        (122, 9, "Intersectional events with the Race and Disability networks", Some(INTER)),
        (123, 9, "Non-binary inclusion: pronouns in email signatures and gender-neutral toilets", Some(TRANS)),
        (124, 10, "Statistical analysis and dashboards of staff survey data, happy to crunch numbers for others",
         Some(DATA)),
        (125, 10, "Writing clear, accessible blogs and intranet stories", Some(COMMS)),
        (126, 11, "Lobbying on Civil Service-wide HR policy through the Cabinet Office policy team", Some(POLICY)),
        (127, 11, "Designing posters, logos and social media graphics", Some(COMMS)),
        (128, 12, "Swansea-based network running Welsh-language and Wales-wide events away from London",
         Some(REGIONS)),
        (129, 12, "Recruiting volunteers from contact centre staff with limited desk time", Some(VOLS)),
        (130, 13, "Glasgow and Edinburgh Pride: joint marching contingent with other Scottish departments",
         Some(PRIDE)),
        (131, 13, "Bisexual awareness training and resources challenging biphobia", Some(BI)),
        (132, 14, "Preparing evidence for the Workplace Equality Index, including the staff feedback survey",
         Some(WEI)),
        (133, 14, "Career development workshops for LGBT+ staff going for promotion to SCS", Some(MENTOR)),
        (134, 15, "Building an allies network of straight and cisgender colleagues", Some(ALLIES)),
        (135, 15, "Succession planning for chairs and committee roles so volunteers do not burn out", Some(VOLS)),
        (136, 6, "Trans equality policy review: rewrote the transitioning at work policy", Some(POLICY)),
        (137, 9, "Securing senior buy-in: a director-level sponsor with set objectives for LGBT+ inclusion",
         Some(SPONSOR)),
        (138, 2, "Hybrid and online events so colleagues in every region can join", None),
        (139, 10, "Designing inclusive sexual orientation and gender identity questions for surveys", Some(DATA)),
        (140, 5, "Lesbian Visibility Day events and a women's book club", None),
        (141, 14, "Interpreting the Stonewall feedback report and turning it into an action plan", Some(WEI)),
        (142, 7, "Wellbeing support for LGBT+ people in uniformed and shift roles", Some(WELL)),
    ];

    /// (network, need, theme, strengths that should match): judged by hand, by what would help.
    const NEEDS: &[(i64, &str, Option<&str>, &[i64])] = &[
        (2, "Our Stonewall WEI submission scored badly last year and we don't know how to improve the evidence",
         Some(WEI), &[101, 132, 141]),
        (6, "Help with the Workplace Equality Index - first time submitting", None, &[101, 132, 141]),
        (15, "Making sense of the feedback report from Stonewall", None, &[141, 101, 132]),
        (3, "Organising our first Pride march contingent", Some(PRIDE), &[102, 130]),
        (5, "Getting a Pride flag raised at HQ with senior leaders there", None, &[119]),
        (10, "Ideas for a Pride month programme beyond the parade", Some(PRIDE), &[119, 102, 130]),
        (4, "Line managers don't understand how to support transgender colleagues", None, &[107, 108, 136]),
        (2, "We need transitioning at work guidance", Some(TRANS), &[108, 136, 107]),
        (11, "Non-binary colleagues want pronouns respected", None, &[123, 107]),
        (1, "Bi+ members feel invisible in the network", Some(BI), &[112, 131]),
        (9, "Tackling biphobia within the LGBT+ community", None, &[131, 112]),
        (12, "How to get straight allies involved", None, &[134, 115, 103]),
        (8, "Allyship training for senior managers", Some(ALLIES), &[103, 115, 134]),
        (11, "Reaching members outside London", None, &[104, 116, 128, 138]),
        (7, "Holding events in the regions for staff who can't travel to London", Some(REGIONS),
         &[104, 116, 128, 138]),
        (14, "Colleagues in Scotland and the North feel left out of London-centric events", None,
         &[104, 116, 128, 138]),
        (12, "Finding a senior sponsor who will actually show up", Some(SPONSOR), &[111, 121, 137]),
        (3, "Getting buy-in from the board and directors", None, &[137, 121, 111]),
        (13, "Improving sexual orientation declaration rates on the HR system", Some(DATA), &[113]),
        (15, "Making sense of our People Survey data", None, &[106, 124]),
        (1, "Writing good survey questions about gender identity", None, &[139, 106]),
        (6, "Nobody reads our newsletter", Some(COMMS), &[110, 125]),
        (7, "Social media and design skills for campaign posters", None, &[127]),
        (8, "Building an online community on Viva Engage", None, &[110]),
        (3, "Recruiting volunteers for the committee", Some(VOLS), &[105, 129, 135]),
        (11, "Our committee is burning out and nobody wants to be chair next", None, &[135, 105]),
        (10, "Frontline staff have no time to volunteer", None, &[129]),
        (9, "Getting the network's voice heard on HR policies", Some(POLICY), &[114, 126]),
        (14, "Influencing the department's parental leave and fertility policy", None, &[114, 126]),
        (4, "Reverse mentoring for senior leaders", None, &[109]),
        (2, "Helping LGBT+ staff progress into the Senior Civil Service", Some(MENTOR), &[133, 109]),
        (9, "Mental health and wellbeing of LGBT+ staff in shift work", None, &[142, 117]),
        (5, "Joint events with other diversity networks such as race and disability", None, &[122]),
        (9, "Support for colleagues going on overseas postings", None, &[120]),
        (2, "Lesbian visibility", None, &[140]),
        (4, "Volunteering is down: how do we get more volunteers?", None, &[105, 129, 135]),
    ];

    fn index() -> StrengthIndex {
        let strengths = STRENGTHS.iter().map(|(key, network_id, text, theme)| Strength {
            key: *key,
            network_id: *network_id,
            text: text.to_string(),
            theme: theme.map(str::to_string),
        });
        StrengthIndex::new(strengths.collect())
    }

    fn keys(found: &[StrengthMatch]) -> Vec<i64> {
        found.iter().map(|m| m.key).collect()
    }

    #[test]
    fn labelled_needs_find_the_strengths_that_would_help() {
        let index = index();
        let (mut returned, mut relevant_returned, mut relevant_total) = (0, 0, 0);
        for (network, text, theme, relevant) in NEEDS {
            let found = keys(&index.matches(text, *theme, *network, 3));
            let hits = found.iter().filter(|k| relevant.contains(k)).count();
            if hits < relevant.len().min(3) {
                eprintln!("  {text:?}: got {found:?}, wanted {relevant:?}");
            }
            returned += found.len();
            relevant_returned += hits;
            relevant_total += relevant.len();
        }
        let precision = relevant_returned as f32 / returned.max(1) as f32;
        let recall = relevant_returned as f32 / relevant_total as f32;
        eprintln!("needs matching: precision {precision:.2}, recall {recall:.2} over {} needs", NEEDS.len());
        assert!(NEEDS.len() >= 30);
        assert!(precision >= 0.5, "precision {precision}");
        assert!(recall >= 0.75, "recall {recall}");
    }

    #[test]
    fn a_networks_own_strengths_are_never_matched() {
        let index = index();
        for (network, text, theme, _) in NEEDS {
            let found = index.matches(text, *theme, *network, 50);
            assert!(found.iter().all(|m| m.network_id != *network), "{text}");
        }
        // Network 1 offers the WEI strength that best fits this need, yet never sees it.
        let found = index.matches("Stonewall WEI submission", Some(WEI), 1, 50);
        assert!(!keys(&found).contains(&101));
        assert!(!found.is_empty());
    }

    #[test]
    fn stemming_matches_volunteers_with_volunteering() {
        let strength = |key, network_id, text: &str| Strength { key, network_id, text: text.into(), theme: None };
        let index = StrengthIndex::new(vec![
            strength(1, 1, "Volunteering days for the whole committee"),
            strength(2, 2, "Designing posters"),
        ]);
        let found = index.matches("We need more volunteers", None, 3, 3);
        assert_eq!(keys(&found), vec![1]);
        assert_eq!(found[0].why, MatchWhy { same_theme: false, shared_terms: vec!["Volunteering".into()] });
    }

    #[test]
    fn why_names_the_strengths_words_and_the_theme() {
        let index = index();
        let found = index.matches("Transgender awareness for managers", Some("trans  INCLUSION"), 1, 3);
        let first = &found[0];
        assert_eq!(first.key, 107);
        assert!(first.why.same_theme);
        // "transgender" is matched through the synonym and given as the strength wrote it.
        let mut shared = first.why.shared_terms.clone();
        shared.sort();
        assert_eq!(shared, ["Trans", "awareness", "managers"]);
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn same_theme_alone_is_a_match_but_no_overlap_is_not() {
        let index = index();
        let found = index.matches("Something completely different", Some(COMMS), 1, 10);
        assert!(!found.is_empty());
        assert!(found.iter().all(|m| m.why.same_theme && m.why.shared_terms.is_empty()));
        assert!(index.matches("Something completely different", None, 1, 10).is_empty());
        assert!(index.matches("Pride", None, 1, 0).is_empty());
    }

    #[test]
    fn themes_are_suggested_for_labelled_statements() {
        let themes = default_themes();
        let labelled: &[(&str, Option<&str>)] = &[
            ("Our WEI submission deadline is in September", Some(WEI)),
            ("Marching at Brighton Pride with a float", Some(PRIDE)),
            ("Guidance for managers on supporting a colleague who is transitioning", Some(TRANS)),
            ("Celebrating Bi Visibility Day", Some(BI)),
            ("Getting more straight colleagues to wear the rainbow lanyard as allies", Some(ALLIES)),
            ("Socials in Manchester and Cardiff for people who never get to London", Some(REGIONS)),
            ("Our new director general has agreed to be our champion", Some(SPONSOR)),
            ("Low response rates to the diversity monitoring questions", Some(DATA)),
            ("Relaunching the intranet page and the monthly bulletin", Some(COMMS)),
            ("Nobody stands in the committee elections", Some(VOLS)),
            ("Responding to the HR consultation on the dress code policy", Some(POLICY)),
            ("Finding mentors for members who want promotion", Some(MENTOR)),
            ("Stress and isolation among members working from home", Some(WELL)),
            ("The weather was lovely", None),
        ];
        let mut right = 0;
        for (statement, expected) in labelled {
            let got = suggest_theme(statement, &themes).map(|i| themes[i].name.as_str());
            if got == *expected {
                right += 1;
            } else {
                eprintln!("  {statement:?}: suggested {got:?}, expected {expected:?}");
            }
        }
        eprintln!("theme suggestion: {right} of {} right", labelled.len());
        assert!(right >= 12, "{right} of {}", labelled.len());
    }

    #[test]
    fn default_themes_include_the_forums_usual_ones() {
        let names: Vec<String> = default_themes().into_iter().map(|t| t.name).collect();
        for name in [WEI, PRIDE, TRANS, BI, ALLIES, REGIONS, SPONSOR, DATA, COMMS, VOLS, POLICY] {
            assert!(names.iter().any(|n| n == name), "{name}");
        }
        assert!(default_themes().iter().all(|t| t.keywords.len() >= 5));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let hostile = [
            String::new(),
            " \t\n ".to_string(),
            "🏳️‍🌈🏳️‍⚧️ 💜💛🤍🖤".to_string(),
            "دعم أعضاء الشبكة في المناطق Pride שלום".to_string(),
            "<script>alert('x')</script><b>Pride</b>&amp;&#x1F308;".to_string(),
            "İstanbul ǅemal ß ﬁ Ⅻ ٣٤ e\u{301}\u{301}\u{301} \u{202E}drow\u{202C} \u{0}\u{FFFF}".to_string(),
            "volunteer ".repeat(10_000),
            "a".repeat(100_000),
            "é".repeat(100_000),
            "non".to_string(),
            "outside".to_string(),
        ];
        let index = index();
        let themes = default_themes();
        for text in &hostile {
            let _ = index.matches(text, Some(text), 1, 3);
            let _ = suggest_theme(text, &themes);
            let _ = suggest_theme(text, &[]);
        }
        let odd = StrengthIndex::new(hostile.iter().enumerate().map(|(i, text)| Strength {
            key: i as i64,
            network_id: i as i64,
            text: text.clone(),
            theme: Some(text.clone()),
        }).collect());
        assert_eq!(keys(&odd.matches("volunteers", None, 99, 3)), vec![6]);
        assert!(StrengthIndex::new(Vec::new()).matches("Pride", Some(PRIDE), 1, 3).is_empty());
        assert_eq!(suggest_theme("Pride", &[]), None);
    }
}
