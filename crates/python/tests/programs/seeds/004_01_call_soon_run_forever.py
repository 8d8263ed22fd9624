# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 004_b96deb0ed91b0117.txt, block 1 (lines 88-107)
# demonstrates: loop.call_soon with functools.partial, run_forever until a callback calls loop.stop(), then loop.close()
# edits: none (the block as published)

import asyncio
import functools

def event_handler(loop, stop=False):
    print('Calling event handler')
    if stop:
        print('Loop is being stopped')
        loop.stop()

if __name__ == '__main__':
    loop = asyncio.get_event_loop()
    try:
        loop.call_soon(functools.partial(event_handler, loop))
        print('Loop is being started')
        loop.call_soon(functools.partial(event_handler, loop, stop=True))

        loop.run_forever()
    finally:
        print('Loop is being closed')
        loop.close()
