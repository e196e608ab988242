//! The desktop window: Tauri set up with the app's state, commands and plugins.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use forum_core::{ErrorPayload, Store};

use crate::commands;

/// What every command reaches through `tauri::State`.
pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown by the UI instead of the
    /// app's screens; nothing is written while it is in that state).
    pub store: Mutex<Result<Store, ErrorPayload>>,
    /// Held while this window has the records open (released when the app exits).
    _lock: Option<File>,
}

/// The lock file beside the database: one window per data folder.
pub const LOCK_FILE: &str = "forum.lock";

/// Takes the data folder for this window. Two windows on one database would each show
/// (and save) what the other had overwritten, so a second one is refused with a sentence.
fn take_folder(data_dir: &Path) -> Result<File, ErrorPayload> {
    let fail = |message: String| ErrorPayload { code: "already_open".into(), message, field: None };
    std::fs::create_dir_all(data_dir).map_err(|e| fail(format!("Could not use {}: {e}", data_dir.display())))?;
    let path = data_dir.join(LOCK_FILE);
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| fail(format!("Could not use {}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(fail(
            "Forum Desk is already open with these records in another window. Use that window (look for it in your task bar): \
             two copies at once could overwrite each other's changes. Nothing has been changed."
                .into(),
        )),
        Err(TryLockError::Error(e)) => Err(fail(format!("Could not lock {}: {e}", path.display()))),
    }
}

/// What the first screen shows, handed to the page before its script runs: the status
/// and the meetings list would otherwise be two IPC round trips at the slowest moment of
/// the start, while the window is still being drawn (docs/benchmarks.md). The page uses it
/// for its first load only (ui/src/start.ts); everything after asks through the commands.
/// Nothing when the records could not be opened: the page then asks, and shows the error.
fn start_script(state: &AppState) -> Option<String> {
    let data = state.with_store(|s| forum_core::overview::start_data(s, &state.data_dir, crate::commands::today())).ok()?;
    let data = serde_json::to_string(&data).ok()?;
    // JSON is a JavaScript expression (ES2019); the page reads it as data. It is handed
    // only to the app's own pages (the script runs on every load in the window, and the
    // records are nobody else's business).
    Some(format!("if (location.protocol === 'tauri:' || location.origin === 'http://tauri.localhost') {{ window.__FORUM_DESK_START__ = {data}; }}"))
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let lock = take_folder(&data_dir);
        let store = match &lock {
            Ok(_) => Store::open_dir(&data_dir).map_err(|e| forum_core::Error::from(e).payload()),
            Err(e) => Err(e.clone()),
        };
        // The first start of each day keeps a copy; a failure to copy must not stop the
        // chair working, so it is reported and the app carries on.
        if let Ok(s) = &store {
            if let Err(e) = forum_core::safety::backup::daily(s, &data_dir, chrono::Local::now().date_naive()) {
                eprintln!("forum-desk: today's backup could not be made: {e}");
            }
        }
        AppState { data_dir, store: Mutex::new(store), _lock: lock.ok() }
    }

    /// Closes the records, runs `f` on the data folder (a restore), and opens them again,
    /// whatever `f` did: the window is never left without its records.
    pub fn replace_store<T>(&self, f: impl FnOnce(&Path) -> forum_core::Result<T>) -> Result<T, ErrorPayload> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = guard.as_ref() {
            return Err(e.clone());
        }
        *guard = Err(ErrorPayload { code: "restoring".into(), message: "The records are being restored.".into(), field: None });
        let result = f(&self.data_dir).map_err(|e| e.payload());
        *guard = Store::open_dir(&self.data_dir).map_err(|e| forum_core::Error::from(e).payload());
        result
    }

    /// Runs one core operation on the store and turns its error into the UI's shape.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> forum_core::Result<T>) -> Result<T, ErrorPayload> {
        // A panic in an earlier command poisons the lock; the store itself is still
        // consistent (every operation is one transaction), so carry on with it.
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store).map_err(|e| e.payload()),
            Err(e) => Err(e.clone()),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The start-up probe (scripts/measure-start.sh). With FORUM_DESK_PROBE_START=app the window
// reports when the meetings screen is ready: its data shown and the page loaded, stylesheet
// and all (see `probe_app`); with =blank (or =text, =styled) it shows that page instead of
// the app and reports when it has loaded. Each prints the time since the process started
// and the memory of the app with its WebKit processes, then exits.
// ---------------------------------------------------------------------------------------

