# For one release, the old `python -m utils.geocode` runs `python -m utils geocode`.
if __name__ == "__main__":
    from utils.__main__ import run_alias

    raise SystemExit(run_alias("utils.geocode", ["geocode"], "geocode"))
