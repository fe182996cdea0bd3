//! Which address a request comes from. The direct peer, unless that peer is a proxy the school
//! configured as trusted (`TRUSTED_PROXIES`): then the one forwarding header that proxy writes
//! (`FORWARDED_HEADER`: `X-Forwarded-For` by default, or `Forwarded`) names the client. Only that
//! header: a proxy passes on whatever other header a client sent, so believing both would let the
//! client choose the address its rate limits count under. A header from anyone else is ignored.

use std::net::IpAddr;
use std::str::FromStr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The header a trusted proxy writes the chain of addresses into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1` (nginx's `$proxy_add_x_forwarded_for`).
    #[default]
    XForwardedFor,
    /// `Forwarded: for=client, for=proxy1` (RFC 7239).
    Forwarded,
}

impl ForwardedHeader {
    pub fn parse(value: &str) -> Result<ForwardedHeader, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "x-forwarded-for" => Ok(ForwardedHeader::XForwardedFor),
            "forwarded" => Ok(ForwardedHeader::Forwarded),
            other => Err(format!(
                "must be X-Forwarded-For or Forwarded (got {other:?})"
            )),
        }
    }
}

/// The proxies whose forwarding header is believed (addresses and networks, none by default),
/// and the header they write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    networks: Vec<IpNet>,
    header: ForwardedHeader,
}

impl TrustedProxies {
    /// Reads a list such as `127.0.0.1, ::1, 10.0.0.0/8` (commas or spaces between); the proxies
    /// write `X-Forwarded-For` unless [`TrustedProxies::with_header`] says otherwise.
    pub fn parse(value: &str) -> Result<TrustedProxies, String> {
        value
            .split([',', ' ', '\t', '\n'])
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                IpNet::from_str(entry)
                    .or_else(|_| IpAddr::from_str(entry).map(IpNet::from))
                    .map_err(|_| {
                        format!("{entry:?} is not an address or a network such as 10.0.0.0/8")
                    })
            })
            .collect::<Result<_, _>>()
            .map(|networks| TrustedProxies {
                networks,
                header: ForwardedHeader::default(),
            })
    }

    /// The same proxies, writing the chain into `header`.
    pub fn with_header(self, header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies { header, ..self }
    }

    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
    }

    /// Whether a request from `peer` may speak for others: its forwarding header is believed.
    pub fn trusts(&self, peer: IpAddr) -> bool {
        let peer = peer.to_canonical();
        self.networks.iter().any(|net| net.contains(&peer))
    }

    /// The client behind `peer`: walking the forwarding chain from the nearest hop outward, the
    /// first address that is not a trusted proxy. A hop that is unreadable (`unknown`, an
    /// obfuscated name) ends the walk at the trusted hop that reported it.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        for hop in forwarded_chain(headers, self.header).into_iter().rev() {
            let Some(hop) = hop else {
                return client;
            };
            client = hop.to_canonical();
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// The addresses a request passed through, the client first, as `header` lists them. An entry
/// that names no address is `None`.
fn forwarded_chain(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let name = match header {
        ForwardedHeader::XForwardedFor => "x-forwarded-for",
        ForwardedHeader::Forwarded => "forwarded",
    };
    let elements = headers
        .get_all(name)
        .iter()
        .flat_map(|value| value.to_str().unwrap_or("unreadable").split(','));
    match header {
        ForwardedHeader::XForwardedFor => {
            elements.map(|entry| node_address(entry.trim())).collect()
        }
        ForwardedHeader::Forwarded => elements
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (name, value) = pair.split_once('=')?;
                    name.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| node_address(value.trim().trim_matches('"')))
                })?
            })
            .collect(),
    }
}

/// The address in a forwarding entry: `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711` or a
/// bare IPv6 address.
fn node_address(node: &str) -> Option<IpAddr> {
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    node.parse().ok().or_else(|| {
        let (host, port) = node.rsplit_once(':')?;
        port.parse::<u16>().ok()?;
        host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = TrustedProxies::default();
        let spoofed = headers(&[
            ("x-forwarded-for", "198.51.100.7"),
            ("forwarded", "for=198.51.100.8"),
        ]);
        assert_eq!(none.client(ip("203.0.113.5"), &spoofed), ip("203.0.113.5"));
    }

    #[test]
    fn an_untrusted_peer_cannot_name_another_client() {
        let proxies = TrustedProxies::parse("127.0.0.1").expect("parses");
        let spoofed = headers(&[("x-forwarded-for", "198.51.100.7")]);
        assert_eq!(
            proxies.client(ip("203.0.113.5"), &spoofed),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8 ::1").expect("parses");
        let peer = ip("127.0.0.1");
        assert_eq!(
            proxies.client(peer, &headers(&[("x-forwarded-for", "198.51.100.7")])),
            ip("198.51.100.7")
        );
        // A client that sends its own header puts it in front: the hop the proxy saw counts.
        let prepended = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7, 10.1.2.3")]);
        assert_eq!(proxies.client(peer, &prepended), ip("198.51.100.7"));
        // Two header lines are one list, in order.
        let two_lines = headers(&[
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-for", "198.51.100.9"),
        ]);
        assert_eq!(proxies.client(peer, &two_lines), ip("198.51.100.9"));
        // Only the configured header counts: a Forwarded the client sent is passed on by the
        // proxy and means nothing.
        let both = headers(&[
            ("forwarded", "for=192.0.2.60"),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        assert_eq!(proxies.client(peer, &both), ip("198.51.100.7"));
        assert_eq!(
            proxies.client(peer, &headers(&[("forwarded", "for=192.0.2.60")])),
            peer
        );
        // A proxy that writes Forwarded, with ports and IPv6 in brackets: X-Forwarded-For is
        // then the one a client could have sent.
        let rfc = proxies.clone().with_header(ForwardedHeader::Forwarded);
        let forwarded = headers(&[
            (
                "forwarded",
                "for=192.0.2.60;proto=https, For=\"[2001:db8:cafe::17]:4711\"",
            ),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        assert_eq!(rfc.client(ip("::1"), &forwarded), ip("2001:db8:cafe::17"));
        assert_eq!(
            rfc.client(peer, &headers(&[("forwarded", "for=192.0.2.60:8080")])),
            ip("192.0.2.60")
        );
        assert_eq!(rfc.client(peer, &both), ip("192.0.2.60"));
        // Without a header, or with only trusted hops, the request is the proxy's own.
        assert_eq!(proxies.client(peer, &HeaderMap::new()), peer);
        assert_eq!(
            proxies.client(peer, &headers(&[("x-forwarded-for", "10.0.0.2")])),
            ip("10.0.0.2")
        );
        // An unreadable hop ends the walk at the trusted proxy that reported it.
        assert_eq!(
            rfc.client(peer, &headers(&[("forwarded", "for=unknown")])),
            peer
        );
        assert_eq!(
            proxies.client(peer, &headers(&[("x-forwarded-for", "1.2.3.4, garbage")])),
            peer
        );
    }

    #[test]
    fn an_ipv4_peer_mapped_into_ipv6_is_the_ipv4_address() {
        let proxies = TrustedProxies::parse("127.0.0.1").expect("parses");
        let headers = headers(&[("x-forwarded-for", "198.51.100.7")]);
        assert_eq!(
            proxies.client(ip("::ffff:127.0.0.1"), &headers),
            ip("198.51.100.7")
        );
        assert_eq!(
            TrustedProxies::default().client(ip("::ffff:203.0.113.5"), &headers),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn a_bad_entry_is_named() {
        let err = TrustedProxies::parse("127.0.0.1, proxy.local").expect_err("a name");
        assert!(err.contains("proxy.local"), "{err}");
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("").expect("empty").is_empty());
        assert_eq!(
            ForwardedHeader::parse("X-Forwarded-For"),
            Ok(ForwardedHeader::XForwardedFor)
        );
        assert_eq!(
            ForwardedHeader::parse("forwarded"),
            Ok(ForwardedHeader::Forwarded)
        );
        assert!(ForwardedHeader::parse("x-real-ip").is_err());
    }
}
