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
# The switch's label and buttons (the link's `loop=page|worker`).
controls-loop-label = loop:
controls-loop-page = page
controls-loop-worker = worker
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

# Problems with a value, in the form (under its field) and in the link's banner. $value is the
# value quoted as typed, $why a problem below; numbers come formatted.
error-value = { $value } { $why }
error-between = must be between { $min } and { $max }
error-between-s = must be between { $min } and { $max } s
error-too-small = is too small: the smallest allowed is { $min }
error-too-large = is too large: the largest allowed is { $max }
error-too-large-duration = is too large to be a duration
# $what: error-a-number or error-a-whole-number.
error-not-a = is not a { $what }
error-not-a-separator = is not a { $what }: separate items with commas
error-not-a-character = is not a { $what }: { $character } ({ $code }) is not a digit, comma or decimal point
error-a-number = number
error-a-whole-number = whole number
error-list-empty = needs at least one item (comma-separated)
error-list-long = at most { $max } items ({ $given } given)
error-item = item { $at } { $why }
error-item-value = ({ $value }) { $why }
error-item-empty = item { $at } is empty
error-item-between = item { $at } is { $value }; each must be between { $min } and { $max }
error-item-between-s = item { $at } is { $value }; each must be between { $min } and { $max } s
error-item-not-whole = ({ $value }) is not a whole number
error-negative = ({ $value }) is negative; each must be { $min }–{ $max }
error-name-long = name { $at } is longer than { $max } characters
error-name-chars = name { $at } ({ $value }) may hold only letters, digits and _
error-name-twice = { $value } appears twice; names must differ
# $why: what the URL check found (in English for now).
error-url = URL { $at } { $why }
error-url-value = URL { $at } ({ $value }) { $why }
error-speed = must be between { $min } and { $max } ms per scenario second
error-code-size = the program is { $size } KB; at most { $max } KB fit in AwaitLab
error-worker = { $scenario } { $mode } { $why }: it runs only with loop=page
error-worker-page-queues = schedules its callbacks on the page (microtasks, setTimeout, MessageChannel)
error-worker-pool = hands its jobs to a pool of Web Workers started by the page
error-program-pool = this program hands work to an executor pool, whose Web Workers the page starts: it runs only with loop=page
error-unknown-scenario = unknown scenario
# What a link asked for that was not used, and what was done instead.
error-url-scenario = no scenario { $value } (there are: { $known }); showing { $shown }
error-url-mode = { $scenario } has no mode { $value } (it has: { $known }); using { $shown }
error-url-not-used = { $why }; not used
error-url-using-page = { $why }; using page
error-url-loop = { $value } is not page or worker; using page
error-url-autorun = { $value } is not 1 or 0; not running automatically
error-url-keeping = { $why }; keeping { $value }
error-url-param = { $scenario } has no parameter { $value }; ignored
error-url-no-autorun = not running automatically: the link asks for something that does not exist or cannot be shown, so what is shown is not what it asked for
# A long value, cut: $quoted ends in …
quote-cut = { $quoted } ({ $total } characters)
# Why a URL of the http scenario is refused ($character: a quoted character or U+XXXX).
url-too-long = is { $chars } characters long; at most { $max }
url-may-not-hold = may not hold { $character }
url-no-scheme = starts with //: write http:// or https:// before the host
url-scheme = uses "{ $scheme }:"; only http://, https:// or relative URLs (like data/a.json) are allowed
url-slashes = needs // after { $scheme }: (like { $scheme }://example.org/)
url-no-host = has no host after //
