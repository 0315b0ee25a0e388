# Text from the data made safe for where it is shown: Streamlit's Markdown, plotly's labels
# (which read a subset of HTML) and the HTML folium writes into JavaScript template literals.
from __future__ import annotations

import html
import re

# Characters that Streamlit's Markdown would read as formatting, links, HTML or directives.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


# Streamlit's Markdown (GFM) makes links of bare addresses even when their punctuation is
# escaped; an invisible word joiner inside "://", "www." and "@" keeps them plain text.
WORD_JOINER = "\u2060"


_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def markdown_text(text: object) -> str:
    """Escape text from the data so that Markdown shows it literally, never as markup."""
    unlinked = str(text).replace("://", f":{WORD_JOINER}//").replace("@", f"@{WORD_JOINER}")
    unlinked = _WWW.sub(rf"\1{WORD_JOINER}.", unlinked)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def markdown_link(label: str, url: str) -> str:
    """Write a Markdown link to an http(s) address (utils.data.registry.is_web_url checks it)."""
    # Brackets and spaces would end the address early; everything else stays as it is.
    target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C")
    return f"[{markdown_text(label)}]({target})"


def plotly_text(text: str) -> str:
    """Escape text from the data for plotly, which reads <a>, <b>, <span style> and <br>."""
    return html.escape(text, quote=False)


def escape_text(text: object) -> str:
    """Escape text for HTML that folium puts inside JavaScript template literals.

    Folium's layer control writes layer names as HTML in `...` strings: a backtick would end
    the string and ${...} would run as code, so those (and the backslash) become entities too.
    """
    return html.escape(str(text)).replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
