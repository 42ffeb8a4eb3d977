"""The OpenAPI document, built once per path prefix (it took seconds per request when built on every call)
and finished with what ninja cannot declare by itself: ``text/csv`` on the routes that answer
``format=csv``, the caching and paging headers of reads, and ``304`` for conditional requests."""

from __future__ import annotations

import copy
import json
import re
import threading
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

_CSV = {
    "schema": {"type": "string"},
    "example": "\ufeffslug,name\r\nsao-paulo,São Paulo\r\n",
}
_STRING = {"schema": {"type": "string"}}
READ_HEADERS = {
    "ETag": {"description": "hash of the body: send it back as If-None-Match", **_STRING},
    "Cache-Control": {
        "description": "public (with s-maxage for shared caches) for anonymous reads; private otherwise",
        **_STRING,
    },
    "Last-Modified": {
        "description": "anonymous reads: when this body was first served; send it as If-Modified-Since",
        **_STRING,
    },
}
PAGE_HEADERS = {
    "Link": {"description": 'RFC 8288 links to the rel="next" and rel="prev" pages', **_STRING},
    "X-Total-Count": {"description": "items matching the filters, all pages", "schema": {"type": "integer"}},
}
NOT_MODIFIED = {
    "description": "Not modified: the ETag (If-None-Match) or date (If-Modified-Since) you sent is current",
    "headers": {"ETag": READ_HEADERS["ETag"]},
}


def _serves_csv(op: dict[str, Any]) -> bool:
    return any(
        p.get("name") == "format" and p.get("in") == "query" and "csv" in json.dumps(p.get("schema", {}))
        for p in op.get("parameters", [])
    )


def _is_page(op: dict[str, Any]) -> bool:
    ref = json.dumps(op.get("responses", {}).get("200", {}).get("content", {}))
    return "#/components/schemas/Page_" in ref


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


def _declare_errors(op: dict[str, Any]) -> None:
    """Statuses any route may answer: 401 (a token that is wrong), 422 (input), 400 (a body that is not
    JSON or a form), 404 (an unknown id)."""
    responses = op["responses"]
    responses.setdefault("401", _error("Unauthorized: the token is unknown, revoked or expired"))
    params = op.get("parameters", [])
    if params or "requestBody" in op:
        responses.setdefault("422", _error("Invalid input: the details name each field"))
    if "requestBody" in op:
        responses.setdefault("400", _error("Bad request: the body cannot be parsed"))
    if any(p.get("in") == "path" for p in params):
        responses.setdefault("404", _error("Not found (or not visible to you)"))


def enum_names(values: list[str]) -> list[str]:
    """Names for enum values that differ only in punctuation ("BASIC" and "BASIC+"), which generators
    would otherwise fold into one member (``x-enum-varnames``, read by openapi-generator and
    openapi-python-client)."""
    out: list[str] = []
    for v in values:
        name = re.sub(r"[^0-9A-Za-z]+", "_", v.replace("+", "_plus")).strip("_").upper() or "EMPTY"
        name = f"V_{name}" if name[0].isdigit() else name
        while name in out:
            name += "_"
        out.append(name)
    return out


def _name_enums(node: Any) -> None:
    if isinstance(node, dict):
        values = node.get("enum")
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            node.setdefault("x-enum-varnames", enum_names(values))
        for v in node.values():
            _name_enums(v)
    elif isinstance(node, list):
        for v in node:
            _name_enums(v)


def finish(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to ninja's document what the routes do beyond it (see the module's docstring)."""
    _name_enums(schema)
    for ops in schema["paths"].values():
        for method, op in ops.items():
            _declare_errors(op)
            if method != "get":
                continue
            ok = op["responses"].get("200")
            if ok is None:
                continue
            ok["headers"] = {**READ_HEADERS, **(PAGE_HEADERS if _is_page(op) else {})}
            if _serves_csv(op) and "application/json" in ok.get("content", {}):
                ok.setdefault("content", {})["text/csv"] = _CSV
                ok["description"] = "JSON, or CSV with format=csv (UTF-8 with BOM, CRLF, header row)"
            op["responses"]["304"] = NOT_MODIFIED
    return schema


class Cache:
    """The finished document per path prefix, as plain JSON data (lazy translations rendered in English)."""

    def __init__(self) -> None:
        self._docs: dict[str, dict[str, Any]] = {}
        self._bytes: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, prefix: str, build: Any) -> dict[str, Any]:
        with self._lock:
            if prefix not in self._docs:
                with translation.override("en"):
                    raw = json.dumps(build(prefix), cls=DjangoJSONEncoder, ensure_ascii=False)
                self._docs[prefix] = finish(json.loads(raw))
                self._bytes[prefix] = json.dumps(self._docs[prefix], ensure_ascii=False).encode()
            return copy.deepcopy(self._docs[prefix])

    def as_bytes(self, prefix: str, build: Any) -> bytes:
        self.get(prefix, build)
        return self._bytes[prefix]

    def clear(self) -> None:
        with self._lock:
            self._docs.clear()
            self._bytes.clear()
