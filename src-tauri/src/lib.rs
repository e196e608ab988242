//! The Forum Desk application: the desktop shell (Tauri) and the command line, both
//! thin callers of `forum-core`.

pub mod cli;
pub mod commands;
pub mod data_dir;
pub mod desktop;
pub mod single_instance;

/// Entry point of the `forum-desk` binary: with no subcommand it opens the window,
/// otherwise it runs the command and exits with its status.
pub fn main() {
    desktop::mark_start();
    let args = <cli::Cli as clap::Parser>::parse();
    let code = match args.command {
        None => desktop::run(args.data_dir),
        Some(command) => cli::run(args.data_dir, command),
    };
    std::process::exit(code);
}
