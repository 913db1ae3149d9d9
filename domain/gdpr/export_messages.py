"""Data export, beskeder: the threads a person takes part in, their own drafts, folders, autosvar and broadcasts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from domain.gdpr.export_level import SENSITIVE_WITHHELD
from persistence.broadcast import Broadcast, BroadcastRecipient
from persistence.messages import Attachment, AutoReply, Draft, Folder, Message, Participant, Thread


async def _files(field: str, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Attachments by message (or draft) id: name, kind and size, never the content."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for row in await Attachment.filter(**{f"{field}__in": ids}).order_by("id").values(
                field, "filename", "content_type", "size"):
            found[int(row[field])].append({"name": row["filename"], "content_type": row["content_type"],
                                           "size": row["size"]})
    return found


def _body(body: str, sensitive: bool, full: bool) -> str:
    """A sensitive text only in a full export; otherwise the line saying how to get it."""
    return body if full or not sensitive else SENSITIVE_WITHHELD


async def messages_file(person_id: int, *, full: bool) -> dict[str, Any]:
    """Each thread with the messages in it (sender names only, never the list of participants), drafts, folders.

    Below level 3 (full=False) sensitive messages and drafts keep their subject, sender and time, not their text.
    """
    seats = await Participant.filter(person_id=person_id).order_by("thread_id").values(
        "thread_id", "joined_at", "left_at", "deleted_at", "muted", "folder__name")
    thread_ids = [int(s["thread_id"]) for s in seats]
    threads = {int(t["id"]): t for t in await Thread.filter(id__in=thread_ids).values(
        "id", "subject", "created_at", "sensitive")} if thread_ids else {}
    by_thread: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = await Message.filter(thread_id__in=thread_ids).order_by("thread_id", "created_at", "id").values(
        "id", "thread_id", "sender_id", "sender_name", "on_behalf_of__name", "body", "sensitive", "auto_reply",
        "created_at") if thread_ids else []
    files = await _files("message_id", [int(r["id"]) for r in rows])
    for r in rows:
        by_thread[int(r["thread_id"])].append({
            "sent_at": r["created_at"], "sender": r["sender_name"], "sent_by_me": r["sender_id"] == person_id,
            "on_behalf_of": r["on_behalf_of__name"] or "", "body": _body(r["body"], r["sensitive"], full),
            "sensitive": r["sensitive"],
            "auto_reply": r["auto_reply"], "attachments": files[int(r["id"])]})
    drafts = await Draft.filter(author_id=person_id).order_by("id").values(
        "id", "thread__subject", "subject", "body", "recipients", "sensitive", "updated_at")
    draft_files = await _files("draft_id", [int(d["id"]) for d in drafts])
    auto = await AutoReply.filter(person_id=person_id).values("first_day", "last_day", "text")
    received = await BroadcastRecipient.filter(guardian_id=person_id).order_by("id").values(
        "broadcast__title", "broadcast__body", "broadcast__created_at", "institution__name", "read_at", "emailed_at")
    sent = await Broadcast.filter(sender_id=person_id).order_by("id").values("title", "body", "created_at")
    return {
        "threads": [{
            "subject": threads[tid]["subject"], "started_at": threads[tid]["created_at"],
            "sensitive": threads[tid]["sensitive"], "joined_at": s["joined_at"], "left_at": s["left_at"],
            "deleted_at": s["deleted_at"], "muted": s["muted"], "folder": s["folder__name"],
            "messages": by_thread[tid]} for s in seats if (tid := int(s["thread_id"])) in threads],
        "drafts": [{"reply_to": d["thread__subject"], "subject": d["subject"],
                    "body": _body(d["body"], d["sensitive"], full),
                    "recipient_count": len(d["recipients"] or []), "sensitive": d["sensitive"],
                    "updated_at": d["updated_at"], "attachments": draft_files[int(d["id"])]} for d in drafts],
        "folders": sorted(await Folder.filter(owner_id=person_id).values_list("name", flat=True)),
        "auto_replies": auto,
        "urgent_messages_received": [{
            "title": b["broadcast__title"], "body": b["broadcast__body"], "sent_at": b["broadcast__created_at"],
            "institution": b["institution__name"], "read_at": b["read_at"], "emailed_at": b["emailed_at"]}
            for b in received],
        "urgent_messages_sent": sent,
    }
