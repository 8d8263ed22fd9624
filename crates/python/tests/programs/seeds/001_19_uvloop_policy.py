# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 19 (lines 523-525)
# demonstrates: replacing the event loop policy with uvloop's
# edits: none (the block as published)

import asyncio
import uvloop
asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
