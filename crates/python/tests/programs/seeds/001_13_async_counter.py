# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 13 (lines 358-379), block 15 (lines 398-403)
# demonstrates: a class-based async iterator (__aiter__/__anext__, StopAsyncIteration) consumed with async for
# edits:
#   - joined block 15 (main, which iterates block 13's Counter)
#   - appended block 15

import asyncio

class Counter:
    """ 自定义异步迭代器（同时也是异步可迭代对象） """
    def __init__(self):
        self.num = 0

    async def count(self):
        # await asyncio.sleep(1)
        self.num += 1
        if self.num > 10:
            return None
        return self.num

    def __aiter__(self):
        return self

    async def __anext__(self):
        val = await self.count()
        if val is None:
            raise StopAsyncIteration
        return val

async def main():
    c_obj = Counter()
    async for i in c_obj:
        print(i)

asyncio.run(main())
