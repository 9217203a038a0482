"""The `passerelle` command, which joins the headless core (`app/`) and the window (`ui/`).

`app/` never imports the window; this launcher, outside it, is the one place that does:
with no command it opens the window, `--self-test` adds the window's step to the core's,
and every other command is the core's own (`app.cli`), run without loading Qt.
"""
