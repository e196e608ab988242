//! Matching the network names people type against the register.
//!
//! Registration forms ask "which network are you from?" and people answer every way:
//! "DfE LGBT network", "dwp", "Departmnet for Transport", or only their work email.
//! A [`Matcher`] is built once per import from the register and turns each answer into
//! at most three ranked guesses, each with a confidence and a reason the chair can read.
//!
//! The score is made of plain parts, so a surprising guess can be explained:
//! - words: how much of the department's name is in the answer (recall, typos allowed)
//!   and how much of the answer the network explains (precision). Rare words count more
//!   than common ones: "education" tells more than "department".
//! - acronyms derived from the department ("dwp", "dfe", "hmrc", "moj", "ons").
//! - the email domain ("education" of education.gov.uk, "dwp" of dwp.gov.uk).
//! - the network's own name ("Rainbow Network"), which mostly tells apart two networks
//!   of one department.
//!
//! Two networks that score alike lower each other's confidence, so the chair decides.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::model::Network;

/// Why a guess was made, shown to the chair beside the confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MatchReason {
    /// The answer is the network's registered name, with or without its department.
    SameName,
    /// Every word of the department's name is in the answer.
    Department,
    /// The answer holds the department's acronym ("DfE", "HMRC").
    Acronym,
    /// The email address pointed here more than the text did.
    EmailDomain,
    /// Most words match, or some are misspelt.
    SimilarWords,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkGuess {
    #[ts(type = "number")]
    pub network_id: i64,
    pub network_name: String,
    pub department: String,
    /// 0.0..=1.0
    pub confidence: f32,
    pub reason: MatchReason,
}

/// At or above this, a guess is taken without asking; below, the chair resolves it.
pub const CONFIDENT: f32 = 0.8;

/// Guesses below this are noise, not worth the chair's attention.
const SHOWN_FROM: f32 = 0.3;
const MAX_GUESSES: usize = 3;
/// Form fields are short; anything longer is pasted junk, and cutting it bounds the work.
const MAX_INPUT_CHARS: usize = 300;
const MAX_WORDS: usize = 40;
/// Two words this alike (1 - edits / length) are taken as one word misspelt.
const TYPO_SIMILARITY: f32 = 0.75;
/// Shorter words must match exactly: "dft" and "dfe" are one letter apart.
const TYPO_MIN_CHARS: usize = 4;
/// "department", "office", "agency" say little on their own.
const INSTITUTION_WEIGHT: f32 = 0.5;
/// An unexplained word that names networks ("pride") barely counts against a department.
const NAME_WORD_WEIGHT: f32 = 0.3;
/// What matching a network's own name adds: enough to tell two networks of one department apart.
const NAME_BONUS: f32 = 0.1;
/// A network found by its name alone is never taken without the chair: names are
/// generic ("Spectrum", "Trans Network") and shared. An email can still settle it.
const NAME_ONLY: f32 = 0.75;
/// Score gap under which the best guess counts as ambiguous.
const AMBIGUITY_WINDOW: f32 = 0.15;
/// Share of its score a guess keeps when tied with another.
const TIED_SHARE: f32 = 0.55;
/// Email evidence beside text that names something: a hint, as the text may disagree.
const EMAIL_BESIDE_TEXT: f32 = 0.5;
const EMAIL_OWN_DOMAIN: f32 = 0.9;
const EMAIL_SUBDOMAIN: f32 = 0.85;
/// A domain used by a department and its agency says only "one of these".
const EMAIL_SHARED_DOMAIN: f32 = 0.6;
const EMAIL_ACRONYM: f32 = 0.9;
const EMAIL_WORDS: f32 = 0.85;

/// Words that carry no meaning for telling networks apart.
const FILLER: &[&str] = &[
    "a", "an", "the", "and", "for", "of", "in", "on", "at", "to", "my", "our", "lgbt", "lgbtq", "lgbtqi", "lgbti",
    "lgbtiq", "lgbtqia", "lgb", "glbt", "lbgt", "lgtb", "network", "networks", "staff", "employee", "employees",
    "group", "hm", "his", "her", "majesty", "majestys", "hmg", "na", "none", "nil", "unknown", "tbc", "not",
    "applicable",
];

/// Shortenings people write, and the word the register uses.
const SYNONYMS: &[(&str, &str)] = &[
    ("dept", "department"),
    ("dep", "department"),
    ("dpt", "department"),
    ("govt", "government"),
    ("stats", "statistics"),
    ("natl", "national"),
    ("intl", "international"),
    ("defense", "defence"),
];

/// Words that name a kind of body, not which one.
const INSTITUTION: &[&str] = &[
    "department", "ministry", "office", "agency", "service", "authority", "executive", "commission", "government",
    "board", "directorate",
];

/// Words that name networks rather than departments, even when no network uses them yet.
const NETWORK_WORDS: &[&str] = &[
    "pride", "proud", "rainbow", "spectrum", "alliance", "forum", "inclusion", "inclusive", "diversity", "equality",
    "trans", "queer", "allies", "ally", "out", "community", "society", "association", "plus", "gay", "lesbian", "bi",
    "bisexual", "nonbinary",
];

/// Former names and well-known parts of departments, which people still write. Each is
/// tried only for a network registered under the current name, and only when no
/// network is itself registered under the other name.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("Foreign Office", "Foreign, Commonwealth and Development Office"),
    ("Foreign and Commonwealth Office", "Foreign, Commonwealth and Development Office"),
    ("Department for International Development", "Foreign, Commonwealth and Development Office"),
    ("Department of Health", "Department of Health and Social Care"),
    ("Department for Levelling Up, Housing and Communities", "Ministry of Housing, Communities and Local Government"),
    ("Department for Communities and Local Government", "Ministry of Housing, Communities and Local Government"),
    ("HM Prison Service", "HM Prison and Probation Service"),
    ("National Offender Management Service", "HM Prison and Probation Service"),
    ("HM Courts Service", "HM Courts and Tribunals Service"),
    ("Department for Digital, Culture, Media and Sport", "Department for Culture, Media and Sport"),
    ("Border Force", "Home Office"),
    ("UK Visas and Immigration", "Home Office"),
    ("HM Passport Office", "Home Office"),
];

/// Small words that acronyms always leave out, and those some acronyms keep (DfE, MoJ).
const ALWAYS_DROPPED: &[&str] = &["and", "the"];
const SMALL_WORDS: &[&str] = &["and", "the", "for", "of", "in", "on", "to", "at"];

/// Domain labels that say nothing about the employer.
const GENERIC_LABELS: &[&str] =
    &["gov", "uk", "org", "com", "net", "co", "ac", "gsi", "gcsx", "gsx", "cjsm", "mail", "email", "www", "x"];

