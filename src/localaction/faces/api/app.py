"""The API object and its URL patterns.

- operationIds are the view functions' names (``update_inventory_line``), so generated clients read well;
- the OpenAPI document is built once (``openapi.Cache``) and served as bytes;
- ``/api/v1/`` answers with an index of the API's parts;
- every path answers with and without its trailing slash (the document names one);
- every view gets the shared HTTP behaviour of ``api.http`` (HEAD, OPTIONS, CORS, caching, 405);
- anything else under ``/api/v1/`` is a 404 in the error shape.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path, reverse
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from localaction.faces.api import errors, http, openapi
from localaction.faces.api.auth import anonymous
from localaction.faces.api.render import Renderer


class _Document(OpenAPISchema):
    def operation_security(self, operation: Any) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security is not None and anonymous in operation.auth_callbacks:
            security.append({})  # OpenAPI's "no credentials needed": public reads
        return security


class LocalActionAPI(NinjaAPI):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(renderer=Renderer(), **kwargs)
        self.openapi_cache = openapi.Cache()

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def get_openapi_schema(  # type: ignore[override]
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        prefix = path_prefix if path_prefix is not None else self.get_root_path(path_params or {})
        return self.openapi_cache.get(
            prefix, lambda p: super(LocalActionAPI, self).get_openapi_schema(path_prefix=p)
        )

    def openapi_bytes(self) -> bytes:
        prefix = self.get_root_path({})
        return self.openapi_cache.as_bytes(
            prefix, lambda p: super(LocalActionAPI, self).get_openapi_schema(path_prefix=p)
        )


# Not worth the public cache: the liveness check (the benchmark's ceiling) and what is built once anyway.
UNCACHED = frozenset({"ping", "api-root", "openapi-json", "openapi-view"})


def _reads_only(request: HttpRequest) -> HttpResponseBase | None:
    return None if request.method in http.READS else HttpResponseNotAllowed(["GET"])


def _openapi_view(api: LocalActionAPI) -> Any:
    def openapi_json(request: HttpRequest) -> HttpResponseBase:
        refused = _reads_only(request)
        if refused is not None:
            return refused
        return HttpResponse(api.openapi_bytes(), content_type="application/json")

    return openapi_json


def _index_view(api: LocalActionAPI) -> Any:
    def index(request: HttpRequest) -> HttpResponseBase:
        refused = _reads_only(request)
        if refused is not None:
            return refused
        root = reverse(f"{api.urls_namespace}:api-root")
        doc = api.get_openapi_schema()
        parts = sorted({p[len(root) :].split("/", 1)[0] for p in doc["paths"]} - {""})
        return JsonResponse(
            {
                "title": api.title,
                "version": api.version,
                "openapi": request.build_absolute_uri(root + "openapi.json"),
                "docs": request.build_absolute_uri(root + "docs"),
                "opendata": request.build_absolute_uri("/insights/opendata/"),
                "resources": {p: request.build_absolute_uri(f"{root}{p}/") for p in parts},
            }
        )

    return index


def _twin(route: str) -> str | None:
    """The same route with the trailing slash added or removed (None for the root)."""
    if not route:
        return None
    return route[:-1] if route.endswith("/") else route + "/"


def build_urls(api: LocalActionAPI) -> tuple[list[URLPattern | URLResolver], str, str]:
    patterns, app_name, namespace = api.urls
    main: list[URLPattern | URLResolver] = []
    twins: list[URLPattern | URLResolver] = []
    for p in patterns:
        assert isinstance(p, URLPattern)
        name = p.name
        callback: Any = p.callback
        if name == "api-root":
            callback = _index_view(api)
        elif name == "openapi-json":
            callback = _openapi_view(api)
        view = http.wrap(callback, cache_reads=name not in UNCACHED)
        route = str(p.pattern)
        main.append(path(route, view, name=name))
        twin = _twin(route)
        if twin is not None:
            twins.append(path(twin, view))
    # The originals first: a twin only answers a path no original matches.
    return ([*main, *twins, re_path(r"^.*$", http.wrap(errors.not_found_view))], app_name, namespace)
