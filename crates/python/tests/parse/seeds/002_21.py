elif i % 100000 == 1:
    await asyncio.sleep(0)
