use chrono::NaiveDate;

use super::*;
use crate::forum::{actions, agenda, meetings};
use crate::model::{MeetingInput, NetworkInput, PersonInput, ProposalInput, ProposalSource, Role, StatementInput, SubmissionInput, SubmissionSource};
use crate::store::check;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The sample forum (past meeting 2026-10-08, next 2027-01-14), with a need and a
/// strength and a meeting somewhere else.
fn forum() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::load_at(&mut s, today()).unwrap();
    let counted_in = network_id(&s, "Counted In");
    let past = past_meeting(&s);
    let statements = |texts: &[&str]| texts.iter().map(|t| StatementInput { text: (*t).into(), detail: None, theme: None }).collect();
    let input = SubmissionInput {
        network_id: counted_in,
        submitted_by: None,
        needs: statements(&["Help running a staff survey about inclusion"]),
        strengths: statements(&["Experienced with accessible events"]),
    };
    crate::needs::save(&mut s, past, &input, SubmissionSource::Entered).unwrap();
    let away = MeetingInput { date: "2019-07-11".into(), start_time: "14:00".into(), end_time: "16:00".into(), location: "Manchester Central Library".into(), ..Default::default() };
    meetings::create(&mut s, &away, None).unwrap();
    s
}

fn network_id(s: &Store, name: &str) -> i64 {
    crate::networks::list(s, &Default::default()).unwrap().into_iter().find(|n| n.name == name).unwrap().id
}

fn past_meeting(s: &Store) -> i64 {
    meetings::list(s, today()).unwrap().into_iter().find(|m| m.meeting.date == "2026-10-08").unwrap().meeting.id
}

fn find(s: &Store, text: &str) -> SearchResults {
    search(s, &SearchQuery { text: text.into(), ..Default::default() }).unwrap()
}

fn group(r: &SearchResults, kind: SearchKind) -> Option<&SearchGroup> {
    r.groups.iter().find(|g| g.kind == kind)
}

fn kinds(r: &SearchResults) -> Vec<SearchKind> {
    r.groups.iter().map(|g| g.kind).collect()
}

fn highlighted(h: &SearchHit) -> Vec<String> {
    h.snippet.iter().filter(|r| r.highlighted).map(|r| r.text.to_lowercase()).collect()
}

fn plain(h: &SearchHit) -> String {
    h.snippet.iter().map(|r| r.text.as_str()).collect()
}

#[test]
fn fts5_is_compiled_into_the_bundled_sqlite() {
    let s = Store::open_in_memory().unwrap();
    let on: bool = s.conn().query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| r.get(0)).unwrap();
    assert!(on);
}

