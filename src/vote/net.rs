//! Where the round can listen: the laptop's own addresses, listed for the facilitator to pick
//! one. Never "all interfaces": the server binds exactly the address chosen.

use std::net::{IpAddr, Ipv4Addr};

/// The addresses a phone in the room could reach, best guess first: IPv4 addresses of
/// interfaces that are up and not loopback (the room's network or the facilitator's hotspot),
/// then the loopback address (for a test on the laptop itself). Link-local and IPv6 addresses
/// are left out (a phone types or scans an IPv4 address more easily).
pub fn candidates() -> Vec<IpAddr> {
    let mut out: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback() && !i.is_link_local() && i.ip().is_ipv4())
        .map(|i| i.ip())
        .collect();
    out.sort();
    out.dedup();
    out.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
    out
}

/// Whether an address may be bound: a single interface, never the unspecified address
/// (0.0.0.0 or ::, "all interfaces") nor a multicast one.
pub fn is_bindable(ip: IpAddr) -> bool {
    !ip.is_unspecified() && !ip.is_multicast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_always_offered_last_and_all_interfaces_never() {
        let c = candidates();
        assert_eq!(c.last(), Some(&IpAddr::V4(Ipv4Addr::LOCALHOST)));
        assert!(c.iter().all(|&ip| is_bindable(ip)));
        assert!(!is_bindable("0.0.0.0".parse().unwrap()));
        assert!(!is_bindable("::".parse().unwrap()));
    }
}
