//! The login throttle's rule: when a login is refused without checking the password.
//!
//! Failures are counted two ways within a window (the store counts them): per (client address,
//! username), so that guessing one user's password from one address stops after a few tries, and per
//! client address, so that one address cannot guess across many usernames. Neither count is per
//! username alone: wrong passwords typed at one address must not lock the user out at another.
//!
//! The client address is keyed by [`address_key`]: an IPv4 address as itself, an IPv6 address by its
//! /64 network, since one IPv6 client usually holds a whole /64 and could otherwise step round the
//! per-address count.

use std::net::IpAddr;

/// How many failures within the window each count allows before further logins are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failures of one username from one address.
    pub per_user_at_address: u64,
    /// Failures from one address, whatever the username.
    pub per_address: u64,
}

/// The failures counted for one login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// Of this username from this address, since its last success there.
    pub user_at_address: u64,
    /// From this address.
    pub address: u64,
}

/// Why a login is refused; `Display` is the Danish sentence shown on the login page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Too many failures of this username from this address.
    #[error(
        "For mange mislykkede forsøg på at logge ind med dette brugernavn. Vent et kvarter, og prøv igen."
    )]
    UserAtAddress,
    /// Too many failures from this address.
    #[error(
        "For mange mislykkede forsøg på at logge ind fra din adresse. Vent et kvarter, og prøv igen."
    )]
    Address,
}

/// `Err` when `failures` have reached one of `limits`: the login is refused without checking the
/// password (so the right password does not help either).
///
/// # Errors
/// The [`Refusal`] saying which count was reached (the address's first, as it is the wider one).
pub fn decide(failures: Failures, limits: Limits) -> Result<(), Refusal> {
    if failures.address >= limits.per_address {
        return Err(Refusal::Address);
    }
    if failures.user_at_address >= limits.per_user_at_address {
        return Err(Refusal::UserAtAddress);
    }
    Ok(())
}

/// The key failures from `ip` are counted under: an IPv4 address (an IPv4-mapped IPv6 address too) as
/// written, an IPv6 address as its /64 network (`2001:db8:1:2::/64`).
pub fn address_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", std::net::Ipv6Addr::from(bits))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Failures, Limits, Refusal, address_key, decide};

    const LIMITS: Limits = Limits {
        per_user_at_address: 5,
        per_address: 30,
    };

    fn failures(user_at_address: u64, address: u64) -> Failures {
        Failures {
            user_at_address,
            address,
        }
    }

    #[test]
    fn a_login_is_refused_when_either_count_reaches_its_limit() {
        assert_eq!(decide(failures(0, 0), LIMITS), Ok(()));
        assert_eq!(decide(failures(4, 29), LIMITS), Ok(()));
        assert_eq!(decide(failures(5, 5), LIMITS), Err(Refusal::UserAtAddress));
        assert_eq!(decide(failures(0, 30), LIMITS), Err(Refusal::Address));
        assert_eq!(decide(failures(9, 30), LIMITS), Err(Refusal::Address));
        assert!(Refusal::Address.to_string().contains("fra din adresse"));
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        let key = |s: &str| address_key(s.parse().unwrap());
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:bbbb::9"), key("2001:db8:1:2::1"));
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }
}
