//! The website's networks directory (`_data/networks.yml`): a YAML list of entries with
//! `type`, `department`, `network`, optional `email` and optional `parent`.

use std::collections::HashMap;

use serde::Serialize;
use serde_norway::Value;

use super::ImportError;
use crate::model::{Network, NetworkInput, ValidNetwork};

/// The YAML parser under serde_norway (libyaml) re-examines every open `[` or `{` at each
/// token, so text nesting thousands of them takes time quadratic in its length (80 KB
/// took seconds, a megabyte would take many minutes). Each open level needs a bracket
/// character of its own, so text with few of them is parsed in linear time (at this
/// limit, about a second per megabyte at worst); no networks
/// directory or readout front matter comes near this many.
pub(crate) const MAX_OPENING_BRACKETS: usize = 1_000;

/// Refuses YAML with more than `MAX_OPENING_BRACKETS` opening brackets, before parsing.
pub(crate) fn check_brackets(text: &str) -> Result<(), String> {
    if text.bytes().filter(|b| matches!(b, b'[' | b'{')).nth(MAX_OPENING_BRACKETS).is_some() {
        return Err(format!("it has more than {MAX_OPENING_BRACKETS} opening brackets ([ or {{), far more than such a file ever holds"));
    }
    Ok(())
}

/// Parses and validates a whole directory. The first problem is reported with its
/// entry number (1-based, in file order) and field.
pub fn parse(file: &str, text: &str) -> Result<Vec<ValidNetwork>, ImportError> {
    let syntax = |message: String| ImportError::Syntax { file: file.to_string(), format: "networks directory (YAML)", message };
    check_brackets(text).map_err(syntax)?;
    let doc: Value = serde_norway::from_str(text).map_err(|e| syntax(e.to_string()))?;
    let entries = match doc {
        Value::Sequence(s) => s,
        Value::Null => Vec::new(),
        _ => return Err(syntax("expected a list of networks (each starting with \u{201c}- type:\u{201d})".into())),
    };
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut out = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let number = i + 1;
        let err = |label: &str, field: &str, message: String| ImportError::Entry {
            file: file.to_string(),
            entry: number,
            label: label.to_string(),
            field: field.to_string(),
            message,
        };
        let Value::Mapping(map) = entry else {
            return Err(err("", "-", "expected a network with type, department, network and email".into()));
        };
        let field = |key: &str| -> Result<Option<String>, ImportError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(Value::Number(n)) => Ok(Some(n.to_string())),
                Some(Value::Bool(b)) => Ok(Some(b.to_string())),
                Some(_) => Err(err("", key, "expected text".into())),
            }
        };
        let name = field("network")?;
        let department = field("department")?;
        let label = match (&department, &name) {
            (Some(d), Some(n)) => format!(" ({d}, {n})"),
            (Some(d), None) => format!(" ({d})"),
            (None, Some(n)) => format!(" ({n})"),
            (None, None) => String::new(),
        };
        // The website lists some networks by department only (`network: ''`); those are
        // real entries. An entry naming neither is not.
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
        if blank(&department) && blank(&name) {
            return Err(err(&label, "department", "an entry needs a department (and the network's name, if known)".into()));
        }
        for required in ["type", "department"] {
            if blank(&field(required)?) {
                return Err(err(&label, required, "this field is missing or empty".into()));
            }
        }
        let input = NetworkInput {
            name: name.unwrap_or_default(),
            department: department.unwrap_or_default(),
            kind: field("type")?.unwrap_or_default(),
            parent: field("parent")?,
            email: field("email")?,
        };
        // The form's field names differ from the file's keys; report the file's.
        let valid = input.validate().map_err(|e| {
            let key = match e.field.as_str() {
                "name" => "network",
                "kind" => "type",
                other => other,
            };
            err(&label, key, e.message)
        })?;
        let key = valid.match_key();
        if let Some(first) = seen.get(&key) {
            return Err(err(&label, "network", format!("the same department and network name is already entry {first}")));
        }
        seen.insert(key, number);
        out.push(valid);
    }
    Ok(out)
}

