"""Demo beskeder: six weeks of announcements, parent and staff conversations, shared inboxes and folders."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from random import Random

from demo import message_texts as texts
from demo.message_texts import Script
from demo.message_world import DAY, Clock, World
from demo.named import Named
from demo.rows import Demo
from domain.messages.compose import snippet
from domain.messages.shared import INBOX_NAME
from persistence.messages import AutoReply, Folder, Message, Participant, SharedInbox, Thread
from persistence.organisation import Group, Institution
from persistence.people import Person

NAMED_STAFF = ("demo-paedagog-vuggestue", "demo-laerer", "demo-leder", "demo-paedagog-bfo")
NAMED_READERS = ("demo-foraelder", "demo-foraelder-klub", *NAMED_STAFF)


@dataclass(frozen=True)
class _Line:
    """One message before it becomes a row: who, what, when (a local minute stamp) and for which inbox."""

    sender: Person
    body: str
    stamp: int
    inbox_id: int | None = None
    auto_reply: bool = False


@dataclass(frozen=True)
class _Seat:
    """A place in a thread: a person (through a child, perhaps) or a shared inbox."""

    person_id: int | None
    inbox_id: int | None = None
    via_child_id: int | None = None


def build_message_demo(demo: Demo, named: Named, now_min: int) -> None:
    """Add the message history to the book (own randomness: the rows before it stay as they were)."""
    _History(demo, named, now_min).build()


class _History:
    """Builds threads with their seats and messages, then the folders and the auto-reply."""

    def __init__(self, demo: Demo, named: Named, now_min: int) -> None:
        self.demo, self.book, self.named = demo, demo.book, named.people
        self.rng = Random("demo-beskeder")
        self.clock = Clock(demo.today, now_min, self.rng)
        self.world = World(demo)
        self.readers = {named.people[s].id for s in NAMED_READERS if s in named.people}
        self.staff_ids = {named.people[s].id for s in NAMED_STAFF if s in named.people}
        self.inboxes: dict[int, SharedInbox] = {}
        self.filed: list[tuple[Participant, str, int]] = []  # named staff's seats: folder hint, last stamp
        self.mine: dict[int, list[tuple[Participant, int]]] = defaultdict(list)  # named readers' seats, trailing

    def build(self) -> None:
        """Every kind of thread, then what only the named users have."""
        for inst in self.world.institutions.values():
            self.inboxes[inst.id] = self.book.add(SharedInbox, institution_id=inst.id, name=INBOX_NAME)
        for group in self.world.groups:
            self._announcements(group)
        for child_id in sorted(self.world.places):
            for _ in range(self.rng.choices((0, 1, 2), (3, 5, 2))[0]):
                self._conversation(child_id)
        for inst_id in self.world.institutions:
            self._staff_talk(inst_id)
            self._inbox_questions(inst_id)
        self._named_threads()
        for person_id in sorted(self.readers):
            self._ensure_unread(person_id)
        self._folders()

    # --- one thread -------------------------------------------------------------------------------------------

    def _thread(self, subject: str, seats: list[_Seat], lines: list[_Line], *, sensitive: bool = False,
                folder: str = "", muted_share: float = 0.0) -> Thread | None:
        """A thread with its seats and messages, the denormalised fields filled from the last message."""
        lines = [line for line in lines if line.stamp < self.clock.now]
        if not lines:
            return None
        first, last = lines[0], lines[-1]
        # Seconds too, so no two threads of a reader share a last_message_at (the inbox pages by it).
        times = [self.clock.utc(line.stamp) + timedelta(seconds=self.rng.randrange(60)) for line in lines]
        created, latest = times[0], times[-1]
        thread = self.book.add(
            Thread, subject=subject[:200], created_at=created, created_by_id=first.sender.id, last_message_at=latest,
            last_sender_name=_name(last.sender), last_snippet=snippet(last.body, sensitive),
            message_count=len(lines), sensitive=sensitive)
        for line, at in zip(lines, times, strict=True):
            self.book.add(Message, thread_id=thread.id, sender_id=line.sender.id, sender_name=_name(line.sender),
                          on_behalf_of_id=line.inbox_id, body=line.body, sensitive=sensitive,
                          auto_reply=line.auto_reply, created_at=at)
        for seat in seats:
            trailing = _trailing(seat, lines)
            seat_row = self.book.add(
                Participant, thread_id=thread.id, person_id=seat.person_id, inbox_id=seat.inbox_id,
                via_child_id=seat.via_child_id, joined_at=created, last_message_at=latest,
                unread=self._unread(seat, trailing, last.stamp), muted=self.rng.random() < muted_share)
            if seat.person_id in self.readers:
                self.mine[seat.person_id].append((seat_row, trailing))
            if seat.person_id in self.staff_ids:
                self.filed.append((seat_row, folder, last.stamp))
        return thread

    def _unread(self, seat: _Seat, trailing: int, last: int) -> int:
        """A realistic share unread: most of the last days, few of the older ones, more for the named users."""
        if not trailing:
            return 0
        age = (self.clock.now - last) / DAY
        chance = 0.5 if age < 3 else 0.2 if age < 10 else 0.04
        if seat.person_id in self.readers:
            chance = max(chance, 0.6 if age < 14 else 0.1)
        return self.rng.randint(1, trailing) if self.rng.random() < chance else 0

    def _fill(self, script: Script, speakers: list[Person], start: int, **names: str) -> tuple[str, list[_Line]]:
        """The subject and the script's messages from alternating speakers, each some time after the one before."""
        values = {"weekday": self.rng.choice(texts.WEEKDAYS), **names}
        count = len(script.bodies) if self.rng.random() < 0.7 else self.rng.randint(1, len(script.bodies))
        lines, stamp = [], start
        for n, body in enumerate(script.bodies[:count]):
            if n:
                stamp = self.clock.after(stamp)
            lines.append(_Line(speakers[n % len(speakers)], body.format(**values), stamp))
        return script.subject.format(**values), lines

    # --- the kinds of thread ----------------------------------------------------------------------------------

    def _announcements(self, group: Group) -> None:
        """Staff write to "alle forældre i <group>": every current guardian of its children, through the child."""
        assert group.institution_id is not None
        inst = self.world.institutions[group.institution_id]
        senders = self.world.group_staff[group.id] or self.world.staff[inst.id]
        if not senders:
            return
        named = [p for p in self.world.group_staff[group.id] if p in self.staff_ids]  # their own groups only
        for _ in range(self.rng.randint(2, 4)):
            sender = self.world.people[named[0] if named and self.rng.random() < 0.6 else self.rng.choice(senders)]
            seats = [_Seat(sender.id)]
            taken = {sender.id}
            for child_id in self.world.group_children[group.id]:
                for guardian_id in self.world.guardians[child_id]:
                    if guardian_id not in taken:
                        taken.add(guardian_id)
                        seats.append(_Seat(guardian_id, via_child_id=child_id))
            start = self.clock.moment()
            if start is None or len(seats) < 2:
                continue
            script = self.rng.choice(texts.ANNOUNCEMENTS)
            subject, lines = self._fill(script, [sender], start, group=group.name, staff=sender.first_name,
                                        inst=inst.name)
            self._thread(subject, seats, lines, muted_share=0.02)

    def _teacher(self, child_id: int) -> tuple[Institution, Person, int] | None:
        """One of the child's institutions, a member of staff there (often from the child's group) and the group."""
        inst_id, group_id = self.rng.choice(self.world.places[child_id])
        named = [p for p in self.world.group_staff[group_id] if p in self.staff_ids]
        if named and self.rng.random() < 0.5:
            staff_id = named[0]
        elif self.world.group_staff[group_id] and self.rng.random() < 0.9:
            staff_id = self.rng.choice(self.world.group_staff[group_id])
        else:
            staff_id = self.world.leader.get(inst_id) or self.rng.choice(self.world.staff[inst_id] or [0])
        if not staff_id:
            return None
        return self.world.institutions[inst_id], self.world.people[staff_id], group_id

    def _conversation(self, child_id: int) -> None:
        """A parent and a member of staff about one child: sick notes, pickups, questions and answers."""
        guardians = [self.world.people[g] for g in self.world.guardians[child_id]]
        found = self._teacher(child_id)
        start = self.clock.moment()
        if not guardians or found is None or start is None:
            return
        inst, staff, _ = found
        child = self.world.people[child_id]
        parent = self.rng.choice(guardians)
        if parent.id == staff.id:
            return
        if self.rng.random() < 0.6:
            script = self.rng.choice(texts.FROM_PARENT)
            seats = [_Seat(parent.id, via_child_id=child_id), _Seat(staff.id)]
            speakers = [parent, staff]
        else:
            script = self.rng.choice(texts.FROM_STAFF)
            seats = [_Seat(staff.id)] + [_Seat(g.id, via_child_id=child_id) for g in guardians if g.id != staff.id]
            speakers = [staff, parent]
        names = {"child": child.first_name, "parent": parent.first_name, "staff": staff.first_name,
                 "inst": inst.name}
        subject, lines = self._fill(script, speakers, start, **names)
        self._thread(subject, seats, lines, folder=script.folder)

    def _staff_talk(self, inst_id: int) -> None:
        """Colleagues among themselves: rotas, meetings, orders, sick days."""
        colleagues = sorted(set(self.world.staff[inst_id]))
        if len(colleagues) < 2:
            return
        for _ in range(max(1, round(len(colleagues) * 0.6))):
            chosen = self.rng.sample(colleagues, self.rng.randint(2, min(4, len(colleagues))))
            start = self.clock.moment()
            if start is None:
                continue
            people = [self.world.people[p] for p in chosen]
            script = self.rng.choice(texts.STAFF_TALK)
            speakers = [people[0], *self.rng.sample(people[1:], len(people) - 1)]
            subject, lines = self._fill(script, speakers, start, staff=people[0].first_name,
                                        inst=self.world.institutions[inst_id].name)
            self._thread(subject, [_Seat(p.id) for p in people], lines)

    def _inbox_questions(self, inst_id: int) -> None:
        """Parents write to the fællespostkasse; a colleague answers on its behalf (a few wait for an answer)."""
        children = sorted(set(self.world.inst_children[inst_id]))
        answerers = self.world.staff[inst_id]
        if not children or not answerers:
            return
        for _ in range(2 + len(children) // 50):
            child_id = self.rng.choice(children)
            start = self.clock.moment()
            if not self.world.guardians[child_id] or start is None:
                continue
            parent = self.world.people[self.rng.choice(self.world.guardians[child_id])]
            leader = self.world.leader.get(inst_id, answerers[0])
            colleague = self.world.people[leader if self.rng.random() < 0.5 else self.rng.choice(answerers)]
            self._ask_inbox(inst_id, child_id, parent, colleague, start, answered=self.rng.random() < 0.8)

    def _ask_inbox(self, inst_id: int, child_id: int, parent: Person, colleague: Person, start: int, *,
                   answered: bool, script: Script | None = None) -> None:
        """One question to an institution's shared inbox and, when answered, the colleague's reply for it."""
        inst, inbox = self.world.institutions[inst_id], self.inboxes[inst_id]
        script = script or self.rng.choice(texts.TO_INBOX)
        values = {"child": self.world.people[child_id].first_name, "parent": parent.first_name,
                  "staff": colleague.first_name, "inst": inst.name}
        lines = [_Line(parent, script.bodies[0].format(**values), start)]
        if answered:
            lines.append(_Line(colleague, script.bodies[1].format(**values), self.clock.after(start), inbox.id))
        self._thread(script.subject, [_Seat(parent.id, via_child_id=child_id), _Seat(None, inbox.id)], lines)

    # --- what the named users see -----------------------------------------------------------------------------

    def _named_threads(self) -> None:
        """Mette's own threads, the three sensitive ones and Lars's auto-reply."""
        mette, anne = self.named.get("demo-foraelder"), self.named.get("demo-laerer")
        peter, sofie = self.named.get("demo-leder"), self.named.get("demo-paedagog-bfo")
        if mette is None or anne is None or peter is None or sofie is None:
            return
        oscar, freja = self._children_of(mette)[:2]
        back = self.clock.back
        # Mette tells Anne about the dentist; Anne's answer waits unread.
        dentist = texts.FROM_PARENT[3]
        values = {"child": oscar.first_name, "parent": mette.first_name, "staff": anne.first_name,
                  "weekday": "torsdag"}
        self._thread(dentist.subject.format(**values), [_Seat(mette.id, via_child_id=oscar.id), _Seat(anne.id)],
                     [_Line(mette, dentist.bodies[0].format(**values), back(3, 465)),
                      _Line(anne, dentist.bodies[1].format(**values), back(3, 550))])
        parents = [self.world.people[g] for g in self.world.guardians[oscar.id]]
        self._sensitive(texts.SENSITIVE[0], anne, parents, oscar, [back(4, 850), back(3, 495), back(2, 750)])
        self._ask_inbox(self._institution_of(freja, peter), freja.id, mette, peter, back(8, 600), answered=True,
                        script=texts.TO_INBOX[0])
        room = [self.world.people[p] for p in self._staff_of(freja) if p != peter.id]
        if room:
            good_day = texts.FROM_STAFF[0]
            values = {"child": freja.first_name, "parent": mette.first_name, "staff": room[0].first_name}
            self._thread(good_day.subject.format(**values),
                         [_Seat(room[0].id)] + [_Seat(g.id, via_child_id=freja.id) for g in parents],
                         [_Line(room[0], good_day.bodies[0].format(**values), back(1, 840))])
        self._sensitive_for(texts.SENSITIVE[1], peter, from_staff=True)
        self._sensitive_for(texts.SENSITIVE[2], sofie, from_staff=False)
        self._auto_reply()

    def _sensitive(self, script: Script, staff: Person, parents: list[Person], child: Person, stamps: list[int],
                   *, from_staff: bool = True) -> None:
        """A thread marked sensitive: its snippet stays empty and its text needs a step-up to read."""
        writer = parents[0]
        values = {"child": child.first_name, "parent": writer.first_name, "staff": staff.first_name,
                  "weekday": "tirsdag"}
        speakers = [staff, writer] if from_staff else [writer, staff]
        lines = [_Line(speakers[n % 2], body.format(**values), stamp)
                 for n, (body, stamp) in enumerate(zip(script.bodies, stamps, strict=False))]
        seats = [_Seat(staff.id)] + [_Seat(p.id, via_child_id=child.id) for p in parents]
        self._thread(script.subject, seats, lines, sensitive=True, folder=texts.FOLDER_TALKS)

    def _sensitive_for(self, script: Script, staff: Person, *, from_staff: bool) -> None:
        """A sensitive thread between a named member of staff and the guardians of a child in their care."""
        children = sorted({c for g in self._groups_of(staff.id) for c in self.world.group_children[g]} or
                          {c for i in self._institutions_of(staff.id) for c in self.world.inst_children[i]})
        children = [c for c in children if self.world.guardians[c] and c not in self._children_ids()]
        if not children:
            return
        child = self.world.people[self.rng.choice(children)]
        parents = [self.world.people[g] for g in self.world.guardians[child.id]]
        self._sensitive(script, staff, parents, child, [self.clock.back(6, 610), self.clock.back(5, 800)],
                        from_staff=from_staff)

    def _auto_reply(self) -> None:
        """Lars is on a course this week: his autosvar, and the answer it gave a parent yesterday."""
        lars = self.named.get("demo-paedagog-vuggestue")
        if lars is None:
            return
        today = self.demo.today
        first, last = today - timedelta(days=2), today + timedelta(days=4)
        inst = self.world.institutions[self._institutions_of(lars.id)[0]]
        text = texts.AUTO_REPLY.format(last_day=f"{last.day}.{last.month}", inst=inst.name)
        self.book.add(AutoReply, person_id=lars.id, first_day=first, last_day=last, text=text)
        children = sorted(c for g in self._groups_of(lars.id) for c in self.world.group_children[g]
                          if self.world.guardians[c])
        if not children:
            return
        child = self.world.people[children[0]]
        parent = self.world.people[self.world.guardians[child.id][0]]
        script = texts.FROM_PARENT[0]
        values = {"child": child.first_name, "parent": parent.first_name, "staff": lars.first_name}
        asked = self.clock.back(1, 455)
        self._thread(script.subject.format(**values), [_Seat(parent.id, via_child_id=child.id), _Seat(lars.id)],
                     [_Line(parent, script.bodies[0].format(**values), asked),
                      _Line(lars, text, asked + 1, auto_reply=True)])

    def _folders(self) -> None:
        """Forældresamtaler and Arkiv for the named staff, with talks and some older read threads filed there."""
        folders: dict[tuple[int, str], Folder] = {}
        for person_id in sorted(self.staff_ids):
            for name in (texts.FOLDER_TALKS, texts.FOLDER_ARCHIVE):
                folders[(person_id, name)] = self.book.add(Folder, owner_id=person_id, name=name)
        for seat, hint, last in self.filed:
            assert seat.person_id is not None
            if seat.unread:
                continue
            if hint and self.rng.random() < 0.7:
                seat.folder_id = folders[(seat.person_id, hint)].id
            elif self.clock.now - last > 21 * DAY and self.rng.random() < 0.3:
                seat.folder_id = folders[(seat.person_id, texts.FOLDER_ARCHIVE)].id

    def _ensure_unread(self, person_id: int) -> None:
        """A named user always sees a number on the badge: the newest threads they have not answered stay unread."""
        seats = self.mine[person_id]
        if any(seat.unread for seat, _ in seats):
            return
        waiting = sorted((s for s in seats if s[1]), key=lambda s: s[0].last_message_at, reverse=True)
        for seat, _ in waiting[:2]:
            seat.unread = 1
        if not waiting and person_id in self.staff_ids:
            self._question_waiting_for(self.world.people[person_id])

    def _question_waiting_for(self, staff: Person) -> None:
        """On a day the named staff member has answered everything, a parent asked something last afternoon."""
        children = sorted(c for g in self._groups_of(staff.id) for c in self.world.group_children[g]
                          if self.world.guardians[c] and c not in self._children_ids())
        if not children:
            return
        child = self.world.people[children[0]]
        parent = self.world.people[self.world.guardians[child.id][0]]
        script = texts.FROM_PARENT[5]
        values = {"child": child.first_name, "parent": parent.first_name, "staff": staff.first_name,
                  "weekday": "fredag"}
        self._thread(script.subject.format(**values), [_Seat(parent.id, via_child_id=child.id), _Seat(staff.id)],
                     [_Line(parent, script.bodies[0].format(**values), self.clock.back(1, 16 * 60 + 40))])
        for seat, _ in self.mine[staff.id][-1:]:
            seat.unread = 1

    # --- lookups ----------------------------------------------------------------------------------------------

    def _children_of(self, guardian: Person) -> list[Person]:
        ids = sorted(c for c, gs in self.world.guardians.items() if guardian.id in gs)
        return sorted((self.world.people[c] for c in ids), key=lambda p: p.birth_date or self.demo.today)

    def _children_ids(self) -> set[int]:
        return {c.id for s in ("demo-foraelder", "demo-foraelder-klub") if s in self.named
                for c in self._children_of(self.named[s])}

    def _groups_of(self, person_id: int) -> list[int]:
        return sorted(g for g, staff in self.world.group_staff.items() if person_id in staff)

    def _institutions_of(self, person_id: int) -> list[int]:
        return sorted(i for i, staff in self.world.staff.items() if person_id in staff)

    def _institution_of(self, child: Person, staff: Person) -> int:
        shared = [i for i, _ in self.world.places[child.id] if i in self._institutions_of(staff.id)]
        return shared[0] if shared else self.world.places[child.id][0][0]

    def _staff_of(self, child: Person) -> list[int]:
        return [p for _, g in self.world.places[child.id] for p in self.world.group_staff[g]]


def _name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


def _trailing(seat: _Seat, lines: list[_Line]) -> int:
    """How many messages came after the seat's own last one (all of them when it never wrote)."""
    count = 0
    for line in reversed(lines):
        if seat.inbox_id is None and line.sender.id == seat.person_id and line.auto_reply:
            continue  # an autosvar went out while its sender was away: it does not mean they read anything
        own = line.inbox_id == seat.inbox_id if seat.inbox_id is not None else (
            line.sender.id == seat.person_id and line.inbox_id is None)
        if own:
            break
        count += 1
    return count
