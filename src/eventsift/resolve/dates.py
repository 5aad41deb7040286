"""Find time expressions and resolve them against the publication date; give each event its date.

Own rules cover what general date parsers get wrong in news: ranges ("between 1 and 4 March", "the night of 2 to 3
March"), nights ("overnight", "late on Saturday"), weekdays relative to publication ("on Monday" is the latest Monday on
or before the publication date), durations ("the more than 80-day blockade" starts about 80 days before publication),
month-only and year-only mentions, and relative periods ("last week", "earlier this month"). ``dateparser`` resolves the
remaining spaCy DATE entities that name a month. A date without a year is the most recent such date on or before
publication, allowing :data:`SCHEDULE_SLACK_DAYS` after it for scheduled events.

Event dates: the expression closest to the event trigger in the dependency parse (same clause first), else one carried
from the previous event when the narrative continues (below), else one in the next sentence that continues the event,
else the publication date with precision "day" and no text/span (the report's own date is the best estimate of when a
reported event happened; ``text``/``span`` stay null so users can tell it was not stated). Expressions ending more than
:data:`HISTORICAL_DAYS` before publication are historical and never date an event that is not itself historical.

Carry-over (narrative continuation): an event with no time expression of its own takes the date of the previous dated
event only when all of these hold:

- it continues the narrative: at most :data:`CARRY_SENTENCES` sentences later, with no other time expression between;
- it is told in the past tense (its trigger's clause is a simple past, a past perfect or a past passive). A
  present-tense or present-perfect clause ("the ministry demands", "it calls on", "X has rejected") is a statement
  made now, dated by publication (or by its own statement date, found as the closest expression), and a future,
  conditional or modal clause ("would attack", "will meet") is not a reported past event at all;
- the event is asserted (PLOVER aux null or historical), not future, hypothetical or negated;
- the carried date is a point or a stated span ("on 2 and 3 March"), not a duration ("the 80-day blockade", "for the
  past two weeks"): a duration dates only the event it modifies.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eventsift.config import Config
from eventsift.datafiles import read_shipped_json
from eventsift.extract.quantities import NumberLexicon, load_number_lexicon
from eventsift.model import Document, Event, When
from eventsift.resources import Resources

TIME_LEXICON_FILE = "time_lexicon.json"
SCHEDULE_SLACK_DAYS = 2
HISTORICAL_DAYS = 365
CARRY_SENTENCES = 2
LOOKAHEAD_SENTENCES = 1
# English names spelled out (calendar.month_name follows the process locale, so not used here)
_FULL_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december"})
_FULL_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj", "pcomp"})

TIME_LEXICON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "months", "weekdays", "units", "day_parts", "night_words"],
    "properties": {
        "version": {"type": "string"},
        "description": {"type": "string"},
        "months": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 12}},
        "weekdays": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 6}},
        "units": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
        "day_parts": {"type": "array", "items": {"type": "string"}},
        "night_words": {"type": "array", "items": {"type": "string"}},
        "holidays": {"type": "object", "additionalProperties": {
            "type": "object",
            "required": ["month"],
            "properties": {
                "month": {"type": "integer", "minimum": 1, "maximum": 12},
                "day": {"type": "integer", "minimum": 1, "maximum": 31},
                "weekday": {"type": "integer", "minimum": 0, "maximum": 6},
                "nth": {"type": "integer", "enum": [-1, 1, 2, 3, 4]},
            },
            "oneOf": [{"required": ["day"]}, {"required": ["weekday", "nth"]}],
            "additionalProperties": False,
        }},
    },
    "additionalProperties": False,
}


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Calendar words from ``data/time_lexicon.json``."""

    months: dict[str, int]
    weekdays: dict[str, int]
    units: dict[str, int]
    day_parts: tuple[str, ...]
    night_words: frozenset[str]
    holidays: dict[str, dict[str, int]]


def load_time_lexicon(config: Config) -> TimeLexicon:
    """Load and check ``data/time_lexicon.json`` (``config`` is unused: the calendar is not configurable)."""
    del config
    data = read_shipped_json(TIME_LEXICON_FILE, schema=TIME_LEXICON_SCHEMA)
    return TimeLexicon(
        months=data["months"], weekdays=data["weekdays"], units=data["units"],
        day_parts=tuple(data["day_parts"]), night_words=frozenset(data["night_words"]),
        holidays=data.get("holidays", {}),
    )


