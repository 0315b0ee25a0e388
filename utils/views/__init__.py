# What the pages show, computed from the data: summaries, anniversaries, records, cards, tables.
