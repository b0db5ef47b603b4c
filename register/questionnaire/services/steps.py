"""The steps of the builder: which may be taken, what each records, which questions apply
to the person's situation, and their own questions."""

from __future__ import annotations

from register.questionnaire.models import Question
from register.questionnaire.services.catalogue import Bank
from register.questionnaire.services.tailoring import preselected
from register.questionnaire.state import (
    MAX_OWN_QUESTIONS,
    OWN_PREFIX,
    STEPS,
    UNKNOWN,
    ListState,
)


def first_missing_step(state: ListState) -> str | None:
    return next((step for step in STEPS if step not in state.done), None)


def step_allowed(state: ListState, step: str) -> bool:
    return all(earlier in state.done for earlier in STEPS[: STEPS.index(step)])


def mark_done(state: ListState, step: str, *, undo: tuple[str, ...] = ()) -> None:
    state.done = [s for s in state.done if s not in undo and s != step] + [step]


def set_audience(state: ListState, audience: str) -> None:
    mark_done(state, "voor-wie", undo=("vragen",) if state.audience != audience else ())
    state.audience = audience


def set_situation(state: ListState, funding: str, kind: str) -> None:
    changed = (state.funding, state.kind) != (funding, kind)
    state.funding, state.kind = funding, kind
    mark_done(state, "situatie", undo=("vragen",) if changed else ())


def set_themes(state: ListState, theme_keys: list[str]) -> None:
    changed = set(theme_keys) != set(state.themes)
    state.themes = theme_keys
    state.seen = [t for t in state.seen if t in theme_keys]
    mark_done(state, "themas", undo=("vragen",) if changed else ())


def applies(question: Question, state: ListState) -> bool:
    """Whether a question fits the person's situation (unknown answers exclude nothing).
    A question staff retired fits nobody (lists that already hold it keep it)."""
    if question.hidden:
        return False
    funding, kind = state.funding, state.kind
    if question.funding != "any" and funding in ("pgb", "zin") and question.funding != funding:
        return False
    # Only the person's own answer rules out a collective share. An initiative that does not
    # publish one may still have one: exactly what the person should ask about.
    if question.collective and funding == "zin":
        return False
    if question.kind_keys and kind not in (None, UNKNOWN) and kind not in question.kind_keys:
        return False
    return question.audience in ("any", state.audience)


def questions_for_theme(state: ListState, bank: Bank, theme_key: str) -> list[Question]:
    chosen = set(state.questions)
    return [q for q in bank.questions_of(theme_key) if applies(q, state) or q.key in chosen]


def question_sections(state: ListState, bank: Bank) -> list[tuple]:
    """(theme, questions offered) for each chosen theme, in the bank's order."""
    return [
        (theme, questions_for_theme(state, bank, theme.key))
        for theme in bank.themes
        if theme.key in state.themes
    ]


def ticked_questions(state: ListState, bank: Bank) -> set[str]:
    """What the questions step shows ticked: earlier choices, and for themes not yet seen the
    recommended questions and those picked for the initiative."""
    ticked = set(state.questions)
    preselect = preselected(state, bank)
    for theme_key in state.themes:
        if theme_key in state.seen:
            continue
        for question in questions_for_theme(state, bank, theme_key):
            if question.recommended or question.key in preselect:
                ticked.add(question.key)
    return ticked


def suggested_themes(state: ListState, bank: Bank) -> list[str]:
    preselect = preselected(state, bank)
    if state.themes or not preselect:
        return state.themes
    return [
        theme.key
        for theme in bank.themes
        if any(q.key in preselect and applies(q, state) for q in bank.questions_of(theme.key))
    ]


def set_questions(state: ListState, bank: Bank, keys: list[str]) -> None:
    shown = {q.key for t in state.themes for q in questions_for_theme(state, bank, t)}
    chosen = set(keys) & shown
    kept = [k for k in state.questions if k not in shown or k in chosen]
    state.questions = kept + [k for k in keys if k in chosen and k not in kept]
    state.seen = list(state.themes)
    mark_done(state, "vragen")


def add_bank_questions(state: ListState, bank: Bank, keys: list[str]) -> int:
    """Puts bank questions on the list, with their themes (as seen: the questions step does
    not tick that theme's recommended questions afterwards); returns how many were new."""
    new = [k for k in dict.fromkeys(keys) if k in bank.questions and k not in state.questions]
    state.questions += new
    themes = set(state.themes) | {bank.questions[k].theme.key for k in new}
    added_themes = themes - set(state.themes)
    state.themes = [t for t in bank.theme_keys() if t in themes]
    state.seen = [t for t in state.themes if t in state.seen or t in added_themes]
    return len(new)


# --- Own questions --------------------------------------------------------------------------


def own_room(state: ListState) -> int:
    return MAX_OWN_QUESTIONS - len(state.own)


def add_own_questions(state: ListState, texts: list[str]) -> int:
    """Adds as many as fit; returns how many were added."""
    added = 0
    for text in texts[: own_room(state)]:
        state.own.append((f"{OWN_PREFIX}{state.next_own}", text))
        state.next_own += 1
        added += 1
    return added


def remove_own_question(state: ListState, ref: str) -> bool:
    before = len(state.own)
    state.own = [pair for pair in state.own if pair[0] != ref]
    return len(state.own) < before


def own_text(state: ListState, ref: str) -> str | None:
    return dict(state.own).get(ref)


def replace_own_question(state: ListState, bank: Bank, ref: str, key: str) -> bool:
    """The person takes the bank's question instead of their own (it keeps their own one's
    "important" mark); False when either is unknown."""
    if own_text(state, ref) is None or key not in bank.questions:
        return False
    remove_own_question(state, ref)
    add_bank_questions(state, bank, [key])
    if ref in state.important:
        state.important = [key if r == ref else r for r in state.important if r != key]
    return True
