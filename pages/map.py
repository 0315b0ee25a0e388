# The Baltic map: partners, the home and arcs between them; a partner's card beside it;
# a year slider that shows how the network grew; the map as an offline HTML file.
import time

import pandas as pd
import streamlit as st

from ui import loaders, view_cache
from ui.frame import page_view
from ui.maps import clicked_partner, show_map
from ui.notices import stop_if_empty
from ui.record import show_record, sourced_markdown
from ui.state import PARTNER_KEY, init_partner, set_partner_param, take_map_click
from utils.data.coords import PLACE_ID
from utils.data.places import home_names, partners_without_coords
from utils.data.registry import HOME_ID, PARTNER_ID
from utils.escaping import markdown_text
from utils.filters import MAX_SEARCH_LENGTH, growth_years, signed_by_end_of
from utils.i18n import count_of, t
from utils.map.export import HTML_MIME, standalone_map_html
from utils.map.growth import STEP_SECONDS, Growth
from utils.views.cards import partner_card
from utils.views.network import partner_distance
from utils.views.picker import PICKER_LIST_MAX, picker_choices
from utils.views.record_lines import partner_record

MAP_HEIGHT_PX = 680
GROWTH_KEY = "_growth"  # the Growth state (utils/map/growth.py)
GROWTH_YEAR_KEY = "growth_year"
GROWTH_PLAYING_KEY = "growth_play"
PARTNER_SEARCH_KEY = "partner_search"

view = page_view()
lang, home, coords, documents = view.lang, view.home, view.coords, view.documents

st.title(t("page.map", lang))
stop_if_empty(view)
missing = partners_without_coords(documents, coords)
all_names = view_cache.names(view)
if missing:
    st.warning(
        t("map.not_on_map", lang, names=", ".join(markdown_text(all_names[p]) for p in missing))
    )
unplaced_homes = sorted(set(documents[HOME_ID].astype(str)) - set(coords[PLACE_ID].astype(str)))
if unplaced_homes:
    names_of_homes = home_names(unplaced_homes, coords, home, lang)
    unplaced = ", ".join(markdown_text(names_of_homes[home_id]) for home_id in unplaced_homes)
    st.warning(t("map.no_home", lang, home=unplaced))

first_year, last_year = growth_years(documents, view.until)
growth = st.session_state.get(GROWTH_KEY, Growth(first_year, last_year))
st.session_state[GROWTH_KEY] = growth = growth.within(first_year, last_year)


def remember_growth_year() -> None:
    """Keep the year the reader has just set on the slider (its on_change)."""
    state = st.session_state[GROWTH_KEY]
    st.session_state[GROWTH_KEY] = state.choose(st.session_state[GROWTH_YEAR_KEY])


def toggle_growth() -> None:
    """Start the growth from the first year (or go on from the slider's year), or pause it."""
    st.session_state[GROWTH_KEY] = st.session_state[GROWTH_KEY].toggle(time.monotonic())


def growth_controls(state: Growth) -> int:
    """Draw the year slider and the play button; return the year the map shows."""
    if first_year >= last_year:
        return last_year
    # The button as wide as its words, the slider the rest: a tablet cut the words.
    with st.container(horizontal=True, vertical_alignment="bottom", key="growth_controls"):
        year = st.slider(
            t("map.growth_year", lang),
            min_value=first_year,
            max_value=last_year,
            key=GROWTH_YEAR_KEY,
            on_change=remember_growth_year,
            help=t("map.growth_help", lang),
            disabled=state.playing,
            width="stretch",
        )
        if st.button(
            t("map.pause" if state.playing else "map.play", lang),
            key=GROWTH_PLAYING_KEY,
            on_click=toggle_growth,
            width="content",
        ):
            st.rerun()  # the whole page: the timer starts or stops there
    return year


