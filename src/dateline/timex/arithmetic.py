"""Calendar arithmetic and TIMEX3 value formats, on top of python-dateutil."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

WEEKDAY_CONSTANTS = (MO, TU, WE, TH, FR, SA, SU)
UNKNOWN_DAY = "XXXX-XX-XX"


def day_value(day: date) -> str:
    """'2016-08-15'."""
    return day.isoformat()


def week_value(day: date) -> str:
    """The ISO week that holds a day: '2016-W33'."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(day: date) -> str:
    """'2016-08'."""
    return f"{day.year:04d}-{day.month:02d}"


def quarter_value(day: date) -> str:
    """'2016-Q3'."""
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def value_at_precision(day: date, precision: str) -> str:
    """A day written at the precision its expression gives ('3 weeks ago' is a week)."""
    writers = {
        "day": day_value,
        "time": day_value,
        "week": week_value,
        "month": month_value,
        "quarter": quarter_value,
        "year": lambda d: f"{d.year:04d}",
        "decade": lambda d: f"{d.year // 10:03d}",
        "century": lambda d: f"{d.year // 100:02d}",
    }
    return writers[precision](day)


def shift(day: date, amount: int, designator: str) -> date:
    """A day moved by whole calendar units ('D', 'W', 'M', 'Y')."""
    keyword = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}[designator]
    return day + relativedelta(**{keyword: amount})


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """The latest given weekday on or before a day (past-tense reporting: 'said Monday')."""
    return anchor + relativedelta(weekday=WEEKDAY_CONSTANTS[weekday](-1))


def weekday_on_or_after(anchor: date, weekday: int) -> date:
    """The first given weekday on or after a day (scheduled sense: 'will meet Saturday')."""
    return anchor + relativedelta(weekday=WEEKDAY_CONSTANTS[weekday](+1))


def weekday_in_week(anchor: date, weekday: int) -> date:
    """The given weekday in the ISO week of a day ('this Friday')."""
    return anchor + relativedelta(days=weekday - anchor.weekday())


def nearest_year_for(anchor: date, month: int, day: int) -> date | None:
    """The month-day ('Oct. 18') closest to the anchor, trying last, this and next year."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


def month_by_tense(anchor: date, month: int, tense: str | None) -> date:
    """A bare month: the latest one on or before the anchor in past sense, the next one in
    future sense, the nearest one when the sentence gives no sense."""
    if tense is None:
        return min(
            (date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)),
            key=lambda d: abs((d - anchor.replace(day=1)).days),
        )
    year = anchor.year
    if tense == "future" and month < anchor.month:
        year += 1
    elif tense != "future" and month > anchor.month:
        year -= 1
    return date(year, month, 1)


SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_year(anchor: date, season: str, step: int) -> int:
    """The year of 'last summer' (-1), 'this summer' (0) or 'next summer' (+1) said on a day."""
    start = SEASON_START_MONTH[season]
    if step < 0:
        return anchor.year if start + 3 <= anchor.month else anchor.year - 1
    if step > 0:
        return anchor.year if start > anchor.month else anchor.year + 1
    return anchor.year


def quarter_by_tense(anchor: date, quarter: int, tense: str | None) -> str:
    """A quarter without a year: this year's unless it lies on the other side of the anchor."""
    current = (anchor.month - 1) // 3 + 1
    year = anchor.year
    if tense == "future" and quarter < current:
        year += 1
    elif tense != "future" and quarter > current:
        year -= 1
    return f"{year:04d}-Q{quarter}"
