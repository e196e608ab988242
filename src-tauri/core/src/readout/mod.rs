//! One document model for everything Forum Desk publishes. Notes written in Markdown
//! are parsed into the same blocks, so the preview, the PDF and the website post all
//! say the same thing.

pub mod document;
pub mod markdown_in;

pub use document::{Block, Span};