/// One entry as the website writes it, fields in the website's order.
#[derive(Serialize)]
struct Entry<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    department: &'a str,
    network: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
}

/// Writes networks in the directory's shape, with a YAML library so that any text
/// (colons, quotes, `#`, new lines) round-trips.
pub fn render(networks: &[Network]) -> String {
    let entries: Vec<Entry> = networks
        .iter()
        .map(|n| Entry {
            kind: n.kind.as_str(),
            department: &n.department,
            // A network known by its department only goes back as the website had it.
            network: if n.name_known { &n.name } else { "" },
            email: n.email.as_deref(),
            parent: n.parent.as_deref(),
        })
        .collect();
    if entries.is_empty() {
        return "[]\n".into();
    }
    // Serialising plain strings into YAML cannot fail; fall back to an empty list rather
    // than panic if the library ever says otherwise.
    let yaml = serde_norway::to_string(&entries).unwrap_or_else(|_| "[]\n".into());
    // The website's file separates entries with a blank line; keep that look.
    yaml.replace("\n- ", "\n\n- ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NetworkType;

    const GOOD: &str = "\
- type: 'agency'
  department: 'Coal Authority'
  network: 'Rainbow Network'
  email: 'rainbow@coal.example.uk'
  parent: 'Department for Energy'

- type: 'ministerial department'
  department: 'Cabinet Office'
  network: 'Cabinet Office LGBT Network'
  email: ''

- type: 'other'
  department: 'Fast Stream'
  network: '#Prism: \"the\" network'
";

    #[test]
    fn parses_the_website_shape() {
        let n = parse("networks.yml", GOOD).unwrap();
        assert_eq!(n.len(), 3);
        assert_eq!(n[0].kind, NetworkType::Agency);
        assert_eq!(n[0].parent.as_deref(), Some("Department for Energy"));
        assert_eq!(n[1].email, None, "an empty email is no email");
        assert_eq!(n[2].name, "#Prism: \"the\" network");
    }

    fn entry_error(text: &str) -> (usize, String, String) {
        match parse("networks.yml", text).unwrap_err() {
            ImportError::Entry { entry, field, message, .. } => (entry, field, message),
            other => panic!("expected an entry error, got {other}"),
        }
    }

    #[test]
    fn bad_entries_are_named_by_number_and_field() {
        let missing = GOOD.replace("  department: 'Cabinet Office'\n", "");
        assert_eq!(entry_error(&missing).0, 2);
        assert_eq!(entry_error(&missing).1, "department");
        let (e, f, m) = entry_error(&GOOD.replace("'other'", "'quango'"));
        assert_eq!((e, f.as_str()), (3, "type"));
        assert!(m.contains("quango"));
        let (e, f, _) = entry_error(&GOOD.replace("rainbow@coal.example.uk", "rainbow at coal"));
        assert_eq!((e, f.as_str()), (1, "email"));
        let dup = format!("{GOOD}\n- type: agency\n  department: coal  authority\n  network: RAINBOW network\n");
        let (e, f, m) = entry_error(&dup);
        assert_eq!((e, f.as_str()), (4, "network"));
        assert!(m.contains("entry 1"), "{m}");
    }

    /// Issue 13: the website's real directory has a department whose network's name it
    /// does not know, and entries without an email; both are real data.
    #[test]
    fn an_entry_without_a_network_name_or_email_is_taken() {
        let text = "- type: 'ministerial department'\n  department: 'Department for Tides'\n  network: ''\n  \n- type: 'agency'\n  department: 'Harbour Agency'\n  network: 'Harbour Pride'\n";
        let n = parse("networks.yml", text).unwrap();
        assert_eq!((n[0].name.as_str(), n[0].name_known()), ("", false));
        assert_eq!(n[0].shown_name(), "Department for Tides network (name not known)");
        assert_eq!(n[1].email, None);
        let missing_key = parse("networks.yml", "- type: other\n  department: Tides\n").unwrap();
        assert!(!missing_key[0].name_known());
        // Neither department nor network is still refused, and so is a repeat.
        let (e, f, _) = entry_error("- type: other\n  department: ''\n  network: ''\n");
        assert_eq!((e, f.as_str()), (1, "department"));
        let (e, f, m) = entry_error(&format!("{text}- type: other\n  department: department for  TIDES\n  network: ''\n"));
        assert_eq!((e, f.as_str()), (3, "network"));
        assert!(m.contains("entry 1"), "{m}");
    }

    #[test]
    fn the_message_says_file_entry_and_field() {
        let msg = parse("networks.yml", &GOOD.replace("'quango'", "x").replace("'other'", "'quango'")).unwrap_err().to_string();
        assert!(msg.starts_with("networks.yml, entry 3 (Fast Stream, #Prism"), "{msg}");
        assert!(msg.contains("field \u{201c}type\u{201d}"), "{msg}");
    }

    #[test]
    fn invalid_yaml_and_wrong_shapes_are_syntax_errors() {
        for text in ["- type: 'agency\n  department: x", "type: agency\n", "just words"] {
            assert!(matches!(parse("n.yml", text), Err(ImportError::Syntax { .. })), "{text}");
        }
        assert!(matches!(parse("n.yml", "- [1, 2]\n"), Err(ImportError::Entry { entry: 1, .. })));
        assert!(parse("n.yml", "").unwrap().is_empty());
    }

    /// Found by fuzzing (fuzz/fuzz_targets/networks_yaml.rs, then by hand): thousands of
    /// nested brackets made the YAML parser take time quadratic in the file's length.
    #[test]
    fn thousands_of_nested_brackets_are_refused_at_once() {
        for text in [format!("- type: {}\n", "[".repeat(50_000)), format!("- {}\n", "{a: ".repeat(50_000))] {
            let e = parse("n.yml", &text).unwrap_err();
            assert!(matches!(e, ImportError::Syntax { .. }), "{e}");
            assert!(e.to_string().contains("more than 1000 opening brackets"), "{e}");
        }
        let many = (0..300).map(|i| format!("- {{type: other, department: 'D{i} [x]', network: N}}\n")).collect::<String>();
        assert_eq!(parse("n.yml", &many).unwrap().len(), 300, "a few hundred brackets are fine");
    }

    #[test]
    fn a_large_directory_is_checked_for_repeats_in_linear_time() {
        let mut text: String = (0..20_000).map(|i| format!("- type: other\n  department: Department {i}\n  network: Network\n")).collect();
        assert_eq!(parse("n.yml", &text).unwrap().len(), 20_000);
        text.push_str("- type: other\n  department: department 7\n  network: NETWORK\n");
        let (e, f, m) = entry_error(&text);
        assert_eq!((e, f.as_str()), (20_001, "network"));
        assert!(m.contains("entry 8"), "{m}");
    }

    #[test]
    fn render_round_trips_awkward_text() {
        let net = |name: &str, email: Option<&str>, parent: Option<&str>| Network {
            id: 1,
            name: name.into(),
            department: "Dept: \"A\" # not a comment\nsecond line".into(),
            kind: NetworkType::NonMinisterialDepartment,
            parent: parent.map(Into::into),
            email: email.map(Into::into),
            active: true,
            created_at: String::new(),
            updated_at: String::new(),
            name_known: true,
        };
        let nets = [net("---", Some("a@b.example.uk"), None), net("{{ liquid }} 'quoted' ’curly’ ë", None, Some("Parent"))];
        let yaml = render(&nets);
        assert!(yaml.starts_with("- type: non ministerial department\n"), "{yaml}");
        let back = parse("x.yml", &yaml).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].name, "---");
        assert_eq!(back[1].name, nets[1].name);
        assert_eq!(back[0].department, nets[0].department);
        assert_eq!(back[1].parent.as_deref(), Some("Parent"));
        assert_eq!(back[0].email.as_deref(), Some("a@b.example.uk"));
    }
}