#[test]
fn each_kind_of_record_is_found_with_its_meeting_and_where_it_opens() {
    let mut s = forum();
    let past = past_meeting(&s);

    // Notes of an item, any ending: "volunteer" finds "Volunteers are wanted".
    let r = find(&s, "volunteer ");
    let item = &group(&r, SearchKind::Item).unwrap().hits[0];
    assert_eq!(item.title, "Update from the cross-government network");
    assert_eq!(item.field, SearchField::Notes);
    assert_eq!(highlighted(item), ["volunteers"]);
    assert!(plain(item).contains("Volunteers are wanted for the regional round tables"), "{}", plain(item));
    assert_eq!(item.meeting.as_ref().map(|m| (m.id, m.date.as_str())), Some((past, "2026-10-08")));
    assert_eq!(item.target, SearchTarget::Item { meeting_id: past, item_id: agenda::get(&s, past).unwrap().items[1].id, position: 2 });

    // An outcome opens on its item.
    let r = find(&s, "answer sheet");
    let outcome = &group(&r, SearchKind::Outcome).unwrap().hits[0];
    assert_eq!((outcome.title.as_str(), outcome.field), ("Supporting trans colleagues through policy change", SearchField::Outcome));
    assert!(matches!(outcome.target, SearchTarget::Item { position: 3, .. }));
    assert_eq!(outcome.context.as_deref(), Some("Proposed by Proud at Home"));
    // The same words in an action.
    let action = &group(&r, SearchKind::Action).unwrap().hits[0];
    assert_eq!(action.title, "Draft one shared question-and-answer sheet on policy change");
    assert_eq!(action.context.as_deref(), Some("Owner: Proud at Home"));

    // An update recorded on an action opens the action.
    let r = find(&s, "fourteen");
    let update = &group(&r, SearchKind::Action).unwrap().hits[0];
    assert_eq!((update.title.as_str(), update.field), ("Send open events to the team for the shared calendar", SearchField::Update));
    assert_eq!(update.context.as_deref(), Some("Owner: All network leads"));
    assert!(matches!(update.target, SearchTarget::Action { .. }));
    assert_eq!(update.meeting.as_ref().map(|m| m.id), Some(past), "an update between meetings belongs to the action's");

    // A proposal, and why one was declined.
    let r = find(&s, "mentoring");
    let p = &group(&r, SearchKind::Proposal).unwrap().hits[0];
    assert_eq!((p.title.as_str(), p.context.as_deref()), ("Mentoring for new network chairs", Some("From Learning with Pride")));
    let SearchTarget::Proposal { proposal_id, meeting_id } = p.target else { panic!("{:?}", p.target) };
    agenda::decline_proposal(&mut s, proposal_id, "It clashes with the annual conference").unwrap();
    let r = find(&s, "conference");
    let p = &group(&r, SearchKind::Proposal).unwrap().hits[0];
    assert_eq!((p.field, p.target.clone()), (SearchField::DeclineReason, SearchTarget::Proposal { meeting_id, proposal_id }));

    // A need, by its network, opening that network's submission.
    let r = find(&s, "surveys");
    let need = &group(&r, SearchKind::Statement).unwrap().hits[0];
    assert_eq!((need.title.as_str(), need.context.as_deref(), need.field), ("Counted In", Some("Ranked 1 of 3"), SearchField::Need));
    assert_eq!(need.target, SearchTarget::Submission { meeting_id: past, network_id: network_id(&s, "Counted In") });
    let r = find(&s, "accessible");
    let strength = &group(&r, SearchKind::Statement).unwrap().hits[0];
    assert_eq!((strength.context.as_deref(), strength.field), (Some("Ranked 1 of 3"), SearchField::Strength));

    // A meeting by its place.
    let r = find(&s, "Manchester");
    let m = &group(&r, SearchKind::Meeting).unwrap().hits[0];
    assert_eq!((m.field, m.meeting.as_ref().map(|m| m.date.as_str())), (SearchField::Location, Some("2019-07-11")));
    assert!(matches!(m.target, SearchTarget::Meeting { .. }));

    // Networks by name (part of it), department, parent and email.
    let kaleidoscope = network_id(&s, "Kaleidoscope");
    let r = find(&s, "Kaleid");
    let n = &group(&r, SearchKind::Network).unwrap().hits[0];
    assert_eq!((n.title.as_str(), n.context.as_deref(), n.field), ("Kaleidoscope", Some("HM Revenue and Customs"), SearchField::Name));
    assert_eq!(n.target, SearchTarget::Network { network_id: kaleidoscope });
    assert_eq!(highlighted(n), ["kaleidoscope"]);
    assert_eq!(group(&find(&s, "revenue customs"), SearchKind::Network).unwrap().hits[0].field, SearchField::Department);
    let parent = find(&s, "\"Department for Science\"");
    assert_eq!(group(&parent, SearchKind::Network).unwrap().hits.iter().map(|h| (h.title.as_str(), h.field)).collect::<Vec<_>>(), [("Spectrum Skies", SearchField::Parent)]);
    assert_eq!(group(&find(&s, "countedin@statistics.example.uk"), SearchKind::Network).unwrap().hits[0].field, SearchField::Email);

    // People by name, email and pronouns.
    let r = find(&s, "Okafor");
    let person = &group(&r, SearchKind::Person).unwrap().hits[0];
    assert_eq!((person.title.as_str(), person.context.as_deref()), ("Nia Okafor", Some("Proud at Home")));
    assert!(matches!(person.target, SearchTarget::Person { .. }));
    assert!(person.meeting.is_none());
    let r = find(&s, "\"she/they\"");
    assert_eq!(group(&r, SearchKind::Person).unwrap().hits.iter().map(|h| (h.title.as_str(), h.field)).collect::<Vec<_>>(), [("Priya Lal", SearchField::Pronouns)]);
    assert_eq!(group(&find(&s, "sasha.byrne@example.org"), SearchKind::Person).unwrap().hits[0].field, SearchField::Email);

    // Groups come in a fixed order, and the total counts them all.
    let r = find(&s, "network");
    let order: Vec<usize> = kinds(&r).iter().map(|k| SearchKind::ALL.iter().position(|a| a == k).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{:?}", kinds(&r));
    assert_eq!(r.total, r.groups.iter().map(|g| g.count).sum::<u32>());
    assert!(r.message.is_none() && !r.more);
}

#[test]
fn endings_parts_of_words_and_exact_phrases() {
    let s = forum();
    // Any ending, both ways.
    assert!(group(&find(&s, "volunteering "), SearchKind::Item).is_some());
    assert!(group(&find(&s, "wanting "), SearchKind::Item).is_some(), "\"wanted\" and \"wanting\" share a stem");
    // The last word as typed so far; a finished word (a space after it) is a whole word.
    assert!(group(&find(&s, "Kaleidosc"), SearchKind::Network).is_some());
    assert!(group(&find(&s, "Kaleidosc "), SearchKind::Network).is_none());
    assert!(group(&find(&s, "priya lal"), SearchKind::Person).is_some());
    // Every word must be there.
    assert!(group(&find(&s, "volunteers Kaleidoscope"), SearchKind::Item).is_none());
    // A quoted phrase: these words, side by side, in this order, as typed.
    let shared = find(&s, "\"shared question\"");
    assert_eq!(group(&shared, SearchKind::Action).map(|g| g.count), Some(1));
    assert_eq!(group(&shared, SearchKind::Outcome).map(|g| g.count), Some(1));
    assert!(find(&s, "\"share question\"").groups.is_empty(), "the index stems \"shared\" to \"share\"; the phrase must not");
    assert!(find(&s, "\"question shared\"").groups.is_empty());
    assert!(find(&s, "\"volunteer\"").groups.is_empty(), "quoted, a word matches only as written");
    let r = find(&s, "\"Volunteers are wanted\"");
    let h = &group(&r, SearchKind::Item).unwrap().hits[0];
    assert_eq!(highlighted(h), ["volunteers are wanted"]);
}

#[test]
fn accents_and_case_do_not_matter_to_words() {
    let mut s = forum();
    crate::networks::create(&mut s, &NetworkInput { name: "Café Société Pride".into(), department: "Ministry of Élan".into(), kind: "agency".into(), ..Default::default() }).unwrap();
    for q in ["cafe societe", "CAFÉ", "elan", "Ministry of Elan"] {
        assert_eq!(group(&find(&s, q), SearchKind::Network).map(|g| g.hits[0].title.as_str()), Some("Café Société Pride"), "{q}");
    }
}

#[test]
fn the_best_match_comes_first() {
    let mut s = forum();
    let m = past_meeting(&s);
    let add = |s: &mut Store, title: &str, notes: &str| {
        let item = agenda::add_item(s, m, &crate::model::ItemInput { title: title.into(), duration_minutes: "5".into(), kind: "discussion".into(), ..Default::default() }).unwrap();
        agenda::save_notes(s, item.id, notes).unwrap();
    };
    add(&mut s, "Passing mention", &format!("{} The lighthouse keepers came once.", "Many other words about other things. ".repeat(30)));
    add(&mut s, "Lighthouse network", "The lighthouse network and its lighthouse keepers.");
    let r = find(&s, "lighthouse");
    let titles: Vec<&str> = group(&r, SearchKind::Item).unwrap().hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Lighthouse network", "Passing mention"]);
}

#[test]
fn hostile_queries_give_results_or_a_message_never_an_error() {
    let s = forum();
    let long = "volunteers ".repeat(1000);
    let hostile = [
        "\"", "\"\"", "\"unbalanced", "unbalanced\"", "*", "**", "^", "-", "+", ":", "()", "(", ")", "NEAR", "NEAR(volunteers wanted, 3)", "AND", "OR", "NOT",
        "volunteers AND", "OR volunteers", "NOT volunteers", "volunteers NOT wanted", "a OR b AND NOT c", "title:volunteers", "notes:volunteers", "{notes title}: x",
        "vol*", "*vol", "\"vol\"*", "^volunteers", "volunteers -wanted", "'; DROP TABLE meeting; --", "\\", "%", "_", "\u{0}", "\u{7}\u{1b}[31m", "\r\n\t",
        "\u{202e}sreetnulov", "z\u{0301}a\u{0308}", "\u{fdfd}", "\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}", "\u{feff}volunteers", "\u{ffff}", "\u{e000}", "\u{903}",
        "caf\u{e9}", "\u{130}stanbul", "\u{1e9e}", "x".repeat(10_000).leak(), long.as_str(), "\u{2}volunteers\u{3}",
    ];
    for q in hostile {
        let r = search(&s, &SearchQuery { text: q.to_string(), ..Default::default() });
        let r = r.unwrap_or_else(|e| panic!("{q:?}: {e}"));
        assert!(!r.groups.is_empty() || r.message.is_some() || r.total == 0, "{q:?}");
    }
    assert_eq!(find(&s, "*").message.as_deref(), Some("Type a word to search for."));
    let r = find(&s, &long);
    assert!(group(&r, SearchKind::Item).is_some(), "the first words of a long text are searched");
    assert_eq!(r.message.as_deref(), Some("Only the first 16 words (and 500 characters) were searched."));
    assert!(group(&find(&s, "NEAR(volunteers wanted, 3)"), SearchKind::Item).is_none(), "NEAR is a word here, and no note has it");
    assert!(find(&s, "Kaleidoscope OR volunteers").groups.is_empty(), "OR is a word here too: no record has all three");
    assert!(group(&find(&s, "\u{2}volunteers\u{3}"), SearchKind::Item).is_some());
    assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
}

#[test]
fn filters_by_kind_year_dates_and_network() {
    let s = forum();
    let q = |f: &dyn Fn(&mut SearchQuery)| {
        let mut q = SearchQuery { text: "network".into(), ..Default::default() };
        f(&mut q);
        search(&s, &q)
    };
    let all = q(&|_| {}).unwrap();
    assert!(kinds(&all).contains(&SearchKind::Network) && kinds(&all).contains(&SearchKind::Item));
    assert_eq!(kinds(&q(&|q| q.kind = Some(SearchKind::Network)).unwrap()), [SearchKind::Network]);
    // A year: only what belongs to that year's meetings.
    let y2026 = q(&|q| q.year = Some(2026)).unwrap();
    assert!(!kinds(&y2026).contains(&SearchKind::Network), "networks belong to no meeting");
    assert!(y2026.groups.iter().flat_map(|g| &g.hits).all(|h| h.meeting.as_ref().is_some_and(|m| m.date.starts_with("2026"))));
    assert!(q(&|q| q.year = Some(2025)).unwrap().groups.is_empty());
    assert_eq!(kinds(&search(&s, &SearchQuery { text: "Manchester".into(), from: Some("2019-01-01".into()), to: Some("2019-12-31".into()), ..Default::default() }).unwrap()), [SearchKind::Meeting]);
    assert!(search(&s, &SearchQuery { text: "Manchester".into(), from: Some("2019-07-12".into()), ..Default::default() }).unwrap().groups.is_empty());
    // A network: what it brought, owns, needs and offers, its people, itself.
    let proud = network_id(&s, "Proud at Home");
    let r = search(&s, &SearchQuery { text: "draft".into(), network_id: Some(proud), ..Default::default() }).unwrap();
    assert_eq!(kinds(&r), [SearchKind::Item, SearchKind::Outcome, SearchKind::Action]);
    assert_eq!(kinds(&find(&s, "draft")), [SearchKind::Item, SearchKind::Outcome, SearchKind::Action]);
    let other = network_id(&s, "Counted In");
    assert!(search(&s, &SearchQuery { text: "draft".into(), network_id: Some(other), ..Default::default() }).unwrap().groups.is_empty());
    // More hits a kind when asked.
    assert_eq!(group(&q(&|q| q.limit = Some(2)).unwrap(), SearchKind::Network).unwrap().hits.len(), 2);
    // Bad filters are named by their field.
    for (f, field) in [
        (&(|q: &mut SearchQuery| q.from = Some("31/12/2020".into())) as &dyn Fn(&mut SearchQuery), "from"),
        (&|q: &mut SearchQuery| q.to = Some("2020-02-30".into()), "to"),
        (&|q: &mut SearchQuery| (q.from, q.to) = (Some("2021-01-01".into()), Some("2020-01-01".into())), "to"),
        (&|q: &mut SearchQuery| (q.year, q.from) = (Some(2020), Some("2020-01-01".into())), "year"),
        (&|q: &mut SearchQuery| q.year = Some(20), "year"),
    ] {
        assert_eq!(q(f).unwrap_err().field(), Some(field));
    }
}

#[test]
fn people_are_searched_in_the_chairs_copy_only() {
    let mut s = forum();
    assert!(group(&find(&s, "Okafor"), SearchKind::Person).is_some());
    crate::settings::set_mode(&mut s, AppMode::Lead).unwrap();
    assert!(find(&s, "Okafor").groups.is_empty());
    assert!(search(&s, &SearchQuery { text: "Okafor".into(), kind: Some(SearchKind::Person), ..Default::default() }).unwrap().groups.is_empty());
}

#[test]
fn an_erased_person_is_gone_from_the_index_in_the_same_transaction() {
    let mut s = forum();
    let input = PersonInput { name: "Quorlax Vennibright".into(), pronouns: Some("xe/xem".into()), email: Some("quorlax.v@zyxwmail.example".into()), network_id: None, role: Role::ForumTeam };
    let p = crate::people::create(&mut s, &input).unwrap();
    for q in ["Quorlax", "Vennibright", "xe/xem", "quorlax.v@zyxwmail.example", "zyxwmail"] {
        assert_eq!(group(&find(&s, q), SearchKind::Person).map(|g| g.count), Some(1), "{q}");
    }
    crate::people::erase(&mut s, p.id).unwrap();
    for q in ["Quorlax", "Vennibright", "xe/xem", "\"xe xem\"", "quorlax.v@zyxwmail.example", "zyxwmail", "Erased person"] {
        assert!(find(&s, q).groups.is_empty(), "{q}");
    }
    assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new(), "the index matches the table");
    // Not only unfindable: no trace of the words in the index (secure-delete), by term...
    s.conn().execute_batch("CREATE VIRTUAL TABLE temp.person_terms USING fts5vocab(main, search_person, 'row')").unwrap();
    let terms: Vec<String> = s.conn().prepare("SELECT term FROM temp.person_terms").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for gone in ["quorlax", "vennibright", "xem", "zyxwmail"] {
        assert!(!terms.iter().any(|t| t.contains(gone)), "{gone} in {terms:?}");
    }
    // ...and in the bytes the index is stored in.
    let blobs: Vec<Vec<u8>> = s.conn().prepare("SELECT block FROM search_person_data").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for gone in [&b"orlax"[..], b"nnibright", b"yxwmail"] {
        assert!(!blobs.iter().any(|b| b.windows(gone.len()).any(|w| w == gone)), "{}", String::from_utf8_lossy(gone));
    }
}

