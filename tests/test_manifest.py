"""The manifest: one line per input, a line torn by a kill ignored, and the outputs its run wrote."""
from __future__ import annotations

from pathlib import Path

from extract.manifest import Entry, Header, Manifest, manifest_path, read_manifest, settings_fingerprint, written_by


def test_entries_survive_and_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    path = manifest_path(tmp_path / "records.csv")
    assert path.name == "records.csv.manifest.jsonl"
    manifest = Manifest(path, Header(outputs=[str(tmp_path / "records.csv")], settings="s"))
    manifest.append([Entry(path="/a.txt", doc_id="a.txt", hash="1", status="done", reports=2, records=5, part="p")])
    manifest.append([Entry(path="/a.txt", doc_id="a.txt", hash="2", status="failed", error="empty file")])
    manifest.close()
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"path": "/b.txt", "doc_id": "b.t')  # a kill -9 in the middle of a line
    header, entries = read_manifest(path)
    assert header.settings == "s"
    assert list(entries) == ["/a.txt"] and entries["/a.txt"].status == "failed"
    assert written_by(path) == [tmp_path / "records.csv"]


def test_dataset_manifest_lives_inside_the_folder_and_foreign_files_are_no_manifest(tmp_path: Path) -> None:
    assert manifest_path(f"{tmp_path}/records/") == tmp_path / "records" / "_manifest.jsonl"
    stranger = tmp_path / "notes.manifest.jsonl"
    stranger.write_text('{"hello": 1}\n', encoding="utf-8")
    assert read_manifest(stranger) == (None, {})
    assert written_by(stranger) == []


def test_settings_fingerprint_covers_the_model_weights_and_the_rules_only_switch(tmp_path: Path) -> None:
    """--resume must not keep records made with other weights, or with the model switched the other way."""
    (tmp_path / "lexicon.yaml").write_text("activities: []\n", encoding="utf-8")
    (tmp_path / "activity_model.json").write_text('{"threshold": 0.25}\n', encoding="utf-8")
    first = settings_fingerprint(tmp_path, 1000)
    assert settings_fingerprint(tmp_path, 1000) == first
    assert settings_fingerprint(tmp_path, 1000, rules_only=True) != first
    (tmp_path / "activity_model.json").write_text('{"threshold": 0.5}\n', encoding="utf-8")
    assert settings_fingerprint(tmp_path, 1000) != first
