"""What HydroDesk tells its user and its support contact about itself: the log file, crash reports, the version.

Qt-free: the UI shows what these modules produce (hydrodesk.ui.crash_dialog, the Help menu).
"""
