# The Data page's panels: sign-in, an upload checked and applied, the living record's files,
# coordinates, and History; what they share is in apply.py.
