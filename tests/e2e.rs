//! End-to-end: the built app in its real WebKitGTK window, driven through tauri-driver
//! and WebKitWebDriver under Xvfb, with an axe-core accessibility check of each screen.
//!
//! Run through `scripts/test.sh`, which installs the drivers and starts Xvfb. Missing
//! pieces fail the run with a message that says what to install: these tests never skip.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// One window at a time: the tests share the X display.
static SERIAL: Mutex<()> = Mutex::new(());

const APP: &str = env!("CARGO_BIN_EXE_forum-desk");
/// What `forum-desk` with no subcommand becomes (exec): the window's own binary.
const WINDOW: &str = env!("CARGO_BIN_EXE_forum-desk-window");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free local port")
}

fn find_program(name: &str, extra: &[PathBuf]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).chain(extra.iter().cloned()).map(|d| d.join(name)).find(|p| p.is_file())
}

/// tauri-driver for one test, with the app's data in its own temporary folder.
struct Driver {
    child: Child,
    port: u16,
    data_dir: PathBuf,
}

impl Driver {
    fn start(data_dir: &Path) -> Driver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "End-to-end tests need an X display. Run them with scripts/test.sh, which starts Xvfb (xvfb-run)."
        );
        let home_cargo = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin")).into_iter().collect::<Vec<_>>();
        let driver = find_program("tauri-driver", &home_cargo)
            .expect("tauri-driver is not installed: run scripts/setup.sh (cargo install tauri-driver --version ^2 --locked)");
        let native = find_program("WebKitWebDriver", &[])
            .expect("WebKitWebDriver is not installed: run scripts/setup.sh (Debian package webkit2gtk-driver)");
        let port = free_port();
        let native_port = free_port();
        let log_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-logs");
        std::fs::create_dir_all(&log_dir).unwrap();
        let log = std::fs::File::create(log_dir.join(format!("tauri-driver-{port}.log"))).unwrap();
        let child = Command::new(driver)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .arg("--native-driver")
            .arg(native)
            .env("FORUM_DESK_DATA_DIR", data_dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("tauri-driver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port, data_dir: data_dir.to_path_buf() }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too, which would
        // otherwise live on holding the output open.
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && !matches!(self.child.try_wait(), Ok(Some(_))) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.end_app();
    }
}

impl Driver {
    /// Ends the app this driver started, if closing the session left it running: the next
    /// test on the same data folder would otherwise find the window still open, and a
    /// second start on that folder hands over to it and exits (the single-instance rule),
    /// leaving the new WebDriver session waiting for a window that never comes.
    fn end_app(&self) {
        // It normally ends with its session; give it a few seconds to finish saving.
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && !self.app_pids().is_empty() {
            std::thread::sleep(Duration::from_millis(50));
        }
        for pid in self.app_pids() {
            let _ = Command::new("kill").arg("-KILL").arg(pid.to_string()).status();
        }
    }

    /// The app processes started for this driver's data folder (from /proc).
    fn app_pids(&self) -> Vec<u32> {
        let wanted = format!("FORUM_DESK_DATA_DIR={}", self.data_dir.display());
        let app = std::fs::canonicalize(WINDOW).unwrap_or_else(|_| PathBuf::from(WINDOW));
        let Ok(procs) = std::fs::read_dir("/proc") else { return Vec::new() };
        procs
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
                let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
                exe.as_deref() == Some(app.as_path()) && env.split(|b| *b == 0).any(|v| v == wanted.as_bytes())
            })
            .collect()
    }
}

/// A running app: the driver, the WebDriver session and the data folder.
struct Session {
    client: Client,
    _driver: Driver,
    data: tempfile::TempDir,
}

async fn launch_with(data: tempfile::TempDir) -> Session {
    let driver = Driver::start(data.path());
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert("tauri:options".into(), json!({ "application": APP }));
    // A session that never starts fails the test rather than stalling the whole run.
    let url = format!("http://127.0.0.1:{}", driver.port);
    let mut builder = ClientBuilder::native();
    builder.capabilities(caps);
    let client = tokio::time::timeout(Duration::from_secs(60), builder.connect(&url))
        .await
        .expect("a WebDriver session within a minute")
        .expect("a WebDriver session with the app");
    Session { client, _driver: driver, data }
}

async fn launch() -> Session {
    launch_with(tempfile::tempdir().unwrap()).await
}

/// A data folder with the sample forum loaded through the command line.
fn sample_data() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let ok = Command::new(APP).arg("--data-dir").arg(data.path()).arg("demo").status().unwrap().success();
    assert!(ok, "forum-desk demo");
    data
}