#[test]
fn every_write_keeps_the_index_in_step() {
    let mut s = forum();
    let past = past_meeting(&s);
    let item = agenda::get(&s, past).unwrap().items[1].clone();
    // A note rewritten: the old words go, the new come.
    agenda::save_notes(&mut s, item.id, "Leads agreed to ask the Workplace Equality Index team for a briefing.").unwrap();
    assert!(group(&find(&s, "volunteers"), SearchKind::Item).is_none());
    assert_eq!(group(&find(&s, "\"Workplace Equality Index\""), SearchKind::Item).unwrap().hits[0].title, item.title);
    // Outcomes replaced.
    agenda::save_outcomes(&mut s, item.id, &["Briefing booked for March".into()]).unwrap();
    assert!(group(&find(&s, "calendar events team month"), SearchKind::Outcome).is_none());
    assert!(group(&find(&s, "briefing booked"), SearchKind::Outcome).is_some());
    // A network renamed.
    let id = network_id(&s, "Kaleidoscope");
    let n = crate::networks::get(&s, id).unwrap();
    crate::networks::update(&mut s, id, &NetworkInput { name: "Prismatic".into(), department: n.department, kind: n.kind.as_str().into(), parent: n.parent, email: n.email }).unwrap();
    let r = find(&s, "Kaleidoscope");
    let hits: Vec<(&str, SearchField)> = group(&r, SearchKind::Network).unwrap().hits.iter().map(|h| (h.title.as_str(), h.field)).collect();
    assert_eq!(hits, [("Prismatic", SearchField::Email)], "the old name is left only in its email address");
    assert!(group(&find(&s, "Prismatic"), SearchKind::Network).is_some());
    // A need replaced by a new submission: the old one is history, not shown.
    let counted_in = network_id(&s, "Counted In");
    let input = SubmissionInput { network_id: counted_in, submitted_by: None, needs: vec![StatementInput { text: "Help with data dashboards".into(), detail: None, theme: None }], strengths: vec![] };
    crate::needs::save(&mut s, past, &input, SubmissionSource::Entered).unwrap();
    assert!(group(&find(&s, "survey"), SearchKind::Statement).is_none());
    assert!(group(&find(&s, "dashboards"), SearchKind::Statement).is_some());
    // An action edited and updated.
    let a = group(&find(&s, "calendar"), SearchKind::Action).unwrap().hits[0].target.clone();
    let SearchTarget::Action { action_id } = a else { panic!() };
    let action = actions::get(&s, action_id, today()).unwrap();
    actions::update(&mut s, action_id, &crate::model::ActionInput { description: "Send open events for the shared diary".into(), owner_network_id: action.owner_network_id, owner_text: action.owner_text, due_date: action.due_date }, today()).unwrap();
    assert!(group(&find(&s, "diary"), SearchKind::Action).is_some());
    // A proposal added; an item deleted; a meeting (with items, outcomes) deleted.
    let next = meetings::list(&s, today()).unwrap()[0].meeting.id;
    agenda::add_proposal(&mut s, next, &ProposalInput { network_id: Some(counted_in), title: "Census of network sizes".into(), minutes: "10".into(), description: None }, ProposalSource::Entered).unwrap();
    assert!(group(&find(&s, "census"), SearchKind::Proposal).is_some());
    agenda::delete_item(&mut s, item.id).unwrap();
    assert!(group(&find(&s, "workplace"), SearchKind::Item).is_none());
    let away = group(&find(&s, "Manchester"), SearchKind::Meeting).unwrap().hits[0].target.clone();
    let SearchTarget::Meeting { meeting_id } = away else { panic!() };
    let walk = crate::model::ItemInput { title: "Harbourside walk".into(), duration_minutes: "5".into(), kind: "discussion".into(), description: Some("Meet by the canal".into()), ..Default::default() };
    agenda::add_item(&mut s, meeting_id, &walk).unwrap();
    assert!(group(&find(&s, "canal"), SearchKind::Item).is_some());
    // A meeting with nothing recorded may be deleted; its agenda goes with it.
    meetings::delete(&mut s, meeting_id).unwrap();
    assert!(find(&s, "Manchester").groups.is_empty());
    assert!(find(&s, "harbourside canal").groups.is_empty(), "its items went with it");
    assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
}