@dataclass(slots=True)
class TimeMatch:
    """A resolved time expression at ``[start, end)`` of the searched text."""

    start: int
    end: int
    when: When
    relative: bool = False
    duration: bool = False


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: str  # name of the :class:`_Calendar` method that turns a match into (start, end, precision)
    relative: bool = False
    duration: bool = False


Resolved = tuple[dt.date, dt.date, str]


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _expand_year(text: str, published: dt.date | None) -> int:
    """A four-digit year from "1990", "90" or "'90" (two digits: the century that keeps it near publication)."""
    digits = text.lstrip("'’")
    year = int(digits)
    if len(digits) > 2:
        return year
    base = published.year if published else 1999
    century = base - base % 100
    return century + year if century + year <= base + 1 else century - 100 + year


def _days_of(text: str) -> list[int]:
    return [int(d) for d in re.findall(r"\d+", text)]


class _Calendar:
    """Resolves rule matches against one publication date (one instance per document, so no shared state)."""

    def __init__(self, lexicon: TimeLexicon, numbers: NumberLexicon, published: dt.date | None) -> None:
        self.lexicon = lexicon
        self.numbers = numbers
        self.published = published

    def pub(self) -> dt.date:
        if self.published is None:  # relative rules are skipped without a publication date
            raise ValueError("relative rule used without a publication date")
        return self.published

    def infer_year(self, month: int, day: int, year: str | None = None) -> dt.date | None:
        """The date with its year given, else the latest one on or before publication (plus schedule slack)."""
        if year:
            return _safe_date(_expand_year(year, self.published), month, day)
        if self.published is None:
            return None
        pub = self.published
        date = _safe_date(pub.year, month, day)
        if date is None:
            return None if _safe_date(2000, month, day) is None else _safe_date(pub.year - 1, month, day)
        if date > pub + dt.timedelta(days=SCHEDULE_SLACK_DAYS):
            return _safe_date(pub.year - 1, month, day)
        return date

    def month(self, text: str) -> int:
        return self.lexicon.months[text.lower().rstrip(".")]

    def count(self, text: str | None) -> int | None:
        return 1 if not text else self.numbers.parse(text)

    def day_range(self, m: re.Match[str]) -> Resolved | None:
        numbers = _days_of(m.group("days"))
        mon = self.month(m.group("mon"))
        first = self.infer_year(mon, min(numbers), m.group("yr"))
        last = self.infer_year(mon, max(numbers), m.group("yr"))
        if first is None or last is None:
            return None
        if last < first:  # year inference split the range across new year
            first = _safe_date(last.year, mon, min(numbers))
        return (first, last, "day") if first else None

    def cross_month(self, m: re.Match[str]) -> Resolved | None:
        last = self.infer_year(self.month(m.group("m2")), _days_of(m.group("d2"))[0], m.group("yr"))
        if last is None:
            return None
        mon1, day1 = self.month(m.group("m1")), _days_of(m.group("d1"))[0]
        first = _safe_date(last.year if mon1 <= last.month else last.year - 1, mon1, day1)
        return (first, last, "day") if first else None

    def single(self, m: re.Match[str]) -> Resolved | None:
        date = self.infer_year(self.month(m.group("mon")), _days_of(m.group("d"))[0], m.group("yr"))
        if date is None:
            return None
        if m.group("since"):
            return (date, max(date, self.published or date), "day")
        return (date, date, "day")

    def month_only(self, m: re.Match[str]) -> Resolved | None:
        month = self.month(m.group("mon"))
        if m.group("yr"):
            y = _expand_year(m.group("yr"), self.published)
        else:
            pub = self.pub()
            y = pub.year if month <= pub.month else pub.year - 1
        return (dt.date(y, month, 1), _month_end(y, month), "month")

    def year_only(self, m: re.Match[str]) -> Resolved | None:
        y = int(m.group("yr"))
        return (dt.date(y, 1, 1), dt.date(y, 12, 31), "year")

    def on_weekday(self, m: re.Match[str]) -> Resolved | None:
        mods = (m.group("mod") or "").lower().split()
        weekday = self.lexicon.weekdays[m.group("wd").lower().rstrip(".")]
        pub = self.pub()
        back = (pub.weekday() - weekday) % 7
        if "next" in mods:
            date = pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
        else:
            if back == 0 and ("last" in mods or "past" in mods):
                back = 7
            date = pub - dt.timedelta(days=back)
        return (date, date, "day")

    def holiday(self, m: re.Match[str]) -> Resolved | None:
        """A named holiday: its latest occurrence on or before publication, or the next one after "next"."""
        rule = self.lexicon.holidays[re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'"))]
        pub = self.pub()
        ahead = "next" in (m.group("mod") or "").lower()
        for year in ((pub.year, pub.year + 1) if ahead else (pub.year, pub.year - 1)):
            date = _holiday_date(rule, year)
            if date is not None and ((date > pub) if ahead else (date <= pub)):
                return (date, date, "day")
        return None

    def today(self, m: re.Match[str]) -> Resolved | None:
        del m
        return (self.pub(), self.pub(), "day")

    def yesterday(self, m: re.Match[str]) -> Resolved | None:
        del m
        day = self.pub() - dt.timedelta(days=1)
        return (day, day, "day")

    def two_days_ago(self, m: re.Match[str]) -> Resolved | None:
        del m
        day = self.pub() - dt.timedelta(days=2)
        return (day, day, "day")

    def overnight(self, m: re.Match[str]) -> Resolved | None:
        del m
        return (self.pub() - dt.timedelta(days=1), self.pub(), "day")

    def ago(self, m: re.Match[str]) -> Resolved | None:
        n = self.count(m.group("n"))
        if n is None:
            return None
        days = n * self.lexicon.units[m.group("unit").lower()]
        try:
            date = self.pub() - dt.timedelta(days=days)
        except OverflowError:
            return None
        return (date, date, _duration_precision(days))

    def period(self, m: re.Match[str]) -> Resolved | None:
        pub = self.pub()
        which, what = m.group("which").lower().split()[-1], m.group("what").lower()
        past = which in ("last", "past", "previous")
        if what in ("week", "weekend"):
            monday = pub - dt.timedelta(days=pub.weekday()) - dt.timedelta(days=7 if past else 0)
            if what == "weekend":
                sat = monday + dt.timedelta(days=5)
                if sat > pub:
                    sat -= dt.timedelta(days=7)
                return (sat, sat + dt.timedelta(days=1), "day")
            return (monday, min(monday + dt.timedelta(days=6), pub), "week")
        if what == "month":
            y, mo = pub.year, pub.month
            if past:
                y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
                return (dt.date(y, mo, 1), _month_end(y, mo), "month")
            return (dt.date(y, mo, 1), pub, "month")
        y = pub.year - 1 if past else pub.year
        return (dt.date(y, 1, 1), min(dt.date(y, 12, 31), pub), "year")

    def duration(self, m: re.Match[str]) -> Resolved | None:
        n = self.count(m.group("n"))
        if not n:
            return None
        days = n * self.lexicon.units[m.group("unit").lower()]
        try:
            start = self.pub() - dt.timedelta(days=days)
        except OverflowError:
            return None
        return (start, self.pub(), _duration_precision(days))


class DateResolver:
    """Finds and resolves time expressions in a text relative to a publication date (stateless between calls)."""

    def __init__(self, lexicon: TimeLexicon, numbers: NumberLexicon) -> None:
        self.lexicon = lexicon
        self.numbers = numbers
        self._rules = self._build_rules()
        self._month_word = re.compile(rf"\b(?:{_alt(lexicon.months)})\b", re.IGNORECASE)

    def find(self, text: str, published: dt.date | None) -> list[TimeMatch]:
        """All non-overlapping time expressions in ``text`` that resolve (relative ones only with ``published``)."""
        cal = _Calendar(self.lexicon, self.numbers, published)
        found: list[TimeMatch] = []
        for rule in self._rules:
            if rule.relative and published is None:
                continue
            resolve: Callable[[re.Match[str]], Resolved | None] = getattr(cal, rule.resolve)
            for match in rule.pattern.finditer(text):
                resolved = resolve(match)
                if resolved is None or resolved[1] < resolved[0]:
                    continue
                span = match.span("x") if "x" in rule.pattern.groupindex else match.span()
                when = When(resolved[0], resolved[1], resolved[2], text[span[0]:span[1]])
                found.append(TimeMatch(span[0], span[1], when, relative=rule.relative, duration=rule.duration))
        return _drop_overlaps(found)

    def parse_entity(self, text: str, published: dt.date | None) -> Resolved | None:
        """Resolve a spaCy DATE entity our rules missed, with dateparser; only entities that name a month."""
        has_year = re.search(r"\b\d{4}\b", text) is not None
        if not self._month_word.search(text) or (published is None and not has_year):
            return None
        import dateparser

        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if published is not None:
            settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
        try:
            parsed = dateparser.parse(text, languages=["en"], settings=settings)
        except (ValueError, OverflowError):
            return None
        if parsed is None:
            return None
        day = parsed.date()
        if not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text.replace(str(day.year), "")):
            return (day.replace(day=1), _month_end(day.year, day.month), "month")
        if not has_year:
            day = _Calendar(self.lexicon, self.numbers, published).infer_year(day.month, day.day) or day
        return (day, day, "day")

    def _build_rules(self) -> list[_Rule]:
        lx = self.lexicon
        flags = re.IGNORECASE
        # only an abbreviation takes a dot ("Mar."): a sentence's full stop after "1 March." is not part of the date
        month = (rf"(?:{_alt(m for m in lx.months if m in _FULL_MONTHS)}|"
                 rf"(?:{_alt(m for m in lx.months if m not in _FULL_MONTHS)})\.?)")
        # bare abbreviations ("sat", "sun", "mar") are ordinary words: outside full dates only full names count
        month_name = rf"(?:{_alt(m for m in lx.months if m in _FULL_MONTHS)})"
        weekday = rf"(?:{_alt(w for w in lx.weekdays if w in _FULL_WEEKDAYS)}|(?:{_alt(lx.weekdays)})\.)"
        day = r"(?:0?[1-9]|[12]\d|3[01]|\d{2})(?:st|nd|rd|th)?"
        year = r"(?:1[89]\d\d|2[01]\d\d)"
        year_any = r"(?:1[89]\d\d|2[01]\d\d|'\d\d|’\d\d)"
        sep = r"\s*(?:,|and|to|-|–|until|till|through|thru|into)\s*(?:on\s+)?(?:the\s+)?(?:night\s+of\s+)?"
        num = self.numbers.pattern
        unit = rf"(?:{_alt(lx.units)})"
        parts = rf"(?:{_alt(lx.day_parts)})"
        b, e = r"(?<![\w-])", r"(?![\w-])"
        rel = True
        holiday = "|".join(re.escape(h).replace("\\ ", r"\s+").replace("'", "['’]")
                           for h in sorted(lx.holidays, key=len, reverse=True)) or r"(?!)"

        def rule(pattern: str, resolve: str, *, relative: bool = False, duration: bool = False) -> _Rule:
            return _Rule(re.compile(pattern, flags), resolve, relative, duration)

        return [
            rule(rf"{b}(?:(?:the\s+)?night\s+of\s+|between\s+|from\s+|on\s+)?(?P<days>{day}(?:{sep}{day})+)"
                 rf"\s+(?:of\s+)?(?P<mon>{month})(?:,?\s+(?P<yr>{year}))?{e}", "day_range"),
            rule(rf"{b}(?:between\s+|from\s+)?(?P<mon>{month})\s+(?P<days>{day}(?:{sep}{day})+)"
                 rf"(?:,?\s+(?P<yr>{year}))?{e}", "day_range"),
            rule(rf"{b}(?:between\s+|from\s+)?(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{month}){sep}(?P<d2>{day})"
                 rf"\s+(?:of\s+)?(?P<m2>{month})(?:,?\s+(?P<yr>{year}))?{e}", "cross_month"),
            rule(rf"{b}(?:between\s+|from\s+)?(?P<m1>{month})\s+(?P<d1>{day}){sep}(?P<m2>{month})\s+"
                 rf"(?P<d2>{day})(?:,?\s+(?P<yr>{year}))?{e}", "cross_month"),
            rule(rf"{b}(?P<since>since\s+)?(?:{weekday},?\s+)?(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?"
                 rf"(?P<mon>{month})(?:,?\s+(?P<yr>{year_any}|\d\d(?=\s*(?:--|[,.;:)]|$))))?{e}", "single"),
            rule(rf"{b}(?P<since>since\s+)?(?:{weekday},?\s+)?(?P<mon>{month})\s+(?:the\s+)?(?P<d>{day})"
                 rf"(?:,?\s+(?P<yr>{year}))?{e}", "single"),
            rule(rf"{b}(?:(?:in|during|since|of|early|late|mid|mid-|the\s+end\s+of|the\s+start\s+of)\s+)?"
                 rf"(?P<mon>{month_name}\.?),?\s+(?P<yr>{year}){e}", "month_only"),
            rule(rf"{b}(?:in|during|since|early|late|mid|mid-|until|by)\s+(?:early\s+|late\s+|mid-)?"
                 rf"(?P<mon>{month_name})(?P<yr>){e}(?!\s+\d)", "month_only", relative=rel),
            rule(rf"{b}(?:in|of|since|during|until|by)\s+(?:the\s+year\s+)?(?P<yr>{year}){e}(?!\s*[-–]?\s*\d)",
                 "year_only"),
            rule(rf"{b}(?P<x>(?P<mod>(?:(?:last|next|this|past|late|early|on)\s+)*)(?P<wd>{weekday})(?:'s|’s)?"
                 rf"(?:\s+{parts})?){e}", "on_weekday", relative=rel),
            rule(rf"{b}(?P<x>(?:(?P<mod>last|this|next|on|late|early)\s+)?(?P<h>{holiday}))(?:'s|’s)?{e}",
                 "holiday", relative=rel),
            rule(rf"{b}(?:earlier\s+|later\s+|late\s+|early\s+)?(?:today|tonight|this\s+{parts}|"
                 rf"(?:earlier|later)\s+in\s+the\s+day)(?:'s|’s)?{e}", "today", relative=rel),
            rule(rf"{b}(?:late\s+|early\s+)?(?:yesterday(?:\s+{parts})?|last\s+night|last\s+evening)(?:'s|’s)?{e}",
                 "yesterday", relative=rel),
            rule(rf"{b}the\s+day\s+before\s+yesterday{e}", "two_days_ago", relative=rel),
            rule(rf"{b}overnight{e}(?!\s+(?:on|into)\s+{weekday})", "overnight", relative=rel),
            rule(rf"{b}(?P<n>{num}|a|an|one)\s+(?P<unit>{unit})s?\s+ago{e}", "ago", relative=rel),
            rule(rf"{b}(?:(?:earlier|later)\s+)?(?P<which>(?:earlier\s+|later\s+)?(?:last|this|past|previous))"
                 rf"\s+(?P<what>week|weekend|month|year){e}", "period", relative=rel),
            rule(rf"{b}(?:(?:the|an?|its|their)\s+)?(?:(?:more\s+than|nearly|almost|over|about|some|at\s+least"
                 rf"|roughly|around)\s+)?(?P<n>{num})[\s-](?P<unit>{unit})s?(?:[\s-]long)?{e}"
                 rf"(?![\s-]*olds?\b)(?=\s+[a-z]+)(?!\s+(?:ago|earlier|before|later|after|old|in\s+prison|"
                 rf"sentence|jail|prison|term|of\s+age)\b)", "duration", relative=rel, duration=True),
            rule(rf"{b}(?:for|in|over|during)\s+(?:the\s+)?(?:past|last|previous)\s+(?P<n>{num})\s+"
                 rf"(?P<unit>{unit})s?{e}", "duration", relative=rel, duration=True),
        ]


