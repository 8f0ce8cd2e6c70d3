//! The real binary in tmux, for the end-to-end tests: one tmux server per test (its own
//! socket, killed on drop) with one pane, keys sent as a person types them, and the pane read
//! back as text once it shows what the test waits for and has stopped changing.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_wolkwijzer");
/// The repository: panes start here, so `profiles/…` and `tests/fixtures/…` resolve.
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// How long a wait lasts before the test fails with the pane's content.
const PATIENCE: Duration = Duration::from_secs(20);

/// Whether tmux runs. Under `CI=true` its absence fails `test`; elsewhere the test skips with a
/// note.
pub fn available(test: &str) -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !super::on_ci(),
            "{test}: tmux is not installed, and CI=true requires this end-to-end test"
        );
        eprintln!("{test}: skipped — tmux is not installed (install it to run this test)");
    }
    ok
}

/// A tmux server of its own with one pane (session `main`); killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A server named after `name` and this process, with no session yet.
    pub fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("wolkwijzer-{name}-{}", std::process::id()),
        }
    }

    /// A new server whose `width`×`height` pane runs `run` (a shell command line) in the
    /// repository.
    pub fn run(name: &str, width: u16, height: u16, run: &str) -> Tmux {
        let t = Tmux::new(&format!("{name}-{width}x{height}"));
        let (w, h) = (width.to_string(), height.to_string());
        t.cmd(&[
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w,
            "-y",
            &h,
            "-c",
            REPO,
            run,
        ]);
        t
    }

    /// A new server with one `width`×`height` pane running a bare shell in the repository,
    /// ready for input (prompt `$ `).
    pub fn shell(name: &str, width: u16, height: u16) -> Tmux {
        let t = Tmux::run(name, width, height, "env PS1='$ ' bash --norc --noprofile");
        t.wait_for("$");
        t
    }

    /// The server's socket name (`tmux -L`), for a thread that sends keys of its own.
    pub fn socket(&self) -> &str {
        &self.socket
    }

    /// Runs a tmux command on this server; its standard output.
    pub fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys to the pane (tmux key names, or `-l` and literal text).
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    /// The pane as text.
    pub fn capture(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "main"])
    }

    /// Waits until the pane shows `text`; panics with the pane's content after 20 s.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let pane = self.capture();
            if pane.contains(text) {
                return pane;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {text:?}; the pane shows:\n{pane}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Waits until the pane shows every one of `texts` and has stopped changing (two captures
    /// 150 ms apart are equal: a frame is drawn top to bottom, so the title may show the new
    /// state before the body does); panics with the pane after 20 s.
    pub fn settled_all(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let pane = self.capture();
            if texts.iter().all(|t| pane.contains(t)) && pane == last {
                return pane;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {texts:?} on a settled pane; the pane shows:\n{pane}"
            );
            last = pane;
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// [`Tmux::settled_all`] of one text.
    pub fn settled(&self, text: &str) -> String {
        self.settled_all(&[text])
    }

    /// Waits until the pane no longer shows `text`.
    pub fn wait_for_not(&self, text: &str) {
        let start = Instant::now();
        while self.capture().contains(text) {
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {text:?} to go away"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// `p` quoted for a POSIX shell.
pub fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}
