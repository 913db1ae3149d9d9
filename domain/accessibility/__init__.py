"""The accessibility statement: known problems and the conformance they leave."""
