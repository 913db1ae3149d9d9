"""The configuration the `tortoise` command line reads (makemigrations, history)."""

from domain.settings import load_settings
from persistence.db import tortoise_config

TORTOISE_ORM = tortoise_config(load_settings().database_url)
