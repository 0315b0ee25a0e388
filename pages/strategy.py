# The strategy's directions of cooperation beside the documents that serve them. A direction
# served only by suspended or ended ties is shown as such, not as served.
import streamlit as st

from ui import loaders
from ui.frame import page_view
from ui.notices import show_problems
from utils.data.folder import STRATEGY_FILE
from utils.data.record import status_by_link
from utils.data.registry import HOME_ID, PARTNER_ID
from utils.data.strategy import SERVED, STANDING, documents_serving, strategy_coverage
from utils.escaping import markdown_link, markdown_text
from utils.i18n import t
from utils.views.tables import describe_direction, describe_document

view = page_view()
lang = view.lang
registry = view.registry  # the whole registry: a filter must not make a direction open
strategy, problems = loaders.strategy(view.key)
statuses = status_by_link(registry, view.status, view.today)

st.title(t("page.strategy", lang))
st.write(t("strategy.intro", lang))
show_problems(problems, STRATEGY_FILE, lang)
coverage = strategy_coverage(strategy, registry, statuses)
not_served = int((coverage[STANDING] != SERVED).sum())
st.caption(t("strategy.summary", lang, total=len(coverage), open=not_served))

for _, direction in coverage.iterrows():
    name, standing = describe_direction(direction, lang)
    with st.container(border=True, key=f"direction_{direction['direction_id']}"):
        direction_column, documents_column = st.columns([2, 3])
        with direction_column:
            st.markdown(f"**{markdown_text(name)}**")
            if direction[STANDING] == SERVED:
                st.success(standing)
            else:
                st.warning(standing)
        with documents_column:
            for _, document in documents_serving(direction, registry).iterrows():
                described = describe_document(document, lang)
                partner = markdown_text(described["partner"])
                status = t(f"status.{statuses[(document[HOME_ID], document[PARTNER_ID])]}", lang)
                source = (
                    f" — {markdown_link(described['source'], described['url'])}"
                    if described["url"]
                    else ""
                )
                st.markdown(
                    f"- {partner}: {described['document']}, {described['date']}{source}"
                    f" · *{status}*"
                )
