# The data folder: its files, reading and writing them, each file's schema and checks.
