"""Push devices in the UI: the subscribe endpoint (session, form token, checked keys) and the profile's list."""

from __future__ import annotations

import base64

from nicegui.testing import User

from auth.shared_device import SHARED_DEVICE_COOKIE
from persistence.notifications import PushSubscription
from persistence.people import Person
from tests.ui.conftest import login, logout_token

SUBSCRIBE = "/api/push/enheder"
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile"
P256DH = base64.urlsafe_b64encode(b"\x04" + bytes(range(64))).rstrip(b"=").decode()
AUTH = base64.urlsafe_b64encode(bytes(range(16))).rstrip(b"=").decode()
SUBSCRIPTION = {"endpoint": "https://fcm.googleapis.com/fcm/send/mette-1", "p256dh": P256DH, "auth": AUTH}


async def _mette_devices() -> list[str]:
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    return [str(label) for (label,) in await PushSubscription.filter(person_id=mette.id).values_list("label")]


async def test_the_endpoint_wants_a_session_and_the_pages_token(user: User) -> None:
    client = user.http_client
    signed_out = await client.post(SUBSCRIBE, json={**SUBSCRIPTION, "token": "x"})
    assert signed_out.status_code == 401 and signed_out.json()["message"].startswith("Du er ikke logget ind")
    await login(user, "demo-foraelder")
    for body in ({**SUBSCRIPTION}, {**SUBSCRIPTION, "token": "forged"}):
        refused = await client.post(SUBSCRIBE, json=body)
        assert refused.status_code == 403 and "Genindlæs siden" in refused.json()["message"]
    assert (await client.post(SUBSCRIBE, content=b"not json", headers={"content-type": "application/json"})
            ).status_code == 403
    assert await _mette_devices() == []


async def test_bad_keys_and_a_foreign_address_get_a_clear_message_and_change_nothing(user: User) -> None:
    await login(user, "demo-foraelder")
    token = await logout_token(user)
    for changed, message in ((dict(p256dh="abc"), "nøgler er ugyldige"), (dict(auth=None), "nøgler er ugyldige"),
                             (dict(endpoint="http://push.example/1"), "ikke sikker (https)"),
                             (dict(endpoint="javascript:alert(1)"), "ikke sikker (https)")):
        answer = await user.http_client.post(SUBSCRIBE, json={**SUBSCRIPTION, **changed, "token": token})
        assert answer.status_code == 400 and message in answer.json()["message"], answer.text
    assert await _mette_devices() == []


async def test_a_device_marked_shared_is_refused_with_the_reason(user: User) -> None:
    await login(user, "demo-foraelder")
    token = await logout_token(user)
    answer = await user.http_client.post(SUBSCRIBE, json={**SUBSCRIPTION, "token": token},
                                         cookies={SHARED_DEVICE_COOKIE: "1"})
    assert answer.status_code == 400 and "markeret som delt" in answer.json()["message"], answer.text
    assert await _mette_devices() == []


async def test_a_parent_subscribes_sees_the_phone_on_the_profile_and_removes_it(user: User) -> None:
    await login(user, "demo-foraelder")
    token = await logout_token(user)
    answer = await user.http_client.post(SUBSCRIBE, json={**SUBSCRIPTION, "token": token},
                                         headers={"user-agent": ANDROID})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    assert await _mette_devices() == ["Chrome på Android"]
    await user.open("/profil")
    await user.should_see("Notifikationer på dine enheder")
    await user.should_see("Slå notifikationer til på denne enhed")
    await user.should_see("Chrome på Android")
    await user.should_see("Ikke brugt endnu", retries=3)
    user.find("Fjern").click()
    await user.should_see("Fjern Chrome på Android? Enheden får ikke flere notifikationer fra Sammen.")
    user.find(marker="push-remove-yes").click()
    await user.should_see("Enheden er fjernet.")
    await user.should_see("Ingen af dine enheder får notifikationer endnu.")
    assert await _mette_devices() == []


async def test_the_worker_renews_a_replaced_subscription_by_its_old_address(user: User) -> None:
    await login(user, "demo-foraelder")
    token = await logout_token(user)
    assert (await user.http_client.post(SUBSCRIBE, json={**SUBSCRIPTION, "token": token})).status_code == 200
    user.http_client.cookies.clear()  # the service worker may post without a session
    renewal = {"old": SUBSCRIPTION["endpoint"], "endpoint": SUBSCRIPTION["endpoint"] + "-ny", "p256dh": P256DH,
               "auth": AUTH}
    as_form = await user.http_client.post("/api/push/fornyet", content=str(renewal).encode(),
                                          headers={"content-type": "text/plain"})
    assert as_form.status_code == 400  # only JSON: another site's form cannot post it
    assert (await user.http_client.post("/api/push/fornyet", json={**renewal, "old": "https://x.example/1"})
            ).status_code == 404
    assert (await user.http_client.post("/api/push/fornyet", json=renewal)).status_code == 200
    mette = await Person.get(first_name="Mette", last_name="Kristensen")
    assert await PushSubscription.filter(person_id=mette.id).values_list("endpoint", flat=True) == [
        SUBSCRIPTION["endpoint"] + "-ny"]
