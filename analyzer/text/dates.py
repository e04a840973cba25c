"""Publication times as inputs give them, and whether two of them say which came first.

A time is kept with what it does not say: a date alone (``2022-09-26``) could
be any moment of that day, and a time without its UTC offset
(``2022-09-26T10:00``) could be anywhere from 12 hours behind UTC to 14 ahead.
So each parsed time is an interval of possible UTC instants, and one article
was published before another only when its whole interval ends before the
other's begins. ``10:00-04:00`` and ``15:00+01:00`` are the same instant; a
naive ``10:00`` and ``15:00`` on one day cannot be ordered at all.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

#: Widest offsets in use: UTC-12 (Baker Island) to UTC+14 (Line Islands).
_BEHIND, _AHEAD = timedelta(hours=12), timedelta(hours=14)

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class PublicationTime:
    """When an article may have been published: UTC instants from ``earliest`` to ``latest``.

    ``text`` is the value as given; ``precision`` is ``"instant"`` (a time
    with its offset), ``"local time"`` (no offset) or ``"day"`` (a date alone).
    """

    text: str
    earliest: datetime
    latest: datetime
    precision: str

    def before(self, other: PublicationTime) -> bool:
        """Whether this time is surely earlier than ``other``, whatever the missing parts were."""
        return self.latest < other.earliest


def parse_published(value: str | None) -> PublicationTime | None:
    """The publication time in ``value`` (ISO 8601 or RFC 2822), or None when there is none.

    Unparseable text gives None: a date is never guessed.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if _DATE_ONLY.match(text):
        try:
            day = datetime.fromisoformat(text).replace(tzinfo=UTC)
        except ValueError:
            return None
        # A day in some time zone: from its first moment east of UTC to its last moment west of it.
        return PublicationTime(text, day - _AHEAD, day + timedelta(days=1) + _BEHIND, "day")
    parsed = _parse_moment(text)
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        instant = parsed.astimezone(UTC)
        return PublicationTime(text, instant, instant, "instant")
    local = parsed.replace(tzinfo=UTC)
    return PublicationTime(text, local - _AHEAD, local + _BEHIND, "local time")


def _parse_moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    # RFC 2822's "-0000" means "offset unknown"; email.utils gives it as a naive datetime.
    return parsed
