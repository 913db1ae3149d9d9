"""The demo municipality (Sammenby Kommune): built in memory from a seed and a day, inserted in one transaction."""
