"""Provisioning: importing institutions, groups, people, custody, enrolments and staff from municipal files."""
