# What comes from outside: the administration's published page, and geocoding.
