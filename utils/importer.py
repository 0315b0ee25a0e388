# For one release, the old `python -m utils.importer` runs `python -m utils import`.
if __name__ == "__main__":
    from utils.__main__ import run_alias

    raise SystemExit(run_alias("utils.importer", ["import"], "import"))
