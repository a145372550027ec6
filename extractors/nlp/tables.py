"""Tables of a document's text, found the same way whatever the file was.

Every loader writes a table one row per line (DOCX, HTML and PDF: cells joined by " | "; crawled
pages: "| a | b |"), except one kind of crawled page that writes each cell on lines of its own
between lines holding a lone "|" (two such lines in a row end a row and open the next, and an
empty cell is the same two lines: the width of the rows tells them apart). ``find_tables`` reads
both back into ``Table``s with the offsets of every cell, so the text stays as it is and the facts
found in a table point into it.

The first row is the header; rows that only number the columns ("1 | 2 | 3") are dropped; a table
needs a header and at least one row.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from vanban.folding import fold
from vanban.model import Table, TableRow

PIPE = "|"
MIN_CELLS = 2  # a row of one cell is a line with a stray bar, not a table
MIN_ROWS = 2  # the header and one row
MAX_CELL_LINES = 60  # a cell of a crawled table runs at most this many lines before its closing bar
_MARKDOWN_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?|[A-Z]")
# How a first column that numbers the rows is headed, and how its cells read.
_NUMBER_HEADING = re.compile(r"(?:s[oố]\s*)?(?:stt|tt|so thu tu|thu tu)\.?")
_BULLET = re.compile(r"\s*[-+•–]\s")
ROW_NUMBER = re.compile(r"\s*(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3}){0,3}|[a-zđ])\s*[.)]?\s*")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append(_Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """The span [a, b) without the whitespace at its ends."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _is_row_line(line: str) -> bool:
    s = line.strip()
    if s == PIPE or s.count(PIPE) < 1:
        return False
    return s.startswith(PIPE) or " | " in s


