"""Date arithmetic for the demo: birthdays, school years (starting 1 August) and grades."""

from __future__ import annotations

from datetime import date, timedelta


def add_years(day: date, years: int) -> date:
    """The same day some years later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def school_year(today: date) -> int:
    """The calendar year in which the current school year started (1 August)."""
    return today.year if today >= date(today.year, 8, 1) else today.year - 1


def grade_of(birth: date, today: date) -> int:
    """The class a child born on this day is in (0 = 0. klasse, negative = not yet at school)."""
    return school_year(today) - birth.year - 6


def school_start(birth: date) -> date:
    """The 1 August on which a child starts 0. klasse: the year it turns six."""
    return date(birth.year + 6, 8, 1)


def end_of_grade(birth: date, grade: int) -> date:
    """The last day (31 July) of the school year in which the child was in a given grade."""
    return date(birth.year + 7 + grade, 7, 31)


def birth_for(age: int, grade: int, today: date) -> date:
    """A birthday giving exactly this age today and this grade in the current school year."""
    first = max(date(school_year(today) - grade - 6, 1, 1), add_years(today, -age - 1) + timedelta(days=1))
    last = min(date(school_year(today) - grade - 6, 12, 31), add_years(today, -age))
    if first > last:
        raise ValueError(f"no birthday gives age {age} in grade {grade} on {today}")
    return first + (last - first) / 2


def birth_for_age(age: int, today: date, days_past: int) -> date:
    """A birthday giving exactly this age today, some days after the last birthday."""
    return add_years(today, -age) - timedelta(days=days_past)
