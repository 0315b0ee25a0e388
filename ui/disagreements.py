# The list of places where the public record disagrees with the published table, as the
# Partners page writes it: per partner, what the table says and what other sources say.
from __future__ import annotations

import streamlit as st

from ui.record import sourced_markdown
from utils.escaping import markdown_text
from utils.i18n import count_of, t
from utils.views.disagreements import Claim, Disagreement


def claim_markdown(claim: Claim, lang: str) -> str:
    """Write one side's claim: the other sources' with their links, the table's with its cell."""
    if claim.source is not None:
        return sourced_markdown(claim.text, claim.source, lang, marked=False)
    cell = f" ({t('disagreement.cell', lang, cell=claim.cell)})" if claim.cell else ""
    return markdown_text(claim.text + cell)


def show_disagreements(found: list[Disagreement], lang: str) -> None:
    """Write the list, partner by partner, both sides of each point with their sources.

    Folded, with the number of partners in its title: the cards below stay in reach.
    """
    partners = list(dict.fromkeys(item.partner_id for item in found))
    title = t("disagreement.header", lang)
    if partners:
        title = f"{title} ({count_of('partners', len(partners), lang)})"
    with st.expander(title, expanded=False, key="disagreements_list"):
        st.caption(t("disagreement.intro", lang))
        if not found:
            st.caption(t("disagreement.none", lang))
        for partner_id in partners:
            _show_partner([item for item in found if item.partner_id == partner_id], lang)


def _show_partner(own: list[Disagreement], lang: str) -> None:
    """One partner's points of disagreement, in a box of its own."""
    with st.container(border=True, key=f"disagreement_{own[0].partner_id}"):
        st.markdown(f"**{markdown_text(own[0].partner)}**")
        for item in own:
            others = "\n".join(f"  - {claim_markdown(claim, lang)}" for claim in item.others)
            st.markdown(
                f"*{t(f'disagreement.{item.kind}', lang)}*\n"
                f"- {t('disagreement.page_side', lang)}: {claim_markdown(item.page, lang)}\n"
                f"- {t('disagreement.other_side', lang)}:\n{others}"
            )