static START: OnceLock<Instant> = OnceLock::new();
/// Milestones on the way to the first screen, reported with the probe's result.
static STAGES: Mutex<Vec<(&str, f64)>> = Mutex::new(Vec::new());

pub fn mark_start() {
    START.get_or_init(|| {
        let now = Instant::now();
        // Started by `forum-desk` for the probe: count from when that process began.
        std::env::var("FORUM_DESK_STARTED_AT_NS")
            .ok()
            .and_then(|t0| t0.parse::<u128>().ok())
            .and_then(|t0| {
                let wall = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
                let ago = u64::try_from(wall.checked_sub(t0)?).ok()?;
                now.checked_sub(std::time::Duration::from_nanos(ago))
            })
            .unwrap_or(now)
    });
}

pub fn since_start() -> f64 {
    START.get().map_or(0.0, |s| s.elapsed().as_secs_f64() * 1000.0)
}

fn stage(name: &'static str) {
    if let Ok(mut stages) = STAGES.lock() {
        stages.push((name, since_start()));
    }
}

/// Pages the probe can show instead of the app (ui/public/NAME.html): an empty page, the
/// meetings screen as static text, and that text with the app's stylesheet.
const PROBE_PAGES: [&str; 3] = ["blank", "text", "styled"];

fn probe() -> Option<String> {
    std::env::var("FORUM_DESK_PROBE_START").ok().filter(|v| v == "app" || PROBE_PAGES.contains(&v.as_str()))
}

/// Prints `ready-ms N pss-kb M settled-pss-kb S` and ends the app: the time and the
/// memory when the page is ready, and the memory again once the window has drawn it
/// and settled (FORUM_DESK_PROBE_SETTLE_MS later, 1500 by default). WebKit draws
/// through OpenGL, which under Xvfb is Mesa's software renderer: it compiles its shaders
/// with LLVM (about 30 MB) when the first frames come, before or after a page reports
/// ready, which is why memory read at ready falls in two modes about 20 MB apart; and a
/// drawn page holds its tiles, which an empty one does not need.
pub fn probe_report<R: tauri::Runtime>(app: &tauri::AppHandle<R>, ms: f64) {
    let stages = STAGES.lock().map(|s| s.iter().map(|(n, t)| format!(" {n}={t:.0}")).collect::<String>()).unwrap_or_default();
    let at_ready: u64 = pss_by_process(std::process::id()).iter().map(|(_, _, kb)| kb).sum();
    let settle = std::env::var("FORUM_DESK_PROBE_SETTLE_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(1500);
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(settle));
        let processes = pss_by_process(std::process::id());
        println!("ready-ms {ms:.1} pss-kb {at_ready} settled-pss-kb {}", processes.iter().map(|(_, _, kb)| kb).sum::<u64>());
        println!("stages-ms{stages}");
        println!("pss-kb-by-process{}", processes.iter().map(|(_, name, kb)| format!(" {name}={kb}")).collect::<String>());
        // For a closer look at where the memory goes: each process's smaps, kept in a folder.
        if let Ok(dir) = std::env::var("FORUM_DESK_PROBE_SMAPS") {
            for (pid, name, _) in &processes {
                let _ = std::fs::copy(format!("/proc/{pid}/smaps"), std::path::Path::new(&dir).join(format!("{name}.smaps")));
            }
        }
        app.exit(0);
    });
}

/// A step of the app's page on the way to its first screen, in ms since the process began.
pub enum PageStep {
    /// WebKit reports the page's load finished (`PageLoadEvent::Finished`, the moment the
    /// probe pages are measured to).
    Loaded(f64),
    /// The page's script has put the meetings in it (its clock, converted to ours).
    Shown(f64),
}

/// The meetings screen is ready at the later of its two steps, as the probe pages are at
/// their load. Not at its script's report alone: a module script can run before a linked
/// stylesheet has arrived (it did, until the stylesheet was inlined), and WebKit draws
/// nothing until it has. And not when the report reaches this process: the report's own
/// trip over IPC (3 to 12 ms) is not part of the start, as the empty page's is not either.
pub fn probe_app<R: tauri::Runtime>(app: &tauri::AppHandle<R>, step: PageStep) {
    static STEPS: Mutex<(Option<f64>, Option<f64>)> = Mutex::new((None, None));
    let Ok(mut steps) = STEPS.lock() else { return };
    let was_ready = steps.0.is_some() && steps.1.is_some();
    match step {
        PageStep::Loaded(t) => steps.0 = steps.0.or(Some(t)),
        PageStep::Shown(t) => {
            steps.1 = steps.1.or(Some(t));
            if let Ok(mut stages) = STAGES.lock() {
                stages.push(("meetings-shown", t));
            }
        }
    }
    if let (false, Some(loaded), Some(shown)) = (was_ready, steps.0, steps.1) {
        probe_report(app, loaded.max(shown));
    }
}

