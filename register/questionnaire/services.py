"""Rules of the question-list builder: the steps, which questions apply, tailoring to an
initiative, the person's order, saving behind a random link, and conversation mode.

The list being built is a plain dict (``state``) that the view keeps in the session cookie;
nothing reaches the database until the person saves. A saved list's ``content`` holds:
``audience``, ``funding``, ``kind``, ``initiative`` (slug or None), ``items`` (list of
``{"ref", "important"}`` in the person's order) and ``own`` (``{ref: text}``). A ``ref`` is a
bank question's key, or ``eigen-<n>`` for one of the person's own questions.

Functions here flush; the view commits.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from register.entries.models import Initiative, Kind, Requirement, utcnow
from register.extensions import db
from register.questionnaire.models import (
    MAX_CONVERSATIONS,
    AnswerStatus,
    Conversation,
    ConversationAnswer,
    Question,
    SavedList,
    Subtheme,
    Theme,
)

STEPS = ("voor-wie", "situatie", "themas", "vragen", "eigen-vragen", "volgorde", "controleren")
AUDIENCES = ("self", "representative")
FUNDINGS = ("pgb", "zin", "unknown")
UNKNOWN = "unknown"
OWN_PREFIX = "eigen-"
MAX_OWN_QUESTIONS = 10
MAX_OWN_LENGTH = 300
MAX_NOTE_LENGTH = 1000
MAX_NAME_LENGTH = 200
TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 256 random bits, 43 characters
TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


# --- The bank -------------------------------------------------------------------------------


@dataclass
class Bank:
    themes: list[Theme]
    questions: dict[str, Question]  # in theme, subtheme, question order

    def theme_keys(self) -> list[str]:
        return [theme.key for theme in self.themes]

    def questions_of(self, theme_key: str) -> list[Question]:
        return [q for q in self.questions.values() if q.theme.key == theme_key]


def load_bank() -> Bank:
    themes = list(db.session.scalars(select(Theme).order_by(Theme.position)))
    questions = db.session.scalars(
        select(Question)
        .join(Subtheme)
        .join(Theme)
        .order_by(Theme.position, Subtheme.position, Question.position)
    )
    return Bank(themes=themes, questions={q.key: q for q in questions})


def kind_options() -> list[Kind]:
    return list(db.session.scalars(select(Kind).order_by(Kind.position)))


def requirements() -> list[Requirement]:
    return list(db.session.scalars(select(Requirement).order_by(Requirement.number)))


# --- The state of a list being built --------------------------------------------------------


def new_state(initiative: Initiative | None = None) -> dict:
    state = {
        "initiative": None,
        "audience": None,
        "funding": None,
        "kind": None,
        "themes": [],
        "seen": [],
        "questions": [],  # chosen bank questions, in the person's order
        "own": [],  # [ref, text] of own questions, in the person's order
        "next_own": 1,
        "important": [],
        "done": [],
        # The link the list is saved under: chosen now, so saving twice (a double click,
        # two tabs) updates one list instead of making two.
        "token": new_token(),
        "saved": False,
    }
    if initiative is not None:
        _tailor(state, initiative)
    return state


def find_initiative(slug: str | None) -> Initiative | None:
    if not slug or len(slug) > 120:
        return None
    return db.session.scalar(select(Initiative).where(Initiative.slug == slug))


def _tailor(state: dict, initiative: Initiative) -> None:
    """Pre-fill the situation and pre-select questions from the initiative's public profile."""
    state["initiative"] = initiative.slug
    state["kind"] = initiative.kind.key
    pgb = {route.is_pgb for route in initiative.funding_routes}
    if pgb == {True}:
        state["funding"] = "pgb"
    elif pgb == {False}:
        state["funding"] = "zin"


