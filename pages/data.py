# Updating the data: check an uploaded registry, status or activities file, then (editors
# only) apply it as a new version; geocode the new places and enter by hand those the
# geocoder cannot find.
import streamlit as st

from ui.data_page.coordinates import coordinates_panel
from ui.data_page.history import history_panel
from ui.data_page.record_upload import record_panel
from ui.data_page.sign_in import sign_in_panel
from ui.data_page.upload import upload_panel
from ui.data_page.uploader_words import uploader_words
from ui.frame import page_view
from utils.i18n import t

view = page_view()
st.title(t("page.data", view.lang))
st.write(t("data.intro", view.lang))
sign_in_panel(view.lang)
upload_panel(view)
record_panel(view)
coordinates_panel(view)
history_panel(view)
uploader_words(view.lang)