#[test]
fn the_migration_indexes_an_existing_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forum.db");
    {
        let mut s = Store::open(&path).unwrap();
        crate::demo::load_at(&mut s, today()).unwrap();
        // As the database was before this version: no index, no triggers.
        let c = s.conn();
        let triggers: Vec<String> = c.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        assert_eq!(triggers.len(), 28);
        for t in triggers {
            c.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
        }
        for source in SOURCES.iter() {
            c.execute_batch(&format!("DROP TABLE {}", source.table)).unwrap();
        }
        c.execute_batch("DROP TABLE search_item_unindexed").unwrap();
        c.pragma_update(None, "user_version", 12).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), 14);
    assert!(group(&find(&s, "volunteers"), SearchKind::Item).is_some());
    assert!(group(&find(&s, "Okafor"), SearchKind::Person).is_some());
    assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
}

#[test]
fn import_all_leaves_an_index_that_finds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let s = forum();
    let file = dir.path().join("all.json");
    crate::safety::everything::export_to(&s, &file).unwrap();
    let mut fresh = Store::open_dir(&dir.path().join("new")).unwrap();
    crate::safety::everything::import_from(&mut fresh, &file).unwrap();
    for q in ["volunteers", "Kaleid", "Okafor", "surveys", "fourteen", "Manchester", "mentoring", "answer sheet"] {
        assert_eq!(find(&fresh, q), find(&s, q), "{q}");
    }
    assert_eq!(check::problems(fresh.conn()).unwrap(), Vec::<String>::new());
}

