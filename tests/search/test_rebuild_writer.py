"""The fast rebuild must write the index Whoosh itself would write: same terms, postings,
weights, field lengths, stored fields and columns, so every search answers the same."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import CLEAR, SegmentWriter

from register.search.rebuild import RebuildWriter
from register.search.schema import WORDS_FIELD, build_schema, search_texts

PHRASES = [
    "Ons wooninitiatief biedt 24 uur per dag begeleiding; bewoners koken samen.",
    "Zorgboerderij 't Hoekje: één grote tafel, een café-achtige huiskamer (NAH) en e.g. 3.5 km",
    "De   de DE   van\tvan\nwooninitiatieven  huizen huis",
    "wonen met zorg",
    "",
]


def _document(n: int) -> dict[str, str]:
    """Texts that vary in length, repeat words and share some words with every document
    (more than a block of 128 postings for a term)."""
    texts = {
        text.name: " ".join(PHRASES[(n + i + k) % len(PHRASES)] for k in range(n % (i + 2)))
        for i, text in enumerate(search_texts())
    }
    texts["description"] += f" wonen huis{n % 7} Ångström-{n}"
    return {
        "id": str(1000 + n),
        "stamp": f"2026-12-0{1 + n % 3}T10:00:00+00:00",
        **texts,
        WORDS_FIELD: " ".join(texts.values()),
    }


def _segment_files(directory: Path) -> dict[str, bytes]:
    index = whoosh_index.open_dir(str(directory))
    (segment,) = index._segments()
    files = segment.open_compound_file(index.storage)
    files_by_kind = {
        name.removeprefix(segment.make_filename("")): bytes(files.open_file(name).read())
        for name in files.list()
    }
    return {
        **files_by_kind,
        "documents": segment.doc_count_all(),
        "field lengths": dict(segment._fieldlengths),
    }


def _build(directory: Path, writer_class, documents: list[dict[str, str]]) -> dict:
    directory.mkdir()
    index = whoosh_index.create_in(str(directory), build_schema())
    writer = writer_class(index)
    for document in documents:
        writer.add_document(**document)
    if writer_class is SegmentWriter:
        writer.commit(mergetype=CLEAR)
    else:
        writer.commit()
    return _segment_files(directory)


def test_rebuild_writes_the_index_whoosh_writes(tmp_path):
    documents = [_document(n) for n in range(300)]
    expected = _build(tmp_path / "whoosh", SegmentWriter, documents)
    written = _build(tmp_path / "rebuild", RebuildWriter, documents)
    assert expected.keys() == written.keys()
    assert {kind for kind in written if kind.startswith(".")} >= {".pst", ".trm", "._stored.col"}
    for kind in expected:
        assert written[kind] == expected[kind], kind


def test_rebuild_replaces_what_the_index_held(tmp_path):
    directory = tmp_path / "index"
    _build(directory, SegmentWriter, [_document(n) for n in range(5)])
    writer = RebuildWriter(whoosh_index.open_dir(str(directory)))
    writer.add_document(**_document(7))
    writer.commit()
    with whoosh_index.open_dir(str(directory)).searcher() as searcher:
        assert [fields["id"] for fields in searcher.all_stored_fields()] == ["1007"]