def tailored_question_keys(initiative: Initiative, bank: Bank) -> list[str]:
    """Questions about what this initiative publishes, and about what it leaves out: its
    collective share, the requirements it made no statement on (only questions mainly about
    such a requirement: their first one), its kind."""
    stated = {s.requirement.key for s in initiative.statements if s.text.strip()}
    keys = []
    for question in bank.questions.values():
        main = question.requirements[0].key if question.requirements else None
        if (
            (question.collective and initiative.collective_budget)
            or (main is not None and main not in stated)
            or initiative.kind.key in question.kind_keys
        ):
            keys.append(question.key)
    return keys


def preselected(state: dict, bank: Bank) -> set[str]:
    initiative = find_initiative(state["initiative"])
    return set(tailored_question_keys(initiative, bank)) if initiative else set()


REGISTER_LINK = re.compile(r"/initiatieven/([A-Za-z0-9-]{1,120})/?(?:[?#].*)?$")


def initiative_named(text: str) -> Initiative | None:
    """The register entry a person means: its register link, its slug or its exact name."""
    match = REGISTER_LINK.search(text)
    if match:
        return find_initiative(match.group(1))
    return find_initiative(text.lower()) or db.session.scalar(
        select(Initiative).where(func.lower(Initiative.name) == text.lower()).limit(1)
    )


def missing_requirements(initiative: Initiative) -> list[Requirement]:
    stated = {s.requirement.key for s in initiative.statements if s.text.strip()}
    return [r for r in requirements() if r.key not in stated]


def first_missing_step(state: dict) -> str | None:
    return next((step for step in STEPS if step not in state["done"]), None)


def step_allowed(state: dict, step: str) -> bool:
    return all(earlier in state["done"] for earlier in STEPS[: STEPS.index(step)])


def mark_done(state: dict, step: str, *, undo: tuple[str, ...] = ()) -> None:
    state["done"] = [s for s in state["done"] if s not in undo and s != step] + [step]


def set_audience(state: dict, audience: str) -> None:
    if state["audience"] != audience:
        mark_done(state, "voor-wie", undo=("vragen",))
    else:
        mark_done(state, "voor-wie")
    state["audience"] = audience


def set_situation(state: dict, funding: str, kind: str) -> None:
    changed = (state["funding"], state["kind"]) != (funding, kind)
    state["funding"], state["kind"] = funding, kind
    mark_done(state, "situatie", undo=("vragen",) if changed else ())


def set_themes(state: dict, theme_keys: list[str]) -> None:
    changed = set(theme_keys) != set(state["themes"])
    state["themes"] = theme_keys
    state["seen"] = [t for t in state["seen"] if t in theme_keys]
    mark_done(state, "themas", undo=("vragen",) if changed else ())


def applies(question: Question, state: dict) -> bool:
    """Whether a question fits the person's situation (unknown answers exclude nothing)."""
    funding, kind = state["funding"], state["kind"]
    if question.funding != "any" and funding in ("pgb", "zin") and question.funding != funding:
        return False
    # Only the person's own answer rules out a collective share. An initiative that does not
    # publish one may still have one: exactly what the person should ask about.
    if question.collective and funding == "zin":
        return False
    if question.kind_keys and kind not in (None, UNKNOWN) and kind not in question.kind_keys:
        return False
    return question.audience in ("any", state["audience"])


def questions_for_theme(state: dict, bank: Bank, theme_key: str) -> list[Question]:
    chosen = set(state["questions"])
    return [q for q in bank.questions_of(theme_key) if applies(q, state) or q.key in chosen]


def ticked_questions(state: dict, bank: Bank) -> set[str]:
    """What the questions step shows ticked: earlier choices, and for themes not yet seen the
    recommended questions and those picked for the initiative."""
    ticked = set(state["questions"])
    preselect = preselected(state, bank)
    for theme_key in state["themes"]:
        if theme_key in state["seen"]:
            continue
        for question in questions_for_theme(state, bank, theme_key):
            if question.recommended or question.key in preselect:
                ticked.add(question.key)
    return ticked


