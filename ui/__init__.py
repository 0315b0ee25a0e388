# Streamlit-side glue shared by app.py and the pages: cached loaders and view state.
# Logic lives in utils/, which never imports Streamlit.
