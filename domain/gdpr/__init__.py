"""GDPR: audit search, data export, retention and consents."""
