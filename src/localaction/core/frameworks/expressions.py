"""A tiny, safe formula language for derived values and cross-checks.

Formulas are parsed with :mod:`ast` and only a whitelist of nodes is accepted: numbers, names of other
indicators (``natural_area``), parts of a ratio (``natural_area.numerator``), arithmetic, comparisons,
``and``/``or``/``not``, a conditional (``a if c else b``) and ``min``/``max``/``abs``/``round``.
Nothing is ever passed to :func:`eval`: the tree is walked here.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Number = float
PARTS = frozenset({"numerator", "denominator", "value"})
FUNCTIONS: dict[str, Callable[..., float]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": lambda x, n=0: round(x, int(n)),
}
_BINOPS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_CMPOPS: dict[type[ast.cmpop], Callable[[float, float], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
MAX_LENGTH = 500


class ExpressionError(ValueError):
    """A formula that cannot be parsed or evaluated (the message says why)."""


class MissingValue(LookupError):
    """A name in the formula has no value in this report (the formula is then not computed)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class Expression:
    source: str
    tree: ast.expr
    names: frozenset[str]  # indicator ids it reads (``a.numerator`` reads ``a``)

    def evaluate(self, values: Mapping[str, float | Mapping[str, float]]) -> float:
        """The value (booleans as 1.0 / 0.0). Raises :class:`MissingValue` when a name has no value."""
        try:
            return float(_eval(self.tree, values))
        except (ZeroDivisionError, OverflowError) as exc:
            raise ExpressionError(f"{self.source!r}: {exc}") from exc


def parse(source: str) -> Expression:
    """Parse and check a formula; raises :class:`ExpressionError` naming the forbidden part."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"formula longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except SyntaxError as exc:
        raise ExpressionError(f"cannot parse {source!r}: {exc.msg}") from None
    names: set[str] = set()
    _check(tree, names)
    return Expression(source, tree, frozenset(names))


def _check(node: ast.expr, names: set[str]) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(f"only numbers are allowed as constants, not {node.value!r}")
    elif isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise ExpressionError(f"{node.id} is a function: call it, e.g. {node.id}(a, b)")
        names.add(node.id)
    elif isinstance(node, ast.Attribute):
        if not isinstance(node.value, ast.Name) or node.attr not in PARTS:
            raise ExpressionError(f"only name.{'/'.join(sorted(PARTS))} is allowed, not .{node.attr}")
        names.add(node.value.id)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINOPS:
            raise ExpressionError(f"operator {type(node.op).__name__} is not allowed")
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd | ast.Not):
            raise ExpressionError(f"operator {type(node.op).__name__} is not allowed")
        _check(node.operand, names)
    elif isinstance(node, ast.Compare):
        if any(type(op) not in _CMPOPS for op in node.ops):
            raise ExpressionError("only <, <=, >, >=, ==, != comparisons are allowed")
        for sub in [node.left, *node.comparators]:
            _check(sub, names)
    elif isinstance(node, ast.BoolOp):
        for sub in node.values:
            _check(sub, names)
    elif isinstance(node, ast.IfExp):
        for sub in (node.test, node.body, node.orelse):
            _check(sub, names)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExpressionError(f"only {', '.join(FUNCTIONS)} may be called")
        if node.keywords or not node.args:
            raise ExpressionError(f"{node.func.id}() takes positional arguments only")
        for sub in node.args:
            _check(sub, names)
    else:
        raise ExpressionError(f"{type(node).__name__} is not allowed in a formula")


def _lookup(values: Mapping[str, float | Mapping[str, float]], name: str, part: str = "value") -> float:
    if name not in values:
        raise MissingValue(name)
    found = values[name]
    if isinstance(found, Mapping):
        if part not in found:
            raise MissingValue(f"{name}.{part}")
        return float(found[part])
    if part != "value":
        raise ExpressionError(f"{name} has no {part}")
    return float(found)


def _eval(node: ast.expr, values: Mapping[str, float | Mapping[str, float]]) -> float | bool:
    # Only the node types accepted by _check reach here.
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)
        return float(node.value)
    if isinstance(node, ast.Name):
        return _lookup(values, node.id)
    if isinstance(node, ast.Attribute):
        assert isinstance(node.value, ast.Name)
        return _lookup(values, node.value.id, node.attr)
    if isinstance(node, ast.BinOp):
        left, right = float(_eval(node.left, values)), float(_eval(node.right, values))
        if isinstance(node.op, ast.Pow) and abs(right) > 100:
            raise ExpressionError("exponent too large")
        result = _BINOPS[type(node.op)](left, right)
        if not math.isfinite(result):
            raise ExpressionError("result is not a finite number")
        return result
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        if isinstance(node.op, ast.Not):
            return not operand
        return -float(operand) if isinstance(node.op, ast.USub) else float(operand)
    if isinstance(node, ast.Compare):
        left = float(_eval(node.left, values))
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = float(_eval(comp, values))
            if not _CMPOPS[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        results = [bool(_eval(v, values)) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.IfExp):
        return _eval(node.body, values) if _eval(node.test, values) else _eval(node.orelse, values)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        args = [float(_eval(a, values)) for a in node.args]
        try:
            return float(FUNCTIONS[node.func.id](*args))
        except TypeError as exc:
            raise ExpressionError(f"{node.func.id}(): {exc}") from None
    raise ExpressionError(f"{type(node).__name__} is not allowed in a formula")  # pragma: no cover
