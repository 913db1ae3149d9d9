"""The translation table: key -> (Danish, English), assembled from one module per feature."""

from __future__ import annotations

from ui.texts.accessibility import A11Y_TEXTS
from ui.texts.board import BOARD_TEXTS
from ui.texts.broadcast import BROADCAST_TEXTS
from ui.texts.calendar import CALENDAR_TEXTS
from ui.texts.common import COMMON_TEXTS
from ui.texts.conferences import CONFERENCES_TEXTS
from ui.texts.contacts import CONTACTS_TEXTS
from ui.texts.crossgroups import CROSSGROUPS_TEXTS
from ui.texts.dates import DATES_TEXTS
from ui.texts.devices import DEVICE_TEXTS
from ui.texts.errors import ERROR_TEXTS
from ui.texts.forms import FORMS_TEXTS
from ui.texts.gallery import GALLERY_TEXTS
from ui.texts.gdpr import AUDIT_SEARCH_TEXTS, CONSENTS_TEXTS, DATA_EXPORT_TEXTS, RETENTION_TEXTS
from ui.texts.identity import LOGIN_TEXTS
from ui.texts.messages import MESSAGES_TEXTS
from ui.texts.notifications import NOTIFICATIONS_TEXTS
from ui.texts.notify_centre import NOTIFY_CENTRE_TEXTS
from ui.texts.notify_prefs import NOTIFY_PREFS_TEXTS
from ui.texts.onboarding import ONBOARDING_TEXTS
from ui.texts.organisation import CHILD_TEXTS
from ui.texts.posts import POSTS_TEXTS
from ui.texts.presence import KIOSK_TEXTS, PARENT_PRESENCE_TEXTS, PRESENCE_TEXTS
from ui.texts.profile import PROFILE_TEXTS
from ui.texts.provisioning import PROVISIONING_TEXTS
from ui.texts.pwa import PWA_TEXTS
from ui.texts.reconnect import RECONNECT_TEXTS
from ui.texts.rollout import ROLLOUT_TEXTS
from ui.texts.rollout_checklist import ROLLOUT_CHECKLIST_TEXTS
from ui.texts.rollout_logins import ROLLOUT_LOGINS_TEXTS
from ui.texts.rollout_plans import ROLLOUT_PLAN_TEXTS
from ui.texts.search import SEARCH_TEXTS
from ui.texts.stamkort import STAMKORT_TEXTS
from ui.texts.survey_content import SURVEY_CONTENT_TEXTS
from ui.texts.survey_reach import SURVEY_REACH_TEXTS
from ui.texts.vacation import VACATION_TEXTS
from ui.texts.widgets import EXTWIDGET_TEXTS, PLAN_TEXTS, WIDGET_TEXTS

TABLES: tuple[dict[str, tuple[str, str]], ...] = (
    COMMON_TEXTS, LOGIN_TEXTS, CHILD_TEXTS, WIDGET_TEXTS, ROLLOUT_TEXTS, EXTWIDGET_TEXTS, PLAN_TEXTS, PRESENCE_TEXTS,
    BOARD_TEXTS, PARENT_PRESENCE_TEXTS, KIOSK_TEXTS, MESSAGES_TEXTS, POSTS_TEXTS, BROADCAST_TEXTS, CALENDAR_TEXTS,
    CONFERENCES_TEXTS, FORMS_TEXTS, VACATION_TEXTS, AUDIT_SEARCH_TEXTS, CONSENTS_TEXTS, DATA_EXPORT_TEXTS,
    PROVISIONING_TEXTS, RETENTION_TEXTS, RECONNECT_TEXTS, NOTIFICATIONS_TEXTS, ERROR_TEXTS,
    A11Y_TEXTS, DATES_TEXTS, ROLLOUT_CHECKLIST_TEXTS, ROLLOUT_PLAN_TEXTS, SURVEY_CONTENT_TEXTS,
    SURVEY_REACH_TEXTS, ROLLOUT_LOGINS_TEXTS,
    NOTIFY_PREFS_TEXTS,
    DEVICE_TEXTS,
    PWA_TEXTS,
    NOTIFY_CENTRE_TEXTS,
    SEARCH_TEXTS,
    CONTACTS_TEXTS,
    CROSSGROUPS_TEXTS,
    STAMKORT_TEXTS,
    GALLERY_TEXTS,
    PROFILE_TEXTS,
    ONBOARDING_TEXTS,
)
TEXTS: dict[str, tuple[str, str]] = {key: pair for table in TABLES for key, pair in table.items()}
