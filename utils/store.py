# For one release, the old `python -m utils.store` runs `python -m utils store export|import`.
if __name__ == "__main__":
    from utils.__main__ import run_alias

    raise SystemExit(run_alias("utils.store", ["store"], "store export|import"))
