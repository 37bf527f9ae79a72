import html
import re
import unicodedata
from typing import Any

_SPACES = re.compile(r"\s+")


def search_key(*parts: str) -> str:
    """Lower-case, accent-free, single-spaced text for searching names ("Öztürk" finds "ozturk")."""
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def has_null_character(value: Any) -> bool:
    """Whether a NUL character hides anywhere in parsed input: strings, keys, lists, pairs."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_null_character(k) or has_null_character(v) for k, v in value.items())
    if isinstance(value, (list, tuple)) or hasattr(value, "__next__"):
        return any(has_null_character(item) for item in value)
    return False


def escaped(value: Any) -> str:
    """``conditional_escape`` without wrapping every value as a ``SafeString``: for HTML written in one
    pass (long lists, table rows), where the wrapping costs more than the escaping."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
