"""Icons and desktop-integration files, packaged with the application.

Read them with ``importlib.resources.files("resources")``; ``reading-club.svg`` is the
window icon and ``reading-club.desktop`` the desktop entry (``Exec=reading-club``).
"""
