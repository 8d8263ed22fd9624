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
