"""Signing in and out, the second factor, and the pages allauth shows for them."""
