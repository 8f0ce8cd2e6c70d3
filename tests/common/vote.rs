//! Helpers of the voting round's tests (included with `#[path]` by the `vote_*` tests only):
//! an HTTP client that shows redirects and refusals instead of following or failing on them,
//! and a free port on loopback.

#![allow(dead_code)]

use std::time::Duration;

/// An HTTP client that returns every status as it is (no redirect followed, no error for
/// 4xx/5xx), with a 30 s limit per request.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// A port that was free on loopback a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(8080)
}
