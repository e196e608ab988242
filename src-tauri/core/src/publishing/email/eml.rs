//! The draft as an email file (RFC 5322 with MIME attachments), built with mail-builder.
//!
//! `X-Unsent: 1` makes Outlook open the file as a draft to edit and send; Thunderbird and
//! Apple Mail open it too. There is no From: the chair's own mail program fills it in
//! with the account that sends it. The forum's mailbox is the one address in To; every
//! other address is in Bcc, so nobody sees another person's address.

use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::encoders::base64::base64_encode_mime;
use mail_builder::mime::{BodyPart, MimePart};
use mail_builder::MessageBuilder;

use super::Draft;
use crate::model::text::one_line;
use crate::model::ValidationError;
use crate::store::StoreError;
use crate::Result;

/// The name shown beside the forum's mailbox in To.
pub const FORUM_NAME: &str = "Leaders of Networks Forum";

/// The body with one kind of line end, which mail-builder turns into CR LF.
fn body_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The email file for a draft, as it stands (the chair's edits applied).
pub fn build(draft: &Draft) -> Result<Vec<u8>> {
    let Some(to) = draft.forum_email.as_deref() else {
        return Err(ValidationError::new(
            "forumEmail",
            "Set the forum's mailbox first (Settings): it goes in To, with everyone else in Bcc so that nobody sees another person's address",
        )
        .into());
    };
    let mut message = MessageBuilder::new()
        .header("X-Unsent", Raw::new("1"))
        .to(Address::new_address(Some(FORUM_NAME), to.to_string()))
        .subject(one_line(&draft.subject));
    if !draft.recipients.is_empty() {
        let bcc: Vec<Address> = draft.recipients.iter().map(|r| Address::new_address(Some(one_line(&r.name)), r.email.clone())).collect();
        message = message.bcc(Address::new_list(bcc));
    }
    message = message.text_body(body_text(&draft.body));
    for a in &draft.attachments {
        message.attachments.get_or_insert_with(Vec::new).push(attachment(a).map_err(failed)?);
    }
    let bytes = message.write_to_vec().map_err(failed)?;
    Ok(refold(bytes))
}

/// mail-builder folds a long plain-ASCII header line by writing CR LF TAB before the
/// space it breaks at, so a reader that unfolds it (RFC 5322 2.2.3: remove the CR LF)
/// reads a TAB and a space where the subject had one space: Python's email package shows
/// "14 January\t 2027". Folding is only the CR LF before the space: this takes the
/// added TAB out again, in the header section only. (Encoded words and address lists
/// fold before a non-space, and are left as they are.)
fn refold(bytes: Vec<u8>) -> Vec<u8> {
    let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else { return bytes };
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if i < end && bytes[i..].starts_with(b"\r\n\t ") {
            out.extend_from_slice(b"\r\n ");
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn failed(e: std::io::Error) -> StoreError {
    StoreError::Conflict { field: None, message: format!("Could not build the email: {e}") }
}

/// A file, always in base64 (with the crate's encoder). mail-builder would send a text
/// file such as the calendar invitation as 7-bit text, whose line ends mail programs are
/// free to change (CR LF to LF) when they save it; base64 keeps every byte.
fn attachment(a: &super::Attachment) -> std::io::Result<MimePart<'static>> {
    let mut encoded = Vec::new();
    base64_encode_mime(&a.bytes, &mut encoded, false)?;
    let mut content_type = ContentType::new(a.content_type.clone());
    if a.content_type.starts_with("text/") {
        content_type = content_type.attribute("charset", "utf-8");
    }
    Ok(MimePart::new(content_type, BodyPart::Binary(encoded.into())).attachment(a.file_name.clone()).header("Content-Transfer-Encoding", Raw::new("base64")))
}