/// Personal mailboxes: an address there says nothing about where someone works.
const WEBMAIL: &[&str] = &[
    "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "icloud", "me", "mac", "aol",
    "btinternet", "protonmail", "proton", "pm", "gmx", "sky", "virginmedia", "talktalk", "zoho", "mail",
];

/// One network as the matcher sees it, worked out once per import.
struct Entry {
    id: i64,
    name: String,
    department: String,
    /// Meaningful words of the department ("department", "education").
    dept: Vec<String>,
    /// The department's words, then those of each other name it goes by.
    forms: Vec<Vec<String>>,
    /// Department words minus "department", "office"...: what an email label must name.
    distinctive: Vec<String>,
    /// Acronyms of the department, and acronym-like words in the network's name.
    acronyms: Vec<String>,
    /// Department words run together, as domains write them ("homeoffice", "hmtreasury").
    joined: Vec<String>,
    /// Meaningful words of the network's name.
    name_all: Vec<String>,
    /// Name words the department does not already give: what tells siblings apart.
    name_words: Vec<String>,
    /// Every word that can explain part of an answer, parent department included.
    vocab: Vec<String>,
    /// The network's mailbox domain, unless it is a personal mailbox.
    domain: Option<String>,
    /// The registered name and department as typed, case and spacing aside.
    name_key: String,
    department_key: String,
}

impl Entry {
    /// `registered`: every department in the register, so another name is not borrowed
    /// from a network that is registered under it.
    fn new(n: &Network, registered: &[Vec<String>]) -> Entry {
        let dept = normalise(&n.department);
        let others = other_names(&dept, registered);
        let mut acronyms = acronyms(&n.department);
        for a in others.iter().flat_map(|o| self::acronyms(o)) {
            push_unique(&mut acronyms, a);
        }
        // A network known by its department only has no name words of its own.
        let own_name = if n.name_known { n.name.as_str() } else { "" };
        // "DWP Pride" or "VOA Spectrum" name the department in the network's name.
        let name_words_raw = split_words(own_name);
        for w in name_words_raw.iter().filter(|w| acronym_like(w)).map(|w| w.to_lowercase()) {
            push_unique(&mut acronyms, w);
        }
        acronyms.retain(|a| !is_filler(a));
        let name_all = normalise(own_name);
        let name_words = name_all.iter().filter(|w| !dept.contains(w) && !acronyms.contains(w)).cloned().collect();
        let forms: Vec<Vec<String>> =
            std::iter::once(dept.clone()).chain(others.iter().map(|o| normalise(o))).collect();
        let vocab = Entry::vocab(n, &forms, &acronyms, &name_all);
        Entry {
            id: n.id,
            name: n.name.clone(),
            department: n.department.clone(),
            distinctive: dept.iter().filter(|w| !INSTITUTION.contains(&w.as_str())).cloned().collect(),
            joined: joined_forms(&n.department, &dept),
            dept,
            forms,
            acronyms,
            name_all,
            name_words,
            vocab,
            domain: n.email.as_deref().and_then(email_domain),
            name_key: crate::model::text::match_key(&[own_name]),
            department_key: crate::model::text::match_key(&[&n.department]),
        }
    }

    /// The parent is included so "HMPPS (MoJ)" is fully explained by HMPPS.
    fn vocab(n: &Network, forms: &[Vec<String>], acronyms: &[String], name: &[String]) -> Vec<String> {
        let parent = n.parent.as_deref().unwrap_or("");
        let mut vocab = Vec::new();
        let parts = [forms.concat(), acronyms.to_vec(), name.to_vec(), normalise(parent), self::acronyms(parent)];
        for w in parts.into_iter().flatten() {
            push_unique(&mut vocab, w);
        }
        vocab
    }

    /// The answer is the network's name, alone or with its department's words. A name
    /// that only repeats its department ("Home Office LGBT+ Network") is not one.
    fn is_same_name(&self, words: &[String]) -> bool {
        if self.name_words.is_empty() {
            return false;
        }
        let asked: HashSet<&String> = words.iter().collect();
        let name: HashSet<&String> = self.name_all.iter().collect();
        let with_dept: HashSet<&String> = self.name_all.iter().chain(&self.dept).collect();
        asked == name || asked == with_dept
    }
}

/// One word of an answer, with how much it counts.
struct QueryWord {
    text: String,
    weight: f32,
    /// Names networks ("pride"), so says little about the department.
    network_word: bool,
}

/// Built once from the register; answers many form rows.
pub struct Matcher {
    entries: Vec<Entry>,
    /// How telling each register word is: rare words weigh more.
    weights: HashMap<String, f32>,
    /// Register words in a fixed order, for deterministic typo look-ups.
    known: Vec<String>,
    /// The weight of a word the register does not have.
    unknown_weight: f32,
    /// Words that only ever name networks, never departments.
    network_words: HashSet<String>,
    /// How many networks use each mailbox domain.
    domain_count: HashMap<String, usize>,
}

impl Matcher {
    pub fn new(networks: &[Network]) -> Matcher {
        let registered: Vec<Vec<String>> = networks.iter().map(|n| normalise(&n.department)).collect();
        let entries: Vec<Entry> = networks.iter().map(|n| Entry::new(n, &registered)).collect();
        let weights = word_weights(&entries);
        let mut known: Vec<String> = weights.keys().cloned().collect();
        known.sort();
        let mut domain_count = HashMap::new();
        for d in entries.iter().filter_map(|e| e.domain.clone()) {
            *domain_count.entry(d).or_insert(0) += 1;
        }
        Matcher {
            network_words: network_only_words(&entries),
            unknown_weight: idf(entries.len(), 1),
            entries,
            weights,
            known,
            domain_count,
        }
    }

