//! `forum-desk`: the one command users run. With a subcommand it runs it here, linking
//! only forum-core and the command line (no GTK or WebKit to load: it starts like any
//! small program); with none it becomes the window, `forum-desk-window` beside it,
//! through exec, so the process, its arguments and environment stay the same.

fn main() {
    let args = forum_cli::parse_args();
    match args.command {
        Some(command) => std::process::exit(forum_cli::run(args.data_dir, command)),
        None => std::process::exit(open_window()),
    }
}

/// Replaces this process with the window's binary; returns only if that fails.
fn open_window() -> i32 {
    use std::os::unix::process::CommandExt;
    const WINDOW: &str = "forum-desk-window";
    let window = match std::env::current_exe() {
        Ok(exe) => exe.with_file_name(WINDOW),
        Err(e) => {
            eprintln!("forum-desk: cannot find where Forum Desk is installed ({e}), so the window cannot be opened.");
            return 1;
        }
    };
    // The start-up probe (scripts/measure-start.sh) counts from here, so the exec and the
    // loading of the desktop's libraries are in its figures.
    if std::env::var_os("FORUM_DESK_PROBE_START").is_some() {
        if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            std::env::set_var("FORUM_DESK_STARTED_AT_NS", now.as_nanos().to_string());
        }
    }
    let mut args = std::env::args_os();
    let program = args.next().unwrap_or_else(|| WINDOW.into());
    let error = std::process::Command::new(&window).arg0(program).args(args).exec();
    eprintln!("forum-desk: cannot open the window ({}: {error}). Reinstall Forum Desk to repair it.", window.display());
    1
}
