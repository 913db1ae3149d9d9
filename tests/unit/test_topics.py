"""Pages name event topics only through the domain's topic builders, so a misspelt topic cannot fail silently."""

from __future__ import annotations

import ast
from pathlib import Path

from domain.messages.model import MessageSent, inbox_topic, shared_inbox_topic, thread_topic

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBING = {"follow", "subscribe"}


def literal_topics(source: str) -> list[str]:
    """Lines where follow(...) or subscribe(...) is given a written-out topic (a string or an f-string)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        first = node.args[0]
        if name in SUBSCRIBING and (isinstance(first, ast.JoinedStr) or
                                    isinstance(first, ast.Constant) and isinstance(first.value, str)):
            found.append(f"{node.lineno}: {ast.unparse(first)}")
    return found


def test_the_check_finds_written_out_topics() -> None:
    assert literal_topics('follow("rollout", h)\nbus.subscribe(f"inbox:{p}", h)\nx.follow(topic, h)\n') == [
        "1: 'rollout'", "2: f'inbox:{p}'"]


def test_no_page_writes_out_a_topic() -> None:
    sources = [path for folder in ("ui", "auth") for path in (ROOT / folder).rglob("*.py")]
    offenders = {str(path.relative_to(ROOT)): found for path in sources
                 if (found := literal_topics(path.read_text(encoding="utf-8")))}
    assert offenders == {}, "subscribe through the topic builders in domain/<feature>/model.py"


def test_a_sent_message_reaches_the_topics_its_pages_follow() -> None:
    sent = MessageSent(thread_id=4, message_id=9, sender_id=1, recipient_ids=(5, 6), inbox_ids=(2,))
    assert set(sent.topics) == {thread_topic(4), inbox_topic(5), inbox_topic(6), shared_inbox_topic(2)}