    /// Ranked guesses (best first, at most 3, only those with confidence >= 0.3) for what a form row says:
    /// the network text (may be empty), an optional department text, an optional email address.
    pub fn guesses(&self, network_text: &str, department_text: Option<&str>, email: Option<&str>) -> Vec<NetworkGuess> {
        if let Some(e) = self.exact_name(network_text, department_text) {
            return vec![self.guess(e, 1.0, MatchReason::SameName)];
        }
        let query = self.query(network_text, department_text.unwrap_or(""));
        let domain = email.and_then(email_domain);
        // Text that names some body outweighs the email, which may be a parent department's.
        let names_a_body = query.iter().any(|w| !w.network_word);
        let email_share = if names_a_body { EMAIL_BESIDE_TEXT } else { 1.0 };
        let scored = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mail = domain.as_deref().map_or(0.0, |d| self.email_score(e, d)) * email_share;
                let (score, reason) = combine(self.text_score(e, &query), mail);
                (i, score, reason)
            })
            .filter(|s| s.1 > 0.0)
            .collect();
        self.rank(scored)
    }

    /// The one network whose registered name the answer is, exactly (ignoring case and
    /// spacing): a certain match, whatever else the register holds. A name that several
    /// networks share ("LGBT+ Network") is certain only with its department beside it.
    fn exact_name(&self, network_text: &str, department_text: Option<&str>) -> Option<&Entry> {
        let asked = crate::model::text::match_key(&[network_text]);
        if asked.is_empty() {
            return None;
        }
        let named: Vec<&Entry> = self.entries.iter().filter(|e| e.name_key == asked).collect();
        let department = department_text.map(|d| crate::model::text::match_key(&[d])).filter(|d| !d.is_empty());
        let in_department: Vec<&Entry> = match &department {
            Some(d) => named.iter().copied().filter(|e| e.department_key == *d).collect(),
            None => named,
        };
        match in_department[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The answer's meaningful words, each weighed by the register word it stands for.
    fn query(&self, network_text: &str, department_text: &str) -> Vec<QueryWord> {
        let mut words = normalise(network_text);
        for w in normalise(department_text) {
            push_unique(&mut words, w);
        }
        words.truncate(MAX_WORDS);
        words.into_iter().map(|text| self.query_word(text)).collect()
    }

    fn query_word(&self, text: String) -> QueryWord {
        // A shortening ("edu", "reg") is read as the one register word it starts.
        let text = self.expansion(&text).map_or(text, str::to_string);
        let known = self.closest_known(&text);
        let weight = known.and_then(|k| self.weights.get(k)).copied().unwrap_or(self.unknown_weight);
        let as_known = known.unwrap_or(&text);
        let network_word = self.network_words.contains(as_known) || NETWORK_WORDS.contains(&as_known);
        QueryWord { text, weight, network_word }
    }

    /// The register word a typed word stands for, typos allowed.
    fn closest_known(&self, word: &str) -> Option<&str> {
        if let Some((k, _)) = self.weights.get_key_value(word) {
            return Some(k);
        }
        let mut best: Option<(&str, f32)> = None;
        for k in &self.known {
            let s = similarity(word, k);
            if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((k, s));
            }
        }
        best.map(|(k, _)| k)
    }

    /// The register word that `word` shortens, when it is not a word itself and starts
    /// exactly one: "edu" → "education", "nat" → "national"; "com" starts several, so none.
    fn expansion(&self, word: &str) -> Option<&str> {
        // "trans" is a word of its own, not a shortening of "transport".
        if word.chars().count() < 3 || NETWORK_WORDS.contains(&word) || self.closest_known(word).is_some() {
            return None;
        }
        // One letter more is likelier another word ("car", "care") than a shortening.
        let mut starting = self.known.iter().filter(|k| k.len() >= word.len() + 2 && k.starts_with(word));
        let first = starting.next()?;
        starting.next().is_none().then_some(first.as_str())
    }

    fn weight(&self, word: &str) -> f32 {
        self.weights.get(word).copied().unwrap_or(self.unknown_weight)
    }

    /// How well the words of the answer point at one network, and why.
    fn text_score(&self, e: &Entry, query: &[QueryWord]) -> (f32, MatchReason) {
        if query.is_empty() {
            return (0.0, MatchReason::SimilarWords);
        }
        let words: Vec<String> = query.iter().map(|w| w.text.clone()).collect();
        let acronym = words.iter().any(|w| e.acronyms.contains(w));
        // An acronym names the whole department at once; otherwise the best of its names.
        let best_form = e.forms.iter().map(|f| self.recall(f, &words)).fold(0.0, f32::max);
        let dept_recall = if acronym { 1.0 } else { best_form };
        let name_recall = self.recall(&e.name_words, &words);
        let precision = self.precision(e, query);
        let by_dept = if dept_recall > 0.0 { f2(precision, dept_recall) + NAME_BONUS * name_recall } else { 0.0 };
        let by_name = NAME_ONLY * f2(precision, name_recall);
        let reason = reason(e, &words, acronym, by_dept >= by_name);
        (by_dept.max(by_name), reason)
    }

    /// Share of `wanted` (by weight) found among `words`; a misspelt word counts by how alike it is.
    fn recall(&self, wanted: &[String], words: &[String]) -> f32 {
        let (mut found, mut total) = (0.0, 0.0);
        for w in wanted {
            let weight = self.weight(w);
            found += weight * best_similarity(w, words);
            total += weight;
        }
        if total > 0.0 {
            found / total
        } else {
            0.0
        }
    }

    /// Share of the answer (by weight) this network explains. Network-ish words the
    /// network does not use ("pride" for a network called "Rainbow") count little.
    fn precision(&self, e: &Entry, query: &[QueryWord]) -> f32 {
        let (mut found, mut total) = (0.0, 0.0);
        for w in query {
            let sim = best_similarity(&w.text, &e.vocab);
            let weight = if sim < 1.0 && w.network_word { w.weight * NAME_WORD_WEIGHT } else { w.weight };
            found += weight * sim;
            total += weight;
        }
        if total > 0.0 {
            found / total
        } else {
            0.0
        }
    }

    /// How strongly an email domain points at one network.
    fn email_score(&self, e: &Entry, domain: &str) -> f32 {
        let by_label = domain_labels(domain).map(|l| label_score(e, l)).fold(0.0, f32::max);
        self.own_domain_score(e, domain).max(by_label)
    }

    /// The person writes from the network's own mailbox domain (or a subdomain of it).
    fn own_domain_score(&self, e: &Entry, domain: &str) -> f32 {
        let Some(own) = &e.domain else { return 0.0 };
        let score = if domain == own {
            EMAIL_OWN_DOMAIN
        } else if domain.strip_suffix(own.as_str()).is_some_and(|rest| rest.ends_with('.')) {
            EMAIL_SUBDOMAIN
        } else {
            return 0.0;
        };
        let shared = self.domain_count.get(own).copied().unwrap_or(0) > 1;
        if shared {
            score.min(EMAIL_SHARED_DOMAIN)
        } else {
            score
        }
    }

    /// Best first; guesses close to a rival lose confidence, weak ones are dropped.
    fn rank(&self, mut scored: Vec<(usize, f32, MatchReason)>) -> Vec<NetworkGuess> {
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let best = scored.first().map_or(0.0, |s| s.1);
        let second = scored.get(1).map_or(0.0, |s| s.1);
        scored
            .iter()
            .enumerate()
            .map(|(rank, &(i, score, reason))| {
                let rival = if rank == 0 { second } else { best };
                let confidence = (score * ambiguity_share(score - rival)).clamp(0.0, 1.0);
                self.guess(&self.entries[i], confidence, reason)
            })
            .filter(|g| g.confidence >= SHOWN_FROM)
            .take(MAX_GUESSES)
            .collect()
    }

    fn guess(&self, e: &Entry, confidence: f32, reason: MatchReason) -> NetworkGuess {
        NetworkGuess {
            network_id: e.id,
            network_name: e.name.clone(),
            department: e.department.clone(),
            confidence,
            reason,
        }
    }
}

