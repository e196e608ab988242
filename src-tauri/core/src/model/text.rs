//! Rules for short text fields, shared by every form and importer.

use super::ValidationError;

/// Trims the value and checks it is present and not longer than `max` characters.
/// `label` is the field's name as people read it ("Network name").
pub fn required(field: &str, label: &str, value: &str, max: usize) -> Result<String, ValidationError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ValidationError::new(field, format!("Enter the {}", label.to_lowercase())));
    }
    within_limit(field, label, value, max)?;
    Ok(value.to_string())
}

/// Like `required`, but an empty value means "none".
pub fn optional(field: &str, label: &str, value: Option<&str>, max: usize) -> Result<Option<String>, ValidationError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            within_limit(field, label, v, max)?;
            Ok(Some(v.to_string()))
        }
    }
}

fn within_limit(field: &str, label: &str, value: &str, max: usize) -> Result<(), ValidationError> {
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::new(
            field,
            format!("{label} must be {max} characters or fewer (it has {len})"),
        ));
    }
    Ok(())
}

/// An optional email address: empty means none; otherwise it must be one address.
pub fn optional_email(field: &str, value: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(v) = optional(field, "Email address", value, 254)? else { return Ok(None) };
    let parsed = v.parse::<email_address::EmailAddress>().ok();
    // The crate follows RFC 5322, which allows forms no mail system here would take
    // (a domain with no dot, display names); a network's mailbox needs name@domain.tld.
    // Quoted local parts and comments are RFC 5322 too, but an address such as
    // `"x>,y@evil.example"@ok.org` reads as two recipients to a careless mail reader,
    // and these addresses go into the headers of the drafts the chair sends.
    let unquoted = !v.chars().any(|c| c.is_whitespace() || c.is_control() || "\"(),:;<>[]\\".contains(c));
    let plain = unquoted && parsed.as_ref().is_some_and(|e| e.email() == v && e.domain().contains('.') && !e.domain().starts_with('['));
    if !plain {
        return Err(ValidationError::new(
            field,
            "Enter an email address in the correct format, like name@department.gov.uk",
        ));
    }
    Ok(Some(v))
}

/// Text for one line of a header or a calendar property: every line break and other
/// control character (and the Unicode line and paragraph separators) becomes a space,
/// runs of white space one space. Mail and calendar writers escape some line ends and
/// pass others (a bare CR, a CR LF in plain ASCII) straight through, which would let a
/// meeting title add a header, a recipient or a calendar property.
pub fn one_line(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A key for "is this the same thing?": case-folded, with runs of white space made one.
pub fn match_key(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// At most `max` characters of `value`, with an ellipsis when it was cut.
pub fn truncate(value: &str, max: usize) -> String {
    match value.char_indices().nth(max) {
        Some((at, _)) => format!("{}\u{2026}", &value[..at]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims_and_rejects_blank() {
        assert_eq!(required("name", "Network name", "  Pride  ", 10).unwrap(), "Pride");
        let e = required("name", "Network name", "   ", 10).unwrap_err();
        assert_eq!(e.field, "name");
        assert_eq!(e.message, "Enter the network name");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(required("n", "Name", "ëëëëë", 5).is_ok());
        let e = required("n", "Name", "ëëëëëë", 5).unwrap_err();
        assert!(e.message.contains("5 characters or fewer (it has 6)"), "{}", e.message);
    }

    #[test]
    fn emails() {
        assert_eq!(optional_email("email", Some(" ")).unwrap(), None);
        assert_eq!(optional_email("email", Some("lgbt@dft.gov.uk")).unwrap().as_deref(), Some("lgbt@dft.gov.uk"));
        for bad in ["not-an-email", "a@b", "two@@at.uk", "x y@dft.gov.uk", "Name <a@b.uk>", "<script>@x.uk", "\"x>,y@evil.example\"@ok.org", "\"quoted\"@ok.org", "a(comment)@ok.org", "a\r\nBcc:@ok.org"] {
            let e = optional_email("email", Some(bad)).expect_err(bad);
            assert_eq!(e.field, "email", "{bad}");
        }
    }

    #[test]
    fn one_line_leaves_no_line_end() {
        assert_eq!(one_line(" Forum\r\nBcc: x@evil.example\rX\u{2028}Y\t "), "Forum Bcc: x@evil.example X Y");
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("ëëë", 3), "ëëë");
        assert_eq!(truncate("ëëëë", 3), "ëëë\u{2026}");
    }

    #[test]
    fn match_key_ignores_case_and_spacing() {
        assert_eq!(match_key(&["Cabinet  Office", "LGBT Network"]), match_key(&["cabinet office", " lgbt network "]));
        assert_ne!(match_key(&["A", "B C"]), match_key(&["A B", "C"]));
    }
}
