//! The route a chair would otherwise take to a PDF: the readout as a web page (the same
//! blocks, through the Markdown the website gets) printed by headless Chromium. Shared by
//! the publish benchmark (in-process) and the command-line one (whole processes).

#![allow(dead_code)] // each benchmark uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

use forum_core::publishing::readout::{markdown_out, Document};

/// The readout as one HTML page: the same blocks, through the Markdown the website gets,
/// set in DejaVu Sans on A4 like the app's PDF.
pub fn html(doc: &Document) -> String {
    let md = markdown_out::render_blocks(&doc.blocks);
    let mut body = String::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_FOOTNOTES;
    pulldown_cmark::html::push_html(&mut body, pulldown_cmark::Parser::new_ext(&md, options));
    format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
         @page {{ size: A4; margin: 22mm; }} body {{ font: 10.5pt/1.45 'DejaVu Sans', sans-serif; }}\
         table {{ border-collapse: collapse; width: 100%; }} th, td {{ border-bottom: 1px solid #b1b4b6; padding: 4px; text-align: left; }}\
         </style></head><body><h1>{}</h1>{body}</body></html>",
        escape(&doc.title),
        escape(&doc.title)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|d| ["chromium", "chromium-browser", "google-chrome"].map(|n| d.join(n))).find(|p| p.is_file())
}

/// One `chromium --headless --print-to-pdf` of the page; the PDF's size.
pub fn print_with(browser: &Path, page: &Path, out: &Path) -> usize {
    let status = Command::new(browser)
        .args(["--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", out.with_extension("profile").display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(page)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium runs");
    assert!(status.success(), "chromium failed on {}", page.display());
    std::fs::metadata(out).map(|m| m.len() as usize).unwrap_or(0)
}

