# Putting the run elsewhere: the Embed panel's snippets and the Export menu.

embed-button = Embed
# The iframe's title: what a screen reader announces for the embedded page.
embed-frame-title = AwaitLab: { $scenario } · { $mode }
embed-panel = Embed in a page
embed-hint = Put what is on screen into any page: the iframe as it is, or a live block that a documentation page turns into one with embed.js (the block stays readable where scripts are off).
embed-iframe = iframe
embed-copy-iframe = Copy iframe
embed-copied-iframe = iframe copied.
embed-select-iframe = Select the iframe and copy it (the clipboard is not available here).
embed-block = Live block (embed.js)
embed-copy-block = Copy live block
embed-copied-block = live block copied.
embed-select-block = Select the live block and copy it (the clipboard is not available here).
export = Export
export-title = Export the run: its trace, the timeline as an image, the console as text
export-menu = Export the run
export-trace = Trace (JSON)
export-trace-title = The run as a Chrome trace (JSON): open it in Perfetto or chrome://tracing
export-svg = Timeline (SVG)
export-svg-title = The whole run's timeline as a vector image (SVG): the lanes, labels and colours on screen
export-png = Timeline (PNG)
export-png-title = The whole run's timeline as a picture (PNG) at this screen's pixel density
export-console = Console (text)
export-console-title = What the program printed, one line each, as plain text
export-nothing = Nothing to export: the timeline is empty.

# Opening a trace file AwaitLab exported (the export menu's last item).
export-open = Open a trace…
export-open-title = Open a trace file AwaitLab exported (JSON) and see its run again: the timeline, the loop and the story
open-done = Opened a recorded run of { $what }. The file holds the run, not its program: the program pane shows the mode's own.
open-kept-edit = Your edited program is kept: it comes back when you switch to its mode again.
open-unknown = This trace is of { $what }, which this AwaitLab does not have.
open-failed = Could not open { $file }: { $why }

# Why a file cannot be opened as a trace (crates/core/src/trace_import.rs).
open-too-large = the file is too large to open: { $mb } MB, and AwaitLab opens traces of at most 50 MB
open-too-many = the trace is too large to open: { $count } events, and AwaitLab opens traces of at most { $max } events
open-not-json = this file is not JSON ({ $detail }): AwaitLab opens the JSON trace it exports (Export → Trace (JSON))
open-not-trace = this file is JSON but not a trace: a trace is an object with a `traceEvents` list, as AwaitLab exports it (Export → Trace (JSON))
open-not-awaitlab = this is a Chrome trace, but not one AwaitLab exported ({ $why }): AwaitLab reopens only its own traces (Export → Trace (JSON))
open-why-bare-list = it is a bare list of events, without AwaitLab's run details
open-why-no-details = it has no otherData with the run's details
open-why-other-run = its otherData does not describe an AwaitLab run
open-newer = this trace was made by a newer AwaitLab (format { $found }); this one reads format { $ours } and older: open it in the newer AwaitLab
open-unreadable = this AwaitLab trace cannot be read: { $field } { $problem }
