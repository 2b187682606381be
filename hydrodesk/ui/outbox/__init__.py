"""The outbox view: its table model, texts and the dialogs for the choices on stopped changes."""
