"""Tortoise copies a model's docstring into its CREATE TABLE comment; some characters break SQLite there."""

from __future__ import annotations

import inspect

from tortoise.models import Model

from persistence import db


def test_no_model_docstring_holds_a_semicolon_or_an_apostrophe() -> None:
    checked = 0
    for module_name in db.MODEL_MODULES:
        module = __import__(module_name, fromlist=["*"])
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Model) and cls.__module__ == module_name:
                checked += 1
                assert not set(cls.__doc__ or "") & {";", "'"}, cls.__name__
    assert checked >= 20