def _holiday_date(rule: dict[str, int], year: int) -> dt.date | None:
    """The day a holiday rule (fixed day, or nth/last weekday of a month) falls on in ``year``."""
    month = rule["month"]
    if "day" in rule:
        return _safe_date(year, month, rule["day"])
    weekdays = [week[rule["weekday"]] for week in calendar.monthcalendar(year, month) if week[rule["weekday"]]]
    nth = rule["nth"]
    return dt.date(year, month, weekdays[nth if nth < 0 else nth - 1])


def _duration_precision(days: int) -> str:
    if days <= 2:
        return "day"
    if days <= 31:
        return "week"
    if days <= 366:
        return "month"
    return "year"


def _drop_overlaps(found: list[TimeMatch]) -> list[TimeMatch]:
    """Keep the longest of overlapping matches (earlier first on ties)."""
    kept: list[TimeMatch] = []
    for match in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def is_historical(when: When, published: dt.date | None) -> bool:
    """Whether ``when`` ended long (over a year) before publication: background, not the reported event."""
    return published is not None and when.end < published - dt.timedelta(days=HISTORICAL_DAYS)


@dataclass(slots=True)
class _Located:
    """A time expression with its clean-text offsets and its sentence, for attaching to events."""

    match: TimeMatch
    sentence: int
    root: int | None
    historical: bool


