"""The top floor: pages that gather every app's work, such as each role's home page.

Nothing below imports from here. Templates stay with core's layout (``core/home.jinja``).
"""
