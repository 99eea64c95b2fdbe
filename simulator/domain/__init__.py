"""The rules of two-factor authentication, in plain Python.

Nothing here imports Flask, the store or a portal: every rule of ../shared/SECURITY.md is
written once, receives the clock and the random source it needs, and is tested on its own.
Portals call these functions and persist what they return.
"""
