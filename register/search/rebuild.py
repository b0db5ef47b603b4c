"""Writing a whole new index in one go: the segment Whoosh would write, in a fraction of the time.

Whoosh's ``SegmentWriter`` turns every posting (term, document, weight) into a tuple in a
pool, sorts the 2.1 million tuples of 10,000 initiatives, and while writing the segment
reads each posting's field length back from the column it has just written: three quarters
of a rebuild. ``RebuildWriter`` keeps the postings of each term in arrays instead (documents
arrive in number order, so each list is sorted already and only the terms are sorted), keeps
the field lengths in memory, and hands Whoosh's postings writer a block of postings at a
time. Documents, the per-document columns, the block layout and the files are Whoosh's own:
a test checks that the files equal those of Whoosh's writer byte for byte.

It knows the postings formats of our schema (``Frequency`` for texts, ``Existence`` for the
id) and the buffer of whoosh-reloaded 2.7.5's ``W3PostingsWriter`` (pinned in
``requirements.lock``); another format is refused when the writer is made.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict

from whoosh.codec.whoosh3 import W3PostingsWriter
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import CLEAR, SegmentWriter

from register.search.schema import MemoizedAnalyzer


class RebuildWriter(SegmentWriter):
    """A writer whose one segment replaces the whole index (commit clears every other).

    ``add_document`` takes the same fields as Whoosh's; documents are numbered in the
    order they are added. Nothing else of ``SegmentWriter`` (deletions, merging other
    segments into this one) is meant to be used on it.
    """

    def __init__(self, index, **options):
        for name, field in index.schema.items():  # checked before the lock is taken
            if field.indexed and type(field.format) not in (Frequency, Existence):
                raise TypeError(f"RebuildWriter cannot write {field.format!r} ({name})")
            if field.vector or field.separate_spelling():
                raise TypeError(f"RebuildWriter writes no vectors or spelling ({name})")
        super().__init__(index, **options)
        # field -> term -> document number and frequency of each posting, in document order
        self._postings: dict[str, dict[str | bytes, array]] = defaultdict(dict)
        # field -> per document number: the field length as Whoosh's length column keeps it
        self._lengths: dict[str, array] = defaultdict(lambda: array("I"))

    def add_document(self, **fields) -> None:
        self._check_state()
        docnum = self.docnum
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            field = self.schema[name]
            length = 0
            if field.indexed:
                terms = self._postings[name]
                for term, freq in _frequencies(field, value):
                    postings = terms.get(term)
                    if postings is None:
                        postings = terms[term] = array("I")
                    postings.extend((docnum, freq))
                    length += freq
                if field.scorable:
                    self._keep_length(name, docnum, length)
                else:
                    length = 0
            perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def commit(self) -> None:
        super().commit(mergetype=CLEAR)

    def _keep_length(self, name: str, docnum: int, length: int) -> None:
        """What Whoosh reads back for the posting: the length as stored in one byte."""
        lengths = self._lengths[name]
        if len(lengths) < docnum:
            lengths.extend([0] * (docnum - len(lengths)))
        lengths.append(byte_to_length(length_to_byte(length)))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        writer = self.fieldwriter
        for name in sorted(self._postings):
            field = self.schema[name]
            boost = field.format.field_boost
            values = pack_uint if type(field.format) is Frequency else None
            lengths = self._lengths.get(name)  # None: the field keeps no lengths
            if lengths is not None:
                lengths.extend([0] * (self.docnum - len(lengths)))
            writer.start_field(name, field)
            block = _BlockWriter(writer)
            # Whoosh orders terms by their UTF-8 bytes: the order of their code points.
            for term, postings in sorted(self._postings[name].items()):
                writer.start_term(term.encode("utf-8") if isinstance(term, str) else term)
                block.add_postings(postings[0::2], postings[1::2], boost, values, lengths)
                writer.finish_term()
            writer.finish_field()
        self._postings.clear()
        writer.close()


def _frequencies(field, value):
    """(term, frequency) for each term of ``value`` in ``field``, as Whoosh indexes it; the
    term as text from our analyzer, as bytes from Whoosh's own."""
    if isinstance(field.analyzer, MemoizedAnalyzer):
        return Counter(field.analyzer.words(value)).items()
    return [(btext, freq) for btext, freq, _weight, _value in field.index(value)]


class _BlockWriter:
    """Fills the block buffer of the field writer's ``W3PostingsWriter`` a block at a time,
    exactly as ``add_posting`` would have filled it one posting at a time."""

    def __init__(self, fieldwriter):
        self.postings: W3PostingsWriter = fieldwriter._postwriter
        self.size = self.postings._blocklimit

    def add_postings(self, docnums, freqs, boost, values, lengths) -> None:
        postings = self.postings
        for start in range(0, len(docnums), self.size):
            if start:
                postings._write_block()  # add_posting writes a full block before the next
            ids = docnums[start : start + self.size]
            counts = freqs[start : start + self.size]
            weights = list(map(boost.__mul__, counts))
            postings._ids = ids
            postings._weights = array("f", weights)
            postings._values = list(map(values, counts)) if values else []
            postings._maxweight = max(0, *weights)
            known = [n for n in map(lengths.__getitem__, ids) if n] if lengths else []
            postings._minlength = min(known) if known else None
            postings._maxlength = max(known, default=0)
