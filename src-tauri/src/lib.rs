//! The Forum Desk desktop shell (Tauri): the window, its state and its commands, thin
//! callers of `forum-core`. The command line is the crate `forum-cli`.

pub mod commands;
pub mod desktop;
pub mod single_instance;
