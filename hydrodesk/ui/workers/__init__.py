"""The worker roster pane's parts: Qt models, the detail view, the create-worker dialog and option labels."""
