"""Bank questions that ask what a person's own question asks ("Mag mijn kat mee?" is
"Mag ik een huisdier meenemen?"), so they can take the bank's wording and its "why".

Words are compared as the register's search compares them: the search module's Dutch
analyzer (folded, stop words out, stemmed). A few words only a person would use are first
mapped to the word the bank uses (kat -> huisdier), and words every question has ("mag",
"kan") count for nothing.
"""

from __future__ import annotations

from register.questionnaire.models import Question
from register.questionnaire.services.catalogue import Bank
from register.questionnaire.services.steps import applies
from register.questionnaire.state import ListState
from register.search.query import clean_query
from register.search.schema import dutch_analyzer

MAX_SUGGESTIONS = 3

# The bank's word, and the words people use for it (Dutch and English).
SYNONYMS = {
    "huisdier": "kat katten poes poezen hond honden konijn konijnen cavia vogel vogels "
    "parkiet vis vissen hamster pet pets cat cats dog dogs rabbit bird",
    "eten": "maaltijd maaltijden avondeten ontbijt lunch food meal meals",
    "nacht": "nachts night",
    "bezoek": "visite logeren logeerpartij visitors visit",
    "geld": "kosten betalen prijs euro money cost costs",
}
# Words of asking, not of the subject.
ASKING_WORDS = (
    "mag mogen mocht kan kun kunt kunnen wil wilt willen moet moeten mee graag krijg krijgen "
    "ga gaat gaan zit komt komen jullie wanneer waar welke hoeveel "
    "can could may might my me the and or do does did will would is are am you your what "
    "how when who where which there this that with for come get go much many"
)

_analyzer = dutch_analyzer()


def _stems(text: str) -> list[str]:
    return [token.text for token in _analyzer(clean_query(text))]


def _stems_of_words(words: str) -> set[str]:
    """The stems of a list of words (each on its own: ``clean_query`` caps a text's length)."""
    return {stem for word in words.split() for stem in _stems(word)}


_CANONICAL = {
    stem: word_stem
    for word, others in SYNONYMS.items()
    for word_stem in _stems(word)
    for stem in _stems_of_words(f"{word} {others}")
}
_IGNORED = _stems_of_words(ASKING_WORDS)


def words(text: str) -> set[str]:
    """The subject words of a text: stems, synonyms made one, asking words left out."""
    return {_CANONICAL.get(stem, stem) for stem in _stems(text)} - _IGNORED


def _question_words(question: Question) -> set[str]:
    texts = (question.text_nl, question.text_en, question.text_rep_nl, question.text_rep_en)
    return set().union(*(words(text) for text in texts if text))


def similar_questions(text: str, state: ListState, bank: Bank) -> list[Question]:
    """Up to three bank questions that fit the person and share at least half of the subject
    words of ``text`` (at least one): most shared first, then the most focused (the fewest
    other words), then in the bank's order."""
    own = words(text)
    if not own:
        return []
    needed = max(1, (len(own) + 1) // 2)
    scored = []
    for position, question in enumerate(bank.questions.values()):
        if not (applies(question, state) or question.key in state.questions):
            continue
        theirs = _question_words(question)
        shared = len(own & theirs)
        if shared >= needed:
            scored.append((-shared, len(theirs), position, question))
    return [entry[-1] for entry in sorted(scored)[:MAX_SUGGESTIONS]]
