# Layer data published as files of the static folder: named by content, kept while shown.
from __future__ import annotations

import os

from utils.map.layer_files import layer_file_name, prune_layers, publish_layer


def test_names_follow_the_content():
    assert layer_file_name('{"a": 1}') == layer_file_name('{"a": 1}')
    assert layer_file_name('{"a": 1}') != layer_file_name('{"a": 2}')
    assert layer_file_name("{}").endswith(".json")


def test_a_file_is_written_once_and_touched_when_shown_again(tmp_path):
    name = layer_file_name("{}")
    path = publish_layer(tmp_path, name, "{}")
    assert path.read_text(encoding="utf-8") == "{}"
    os.utime(path, (1, 1))  # shown long ago
    publish_layer(tmp_path, name, "{}")
    assert path.stat().st_mtime > 1  # shown now: the last to be pruned


def test_pruning_keeps_the_most_recently_shown(tmp_path):
    paths = []
    for index in range(5):
        text = f'{{"view": {index}}}'
        path = publish_layer(tmp_path, layer_file_name(text), text)
        os.utime(path, (index, index))  # view 4 shown last
        paths.append(path)
    deleted = prune_layers(tmp_path, keep=2)
    assert sorted(deleted) == sorted(paths[:3])
    assert sorted(tmp_path.glob("*.json")) == sorted(paths[3:])
    # With nothing to keep every file goes, newest first; an empty folder is no error.
    assert prune_layers(tmp_path, keep=0) == sorted(paths[3:], reverse=True)
    assert prune_layers(tmp_path, keep=0) == []
