#!/usr/bin/env python3
"""Reads a risk report's tables back with Python's own zip, csv and HTML parsers (independent of the TypeScript
that wrote them) and prints them as JSON: {"tables": {id: {"header": [...], "rows": [[...]]}}, "unavailable": {id: text}}.

usage: report_tables.py csv <report.zip> | html <report.html>
"""
import csv
import io
import json
import sys
import zipfile
from html.parser import HTMLParser


def read_zip(path):
    tables = {}
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            raise SystemExit(f"corrupt entry {bad}")
        for name in z.namelist():
            text = z.read(name).decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
            tables[name[:-4]] = {"header": rows[0], "rows": rows[1:]}
    return {"tables": tables, "unavailable": {}}


class Tables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.unavailable = {}, {}
        self.table = self.row = self.cell = self.note = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "data-table" in a:
            self.table = {"header": [], "rows": []}
            self.tables[a["data-table"]] = self.table
        elif self.table is not None and tag == "tr":
            self.row = []
        elif self.row is not None and tag in ("td", "th"):
            self.cell = []
        elif tag == "p" and "data-unavailable" in a:
            self.note = (a["data-unavailable"], [])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.table["header"]:
                self.table["rows"].append(self.row)
            else:
                self.table["header"] = self.row
            self.row = None
        elif tag == "table":
            self.table = None
        elif tag == "p" and self.note is not None:
            self.unavailable[self.note[0]] = "".join(self.note[1])
            self.note = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.note is not None:
            self.note[1].append(data)


def read_html(path):
    p = Tables()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return {"tables": p.tables, "unavailable": p.unavailable}


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(json.dumps(read_zip(path) if kind == "csv" else read_html(path)))
