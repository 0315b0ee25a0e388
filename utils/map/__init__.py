# The Baltic map, by concern: network (who is linked to whom, where), text (cards, legend),
# layer (one view's data for the browser), elements (the calls into assets/map/*.js) and
# build (the folium map and its layer); export writes the offline HTML file.