def suggested_themes(state: dict, bank: Bank) -> list[str]:
    preselect = preselected(state, bank)
    if state["themes"] or not preselect:
        return state["themes"]
    return [
        theme.key
        for theme in bank.themes
        if any(q.key in preselect and applies(q, state) for q in bank.questions_of(theme.key))
    ]


def set_questions(state: dict, bank: Bank, keys: list[str]) -> None:
    shown = {q.key for t in state["themes"] for q in questions_for_theme(state, bank, t)}
    chosen = set(keys) & shown
    kept = [k for k in state["questions"] if k not in shown or k in chosen]
    state["questions"] = kept + [k for k in keys if k in chosen and k not in kept]
    state["seen"] = list(state["themes"])
    mark_done(state, "vragen")


# --- Own questions --------------------------------------------------------------------------


def own_room(state: dict) -> int:
    return MAX_OWN_QUESTIONS - len(state["own"])


def add_own_questions(state: dict, texts: list[str]) -> int:
    """Adds as many as fit; returns how many were added."""
    added = 0
    for text in texts[: own_room(state)]:
        ref = f"{OWN_PREFIX}{state['next_own']}"
        state["next_own"] += 1
        state["own"].append([ref, text])
        added += 1
    return added


def remove_own_question(state: dict, ref: str) -> bool:
    before = len(state["own"])
    state["own"] = [pair for pair in state["own"] if pair[0] != ref]
    return len(state["own"]) < before


# --- The person's order ---------------------------------------------------------------------


@dataclass
class Item:
    ref: str
    text: str
    important: bool
    question: Question | None = None

    @property
    def why(self) -> str:
        return self.question.why if self.question else ""

    @property
    def requirements(self) -> list[Requirement]:
        return self.question.requirements if self.question else []


@dataclass
class Group:
    theme: Theme | None  # None: the person's own questions
    items: list[Item] = field(default_factory=list)


def chosen_refs(state: dict, bank: Bank) -> list[str]:
    """Chosen questions of chosen themes (by theme, in the person's order), then own
    questions in the person's order."""
    themes = set(state["themes"])
    chosen = [
        k
        for k in state["questions"]
        if k in bank.questions and bank.questions[k].theme.key in themes
    ]
    refs = sorted(chosen, key=lambda k: bank.questions[k].theme.position)
    return refs + [ref for ref, _ in state["own"]]


def build_groups(
    refs: list[str], own: dict[str, str], important: set[str], bank: Bank
) -> list[Group]:
    """Groups in order of first appearance; unknown refs (a question since removed from the
    bank, or a forged one) are left out."""
    groups: dict[str, Group] = {}
    for ref in refs:
        if ref in bank.questions:
            question = bank.questions[ref]
            group = groups.setdefault(question.theme.key, Group(theme=question.theme))
            group.items.append(Item(ref, question.text, ref in important, question))
        elif ref in own:
            group = groups.setdefault(OWN_PREFIX, Group(theme=None))
            group.items.append(Item(ref, own[ref], ref in important))
    return list(groups.values())


def state_groups(state: dict, bank: Bank) -> list[Group]:
    return build_groups(chosen_refs(state, bank), dict(state["own"]), set(state["important"]), bank)


def move(state: dict, bank: Bank, ref: str, direction: str) -> bool:
    """Swap a question with its neighbour in its group; False when it cannot move."""
    groups = [[item.ref for item in group.items] for group in state_groups(state, bank)]
    for refs in groups:
        if ref not in refs:
            continue
        i = refs.index(ref)
        j = i - 1 if direction == "up" else i + 1
        if not 0 <= j < len(refs):
            return False
        refs[i], refs[j] = refs[j], refs[i]
        ordered = [r for refs_of_group in groups for r in refs_of_group]
        rank = {r: n for n, r in enumerate(ordered)}
        shown = [k for k in ordered if k in bank.questions]
        state["questions"] = shown + [k for k in state["questions"] if k not in rank]
        state["own"] = sorted(state["own"], key=lambda pair: rank[pair[0]])
        return True
    return False


