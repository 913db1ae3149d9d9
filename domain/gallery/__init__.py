"""Galleri: albums of photos for a group or an institution, with photo consent enforced in the data."""
