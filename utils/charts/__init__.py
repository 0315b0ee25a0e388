# Plotly figures: the shared look, breakdowns, the timeline and the network's growth.