impl Session {
    async fn find(&self, css: &str) -> Element {
        self.client.wait().at_most(Duration::from_secs(15)).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// The element's text; retried when the screen re-renders under us.
    async fn text(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.find(css).await.text().await {
                Ok(t) => return t,
                Err(e) if Instant::now() > deadline => panic!("text of {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Clicks, finding the element afresh if the screen re-rendered it meanwhile.
    async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.find(css).await.click().await {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => panic!("click {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear().await.unwrap();
        if !text.is_empty() {
            el.send_keys(text).await.unwrap();
        }
    }

    async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap().len()
    }

    /// Waits until `check` holds: the UI updates asynchronously after each command.
    async fn eventually<F, Fut>(&self, what: &str, check: F)
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !check().await {
            assert!(Instant::now() < deadline, "timed out waiting for: {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn rows(&self) -> usize {
        self.count("#network-table tbody tr").await
    }

    async fn screenshot(&self, name: &str) {
        // Keyboard focus may have scrolled the page; show it from the top.
        let _ = self.client.execute("window.scrollTo(0, 0);", vec![]).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// The window scrolled to an element, for the parts below the fold (WebKitWebDriver's
    /// element screenshots come out black).
    async fn screenshot_of(&self, css: &str, name: &str) {
        let arg = serde_json::to_value(self.find(css).await).unwrap();
        self.client.execute("arguments[0].scrollIntoView({ behavior: 'instant' });", vec![arg]).await.expect("scroll");
        // Two animation frames: the scrolled page is painted before the picture is taken.
        let frames = "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.client.execute_async(frames, vec![]).await.expect("painted");
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Runs axe-core in the page and fails on any WCAG 2.2 A or AA violation.
    async fn assert_accessible(&self, screen: &str) {
        let axe = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js"))
            .expect("axe-core is installed in ui/node_modules (scripts/setup.sh)");
        let loaded = self.client.execute("return typeof window.axe;", vec![]).await.unwrap();
        if loaded != json!("object") {
            self.client.execute(&format!("{axe}\n;return typeof window.axe;"), vec![]).await.expect("inject axe-core");
        }
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } })
                     .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")) }))))
                     .catch(e => done("axe failed: " + e));"#,
                vec![],
            )
            .await
            .expect("axe-core ran");
        assert_eq!(result, json!([]), "accessibility violations on the {screen} screen");
    }

    /// Moves the keyboard focus to the element, as Tab would.
    async fn focus_xpath(&self, xpath: &str) {
        let el = self.client.wait().at_most(Duration::from_secs(15)).for_element(Locator::XPath(xpath)).await.expect(xpath);
        let arg = serde_json::to_value(&el).unwrap();
        self.client.execute("arguments[0].focus();", vec![arg]).await.expect("focus");
    }

    /// Presses one key on whatever has the focus (a table row, which WebDriver will not
    /// type into directly).
    async fn press(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let actions = KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        self.client.perform_actions(actions).await.expect("key pressed");
    }

    /// Ends the session and the app; returns the data folder for checks afterwards.
    async fn close(self) -> tempfile::TempDir {
        let _ = self.client.close().await;
        self.data
    }
}

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_offers_the_sample_forum() {
    let _g = serial();
    let s = launch().await;
    assert_eq!(s.text("h1").await, "Welcome to Forum Desk");
    assert!(s.find("#start-import").await.is_displayed().await.unwrap());
    assert!(s.find("#start-empty").await.is_displayed().await.unwrap());
    s.assert_accessible("welcome").await;
    s.screenshot("welcome").await;

    s.click("#load-demo").await;
    s.find("#upcoming-meetings").await;
    assert!(s.text(".govuk-notification-banner").await.contains("sample forum is loaded"));
    assert_eq!(s.count("#upcoming-meetings tbody tr").await, 1);
    assert_eq!(s.count("#past-meetings tbody tr").await, 1);
    // Issue 13: the time under each date looked like another (serif) face: it was the
    // same font, smaller. It is now set like the date above it.
    let fonts = s.client.execute("var t = document.querySelector('#upcoming-meetings .fd-time'), d = t.closest('td'); var f = function (e) { var s = getComputedStyle(e); return [s.fontFamily, s.fontSize, s.fontWeight].join(' '); }; return [f(t), f(d)];", vec![]).await.unwrap();
    assert_eq!(fonts[0], fonts[1], "the time is set like its date");
    s.assert_accessible("meetings list").await;
    s.screenshot("meetings-list").await;

    s.click("a.govuk-header__link[href='#/networks']").await;
    s.find("#network-table").await;
    assert_eq!(s.rows().await, 12);
    assert_eq!(s.client.title().await.unwrap(), "Networks – Forum Desk");
    s.assert_accessible("networks list").await;
    s.screenshot("networks-list").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_start_brings_the_open_window_forward_and_changes_nothing() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#upcoming-meetings").await;
    let second = tokio::process::Command::new(APP).arg("--data-dir").arg(s.data.path()).stdin(Stdio::null()).output();
    let out = tokio::time::timeout(Duration::from_secs(30), second).await.expect("the second start ends by itself").unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said} {}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("already open with these records") && said.contains("brought to the front"), "{said}");
    // The first window carries on with its records, and now has the focus.
    s.eventually("the first window has the focus", || async { s.client.execute("return document.hasFocus()", vec![]).await.unwrap() == json!(true) }).await;
    s.click("a.govuk-header__link[href='#/networks']").await;
    assert_eq!(s.rows().await, 12);
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_years_of_meetings_open_on_the_recent_ones() {
    let _g = serial();
    let data = tempfile::tempdir().unwrap();
    let ok = Command::new(APP).arg("--data-dir").arg(data.path()).args(["demo", "--years", "20", "--seed", "7"]).status().unwrap().success();
    assert!(ok, "forum-desk demo --years 20");
    let s = launch_with(data).await;
    s.find("#past-meetings").await;
    assert_eq!(s.count("#past-meetings tbody tr").await, 12, "three years at first");
    let button = s.text("#show-all-past").await;
    let total: usize = button.split_whitespace().find_map(|w| w.parse().ok()).unwrap_or_else(|| panic!("{button}"));
    assert!(total >= 78, "{button}");
    s.focus_xpath("//button[@id='show-all-past']").await;
    s.press('\u{E007}').await; // Enter
    s.eventually("every past meeting listed", || async { s.count("#past-meetings tbody tr").await == total }).await;
    assert_eq!(s.count("#show-all-past").await, 0);
    let focused = s.client.execute("return document.activeElement.closest('tr').rowIndex", vec![]).await.unwrap();
    assert_eq!(focused, json!(13), "focus moves to the first row that was not shown (row 13 under the header)");
    s.assert_accessible("meetings, twenty years").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn import_search_add_and_edit_networks() {
    let _g = serial();
    let s = launch().await;
    s.click("#start-import").await;
    s.find("#import-form").await;

    // A file with a bad entry: the error names the entry and field, next to the file field.
    s.type_into("#field-file", fixture("networks-bad.yml").to_str().unwrap()).await;
    s.click("#run-import").await;
    let err = s.text("#group-file #error-file").await;
    assert!(err.contains("networks-bad.yml, entry 2") && err.contains("email"), "{err}");
    assert!(s.text(".govuk-error-summary").await.contains("There is a problem"));
    s.assert_accessible("import with an error").await;
    s.screenshot("import-error").await;

    s.type_into("#field-file", fixture("networks.yml").to_str().unwrap()).await;
    s.click("#run-import").await;
    s.find("#network-table").await;
    assert_eq!(s.rows().await, 9, "the bad file imported nothing, the good one everything");
    let banner = s.text(".govuk-notification-banner").await;
    assert!(banner.contains("9 added"), "{banner}");
    // The website's quirks are real data: a network known by its department only, and
    // networks without a mailbox, are imported and named in the summary.
    assert!(s.text("#banner-details").await.contains("No network name, kept as \u{201c}name not known\u{201d} until you add it: entry 5 (Department for Tides)."));
    assert!(s.text("#network-table").await.contains("Department for Tides network (name not known)"));
    s.assert_accessible("networks imported from the website's directory").await;
    s.screenshot("networks-imported").await;

    // Search answers as you type, across name, department and parent.
    s.type_into("#field-search", "lighthouse").await;
    s.eventually("search narrows to one", || async { s.rows().await == 1 }).await;
    assert!(s.text("#network-table tbody").await.contains("Beacon LGBT+ Network"));
    s.type_into("#field-search", "coastal").await;
    s.eventually("parent department matches", || async { s.rows().await == 3 }).await;
    s.find("#field-search").await.clear().await.unwrap();
    s.find("#field-search").await.send_keys(" ").await.unwrap();
    s.eventually("all back", || async { s.rows().await == 9 }).await;
    s.find("#field-kind-filter").await.select_by_value("agency").await.unwrap();
    s.eventually("type filter", || async { s.rows().await == 2 }).await;

    // Add with a bad email: the message sits next to the field and in the summary.
    s.click("#add-network").await;
    s.type_into("#field-name", "Harbour Pride").await;
    s.type_into("#field-department", "Harbour Office").await;
    s.find("#field-kind").await.select_by_value("agency").await.unwrap();
    s.type_into("#field-email", "harbour at example").await;
    s.click("#save-network").await;
    let msg = s.text("#group-email #error-email").await;
    assert!(msg.contains("Enter an email address in the correct format"), "{msg}");
    let link = s.find(".govuk-error-summary a").await;
    assert!(link.attr("href").await.unwrap().unwrap_or_default().ends_with("#field-email"));
    link.click().await.unwrap();
    assert_eq!(s.client.execute("return document.activeElement.id;", vec![]).await.unwrap(), json!("field-email"), "the summary link moves focus to the field");
    assert_eq!(s.find("#field-email").await.attr("aria-describedby").await.unwrap().as_deref().map(|d| d.contains("error-email")), Some(true));
    s.assert_accessible("add network with an error").await;
    s.screenshot("network-form-error").await;

    s.type_into("#field-email", "harbour@harbour.example.uk").await;
    s.click("#save-network").await;
    s.find("#network-details").await;
    assert!(s.text(".govuk-notification-banner").await.contains("Harbour Pride was added"));
    assert!(s.text("#network-details").await.contains("harbour@harbour.example.uk"));
    s.assert_accessible("network view").await;
    s.screenshot("network-view").await;

    s.click("#edit-network").await;
    s.find("#network-form").await;
    assert_eq!(s.find("#field-name").await.prop("value").await.unwrap().as_deref(), Some("Harbour Pride"));
    s.type_into("#field-name", "Harbour Pride Network").await;
    s.click("#save-network").await;
    s.eventually("saved", || async { s.text("h1").await == "Harbour Pride Network" }).await;

    s.click(".govuk-back-link").await;
    s.find("#network-table").await;
    s.find("#field-kind-filter").await.select_by_value("").await.unwrap();
    s.type_into("#field-search", "harbour").await;
    s.eventually("edited network listed", || async { s.rows().await == 1 }).await;
    assert!(s.text("#network-table").await.contains("Harbour Pride Network"));
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn deactivate_undo_and_hostile_text_stays_text() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.click("a.govuk-header__link[href='#/networks']").await;
    s.find("#network-table").await;
    assert_eq!(s.rows().await, 12);
    s.click("#network-table tbody tr:first-child a").await;
    let name = s.text("h1").await;
    s.click("#deactivate").await;
    s.eventually("deactivated", || async { s.count("#reactivate").await == 1 }).await;
    assert!(s.text(".govuk-notification-banner").await.contains("is deactivated"));
    s.click("#undo").await;
    s.eventually("undone", || async { s.count("#deactivate").await == 1 }).await;

    // Text that would run as HTML shows as typed, and runs nothing.
    let hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    s.click("a.govuk-header__link[href='#/networks']").await;
    s.click("#add-network").await;
    s.type_into("#field-name", hostile).await;
    s.type_into("#field-department", "\u{202e}Office of Reversed Text").await;
    s.find("#field-kind").await.select_by_value("other").await.unwrap();
    s.click("#save-network").await;
    s.find("#network-details").await;
    assert_eq!(s.text("h1").await, hostile);
    assert_eq!(s.client.execute("return window.__pwned === undefined;", vec![]).await.unwrap(), Value::Bool(true));
    assert_eq!(s.count("#main-content img").await, 0);
    let data = s.close().await;

    // The data is in the database, hostile text and all, byte for byte.
    let out = Command::new(APP).arg("--data-dir").arg(data.path()).args(["networks", "list", "--json"]).output().unwrap();
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 13);
    assert!(list.iter().any(|n| n["name"] == hostile));
    assert!(list.iter().any(|n| n["name"] == name.as_str() && n["active"] == true));
}

/// WebDriver key codes.
const ENTER: &str = "\u{E007}";
const ALT: &str = "\u{E00A}";
const ARROW_UP: &str = "\u{E013}";
const RELEASE: &str = "\u{E000}";

/// Text to type, with each new line pressed as the Enter key.
fn keys(text: &str) -> String {
    text.replace('\n', ENTER)
}

impl Session {
    /// The text of every element matching `css`, in page order.
    async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.client.find_all(Locator::Css(css)).await.unwrap() {
            out.push(e.text().await.unwrap_or_default());
        }
        out
    }

    async fn agenda_titles(&self) -> Vec<String> {
        self.texts("#agenda-table .fd-item-title").await
    }

    async fn agenda_slots(&self) -> Vec<String> {
        self.texts("#agenda-table .fd-slot").await
    }

    async fn add_item(&self, title: &str, minutes: &str) {
        self.click("#add-item").await;
        self.find("#item-form").await;
        self.type_into("#field-title", title).await;
        self.type_into("#field-durationMinutes", minutes).await;
        self.click("#save-item").await;
        self.eventually(&format!("{title} on the agenda"), || async { self.agenda_titles().await.iter().any(|t| t == title) }).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_a_meeting_reorder_its_agenda_and_keep_notes_across_restarts() {
    let _g = serial();
    let s = launch().await;
    s.click("a.govuk-header__link[href='#/meetings']").await;
    s.click("#new-meeting").await;
    s.find("#meeting-form").await;
    assert!(!s.find("#field-date").await.prop("value").await.unwrap().unwrap_or_default().is_empty(), "a quarterly date is proposed");

    // A date that does not exist is refused next to its field, and nothing is saved.
    s.type_into("#field-date", "2027-02-30").await;
    s.click("#save-meeting").await;
    assert!(s.text("#group-date #error-date").await.contains("2027-02-30 does not exist"));
    s.assert_accessible("new meeting with an error").await;
    s.type_into("#field-date", "2027-01-14").await;
    s.type_into("#field-startTime", "15:00").await;
    s.type_into("#field-endTime", "16:00").await;
    s.click("#save-meeting").await;
    s.find("#agenda").await;
    assert_eq!(s.text("h1").await, "Leaders of Networks Forum January 2027");

    // A zero-minute item is refused next to the field.
    s.click("#add-item").await;
    s.type_into("#field-title", "Nothing much").await;
    s.type_into("#field-durationMinutes", "0").await;
    s.click("#save-item").await;
    assert!(s.text("#group-durationMinutes #error-durationMinutes").await.contains("between 1 and 600"));
    s.assert_accessible("add item with an error").await;
    s.click(".govuk-back-link").await;
    s.find("#agenda").await;

    for (title, minutes) in [("Welcome", "15"), ("Network update", "20"), ("Pride season", "25"), ("Needs and strengths", "35"), ("Any other business", "25")] {
        s.add_item(title, minutes).await;
    }
    assert_eq!(s.agenda_slots().await, ["15:00 to 15:15", "15:15 to 15:35", "15:35 to 16:00", "16:00 to 16:35", "16:35 to close"]);
    assert!(s.text("#agenda-overrun").await.contains("60 minutes past the end time (16:00)"));
    s.assert_accessible("meeting and agenda").await;
    s.screenshot("meeting-agenda").await;

    // Reorder with the keyboard: Enter on "Move up", then Alt+Up on the row.
    let up = s.find("#agenda-table tbody tr:nth-child(5) .fd-move-up").await;
    up.send_keys(ENTER).await.unwrap();
    s.eventually("moved up", || async { s.agenda_titles().await[3] == "Any other business" }).await;
    let focused = s.client.execute("return document.activeElement.closest('tr').dataset.id === document.querySelector('#agenda-table tbody tr:nth-child(4)').dataset.id;", vec![]).await.unwrap();
    assert_eq!(focused, json!(true), "focus stays on the moved item");
    let up = s.find("#agenda-table tbody tr:nth-child(4) .fd-move-up").await;
    up.send_keys(&format!("{ALT}{ARROW_UP}{RELEASE}")).await.unwrap();
    s.eventually("moved up again", || async { s.agenda_titles().await[2] == "Any other business" }).await;
    assert_eq!(s.agenda_titles().await, ["Welcome", "Network update", "Any other business", "Pride season", "Needs and strengths"]);
    assert_eq!(s.agenda_slots().await, ["15:00 to 15:15", "15:15 to 15:35", "15:35 to 16:00", "16:00 to 16:25", "16:25 to close"]);

    // Run the meeting: notes with a live preview and outcomes, saved as typed.
    s.click("#run-meeting").await;
    s.find("#field-notes").await;
    assert_eq!(s.text("h1").await, "Welcome");
    s.find("#field-notes").await.send_keys(&keys("Leads agreed to **meet** quarterly.\n\n- one\n- two")).await.unwrap();
    s.eventually("notes saved", || async { s.text("#notes-status").await == "Saved" }).await;
    s.eventually("the preview shows the list", || async { s.count("#notes-preview li").await == 2 }).await;
    assert_eq!(s.text("#notes-preview strong").await, "meet");
    s.find("#field-outcomes").await.send_keys(&keys("Meet every quarter\nTeam to book rooms")).await.unwrap();
    s.eventually("outcomes saved", || async { s.text("#outcomes-status").await == "Saved" }).await;
    s.assert_accessible("running the meeting").await;
    s.screenshot("run-meeting").await;
    s.click("#next-item").await;
    s.eventually("next item", || async { s.text("h1").await == "Network update" }).await;
    s.find("#field-notes").await.send_keys("Quick note typed just before closing").await.unwrap();
    s.eventually("notes saved", || async { s.text("#notes-status").await == "Saved" }).await;
    let data = s.close().await;

    // Close and reopen: everything typed is there.
    let s = launch_with(data).await;
    s.find("#upcoming-meetings").await;
    s.click("#upcoming-meetings tbody a").await;
    s.click("#run-meeting").await;
    s.find("#field-notes").await;
    assert_eq!(s.find("#field-notes").await.prop("value").await.unwrap().as_deref(), Some("Leads agreed to **meet** quarterly.\n\n- one\n- two"));
    assert_eq!(s.find("#field-outcomes").await.prop("value").await.unwrap().as_deref(), Some("Meet every quarter\nTeam to book rooms"));
    s.click("#next-item").await;
    s.eventually("second item's notes", || async {
        s.find("#field-notes").await.prop("value").await.unwrap().as_deref() == Some("Quick note typed just before closing")
    })
    .await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_action_agreed_while_running_the_meeting_appears_at_the_next_one() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#past-meetings").await;
    s.click("#past-meetings tbody a").await;
    s.find("#actions").await;
    assert_eq!(s.count("#agreed-actions .fd-action").await, 3);
    s.assert_accessible("meeting with actions").await;

    // Alt+A on a line of the notes makes it an action; Enter adds it.
    s.click("#run-meeting").await;
    s.find("#field-notes").await;
    let notes = s.find("#field-notes").await;
    notes.send_keys(&keys("\nChairs to share their induction packs")).await.unwrap();
    notes.send_keys(&format!("{ALT}a{RELEASE}")).await.unwrap();
    s.eventually("the line becomes the action", || async {
        s.find("#field-qadescription").await.prop("value").await.unwrap().as_deref() == Some("Chairs to share their induction packs")
    })
    .await;
    s.find("#field-qadescription").await.send_keys(ENTER).await.unwrap();
    s.eventually("action listed under the item", || async { s.text("#run-actions").await.contains("Chairs to share their induction packs — Forum team") }).await;
    s.assert_accessible("running the meeting with actions").await;
    s.screenshot("run-actions").await;

    // The next meeting carries it, with the earlier open ones.
    s.click("a.govuk-header__link[href='#/meetings']").await;
    s.click("#upcoming-meetings tbody a").await;
    s.find("#carried-actions").await;
    let carried = s.text("#carried-actions").await;
    assert!(carried.contains("Chairs to share their induction packs"), "{carried}");
    assert!(carried.contains("Draft one shared question-and-answer sheet"), "{carried}");
    assert!(!carried.contains("Send open events"), "a done action is not carried: {carried}");

    // The action log shows it, with overdue ones marked.
    s.click("a.govuk-header__link[href='#/actions']").await;
    s.find("#action-table").await;
    assert!(s.text("#action-table").await.contains("Chairs to share their induction packs"));
    s.assert_accessible("action log").await;
    s.screenshot("action-log").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readout_preview_shows_the_meeting_as_it_will_be_published() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#past-meetings").await;
    s.click("#past-meetings tbody a").await;
    s.click("#publish-readout").await;
    s.find("#readout-form").await;
    s.eventually("preview drawn", || async { s.count("#readout-preview h3").await >= 5 }).await;
    let preview = s.text("#readout-preview").await;
    assert!(preview.contains("What happened at our latest Leaders of Networks Forum"), "{preview}");
    assert!(preview.contains("Supporting trans colleagues through policy change"), "{preview}");
    assert!(preview.contains("Agreed: draft one shared question-and-answer sheet for all networks"), "{preview}");
    // A footnote: its number raised in the text, its words under Notes after the sections.
    let sup = s.client.execute("return document.querySelector('#readout-preview sup.fd-footnote-ref').textContent", vec![]).await.unwrap();
    assert_eq!(sup, json!("note 1"), "a screen reader hears which note");
    let notes = s.text("#readout-preview ol.fd-footnotes").await;
    assert!(notes.contains("Both took over their networks over the summer."), "{notes}");
    // The number is a link to its note, and following it moves the focus there.
    s.click("#readout-preview sup.fd-footnote-ref a").await;
    let focused = s.client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, json!("fd-note-1"));

    // Options change the preview at once: a title, and the agenda table.
    s.type_into("#field-title", "Our autumn forum: what we agreed").await;
    s.click("label[for='field-includeAgenda']").await;
    s.eventually("title and agenda in the preview", || async {
        let p = s.text("#readout-preview").await;
        p.contains("Our autumn forum: what we agreed") && p.contains("15:50 to close")
    })
    .await;
    assert!(s.text("#readout-preview").await.contains("9 networks were represented: 12 dialled in; 1 sent apologies."));
    assert!(!s.text("#readout-preview").await.contains("Robin Ashby"), "no names unless asked");
    s.click("label[for='field-includeNames']").await;
    s.eventually("names when asked", || async { s.text("#readout-preview").await.contains("Robin Ashby") }).await;
    s.click("label[for='field-includeNames']").await;
    s.eventually("names gone again", || async { !s.text("#readout-preview").await.contains("Robin Ashby") }).await;
    s.assert_accessible("publish the readout").await;
    s.screenshot("publish-readout").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn import_registrations_settle_an_unknown_network_then_check_people_in() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#upcoming-meetings").await;
    s.click("#upcoming-meetings tbody a").await;
    s.click("#check-in").await;
    s.find("#counts").await;
    s.eventually("the sample's registrations", || async { s.text("[data-count='registered'] .fd-count__n").await == "8" }).await;

    // The wizard: read the file, see the columns and the networks it could not place.
    s.click("#import-registrations").await;
    s.type_into("#field-file", fixture("registrations-google.csv").to_str().unwrap()).await;
    s.click("#read-file").await;
    s.find("#columns").await;
    let summary = s.text("#import-summary").await;
    assert!(summary.contains("5 answers in registrations-google.csv; 4 people for this meeting"), "{summary}");
    assert!(summary.contains("1 answers repeat an earlier one"), "{summary}");
    let unmatched = "[data-said='Wand Club (Ministry of Magic)']";
    assert!(s.text(unmatched).await.contains("Not matched yet; row 5"));
    assert!(s.text("[data-said='DfE LGBT network']").await.contains("Matched"));
    s.assert_accessible("import registrations").await;
    s.screenshot("import-registrations").await;

    // Importing before settling it is refused next to the field; nothing is written.
    s.click("#run-import").await;
    s.find(".govuk-error-summary").await;
    assert!(s.text(&format!("{unmatched} .govuk-error-message")).await.contains("Choose a network for \u{201c}Wand Club (Ministry of Magic)\u{201d}"));
    s.find(&format!("{unmatched} select")).await.select_by_value("create").await.unwrap();
    s.eventually("the new network's fields", || async { s.count(&format!("{unmatched} #field-new-name-0")).await == 1 }).await;
    s.type_into("#field-new-name-0", "Wand Club").await;
    s.type_into("#field-new-department-0", "Ministry of Magic").await;
    s.click("#run-import").await;

    // Back at the check-in list: twelve registered, none checked in.
    s.find("#banner-title").await;
    assert!(s.text(".govuk-notification-banner").await.contains("Imported 4 registrations (0 already registered), 1 network added"));
    s.eventually("counts after the import", || async { s.text("[data-count='registered'] .fd-count__n").await == "12" }).await;

    // One key per person: I for in person, D for dialled in; the counts follow.
    let row = |name: &str| format!("//tr[contains(@class, 'fd-checkin-row')][contains(., '{name}')]");
    s.focus_xpath(&row("Priya Shah")).await;
    s.press('i').await;
    s.eventually("Priya in person", || async { s.text("[data-count='in_person'] .fd-count__n").await == "1" }).await;
    s.focus_xpath(&row("Wand")).await;
    s.press('d').await;
    s.eventually("Lee dialled in", || async { s.text("[data-count='dialled_in'] .fd-count__n").await == "1" }).await;
    assert_eq!(s.text("[data-count='networks'] .fd-count__n").await, "2");

    // A walk-in in seconds, then the filter shows just those in the room.
    s.type_into("#field-walkin-name", "Casey Doorstep").await;
    s.find("#field-walkin-network").await.select_by_label("Kaleidoscope (HM Revenue and Customs)").await.unwrap();
    s.click("#add-walkin").await;
    s.eventually("walk-in added", || async { s.text("#walkin-done").await.contains("Added Casey Doorstep, in person") }).await;
    assert_eq!(s.text("[data-count='in_person'] .fd-count__n").await, "2");
    s.find("#field-filter").await.select_by_value("in_person").await.unwrap();
    s.eventually("filtered to in person", || async { s.count("#checkin tbody tr.fd-checkin-row").await == 2 }).await;
    s.assert_accessible("check-in").await;
    s.screenshot("check-in").await;

    // Attendance over time: the networks nobody has represented for a year.
    s.click("a.govuk-header__link[href='#/attendance']").await;
    s.find("#by-network").await;
    let missing = s.text("#not-represented").await;
    assert!(missing.contains("Bridges LGBT+ Staff Network"), "never attended: {missing}");
    assert!(!missing.contains("Proud at Home"), "attended the last meeting: {missing}");
    assert!(s.text("#by-meeting").await.contains("9"), "networks at the past meeting");
    s.assert_accessible("attendance").await;
    s.screenshot("attendance").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_teams_report_fills_the_check_in_list_and_the_attendance_chart() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#past-meetings").await;
    s.click("#past-meetings tbody a").await;
    s.click("#check-in").await;
    // The sample forum meets on Teams: its past meeting was filled from its own report.
    s.eventually("the sample's past attendance", || async { s.text("[data-count='dialled_in'] .fd-count__n").await == "12" }).await;
    assert_eq!(s.text("[data-count='phone'] .fd-count__n").await, "2", "the sample report's phone lines");
    assert_eq!(s.text("[data-count='in_person'] .fd-count__n").await, "0");

    // Read the report: who matched and how, the walk-ins and their networks, the phone
    // lines, and that the report is for another day.
    s.click("#import-teams").await;
    s.type_into("#field-file", fixture("teams-attendance-sections.txt").to_str().unwrap()).await;
    s.click("#read-file").await;
    s.find("#report-summary").await;
    let summary = s.text("#report-summary").await;
    assert!(summary.contains("20 January 2025") && summary.contains("Leaders of Networks Forum"), "{summary}");
    let warning = s.text("#other-date").await;
    assert!(warning.contains("This report is for ") && warning.contains("20 January 2025, but the meeting is on"), "{warning}");
    let matched = s.text("#teams-matched").await;
    assert!(matched.contains("Dev Marsh") && matched.contains("matched by email") && matched.contains("1 h 24 min"), "{matched}");
    assert!(matched.contains("Nia Okafor") && matched.contains("matched by name"), "{matched}");
    assert!(matched.contains("Apologies → Dialled in"), "Alex sent apologies and came: {matched}");
    assert!(s.text("#teams-team").await.contains("Jules Amara"));
    let walk_ins = s.text("#teams-walkins").await;
    assert!(walk_ins.contains("Open Road LGBT+ Network (guessed from @transport.example.uk"), "{walk_ins}");
    assert!(walk_ins.contains("Not sure (@wizardry.example.uk): choose below"), "{walk_ins}");
    assert!(s.text("#teams-phone").await.contains("2 phone lines, counted as dialled in without names"));
    s.assert_accessible("import Teams attendance").await;
    s.screenshot("teams-import").await;
    s.screenshot_of("#teams-matched", "teams-import-matched").await;
    s.screenshot_of("#teams-walkins", "teams-import-walk-ins").await;
    s.screenshot_of("#teams-networks", "teams-import-networks").await;

    // Importing before confirming the date and settling Casey's network is refused.
    s.click("#run-import").await;
    s.find(".govuk-error-summary").await;
    assert!(s.text("#group-any-date .govuk-error-message").await.contains("Confirm that this is the right report"));
    assert!(s.text("[data-said='@wizardry.example.uk'] .govuk-error-message").await.contains("Choose a network for \u{201c}@wizardry.example.uk\u{201d}"));
    s.assert_accessible("import Teams attendance, with errors").await;
    s.screenshot("teams-import-errors").await;
    s.screenshot_of("#group-any-date", "teams-import-confirm").await;
    s.click("label[for='field-any-date']").await;
    s.find("[data-said='@wizardry.example.uk'] select").await.select_by_value("none").await.unwrap();
    s.click("#run-import").await;

    // Back on the check-in list: the counts, the phone lines and each person's time.
    s.find("#banner-title").await;
    let banner = s.text(".govuk-notification-banner").await;
    assert!(banner.contains("Imported the Teams attendance: 1 person checked in as dialled in, 2 people added to the list, 2 phone lines."), "{banner}");
    s.eventually("counts after the import", || async { s.text("[data-count='dialled_in'] .fd-count__n").await == "15" }).await;
    assert_eq!(s.text("[data-count='phone'] .fd-count__n").await, "2");
    assert_eq!(s.text("[data-count='in_person'] .fd-count__n").await, "0");
    assert!(s.text("#checkin thead").await.contains("Time in meeting"));
    let row = s.client.find(Locator::XPath("//tr[contains(@class, 'fd-checkin-row')][contains(., 'Dev Marsh')]")).await.unwrap().text().await.unwrap();
    assert!(row.contains("1 h 24 min") && row.contains("15:03 to 16:30"), "{row}");
    let casey = s.client.find(Locator::XPath("//tr[contains(@class, 'fd-checkin-row')][contains(., 'Casey Lin')]")).await.unwrap().text().await.unwrap();
    assert!(casey.contains("No network") && casey.contains("46 min"), "{casey}");
    s.assert_accessible("check-in after the Teams import").await;
    s.screenshot("check-in-teams").await;
    s.screenshot_of("#checkin", "check-in-teams-list").await;

    // The same report again changes nothing.
    s.click("#import-teams").await;
    s.type_into("#field-file", fixture("teams-attendance-sections.txt").to_str().unwrap()).await;
    s.click("#read-file").await;
    assert!(s.text("#already-in").await.contains("already on the check-in list"));

    // The attendance chart and its table count the phone lines as dialled in.
    s.click("a.govuk-header__link[href='#/attendance']").await;
    s.find("#by-meeting").await;
    let cells = s.client.execute("return Array.from(document.querySelectorAll('#by-meeting tbody tr:last-child td')).map(td => td.textContent)", vec![]).await.unwrap();
    assert_eq!(cells, json!(["10", "15", "0", "15", "0"]), "networks, people, in person, dialled in, apologies");
    s.assert_accessible("attendance after the Teams import").await;
    s.screenshot_of("#attendance-chart", "attendance-teams").await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_is_edited_and_erased_on_request() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#upcoming-meetings").await;
    s.click("a.govuk-header__link[href='#/people']").await;
    s.find("#people-table").await;
    s.type_into("#field-search", "ferris").await;
    s.eventually("one match", || async { s.count("#people-table tbody a").await == 1 }).await;
    s.assert_accessible("people").await;
    s.click("#people-table tbody a").await;

    // Their page lists what is held; a role change is saved.
    s.find("#person-registrations").await;
    assert!(s.text("#person-registrations").await.contains("Dialled in"));
    s.find("#field-role").await.select_by_value("committee_member").await.unwrap();
    s.click("#person-form-submit").await;
    s.eventually("saved", || async { s.count("#banner-title").await == 1 }).await;
    assert_eq!(s.find("#field-role").await.prop("value").await.unwrap().as_deref(), Some("committee_member"));
    s.assert_accessible("a person").await;
    s.screenshot("person").await;

    // Erasing asks first, then removes them and their registrations.
    s.click("#erase-person").await;
    assert!(s.text("#erase-confirm").await.contains("This removes Kit Ferris's name, email and pronouns from Forum Desk for good. Their 1 registration stays only as an anonymous count for their network"));
    s.click("#confirm-erase").await;
    s.eventually("back at the list", || async { s.text(".govuk-notification-banner").await.contains("Kit Ferris has been erased") }).await;
    assert!(!s.text("#people-table").await.contains("Kit Ferris"));

    // Settings: backups, the retention period, themes.
    s.click("a.govuk-header__link[href='#/settings']").await;
    s.find("#backup-now").await;
    s.type_into("#field-retentionYears", "0").await;
    s.click("#save-retention").await;
    s.find(".govuk-error-summary").await;
    assert!(s.text("#group-retentionYears").await.contains("Keep details for between 1 and 50 years"));
    s.assert_accessible("settings").await;
    s.screenshot("settings").await;
    s.close().await;
}

/// The sample forum's upcoming meeting date, as the command line reports it.
fn upcoming_date(data: &Path) -> String {
    let out = Command::new(APP).arg("--data-dir").arg(data).args(["meetings", "list", "--json"]).output().unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array().unwrap().iter().find(|s| s["upcoming"] == true).unwrap()["meeting"]["date"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_fills_in_and_saves_a_submission_the_chair_imports() {
    let _g = serial();
    let chair_data = sample_data();
    let date = upcoming_date(chair_data.path());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("learning-with-pride.json");

    // A lead's fresh copy: one question on the welcome screen, then one task.
    let s = launch().await;
    s.click("#i-lead").await;
    s.find("#lead-form").await;
    s.type_into("[id='field-network.name']", "Learning with Pride").await;
    s.type_into("[id='field-network.department']", "Department for Education").await;
    s.type_into("[id='field-lead.name']", "Sasha Byrne").await;
    s.type_into("[id='field-lead.email']", "sasha.byrne@example.org").await;
    s.type_into("[id='field-meeting.date']", &date).await;
    s.type_into("[id='field-needs.1.text']", "Help writing our Stonewall Workplace Equality Index submission").await;
    s.type_into("[id='field-needs.2.text']", "Volunteers to run events outside London").await;
    s.type_into("[id='field-strengths.1.text']", "Running staff surveys and sharing the data").await;
    s.type_into("[id='field-proposals.1.title']", "Mentoring for new chairs").await;
    s.type_into("[id='field-proposals.1.minutes']", "10").await;
    s.click("label[for='attending-1']").await;

    // A gap in the needs is named beside the field; nothing is saved.
    s.type_into("[id='field-needs.2.text']", "").await;
    s.type_into("[id='field-needs.3.text']", "A senior sponsor").await;
    s.type_into("#field-file", file.to_str().unwrap()).await;
    s.click("#save-submission").await;
    s.find(".govuk-error-summary").await;
    assert!(s.text("[id='group-needs.2.text'] .govuk-error-message").await.contains("Enter the need 2"));
    assert!(!file.exists());
    s.type_into("[id='field-needs.2.text']", "Volunteers to run events outside London").await;
    s.click("#save-submission").await;
    s.eventually("saved", || async { s.count(".govuk-panel--confirmation").await == 1 }).await;
    s.assert_accessible("lead mode").await;
    s.screenshot("lead-mode").await;
    s.screenshot_of("#lead-form", "lead-mode-form").await;
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["format"], "forum-desk-submission");
    assert_eq!(saved["needs"].as_array().unwrap().len(), 3);
    assert_eq!(saved["registration"]["attending"], "dialled_in");
    assert_eq!(saved.as_object().unwrap().keys().filter(|k| !["format", "version", "createdAt", "meeting", "network", "lead", "needs", "strengths", "proposals", "registration"].contains(&k.as_str())).count(), 0);

    // The draft is kept: reopening shows it.
    let lead_data = s.close().await;
    let s = launch_with(lead_data).await;
    s.find("#lead-form").await;
    s.eventually("draft back", || async { s.find("[id='field-needs.3.text']").await.prop("value").await.unwrap().as_deref() == Some("A senior sponsor") }).await;
    s.close().await;

    // The chair imports it into the upcoming meeting and reads the forward look.
    let s = launch_with(chair_data).await;
    s.find("#upcoming-meetings").await;
    s.click("#upcoming-meetings tbody a").await;
    s.click("#needs-strengths").await;
    s.find("#submission-file-form").await;
    s.type_into("#field-submission-file", file.to_str().unwrap()).await;
    s.click("#import-submission-file").await;
    s.eventually("imported", || async { s.text(".govuk-notification-banner").await.contains("Imported Learning with Pride's submission: needs and strengths added; 1 agenda proposal added; registration recorded") }).await;
    assert!(s.text("#submitted-count").await.starts_with("1 of 12 networks"));

    // The chair types another network's strengths: the Stonewall need finds its helper.
    s.click("#enter-submission").await;
    s.find("#submission-form").await;
    s.find("#field-networkId").await.select_by_label("Kaleidoscope (HM Revenue and Customs)").await.unwrap();
    s.type_into("[id='field-strengths.1.text']", "We scored well in the Stonewall index and can share our evidence").await;
    s.click("#save-submission").await;
    s.find("#matches").await;
    s.eventually("matched", || async { s.text("#matches").await.contains("Kaleidoscope (HM Revenue and Customs) is good at: We scored well in the Stonewall index") }).await;
    s.assert_accessible("forward look").await;
    s.screenshot("forward-look").await;
    s.screenshot_of("#matches", "forward-look-matches").await;
    s.screenshot_of("#themes-picture", "forward-look-picture").await;

    // The same file again, changed: the chair sees what changes before replacing.
    let mut changed = saved.clone();
    changed["needs"][0]["text"] = "Help with our staff survey".into();
    std::fs::write(&file, changed.to_string()).unwrap();
    s.type_into("#field-submission-file", file.to_str().unwrap()).await;
    s.click("#import-submission-file").await;
    s.find("#submission-changes").await;
    assert!(s.text("#submission-changes").await.contains("Need 1: Help writing our Stonewall Workplace Equality Index submission becomes Help with our staff survey"));
    s.assert_accessible("confirm a replaced submission").await;
    s.click("#confirm-replace").await;
    s.eventually("replaced", || async { s.text(".govuk-notification-banner").await.contains("needs and strengths replaced") }).await;
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_text_in_meetings_notes_actions_and_people_runs_nothing() {
    use forum_core::model::{ActionInput, ItemInput, MeetingInput, RegistrationInput, RegistrationSource, StatementInput, SubmissionInput, SubmissionSource};
    let _g = serial();
    let data = sample_data();
    let hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let meeting_id;
    {
        let mut store = forum_core::Store::open_dir(data.path()).unwrap();
        let input = MeetingInput { title: format!("{hostile} \u{202e}forum"), date: "2031-03-13".into(), start_time: "15:00".into(), end_time: "16:00".into(), location: hostile.into(), ..Default::default() };
        meeting_id = forum_core::forum::meetings::create(&mut store, &input, None).unwrap().id;
        let item = ItemInput { title: hostile.into(), duration_minutes: "10".into(), kind: "discussion".into(), presenter: Some("x".repeat(200)), ..Default::default() };
        let item = forum_core::forum::agenda::add_item(&mut store, meeting_id, &item).unwrap();
        let notes = format!("{hostile}\n\n[click me](javascript:window.__pwned=3) and [data](data:text/html,<script>window.__pwned=4</script>)\n\n<iframe src=\"https://example.org\"></iframe>\n\n{}", "\u{202e}reversed ".repeat(50));
        forum_core::forum::agenda::save_notes(&mut store, item.id, &notes).unwrap();
        forum_core::forum::agenda::save_outcomes(&mut store, item.id, &[hostile.to_string()]).unwrap();
        let action = ActionInput { description: hostile.into(), owner_text: Some(hostile.into()), ..Default::default() };
        forum_core::forum::actions::create(&mut store, meeting_id, Some(item.id), &action, chrono::NaiveDate::from_ymd_opt(2031, 3, 13).unwrap()).unwrap();
        let person = RegistrationInput { name: hostile.into(), email: None, pronouns: Some("<b>they</b>".into()), network_id: None, status: forum_core::model::AttendanceStatus::InPerson };
        forum_core::people::attendance::register(&mut store, meeting_id, &person, RegistrationSource::Entered).unwrap();
        let network = forum_core::networks::list(&store, &Default::default()).unwrap()[0].id;
        let st = StatementInput { text: hostile.into(), ..Default::default() };
        forum_core::needs::save(&mut store, meeting_id, &SubmissionInput { network_id: network, needs: vec![st.clone()], strengths: vec![st], ..Default::default() }, SubmissionSource::Entered).unwrap();
    }
    let s = launch_with(data).await;
    s.find("#upcoming-meetings").await;
    let safe = || async {
        assert_eq!(s.client.execute("return window.__pwned === undefined;", vec![]).await.unwrap(), Value::Bool(true), "hostile text ran");
        assert_eq!(s.count("#main-content img, #main-content iframe, #main-content script").await, 0);
        assert_eq!(s.count("a[href^='javascript:'], a[href^='data:']").await, 0);
    };
    for (path, wait, screen) in [
        (format!("#/meetings/{meeting_id}"), "#agenda-table", "meeting"),
        (format!("#/meetings/{meeting_id}/run/1"), "#field-notes", "running"),
        (format!("#/meetings/{meeting_id}/readout"), "#readout-preview h3", "readout preview"),
        (format!("#/meetings/{meeting_id}/attendance"), "#checkin", "check-in"),
        (format!("#/meetings/{meeting_id}/forward-look"), "#matches", "forward look"),
        ("#/actions".to_string(), "#action-table", "actions"),
        ("#/people".to_string(), "#people-table", "people"),
    ] {
        s.client.execute(&format!("location.hash = '{path}';"), vec![]).await.unwrap();
        s.find(wait).await;
        s.eventually(&format!("{screen} shows the text as typed"), || async { s.text("#main-content").await.contains("<img src=x onerror=") }).await;
        safe().await;
        s.assert_accessible(&format!("{screen} with hostile text")).await;
    }
    s.screenshot("hostile-readout").await;
    s.close().await;
}

/// Issue 15: the chair makes the forum monthly in Settings, plans the next three
/// meetings from the meetings screen, and sees them in the list.
#[tokio::test(flavor = "multi_thread")]
async fn a_monthly_forum_and_three_meetings_planned_at_once() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.click("a.govuk-header__link[href='#/settings']").await;
    s.find("#cadence-form").await;
    s.click("#field-every-monthly").await;
    s.click("#field-rule-weekday").await;
    s.find("#field-week").await.select_by_value("fourth").await.unwrap();
    s.find("#field-weekday").await.select_by_value("wed").await.unwrap();
    s.assert_accessible("settings, how often the forum meets").await;
    s.click("#save-cadence").await;
    s.eventually("saved", || async { s.text(".govuk-notification-banner").await.contains("Saved how often the forum meets") }).await;
    assert_eq!(s.find("#field-every-monthly").await.prop("checked").await.unwrap().as_deref(), Some("true"));

    s.click("a.govuk-header__link[href='#/meetings']").await;
    let before = s.count("#upcoming-meetings tbody tr").await;
    s.click("#plan-meetings").await;
    assert!(s.text("#plan-cadence").await.starts_with("Monthly, on the fourth Wednesday."));
    s.find("#field-count").await.select_by_value("3").await.unwrap();
    s.assert_accessible("plan the next meetings").await;
    s.click("#plan").await;
    s.find("#planned-meetings").await;
    let dates = s.texts("#planned-meetings tbody td:first-child").await;
    assert_eq!(dates.len(), 3, "{dates:?}");
    assert!(dates.iter().all(|d| d.starts_with("Wednesday")), "{dates:?}");
    assert!(s.text(".govuk-notification-banner").await.contains("Planned 3 meetings"));
    s.assert_accessible("meetings planned").await;
    s.screenshot("meetings-planned").await;
    s.click("a.govuk-header__link[href='#/meetings']").await;
    s.eventually("listed", || async { s.count("#upcoming-meetings tbody tr").await == before + 3 }).await;
    s.close().await;
}

/// The system's file dialogs cannot be driven through WebDriver: this answers the page's
/// save and folder dialogs with `path` instead, at the IPC request the dialog plugin
/// sends (Tauri's IPC goes through `fetch` to its `ipc:` protocol), so everything after
/// the dialog (the window's command, the file) is the real thing.
async fn answer_dialogs_with(s: &Session, path: &Path) {
    let js = format!(
        "const answer = {};
         const original = window.__forumDeskFetch || window.fetch;
         window.__forumDeskFetch = original;
         window.fetch = (url, init) => /plugin%3Adialog%7C(save|open)$/.test(String(url))
           ? Promise.resolve(new Response(JSON.stringify(answer), {{ headers: {{ 'Tauri-Response': 'ok', 'Content-Type': 'application/json' }} }}))
           : original(url, init);",
        serde_json::to_string(&path.display().to_string()).unwrap()
    );
    s.client.execute(&js, vec![]).await.unwrap();
}

/// Issue 17: circulating from the meeting page and the action log: the drafts on screen,
/// then written through the window's own command and read by Python's email package.
#[tokio::test(flavor = "multi_thread")]
async fn circulate_the_agenda_and_action_reminders_as_email_drafts() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#upcoming-meetings").await;
    s.click("#upcoming-meetings tbody a").await;
    s.click("#email-agenda").await;
    s.find("#email-intro").await;
    assert_eq!(s.text("h1").await, "Email the agenda to those registered");

    // No forum mailbox yet: the screen says so and asks for it.
    assert!(s.text("#mailbox-missing").await.contains("The forum's mailbox is not set"));
    s.type_into("#field-forumEmail", "forum at example").await;
    s.click("#save-mailbox").await;
    assert!(s.text("#error-forumEmail").await.contains("Enter an email address in the correct format"));
    s.assert_accessible("email the agenda, the mailbox refused").await;
    s.type_into("#field-forumEmail", "forum@example.org").await;
    s.click("#save-mailbox").await;
    s.eventually("the draft goes to the forum's mailbox", || async { s.count("#mailbox-missing").await == 0 && s.count("#summary-agenda").await == 1 }).await;
    let summary = s.text("#summary-agenda").await;
    assert!(summary.contains("Leaders of Networks Forum <forum@example.org>"), "{summary}");
    assert!(summary.contains("8 addresses, each hidden from the others"), "{summary}");
    assert!(summary.contains("-agenda.pdf") && summary.contains("leaders-of-networks-forum.ics"), "{summary}");
    s.click("#bcc-agenda summary").await;
    assert!(s.text("#bcc-agenda").await.contains("Nia Okafor <nia.okafor@example.org> (registered, Proud at Home)"));
    let subject = s.find("#field-agenda-subject").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(subject.starts_with("Agenda: Leaders of Networks Forum "), "{subject}");
    let body = s.find("#field-agenda-body").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(body.contains("Join online: https://meet.example.org/leaders-forum") && body.contains("Any other business"), "{body}");
    // The text is the chair's to change before saving.
    s.type_into("#field-agenda-body", &keys("Dear leads,\n\nThe agenda is attached. See you soon.")).await;
    assert_eq!(s.find("#field-agenda-body").await.prop("value").await.unwrap().as_deref(), Some("Dear leads,\n\nThe agenda is attached. See you soon."));
    assert_eq!(s.text("#save-email").await, "Save the email\u{2026}");
    s.assert_accessible("email the agenda").await;
    s.screenshot("email-agenda").await;
    s.screenshot_of("#field-agenda-subject", "email-agenda-text").await;
    // Saved: the draft as written, with the chair's text, read by a real mail parser.
    let out = tempfile::tempdir().unwrap();
    let agenda = out.path().join("agenda.eml");
    answer_dialogs_with(&s, &agenda).await;
    s.click("#save-email").await;
    s.eventually("the email written", || async { agenda.exists() }).await;
    // The text part is in canonical form (CR LF line ends, as MIME asks).
    let read = python_reads_email(&agenda).replace("\\r\\n", "\\n");
    assert!(read.contains("To: Leaders of Networks Forum <forum@example.org>"), "{read}");
    assert!(read.contains("Bcc: 8") && read.contains("X-Unsent: 1"), "{read}");
    assert!(read.contains("Body: Dear leads,\\n\\nThe agenda is attached. See you soon."), "{read}");
    assert!(read.contains("application/pdf") && read.contains("text/calendar"), "{read}");

    // The readout can go to every network's mailbox too.
    s.click("a.govuk-back-link").await;
    s.find("#circulate").await;
    // The router scrolls to the top once the screen is drawn; then the sidebar's foot.
    tokio::time::sleep(Duration::from_millis(300)).await;
    s.screenshot_of("#circulate", "meeting-circulate").await;
    s.click("#email-readout").await;
    s.find("#summary-readout").await;
    assert!(s.text("#summary-readout").await.contains("8 addresses"));
    s.click("label[for='field-includeNetworks']").await;
    s.eventually("and every network's mailbox", || async { s.text("#summary-readout").await.contains("19 addresses") }).await;
    assert!(s.text("#left-out-readout").await.contains("Bridges LGBT+ Staff Network (Prison and Probation Service): no mailbox recorded"));
    s.assert_accessible("email the readout").await;

    // Reminders from the action log: one email per owner.
    s.click("a.govuk-header__link[href='#/actions']").await;
    s.click("#email-reminders").await;
    s.find("#save-email").await;
    let owners: Vec<String> = {
        let mut v = Vec::new();
        for e in s.client.find_all(Locator::Css("section.fd-draft h2")).await.unwrap() {
            v.push(e.text().await.unwrap());
        }
        v
    };
    assert_eq!(owners, ["Forum team", "Proud at Home"]);
    let drafts = s.text("#main-content").await;
    assert!(drafts.contains("Forum team: not a person in Forum Desk with an email address"), "{drafts}");
    assert!(drafts.contains("2 addresses, each hidden from the others"), "{drafts}");
    assert_eq!(s.text("#save-email").await, "Save the 2 emails in a folder\u{2026}");
    let texts = s.client.execute("return Array.from(document.querySelectorAll('section.fd-draft textarea')).map(t => t.value)", vec![]).await.unwrap();
    assert!(texts[1].as_str().unwrap().contains("- Draft one shared question-and-answer sheet on policy change"), "{texts}");
    s.assert_accessible("email reminders").await;
    s.screenshot("email-reminders").await;
    let folder = out.path().join("reminders");
    std::fs::create_dir(&folder).unwrap();
    answer_dialogs_with(&s, &folder).await;
    s.click("#save-email").await;
    s.eventually("one email per owner written", || async { std::fs::read_dir(&folder).map(|d| d.count()).unwrap_or(0) == 2 }).await;
    let read = python_reads_email(&folder.join("reminder-proud-at-home.eml"));
    assert!(read.contains("Draft one shared question-and-answer sheet on policy change"), "{read}");

    // Settings: the mailbox saved above, and the templates with a Reset to default.
    s.click("a.govuk-header__link[href='#/settings']").await;
    s.find("#email-settings").await;
    assert_eq!(s.find("#field-forumEmail").await.prop("value").await.unwrap().as_deref(), Some("forum@example.org"));
    s.type_into("#field-template-agenda-subject", "Agenda for {meeting_day}").await;
    s.click("#template-agenda-save").await;
    assert!(s.text("#error-template-agenda-subject").await.contains("{meeting_day} is not a placeholder this email knows"));
    s.type_into("#field-template-agenda-subject", "Agenda for {meeting_date}").await;
    s.click("#template-agenda-save").await;
    s.eventually("saved, and Reset to default offered", || async { s.count("#template-agenda-reset:not([disabled])").await == 1 }).await;
    assert_eq!(s.find("#field-template-agenda-subject").await.prop("value").await.unwrap().as_deref(), Some("Agenda for {meeting_date}"));
    s.assert_accessible("settings with the emails").await;
    s.screenshot_of("#email-settings", "settings-emails").await;
    s.click("#template-agenda-reset").await;
    s.eventually("back to the default", || async { s.count("#template-agenda-reset[disabled]").await == 1 }).await;
    assert!(s.find("#field-template-agenda-subject").await.prop("value").await.unwrap().unwrap_or_default().starts_with("Agenda: {meeting_title}"));
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_everything_as_you_type_and_from_the_keyboard() {
    let _g = serial();
    let s = launch_with(sample_data()).await;
    s.find("#upcoming-meetings").await;
    let search_box = "form[role='search'] #search-box";
    assert_eq!(s.find("form[role='search']").await.attr("aria-label").await.unwrap().as_deref(), Some("Search the records"));

    // Typing in the header's box shows the results as you type, and the box keeps the focus.
    s.find(search_box).await.send_keys("volunteer").await.unwrap();
    s.find("#search-results section[data-kind='item'] .fd-result").await;
    let focused = s.client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, json!("search-box"), "typing is never interrupted");
    assert!(s.client.current_url().await.unwrap().as_str().ends_with("#/search?q=volunteer"));
    assert!(s.text("#search-summary").await.contains("for \u{201c}volunteer\u{201d}"));
    assert_eq!(s.text("#results-item").await, "Agenda items and notes 1");
    let hit = "#search-results section[data-kind='item'] .fd-result:first-child";
    assert_eq!(s.text(&format!("{hit} .fd-result__title")).await, "Update from the cross-government network");
    assert!(s.text(&format!("{hit} p.fd-muted")).await.starts_with("Notes \u{b7} Leaders of Networks Forum"));
    // The words found are <mark> elements made from text, in a snippet of the notes.
    assert_eq!(s.texts(&format!("{hit} .fd-result__snippet mark")).await, ["Volunteers"]);
    assert!(s.text(&format!("{hit} .fd-result__snippet")).await.contains("Volunteers are wanted for the regional round tables"));
    s.assert_accessible("search results").await;
    s.screenshot("search-results").await;

    // A result opens the record at its place: an item's notes, on that item.
    s.click(&format!("{hit} a")).await;
    s.eventually("the item's notes", || async { s.count("#field-notes").await == 1 }).await;
    assert_eq!(s.text("h1").await, "Update from the cross-government network");
    let notes = s.find("#field-notes").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(notes.contains("Volunteers are wanted"), "{notes}");
    assert_eq!(s.find(search_box).await.prop("value").await.unwrap().as_deref(), Some(""), "the box is cleared away from the results");

    // The keyboard alone: "/" to the box, type, Enter to the results, Tab to the first,
    // Enter to open it.
    s.click("a.govuk-header__link[href='#/networks']").await;
    s.find("#network-table").await;
    s.client.execute("document.getElementById('main-content').focus()", vec![]).await.unwrap();
    s.press('/').await;
    assert_eq!(s.client.execute("return document.activeElement.id", vec![]).await.unwrap(), json!("search-box"));
    s.find(search_box).await.send_keys(&keys("Kaleid\n")).await.unwrap();
    s.eventually("the results have the focus", || async { s.client.execute("return document.activeElement.id", vec![]).await.unwrap() == json!("search-summary") }).await;
    assert_eq!(s.text("#search-results section[data-kind='network'] .fd-result__title mark").await, "Kaleidoscope", "part of a word finds the whole");
    s.press('\u{E004}').await; // Tab
    let link = s.client.execute("return document.activeElement.textContent", vec![]).await.unwrap();
    assert_eq!(link, json!("Kaleidoscope"));
    s.press('\u{E007}').await; // Enter
    s.eventually("the network's page", || async { s.count("#network-details").await == 1 }).await;
    assert_eq!(s.text("h1").await, "Kaleidoscope");

    // Ctrl+K from anywhere, even in a field.
    s.find("#main-content").await;
    {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let ctrl = '\u{E009}';
        let keys = KeyActions::new("keyboard".into()).then(KeyAction::Down { value: ctrl }).then(KeyAction::Down { value: 'k' }).then(KeyAction::Up { value: 'k' }).then(KeyAction::Up { value: ctrl });
        s.client.perform_actions(keys).await.expect("Ctrl+K");
    }
    assert_eq!(s.client.execute("return document.activeElement.id", vec![]).await.unwrap(), json!("search-box"));

    // A filter narrows the results; hostile text is words, and shows as typed.
    s.find(search_box).await.send_keys(&keys("<b>\"NEAR(* network\n")).await.unwrap();
    s.eventually("an answer to the hostile words", || async { s.text("#search-summary").await.contains("NEAR(*") }).await;
    assert_eq!(s.count("#search-results b").await, 0);
    s.close().await;

    // Twenty years: a common word, counted and ranked at once; the screenshot to look at.
    let data = tempfile::tempdir().unwrap();
    let ok = Command::new(APP).arg("--data-dir").arg(data.path()).args(["demo", "--years", "20", "--seed", "7"]).status().unwrap().success();
    assert!(ok, "forum-desk demo --years 20");
    let s = launch_with(data).await;
    s.find("#past-meetings").await;
    s.find(search_box).await.send_keys(&keys("stonewall index\n")).await.unwrap();
    s.find("#search-results section[data-kind='action'] .fd-result").await;
    assert!(s.text("#search-summary").await.contains("results for \u{201c}stonewall index\u{201d}"));
    assert_eq!(s.count("#search-results section[data-kind='item'] .fd-result").await, 5, "the best five of each kind");
    assert!(s.count("#more-action").await == 1, "and a way to see more");
    s.assert_accessible("search results, twenty years").await;
    s.screenshot("search-results-twenty-years").await;
    // The actions further down (scrolled to, once the page has moved).
    s.client.execute("document.getElementById('results-action').scrollIntoView()", vec![]).await.unwrap();
    s.eventually("scrolled to the actions", || async { s.client.execute("return window.scrollY > 0", vec![]).await.unwrap() == json!(true) }).await;
    let png = s.client.screenshot().await.expect("screenshot");
    std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots/search-results-twenty-years-actions.png"), png).unwrap();
    s.find("#field-year").await.select_by_value("2016").await.unwrap();
    s.eventually("only 2016", || async { s.client.current_url().await.unwrap().as_str().contains("year=2016") }).await;
    s.eventually("results of 2016", || async {
        let metas = s.texts("#search-results section[data-kind='item'] p.fd-muted").await;
        !metas.is_empty() && metas.iter().all(|m| m.contains("2016"))
    })
    .await;
    // A range of dates instead of a year: the year is let go, the range kept in the address.
    for (id, day) in [("field-from", "2018-01-01"), ("field-to", "2018-06-30")] {
        let js = format!("const e = document.getElementById('{id}'); e.value = '{day}'; e.dispatchEvent(new Event('change'));");
        s.client.execute(&js, vec![]).await.unwrap();
    }
    s.eventually("the range in the address", || async {
        let url = s.client.current_url().await.unwrap().to_string();
        url.contains("from=2018-01-01") && url.contains("to=2018-06-30") && !url.contains("year=")
    })
    .await;
    assert_eq!(s.find("#field-year").await.prop("value").await.unwrap().as_deref(), Some(""));
    s.eventually("results of the first half of 2018", || async {
        let metas = s.texts("#search-results section[data-kind='item'] p.fd-muted").await;
        // Each hit's meeting date ends its line: "…, 12 Mar 2018".
        !metas.is_empty() && metas.iter().all(|m| m.rsplit(", ").next().is_some_and(|d| d.ends_with(" 2018") && ["Jan", "Feb", "Mar", "Apr", "May", "Jun"].iter().any(|month| d.contains(month))))
    })
    .await;
    s.assert_accessible("search results, a range of dates").await;
    // An end before the start: said next to To, and the results stay as they were.
    let before = s.texts("#search-results section[data-kind='item'] p.fd-muted").await;
    s.client.execute("const e = document.getElementById('field-to'); e.value = '2017-01-01'; e.dispatchEvent(new Event('change'));", vec![]).await.unwrap();
    s.eventually("the error beside To", || async { s.count("#error-to").await == 1 }).await;
    assert!(s.text("#error-to").await.contains("The end date must be the same as or after the start date"));
    assert_eq!(s.texts("#search-results section[data-kind='item'] p.fd-muted").await, before);
    s.assert_accessible("search, an end before the start").await;
    s.screenshot("search-dates-error").await;
    s.close().await;
}

/// What Python's email package reads in a draft: To, the Bcc count, X-Unsent, each part's
/// type, and the text.
fn python_reads_email(path: &Path) -> String {
    let script = "import email, email.policy, sys\n\
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)\n\
print('To:', m['To'])\n\
print('Bcc:', len(m['Bcc'].addresses))\n\
print('X-Unsent:', m['X-Unsent'])\n\
print('Parts:', ' '.join(p.get_content_type() for p in m.walk()))\n\
print('Body:', repr(m.get_body(('plain',)).get_content())[1:-1])\n";
    let out = Command::new("/usr/bin/python3").arg("-c").arg(script).arg(path).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
