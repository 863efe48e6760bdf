"""One article, one URL: tracking parameters stripped, ``<link rel=canonical>`` followed.

Outlets and the sites that share their links decorate URLs (``utm_*`` from newsletters,
``fbclid`` from Facebook, ``zarsrc``/``gidzl`` from Zalo), so the same article arrives by
several links. :func:`clean_url` removes what only tracks; :func:`canonical_link` reads the
URL the page itself says is its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

# Parameters that only say where a click came from (ad networks, mailers, social apps).
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id",
    "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "zarsrc", "gidzl", "ttclid",
})
TRACKING_PREFIXES = ("utm_",)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """Not an http(s) URL thoisu can fetch; the message says what is wrong."""


def extra_params(setting: str) -> frozenset[str]:
    """The names of ``settings.url_strip_params`` ("ref, src") as a set."""
    return frozenset(p.strip().lower() for p in setting.split(",") if p.strip())


def check_url(url: str) -> str:
    """``url`` stripped of spaces if it is an absolute http(s) URL with a host, else BadURL.

    >>> check_url(" https://bao.vn/a.html ")
    'https://bao.vn/a.html'
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        raise BadURL(f"{url!r} is not an http:// or https:// URL with a host; "
                     "give the full address, e.g. https://bao.example.vn/rss/thoi-su.rss")
    return url


def clean_url(url: str, strip: Iterable[str] = ()) -> str:
    """The URL without tracking parameters, fragment, default port or upper-case host.

    >>> clean_url("HTTPS://Bao.VN:443/thoi-su/bai-1.html?utm_source=zalo&id=7&fbclid=x#top")
    'https://bao.vn/thoi-su/bai-1.html?id=7'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    extra = frozenset(s.lower() for s in strip)
    # The pieces kept are kept as written: re-encoding them could change what a server reads.
    query = [piece for piece in parts.query.split("&")
             if piece and not _tracking(unquote_plus(piece.split("=", 1)[0]).lower(), extra)]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, "&".join(query), ""))


def _tracking(name: str, extra: frozenset[str]) -> bool:
    return name in TRACKING_PARAMS or name in extra or name.startswith(TRACKING_PREFIXES)


_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HEAD_END = re.compile(r"</head\s*>", re.I)


def canonical_link(html: str, base: str) -> str | None:
    """The absolute URL of the page's ``<link rel="canonical">``, or None.

    A canonical that points at the site's front page from an article is a common template
    slip (every article would then be one); it is ignored, as is a non-http(s) one.

    >>> page = '<head><link rel="canonical" href="/thoi-su/bai-1.html"></head>'
    >>> canonical_link(page, "https://m.bao.vn/thoi-su/bai-1.html?amp=1")
    'https://m.bao.vn/thoi-su/bai-1.html'
    >>> canonical_link('<link rel="canonical" href="https://bao.vn/">', "https://bao.vn/a.html")
    """
    end = _HEAD_END.search(html)
    head = html[: end.start()] if end else html[:200_000]
    for tag in _LINK.findall(head):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                 for m in _ATTR.finditer(tag)}
        if "canonical" not in attrs.get("rel", "").lower().split():
            continue
        href = attrs.get("href", "").strip()
        if not href:
            return None
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        if parts.path in ("", "/") and urlsplit(base).path not in ("", "/"):
            return None
        return url
    return None


def origin_of(url: str) -> str:
    """``scheme://host[:port]``: what robots.txt and the politeness limits are kept per.

    >>> origin_of("https://Bao.vn/rss/a.rss")
    'https://bao.vn'
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port is None or _DEFAULT_PORTS.get(scheme) == port:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"