def set_important(state: dict, bank: Bank, refs: list[str]) -> None:
    known = set(chosen_refs(state, bank))
    state["important"] = [r for r in refs if r in known]


def question_count(state: dict, bank: Bank) -> int:
    return len(chosen_refs(state, bank))


# --- Saving ---------------------------------------------------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _retention() -> timedelta:
    return timedelta(days=current_app.config["QUESTIONLIST_RETENTION_DAYS"])


def content_from_state(state: dict, bank: Bank) -> dict:
    refs = chosen_refs(state, bank)
    important = set(state["important"])
    return {
        "audience": state["audience"],
        "funding": state["funding"],
        "kind": state["kind"],
        "initiative": state["initiative"],
        "items": [{"ref": ref, "important": ref in important} for ref in refs],
        "own": dict(state["own"]),
    }


def save_list(state: dict, bank: Bank) -> SavedList:
    """Save the list under the state's token: a new list, or an update of the one saved
    before (the one being edited, or the same list saved twice)."""
    saved = find_saved(state["token"])
    if saved is None:
        saved = SavedList(token_hash=hash_token(state["token"]))
        db.session.add(saved)
    content = content_from_state(state, bank)
    if saved.content and LAST_POSITION in saved.content:
        content[LAST_POSITION] = saved.content[LAST_POSITION]
    saved.content = content
    touch(saved)
    db.session.flush()
    return saved


def has_unsaved_work(state: dict, bank: Bank) -> bool:
    """Whether the person has made choices that are not saved as they are now."""
    if not state["done"]:
        return False
    saved = find_saved(state["token"])
    content = content_from_state(state, bank)
    return saved is None or any(saved.content.get(key) != content[key] for key in content)


def _as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def find_saved(token: str) -> SavedList | None:
    """The list behind a link, or None; an expired list is deleted on the spot. Opening a
    list counts as using it: its retention period restarts (at most once a day)."""
    if not token or len(token) > 100 or not set(token) <= TOKEN_ALPHABET:
        return None
    saved = db.session.scalar(select(SavedList).where(SavedList.token_hash == hash_token(token)))
    if saved is None:
        return None
    if _as_utc(saved.expires_at) <= utcnow():
        delete_list(saved)
        return None
    if _as_utc(saved.expires_at) < utcnow() + _retention() - timedelta(days=1):
        touch(saved)
        db.session.flush()
    return saved


def touch(saved: SavedList) -> None:
    """Any change or visit restarts the retention period."""
    saved.expires_at = utcnow() + _retention()


def _delete_lists(condition) -> int:
    """Deletes the lists matching ``condition`` with their conversations and answers,
    explicitly, so nothing is left behind even where the database does not cascade."""
    list_ids = select(SavedList.id).where(condition).scalar_subquery()
    conversation_ids = (
        select(Conversation.id).where(Conversation.saved_list_id.in_(list_ids)).scalar_subquery()
    )
    db.session.execute(
        delete(ConversationAnswer).where(ConversationAnswer.conversation_id.in_(conversation_ids))
    )
    db.session.execute(delete(Conversation).where(Conversation.saved_list_id.in_(list_ids)))
    result = db.session.execute(delete(SavedList).where(condition))
    db.session.expire_all()
    db.session.flush()
    return result.rowcount


def delete_list(saved: SavedList) -> None:
    _delete_lists(SavedList.id == saved.id)


def purge_expired(now: datetime | None = None) -> int:
    return _delete_lists(SavedList.expires_at <= (now or utcnow()))