#[test]
fn a_word_in_thousands_of_records_is_counted_to_the_cap_and_ranked_quickly() {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::large::load(&mut s, 1, 7, today()).unwrap();
    let r = find(&s, "follow");
    let actions = group(&r, SearchKind::Action).unwrap();
    assert_eq!((actions.count as usize, actions.more, actions.hits.len()), (CANDIDATES, true, DEFAULT_LIMIT as usize));
    assert!(r.more);
    // The newest are ranked: every hit is from the last meeting of the year.
    let newest = meetings::list(&s, today()).unwrap().into_iter().map(|m| m.meeting.date).max().unwrap();
    assert!(actions.hits.iter().all(|h| h.meeting.as_ref().is_some_and(|m| m.date == newest)));
    // A year filter reaches the older ones.
    let first = meetings::list(&s, today()).unwrap().into_iter().map(|m| m.meeting.date).min().unwrap();
    let year: i32 = first[..4].parse().unwrap();
    let older = search(&s, &SearchQuery { text: "follow".into(), year: Some(year), kind: Some(SearchKind::Action), ..Default::default() }).unwrap();
    assert!(older.groups[0].hits.iter().all(|h| h.meeting.as_ref().is_some_and(|m| m.date.starts_with(&first[..4]))));
}



#[test]
fn the_index_is_read_first_whatever_the_filters() {
    // Started from a network's records instead, SQLite would ask FTS5 about each record
    // in turn, and FTS5 rebuilds a prefix's matches for every question: seconds, not
    // milliseconds, on twenty years.
    let s = forum();
    for source in SOURCES.iter() {
        for (from, to, network, range, phrases, among) in [
            (None, None, None, None, false, None),
            (Some("2020-01-01"), Some("2020-12-31"), Some(1), Some((1, 9)), true, None),
            (None, None, Some(1), Some((1, 9)), false, None),
            (None, None, Some(1), Some((1, 9)), false, Some("[1, 5, 9]")),
            (Some("2020-01-01"), None, Some(1), Some((1, 9)), true, Some("[1, 5, 9]")),
        ] {
            let (sql, params) = source.candidates_sql("\"x\"*", from, to, network, range, phrases, among);
            let plan: Vec<String> = s.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap().query_map(rusqlite::params_from_iter(params), |r| r.get(3)).unwrap().map(Result::unwrap).collect();
            assert!(plan[0].starts_with(&format!("SCAN {} VIRTUAL TABLE", source.table)), "{plan:?}");
            assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "newest first straight from the index: {plan:?}");
        }
        // The filters' id range is found from the meetings' dates by index, not by
        // reading every record.
        if let Some((sql, params)) = source.bounds_sql(Some("2020-01-01"), Some("2020-12-31"), None) {
            let plan: Vec<String> = s.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap().query_map(rusqlite::params_from_iter(params), |r| r.get(3)).unwrap().map(Result::unwrap).collect();
            assert!(!plan.iter().any(|p| p.starts_with("SCAN ") && !p.starts_with("SCAN (subquery")), "{}: {plan:?}", source.table);
        }
        let plan: Vec<String> = s.conn().prepare(&format!("EXPLAIN QUERY PLAN {}", source.hits_sql())).unwrap().query_map(rusqlite::params!["x", 1, 2, "[1]"], |r| r.get(3)).unwrap().map(Result::unwrap).collect();
        assert!(plan[0].starts_with(&format!("SCAN {} VIRTUAL TABLE", source.table)), "{plan:?}");
    }
}

