"""Tables for people and how they relate to children and institutions."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from domain.organisation.model import MunicipalRole, StaffRole


class Person(Model):
    """A child or an adult, whose CPR-like number is never shown in full nor logged."""

    id = fields.IntField(primary_key=True)
    municipality_id: int
    municipality = fields.ForeignKeyField("models.Municipality", related_name="people")
    first_name = fields.CharField(max_length=80)
    last_name = fields.CharField(max_length=80)
    birth_date = fields.DateField(null=True)
    cpr = fields.CharField(max_length=10, unique=True, null=True)
    is_child = fields.BooleanField(default=False)
    email = fields.CharField(max_length=200, default="")
    phone = fields.CharField(max_length=30, default="")
    address = fields.CharField(max_length=200, default="")
    photo_url = fields.CharField(max_length=300, default="")
    active = fields.BooleanField(default=True)
    deactivated_at = fields.DatetimeField(null=True)
    anonymised_at = fields.DatetimeField(null=True)

    class Meta:
        table = "person"


class Custody(Model):
    """Custody of a child held by a guardian over a span of time (forældremyndighed)."""

    id = fields.IntField(primary_key=True)
    guardian_id: int
    guardian = fields.ForeignKeyField("models.Person", related_name="custodies_held")
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="custodians")
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)

    class Meta:
        table = "custody"
        indexes = (("child_id", "guardian_id"),)


class Enrolment(Model):
    """A child in an institution and group from a date to a date, with history kept."""

    id = fields.IntField(primary_key=True)
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="enrolments")
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="enrolments")
    group_id: int | None
    group = fields.ForeignKeyField("models.Group", related_name="enrolments", null=True)
    start = fields.DateField()
    end = fields.DateField(null=True)

    class Meta:
        table = "enrolment"
        indexes = (("institution_id", "end"), ("child_id", "start"))


class GroupMembership(Model):
    """A person in a group beside the enrolment group: staff in their rooms, children in cross groups."""

    id = fields.IntField(primary_key=True)
    group_id: int
    group = fields.ForeignKeyField("models.Group", related_name="memberships")
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="group_memberships")

    class Meta:
        table = "group_membership"
        unique_together = (("group_id", "person_id"),)


class Employment(Model):
    """The role of an employee at one institution, with the superbruger flag."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="employments")
    institution_id: int
    institution = fields.ForeignKeyField("models.Institution", related_name="employments")
    role = fields.CharEnumField(StaffRole, max_length=20)
    superuser = fields.BooleanField(default=False)
    start = fields.DateField()
    end = fields.DateField(null=True)

    class Meta:
        table = "employment"


class MunicipalAssignment(Model):
    """A role at the municipality: admin, project team member, PPR consultant."""

    id = fields.IntField(primary_key=True)
    person_id: int
    person = fields.ForeignKeyField("models.Person", related_name="municipal_roles")
    role = fields.CharEnumField(MunicipalRole, max_length=20)

    class Meta:
        table = "municipal_assignment"
        unique_together = (("person_id", "role"),)


class ProfessionalAccess(Model):
    """An external professional (PPR) invited to the case of one child, until a date."""

    id = fields.IntField(primary_key=True)
    professional_id: int
    professional = fields.ForeignKeyField("models.Person", related_name="cases")
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="professionals")
    valid_to = fields.DateField(null=True)

    class Meta:
        table = "professional_access"
        unique_together = (("professional_id", "child_id"),)


class PickupPerson(Model):
    """Someone a guardian has authorised to pick a child up, beside the guardians."""

    id = fields.IntField(primary_key=True)
    child_id: int
    child = fields.ForeignKeyField("models.Person", related_name="pickup_persons")
    name = fields.CharField(max_length=120)
    relation = fields.CharField(max_length=60, default="")
    phone = fields.CharField(max_length=30, default="")
    added_by_id: int | None
    added_by = fields.ForeignKeyField("models.Person", related_name="pickup_persons_added", null=True)

    class Meta:
        table = "pickup_person"