def state_from_saved(saved: SavedList, token: str, bank: Bank) -> dict:
    content = saved.content
    state = new_state()
    refs = [item["ref"] for item in content["items"]]
    bank_refs = [r for r in refs if r in bank.questions]
    own = [[ref, content["own"][ref]] for ref in refs if ref in content["own"]]
    numbers = [int(ref[len(OWN_PREFIX) :]) for ref, _ in own if ref[len(OWN_PREFIX) :].isdigit()]
    state.update(
        initiative=content.get("initiative"),
        audience=content["audience"],
        funding=content["funding"],
        kind=content["kind"],
        themes=[
            t for t in bank.theme_keys() if any(bank.questions[r].theme.key == t for r in bank_refs)
        ],
        questions=bank_refs,
        own=own,
        next_own=max(numbers, default=0) + 1,
        important=[item["ref"] for item in content["items"] if item["important"]],
        done=list(STEPS),
        token=token,
        saved=True,
    )
    state["seen"] = list(state["themes"])
    return state


def saved_groups(saved: SavedList, bank: Bank) -> list[Group]:
    content = saved.content
    refs = [item["ref"] for item in content["items"]]
    important = {item["ref"] for item in content["items"] if item["important"]}
    return build_groups(refs, content["own"], important, bank)


# --- Conversation mode ----------------------------------------------------------------------


# Key in a saved list's content: the highest conversation position the list ever used.
LAST_POSITION = "last_conversation"


class ConversationLimit(Exception):
    pass


def add_conversation(saved: SavedList, name: str, slug: str | None) -> Conversation:
    """Positions only go up, within a list, so a link or form of a conversation that was
    removed never reaches one added later."""
    if len(saved.conversations) >= MAX_CONVERSATIONS:
        raise ConversationLimit
    position = (
        max([saved.content.get(LAST_POSITION, 0), *(c.position for c in saved.conversations)]) + 1
    )
    saved.content = {**saved.content, LAST_POSITION: position}
    conversation = Conversation(name=name, initiative_slug=slug, position=position)
    saved.conversations.append(conversation)
    touch(saved)
    db.session.flush()
    return conversation


def remove_conversation(saved: SavedList, conversation: Conversation) -> None:
    conversation.answers.clear()
    saved.conversations.remove(conversation)
    touch(saved)
    db.session.flush()


def record_answers(
    saved: SavedList, conversation: Conversation, answers: dict[str, tuple[str | None, str]]
) -> None:
    """answers: ref -> (status or None, note). Refs not on the list are ignored."""
    known = {item["ref"] for item in saved.content["items"]}
    for ref, (status, note) in answers.items():
        if ref not in known:
            continue
        answer = conversation.answer_for(ref)
        if answer is None:
            if status is None and not note:
                continue
            answer = ConversationAnswer(question_ref=ref)
            conversation.answers.append(answer)
        answer.status, answer.note = status, note
    touch(saved)
    db.session.flush()


@dataclass
class RequirementComparison:
    requirement: Requirement | None  # None: questions that check none of the seven
    items: list[Item]
    # per conversation position: per item ref, the answer (or None)
    answers: dict[int, dict[str, ConversationAnswer | None]]
    counts: dict[int, Counter]


def compare(saved: SavedList, bank: Bank) -> list[RequirementComparison]:
    items = [item for group in saved_groups(saved, bank) for item in group.items]
    sections = []
    for requirement in [*requirements(), None]:
        if requirement is None:
            section_items = [i for i in items if not i.requirements]
        else:
            section_items = [i for i in items if requirement in i.requirements]
        if not section_items:
            continue
        answers = {
            c.position: {i.ref: c.answer_for(i.ref) for i in section_items}
            for c in saved.conversations
        }
        counts = {
            position: Counter((a.status if a and a.status else "none") for a in by_ref.values())
            for position, by_ref in answers.items()
        }
        sections.append(RequirementComparison(requirement, section_items, answers, counts))
    return sections


STATUS_VALUES = tuple(s.value for s in AnswerStatus)
