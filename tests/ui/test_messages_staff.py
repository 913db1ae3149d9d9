"""Staff beskeder through the UI: folders, moving a thread, and the auto-reply with its validation."""

from __future__ import annotations

from nicegui.testing import User

from persistence.messages import AutoReply, Folder, Participant
from tests.ui.conftest import login
from tests.ui.test_messages_thread import anne, mette_id, send_to


async def test_a_teacher_creates_a_folder_and_moves_a_thread_into_it(user: User) -> None:
    sent = await send_to([await mette_id()], "Lus i klassen", "Tjek venligst håret i aften.")
    await login(user, "demo-laerer")
    await user.open("/beskeder")
    await user.should_see("Lus i klassen")
    user.find(marker="new-folder").click()
    await user.should_see(marker="folder-name")
    user.find(marker="folder-name").type("Sundhed")
    user.find(marker="save-folder").click()
    await user.should_see("Mappen er oprettet.")
    folder = await Folder.get(name="Sundhed", owner_id=(await anne()).person_id)
    await user.open(f"/beskeder/{sent.thread_id}")
    user.find(marker="move").click()
    await user.should_see(marker="move-folder")
    user.find(marker="move-folder").click()
    user.find("Sundhed").click()
    user.find(marker="confirm-move").click()
    await user.should_see("Tråden er flyttet.")
    seat = await Participant.get(thread_id=sent.thread_id, person_id=(await anne()).person_id)
    assert seat.folder_id == folder.id
    await user.open(f"/beskeder?mappe={folder.id}")
    await user.should_see("Lus i klassen")


async def test_the_auto_reply_refuses_an_end_before_the_start_and_then_is_set_and_cleared(user: User) -> None:
    mine = AutoReply.filter(person_id=(await anne()).person_id)
    await login(user, "demo-laerer")
    await user.open("/beskeder/autosvar")
    await user.should_see("Du har intet autosvar.")
    start, end = user.find(marker="auto-start"), user.find(marker="auto-end")
    start.clear()
    start.type("2099-06-10")
    end.clear()
    end.type("2099-06-01")
    user.find(marker="auto-text").type("Jeg er på kursus og svarer mandag.")
    user.find(marker="auto-save").click()
    await user.should_see("Slutdatoen ligger før startdatoen.")
    assert not await mine.exists()
    end.clear()
    end.type("2099-06-20")
    user.find(marker="auto-save").click()
    await user.should_see("Autosvaret er slået til.")
    await user.should_see("Autosvar er slået til fra 10. juni 2099 til og med 20. juni 2099.")
    assert await mine.values_list("text", flat=True) == ["Jeg er på kursus og svarer mandag."]
    user.find(marker="auto-clear").click()
    await user.should_see("Autosvaret er slået fra.")
    assert not await mine.exists()
