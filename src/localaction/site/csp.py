"""The style hashes the Content-Security-Policy allows for Plotly, computed from the installed plotly.min.js
(the page serves that very file, so the hashes always match it).

Plotly.js adds two <style> elements as it loads: an empty one it then fills through the CSSOM (which the
policy does not restrict), and maplibre's stylesheet for map traces, as a fixed text. Allowing exactly these
texts by hash keeps every other inline <style> refused."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from functools import cache
from pathlib import Path

# e.id="<64 hex>",e.textContent='<css>' right after document.createElement("style") in the minified bundle.
_STYLE = re.compile(r'createElement\("style"\);e\.id="[0-9a-f]{64}",e\.textContent=\'([^\'\\]*)\'')


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def plotly_style_hashes() -> tuple[str, ...]:
    spec = importlib.util.find_spec("plotly")
    hashes = [_sha256("")]  # the empty <style> Plotly fills with insertRule
    if spec is not None and spec.origin is not None:
        bundle = Path(spec.origin).parent / "package_data" / "plotly.min.js"
        if bundle.is_file():
            hashes += [_sha256(css) for css in _STYLE.findall(bundle.read_text(encoding="utf-8"))]
    return tuple(dict.fromkeys(hashes))
