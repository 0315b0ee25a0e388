# For one release, the old `python -m utils.registry` runs `python -m utils check`.
if __name__ == "__main__":
    from utils.__main__ import run_alias

    raise SystemExit(run_alias("utils.registry", [], "check"))
