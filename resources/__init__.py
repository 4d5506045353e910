"""Icons and desktop-integration files, packaged with the application.

Read them with ``importlib.resources.files("resources")``: ``reading-club.svg`` is the icon
(the window's, and the menu's once ``reading-club install-desktop`` has copied it),
``APP_ID.desktop`` the menu entry and ``APP_ID.metainfo.xml`` its AppStream description.
Neither Qt nor the core is imported here: the window and the command line both read it.
"""

APP_ID = "io.github.reading_club.reading_club"
"""The desktop-file id: the window's ``setDesktopFileName``, the menu entry's, the icon's and
the AppStream component's name."""
ICON = "reading-club.svg"
