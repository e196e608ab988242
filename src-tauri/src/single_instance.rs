//! One window per data folder, and a second start brings that window forward.
//!
//! The window holding the folder's lock file (see `desktop::take_folder`) listens on a
//! Unix socket beside it. A second start on the same folder finds the lock taken, asks
//! the first through the socket to show itself, and exits quietly. The socket lives in the
//! data folder (0700), so only the chair's own account can reach it, and it is per folder
//! (not per app, as a D-Bus name would be): the tests and a chair with two separate
//! record folders can still have two windows.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const SOCKET_FILE: &str = "forum.sock";

/// What a second start sends, and what the first answers once it has acted.
const ASK: &str = "show-window";
const DONE: &str = "shown";

fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SOCKET_FILE)
}

/// Listens for later starts on this folder and calls `show` for each; `show` says whether
/// the window came forward, and only then is the caller told it did. Only the holder of
/// the folder's lock calls this, so a socket file already there is a stale one from a
/// window that ended without tidying up. Failing to listen (a folder path longer than a
/// socket address allows, say) costs only the bringing forward, so it is reported, not
/// fatal.
pub fn listen(data_dir: &Path, show: impl Fn() -> bool + Send + 'static) -> std::io::Result<()> {
    let path = socket_path(data_dir);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let listener = UnixListener::bind(&path)?;
    std::thread::Builder::new().name("single-instance".into()).spawn(move || {
        for stream in listener.incoming().flatten() {
            if answer(stream, &show).is_err() {
                // A caller that hung up or sent something else gets nothing; keep listening.
                continue;
            }
        }
    })?;
    Ok(())
}

fn answer(stream: UnixStream, show: &impl Fn() -> bool) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    let mut line = String::new();
    // At most one short line is read: whatever else arrives is not a request.
    BufReader::new(std::io::Read::take(&stream, 64)).read_line(&mut line)?;
    if line.trim_end() != ASK {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not a request"));
    }
    if !show() {
        return Err(std::io::Error::other("the window did not come forward"));
    }
    (&stream).write_all(format!("{DONE}\n").as_bytes())
}

/// Asks the window that has this folder open to show itself. `Ok(())` once it says it
/// has; an error when no window answers (it is starting, or hung), in which case the
/// caller explains instead.
pub fn ask_to_show(data_dir: &Path) -> std::io::Result<()> {
    let mut stream = UnixStream::connect(socket_path(data_dir))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    stream.write_all(format!("{ASK}\n").as_bytes())?;
    let mut reply = String::new();
    BufReader::new(&stream).read_line(&mut reply)?;
    if reply.trim_end() == DONE {
        Ok(())
    } else {
        Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "the open window did not answer"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_second_start_reaches_the_first_window() {
        let dir = tempfile::tempdir().unwrap();
        let shown = Arc::new(AtomicUsize::new(0));
        let counter = shown.clone();
        listen(dir.path(), move || counter.fetch_add(1, Ordering::SeqCst) < 2).unwrap();
        ask_to_show(dir.path()).unwrap();
        ask_to_show(dir.path()).unwrap();
        assert_eq!(shown.load(Ordering::SeqCst), 2);
        // A window that cannot come forward (busy, closing) does not say it did.
        assert!(ask_to_show(dir.path()).is_err());
    }

    #[test]
    fn nobody_listening_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        assert!(ask_to_show(dir.path()).is_err());
        // A stale socket file left by a window that was killed: nobody answers.
        let stale = UnixListener::bind(socket_path(dir.path())).unwrap();
        drop(stale);
        assert!(ask_to_show(dir.path()).is_err());
    }

    #[test]
    fn a_stale_socket_is_replaced_and_other_talk_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        drop(UnixListener::bind(socket_path(dir.path())).unwrap());
        let shown = Arc::new(AtomicUsize::new(0));
        let counter = shown.clone();
        listen(dir.path(), move || {
            counter.fetch_add(1, Ordering::SeqCst);
            true
        })
        .unwrap();
        let mut other = UnixStream::connect(socket_path(dir.path())).unwrap();
        other.write_all(b"rm -rf /\n").unwrap();
        let mut reply = String::new();
        BufReader::new(&other).read_line(&mut reply).unwrap();
        assert_eq!(reply, "", "anything but the request gets no answer");
        assert_eq!(shown.load(Ordering::SeqCst), 0);
        ask_to_show(dir.path()).unwrap();
        assert_eq!(shown.load(Ordering::SeqCst), 1);
    }
}
