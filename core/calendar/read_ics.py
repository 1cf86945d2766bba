#!/usr/bin/env python3
"""Reads an iCalendar file with the icalendar package (Debian's python3-icalendar) and prints what
it holds as JSON, for core/calendar/ics_test.cpp: a reader independent of libical, which writes it.

Usage: read_ics.py FILE

Besides the parse, it checks the line format of RFC 5545 3.1 that a parser forgives: every line
ends in CR LF, and no line is longer than 75 octets. Exit status 1 with a message on standard
error when the file breaks either rule or does not parse.
"""

import json
import sys

import icalendar


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def line_format(data):
    """The content lines' problems: a line end other than CR LF, a line over 75 octets."""
    if not data.endswith(b"\r\n"):
        fail("the file does not end with CR LF")
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            fail("line %d has a bare CR or LF" % number)
        if len(line) > 75:
            fail("line %d is %d octets long" % (number, len(line)))
        if number > 1 and line[:1] not in (b" ", b"\t") and b":" not in line:
            fail("line %d is neither a content line nor a continuation" % number)


def time(component, name):
    """A date-time property as its text, the second since the epoch, and whether it is in UTC."""
    if name not in component:
        return None
    value = component.decoded(name)
    offset = value.utcoffset()
    return {
        "text": component[name].to_ical().decode(),
        "epoch": int(value.timestamp()),
        "utc": offset is not None and offset.total_seconds() == 0,
    }


def text(component, name):
    return str(component[name]) if name in component else None


def main():
    if len(sys.argv) != 2:
        fail("usage: read_ics.py FILE")
    with open(sys.argv[1], "rb") as file:
        data = file.read()
    line_format(data)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        fail("does not parse: %s" % error)
    if calendar.name != "VCALENDAR":
        fail("the outer component is %s" % calendar.name)
    errors = list(getattr(calendar, "errors", []))
    events = []
    for event in calendar.walk("VEVENT"):
        errors += list(getattr(event, "errors", []))
        events.append(
            {
                "uid": text(event, "UID"),
                "dtstamp": time(event, "DTSTAMP"),
                "dtstart": time(event, "DTSTART"),
                "dtend": time(event, "DTEND"),
                "summary": text(event, "SUMMARY"),
                "location": text(event, "LOCATION"),
                "description": text(event, "DESCRIPTION"),
                "status": text(event, "STATUS"),
                "sequence": int(event["SEQUENCE"]) if "SEQUENCE" in event else None,
            }
        )
    print(
        json.dumps(
            {
                "version": text(calendar, "VERSION"),
                "prodid": text(calendar, "PRODID"),
                "calscale": text(calendar, "CALSCALE"),
                "method": text(calendar, "METHOD"),
                "name": text(calendar, "X-WR-CALNAME"),
                "components": [component.name for component in calendar.subcomponents],
                "errors": [str(error) for error in errors],
                "events": events,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
