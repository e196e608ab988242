//! One document model for everything Forum Desk publishes. Notes written in Markdown
//! are parsed into the same blocks, so the preview, the PDF and the website post all
//! say the same thing.

pub mod build;
pub mod calendar;
pub mod document;
pub mod jekyll;
pub mod markdown_in;
pub mod markdown_out;
pub mod pdf;
#[cfg(any(test, feature = "pdf-checks"))]
pub mod pdf_check;
pub mod pdf_structure;

pub use document::{Block, Document, Span};