#[test]
fn people_from_a_registration_import_are_found_in_bulk_or_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = forum();
    let next = meetings::list(&s, today()).unwrap()[0].meeting.id;
    let import = |s: &mut Store, name: &str, rows: std::ops::Range<usize>| {
        let file = dir.path().join(name);
        let mut csv = String::from("Your name,Email address,Network,Department\n");
        for i in rows {
            csv.push_str(&format!("Wren Zabrowski {i},wren{i}@harbour.example.uk,Kaleidoscope,HM Revenue and Customs\n"));
        }
        std::fs::write(&file, csv).unwrap();
        let mapping: Vec<_> = crate::people::registration_import::preview(s, &file, next, None).unwrap().columns.iter().map(|c| c.field).collect();
        crate::people::registration_import::import(s, &file, next, &mapping, &[]).unwrap();
    };
    // A hundred against the sample's twelve people: indexed once, at the end.
    assert!(crate::search::index::worth_deferring(s.conn(), "search_person", 100).unwrap());
    import(&mut s, "many.csv", 0..100);
    let count = |s: &Store, q: &str| group(&find(s, q), SearchKind::Person).map_or(0, |g| g.count);
    assert_eq!(count(&s, "Zabrowski"), 100);
    assert_eq!(count(&s, "wren42@harbour.example.uk"), 1);
    assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
    // Two more against 112: indexed one by one, by the triggers.
    assert!(!crate::search::index::worth_deferring(s.conn(), "search_person", 2).unwrap());
    import(&mut s, "few.csv", 100..102);
    assert_eq!(count(&s, "Zabrowski"), 102);
    assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
}
