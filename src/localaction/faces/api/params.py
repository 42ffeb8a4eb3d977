"""Typed path and query parameters with the bounds the database can hold."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from localaction.faces.api.schemas.common import MAX_INT, SLUG

Id = Annotated[int, Field(ge=1, le=MAX_INT, description="the version's id")]
Revision = Annotated[int, Field(ge=0, le=MAX_INT, description="the revision you read")]
JurisdictionRef = Annotated[str, Field(min_length=1, max_length=100, pattern=SLUG, description="slug or id")]
