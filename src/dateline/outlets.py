"""Canonical outlet names from a URL's domain, a dateline's agency or a page's self-references.

The table is data (`data/outlets.toml`) that users extend with a TOML file of the same shape.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from dateline.errors import DatelineError

# A domain label shorter than this ('ft', 'dw', 'news') is too common a token to count as
# the outlet naming itself in page furniture; labels count only inside URL-like tokens
# ('/alalam_123.jpg', 'desk@reuters.com'), never as plain words ('independent').
MIN_SELF_REFERENCE_LABEL = 5
# Second-level suffixes under which the outlet's own label sits one step further left.
# File paths split into tokens at separators; a token shorter than this names nothing.
PATH_TOKENS = re.compile(r"[^0-9a-z]+")
MIN_PATH_TOKEN = 3
COMPOUND_SUFFIXES = frozenset({"co.uk", "co.kr", "com.tr", "co.jp", "com.au", "co.in", "go.com"})


@dataclass
class Outlet:
    """One outlet: its canonical name, its domains and the names it goes by."""

    name: str
    domains: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def host_of(url: str) -> str | None:
    """The lower-case host of a URL (or of a bare domain), without 'www.'."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.")


def own_label(domain: str) -> str:
    """The label that names the site in a domain: 'aawsat' in 'english.aawsat.com'."""
    parts = domain.split(".")
    suffix_len = 2 if ".".join(parts[-2:]) in COMPOUND_SUFFIXES else 1
    return parts[-suffix_len - 1] if len(parts) > suffix_len else parts[0]


def alias_pattern(alias: str) -> re.Pattern[str]:
    """A whole-token pattern matching the alias as written or in capitals ('THE GUARDIAN'),
    never in lower case: 'the national anthem' does not name The National."""
    forms = {alias, alias.upper()}
    body = "|".join(r"\s+".join(re.escape(word) for word in form.split()) for form in sorted(forms))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])")


class OutletTable:
    """Outlets by domain and by name, loaded from the shipped table plus a user file."""

    def __init__(self, outlets: list[Outlet]):
        self.outlets = outlets
        self.by_domain = {d.lower(): o.name for o in outlets for d in o.domains}
        self.patterns = [
            (alias_pattern(alias), o.name) for o in outlets for alias in [o.name, *o.aliases]
        ]
        self.patterns += [
            (re.compile(rf"(?<=[/@_.]){re.escape(label)}|{re.escape(label)}(?=[_/]|\.[a-z])", re.I), o.name)
            for o in outlets
            for label in {own_label(d.lower()) for d in o.domains}
            if len(label) >= MIN_SELF_REFERENCE_LABEL
        ]

        self.path_keys = {
            label: o.name for o in outlets for d in o.domains
            if len(label := own_label(d.lower())) >= MIN_SELF_REFERENCE_LABEL
        }
        for o in outlets:
            spelt = re.sub(r"[^0-9a-z]", "", o.name.lower())
            self.path_keys.update({spelt: o.name, spelt.removeprefix("the"): o.name})

    @classmethod
    def load(cls, extra: Path | None = None) -> OutletTable:
        """The shipped table, with a user's TOML file of the same shape merged over it."""
        shipped = resources.files("dateline") / "data" / "outlets.toml"
        outlets = {o.name: o for o in read_outlets(shipped.read_text(encoding="utf-8"))}
        if extra is not None:
            outlets.update({o.name: o for o in read_user_outlets(Path(extra))})
        return cls(list(outlets.values()))

    def by_url(self, url: str) -> str | None:
        """The outlet whose domain (or a parent domain) serves the URL."""
        host = host_of(url)
        while host and "." in host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.split(".", 1)[1]
        return None

    def by_path(self, path: str) -> str | None:
        """The outlet a file's folders or name spell as one token ('bpoil_foxnews/12.txt',
        'bbc/2010-06-01.txt'), as collections are filed by outlet; None if none or several."""
        if "://" in path:
            return None  # a URL is read by its domain
        tokens = {t for t in PATH_TOKENS.split(path.lower()) if len(t) >= MIN_PATH_TOKEN}
        found = {self.path_keys[t] for t in tokens if t in self.path_keys}
        return found.pop() if len(found) == 1 else None

    def by_agency(self, agency: str) -> str | None:
        """The outlet a dateline agency names, e.g. 'Sputnik' in '(Sputnik) —'."""
        for pattern, name in self.patterns:
            if pattern.fullmatch(agency.strip()):
                return name
        return None

    def by_mentions(self, text: str, *, besides: str | None = None) -> str | None:
        """The outlet named most often in page furniture (titles, footers, image paths).

        `besides` leaves one outlet out: the wire agency of a syndicated copy, whose credit
        line names it while the publisher's furniture names the publisher.
        """
        votes: Counter[str] = Counter()
        for pattern, name in self.patterns:
            if name != besides:
                votes[name] += len(pattern.findall(text))
        best = votes.most_common(1)
        return best[0][0] if best and best[0][1] else None

    def resolve(
        self, *, url: str | None = None, agency: str | None = None, text: str | None = None
    ) -> str | None:
        """The canonical outlet: URL domain, dateline agency, mentions, else the bare host."""
        if url and (name := self.by_url(url)):
            return name
        if agency and (name := self.by_agency(agency)):
            return name
        if text and (name := self.by_mentions(text)):
            return name
        return host_of(url) if url else None


def read_user_outlets(path: Path) -> list[Outlet]:
    """Outlets of a user's file; a file that cannot be read or has the wrong shape is a one-line error."""
    try:
        outlets = read_outlets(path.read_text("utf-8"))
        for outlet in outlets:
            lists = (outlet.domains, outlet.aliases)
            if not isinstance(outlet.name, str) or not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in lists):
                raise ValueError(f"outlet {outlet.name!r}: name must be a string, domains and aliases lists of strings")
        return outlets
    except OSError as exc:
        raise DatelineError(f"{path}: outlet table cannot be read ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, TypeError, ValueError, AttributeError) as exc:
        raise DatelineError(f"{path}: not an outlet table ([[outlet]] entries with name, domains, aliases): {exc}") from None


def read_outlets(toml_text: str) -> list[Outlet]:
    """Outlets of one TOML document with `[[outlet]]` tables."""
    return [Outlet(**entry) for entry in tomllib.loads(toml_text).get("outlet", [])]