class DatesStage:
    """Resolve time expressions (``doc.times``) and date every event (``event.date``)."""

    name = "eventsift.resolve.time.v1"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("dates",)

    def __init__(self, resolver: DateResolver) -> None:
        self.resolver = resolver

    def __call__(self, doc: Document) -> None:
        """Fill ``doc.times`` and each event's ``date``."""
        published = doc.source.published
        if published is None:
            doc.add_error(
                "no_publication_date",
                "the document has no publication date, so relative dates (today, on Monday, last week) and dates "
                "without a year were left unresolved; give 'published' in the input to resolve them",
            )
        located = self.locate(doc)
        doc.times = [item.match.when for item in located]
        self.assign(doc, located)
        doc.provided.add("dates")

    def locate(self, doc: Document) -> list[_Located]:
        """Time expressions of ``doc.clean`` (own rules plus spaCy DATE entities), with original spans."""
        text = doc.clean or doc.text
        published = doc.source.published
        matches = self.resolver.find(text, published)
        if doc.nlp is not None:
            for ent in doc.nlp.ents:
                if ent.label_ != "DATE" or any(m.start < ent.end_char and ent.start_char < m.end for m in matches):
                    continue
                resolved = self.resolver.parse_entity(ent.text, published)
                if resolved is not None:
                    when = When(resolved[0], resolved[1], resolved[2], ent.text)
                    matches.append(TimeMatch(ent.start_char, ent.end_char, when))
            matches.sort(key=lambda m: m.start)
        out: list[_Located] = []
        for match in matches:
            match.when.span = doc.to_original(match.start, match.end)
            match.when.text = doc.original_text(match.when.span)
            out.append(_Located(match, _sentence_of(doc, match.start), _root_token(doc, match),
                                is_historical(match.when, published)))
        return out

    def assign(self, doc: Document, located: list[_Located]) -> None:
        """Give each event the best time expression, a carried date, or the publication date."""
        published = doc.source.published
        event_sentences = {event.sentence for event in doc.events}
        previous: Event | None = None
        carryable = False  # whether the previous event's date may be carried (a stated point or span, not a duration)
        for event in sorted(doc.events, key=lambda ev: (ev.sentence, ev.trigger[0])):
            usable = [item for item in located if _usable(item, event, published)]
            chosen = _closest(doc, event, [item for item in usable if item.sentence == event.sentence])
            own_carryable = False
            if chosen is not None:
                event.date = _copy(chosen.match.when)
                own_carryable = not chosen.match.duration
            elif (previous is not None and previous.date is not None and carryable
                  and 0 < event.sentence - previous.sentence <= CARRY_SENTENCES
                  and not any(previous.sentence < item.sentence < event.sentence for item in usable)
                  and continues_narrative(doc, event)):
                event.date = _copy(previous.date)
                own_carryable = True
            else:
                ahead = [item for item in usable
                         if event.sentence < item.sentence <= event.sentence + LOOKAHEAD_SENTENCES
                         and not item.match.duration
                         and not any(event.sentence < s <= item.sentence for s in event_sentences)]
                if ahead:
                    event.date = _copy(ahead[0].match.when)
                elif published is not None:
                    event.date = When(published, published, "day", None, None)
                else:
                    event.date = None
            if event.date is not None and event.date.text is not None:
                previous, carryable = event, own_carryable


