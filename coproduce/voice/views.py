"""Answering votes and surveys, and their results."""
