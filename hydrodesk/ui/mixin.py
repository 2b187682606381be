"""The base of a big widget's parts: a pane or the main window split into mixins with one job each.

A part reads the attributes its widget creates in __init__ and calls the widget's (and Qt's) methods. At run time its
base is `object` (Qt's own class stays the widget's one Qt base); a type checker sees Any, so it accepts those
attributes without each part repeating the widget's declarations.
"""

from typing import Any

Mixin: Any = object