def _row_cells(text: str, line: _Line) -> list[tuple[int, int]]:
    """Cell spans of a one-line row: "| a | b |" and "a | b" alike."""
    bars = [line.start + i for i, ch in enumerate(line.text) if ch == PIPE]
    bounds = [line.start - 1] + bars + [line.end]
    cells = [_trim(text, bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    stripped = line.text.strip()
    if stripped.startswith(PIPE):
        cells = cells[1:]
    if stripped.endswith(PIPE):
        cells = cells[:-1]
    return cells


def _row(text: str, spans: list[tuple[int, int]], line: _Line | None = None) -> TableRow:
    """A row of cells; it stands in the text as its whole line ("| 4 | Xếp hạng … |") when it has
    one, else from its first cell to its last."""
    cells = [" ".join(text[a:b].split()) for a, b in spans]
    if line is not None:
        start, end = _trim(text, line.start, line.end)
        return TableRow(cells, spans, start, end)
    nonempty = [s for s in spans if s[1] > s[0]] or spans
    return TableRow(cells, spans, nonempty[0][0], nonempty[-1][1])


def _horizontal(text: str, lines: list[_Line], i: int) -> tuple[list[TableRow], int]:
    rows = []
    while i < len(lines) and (_is_row_line(lines[i].text) or (rows and _MARKDOWN_RULE.fullmatch(lines[i].text)
                                                               and lines[i].text.strip())):
        if not _MARKDOWN_RULE.fullmatch(lines[i].text):
            spans = _row_cells(text, lines[i])
            if len(spans) >= MIN_CELLS:
                rows.append(_row(text, spans, lines[i]))
        i += 1
    return rows, i


def _vertical(text: str, lines: list[_Line], i: int) -> tuple[list[list[TableRow]], int]:
    """Cells on lines of their own between "|" lines, up to text that follows a blank line
    without a bar (a blank line inside is an empty cell, or a page break within the table)."""
    tokens: list[tuple[int, int]] = []
    cell_start = None
    while i < len(lines):
        line = lines[i]
        if not line.text.strip():
            following = next((ln for ln in lines[i + 1:] if ln.text.strip()), None)
            if following is None or following.text.strip() != PIPE:
                break
        elif line.text.strip() == PIPE:
            if cell_start is not None:
                tokens.append(_trim(text, cell_start, line.start))
            cell_start = line.end + 1
            ahead = lines[i + 1:i + 2 + MAX_CELL_LINES]
            if not any(ln.text.strip() == PIPE for ln in ahead):
                i += 1
                break  # no bar closes what follows: the text after the table
        i += 1
    # A row-number heading ("STT") opens a table of its own: what came before it (a signature
    # block, an appendix title) ran on without a blank line.
    heads = [k for k, span in enumerate(tokens) if _NUMBER_HEADING.fullmatch(fold(text[slice(*span)]))]
    cuts = [0, *(k for k in heads if k > 0), len(tokens)]
    tables = []
    for a, b in zip(cuts, cuts[1:]):
        part = tokens[a:b]
        groups = _numbered_rows(text, part) if a in heads else _rows_of_width(part, _row_width(part))
        tables.append([_row(text, g) for g in groups if len(g) >= MIN_CELLS and any(y > x for x, y in g)])
    return tables, i


def _numbered_rows(text: str, tokens: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Rows of a table whose first column numbers them. The bars between two rows read as an
    empty cell, so a row opens where a run of empty cells is followed by a row number ("1",
    "1.2", "II", "a)"), or by a bullet ("- Dịch vụ": a part of the row above, whose number cell
    is the last empty one). The header is the cells before the first empty one."""
    breaks: dict[int, int] = {}  # index of the empty token closing a row -> index the next row opens at
    k = 0
    while k < len(tokens):
        if tokens[k][1] > tokens[k][0]:
            k += 1
            continue
        run_start = k
        while k < len(tokens) and tokens[k][1] == tokens[k][0]:
            k += 1
        if k >= len(tokens):
            break
        opener = text[slice(*tokens[k])]
        if ROW_NUMBER.fullmatch(opener) or not breaks:
            breaks[k - 1] = k
        elif _BULLET.match(opener):
            breaks[max(run_start, k - 2)] = max(run_start + 1, k - 1)
    rows, start = [], 0
    for closing, opening in sorted(breaks.items()):
        rows.append(tokens[start:closing])
        start = opening
    rows.append(tokens[start:])
    return [_without_trailing_empties(r) for r in rows]


def _without_trailing_empties(row: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while len(row) > MIN_CELLS and row[-1][1] == row[-1][0]:
        row = row[:-1]
    return row


def _rows_of_width(tokens: list[tuple[int, int]], width: int) -> list[list[tuple[int, int]]]:
    if width < MIN_CELLS:
        return []
    rows, current = [], []
    for span in tokens:
        if len(current) == width:
            rows.append(current)
            current = []
            if span[1] == span[0]:
                continue  # the two bars between rows
        current.append(span)
    if current:
        rows.append(current + [(current[-1][1], current[-1][1])] * (width - len(current)))
    return rows


def _row_width(tokens: list[tuple[int, int]]) -> int:
    """How many cells a row has: the commonest length of the runs between empty tokens (an empty
    cell cuts a row short, a full row never is; ties go to the wider)."""
    runs, run = [], 0
    for a, b in tokens:
        if b > a:
            run += 1
        else:
            if run:
                runs.append(run)
            run = 0
    if run:
        runs.append(run)
    counts = Counter(r for r in runs if r >= MIN_CELLS)
    if not counts:
        return 0
    return max(counts, key=lambda n: (counts[n], n))


def _is_column_numbers(row: TableRow) -> bool:
    cells = [c for c in row.cells if c]
    return len(cells) >= MIN_CELLS and all(_COLUMN_NUMBER.fullmatch(c) for c in cells)


def _table(rows: list[TableRow]) -> Table | None:
    body = [r for r in rows[1:] if not _is_column_numbers(r)]
    if len(rows) < MIN_ROWS or not body:
        return None
    return Table(header=rows[0].cells, rows=body, start=rows[0].start, end=rows[-1].end)


def find_tables(text: str) -> list[Table]:
    """The tables of ``text``, in order, each with its header and rows (offsets into ``text``)."""
    lines = _lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].text.strip()
        if stripped == PIPE:
            found, i = _vertical(text, lines, i)
        elif _is_row_line(lines[i].text):
            rows, i = _horizontal(text, lines, i)
            found = [rows]
        else:
            i += 1
            continue
        tables += [t for t in map(_table, found) if t is not None]
    return tables


def reading_units(text: str, sentences: list[tuple[int, int]], tables: list[Table], read: list[TableRow]
                  ) -> tuple[list[tuple[int, int]], dict[tuple[int, int], tuple[int, int]]]:
    """The spans the prose reader reads, in order: the sentences (their parts outside tables), and
    every cell of the rows no table reader took, each cell a sentence of its own. With them, for
    each cell, its row: the evidence a check quotes (never the whole table)."""
    taken = {(r.start, r.end) for r in read}
    units: list[tuple[int, int]] = []
    evidence: dict[tuple[int, int], tuple[int, int]] = {}
    spans = sorted((t.start, t.end) for t in tables)
    for a, b in sentences:
        cursor = a
        for ta, tb in spans:
            if tb <= cursor or ta >= b:
                continue
            units.append(_trim(text, cursor, ta))
            cursor = max(cursor, tb)
        units.append(_trim(text, cursor, b))
    for table in tables:
        for row in table.rows:
            if (row.start, row.end) in taken:
                continue
            for cell in row.spans:
                if ROW_NUMBER.fullmatch(text[cell[0]:cell[1]]):
                    continue  # a row number is never a value
                units.append(cell)
                evidence[cell] = (row.start, row.end)
    return sorted(u for u in units if u[1] > u[0]), evidence