def partner_choices(names: dict[str, str]) -> list[str]:
    """The partners the picker lists: all of them, or beyond a list's worth those searched."""
    if len(names) <= PICKER_LIST_MAX:
        return list(names)
    search = st.text_input(
        t("map.partner_search", lang),
        key=PARTNER_SEARCH_KEY,
        max_chars=MAX_SEARCH_LENGTH,
        help=t("map.partner_search_help", lang, limit=PICKER_LIST_MAX),
    )
    selected = st.session_state.get(PARTNER_KEY)
    choices, total = picker_choices(names, search, selected, PICKER_LIST_MAX)
    if total == 0:
        st.caption(t("map.partner_none", lang))
    elif total > PICKER_LIST_MAX:
        st.caption(t("map.partner_matches", lang, shown=PICKER_LIST_MAX, total=total))
    return choices


def partner_panel(names: dict[str, str], places: pd.DataFrame, as_of: int | None) -> None:
    """The partner picker beside the map, and the card of the partner picked or clicked."""
    st.selectbox(
        t("map.partner", lang),
        partner_choices(names),
        key=PARTNER_KEY,
        format_func=names.get,
        placeholder=t("map.choose", lang),
    )
    selected = st.session_state[PARTNER_KEY]
    set_partner_param(selected)
    if not selected:
        st.caption(t("map.pick", lang))
        return
    shown = view_cache.shown(view, as_of)
    card = partner_card(shown, selected, partner_distance(places, selected), lang)
    with st.container(border=True, key="partner_card"):
        st.subheader(markdown_text(card.name))
        for label, value in card.facts:
            st.markdown(f"**{label}:** {markdown_text(value)}")
        st.markdown(f"**{t('card.documents', lang)}:**")
        for title, date, _, source in card.documents:  # from the catalogue and Babel
            st.markdown(f"- {sourced_markdown(f'{title}, {date}', source, lang, marked=True)}")
        show_record(partner_record(shown, selected, view_cache.record_of(view, as_of), lang), lang)


@st.fragment(run_every=STEP_SECONDS if growth.playing else None)
def network_map() -> None:
    """The slider, the map and the card: they rerun on their own, not the whole page."""
    state = st.session_state[GROWTH_KEY]
    if state.playing:
        st.session_state[GROWTH_KEY] = state = state.tick(time.monotonic())
        if not state.playing:
            st.rerun()  # the whole page, so that the timer stops
    # Written into the slider on every run, like the filters (ui/state.py): when the
    # filters change its range, Streamlit would otherwise reset it to the first year.
    st.session_state[GROWTH_YEAR_KEY] = state.year
    year = growth_controls(state)
    shown = signed_by_end_of(documents, year)
    st.caption(
        t(
            "map.growth_caption",
            lang,
            year=year,
            partners=count_of("partners", shown[PARTNER_ID].nunique(), lang),
            documents=count_of("documents", len(shown), lang),
        )
    )
    as_of = None if year >= last_year else year
    places = view_cache.links(view, as_of)
    names = view_cache.names(view, as_of)
    map_column, card_column = st.columns([3, 1], gap="medium")
    # The map's frame follows the window's height (assets/app/app.css: .st-key-map_box), so
    # that a projector's 720 px show it whole, its bottom edge included.
    with map_column, st.container(key="map_box"):
        clicked = show_map(
            # Framed on the whole registry, the base map is the same for every filter: a
            # filter change swaps the layer, which frames the map on the filtered view.
            view_cache.whole_registry_map(view, fill_frame=True),
            view_cache.partners_layer(view, year=as_of),
            key="map",
            height=MAP_HEIGHT_PX,
        )
    init_partner(list(names))
    take_map_click(*clicked_partner(clicked))
    with card_column:
        partner_panel(names, places, as_of)


network_map()

st.download_button(
    t("map.download_html", lang),
    # Built only when the button is pressed: the file carries Leaflet and the basemap.
    data=lambda: standalone_map_html(
        documents,
        coords,
        home,
        lang,
        basemap=loaders.basemap_path(),
        title=home.title(lang),
        record=view.record,
    ),
    file_name=f"partners-map-{lang}.html",
    mime=HTML_MIME,
    key="download_map_html",
    help=t("map.download_help", lang),
    on_click="ignore",
)
