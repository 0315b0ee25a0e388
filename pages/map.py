# The Baltic map: partners, the home and arcs between them; a partner's card beside it.
import streamlit as st
from streamlit_folium import st_folium

from ui import data
from ui.frame import leave_legacy_pages_mode
from ui.notices import stop_if_empty
from ui.state import PARTNER_KEY, init_partner, language, set_partner_param, take_map_click
from utils.i18n import t
from utils.mapping import build_map, partner_at, partner_card, partner_places
from utils.places import DISTANCE_KM, PLACE_ID, partners_without_coords
from utils.registry import PARTNER_ID
from utils.tables import partner_names

MAP_HEIGHT_PX = 680

leave_legacy_pages_mode()
lang = language()
home = data.home()
coords, _ = data.coords()
documents = data.documents_in_view()

st.title(t("page.map", lang))
stop_if_empty(documents, data.registry_size(), lang)
places = partner_places(documents, coords, home.id)
missing = partners_without_coords(documents, coords)
names = partner_names(documents, lang)
if missing:
    st.warning(t("map.not_on_map", lang, names=", ".join(names[pid] for pid in missing)))
if home.id not in set(coords[PLACE_ID]):
    st.warning(t("map.no_home", lang, home=home.name(lang)))

map_column, card_column = st.columns([3, 1], gap="medium")
with map_column:
    clicked = st_folium(
        build_map(documents, coords, home, lang),
        key="map",
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        # Only clicks come back: panning and zooming do not rerun the page.
        returned_objects=["last_object_clicked"],
    )

init_partner(list(names))
take_map_click(
    (clicked or {}).get("last_object_clicked"), lambda lat, lon: partner_at(places, lat, lon)
)

with card_column:
    st.selectbox(
        t("map.partner", lang),
        list(names),
        key=PARTNER_KEY,
        format_func=names.get,
        placeholder=t("map.choose", lang),
    )
    selected = st.session_state[PARTNER_KEY]
    set_partner_param(selected)
    if selected:
        distance = places.set_index(PARTNER_ID)[DISTANCE_KM].get(selected)
        card = partner_card(documents, selected, distance, lang)
        with st.container(border=True, key="partner_card"):
            st.subheader(card.name)
            for label, value in card.facts:
                st.markdown(f"**{label}:** {value}")
            st.markdown(f"**{t('card.documents', lang)}:**")
            for title, date, _ in card.documents:
                st.markdown(f"- {title}, {date}")
    else:
        st.caption(t("map.pick", lang))