/// Inverse document frequency: a word in few networks tells more than one in many.
fn idf(networks: usize, with_word: usize) -> f32 {
    (1.0 + networks as f32 / with_word.max(1) as f32).ln()
}

fn word_weights(entries: &[Entry]) -> HashMap<String, f32> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for w in entries.iter().flat_map(|e| &e.vocab) {
        *df.entry(w.as_str()).or_insert(0) += 1;
    }
    df.into_iter()
        .map(|(w, n)| {
            let kind = if INSTITUTION.contains(&w) { INSTITUTION_WEIGHT } else { 1.0 };
            (w.to_string(), idf(entries.len(), n) * kind)
        })
        .collect()
}

/// The other names a department (given as its words) goes by, unless registered themselves.
fn other_names(dept: &[String], registered: &[Vec<String>]) -> Vec<&'static str> {
    OTHER_NAMES
        .iter()
        .filter(|(_, current)| normalise(current) == dept)
        .map(|(other, _)| *other)
        .filter(|other| !registered.contains(&normalise(other)))
        .collect()
}

/// Words used in network names but never in a department's name or acronym.
fn network_only_words(entries: &[Entry]) -> HashSet<String> {
    let dept: HashSet<&String> = entries.iter().flat_map(|e| e.dept.iter().chain(&e.acronyms)).collect();
    entries.iter().flat_map(|e| &e.name_words).filter(|w| !dept.contains(w)).cloned().collect()
}

fn reason(e: &Entry, words: &[String], acronym: bool, by_dept: bool) -> MatchReason {
    if e.is_same_name(words) {
        MatchReason::SameName
    } else if !by_dept {
        MatchReason::SimilarWords
    } else if acronym {
        MatchReason::Acronym
    } else if e.forms.iter().any(|f| !f.is_empty() && f.iter().all(|w| words.contains(w))) {
        MatchReason::Department
    } else {
        MatchReason::SimilarWords
    }
}

/// The text's evidence, topped up by the email's: independent hints add up.
fn combine((score, reason): (f32, MatchReason), mail: f32) -> (f32, MatchReason) {
    let combined = score + (1.0 - score.min(1.0)) * mail;
    let reason = if mail > score { MatchReason::EmailDomain } else { reason };
    (combined, reason)
}

/// F-measure leaning on recall (beta = 2): finding the department's words matters more
/// than explaining every extra word people add ("DVLA Swansea").
fn f2(precision: f32, recall: f32) -> f32 {
    let denominator = 4.0 * precision + recall;
    if denominator > 0.0 {
        5.0 * precision * recall / denominator
    } else {
        0.0
    }
}

/// Share of its score a guess keeps given its lead over the nearest rival.
fn ambiguity_share(lead: f32) -> f32 {
    TIED_SHARE + (1.0 - TIED_SHARE) * (lead / AMBIGUITY_WINDOW).clamp(0.0, 1.0)
}

/// Lowercase meaningful words of `text`: punctuation (including '+') gone, shortenings
/// spelt out, filler dropped, each word once.
pub fn normalise(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in split_words(text) {
        let w = w.to_lowercase();
        let w = SYNONYMS.iter().find(|(short, _)| *short == w).map_or(w, |(_, long)| long.to_string());
        if !is_filler(&w) {
            push_unique(&mut out, w);
        }
    }
    out.truncate(MAX_WORDS);
    out
}

/// Filler as listed, or a misspelling of a long filler word ("netwrok").
fn is_filler(word: &str) -> bool {
    FILLER.iter().any(|f| *f == word || (f.len() >= 5 && similarity(word, f) > 0.0))
}

/// Words as written (case kept), split at anything not a letter or digit.
/// Apostrophes join ("Majesty's" → "Majestys"); runs of single letters join too, so
/// "D.W.P." and "H M R C" read as acronyms.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in text.chars().take(MAX_INPUT_CHARS) {
        if c.is_alphanumeric() {
            current.push(c);
        } else if !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2bc}') && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    join_single_letters(words)
}

fn join_single_letters(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_run = false;
    for w in words {
        let single = w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        match out.last_mut() {
            Some(last) if single && in_run => last.push_str(&w),
            _ => {
                in_run = single;
                out.push(w);
            }
        }
    }
    out
}

/// Acronyms a department is known by, lowercase, three letters or more. Two conventions
/// are in use: small words kept as letters (DfE, DfT, MoJ) or dropped (DWP, ONS, DHSC);
/// "and" is always dropped. Capitalised short words give all their letters (HMRC, UKHSA),
/// and an acronym written in the name itself ("... (DWP)") counts too.
pub fn acronyms(department: &str) -> Vec<String> {
    let words = split_words(department);
    let mut out = Vec::new();
    for skip in [ALWAYS_DROPPED, SMALL_WORDS] {
        let acronym: String =
            words.iter().filter(|w| !skip.contains(&w.to_lowercase().as_str())).map(|w| initials(w)).collect();
        if acronym.chars().count() >= 3 {
            push_unique(&mut out, acronym);
        }
    }
    for w in words.iter().filter(|w| acronym_like(w)) {
        push_unique(&mut out, w.to_lowercase());
    }
    out
}

/// "HM", "UK", "NHS" give all their letters; other words their first.
fn initials(word: &str) -> String {
    let upper = word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase);
    if upper && word.chars().count() <= 3 {
        word.to_lowercase()
    } else {
        word.chars().take(1).flat_map(char::to_lowercase).collect()
    }
}

/// A written acronym: short, with at least two capitals ("DWP", "DfE", "MoJ").
fn acronym_like(word: &str) -> bool {
    let len = word.chars().count();
    (3..=6).contains(&len) && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Department words run together, as mailbox domains write them.
fn joined_forms(department: &str, dept: &[String]) -> Vec<String> {
    let all: String = split_words(department).concat().to_lowercase();
    let mut out = vec![all];
    push_unique(&mut out, dept.concat());
    out
}

/// The domain of an email address, lowercase, or None when there is none or it is a
/// personal mailbox (gmail.com says nothing about where someone works).
pub fn email_domain(email: &str) -> Option<String> {
    let (_, after) = email.rsplit_once('@')?;
    let domain: String = after
        .trim_start()
        .chars()
        .take(253)
        .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '-')
        .collect::<String>()
        .to_lowercase();
    let domain = domain.trim_matches('.');
    let first = domain.split('.').next()?;
    if !domain.contains('.') || WEBMAIL.contains(&first) {
        return None;
    }
    Some(domain.to_string())
}

/// The labels of a domain that may name an employer ("education" of education.gov.uk).
fn domain_labels(domain: &str) -> impl Iterator<Item = &str> {
    domain.split('.').filter(|l| !l.is_empty() && !GENERIC_LABELS.contains(l))
}

