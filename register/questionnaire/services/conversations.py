"""Conversation mode: the initiatives a person talks to about a saved list, and the answers
and notes they record for each question."""

from __future__ import annotations

from register.extensions import db
from register.questionnaire.models import (
    MAX_CONVERSATIONS,
    Conversation,
    ConversationAnswer,
    SavedList,
)
from register.questionnaire.services.saved_lists import LAST_POSITION, touch
from register.questionnaire.services.tailoring import initiative_named


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


def add_named(saved: SavedList, text: str) -> Conversation:
    """Adds the initiative a person named; when it is in the register, under its own name
    and with its link."""
    initiative = initiative_named(text)
    if initiative is None:
        return add_conversation(saved, text, None)
    return add_conversation(saved, initiative.name, initiative.slug)


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
