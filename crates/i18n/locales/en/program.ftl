# The program pane (what to look at, the program's status) and its editor. A mode's note and
# why an illustration has no program are the catalog's (scenarios.ftl).

program-pane = The program
program-look-at = What to look at
# Before the mode's note when the person's program is not the mode's.
program-about-own = About the mode's own program:{" "}
program-title = The program (Python)
program-editor-label = The program in Python
program-own-status = Run runs this program as it is: edit it and run it again.
program-edited-tag = edited
program-edited-status = This is your program: Run runs it as it is.
program-status = This is the program Run runs: edit it, or change the parameters, which are its marked values.
program-illustration-tag = illustration
# $why: the catalog's .missing, a clause that follows "it".
program-illustration-status = This mode runs the lesson's Rust scenario, not this text: it { $why }.
editor-keys = Tab indents, Shift+Tab dedents; Esc then Tab leaves the editor.
# $message: the syntax error as CPython words it.
editor-error = Line { $line }, column { $column }: { $message }
editor-marks = At the playhead:{" "}
editor-marks-separator = ,{" "}
editor-mark = { $task } at line { $line }
