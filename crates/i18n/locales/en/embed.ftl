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
open-unknown = This trace is of { $what }, which this AwaitLab does not have.
open-failed = Could not open { $file }: { $why }
