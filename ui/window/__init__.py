"""The main window: the candidate list, the dashboard, the evaluation detail, the menus,
the actions on the data folder, and the start-up that shows it at once."""
