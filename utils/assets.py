# For one release, the old `python -m utils.assets` runs `python -m utils assets`.
if __name__ == "__main__":
    from utils.__main__ import run_alias

    raise SystemExit(run_alias("utils.assets", ["assets"], "assets"))
