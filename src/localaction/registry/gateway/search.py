"""Full-text search over gateway entries: ONE interface, two engines.

- SQLite: an FTS5 table ``gateway_solution_fts(title, body)`` kept in step by ``index``; ranked by bm25 with
  the title weighted 5×.
- PostgreSQL: ``to_tsvector('simple', …)`` over the same folded columns, the title weighted A, ranked by
  ``ts_rank``; an expression GIN index makes it fast.

Both index the *folded* text (``fold``: accents removed, case folded, every script kept), and the query is
folded the same way, so "sao paulo" finds São Paulo, and 서울 / Москва match as written. Each word of the query
is a prefix (서울 finds 서울특별시); all words must match.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import connection

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(query: str) -> list[str]:
    return WORD.findall(fold(query))[:12]


def index(pk: int, title: str, body: str) -> None:
    """Refresh one entry in the SQLite FTS table (PostgreSQL indexes the columns themselves)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as c:
        c.execute("DELETE FROM gateway_solution_fts WHERE rowid = %s", [pk])
        c.execute(
            "INSERT INTO gateway_solution_fts(rowid, title, body) VALUES (%s, %s, %s)", [pk, title, body]
        )


def ranked_ids(query: str, limit: int = 200) -> list[int]:
    """Entry ids matching every word of ``query`` (as prefixes), best first; [] for an empty query."""
    terms = words(query)
    if not terms:
        return []
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            match = " ".join(f'"{t}"*' for t in terms)  # \w-only words: nothing to escape
            c.execute(
                "SELECT rowid FROM gateway_solution_fts WHERE gateway_solution_fts MATCH %s "
                "ORDER BY bm25(gateway_solution_fts, 5.0, 1.0) LIMIT %s",
                [match, limit],
            )
        else:
            tsq = " & ".join(f"{t}:*" for t in terms)
            c.execute(
                "SELECT id FROM gateway_solution, to_tsquery('simple', %s) q WHERE "
                "(setweight(to_tsvector('simple', search_title), 'A') || "
                "setweight(to_tsvector('simple', search_body), 'B')) @@ q "
                "ORDER BY ts_rank(setweight(to_tsvector('simple', search_title), 'A') || "
                "setweight(to_tsvector('simple', search_body), 'B'), q) DESC, id LIMIT %s",
                [tsq, limit],
            )
        return [row[0] for row in c.fetchall()]


FORWARD_SQLITE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS gateway_solution_fts USING fts5(title, body, tokenize='unicode61')"
)
FORWARD_PG = (
    "CREATE INDEX IF NOT EXISTS gateway_solution_fts_idx ON gateway_solution USING GIN "
    "((setweight(to_tsvector('simple', search_title), 'A') || setweight(to_tsvector('simple', search_body), 'B')))"
)
