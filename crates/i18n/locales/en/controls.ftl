# The controls: scenario picker, mode switch, parameter form, loop switch and run buttons.
# A parameter's label and hint are the catalog's (scenarios.ftl).

controls-scenario = Scenario
controls-mode = Mode
controls-parameters = Parameters
# A parameter's hint and its bounds.
controls-field-help = { $help } ({ $bounds })
controls-bounds-int = { $min }–{ $max }
controls-bounds-number = { $min }–{ $max } s
controls-bounds-int-list = up to { $max_len } items, each { $min }–{ $max }
controls-bounds-number-list = up to { $max_len } items, each { $min }–{ $max } s
controls-bounds-name-list = up to { $max_len } names
controls-bounds-url-list = up to { $max_len } http(s) or relative URLs, each up to { $max_chars } characters
controls-speed-help = real milliseconds per scenario second (1–10000)
controls-speed-help-honest = real milliseconds per scenario second (1–10000); honest timing from { $least } ms/s
controls-form-follows = You edited the program: these fields set its marked values.
# $why: where the program stopped matching the form (the reader's words, in English).
controls-form-detached = The form no longer describes the program ({ $why }): only the speed applies.
controls-form-unrelated = This program is not the mode's own: the fields do not apply, only the speed.
controls-back-to-original = Back to the original program
controls-loop-switch = Where the event loop runs
controls-loop-page-title = the loop runs on this page's main thread: blocking freezes the page
controls-loop-worker-title = the loop runs in a dedicated Web Worker: the page stays live
controls-run-title-page = run on this page's event loop
controls-run-title-worker = run on a loop in a Web Worker
controls-run = ▶ Run
controls-running = Running…
controls-stop = ■ Stop
controls-replay = ↻ Replay
controls-defaults = defaults
# Why Run is off (its tooltip).
controls-why-unknown-scenario = unknown scenario
controls-why-syntax = fix the program first: { $error }
controls-why-fields = fix the highlighted fields first
