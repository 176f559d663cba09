//! The stylesheets and icon, embedded in the binary at build time. Links carry a `?v=` hash of the
//! content, so a new build busts every cache. A leaf module: the layout links to the files from here,
//! and `asset_routes` serves them (kept apart so that this module needs neither the error page nor the
//! layout).

/// One embedded file.
pub(crate) struct Asset {
    /// Its name under `/assets/`.
    pub(crate) name: &'static str,
    /// Its `Content-Type`.
    pub(crate) content_type: &'static str,
    /// Its content.
    pub(crate) bytes: &'static [u8],
    /// The hash of its content, for `?v=` and the `ETag`.
    pub(crate) hash: u64,
}

const fn asset(name: &'static str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
    Asset {
        name,
        content_type,
        bytes,
        hash: fnv1a(bytes),
    }
}

/// FNV-1a, computed at compile time: a content hash for cache busting, not for security.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

static ASSETS: [Asset; 4] = [
    asset(
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/style.css"),
    ),
    asset(
        "print.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/print.css"),
    ),
    asset(
        "report.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/report.css"),
    ),
    asset(
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
];

/// The embedded file called `name`, if there is one.
pub(crate) fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

/// The URL of asset `name` with its cache-busting hash (`/assets/style.css?v=…`).
pub(crate) fn href(name: &str) -> String {
    match find(name) {
        Some(asset) => format!("/assets/{}?v={:016x}", asset.name, asset.hash),
        None => format!("/assets/{name}"),
    }
}
