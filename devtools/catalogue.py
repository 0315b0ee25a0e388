# Adding or changing interface texts in every catalogue at once, for developers: run
# `python -m devtools.catalogue FILE.toml`, where FILE.toml has a table per key (its name
# in quotes) holding a text per language code. A new key is appended to each
# locales/<lang>/LC_MESSAGES/messages.po and to the template locales/messages.pot (with
# the English text as its comment); a known key gets the new texts. A plural entry
# ("count.<noun>") takes a list per language, a form per number as the language's
# Plural-Forms counts them: ru = ["{n} факт", "{n} факта", "{n} фактов"].
from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

from utils.i18n import LANGUAGES, LOCALES_DIR

TEMPLATE = LOCALES_DIR / "messages.pot"


def po_string(text: str) -> str:
    """Quote a text as a .po file writes it."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _msgstr(key: str, text: str | list[str]) -> str:
    """The msgid and msgstr lines of an entry, plural (a list of forms) or not."""
    if isinstance(text, str):
        return f"msgid {po_string(key)}\nmsgstr {po_string(text)}\n"
    forms = "".join(f"msgstr[{index}] {po_string(form)}\n" for index, form in enumerate(text))
    return f"msgid {po_string(key)}\nmsgid_plural {po_string(key)}\n{forms}"


def set_entry(path: Path, key: str, english: str, text: str | list[str]) -> None:
    """Put the entry `key` with `text` into one catalogue: replaced if there, else appended."""
    content = path.read_text(encoding="utf-8")
    string = r'"(?:[^"\\]|\\.)*"\n'
    entry = re.compile(
        rf"(#\. en: [^\n]*\n)?msgid {re.escape(po_string(key))}\n"
        rf"(?:msgid_plural {string})?(?:msgstr(?:\[[0-9]\])? (?:{string})+)+"
    )
    block = f"#. en: {english}\n{_msgstr(key, text)}"
    if entry.search(content):
        content = entry.sub(lambda _: block, content, count=1)
    else:
        content = content.rstrip("\n") + "\n\n" + block
    path.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the texts of a TOML file into every catalogue and the template."""
    parser = argparse.ArgumentParser(prog="python -m devtools.catalogue")
    parser.add_argument("texts", type=Path, help="TOML: a table per key, a text per language")
    args = parser.parse_args(argv)
    entries = tomllib.loads(args.texts.read_text(encoding="utf-8"))
    for key, texts in entries.items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            sys.stderr.write(f"{key}: no text in {', '.join(missing)}\n")
            return 1
        english = texts["en"] if isinstance(texts["en"], str) else " / ".join(texts["en"])
        for lang in LANGUAGES:
            catalogue = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
            set_entry(catalogue, key, english, texts[lang])
        set_entry(TEMPLATE, key, english, "" if isinstance(texts["en"], str) else ["", ""])
    sys.stdout.write(f"{len(entries)} key(s) written into {len(LANGUAGES)} catalogues\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
