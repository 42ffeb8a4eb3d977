"""Calling a use-case from a view, in one way: ``run(request, fn, *args, form=…, **kwargs)``, or for a few
statements at once ``with attempt(request, form=…) as done: …`` then ``if done: …``.

What a user can fix on the same page comes back to it: bad input next to the form's fields (or as a
message when there is no form), a stale revision, a transition not possible now and failing checks as a
message. Everything else (not found, not allowed) goes on to the one error middleware.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from localaction.core.errors import ChecksFailed, Conflict, InputError, InvalidTransition, LocalActionError

T = TypeVar("T")


class Failed:
    """The use-case refused; its message was given to the user."""

    def __bool__(self) -> bool:
        return False


FAILED = Failed()


def add_form_errors(form: forms.BaseForm, exc: LocalActionError) -> None:
    """Each detail next to the field it names (the last part of its ``loc`` that is a field), else at the top
    of the form; an error without details at the top."""
    placed = False
    for d in exc.details:
        names = [str(p) for p in d.loc if str(p) in form.fields]
        form.add_error(names[-1] if names else None, d.msg if names else str(d))
        placed = True
    if not placed:
        form.add_error(None, exc.message)


class attempt:
    """Run the block; a refusal the user can fix is told to them (as ``run`` does) and ``done`` is false."""

    def __init__(self, request: HttpRequest, *, form: forms.BaseForm | None = None):
        self.request, self.form, self.ok = request, form, True

    def __enter__(self) -> attempt:
        return self

    def __bool__(self) -> bool:
        return self.ok

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> bool:
        if exc is None or not isinstance(exc, ChecksFailed | Conflict | InvalidTransition | InputError):
            return False
        self.ok = False
        tell(self.request, exc, self.form)
        return True


def tell(request: HttpRequest, exc: LocalActionError, form: forms.BaseForm | None = None) -> None:
    """Give the user a refusal they can act on: next to the form's fields, or as a message."""
    if isinstance(exc, ChecksFailed):
        messages.error(
            request, _("Fix the failing checks first:") + " " + "; ".join(d.msg for d in exc.details)
        )
    elif isinstance(exc, Conflict | InvalidTransition):
        messages.error(request, exc.message)
    elif form is not None:
        add_form_errors(form, exc)
    else:
        messages.error(request, "; ".join([exc.message, *(str(d) for d in exc.details[:5])]))


def run(request: HttpRequest, fn: Callable[..., T], *args: Any, form: forms.BaseForm | None = None,
        **kwargs: Any) -> T | Failed:  # fmt: skip
    """``fn(*args, **kwargs)``, or ``FAILED`` after telling the user what to fix."""
    with attempt(request, form=form):
        return fn(*args, **kwargs)
    return FAILED
