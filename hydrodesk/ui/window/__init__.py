"""The main window's parts, one job each; hydrodesk.ui.main_window.MainWindow puts them together.

Each part is a mixin of MainWindow (see hydrodesk.ui.mixin): it reads the window's widgets and state, set up in
MainWindow.__init__, and adds one group of behaviour: its menus and actions, its dialogs, loading the farm,
remembering its layout.
"""
