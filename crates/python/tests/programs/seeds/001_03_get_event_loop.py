# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 3 (lines 116-118)
# demonstrates: asyncio.get_event_loop() at top level (no output)
# edits: none (the block as published)

import asyncio
# 生成或获取一个事件循环
loop = asyncio.get_event_loop()
