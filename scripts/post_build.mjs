// Trunk's post-build hook (Trunk.toml). One hook running both steps in order: Trunk starts the
// hooks of a stage all at once, and sw.js must list the start script the first step writes.
await import('./externalize_boot.mjs');
await import('./precache.mjs');
