"""Embedded OpenID Connect provider for development and tests (stands in for MitID / UNI-Login)."""

from auth.dev_idp.router import create_dev_idp_router
from auth.dev_idp.users import DevUser

__all__ = ['DevUser', 'create_dev_idp_router']