/// How well one domain label names a network's department.
fn label_score(e: &Entry, label: &str) -> f32 {
    if e.acronyms.iter().chain(&e.joined).any(|a| a == label) {
        return EMAIL_ACRONYM;
    }
    if e.distinctive.is_empty() {
        return 0.0;
    }
    // "cabinet-office" names Cabinet Office; "digital" only half of Government Digital Service.
    let words = normalise(label);
    let found = e.distinctive.iter().filter(|w| words.contains(w)).count();
    EMAIL_WORDS * found as f32 / e.distinctive.len() as f32
}

/// The best likeness of `word` to any of `among`.
fn best_similarity(word: &str, among: &[String]) -> f32 {
    among.iter().map(|w| similarity(word, w)).fold(0.0, f32::max)
}

/// 1.0 for the same word; 1 - edits / length for a likely typo; 0.0 otherwise.
fn similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longest = a.len().max(b.len());
    // Short words and very different lengths can't be typos of each other; skip the work.
    let max_edits = ((1.0 - TYPO_SIMILARITY) * longest as f32) as usize;
    if a.len().min(b.len()) < TYPO_MIN_CHARS || a.len().abs_diff(b.len()) > max_edits {
        return 0.0;
    }
    let s = 1.0 - edit_distance(&a, &b) as f32 / longest as f32;
    if s >= TYPO_SIMILARITY {
        s
    } else {
        0.0
    }
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbouring letters, the four slips of a typing hand.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NetworkType;

    const DFE: i64 = 1;
    const ESFA: i64 = 2;
    const DWP: i64 = 3;
    const HMRC: i64 = 4;
    const VOA: i64 = 5;
    const MOJ: i64 = 6;
    const HMPPS: i64 = 7;
    const HMCTS: i64 = 8;
    const HOME: i64 = 9;
    const CO_RAINBOW: i64 = 10;
    const CO_TRANS: i64 = 11;
    const GDS: i64 = 12;
    const DSIT: i64 = 13;
    const ONS: i64 = 14;
    const DFT: i64 = 15;
    const DVLA: i64 = 16;
    const MOD: i64 = 17;
    const FCDO: i64 = 18;
    const DHSC: i64 = 19;
    const DEFRA: i64 = 20;
    const HMT: i64 = 21;
    const DBT: i64 = 22;
    const MHCLG: i64 = 23;
    const CPS: i64 = 24;
    const HMLR: i64 = 25;
    const UKHSA: i64 = 26;
    const CH: i64 = 27;

    fn net(id: i64, name: &str, department: &str, parent: Option<&str>, email: Option<&str>) -> Network {
        let kind = if parent.is_some() { NetworkType::Agency } else { NetworkType::MinisterialDepartment };
        Network {
            id,
            name: name.into(),
            department: department.into(),
            kind,
            parent: parent.map(Into::into),
            email: email.map(Into::into),
            active: true,
            created_at: String::new(),
            updated_at: String::new(),
            name_known: true,
        }
    }

    /// A register like the real one: shared names ("Rainbow Network", "Spectrum", "Proud"),
    /// departments with agencies, two networks in one department, shared mailbox domains.
    fn register() -> Vec<Network> {
        let dfe = Some("Department for Education");
        let moj = Some("Ministry of Justice");
        let hmrc = Some("HM Revenue and Customs");
        let dsit = Some("Department for Science, Innovation and Technology");
        let dft = Some("Department for Transport");
        let dhsc = Some("Department of Health and Social Care");
        let dbt = Some("Department for Business and Trade");
        let dbt_mail = Some("lgbt@businessandtrade.gov.uk");
        vec![
            net(DFE, "Rainbow Network", "Department for Education", None, Some("lgbt@education.gov.uk")),
            net(ESFA, "ESFA Pride", "Education and Skills Funding Agency", dfe, Some("pride@education.gov.uk")),
            net(DWP, "DWP Pride", "Department for Work and Pensions", None, Some("lgbt@dwp.gov.uk")),
            net(HMRC, "Rainbow Alliance", "HM Revenue and Customs", None, Some("rainbow.alliance@hmrc.gov.uk")),
            net(VOA, "VOA Spectrum", "Valuation Office Agency", hmrc, Some("spectrum@voa.gov.uk")),
            net(MOJ, "MoJ LGBT+ Network", "Ministry of Justice", None, Some("lgbt@justice.gov.uk")),
            net(HMPPS, "Spectrum", "HM Prison and Probation Service", moj, Some("spectrum@justice.gov.uk")),
            net(HMCTS, "Proud", "HM Courts and Tribunals Service", moj, None),
            net(HOME, "Home Office LGBT+ Network", "Home Office", None, Some("lgbt@homeoffice.gov.uk")),
            net(CO_RAINBOW, "Rainbow Network", "Cabinet Office", None, Some("rainbow@cabinetoffice.gov.uk")),
            net(CO_TRANS, "Trans Network", "Cabinet Office", None, None),
            net(GDS, "GDS Pride", "Government Digital Service", dsit, None),
            net(DSIT, "DSIT LGBT+ Network", "Department for Science, Innovation and Technology", None, None),
            net(ONS, "ONS Pride", "Office for National Statistics", None, Some("lgbt@ons.gov.uk")),
            net(DFT, "Rainbow Network", "Department for Transport", None, Some("lgbt@dft.gov.uk")),
            net(DVLA, "DVLA Pride", "Driver and Vehicle Licensing Agency", dft, Some("pride@dvla.gov.uk")),
            net(MOD, "Defence LGBT+ Network", "Ministry of Defence", None, Some("lgbt@mod.gov.uk")),
            net(FCDO, "FCDO Pride", "Foreign, Commonwealth and Development Office", None, Some("lgbt@fcdo.gov.uk")),
            net(DHSC, "Spectrum", "Department of Health and Social Care", None, Some("lgbt@dhsc.gov.uk")),
            net(DEFRA, "Defra Rainbow Network", "Department for Environment, Food and Rural Affairs", None, None),
            net(HMT, "Treasury LGBT+ Network", "HM Treasury", None, Some("lgbt@hmtreasury.gov.uk")),
            net(DBT, "Pride in Business", "Department for Business and Trade", None, dbt_mail),
            net(
                MHCLG,
                "Proud",
                "Ministry of Housing, Communities and Local Government",
                None,
                Some("proud@communities.gov.uk"),
            ),
            net(CPS, "CPS Pride", "Crown Prosecution Service", None, Some("lgbt@cps.gov.uk")),
            net(HMLR, "HMLR LGBT+ Network", "HM Land Registry", None, None),
            net(UKHSA, "UKHSA Pride", "UK Health Security Agency", dhsc, None),
            net(CH, "Companies House Rainbow Network", "Companies House", dbt, None),
        ]
    }

    /// What people type (network, department, email) and the network it means; None
    /// means no network should be taken without the chair (unknown body or ambiguous).
    #[rustfmt::skip]
    const CASES: &[(&str, Option<&str>, Option<&str>, Option<i64>)] = &[
        ("DfE LGBT network", None, None, Some(DFE)),
        ("Department for Education", None, None, Some(DFE)),
        ("dfe", None, None, Some(DFE)),
        ("D.f.E.", None, None, Some(DFE)),
        ("Departmnet for Educaiton", None, None, Some(DFE)),
        ("", None, Some("sam.jones@education.gov.uk"), Some(DFE)),
        ("Department for Education", None, Some("sam.jones@education.gov.uk"), Some(DFE)),
        ("Education and Skills Funding Agency", None, None, Some(ESFA)),
        ("ESFA", None, Some("kim@education.gov.uk"), Some(ESFA)),
        ("HMRC Pride", None, None, Some(HMRC)),
        ("HM Revenue & Customs", None, None, Some(HMRC)),
        ("Her Majesty's Revenue and Customs", None, None, Some(HMRC)),
        ("", None, Some("a.person@hmrc.gov.uk"), Some(HMRC)),
        ("Valuation Office", None, None, Some(VOA)),
        ("voa spectrum", None, None, Some(VOA)),
        ("DWP LGBT+ staff network", None, None, Some(DWP)),
        ("Dept. of Work & Pensions", None, None, Some(DWP)),
        ("D W P", None, None, Some(DWP)),
        ("Pride", Some("Department for Work and Pensions"), None, Some(DWP)),
        ("Pride", None, Some("alex@dwp.gov.uk"), Some(DWP)),
        ("", None, Some("Alex Smith <alex.smith@DWP.GOV.UK>"), Some(DWP)),
        ("Ministry of Justice", None, None, Some(MOJ)),
        ("moj", None, None, Some(MOJ)),
        ("ministry of justise", None, None, Some(MOJ)),
        ("", None, Some("jo@justice.gov.uk"), Some(MOJ)),
        ("HMPPS", None, None, Some(HMPPS)),
        ("HM Prison & Probation Service (MoJ)", None, None, Some(HMPPS)),
        ("HMPPS", None, Some("jo@justice.gov.uk"), Some(HMPPS)),
        ("HM Courts and Tribunals", None, None, Some(HMCTS)),
        ("hmcts", None, None, Some(HMCTS)),
        ("Home Office", None, None, Some(HOME)),
        ("HOME OFFICE LGBT+ NETWORK!!!", None, None, Some(HOME)),
        ("", None, Some("pat@homeoffice.gov.uk"), Some(HOME)),
        ("Cabinet Office Rainbow", None, None, Some(CO_RAINBOW)),
        ("Trans Network", Some("Cabinet Office"), None, Some(CO_TRANS)),
        ("GDS", None, None, Some(GDS)),
        ("Government Digital Service", None, None, Some(GDS)),
        ("DSIT", None, None, Some(DSIT)),
        ("ONS", None, None, Some(ONS)),
        ("the Office for National Statistics", None, None, Some(ONS)),
        ("Office for National Statistcs", None, None, Some(ONS)),
        ("LGBT network", None, Some("a@ons.gov.uk"), Some(ONS)),
        ("Departmnet for Transport", None, None, Some(DFT)),
        ("DFT", None, None, Some(DFT)),
        ("n/a", None, Some("kim@dft.gov.uk"), Some(DFT)),
        ("Rainbow Network", Some("Department for Transport"), None, Some(DFT)),
        ("Department for Transport", None, Some("kim@dvla.gov.uk"), Some(DFT)),
        ("DVLA", None, None, Some(DVLA)),
        ("DVLA Swansea", None, None, Some(DVLA)),
        ("Driver & Vehicle Licensing Agency", None, None, Some(DVLA)),
        ("Ministry of Defence", None, None, Some(MOD)),
        ("MOD", None, None, Some(MOD)),
        ("Defence", None, None, Some(MOD)),
        ("FCDO", None, None, Some(FCDO)),
        ("Foreign, Commonwealth & Development Office", None, None, Some(FCDO)),
        ("DHSC", None, None, Some(DHSC)),
        ("Dept of Health & Social Care", None, None, Some(DHSC)),
        ("DEFRA", None, None, Some(DEFRA)),
        ("Dept for Environment Food & Rural Affairs", None, None, Some(DEFRA)),
        ("HM Treasury", None, None, Some(HMT)),
        ("Treasury", None, None, Some(HMT)),
        ("Business and Trade", None, None, Some(DBT)),
        ("DBT", None, None, Some(DBT)),
        ("MHCLG", None, None, Some(MHCLG)),
        ("Crown Prosecution Service", None, None, Some(CPS)),
        ("Land Registry", None, None, Some(HMLR)),
        ("UKHSA", None, None, Some(UKHSA)),
        ("UK Health Security Agency", None, None, Some(UKHSA)),
        ("Companies House", None, None, Some(CH)),
        // Former names, parts of departments and shortenings.
        ("Foreign Office", None, None, Some(FCDO)),
        ("DLUHC", None, None, Some(MHCLG)),
        ("Border Force", None, None, Some(HOME)),
        ("Dept for Edu", None, None, Some(DFE)),
        ("Land Reg", None, None, Some(HMLR)),
        ("Office for Nat Stats", None, None, Some(ONS)),
        // Nothing in the register, or not enough to choose without the chair.
        ("Ministry of Magic", None, None, None),
        ("n/a", None, None, None),
        ("", None, None, None),
        ("my local council", None, None, None),
        ("Bank of England", None, None, None),
        ("Scottish Government", None, None, None),
        ("NHS England", None, None, None),
        ("lgbt staff network", None, None, None),
        ("Department of Mysteries", None, None, None),
        ("Office", None, None, None),
        ("Spectrum", None, None, None),
        ("Rainbow Network", None, None, None),
        ("Trans", None, None, None),
        ("Rainbow Alliance", None, None, Some(HMRC)),
        ("car park", None, None, None),
        ("Cabinet Office", None, None, None),
        ("", None, Some("someone@gmail.com"), None),
        ("Ministry of Magic", None, Some("alex@dwp.gov.uk"), None),
        ("\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}", None, None, None),
    ];

    fn top(m: &Matcher, text: &str, dept: Option<&str>, email: Option<&str>) -> Option<NetworkGuess> {
        m.guesses(text, dept, email).into_iter().next()
    }

    /// Written after the matcher was tuned, by someone else, and never tuned against: the
    /// honest figure. Its floor is lower than the tuned set's.
    #[rustfmt::skip]
    const HELD_OUT: &[(&str, Option<&str>, Option<&str>, Option<i64>)] = &[
        ("Education LGBTQ+ Staff Network", None, None, Some(DFE)),
        ("DWP LGBT+", None, None, Some(DWP)),
        ("Work & Pensions", None, None, Some(DWP)),
        ("H.M.R.C.", None, None, Some(HMRC)),
        ("HMRC Rainbow Alliance", None, None, Some(HMRC)),
        ("Courts and Tribunals", None, None, Some(HMCTS)),
        ("Home Office Pride", None, None, Some(HOME)),
        ("The Treasury", None, None, Some(HMT)),
        ("HMT", None, None, Some(HMT)),
        ("Ministry of Defence - Defence LGBT+ Network", None, None, Some(MOD)),
        ("MOD", None, None, Some(MOD)),
        ("Land Registry", None, None, Some(HMLR)),
        ("CPS", None, None, Some(CPS)),
        ("Crown Prosecution", None, None, Some(CPS)),
        ("DVLA Swansea", None, None, Some(DVLA)),
        ("Driver & Vehicle Licensing", None, None, Some(DVLA)),
        ("Companies House", None, None, Some(CH)),
        ("", None, Some("alex@ons.gov.uk"), Some(ONS)),
        ("Office of National Statistics", None, None, Some(ONS)),
        ("Dept. for Transport Rainbow Network", None, None, Some(DFT)),
        ("Network", Some("Department for Work and Pensions"), None, Some(DWP)),
        ("Department for Magic", None, None, None),
        ("NHS England", None, None, None),
        ("Scottish Government", None, None, None),
        ("test", None, None, None),
    ];

    #[test]
    fn accuracy_on_held_out_variants() {
        let m = Matcher::new(&register());
        let correct = HELD_OUT
            .iter()
            .filter(|&&(text, dept, email, expected)| {
                let got = top(&m, text, dept, email);
                let ok = match (expected, &got) {
                    (Some(id), Some(g)) => g.network_id == id && g.confidence >= CONFIDENT,
                    (Some(_), None) => false,
                    (None, g) => g.as_ref().is_none_or(|g| g.confidence < CONFIDENT),
                };
                if !ok {
                    eprintln!("HELD-OUT MISS {text:?} {dept:?} {email:?}: expected {expected:?}, got {got:?}");
                }
                ok
            })
            .count();
        eprintln!("network matching, held out: {correct}/{} correct", HELD_OUT.len());
        assert!(correct * 100 >= HELD_OUT.len() * 80, "held-out accuracy {correct}/{}", HELD_OUT.len());
    }

    #[test]
    fn accuracy_on_labelled_variants() {
        let m = Matcher::new(&register());
        let mut correct = 0;
        for &(text, dept, email, expected) in CASES {
            let got = top(&m, text, dept, email);
            let ok = match (expected, &got) {
                (Some(id), Some(g)) => g.network_id == id && g.confidence >= CONFIDENT,
                (Some(_), None) => false,
                (None, g) => g.as_ref().is_none_or(|g| g.confidence < CONFIDENT),
            };
            if ok {
                correct += 1;
            } else {
                eprintln!("MISS {text:?} {dept:?} {email:?}: expected {expected:?}, got {got:?}");
            }
        }
        let total = CASES.len();
        let percent = 100.0 * correct as f32 / total as f32;
        eprintln!("network matching: {correct}/{total} correct ({percent:.0}%)");
        assert!(CASES.iter().filter(|c| c.3.is_some()).count() >= 45);
        assert!(CASES.iter().filter(|c| c.3.is_none()).count() >= 6);
        assert!(percent >= 90.0, "accuracy {percent:.1}% is below 90%");
    }

    #[test]
    fn guesses_are_ranked_capped_and_above_the_floor() {
        let m = Matcher::new(&register());
        for &(text, dept, email, _) in CASES {
            let g = m.guesses(text, dept, email);
            assert!(g.len() <= MAX_GUESSES);
            assert!(g.iter().all(|g| (SHOWN_FROM..=1.0).contains(&g.confidence)), "{text:?}: {g:?}");
            assert!(g.windows(2).all(|w| w[0].confidence >= w[1].confidence), "{text:?}: {g:?}");
        }
    }

    #[test]
    fn unique_department_or_acronym_hit_is_at_least_point_nine() {
        let m = Matcher::new(&register());
        for (text, id, reason) in [
            ("Department for Work and Pensions", DWP, MatchReason::Department),
            ("HMRC", HMRC, MatchReason::Acronym),
            ("Ministry of Justice", MOJ, MatchReason::Department),
        ] {
            let g = top(&m, text, None, None).unwrap();
            assert_eq!((g.network_id, g.reason), (id, reason), "{text}");
            assert!(g.confidence >= 0.9, "{text}: {g:?}");
        }
    }

    #[test]
    fn two_networks_of_one_department_are_left_to_the_chair_unless_the_name_decides() {
        let m = Matcher::new(&register());
        let g = m.guesses("Cabinet Office", None, None);
        let ids: Vec<i64> = g.iter().map(|g| g.network_id).collect();
        assert!(ids.contains(&CO_RAINBOW) && ids.contains(&CO_TRANS), "{g:?}");
        assert!(g[0].confidence < CONFIDENT);
        let g = top(&m, "Cabinet Office Rainbow", None, None).unwrap();
        assert_eq!(g.network_id, CO_RAINBOW);
        assert!(g.confidence >= CONFIDENT);
    }

    #[test]
    fn an_agency_is_not_taken_for_its_parent() {
        let m = Matcher::new(&register());
        assert_eq!(top(&m, "Department for Transport", None, None).unwrap().network_id, DFT);
        assert_eq!(top(&m, "DVLA", None, None).unwrap().network_id, DVLA);
        assert_eq!(top(&m, "HMPPS (MoJ)", None, None).unwrap().network_id, HMPPS);
    }

    #[test]
    fn another_name_is_not_borrowed_from_a_registered_network() {
        let mut networks = register();
        let m = Matcher::new(&networks);
        assert_eq!(top(&m, "Border Force", None, None).unwrap().network_id, HOME);
        networks.push(net(99, "Border Force Pride", "Border Force", Some("Home Office"), None));
        let m = Matcher::new(&networks);
        let g = top(&m, "Border Force", None, None).unwrap();
        assert_eq!(g.network_id, 99);
        assert!(g.confidence >= CONFIDENT);
    }

    /// Issue 13: with two networks in one department, an answer that is exactly one of
    /// their names was "not matched (55%)" and stopped the import.
    #[test]
    fn an_exact_name_is_a_certain_match() {
        let mut networks = register();
        networks.push(net(90, "DfE LGBT network", "Department for Education", None, Some("dfe.lgbt@education.gov.uk")));
        networks.push(net(91, "Cabinet Office LGBT Network", "Cabinet Office", None, None));
        let m = Matcher::new(&networks);
        for (answer, id) in [("DfE LGBT network", 90), ("  dfe  lgbt NETWORK ", 90), ("Cabinet Office LGBT Network", 91), ("Trans Network", CO_TRANS)] {
            let g = m.guesses(answer, None, None);
            assert_eq!(g.len(), 1, "{answer}: {g:?}");
            assert_eq!((g[0].network_id, g[0].confidence, g[0].reason), (id, 1.0, MatchReason::SameName), "{answer}");
        }
        // A name several networks share is certain only with its department beside it.
        assert!(top(&m, "Rainbow Network", None, None).is_none_or(|g| g.confidence < CONFIDENT));
        let g = top(&m, "rainbow network", Some("Department for Transport"), None).unwrap();
        assert_eq!((g.network_id, g.confidence), (DFT, 1.0));
        // A department that is none of theirs leaves it to the usual scoring.
        assert!(m.guesses("Spectrum", Some("Ministry of Magic"), None).iter().all(|g| g.confidence < 1.0));
    }

    #[test]
    fn a_name_alone_needs_the_chair_unless_the_email_settles_it() {
        let m = Matcher::new(&register());
        let g = top(&m, "Pride in Business", None, None);
        assert!(g.is_some_and(|g| g.network_id == DBT));
        let g = top(&m, "The Rainbow Alliance", None, None).unwrap();
        assert_eq!((g.network_id, g.reason), (HMRC, MatchReason::SameName));
        assert!(g.confidence < CONFIDENT);
        let g = top(&m, "The Rainbow Alliance", None, Some("x@hmrc.gov.uk")).unwrap();
        assert_eq!(g.network_id, HMRC);
        assert!(g.confidence >= CONFIDENT);
    }

    #[test]
    fn normalising_drops_case_punctuation_and_filler() {
        assert_eq!(normalise("  The DWP LGBT+ Staff-Network!! "), ["dwp"]);
        assert_eq!(normalise("Dept. for Work & Pensions"), ["department", "work", "pensions"]);
        assert_eq!(normalise("H.M.R.C."), ["hmrc"]);
        assert_eq!(normalise("Her Majesty's Revenue"), ["revenue"]);
        assert_eq!(normalise("ÉDUCATION Éducation"), ["éducation"]);
        assert_eq!(normalise("LGBTQIA+ netwrok"), Vec::<String>::new());
        assert_eq!(normalise("Office for National Stats"), ["office", "national", "statistics"]);
        assert_eq!(normalise("وزارة العدل"), ["وزارة", "العدل"]);
    }

    #[test]
    fn acronyms_follow_both_conventions() {
        let has = |dept: &str, a: &str| acronyms(dept).iter().any(|x| x == a);
        assert!(has("Department for Education", "dfe"));
        assert!(has("Department for Work and Pensions", "dwp"));
        assert!(has("HM Revenue and Customs", "hmrc"));
        assert!(has("His Majesty's Revenue and Customs", "hmrc"));
        assert!(has("Ministry of Justice", "moj"));
        assert!(has("Office for National Statistics", "ons"));
        assert!(has("Department for Environment, Food and Rural Affairs", "defra"));
        assert!(has("Foreign, Commonwealth & Development Office", "fcdo"));
        assert!(has("UK Health Security Agency", "ukhsa"));
        assert!(has("Driver and Vehicle Licensing Agency (DVLA)", "dvla"));
        // Two letters are too easily a word or a slip: "Home Office" has none.
        assert!(acronyms("Home Office").is_empty());
    }

    #[test]
    fn email_domains_are_read_and_personal_ones_ignored() {
        assert_eq!(email_domain("sam.jones@education.gov.uk").as_deref(), Some("education.gov.uk"));
        assert_eq!(email_domain("Sam <Sam@DWP.GOV.UK>").as_deref(), Some("dwp.gov.uk"));
        assert_eq!(email_domain("sam@gmail.com"), None);
        assert_eq!(email_domain("sam@yahoo.co.uk"), None);
        assert_eq!(email_domain("no address"), None);
        assert_eq!(email_domain("sam@localhost"), None);
        assert_eq!(domain_labels("digital.cabinet-office.gov.uk").collect::<Vec<_>>(), ["digital", "cabinet-office"]);
    }

    #[test]
    fn the_email_domain_rule() {
        let m = Matcher::new(&register());
        // The network's own domain, unique to it.
        let g = top(&m, "", None, Some("x@hmtreasury.gov.uk")).unwrap();
        assert_eq!((g.network_id, g.reason), (HMT, MatchReason::EmailDomain));
        // A label that is the department's acronym, on a domain no network registered.
        assert_eq!(top(&m, "", None, Some("x@digital.dhsc.gov.uk")).unwrap().network_id, DHSC);
        // A label that names the department's words.
        assert_eq!(top(&m, "", None, Some("x@cabinet-office.gov.uk")).unwrap().department, "Cabinet Office");
        // A shared domain (DfE and ESFA both use education.gov.uk) goes to the one it names.
        let g = top(&m, "", None, Some("x@education.gov.uk")).unwrap();
        assert_eq!(g.network_id, DFE);
        assert!(g.confidence >= CONFIDENT);
        // Text that names a department wins over an email pointing at its agency.
        assert_eq!(top(&m, "HMRC", None, Some("x@voa.gov.uk")).unwrap().network_id, HMRC);
    }

    #[test]
    fn typos_are_forgiven_but_short_words_must_match() {
        assert!(similarity("departmnet", "department") >= 0.9);
        assert!(similarity("statistcs", "statistics") >= 0.75);
        assert_eq!(similarity("dft", "dfe"), 0.0);
        assert_eq!(similarity("home", "hmrc"), 0.0);
        assert_eq!(edit_distance(&['a', 'b'], &['b', 'a']), 1);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let m = Matcher::new(&register());
        let long = "Department for Education ".repeat(10_000);
        let inputs = [
            long.as_str(),
            "\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}\u{1f3f3}\u{fe0f}\u{200d}\u{26a7}\u{fe0f}",
            "\u{202e}noitacudE rof tnemtrapeD",
            "وزارة العدل",
            "<script>alert('x')</script><b>DWP</b>",
            "\0\u{7f}\u{feff}",
            "'''...---+++&&&",
            "İSTANBUL ǅ ß ﬁ",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        ];
        for text in inputs {
            let g = m.guesses(text, Some(text), Some(text));
            assert!(g.len() <= MAX_GUESSES);
        }
        assert!(m.guesses(&long, None, Some(&format!("x@{}", "a.".repeat(5000)))).len() <= MAX_GUESSES);
        // An empty register matches nothing.
        assert!(Matcher::new(&[]).guesses("DWP", None, Some("x@dwp.gov.uk")).is_empty());
    }
}
