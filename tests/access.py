"""The ONE access-matrix runner. Each feature's tests give a table: route name (``namespace:name``) → cases,
each case a URL builder and the status every role gets. ``run_matrix`` asks every case as every role;
``check_table`` says what is missing; ``tests/test_access_routes.py`` walks the root URLconf so that a route
without a row in some table fails.

Conventions in the tables: invisible things are 404 (never revealed), visible but not allowed 403, POST-only
routes 405 to a signed-in GET, anonymous users sent to sign in (302) where a page needs an account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

Case = tuple[Callable[[Any], str], Mapping[str, int]]
Table = Mapping[str, Sequence[Case]]


def status(roles: Iterable[str], default: int, anonymous: int = 302, **per_role: int) -> dict[str, int]:
    """``default`` for every role, ``anonymous`` for the anonymous visitor, exceptions by name."""
    return {r: per_role.get(r, default) for r in roles} | {"anonymous": anonymous}


def check_table(table: Table, roles: Iterable[str], namespaces: Iterable[str]) -> list[str]:
    """Every named route of these URL namespaces has a row, no row names a route that is gone, and every
    case gives a status for every role."""
    wanted = {name for name in site_routes() if name.split(":", 1)[0] in set(namespaces)}
    problems = [f"{name}: add a row for this route" for name in sorted(wanted - set(table))]
    problems += [f"{name}: no such route any more" for name in sorted(set(table) - wanted)]
    everyone = set(roles)
    for name, cases in table.items():
        problems += [f"{name}: give a status for every role" for _u, e in cases if set(e) != everyone]
    return problems


def run_matrix(
    table: Table, world: Any, roles: Iterable[str], client_for: Callable[[str], Client], method: str = "get"
) -> list[str]:
    """Ask every case as every role; the mismatches, one line each."""
    problems = []
    for role in roles:
        client = client_for(role)
        for name, cases in table.items():
            for build, expected in cases:
                url = build(world)
                got = getattr(client, method)(url).status_code
                if got != expected[role]:
                    problems.append(
                        f"{role} {method.upper()} {url} ({name}): {got}, expected {expected[role]}"
                    )
    return problems


def _walk(patterns: Sequence[URLPattern | URLResolver], namespace: str) -> Iterable[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, ns)
        elif p.name:
            yield namespace, p.name
        else:
            yield namespace, f"<unnamed {p.pattern}>"


def site_routes() -> set[str]:
    """Every route of the root URLconf as ``namespace:name`` (the back-office excluded: Django's admin)."""
    return {f"{ns}:{name}" for ns, name in _walk(get_resolver().url_patterns, "") if ns != "admin"}
