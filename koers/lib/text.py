import re
import unicodedata

_SPACES = re.compile(r"\s+")


def search_key(*parts: str) -> str:
    """Lower-case, accent-free, single-spaced text for searching names ("Öztürk" finds "ozturk")."""
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()
