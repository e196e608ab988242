//! The desktop window (Tauri, GTK, WebKit). Users start it through `forum-desk` with no
//! subcommand; given a subcommand itself, it runs it like `forum-desk` would.

fn main() {
    forum_desk::desktop::mark_start();
    let args = forum_cli::parse_args();
    let code = match args.command {
        None => forum_desk::desktop::run(args.data_dir),
        Some(command) => forum_cli::run(args.data_dir, command),
    };
    std::process::exit(code);
}
