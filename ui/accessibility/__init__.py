"""The accessibility statement page and the small parts that make other pages accessible (headings, data tables)."""