def continues_narrative(doc: Document, event: Event) -> bool:
    """Whether ``event`` may take a carried date: an asserted event told in the past tense (see module docstring)."""
    if event.plover.aux not in (None, "historical"):
        return False
    if doc.nlp is None or event.head is None:
        return True  # no parse to read the tense from: keep the plain continuation rule
    return clause_tense(doc.nlp[event.head]) == "past"


def clause_tense(token: Any) -> str | None:
    """Tense of the clause governing ``token``: "past", "present", "modal" or None (no finite verb found).

    A noun trigger ("the rejection of talks") takes the tense of the verb it depends on; an infinitive or gerund
    ("calls on X to stop") that of the verb governing it; a participle without auxiliary ("talks held on Monday", "the
    kidnapped priest") is past.
    """
    if token.dep_ == "amod" and (token.tag_ == "VBN" or token.lower_.endswith("ed")):
        return "past"  # "the kidnapped priest": a participle names an event that has happened
    verb = token
    for _ in range(12):
        if verb.pos_ in ("VERB", "AUX") and verb.tag_ not in ("VB", "VBG"):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ in ("VB", "VBG"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return "modal"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _copy(when: When) -> When:
    return When(when.start, when.end, when.precision, when.text, when.span)


def _usable(item: _Located, event: Event, published: dt.date | None) -> bool:
    """Historical dates only for historical events; never a date after publication for a past event."""
    if item.historical and event.plover.aux != "historical":
        return False
    if published is not None and event.plover.aux not in ("future", "hypothetical"):
        return item.match.when.start <= published
    return True


def _closest(doc: Document, event: Event, items: list[_Located]) -> _Located | None:
    """The expression nearest the trigger: fewest dependency arcs, clause boundaries cost extra, then characters."""
    if not items:
        return None
    head = event.head
    trigger_char = _clean_start(doc, event)

    def cost(item: _Located) -> tuple[float, int]:
        chars = abs(item.match.start - trigger_char)
        if doc.nlp is None or head is None or item.root is None:
            return (float(chars) / 10.0, chars)
        return (_tree_cost(doc.nlp[head], doc.nlp[item.root]) + (1.0 if item.match.duration else 0.0), chars)

    return min(items, key=cost)


def _tree_cost(a: Any, b: Any) -> float:
    """Path length between two tokens; each clause boundary crossed adds 2."""
    up_a = [a, *a.ancestors]
    index_a = {tok.i: n for n, tok in enumerate(up_a)}
    steps_b, cost = 0, 0.0
    tok = b
    while tok.i not in index_a:
        cost += 1 + (2 if tok.dep_ in CLAUSE_DEPS else 0)
        steps_b += 1
        if tok.head.i == tok.i:
            return 50.0 + cost
        tok = tok.head
    for t in up_a[: index_a[tok.i]]:
        cost += 1 + (2 if t.dep_ in CLAUSE_DEPS else 0)
    return cost


def _clean_start(doc: Document, event: Event) -> int:
    if doc.nlp is not None and event.head is not None:
        return int(doc.nlp[event.head].idx)
    for sent in doc.sentences:
        if sent.index == event.sentence:
            return sent.clean_start + (event.trigger[0] - sent.start)
    return 0


def _sentence_of(doc: Document, clean_pos: int) -> int:
    for sent in doc.sentences:
        if sent.clean_start <= clean_pos < sent.clean_end:
            return sent.index
    return -1


def _root_token(doc: Document, match: TimeMatch) -> int | None:
    if doc.nlp is None:
        return None
    span = doc.nlp.char_span(match.start, match.end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else int(span.root.i)


def create_dates(resources: Resources) -> DatesStage:
    """Factory for the registered stage ``eventsift.resolve.time.v1``."""
    lexicon = resources.get("time_lexicon", load_time_lexicon)
    numbers = resources.get("number_lexicon", load_number_lexicon)
    return DatesStage(DateResolver(lexicon, numbers))