/// Proportional set size of a process and each of its descendants (WebKit's web and
/// network processes are children of the app), from /proc: (pid, name, kB) each.
fn pss_by_process(root: u32) -> Vec<(u32, String, u64)> {
    let mut out = Vec::new();
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let kb = rollup.lines().find_map(|l| l.strip_prefix("Pss:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).unwrap_or(0);
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        out.push((pid, name, kb));
        let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        todo.extend(children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()));
    }
    out
}

/// The app's configuration, capabilities and embedded UI (also used by the IPC tests,
/// so they run with the real permissions).
pub fn context<R: tauri::Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run(data_dir: Option<PathBuf>) -> i32 {
    let dir = match forum_cli::data_dir::resolve(data_dir) {
        Ok(d) => d,
        Err(message) => {
            eprintln!("forum-desk: {message}");
            return 1;
        }
    };
    let probe = probe();
    // A probe page instead of the app: no records opened, no app script.
    let page = probe.clone().filter(|p| p != "app");
    let probe_page = page.is_some();
    let state = if probe_page { None } else { Some(AppState::open(dir.clone())) };
    stage("records-open");
    let holds_folder = state.as_ref().is_some_and(|s| s._lock.is_some());
    if state.is_some() && !holds_folder && crate::single_instance::ask_to_show(&dir).is_ok() {
        // Another window has these records open and has come to the front: that is the
        // one to use. When it does not answer, this window opens to say why it can't help.
        println!("Forum Desk is already open with these records: its window has been brought to the front.");
        return 0;
    }
    let builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init()).plugin(tauri_plugin_opener::init());
    let builder = match state {
        Some(state) => builder.manage(state),
        None => builder,
    };
    let result = builder
        .invoke_handler(commands::handler())
        .setup(move |app| {
            // The window is made here rather than from the configuration alone, so the
            // probe can show an empty page in the same window instead.
            stage("tauri-ready");
            if probe_page {
                let url = tauri::WebviewUrl::App(format!("{}.html", page.as_deref().unwrap_or("blank")).into());
                tauri::WebviewWindowBuilder::new(app, "main", url).inner_size(1200.0, 820.0).build()?;
                stage("window-built");
            } else {
                let config = app.config().app.windows.first().cloned().ok_or("no window in tauri.conf.json")?;
                let mut builder = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
                if let Some(script) = tauri::Manager::try_state::<AppState>(app).and_then(|s| start_script(&s)) {
                    builder = builder.initialization_script(script);
                }
                let window = builder.build()?;
                stage("window-built");
                if holds_folder {
                    let listening = crate::single_instance::listen(&dir, move || {
                        // On the main thread, where the window lives; answered only once it
                        // has run, so a hung window is not reported as brought forward.
                        let (done, ran) = std::sync::mpsc::channel();
                        let shown = window.clone();
                        let asked = window.run_on_main_thread(move || {
                            // Focus is best effort: a window manager may refuse it.
                            let ok = shown.unminimize().is_ok() && shown.show().is_ok();
                            let _ = shown.set_focus();
                            let _ = done.send(ok);
                        });
                        asked.is_ok() && ran.recv_timeout(std::time::Duration::from_secs(3)).unwrap_or(false)
                    });
                    if let Err(e) = listening {
                        eprintln!("forum-desk: a second start will not find this window: {e}");
                    }
                }
            }
            Ok(())
        })
        .on_page_load(move |webview, payload| {
            stage(match payload.event() {
                tauri::webview::PageLoadEvent::Started => "page-started",
                tauri::webview::PageLoadEvent::Finished => "page-loaded",
            });
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                let app = tauri::Manager::app_handle(webview).clone();
                if probe_page && !payload.url().path().ends_with("index.html") {
                    probe_report(&app, since_start());
                } else if probe.is_some() && !probe_page {
                    probe_app(&app, PageStep::Loaded(since_start()));
                }
            }
        })
        .run(context());
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("forum-desk: could not open the window: {e}");
            1
        }
    }
}
