# AwaitLab golden-test program, extracted from a tutorial seed by
# crates/python/tests/programs/extract_seeds.py (regenerate, do not edit).
# seed: 001_afe7e6bfbbfb468a.txt, block 17 (lines 478-503)
# demonstrates: a class-based async context manager (__aenter__/__aexit__ awaiting asyncio.sleep)
# edits: none (the block as published)

import asyncio

class AsyncioContextManager:
    def __init__(self, vars):
        self.vars = vars
        
	# 两个魔术方法都需要async修饰
    async def __aenter__(self):
        print("调用__aenter__方法")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("调用__aexit__方法")
        await asyncio.sleep(1)

    async def do_something(self):
        return self.vars

async def main():
    # async with需要放在协程函数内
    async with AsyncioContextManager("test") as acm:
        print("进入async with语句块")
        res = await acm.do_something()
        print(res)

asyncio.run(main())
