"""GDPR: consents, photos, data export, retention, the audit search and the privacy hub."""
