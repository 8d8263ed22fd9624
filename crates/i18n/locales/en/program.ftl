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

## Why the form cannot read an edited program's marked literals (crates/core/src/program_params.rs).
params-at-line = line { $line }: { $why }
params-at-field = `{ $id }`: { $why }
params-marked-twice = `{ $id }` is marked a second time
params-no-such-field = the form has no parameter `{ $id }` for this program
params-mark-gone = the line marked `# param: { $id }` is gone
params-mark-alone = the mark for `{ $id }` is not followed by an assignment
params-mark-after-mark = the line after the mark for `{ $id }` has a mark of its own
params-mark-malformed = `# param:` must be followed by one parameter id (like `delays`), not "{ $text }"
params-not-assignment = the marked line must be `NAME = value`, not "{ $text }"
params-not-literal = its value must be a literal (a number, a string or a list of them), not "{ $text }"
params-tuple = a parameter's list is written [ ], not ( )
params-nested-list = a list inside a list is not a parameter's value
params-comma = "{ $item }" holds a comma, which the form cannot keep
params-list-open = the list is not closed with ] on the same line
params-list-items = the list's items must be literals separated by commas, not "{ $text }"
params-escapes = escapes (\) are not allowed in a parameter's value
params-string-open = the string is not closed on the same line
params-not-number = "{ $text }" is not a number
params-exponent = an exponent needs digits after the e
params-not-decimal = only decimal numbers are parameter values ("{ $char }" follows the digits)
params-leading-zeros = "{ $text }": Python does not allow leading zeros in a whole number
params-underscore = an underscore in a number must stand between digits
