# The boot screen (index.html's #boot), shown while the app's wasm downloads and before it runs.
# The start script carries these (scripts/externalize_boot.mjs reads this file at build time): keep
# each message on one line, its variables as { $name }.

boot-loading = Loading AwaitLab: its Python interpreter and event-loop lab…
# $got, $total: megabytes with one decimal (0.4, 2.5).
boot-progress = { $got } of { $total } MB
boot-progress-label = Downloading AwaitLab
boot-starting = Starting…
# $reason: one of the boot-why-… sentences, or the browser's own words.
boot-failed = AwaitLab could not start: { $reason }
boot-why-http = { $file } answered HTTP { $status }
boot-why-network = { $file } could not be downloaded (the connection failed)
boot-why-no-wasm = this browser has WebAssembly turned off (Lockdown Mode or a policy can do that), and AwaitLab runs on it
boot-reload = Reload the page
