"""Data export, opslag and surveys: posts and comments a person wrote, reports they made, the surveys they answered."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from persistence.posts import ContentReport, Post, PostComment
from persistence.rollout import SurveyAnswer, SurveyParticipant, SurveyResponse

# Said in place of the answers to an anonymous survey: they are stored without the person and cannot be found.
ANONYMOUS_NOTE = "Du har svaret. Evalueringen er anonym: dine svar er gemt uden dit navn og kan ikke findes frem."


async def posts_file(person_id: int) -> dict[str, Any]:
    """Their posts, their comments (with the title of the post), and their reports of content."""
    posts = await Post.filter(author_id=person_id).order_by("created_at").values(
        "institution__name", "title", "body", "important", "expires_on", "allow_comments", "created_at",
        "removed_at")
    comments = await PostComment.filter(author_id=person_id).order_by("created_at").values(
        "post__title", "body", "created_at", "removed_at")
    reports = await ContentReport.filter(reporter_id=person_id).order_by("created_at").values(
        "post__title", "comment_id", "reason", "created_at", "handled_at", "outcome")
    return {
        "posts": [{**{k: v for k, v in p.items() if k != "institution__name"}, "institution": p["institution__name"]}
                  for p in posts],
        "comments": [{"post": c["post__title"], "body": c["body"], "created_at": c["created_at"],
                      "removed_at": c["removed_at"]} for c in comments],
        "reports": [{"post": r["post__title"], "about_a_comment": r["comment_id"] is not None, "reason": r["reason"],
                     "created_at": r["created_at"], "handled_at": r["handled_at"], "outcome": r["outcome"]}
                    for r in reports],
    }


async def surveys_file(person_id: int) -> list[dict[str, Any]]:
    """Their answers to named surveys, question by question; of anonymous surveys only that they answered."""
    anonymous = await SurveyParticipant.filter(person_id=person_id, survey__anonymous=True).order_by(
        "survey_id").values_list("survey__title", flat=True)
    responses = await SurveyResponse.filter(respondent_id=person_id, survey__anonymous=False).order_by("id").values(
        "id", "survey__title", "institution__name", "submitted_at")
    ids = [int(r["id"]) for r in responses]
    answers: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for a in await SurveyAnswer.filter(response_id__in=ids).order_by("question__position").values(
                "response_id", "question__text", "value", "text"):
            answers[int(a["response_id"])].append({"question": a["question__text"], "value": a["value"],
                                                   "text": a["text"]})
    return [{"survey": str(title), "anonymous": True, "note": ANONYMOUS_NOTE} for title in anonymous] + [
        {"survey": r["survey__title"], "anonymous": False, "institution": r["institution__name"],
         "submitted_at": r["submitted_at"], "answers": answers[int(r["id"])]} for r in responses]
